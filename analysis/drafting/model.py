"""The draft's records: an event, a link and the whole draft, as the drafter builds them and
analysis.drafting.files writes them, and how far back its readers look."""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.drafting.clauses import Entity, Sentence
from analysis.text.article import Article

COREFERENCE_WINDOW = 40  # events looked back at for a second mention or the event a connective refers to


@dataclass
class DraftEvent:
    code: str
    kind: str  # verb or noun
    trigger: tuple[int, int]
    sentence: Sentence
    clause: tuple[int, int]
    spans: list[tuple[int, int]] = field(default_factory=list)
    primary: int = 0
    status: str = "occurred"
    status_reason: str = "no status cue: occurred"
    actors: list[Entity] = field(default_factory=list)
    actors_reason: str = ""
    time: tuple[int, int] | None = None
    location: str = ""
    attribution: tuple[Entity, Sentence, int, int] | None = None
    notes: list[str] = field(default_factory=list)
    event_id: str = ""
    head: str = ""
    joint: list[Entity] = field(default_factory=list)  # the joint subject an event of one of its members belongs to


@dataclass
class DraftLink:
    source: DraftEvent
    target: DraftEvent
    relation: str
    sentence: Sentence
    span: tuple[int, int]
    note: str


@dataclass
class Draft:
    article: Article
    sentences: list[Sentence]
    events: list[DraftEvent]
    links: list[DraftLink]
    actors: dict[str, dict]
    places: dict[str, dict]
    roles: list[dict]
    parties: list[dict]
    problems: list[str]

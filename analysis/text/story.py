"""What is particular to one article's story (story.toml in its folder): the parties and their mediators, the
chains of events to draw, the turning point to compare with the report, the figures' time window, and the
words of titles and notes that name the story. The library reads all of it from here and knows no story itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from analysis.text.records import AnnotationError, read_toml

STORY_FILE = "story.toml"
NO_SIDE = "other"  # the side of actors that belong to no party (sources, partners, bystanders)
ROLES = ("side", "mediator")
STORY_KEYS = {
    "title",
    "source_line",
    "party",
    "actor_order",
    "chain",
    "turning_point",
    "window",
    "attribution_labels",
    "figures",
}


@dataclass(frozen=True)
class Party:
    side: str  # the side label actors.csv gives its actors
    representative: str  # the actor that stands for the side when its actors are folded into one node
    role: str  # "side" or "mediator"


@dataclass(frozen=True)
class Chain:
    title: str
    events: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Story:
    path: Path
    title: str
    source_line: str
    parties: tuple[Party, ...]
    actor_order: tuple[str, ...]
    chains: tuple[Chain, ...]
    turning_point: dt.date | None
    turning_label: str
    turning_basis: str
    window: tuple[dt.date, dt.date] | None
    attribution_labels: dict[str, str] = field(default_factory=dict)
    figures: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def sides(self) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.role == "side")

    @property
    def mediators(self) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.role == "mediator")

    @property
    def side_labels(self) -> tuple[str, ...]:
        return tuple(p.side for p in self.parties)

    @property
    def focus(self) -> str:
        """The actor views open on: the first mediator's representative, else the first party's."""
        return (self.mediators or self.parties)[0].representative

    def representative_of(self, side: str) -> str | None:
        return next((p.representative for p in self.parties if p.side == side), None)

    def figure_text(self, figure: str, key: str, default: str) -> str:
        """A title, axis label or note the story gives for one figure, else `default`."""
        return self.figures.get(figure, {}).get(key, default)

    def check(self, actors, event_ids) -> None:
        """Cross-check against the article's actors (a DataFrame indexed by actor id) and event ids."""
        for party in self.parties:
            if party.representative not in actors.index:
                self._fail(f"party {party.side!r}", f"unknown representative {party.representative!r}")
            if actors.loc[party.representative, "side"] != party.side:
                self._fail(
                    f"party {party.side!r}",
                    f"representative {party.representative} is on side {actors.loc[party.representative, 'side']!r}",
                )
        for actor in self.actor_order:
            if actor not in actors.index:
                self._fail("actor_order", f"unknown actor {actor!r}")
        for chain in self.chains:
            for event_id in chain.events:
                if event_id not in event_ids:
                    self._fail(f"chain {chain.title!r}", f"unknown event {event_id!r}")

    def _fail(self, record: str, problem: str):
        raise AnnotationError(self.path, record, problem)


def _date(path: Path, record: str, value) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise AnnotationError(path, record, f"expected a TOML date (YYYY-MM-DD, unquoted), got {value!r}")
    return value


def _text(path: Path, record: str, entry: dict, key: str, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise AnnotationError(path, record, f"{key} must be a non-empty quoted string, not {value!r}")
    return value.strip()


def load_story(folder: Path) -> Story:
    """The story file of an article folder, validated field by field; a story needs a title, a source line and
    at least one party (side or mediator)."""
    path = folder / STORY_FILE
    data = read_toml(path)
    unknown = data.keys() - STORY_KEYS
    if unknown:
        raise AnnotationError(path, "file", f"unknown field(s) {', '.join(sorted(unknown))}")
    parties = []
    for index, entry in enumerate(data.get("party", []), start=1):
        record = f"party #{index}"
        if not isinstance(entry, dict) or entry.keys() - {"side", "representative", "role"}:
            raise AnnotationError(path, record, "a [[party]] holds side, representative and role only")
        party = Party(*(_text(path, record, entry, key) for key in ("side", "representative", "role")))
        if party.role not in ROLES:
            raise AnnotationError(path, record, f"role must be one of {', '.join(ROLES)}, not {party.role!r}")
        if party.side == NO_SIDE or party.side in (p.side for p in parties):
            raise AnnotationError(path, record, f"side {party.side!r} is reserved or given twice")
        parties.append(party)
    if not parties:
        raise AnnotationError(path, "party", "no [[party]]: name the sides (and mediators) of the story")
    chains = []
    for index, entry in enumerate(data.get("chain", []), start=1):
        record = f"chain #{index}"
        if not isinstance(entry, dict) or entry.keys() - {"title", "events", "text"}:
            raise AnnotationError(path, record, "a [[chain]] holds title, events and text only")
        events = entry.get("events")
        if not isinstance(events, list) or len(events) < 2 or not all(isinstance(e, str) for e in events):
            raise AnnotationError(path, record, "events must list at least two event ids")
        chains.append(
            Chain(_text(path, record, entry, "title"), tuple(events), _text(path, record, entry, "text", False))
        )
    turning = data.get("turning_point", {})
    if not isinstance(turning, dict) or turning.keys() - {"date", "label", "basis"}:
        raise AnnotationError(path, "turning_point", "holds date, label and basis only")
    window = data.get("window")
    if window is not None:
        start, end = (_date(path, f"window.{key}", window.get(key)) for key in ("start", "end"))
        if start >= end:
            raise AnnotationError(path, "window", f"starts {start}, not before it ends {end}")
        window = (start, end)
    figures = data.get("figures", {})
    if not all(isinstance(v, dict) and all(isinstance(s, str) for s in v.values()) for v in figures.values()):
        raise AnnotationError(path, "figures", "each [figures.NAME] table holds strings (title, xlabel, note)")
    return Story(
        path=path,
        title=_text(path, "title", data, "title"),
        source_line=_text(path, "source_line", data, "source_line"),
        parties=tuple(parties),
        actor_order=tuple(data.get("actor_order", [])),
        chains=tuple(chains),
        turning_point=_date(path, "turning_point.date", turning["date"]) if "date" in turning else None,
        turning_label=turning.get("label", ""),
        turning_basis=turning.get("basis", ""),
        window=window,
        attribution_labels=dict(data.get("attribution_labels", {})),
        figures=figures,
    )

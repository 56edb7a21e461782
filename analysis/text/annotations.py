"""The curated event annotations (data/events.toml), validated against the article and the vocabularies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.chronology.expressions import TimeExpressionError, is_ordering, resolve
from analysis.text.actors import Registry
from analysis.text.article import Article, Span
from analysis.text.codebook import Codebook
from analysis.text.records import AnnotationError, check_fields, read_toml

EVENTS_FILE = "events.toml"
EVENT_KEYS_REQUIRED = {"id", "label", "action", "actor1", "cameo", "status", "attributed_to", "evidence"}
EVENT_KEYS_OPTIONAL = {"actor2", "other_actors", "mediator", "time", "location", "summarises", "note"}
LINK_KEYS_REQUIRED = {"source", "target", "relation", "evidence"}
LINK_KEYS_OPTIONAL = {"note"}


@dataclass(frozen=True)
class Event:
    event_id: str
    label: str
    action: str
    actor1: str
    actor2: str
    other_actors: tuple[str, ...]
    mediator: str
    cameo_code: str
    status: str
    time_text: str
    location: str
    attributed_to: str
    attribution: Span
    evidence: tuple[Span, ...]
    summarises: tuple[str, ...]
    note: str

    @property
    def participants(self) -> tuple[str, ...]:
        return tuple(a for a in (self.actor1, self.actor2, self.mediator, *self.other_actors) if a)


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    relation: str
    evidence: Span
    note: str


@dataclass(frozen=True)
class Uncoded:
    span: Span
    reason: str


@dataclass(frozen=True)
class Annotations:
    path: Path
    events: tuple[Event, ...]
    links: tuple[Link, ...]
    uncoded: tuple[Uncoded, ...]


class _Reader:
    """Validates one annotation file; every error names the file and the record."""

    def __init__(self, path: Path, article: Article, registry: Registry, codebook: Codebook):
        self.path, self.article, self.registry, self.codebook = path, article, registry, codebook

    def fail(self, record: str, problem: str):
        raise AnnotationError(self.path, record, problem)

    def keys(self, record: str, entry: dict, required: set[str], optional: set[str]):
        check_fields(self.path, record, entry, required, optional)

    def text(self, record: str, entry: dict, key: str, required: bool = True) -> str:
        value = entry.get(key, "")
        if not isinstance(value, str):
            self.fail(record, f"{key} must be a quoted string, not {value!r}")
        if required and not value.strip():
            self.fail(record, f"{key} is empty")
        return value.strip()

    def span(self, record: str, entry, what: str) -> Span:
        if not isinstance(entry, dict) or not {"sentence", "quote"} <= entry.keys():
            self.fail(record, f"{what} needs a sentence and a quote")
        occurrence = entry.get("occurrence")
        return self.article.locate(
            entry["sentence"], entry["quote"], source=self.path, record=f"{record} {what}", occurrence=occurrence
        )

    def actor(self, record: str, actor_id: str, role: str) -> str:
        return self.registry.require_actor(actor_id, self.path, f"{record} {role}")

    def event(self, entry: dict, index: int) -> Event:
        record = f"event #{index}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            record = f"event {entry['id']}"
        self.keys(record, entry, EVENT_KEYS_REQUIRED, EVENT_KEYS_OPTIONAL)
        event_id = self.text(record, entry, "id")
        if not re.fullmatch(r"E\d{2,}", event_id):
            self.fail(record, f"event id {event_id!r} must be an E and two or more digits")
        cameo = entry["cameo"]
        if not isinstance(cameo, str):
            self.fail(record, f'cameo must be a quoted, zero-padded string such as "046", not {cameo!r}')
        if cameo not in self.codebook.cameo.index:
            self.fail(record, f"unknown CAMEO code {cameo!r} (not in {self.codebook.path.name})")
        status = self.text(record, entry, "status")
        if status not in self.codebook.statuses.index:
            self.fail(record, f"unknown status {status!r}; expected one of {', '.join(self.codebook.status_order)}")
        others = entry.get("other_actors", [])
        if not isinstance(others, list):
            self.fail(record, "other_actors must be a list of actor ids")
        summarises = entry.get("summarises", [])
        if not isinstance(summarises, list) or not all(isinstance(i, str) for i in summarises):
            self.fail(record, "summarises must be a list of event ids")
        evidence = entry["evidence"]
        if not isinstance(evidence, list) or not evidence:
            self.fail(record, "evidence must be a non-empty list of {sentence, quote}")
        spans = tuple(self.span(record, item, f"evidence #{i}") for i, item in enumerate(evidence, start=1))
        time_text = self.text(record, entry, "time", required=False)
        if time_text:
            if not any(time_text in span.quote for span in spans):
                self.fail(record, f"time {time_text!r} is not inside any of the event's evidence quotes")
            if not is_ordering(time_text):
                try:
                    resolve(time_text, self.article.reference_date, tense=self.codebook.tense(status))
                except TimeExpressionError as error:
                    self.fail(record, str(error))
        attribution = entry["attributed_to"]
        if not isinstance(attribution, dict) or "actor" not in attribution:
            self.fail(record, "attributed_to needs an actor, a sentence and a quote")
        location = self.text(record, entry, "location", required=False)
        if location:
            self.registry.require_place(location, self.path, f"{record} location")
        actor1 = self.actor(record, self.text(record, entry, "actor1"), "actor1")
        actor2 = self.text(record, entry, "actor2", required=False)
        mediator = self.text(record, entry, "mediator", required=False)
        if mediator and not actor2:
            self.fail(record, "a mediator needs an actor2 to mediate with")
        participants = [actor1, *(a for a in (actor2, mediator) if a), *others]
        if len(set(participants)) != len(participants):
            self.fail(record, f"an actor appears twice among {participants}")
        return Event(
            event_id=event_id,
            label=self.text(record, entry, "label"),
            action=self.text(record, entry, "action"),
            actor1=actor1,
            actor2=self.actor(record, actor2, "actor2") if actor2 else "",
            other_actors=tuple(self.actor(record, a, "other_actors") for a in others),
            mediator=self.actor(record, mediator, "mediator") if mediator else "",
            cameo_code=cameo,
            status=status,
            time_text=time_text,
            location=location,
            attributed_to=self.actor(record, attribution["actor"], "attributed_to"),
            attribution=self.span(record, attribution, "attributed_to"),
            evidence=spans,
            summarises=tuple(summarises),
            note=self.text(record, entry, "note", required=False),
        )

    def link(self, entry: dict, index: int, event_ids) -> Link:
        record = f"link #{index}"
        self.keys(record, entry, LINK_KEYS_REQUIRED, LINK_KEYS_OPTIONAL)
        source, target = self.text(record, entry, "source"), self.text(record, entry, "target")
        record = f"link #{index} ({source} -> {target})"
        for end in (source, target):
            if end not in event_ids:
                self.fail(record, f"links to missing event {end!r}")
        if source == target:
            self.fail(record, "links an event to itself")
        relation = self.text(record, entry, "relation")
        if relation not in self.codebook.relations.index:
            self.fail(
                record, f"unknown relation {relation!r}; expected one of {', '.join(self.codebook.relations.index)}"
            )
        return Link(
            source,
            target,
            relation,
            self.span(record, entry["evidence"], "evidence"),
            self.text(record, entry, "note", required=False),
        )


def load_annotations(path: Path, article: Article, registry: Registry, codebook: Codebook) -> Annotations:
    """Parse and validate the annotation file; the first problem found raises AnnotationError."""
    data = read_toml(path)
    reader = _Reader(path, article, registry, codebook)
    unknown = data.keys() - {"event", "link", "uncoded"}
    if unknown:
        reader.fail("file", f"unknown section(s) {', '.join(sorted(unknown))}")
    raw_events = data.get("event", [])
    if not raw_events:
        reader.fail("file", "has no [[event]] records")
    events: dict[str, Event] = {}
    for index, entry in enumerate(raw_events, start=1):
        event = reader.event(entry, index)
        if event.event_id in events:
            reader.fail(f"event {event.event_id}", "duplicate event id")
        events[event.event_id] = event
    for event in events.values():
        for summarised in event.summarises:
            if summarised not in events or summarised == event.event_id:
                reader.fail(f"event {event.event_id}", f"summarises {summarised!r}, which is not another event")
            if events[summarised].summarises:
                reader.fail(f"event {event.event_id}", f"summarises {summarised}, itself a summary")
    links: dict[tuple[str, str, str], Link] = {}
    for index, entry in enumerate(data.get("link", []), start=1):
        link = reader.link(entry, index, events.keys())
        if (link.source, link.target, link.relation) in links:
            reader.fail(f"link #{index}", "duplicate link")
        links[link.source, link.target, link.relation] = link
    uncoded = []
    for index, entry in enumerate(data.get("uncoded", []), start=1):
        record = f"uncoded #{index}"
        reader.keys(record, entry, {"sentence", "quote", "reason"}, set())
        uncoded.append(Uncoded(reader.span(record, entry, "quote"), reader.text(record, entry, "reason")))
    return Annotations(path, tuple(events.values()), tuple(links.values()), tuple(uncoded))

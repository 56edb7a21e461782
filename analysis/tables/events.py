"""The event table: one row per curated event, with its coding, its dates and the words it rests on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pandas as pd

from analysis.chronology.expressions import PRECISIONS, UNKNOWN, Interval, TimeExpressionError, resolve
from analysis.text.actors import Registry, find_mentions, load_registry
from analysis.text.annotations import EVENTS_FILE, Annotations, Link, load_annotations
from analysis.text.article import Article, load_article
from analysis.text.codebook import Codebook, load_codebook, sign_of
from analysis.text.records import VOCABULARY_DIR, AnnotationError, article_dir
from analysis.text.story import Story, load_story


@dataclass(frozen=True)
class Dataset:
    """Everything curated about one article, loaded and cross-checked: the one input of every table and graph."""

    article: Article
    registry: Registry
    codebook: Codebook
    annotations: Annotations
    story: Story

    @property
    def folder(self) -> Path:
        return self.article.path.parent

    @cached_property
    def mentions(self) -> pd.DataFrame:
        return find_mentions(self.article, self.registry, self.article.path.parent)

    @cached_property
    def intervals(self) -> dict[str, Interval]:
        return date_events(self.annotations, self.codebook, self.article.reference_date)

    @cached_property
    def event_table(self) -> pd.DataFrame:
        """The event table, built once per dataset (build_event_table returns a copy to change at will)."""
        return _event_table(self)

    @cached_property
    def link_table(self) -> pd.DataFrame:
        return _link_table(self)


def load_dataset(
    article: str | Path | None = None, vocabularies: Path = VOCABULARY_DIR, events_file: str = EVENTS_FILE
) -> Dataset:
    """The article folder `article` (a name under data/articles/ or a path; by default $ARTICLE, else the
    default article) with the shared vocabularies, validated file by file and across files."""
    folder = article_dir(article)
    story = load_story(folder)
    text = load_article(folder)
    registry = load_registry(folder, story.side_labels)
    codebook = load_codebook(vocabularies)
    annotations = load_annotations(folder / events_file, text, registry, codebook)
    story.check(registry.actors, {e.event_id for e in annotations.events})
    return Dataset(text, registry, codebook, annotations, story)


def predecessors(annotations: Annotations, codebook: Codebook) -> dict[str, list[tuple[str, Link]]]:
    """For each event, the events the article says it came after, with the link that says so (links whose
    relation's time rule orders the events themselves; see data/link_relations.csv)."""
    before: dict[str, list[tuple[str, Link]]] = {e.event_id: [] for e in annotations.events}
    for link in annotations.links:
        rule = codebook.relations.loc[link.relation, "time_rule"]
        if rule in ("target_after_source", "target_planned_after_source"):
            before[link.target].append((link.source, link))
        elif rule == "source_after_target":
            before[link.source].append((link.target, link))
    return before


def date_events(annotations: Annotations, codebook: Codebook, reference: dt.date) -> dict[str, Interval]:
    """Each event's interval: its own time expression, narrowed by the events it follows.

    An ordering ("After the vote") or a link gives a lower bound: the latest start of the events it
    follows. A link whose predecessor starts after its successor can have ended contradicts the dates and is
    an error. A realized event (occurred, ongoing) ends by the reference date of the report that tells of it.
    Bounds the article does not give stay open.
    """
    before = predecessors(annotations, codebook)
    by_id = {e.event_id: e for e in annotations.events}
    try:
        order = list(TopologicalSorter({k: [p for p, _ in v] for k, v in before.items()}).static_order())
    except CycleError as error:
        raise AnnotationError(annotations.path, "links", f"events ordered in a cycle: {error.args[1]}") from error
    intervals: dict[str, Interval] = {}
    for event_id in order:
        event = by_id[event_id]
        bounds = [(intervals[p].start, p, link) for p, link in before[event_id] if intervals[p].start is not None]
        lower = max(bounds, key=lambda bound: bound[0]) if bounds else None
        anchor = Interval(lower[0], None, "range", "") if lower else None
        try:
            tense = codebook.tense(event.status)
            interval = resolve(event.time_text, reference, after=anchor, tense=tense) if event.time_text else UNKNOWN
        except TimeExpressionError as error:
            raise AnnotationError(annotations.path, f"event {event_id}", str(error)) from error
        if lower:
            start, source, link = lower
            if interval.end is not None and start > interval.end:
                raise AnnotationError(
                    annotations.path,
                    f"link {link.source} -> {link.target} ({link.relation})",
                    f"{event_id} must come after {source}, but {source} starts {start}, after {event_id} ends "
                    f"{interval.end}",
                )
            if interval.start is None or interval.start < start:
                interval = Interval(
                    start,
                    interval.end,
                    "range" if interval.precision == "unknown" else interval.precision,
                    f"{interval.basis if event.time_text else 'no time given'}; after {source} "
                    f"({link.relation}), which starts {start}",
                )
        if codebook.realized(event.status):
            if interval.start and interval.start > reference:
                raise AnnotationError(
                    annotations.path,
                    f"event {event_id}",
                    f"status {event.status} but it starts {interval.start}, after the reference date {reference}",
                )
            if interval.end is None or interval.end > reference:
                interval = Interval(
                    interval.start,
                    reference,
                    "range" if interval.precision == "unknown" else interval.precision,
                    f"{interval.basis}; reported as {event.status} by the reference date {reference}",
                )
        intervals[event_id] = interval
    return intervals


def _date(day: dt.date | None) -> pd.Timestamp:
    return pd.Timestamp(day) if day else pd.NaT


def iso_date(value: pd.Timestamp) -> str:
    """An ISO date, or "" for an open bound (NaT)."""
    return "" if pd.isna(value) else value.date().isoformat()


def build_event_table(dataset: Dataset | None = None) -> pd.DataFrame:
    """One row per event, with explicit dtypes: categorical status and precision, datetime bounds.
    `summary` marks the events that sum up others (a headline): they stay out of sums and counts."""
    return (dataset or load_dataset()).event_table.copy()


def build_link_table(dataset: Dataset | None = None) -> pd.DataFrame:
    """The links between events that the article asserts, each with the words that assert it."""
    return (dataset or load_dataset()).link_table.copy()


def _event_table(dataset: Dataset) -> pd.DataFrame:
    summarised_by = {s: e.event_id for e in dataset.annotations.events for s in e.summarises}
    cameo = dataset.codebook.cameo
    rows = []
    for event in dataset.annotations.events:
        code = cameo.loc[event.cameo_code]
        interval = dataset.intervals[event.event_id]
        primary = event.evidence[0]
        rows.append(
            {
                "event_id": event.event_id,
                "label": event.label,
                "action": event.action,
                "actor1": event.actor1,
                "actor2": event.actor2,
                "other_actors": ";".join(event.other_actors),
                "mediator": event.mediator,
                "cameo_code": event.cameo_code,
                "cameo_label": code["label"],
                "goldstein": float(code["goldstein"]),
                "quad_class": int(code["quad_class"]),
                "sign": sign_of(int(code["quad_class"])),
                "status": event.status,
                "realized": dataset.codebook.realized(event.status),
                "tie": dataset.codebook.statuses.loc[event.status, "tie"],
                "time_text": event.time_text,
                "date_start": _date(interval.start),
                "date_end": _date(interval.end),
                "date_precision": interval.precision,
                "date_basis": interval.basis,
                "location": event.location,
                "attributed_to": event.attributed_to,
                "attribution_quote": event.attribution.quote,
                "sentence_id": primary.sentence_id,
                "span_start": primary.start,
                "span_end": primary.end,
                "evidence": primary.quote,
                "n_evidence": len(event.evidence),
                "summary": bool(event.summarises),
                "summarises": ";".join(event.summarises),
                "summarised_by": summarised_by.get(event.event_id, ""),
                "note": event.note,
            }
        )
    table = pd.DataFrame(rows)
    return table.astype(
        {
            "status": pd.CategoricalDtype(dataset.codebook.status_order, ordered=True),
            "date_precision": pd.CategoricalDtype(PRECISIONS, ordered=True),
            "sign": pd.CategoricalDtype(["cooperation", "conflict"]),
            "date_start": "datetime64[s]",
            "date_end": "datetime64[s]",
            "goldstein": "float64",
            "quad_class": "int64",
            "span_start": "int64",
            "span_end": "int64",
            "n_evidence": "int64",
            "realized": "bool",
            "summary": "bool",
        }
    )


def build_evidence_table(dataset: Dataset | None = None) -> pd.DataFrame:
    """Every quote an event cites, in the order the annotation gives them (the first is primary)."""
    dataset = dataset or load_dataset()
    rows = [
        {
            "event_id": e.event_id,
            "rank": rank,
            "sentence_id": s.sentence_id,
            "span_start": s.start,
            "span_end": s.end,
            "quote": s.quote,
        }
        for e in dataset.annotations.events
        for rank, s in enumerate(e.evidence, start=1)
    ]
    return pd.DataFrame(rows)


def _link_table(dataset: Dataset) -> pd.DataFrame:
    rows = [
        {
            "source_event": link.source,
            "target_event": link.target,
            "relation": link.relation,
            "sentence_id": link.evidence.sentence_id,
            "span_start": link.evidence.start,
            "span_end": link.evidence.end,
            "evidence": link.evidence.quote,
            "note": link.note,
            "time_rule": dataset.codebook.relations.loc[link.relation, "time_rule"],
            "drawn": bool(dataset.codebook.relations.loc[link.relation, "drawn"]),
        }
        for link in dataset.annotations.links
    ]
    return pd.DataFrame(rows)


def filter_events(table: pd.DataFrame, statuses=(), actor: str = "", sources=()) -> pd.DataFrame:
    """Rows with one of `statuses` (all if empty), involving `actor` in any role, attributed to one of `sources`
    (any source if empty)."""
    keep = pd.Series(True, index=table.index)
    if statuses:
        keep &= table["status"].isin(list(statuses))
    if actor:
        involved = (table["actor1"] == actor) | (table["actor2"] == actor) | (table["mediator"] == actor)
        keep &= involved | table["other_actors"].str.split(";").map(lambda ids: actor in ids)
    if len(sources):
        keep &= table["attributed_to"].isin(list(sources))
    return table[keep]

"""The event table: one row per curated event, with its coding, its dates and the words it rests on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pandas as pd

from .actors import Registry, find_mentions, load_registry
from .annotations import EVENTS_FILE, Annotations, load_annotations
from .article import Article, load_article
from .codebook import Codebook, load_codebook, sign_of
from .records import DATA_DIR, AnnotationError
from .temporal import PRECISIONS, UNKNOWN, Interval, TimeExpressionError, resolve


@dataclass(frozen=True)
class Dataset:
    """Everything curated in data/, loaded and cross-checked: the one input of every table and graph."""

    article: Article
    registry: Registry
    codebook: Codebook
    annotations: Annotations

    @cached_property
    def mentions(self) -> pd.DataFrame:
        return find_mentions(self.article, self.registry, self.article.path.parent)

    @cached_property
    def intervals(self) -> dict[str, Interval]:
        return date_events(self.annotations, self.codebook, self.article.reference_date)


def load_dataset(data_dir: Path = DATA_DIR, events_file: str = EVENTS_FILE) -> Dataset:
    article = load_article(data_dir)
    registry = load_registry(data_dir)
    codebook = load_codebook(data_dir)
    annotations = load_annotations(data_dir / events_file, article, registry, codebook)
    return Dataset(article, registry, codebook, annotations)


def predecessors(annotations: Annotations, codebook: Codebook) -> dict[str, list[str]]:
    """For each event, the events the article says it came after (from links whose relation orders time)."""
    before: dict[str, list[str]] = {e.event_id: [] for e in annotations.events}
    for link in annotations.links:
        order = codebook.relations.loc[link.relation, "orders_time"]
        if order == "target_after_source":
            before[link.target].append(link.source)
        elif order == "source_after_target":
            before[link.source].append(link.target)
    return before


def date_events(annotations: Annotations, codebook: Codebook, reference: dt.date) -> dict[str, Interval]:
    """Each event's interval: from its own time expression, else from the events it follows.

    An ordering ("After this invasion") or a link gives a lower bound: the earliest start of the events it
    follows. A realized event (occurred, ongoing) cannot end after the reference date of the report that
    tells of it. Bounds the article does not give stay open.
    """
    before = predecessors(annotations, codebook)
    by_id = {e.event_id: e for e in annotations.events}
    try:
        order = list(TopologicalSorter(before).static_order())
    except CycleError as error:
        raise AnnotationError(annotations.path, "links", f"events ordered in a cycle: {error.args[1]}") from error
    intervals: dict[str, Interval] = {}
    for event_id in order:
        event = by_id[event_id]
        starts = [intervals[p].start for p in before[event_id] if intervals[p].start is not None]
        anchor = Interval(max(starts), None, "range", "") if starts else None
        follows = ", ".join(before[event_id])
        try:
            if event.time_text:
                interval = resolve(event.time_text, reference, after=anchor)
            elif anchor:
                interval = Interval(
                    anchor.start, None, "range", f"no time given; after {follows}, which starts {anchor.start}"
                )
            else:
                interval = UNKNOWN
        except TimeExpressionError as error:
            raise AnnotationError(annotations.path, f"event {event_id}", str(error)) from error
        if codebook.realized(event.status):
            if interval.start and interval.start > reference:
                raise AnnotationError(
                    annotations.path,
                    f"event {event_id}",
                    f"status {event.status} but it starts {interval.start}, after the reference date {reference}",
                )
            if interval.end is None:
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
    """One row per event, with explicit dtypes: categorical status and precision, datetime bounds."""
    dataset = dataset or load_dataset()
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


def build_link_table(dataset: Dataset | None = None) -> pd.DataFrame:
    """The links between events that the article asserts, each with the words that assert it."""
    dataset = dataset or load_dataset()
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
        }
        for link in dataset.annotations.links
    ]
    return pd.DataFrame(rows)


def filter_events(table: pd.DataFrame, statuses=(), actor: str = "", source: str = "") -> pd.DataFrame:
    """Rows with one of `statuses` (all if empty), involving `actor` in any role, attributed to `source`."""
    keep = pd.Series(True, index=table.index)
    if statuses:
        keep &= table["status"].isin(list(statuses))
    if actor:
        involved = (table["actor1"] == actor) | (table["actor2"] == actor) | (table["mediator"] == actor)
        keep &= involved | table["other_actors"].str.split(";").map(lambda ids: actor in ids)
    if source:
        keep &= table["attributed_to"] == source
    return table[keep]

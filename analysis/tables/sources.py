"""Who asserts what: attribution of events to the sources the article names."""

from __future__ import annotations

import pandas as pd

from analysis.tables.events import Dataset, build_event_table


def attribution_table(dataset: Dataset) -> pd.DataFrame:
    """Events per source, with the source's kind and whether the article names it or not; a summary (a
    headline summing up other events) is not counted, so that no happening counts twice."""
    table = build_event_table(dataset)
    table = table[~table["summary"]]
    actors = dataset.registry.actors
    counts = (
        table.groupby("attributed_to", observed=True)
        .agg(
            events=("event_id", "size"),
            event_ids=("event_id", lambda ids: ", ".join(sorted(ids))),
            attribution=("attribution_quote", lambda q: " | ".join(sorted(set(q)))),
        )
        .reset_index()
    )
    counts["source"] = counts["attributed_to"].map(actors["name"])
    counts["kind"] = counts["attributed_to"].map(actors["kind"])
    counts["sourcing"] = counts["kind"].map(lambda kind: "anonymous" if kind == "anonymous sources" else "named")
    counts = counts.sort_values(["events", "attributed_to"], ascending=[False, True]).reset_index(drop=True)
    return counts[["attributed_to", "source", "kind", "sourcing", "events", "event_ids", "attribution"]]


ATTRIBUTION_KINDS = {"anonymous sources": "anonymous source", "news outlet": "news outlet, on its own authority"}
ON_THE_RECORD = "named official, on the record"


def attribution_kind(kind: str, labels: dict[str, str]) -> str:
    """Three kinds of sourcing: anonymous people, a news outlet on its own authority, and named officials on the
    record; a story can word them its own way (`labels`: actor kind -> words, from its attribution_labels)."""
    return labels.get(kind) or ATTRIBUTION_KINDS.get(kind, ON_THE_RECORD)


def attribution_shares(dataset: Dataset) -> pd.DataFrame:
    """Events and their share by kind of attribution, most common first."""
    counts = attribution_table(dataset)
    counts["attribution_kind"] = counts["kind"].map(
        lambda kind: attribution_kind(kind, dataset.story.attribution_labels)
    )
    shares = counts.groupby("attribution_kind")["events"].sum().sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"events": shares, "share": (shares / shares.sum()).round(3)})

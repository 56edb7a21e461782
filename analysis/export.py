"""The export contract: CSV tables and GraphML for people outside Python and for automated checks."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from .events import Dataset, build_event_table, build_evidence_table, build_link_table, iso_date, load_dataset
from .graph import build_actor_graph

EVENT_COLUMNS = [
    "event_id",
    "label",
    "actor1",
    "actor2",
    "other_actors",
    "action",
    "cameo_code",
    "goldstein",
    "quad_class",
    "status",
    "time_text",
    "date_start",
    "date_end",
    "date_precision",
    "location",
    "attributed_to",
    "sentence_id",
    "span_start",
    "span_end",
    "evidence",
]


def export(outdir: Path, dataset: Dataset | None = None) -> list[Path]:
    """Write events.csv, evidence.csv, event_links.csv, actors.csv, mentions.csv and actor_graph.graphml."""
    dataset = dataset or load_dataset()
    outdir.mkdir(parents=True, exist_ok=True)
    written = []

    def write_csv(frame, name):
        path = outdir / name
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)

    events = build_event_table(dataset)
    events["date_start"] = events["date_start"].map(iso_date)
    events["date_end"] = events["date_end"].map(iso_date)
    extra = [c for c in events.columns if c not in EVENT_COLUMNS]
    write_csv(events[EVENT_COLUMNS + extra], "events.csv")
    write_csv(build_evidence_table(dataset), "evidence.csv")
    write_csv(build_link_table(dataset), "event_links.csv")

    mentions = dataset.mentions
    actors = dataset.registry.actors.reset_index()
    actors["mentions"] = actors["actor_id"].map(mentions["actor_id"].value_counts()).fillna(0).astype(int)
    write_csv(
        actors[["actor_id", "name", "kind", "country", "cameo_code", "aliases", "mentions", "side"]], "actors.csv"
    )
    write_csv(mentions, "mentions.csv")

    graph_path = outdir / "actor_graph.graphml"
    nx.write_graphml(build_actor_graph(dataset), graph_path)
    written.append(graph_path)
    return written

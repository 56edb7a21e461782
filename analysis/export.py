"""The export contract: CSV tables and GraphML for people outside Python and for automated checks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from analysis import figures
from analysis.external.facts import load_external
from analysis.external.layer import with_external_layer
from analysis.external.outcomes import date_check
from analysis.external.tellings import citation_graph, load_tellings
from analysis.figures.timeline import time_window
from analysis.network.brokerage import brokerage_table
from analysis.network.graph import build_actor_graph
from analysis.network.snapshots import change_days, net_cooperation_over_time, pair_net, snapshot
from analysis.tables.events import (
    Dataset,
    build_event_table,
    build_evidence_table,
    build_link_table,
    iso_date,
    load_dataset,
)
from analysis.tables.sources import attribution_table

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
    """Write the tables (events, evidence, event_links, actors, mentions, brokerage) as CSV, the actor graph
    and its snapshots (at the story's turning point and at the reference date) as GraphML, GEXF and node-link JSON, and
    the notebooks' main figures as SVG and PNG in figures/."""
    dataset = dataset or load_dataset()
    outdir.mkdir(parents=True, exist_ok=True)
    written = []

    def write_csv(frame, name):
        path = outdir / name
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)

    events = dated(build_event_table(dataset))
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

    graph = build_actor_graph(dataset)
    write_csv(brokerage_table(graph), "brokerage.csv")
    table, links = build_event_table(dataset), build_link_table(dataset)
    snapshots = {day: snapshot(graph, table, links, day) for day in compared_days(dataset)}
    graphs = {"actor_graph": graph, **{f"snapshot_{day.isoformat()}": g for day, g in snapshots.items()}}
    external = load_external(dataset)
    if external.present:  # beside the article's tables, never in them
        write_csv(external.sources.reset_index(), "external_sources.csv")
        write_csv(external.actors.reset_index(), "external_actors.csv")
        write_csv(dated(external.events), "external_events.csv")
        write_csv(dated(external.outcomes), "outcomes.csv")
        write_csv(dated(external.stances), "stances.csv")
        write_csv(dated(date_check(table, external)), "date_check.csv")
        graphs["actor_graph_external"] = with_external_layer(graph, external)
    tellings = load_tellings(dataset)
    if tellings.present:  # other tellings of the story, beside the article's tables
        write_csv(tellings.tellings.reset_index(), "tellings.csv")
        write_csv(tellings.claims.reset_index(), "claims.csv")
        write_csv(tellings.final().rename_axis("telling_id").reset_index(), "coverage_matrix.csv")
        codings = [tellings.codings[c].assign(coder=c) for c in ("a", "b")]
        write_csv(pd.concat(codings, ignore_index=True), "codings.csv")
        write_csv(tellings.final_certainty().rename("level").reset_index(), "certainty.csv")
        write_csv(tellings.resolution, "resolution.csv")
        graphs["citations"] = citation_graph(tellings)
    for name, g in graphs.items():
        written += write_graph(g, outdir / name)
    written += write_figures(main_figures(dataset, graph, table, links, snapshots), outdir / "figures")
    return written


def dated(frame):
    """A copy with every datetime column as ISO dates ("" when open)."""
    frame = frame.copy()
    for column in frame.columns[frame.dtypes.map(lambda d: str(d).startswith("datetime"))]:
        frame[column] = frame[column].map(iso_date)
    return frame


def compared_days(dataset: Dataset) -> list[dt.date]:
    """The story's turning point (if it names one) and the reference date: the snapshots to compare."""
    turning = dataset.story.turning_point
    return [*([turning] if turning else []), dataset.article.reference_date]


def main_figures(dataset: Dataset, graph, table, links, snapshots: dict) -> dict:
    """The notebooks' main figures, by file stem (drawn lazily, one at a time): one causal chain per chain of the
    story (causal_chain, causal_chain_2, ...)."""
    story, reference = dataset.story, dataset.article.reference_date
    after = snapshots[reference]
    start = time_window(table, story, reference)[0]
    drawings = {
        "timeline": lambda: figures.plot_timeline(table, links, reference, story),
        **{
            "causal_chain" + (f"_{i}" if i > 1 else ""): (
                lambda chain=chain: figures.plot_causal_chain(table, links, chain, story)
            )
            for i, chain in enumerate(story.chains, start=1)
        },
        "goldstein": lambda: figures.plot_goldstein(table, story),
        "attribution": lambda: figures.plot_attribution(attribution_table(dataset), story),
        "actor_graph": lambda: figures.plot_actor_graph(graph, story),
        "mediator_graph": lambda: figures.plot_mediator_graph(graph, story),
        "snapshots": lambda: figures.plot_snapshots({f"{day:%d %b %Y}": g for day, g in snapshots.items()}, story),
        "net_cooperation": lambda: figures.plot_net_cooperation(
            net_cooperation_over_time(graph, table, links, change_days(table, start, reference)), story, reference
        ),
        "signed_parties": lambda: figures.plot_signed_parties(
            pair_net(after), story, f"Net Goldstein score of realized ties, {reference:%d %b %Y}"
        ),
        "sourcing": lambda: figures.plot_sourcing(graph, story),
    }
    return drawings


def write_figures(drawings: dict, folder: Path) -> list[Path]:
    """Each figure as SVG and PNG, for use outside Jupyter."""
    folder.mkdir(parents=True, exist_ok=True)
    figures.configure()
    paths = []
    for stem, draw in drawings.items():
        fig = draw()
        for suffix in (".svg", ".png"):
            path = folder / f"{stem}{suffix}"
            fig.savefig(path, dpi=150, metadata={"Date": None} if suffix == ".svg" else {"Software": None})
            paths.append(path)
        plt.close(fig)
    return paths


def write_graph(graph: nx.MultiDiGraph, stem: Path) -> list[Path]:
    """The graph as GraphML (networkx, yEd), GEXF (Gephi) and node-link JSON (d3, networkx)."""
    paths = [stem.with_suffix(".graphml"), stem.with_suffix(".gexf"), stem.with_suffix(".json")]
    nx.write_graphml(graph, paths[0])
    nx.write_gexf(graph, paths[1])
    paths[2].write_text(json.dumps(nx.node_link_data(graph, edges="edges"), indent=1, sort_keys=True) + "\n")
    return paths

"""The actor-relationship graph: a networkx MultiDiGraph with an action layer and a sourcing layer."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from analysis.tables.events import Dataset, build_event_table, iso_date, load_dataset

ACTION, SOURCING = "action", "sourcing"


def event_dyads(actor1: str, actor2: str, mediator: str, other_actors: list[str]) -> list[tuple[str, str, str]]:
    """The (source, target, channel) pairs an event links: direct, or through its mediator when indirect."""
    targets = [a for a in (actor2, *other_actors) if a]
    if mediator:
        return [(actor1, mediator, "to mediator")] + [(mediator, t, "from mediator") for t in targets]
    return [(actor1, t, "direct") for t in targets]


def build_actor_graph(dataset: Dataset | None = None) -> nx.MultiDiGraph:
    """Actors as nodes (with the registry's attributes); one edge per event and actor pair.

    Action edges (layer "action") carry the event's coding. Sourcing edges (layer "sourcing") run from the
    actor an event is attributed to, to the event's first actor: who reports what. A source reporting on
    itself (Putin's own statements) gets no self-loop; its event rows say so in attributed_to.
    """
    dataset = dataset or load_dataset()
    table = build_event_table(dataset)
    graph = nx.MultiDiGraph(name="actors", reference_date=dataset.article.reference_date.isoformat())
    for actor_id, row in dataset.registry.actors.sort_index().iterrows():
        mentions = dataset.mentions[dataset.mentions["actor_id"] == actor_id]
        graph.add_node(
            actor_id,
            name=row["name"],
            kind=row["kind"],
            country=row["country"],
            cameo_code=row["cameo_code"],
            side=row["side"],
            aliases=row["aliases"],
            mentions=len(mentions),
        )
    for event in table.itertuples(index=False):
        common = {
            "event_id": event.event_id,
            "label": event.label,
            "status": event.status,
            "date_start": iso_date(event.date_start),
            "date_end": iso_date(event.date_end),
        }
        others = event.other_actors.split(";") if event.other_actors else []
        for source, target, channel in event_dyads(event.actor1, event.actor2, event.mediator, others):
            graph.add_edge(
                source,
                target,
                key=f"{event.event_id}:{source}>{target}",
                layer=ACTION,
                action=event.action,
                cameo_code=event.cameo_code,
                goldstein=event.goldstein,
                quad_class=event.quad_class,
                sign=event.sign,
                channel=channel,
                summary=event.summary,
                **common,
            )
        if event.attributed_to != event.actor1:
            graph.add_edge(
                event.attributed_to,
                event.actor1,
                key=f"{event.event_id}:source",
                layer=SOURCING,
                action="reports",
                cameo_code="",
                goldstein=0.0,
                quad_class=0,
                sign="",
                channel="",
                summary=False,
                **common,
            )
    return graph


def keep_edges(graph: nx.MultiDiGraph, keep) -> nx.MultiDiGraph:
    """A copy with every node and the edges whose attributes satisfy `keep`, so layouts do not move."""
    view = nx.MultiDiGraph()
    view.graph.update(graph.graph)
    view.add_nodes_from(graph.nodes(data=True))
    view.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if keep(d))
    return view


def side_fold(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each actor to its side's representative node: UKR, RUS, QAT (the mediator) or itself."""
    names = {"Ukrainian side": "UKR", "Russian side": "RUS", "mediator": "QAT"}
    return {node: names.get(data["side"], node) for node, data in graph.nodes(data=True)}


def layer(graph: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """A copy of the graph with only the edges of one layer (all nodes kept)."""
    return keep_edges(graph, lambda d: d["layer"] == name)


def mediator_view(graph: nx.MultiDiGraph, mediator: str = "QAT") -> nx.MultiDiGraph:
    """The action edges between the two sides and the mediator, each side folded into one node."""
    fold = side_fold(graph)
    view = nx.MultiDiGraph()
    for node, name, side in (
        ("UKR", "Ukrainian side", "Ukrainian side"),
        (mediator, graph.nodes[mediator]["name"], "mediator"),
        ("RUS", "Russian side", "Russian side"),
    ):
        view.add_node(node, name=name, side=side)
    for u, v, key, data in graph.edges(keys=True, data=True):
        a, b = fold[u], fold[v]
        if data["layer"] == ACTION and a in view and b in view and a != b:
            view.add_edge(a, b, key=key, **data)
    return view


def select_edges(
    graph: nx.MultiDiGraph, layers=(ACTION, SOURCING), signs=("cooperation", "conflict"), statuses=()
) -> nx.MultiDiGraph:
    """A copy with the edges of the chosen layers; action edges further limited to `signs` and `statuses`
    (all statuses if empty). Every node is kept, so layouts do not move."""
    return keep_edges(
        graph,
        lambda d: (
            d["layer"] in layers
            and (d["layer"] != ACTION or (d["sign"] in signs and (not statuses or d["status"] in statuses)))
        ),
    )


def edge_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The edges as rows (source, target, event, coding), sorted by event id then key."""
    columns = ["source", "target", "key", "layer", "event_id", "label", "cameo_code", "goldstein", "sign", "status"]
    table = nx.to_pandas_edgelist(graph, edge_key="key").reindex(columns=[*columns, "channel"])
    return table.sort_values(["event_id", "key"]).reset_index(drop=True)

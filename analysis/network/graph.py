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


def add_event_edges(graph: nx.MultiDiGraph, event, mediator: str, **attributes) -> None:
    """One edge per actor pair an event links (see event_dyads), keyed EVENT:SOURCE>TARGET, with the event id,
    the channel and the given attributes; `event` has event_id, actor1, actor2 and ';'-separated other_actors."""
    event_id = getattr(event, "event_id", None) or event.external_id
    others = event.other_actors.split(";") if event.other_actors else []
    for source, target, channel in event_dyads(event.actor1, event.actor2, mediator, others):
        graph.add_edge(
            source, target, key=f"{event_id}:{source}>{target}", event_id=event_id, channel=channel, **attributes
        )


def build_actor_graph(dataset: Dataset | None = None) -> nx.MultiDiGraph:
    """Actors as nodes (with the registry's attributes); one edge per event and actor pair.

    Each actor carries its `party` (the story's representative of its side, or itself on no side) and that
    party's `role` (side, mediator or none); the graph lists the parties, left to right, in `parties`.
    Action edges (layer "action") carry the event's coding. Sourcing edges (layer "sourcing") run from the
    actor an event is attributed to, to the event's first actor: who reports what. A source reporting on
    itself (a leader's own statements) gets no self-loop; its event rows say so in attributed_to.
    """
    dataset = dataset or load_dataset()
    table = build_event_table(dataset)
    story = dataset.story
    graph = nx.MultiDiGraph(
        name="actors",
        reference_date=dataset.article.reference_date.isoformat(),
        parties=";".join(p.representative for p in story.parties),
    )
    roles = {p.side: p.role for p in story.parties}
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
            party=story.representative_of(row["side"]) or actor_id,
            role=roles.get(row["side"], "none"),
        )
    for event in table.itertuples(index=False):
        common = {
            "label": event.label,
            "status": event.status,
            "date_start": iso_date(event.date_start),
            "date_end": iso_date(event.date_end),
        }
        add_event_edges(
            graph,
            event,
            event.mediator,
            layer=ACTION,
            action=event.action,
            cameo_code=event.cameo_code,
            goldstein=event.goldstein,
            quad_class=event.quad_class,
            sign=event.sign,
            summary=event.summary,
            **common,
        )
        if event.attributed_to != event.actor1:
            graph.add_edge(
                event.attributed_to,
                event.actor1,
                key=f"{event.event_id}:source",
                event_id=event.event_id,
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
    """Each actor to the representative of its party (itself when it is on no side)."""
    return {node: data["party"] for node, data in graph.nodes(data=True)}


def parties(graph: nx.MultiDiGraph) -> list[str]:
    """The representatives of the story's parties, left to right."""
    return graph.graph["parties"].split(";")


def party_pairs(graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """Unordered pairs of parties, each written in alphabetical order: every mediator with every side (left to
    right), then the sides among themselves, then the mediators among themselves."""
    sides = [p for p in parties(graph) if graph.nodes[p]["role"] == "side"]
    mediators = [p for p in parties(graph) if graph.nodes[p]["role"] == "mediator"]
    ordered = [(m, s) for m in mediators for s in sides]
    ordered += [(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]]
    ordered += [(a, b) for i, a in enumerate(mediators) for b in mediators[i + 1 :]]
    return [tuple(sorted(pair)) for pair in ordered]


def layer(graph: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """A copy of the graph with only the edges of one layer (all nodes kept)."""
    return keep_edges(graph, lambda d: d["layer"] == name)


def mediator_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The action edges among the parties (sides and mediators), each party's actors folded into one node,
    named by its side (a mediator by its own name)."""
    fold = side_fold(graph)
    view = nx.MultiDiGraph()
    view.graph.update(graph.graph)
    for node in parties(graph):
        data = graph.nodes[node]
        name = data["name"] if data["role"] == "mediator" else data["side"]
        view.add_node(node, name=name, side=data["side"], party=node, role=data["role"])
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

"""Brokerage: how far each actor stands between others (betweenness, Burt's constraint and effective size,
Gould-Fernandez roles), on the channel layer and on the whole action layer.

The channel layer holds the cooperative ties that were real or scheduled: action edges coded cooperation
whose status is occurred, ongoing, planned or postponed. Hoped-for agreements (hypothetical), refused
meetings (cancelled) and a warning that was never given (negated) are not channels between anyone.

Brokerage is measured between states and unaffiliated actors: an army, an office or a head of state is folded
into the state of its country where the graph holds that state (a path from a state's officials through a
mediator back to that state brokers nothing), and roles are judged by groups: an actor's side, or for an actor on no side
(side "other") a group of its own, since unnamed partners, anonymous sources and a newspaper are not a camp.
"""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd

from analysis.network.graph import ACTION, keep_edges, layer

CHANNEL_STATUSES = ("occurred", "ongoing", "planned", "postponed")
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def state_fold(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each actor to the state actor (kind "state") of its country where the graph holds one, else itself."""
    states = {data.get("country"): node for node, data in graph.nodes(data=True) if data.get("kind") == "state"}
    return {node: states.get(data.get("country"), node) for node, data in graph.nodes(data=True)}


def broker_group(node: str, side: str) -> str:
    """The group an actor brokers between: its side, or itself when it is on no side."""
    return node if side in ("", "other") else side


def folded(graph: nx.MultiDiGraph, fold: dict[str, str]) -> nx.MultiDiGraph:
    """The graph with actors merged as `fold` says (the representative keeps its attributes, lists its
    `members` and gets its brokerage `group`); edges within one merged actor are dropped."""
    view = nx.MultiDiGraph()
    view.graph.update(graph.graph)
    for node in sorted(set(fold.values())):
        data = graph.nodes[node]
        members = ";".join(sorted(n for n, r in fold.items() if r == node))
        view.add_node(node, **{**data, "members": members, "group": broker_group(node, data.get("side", ""))})
    view.add_edges_from(
        (fold[u], fold[v], k, d) for u, v, k, d in graph.edges(keys=True, data=True) if fold[u] != fold[v]
    )
    return view


def channel_layer(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Cooperative action edges that were real or scheduled (all nodes kept)."""
    return keep_edges(
        graph, lambda d: d["layer"] == ACTION and d["sign"] == "cooperation" and d["status"] in CHANNEL_STATUSES
    )


def broker_role(group_a: str, group_b: str, group_c: str) -> str:
    """Gould and Fernandez (1989): the role of b on a path a -> b -> c, from the three actors' groups."""
    if group_a == group_b == group_c:
        return "coordinator"
    if group_a == group_c:
        return "itinerant"
    if group_a == group_b:
        return "representative"
    if group_b == group_c:
        return "gatekeeper"
    return "liaison"


def brokerage_counts(graph: nx.DiGraph | nx.MultiDiGraph, group: str = "group") -> pd.DataFrame:
    """Per node, how many open two-paths a -> b -> c (a != c, no tie a -> c) it brokers, by role."""
    simple = nx.DiGraph(graph)
    counts = {node: dict.fromkeys(ROLES, 0) for node in simple.nodes}
    for broker in simple.nodes:
        for a, c in itertools.product(simple.predecessors(broker), simple.successors(broker)):
            if a == c or a == broker or c == broker or simple.has_edge(a, c):
                continue
            groups = (simple.nodes[a][group], simple.nodes[broker][group], simple.nodes[c][group])
            counts[broker][broker_role(*groups)] += 1
    return pd.DataFrame.from_dict(counts, orient="index", columns=list(ROLES)).rename_axis("actor_id")


def main_role(row: pd.Series) -> str:
    """The role an actor plays most often ("none" if it brokers nothing); ties go to the rarer, more
    between-group role (liaison before gatekeeper ... before coordinator)."""
    if row[list(ROLES)].sum() == 0:
        return "none"
    return max(reversed(ROLES), key=lambda role: row[role])


def structural_holes(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Burt's constraint and effective size on the undirected simple graph (NaN for isolated actors)."""
    simple = nx.Graph(nx.MultiGraph(graph))
    simple.remove_edges_from(nx.selfloop_edges(simple))
    constraint = nx.constraint(simple)
    effective = nx.effective_size(simple)
    return pd.DataFrame({"constraint": constraint, "effective_size": effective}).rename_axis("actor_id")


def betweenness(graph: nx.MultiDiGraph) -> pd.Series:
    """Normalized betweenness on the undirected simple graph: the share of shortest paths through an actor."""
    simple = nx.Graph(nx.MultiGraph(graph))
    return pd.Series(nx.betweenness_centrality(simple, normalized=True)).rename_axis("actor_id")


def brokerage_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per actor after folding organs into their states (`members` lists who was folded in): rank,
    role, betweenness (channel layer and whole action layer), constraint, effective size and role counts, all
    on the channel layer except betweenness_all.

    rank 1 is the strongest go-between: actors are ordered by channel betweenness, then by the number of
    two-paths they broker, then by lower constraint, then by id.
    """
    graph = folded(graph, state_fold(graph))
    channel = channel_layer(graph)
    counts = brokerage_counts(channel)
    holes = structural_holes(channel)
    table = pd.DataFrame(index=pd.Index(sorted(graph.nodes), name="actor_id"))
    for column in ("name", "side", "members"):
        table[column] = [graph.nodes[n][column] for n in table.index]
    table["betweenness"] = betweenness(channel).reindex(table.index).round(4)
    table["betweenness_all"] = betweenness(layer(graph, ACTION)).reindex(table.index).round(4)
    table["constraint"] = holes["constraint"].reindex(table.index).round(4)
    table["effective_size"] = holes["effective_size"].reindex(table.index).round(4)
    table = table.join(counts)
    table["brokered_paths"] = table[list(ROLES)].sum(axis=1)
    table["role"] = table.apply(main_role, axis=1)
    table = table.sort_values(
        ["betweenness", "brokered_paths", "constraint"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    )
    table.insert(0, "rank", range(1, len(table) + 1))
    columns = [
        "rank",
        "role",
        "betweenness",
        "betweenness_all",
        "constraint",
        "effective_size",
        "name",
        "side",
        "members",
        "brokered_paths",
        *ROLES,
    ]
    return table[columns].reset_index()


def centrality_table(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Per actor on the whole action layer: ties out and in, distinct partners and betweenness, sorted by
    betweenness, then partners, then id."""
    actions = layer(graph, ACTION)
    partners = nx.Graph(nx.MultiGraph(actions))
    table = pd.DataFrame(
        {
            "actor_id": list(actions.nodes),
            "name": [actions.nodes[n]["name"] for n in actions.nodes],
            "side": [actions.nodes[n]["side"] for n in actions.nodes],
            "out_edges": [actions.out_degree(n) for n in actions.nodes],
            "in_edges": [actions.in_degree(n) for n in actions.nodes],
            "partners": [partners.degree(n) for n in actions.nodes],
        }
    )
    table["betweenness"] = table["actor_id"].map(betweenness(actions)).round(4)
    return table.sort_values(["betweenness", "partners", "actor_id"], ascending=[False, False, True]).reset_index(
        drop=True
    )

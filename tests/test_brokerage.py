import networkx as nx
import pytest

from analysis.brokerage import (
    ROLES,
    broker_role,
    brokerage_counts,
    brokerage_table,
    channel_layer,
    structural_holes,
)
from analysis.graph import build_actor_graph


def hand_graph(sides: dict[str, str], edges: list[tuple[str, str]], sign="cooperation", status="occurred"):
    graph = nx.MultiDiGraph()
    for node, side in sides.items():
        graph.add_node(node, name=node.upper(), side=side)
    for i, (u, v) in enumerate(edges):
        graph.add_edge(u, v, key=f"E{i}", layer="action", sign=sign, status=status, event_id=f"E{i}")
    return graph


def test_the_middle_of_a_three_group_path_is_a_liaison_with_betweenness_one():
    graph = hand_graph({"a": "g1", "b": "g2", "c": "g3"}, [("a", "b"), ("b", "c")])
    table = brokerage_table(graph).set_index("actor_id")
    assert table.loc["b", "role"] == "liaison"
    assert table.loc["b", "betweenness"] == 1.0
    assert table.loc["b", "rank"] == 1
    assert table.loc["a", "role"] == "none" and table.loc["a", "betweenness"] == 0.0


@pytest.mark.parametrize(
    "groups, role",
    [
        (("x", "x", "x"), "coordinator"),
        (("x", "y", "x"), "itinerant"),
        (("x", "x", "y"), "representative"),
        (("x", "y", "y"), "gatekeeper"),
        (("x", "y", "z"), "liaison"),
    ],
)
def test_gould_fernandez_roles(groups, role):
    assert broker_role(*groups) == role
    graph = hand_graph(dict(zip("abc", groups)), [("a", "b"), ("b", "c")])
    counts = brokerage_counts(graph, group="side")
    assert counts.loc["b", role] == 1 and counts.loc["b"].sum() == 1


def test_a_closed_triad_brokers_nothing():
    graph = hand_graph({"a": "x", "b": "y", "c": "z"}, [("a", "b"), ("b", "c"), ("a", "c")])
    assert brokerage_counts(graph).loc["b"].sum() == 0


def test_constraint_and_effective_size_of_a_star():
    # Burt: a centre with three unconnected contacts has effective size 3 and constraint 3 * (1/3)^2 = 1/3;
    # each leaf, with its single contact, is fully constrained.
    graph = hand_graph({"c": "x", "l1": "y", "l2": "y", "l3": "y"}, [("c", "l1"), ("c", "l2"), ("l3", "c")])
    holes = structural_holes(graph)
    assert holes.loc["c", "effective_size"] == pytest.approx(3.0)
    assert holes.loc["c", "constraint"] == pytest.approx(1 / 3)
    assert holes.loc["l1", "constraint"] == pytest.approx(1.0)


def test_the_channel_layer_drops_conflict_and_unreal_ties():
    graph = hand_graph({"a": "x", "b": "y"}, [("a", "b")], status="hypothetical")
    graph.add_edge("b", "a", key="K", layer="action", sign="conflict", status="occurred", event_id="K")
    graph.add_edge("a", "b", key="S", layer="sourcing", sign="", status="occurred", event_id="S")
    assert channel_layer(graph).number_of_edges() == 0


def test_on_the_article_qatar_comes_out_as_the_liaison(dataset):
    table = brokerage_table(build_actor_graph(dataset)).set_index("actor_id")
    assert table.loc["QAT", "role"] == "liaison"
    assert table.loc["QAT", "rank"] == 1
    assert table.loc["QAT", "liaison"] >= 1
    assert set(table["role"]) <= {*ROLES, "none"}
    assert list(table["rank"].sort_values()) == list(range(1, len(table) + 1))

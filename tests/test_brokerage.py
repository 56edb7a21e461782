import networkx as nx
import pytest

from analysis.network.brokerage import (
    broker_role,
    brokerage_counts,
    brokerage_table,
    channel_layer,
    structural_holes,
)
from analysis.network.graph import build_actor_graph


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
    assert brokerage_counts(graph, group="side").loc["b"].sum() == 0
    # Without the a -> c tie, b is a liaison: the zero above is the closure's doing.
    graph.remove_edge("a", "c")
    assert brokerage_counts(graph, group="side").loc["b", "liaison"] == 1


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
    graph.add_edge("a", "b", key="S", layer="sourcing", sign="cooperation", status="occurred", event_id="S")
    graph.add_edge("a", "b", key="keep", layer="action", sign="cooperation", status="occurred", event_id="keep")
    # Only the occurred cooperative action tie is a channel: not the hypothetical one (E0), the conflict (K),
    # nor the report (S), even with a cooperative sign.
    assert [k for *_, k in channel_layer(graph).edges(keys=True)] == ["keep"]


def test_actors_on_no_side_are_each_a_group_of_their_own():
    # A source and a partner are not one camp: b between them is a liaison, not a representative of "other".
    graph = hand_graph({"src": "other", "b": "g1", "partner": "other"}, [("src", "b"), ("b", "partner")])
    table = brokerage_table(graph).set_index("actor_id")
    assert table.loc["b", ["liaison", "itinerant", "brokered_paths"]].tolist() == [1, 0, 1]


def test_organs_are_folded_into_their_state_before_brokerage():
    # Officials -> mediator -> their own state: no path between groups once the officials are the state.
    graph = hand_graph({"X": "x", "XGOV": "x", "M": "m", "Y": "y"}, [("XGOV", "M"), ("M", "X"), ("M", "Y")])
    for node, kind, country in (
        ("X", "state", "Xland"),
        ("XGOV", "government body", "Xland"),
        ("M", "state", "Mland"),
        ("Y", "state", "Yland"),
    ):
        graph.nodes[node].update(kind=kind, country=country)
    table = brokerage_table(graph).set_index("actor_id")
    assert "XGOV" not in table.index and table.loc["X", "members"] == "X;XGOV"
    # Unfolded, M would also be an itinerant on XGOV -> M -> X; folded, only X -> M -> Y (liaison) remains.
    assert table.loc["M", ["liaison", "itinerant", "brokered_paths"]].tolist() == [1, 0, 1]


def test_on_the_article_qatar_is_the_strongest_go_between(dataset):
    table = brokerage_table(build_actor_graph(dataset)).set_index("actor_id")
    # By hand, on the folded channel layer (8 actors; ties UKR-QAT, QAT-RUS, UKR-PARTNERS): Qatar lies on the
    # shortest paths UKR-RUS and PARTNERS-RUS, Ukraine on PARTNERS-QAT and PARTNERS-RUS: 2 of 21 pairs each.
    assert table.loc["QAT", "betweenness"] == table.loc["UKR", "betweenness"] == round(2 / 21, 4)
    # Qatar brokers UKR -> QAT -> RUS (the summit) and RUS -> QAT -> UKR (the mediation): two liaison paths;
    # Ukraine one, QAT -> UKR -> PARTNERS (consulting its partners after the video conference).
    assert table.loc["QAT", ["rank", "role", "liaison", "brokered_paths"]].tolist() == [1, "liaison", 2, 2]
    assert table.loc["UKR", ["rank", "role", "liaison", "brokered_paths"]].tolist() == [2, "liaison", 1, 1]
    assert table.loc["QAT", "constraint"] == 0.5  # two unconnected contacts, 1/2 each: 2 * (1/2)^2
    assert table.loc["RUS", "members"] == "PUTIN;RUS;RUSGOV" and "RUSGOV" not in table.index
    assert list(table["rank"].sort_values()) == list(range(1, len(table) + 1))

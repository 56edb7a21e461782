from collections import Counter

import networkx as nx

from analysis.network.graph import ACTION, SOURCING, build_actor_graph, event_dyads, layer

from .conftest import MENTIONS


def test_dyads_run_through_the_mediator_for_indirect_events():
    assert event_dyads("UKR", "RUS", "QAT", []) == [("UKR", "QAT", "to mediator"), ("QAT", "RUS", "from mediator")]
    assert event_dyads("QAT", "UKR", "", ["RUS"]) == [("QAT", "UKR", "direct"), ("QAT", "RUS", "direct")]
    assert event_dyads("SOMEOFF", "", "", []) == []


def test_nodes_are_the_registry_with_its_attributes(dataset):
    graph = build_actor_graph(dataset)
    assert sorted(graph.nodes) == sorted(dataset.registry.actors.index)
    assert graph.nodes["QAT"]["kind"] == "state" and graph.nodes["QAT"]["side"] == "mediator"
    assert {node: data["mentions"] for node, data in graph.nodes(data=True)} == MENTIONS


def test_one_action_edge_per_event_and_actor_pair(dataset):
    graph = build_actor_graph(dataset)
    # By hand from events.toml: 18 events; E16 has no target (no edge), E03 runs through its mediator and E06
    # has a further target (two edges each): 18 - 1 + 2 = 19.
    actions = [d for _, _, d in graph.edges(data=True) if d["layer"] == ACTION]
    assert len(actions) == 19
    assert sorted(d["event_id"] for d in actions) == sorted(
        [f"E{i:02d}" for i in range(1, 19) if i != 16] + ["E03", "E06"]
    )
    keys = [k for _, _, k in graph.edges(keys=True)]
    assert len(keys) == len(set(keys))
    assert graph.number_of_edges() == 19 + 16  # and 16 sourcing edges (see below)


def test_action_edges_carry_the_coding(dataset):
    graph = build_actor_graph(dataset)
    edge = graph.edges["UKRMIL", "RUS", "E01:UKRMIL>RUS"]
    assert (edge["event_id"], edge["cameo_code"], edge["goldstein"], edge["status"], edge["sign"]) == (
        "E01",
        "190",
        -10.0,
        "occurred",
        "conflict",
    )
    summit = graph.edges["UKR", "QAT", "E03:UKR>QAT"]
    assert (summit["status"], summit["sign"], summit["channel"]) == ("postponed", "cooperation", "to mediator")
    assert graph.has_edge("QAT", "RUS", "E03:QAT>RUS")
    assert not graph.has_edge("UKR", "RUS", "E03:UKR>RUS")  # the talks were indirect


def test_sourcing_is_a_layer_of_its_own(dataset):
    graph = build_actor_graph(dataset)
    sourcing = layer(graph, SOURCING)
    assert set(sourcing.nodes) == set(graph.nodes)
    assert {d["layer"] for *_, d in sourcing.edges(data=True)} == {SOURCING}
    assert sourcing.has_edge("DIPSRC", "UKR", "E10:source")
    assert sourcing.has_edge("UKROP", "UKR", "E14:source")
    # Putin's own statements are about Putin's act: no self-loop.
    assert not any(u == v for u, v in sourcing.edges())
    actions = layer(graph, ACTION)
    assert actions.number_of_edges() + sourcing.number_of_edges() == graph.number_of_edges()
    # By hand: each event's source -> its first actor, from attributed_to in events.toml, less the two
    # self-reports (E16 SOMEOFF, E18 PUTIN). The Post on Ukraine: E02, E03, E04, E05, E11, E13, E15; on Russian
    # officials: E07, E08, E09; on the armed forces: E01; on Qatar: E12. Diplomats on Qatar: E06; the
    # diplomatic source on Ukraine: E10; the President's Office on Ukraine: E14; some officials on Ukraine: E17.
    pairs = Counter((u, v) for u, v in sourcing.edges())
    assert pairs == {
        ("WAPO", "UKR"): 7,
        ("WAPO", "RUSGOV"): 3,
        ("WAPO", "UKRMIL"): 1,
        ("WAPO", "QAT"): 1,
        ("DIPOFF", "QAT"): 1,
        ("DIPSRC", "UKR"): 1,
        ("UKROP", "UKR"): 1,
        ("SOMEOFF", "UKR"): 1,
    }


def test_graphml_round_trip(tmp_path, dataset):
    graph = build_actor_graph(dataset)
    path = tmp_path / "g.graphml"
    nx.write_graphml(graph, path)
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert loaded.is_directed() and loaded.is_multigraph()
    assert loaded.number_of_edges() == graph.number_of_edges() == 35  # 19 action + 16 sourcing, by hand
    assert loaded.nodes["PUTIN"]["kind"] == "head of state"

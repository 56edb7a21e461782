import networkx as nx

from analysis.network.graph import ACTION, SOURCING, build_actor_graph, event_dyads, layer
from analysis.tables.events import build_event_table


def test_dyads_run_through_the_mediator_for_indirect_events():
    assert event_dyads("UKR", "RUS", "QAT", []) == [("UKR", "QAT", "to mediator"), ("QAT", "RUS", "from mediator")]
    assert event_dyads("QAT", "UKR", "", ["RUS"]) == [("QAT", "UKR", "direct"), ("QAT", "RUS", "direct")]
    assert event_dyads("SOMEOFF", "", "", []) == []


def test_nodes_are_the_registry_with_its_attributes(dataset):
    graph = build_actor_graph(dataset)
    assert sorted(graph.nodes) == sorted(dataset.registry.actors.index)
    assert graph.nodes["QAT"]["kind"] == "state" and graph.nodes["QAT"]["side"] == "mediator"
    assert graph.nodes["UKR"]["mentions"] == int((dataset.mentions["actor_id"] == "UKR").sum())


def test_one_action_edge_per_event_and_actor_pair(dataset):
    graph = build_actor_graph(dataset)
    table = build_event_table(dataset)
    expected = 0
    for row in table.itertuples():
        targets = [row.actor2] if row.actor2 else []
        targets += row.other_actors.split(";") if row.other_actors else []
        expected += len(targets) + (1 if row.mediator else 0)
    actions = [d for _, _, d in graph.edges(data=True) if d["layer"] == ACTION]
    assert len(actions) == expected
    keys = [k for _, _, k in graph.edges(keys=True)]
    assert len(keys) == len(set(keys))


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


def test_graphml_round_trip(tmp_path, dataset):
    graph = build_actor_graph(dataset)
    path = tmp_path / "g.graphml"
    nx.write_graphml(graph, path)
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert loaded.is_directed() and loaded.is_multigraph()
    assert loaded.number_of_edges() == graph.number_of_edges()
    assert loaded.nodes["PUTIN"]["kind"] == "head of state"

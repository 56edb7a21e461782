import html
import re

import networkx as nx

from analysis.figures.render import highlight_mentions
from analysis.network.brokerage import centrality_table
from analysis.tables.events import build_event_table, filter_events
from analysis.tables.sources import attribution_shares, attribution_table


def test_filter_events_by_status_actor_and_source(dataset):
    table = build_event_table(dataset)
    assert set(filter_events(table, statuses=["postponed"])["event_id"]) == {"E03", "E08"}
    # By hand from events.toml: Qatar as actor1 (E06, E12), actor2 (E07, E08, E10, E11, E13, E14) or mediator
    # (E03); Russia as actor2 (E01, E02, E03, E04, E05, E17) or further target (E06). Organs are not the state:
    # E07-E09 are Russian officials'.
    assert set(filter_events(table, actor="QAT")["event_id"]) == {
        "E03",
        "E06",
        "E07",
        "E08",
        "E10",
        "E11",
        "E12",
        "E13",
        "E14",
    }
    assert set(filter_events(table, actor="RUS")["event_id"]) == {"E01", "E02", "E03", "E04", "E05", "E06", "E17"}
    assert set(filter_events(table, actor="RUS", statuses=["occurred"])["event_id"]) == {"E01", "E02"}
    assert set(filter_events(table, sources=["DIPSRC"])["event_id"]) == {"E10"}
    assert set(filter_events(table, sources=["DIPSRC", "SOMEOFF"])["event_id"]) == {"E10", "E16", "E17"}
    assert len(filter_events(table)) == len(table)


def test_attribution_counts_every_event_once(dataset):
    counts = attribution_table(dataset)
    # Every event but the headline summary (E02, which sums up others and would count them twice): 18 - 1.
    assert counts["events"].sum() == 17
    by_source = counts.set_index("attributed_to")
    assert by_source.loc["WAPO", "events"] == 11  # E01, E03, E04, E05, E07, E08, E09, E11, E12, E13, E15
    # By reading: diplomats (E06), a diplomatic source (E10) and some officials (E16, E17) are anonymous.
    assert by_source.loc[["DIPOFF", "DIPSRC", "SOMEOFF"], "events"].sum() == 4
    assert set(by_source.loc[by_source["sourcing"] == "named"].index) == {"WAPO", "UKROP", "PUTIN"}
    shares = attribution_shares(dataset)
    assert shares.loc["anonymous source", "events"] == 4
    assert shares.loc["the Post, citing unnamed officials", "events"] == by_source.loc["WAPO", "events"]
    assert shares.loc["named official, on the record", "events"] == 2  # E14 (the President's Office), E18 (Putin)
    assert shares["share"].sum() == 1.0


def test_highlighted_text_is_the_article_with_marks(dataset):
    page = highlight_mentions(dataset)
    assert page.count("<mark") == (dataset.mentions["role"] == "actor").sum()
    assert page.count("<u ") == (dataset.mentions["role"] == "place").sum()
    plain = re.sub(r"<sub[^>]*>.*?</sub>", "", page)
    plain = re.sub(r"</p><p>", "\n", plain)
    plain = html.unescape(re.sub(r"<[^>]+>", "", plain))
    assert plain == dataset.article.text


def test_highlight_can_keep_one_actor(dataset):
    page = highlight_mentions(dataset, only="QAT")
    assert page.count("<mark") == (dataset.mentions["actor_id"] == "QAT").sum() == 5
    assert 'title="UKR"' not in page


def test_betweenness_finds_the_middle_of_a_path():
    graph = nx.MultiDiGraph()
    for node, side in (("a", "Ukrainian side"), ("b", "mediator"), ("c", "Russian side")):
        graph.add_node(node, name=node.upper(), side=side)
    graph.add_edge("a", "b", layer="action")
    graph.add_edge("b", "c", layer="action")
    graph.add_edge("a", "c", layer="sourcing")  # another layer: ignored
    table = centrality_table(graph).set_index("actor_id")
    assert table.loc["b", "betweenness"] == 1.0
    assert table.loc["a", "betweenness"] == 0.0
    assert table.index[0] == "b"
    assert table.loc["b", ["in_edges", "out_edges", "partners"]].tolist() == [1, 1, 2]

import json
import tomllib

import networkx as nx
import pandas as pd
import pytest

from analysis.text.article import load_article

from .conftest import KURSK, MENTIONS, export_cli

# The curated annotations, read with the standard library alone: what the exported tables must carry.
RAW = tomllib.loads((KURSK / "events.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    export_cli(KURSK, out)
    return out


def read(outdir, name):
    return pd.read_csv(outdir / name, dtype=str, keep_default_na=False)


def test_events_csv_has_the_contract_columns(outdir):
    events = read(outdir, "events.csv")
    required = [
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
    assert list(events.columns[: len(required)]) == required
    # Every code events.toml uses, zero-padded strings (read off its cameo = "..." lines).
    assert set(events["cameo_code"]) == {
        "013",
        "036",
        "040",
        "045",
        "046",
        "057",
        "0871",
        "111",
        "124",
        "125",
        "164",
        "190",
    }
    assert set(events["date_precision"]) == {"day", "week", "month", "range", "unknown"}
    # Dates by hand, reference date 2024-08-17 (a Saturday): "last week" is Mon 5 - Sun 11 August; "this month"
    # is August; "the past two months" runs 18 June - 17 August; "August 22" is a day; "After that" (after the
    # 22 August conference, still planned) starts on 22 August with its end open.
    dates = events.set_index("event_id")[["date_start", "date_end", "date_precision"]]
    assert dates.loc["E01"].tolist() == ["2024-08-05", "2024-08-11", "week"]
    assert dates.loc["E03"].tolist() == ["2024-08-01", "2024-08-31", "month"]
    assert dates.loc["E06"].tolist() == ["2024-06-18", "2024-08-17", "range"]
    assert dates.loc["E14"].tolist() == ["2024-08-22", "2024-08-22", "day"]
    assert dates.loc["E15"].tolist() == ["2024-08-22", "", "range"]
    assert dates.loc["E04"].tolist() == ["", "", "unknown"]  # a goal, never dated


def test_exported_evidence_is_the_article_text(outdir):
    text = load_article(KURSK).text
    for name, quote in (("events.csv", "evidence"), ("evidence.csv", "quote"), ("event_links.csv", "evidence")):
        frame = read(outdir, name)
        assert not frame.empty
        for row in frame.itertuples():
            assert text[int(row.span_start) : int(row.span_end)] == getattr(row, quote)


def test_exported_evidence_is_the_curated_evidence(outdir):
    # The quotes of events.toml in their order: every one in evidence.csv, ranked from 1; the first (primary)
    # one in events.csv; each link's own quote in event_links.csv.
    evidence = read(outdir, "evidence.csv")
    assert list(evidence[["event_id", "rank", "sentence_id", "quote"]].itertuples(index=False, name=None)) == [
        (e["id"], str(rank), q["sentence"], q["quote"]) for e in RAW["event"] for rank, q in enumerate(e["evidence"], 1)
    ]
    events = read(outdir, "events.csv")
    assert list(events[["event_id", "sentence_id", "evidence"]].itertuples(index=False, name=None)) == [
        (e["id"], e["evidence"][0]["sentence"], e["evidence"][0]["quote"]) for e in RAW["event"]
    ]
    links = read(outdir, "event_links.csv")
    assert list(
        links[["source_event", "target_event", "sentence_id", "evidence"]].itertuples(index=False, name=None)
    ) == [
        (link["source"], link["target"], link["evidence"]["sentence"], link["evidence"]["quote"])
        for link in RAW["link"]
    ]


def test_actor_columns_hold_actor_ids(outdir):
    actors = read(outdir, "actors.csv")
    assert actors.columns[0] == "actor_id"
    assert list(actors.columns[:7]) == ["actor_id", "name", "kind", "country", "cameo_code", "aliases", "mentions"]
    ids = set(actors["actor_id"])
    events = read(outdir, "events.csv")
    for column in ("actor1", "actor2", "attributed_to", "mediator"):
        assert set(events[column]) - {""} <= ids
    assert {a for cell in events["other_actors"] for a in cell.split(";") if a} <= ids
    assert actors.set_index("actor_id").loc["UKR", "aliases"] == "Ukraine;Kyiv"
    # The actor columns are events.toml's own, event by event.
    for column, field in (("actor1", "actor1"), ("actor2", "actor2"), ("mediator", "mediator")):
        assert list(events[column]) == [e.get(field, "") for e in RAW["event"]], column
    assert list(events["other_actors"]) == [";".join(e.get("other_actors", [])) for e in RAW["event"]]
    assert list(events["attributed_to"]) == [e["attributed_to"]["actor"] for e in RAW["event"]]
    # Mentions counted by reading the article (aliases from actors.csv, the longest form winning, Doha and
    # Qatar as venues not counted): Ukraine/Kyiv in S01, S05, S07, S09, S10, S12; Russia/Moscow in S01, S05;
    # Qatar/Doha/Qatari ... in S05, S08, S09 (twice), S10; diplomats in S01 and S05.
    assert dict(zip(actors["actor_id"], actors["mentions"].astype(int))) == MENTIONS


def test_links_point_to_exported_events(outdir):
    links = read(outdir, "event_links.csv")
    assert list(links.columns[:4]) == ["source_event", "target_event", "relation", "sentence_id"]
    assert set(links["source_event"]) | set(links["target_event"]) <= set(read(outdir, "events.csv")["event_id"])
    # The 18 [[link]] tables of events.toml, in order.
    assert list(links[["source_event", "target_event", "relation"]].itertuples(index=False, name=None)) == [
        (link["source"], link["target"], link["relation"]) for link in RAW["link"]
    ]
    assert len(links) == 18


def test_graphml_loads_back(outdir):
    graph = nx.read_graphml(outdir / "actor_graph.graphml")
    assert graph.is_directed() and graph.is_multigraph()
    assert set(graph.nodes) == set(read(outdir, "actors.csv")["actor_id"])
    # By hand: 19 action edges (18 events; E16 has no target; E03 runs through the mediator and E06 has a
    # further target, two edges each) and 16 sourcing edges (18 attributions less Putin's and the officials'
    # own, which would be self-loops).
    assert graph.number_of_edges() == 35


# Edge counts by hand. The whole graph: 19 action + 16 sourcing edges. On 1 August (before the incursion) only
# Qatar's ongoing mediation (E06, two edges) and the plans already made during it (E03, two edges; E08) were
# ties. On 17 August, the reference date: every act reported done (E01, E02, E07, E09, E11, E12, E18), the
# mediation (2), the postponed summit (2) and meeting, the cancelled one-sided meeting (E13), and the plans
# E14 and E15: 7 + 2 + 2 + 1 + 1 + 2 = 15.
@pytest.mark.parametrize("stem, edges", [("actor_graph", 35), ("snapshot_2024-08-01", 5), ("snapshot_2024-08-17", 15)])
def test_graph_and_snapshots_load_back_in_three_formats(outdir, stem, edges):
    graphml = nx.read_graphml(outdir / f"{stem}.graphml")
    gexf = nx.read_gexf(outdir / f"{stem}.gexf")
    node_link = nx.node_link_graph(json.loads((outdir / f"{stem}.json").read_text()), edges="edges")
    assert graphml.number_of_edges() == gexf.number_of_edges() == node_link.number_of_edges() == edges
    assert set(graphml.nodes) == set(gexf.nodes) == set(node_link.nodes)
    assert {d["event_id"] for *_, d in node_link.edges(data=True)} == {
        d["event_id"] for *_, d in graphml.edges(data=True)
    }


def test_brokerage_csv_ranks_every_actor(outdir):
    brokerage = read(outdir, "brokerage.csv")
    assert list(brokerage.columns[:7]) == [
        "actor_id",
        "rank",
        "role",
        "betweenness",
        "betweenness_all",
        "constraint",
        "effective_size",
    ]
    # Organs are folded into their state; every actor is a row or a member of one.
    members = {m for cell in brokerage["members"] for m in cell.split(";")}
    assert members == set(read(outdir, "actors.csv")["actor_id"]) and set(brokerage["actor_id"]) <= members
    assert brokerage.set_index("actor_id").loc["RUS", "members"] == "PUTIN;RUS;RUSGOV"
    # Qatar first, Ukraine second (worked out by hand in test_brokerage.py).
    assert brokerage.set_index("actor_id").loc[["QAT", "UKR"], "rank"].tolist() == ["1", "2"]
    assert sorted(int(r) for r in brokerage["rank"]) == list(range(1, len(brokerage) + 1))


def test_export_reports_bad_input_and_fails(data_copy, tmp_path):
    (data_copy / "events.toml").write_text("[[event]\n")
    result = export_cli(data_copy, tmp_path / "out", check=False)
    assert result.returncode == 1
    assert f"error: {data_copy / 'events.toml'}: file: not valid TOML" in result.stderr
    assert not (tmp_path / "out").exists()


def test_figures_are_written_as_svg_and_png(outdir):
    folder = outdir / "figures"
    stems = {p.stem for p in folder.iterdir()}
    assert stems == {
        "timeline",
        "causal_chain",
        "goldstein",
        "attribution",
        "actor_graph",
        "mediator_graph",
        "snapshots",
        "net_cooperation",
        "signed_parties",
        "sourcing",
    }
    for stem in stems:
        assert (folder / f"{stem}.png").read_bytes().startswith(b"\x89PNG")
        svg = (folder / f"{stem}.svg").read_text()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert "<dc:date>" not in svg  # no creation date: the files are reproducible


def test_the_event_table_is_built_once_per_export(monkeypatch, tmp_path):
    from analysis.export import export
    from analysis.tables import events as events_module
    from analysis.tables.events import load_dataset

    calls = []
    original = events_module._event_table
    monkeypatch.setattr(events_module, "_event_table", lambda dataset: calls.append(1) or original(dataset))
    export(tmp_path / "out", load_dataset(KURSK))
    assert len(calls) == 1  # events.csv, the graph, the snapshots, attribution and the figures share one table


def test_the_tellings_and_external_facts_are_exported_beside_the_article(outdir):
    matrix = read(outdir, "coverage_matrix.csv")
    # 22 tellings by 22 claims (tellings/claims.csv), no empty cell after resolution.
    assert matrix.shape == (22, 23) and (matrix.drop(columns="telling_id") != "").all().all()
    assert len(read(outdir, "codings.csv")) == 2 * 22 * 22
    assert nx.read_graphml(outdir / "citations.graphml").number_of_edges() == 21  # every retelling cites the Post
    outcomes = read(outdir, "outcomes.csv")
    # The unrealized events of events.toml: planned E14, E15; postponed E03, E08; cancelled E13; hypothetical
    # E04, E05, E17.
    assert sorted(outcomes["event_id"]) == ["E03", "E04", "E05", "E08", "E13", "E14", "E15", "E17"]
    layers = {d["layer"] for *_, d in nx.read_graphml(outdir / "actor_graph_external.graphml").edges(data=True)}
    assert layers == {"action", "sourcing", "external"}

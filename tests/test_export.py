import json
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest

from analysis.text.article import load_article

from .conftest import KURSK


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "export", str(out), "--article", str(KURSK)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
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
    assert set(events["cameo_code"]) >= {"046", "040", "190"}  # zero-padded strings
    assert set(events["date_precision"]) <= {"day", "week", "month", "range", "unknown"}
    for value in events["date_start"]:
        assert value == "" or pd.Timestamp(value).strftime("%Y-%m-%d") == value


def test_exported_evidence_is_the_article_text(outdir):
    text = load_article(KURSK).text
    for name, quote in (("events.csv", "evidence"), ("evidence.csv", "quote"), ("event_links.csv", "evidence")):
        frame = read(outdir, name)
        assert not frame.empty
        for row in frame.itertuples():
            assert text[int(row.span_start) : int(row.span_end)] == getattr(row, quote)


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


def test_links_point_to_exported_events(outdir):
    links = read(outdir, "event_links.csv")
    assert list(links.columns[:4]) == ["source_event", "target_event", "relation", "sentence_id"]
    assert set(links["source_event"]) | set(links["target_event"]) <= set(read(outdir, "events.csv")["event_id"])


def test_graphml_loads_back(outdir):
    graph = nx.read_graphml(outdir / "actor_graph.graphml")
    assert graph.is_directed() and graph.is_multigraph()
    assert set(graph.nodes) == set(read(outdir, "actors.csv")["actor_id"])


@pytest.mark.parametrize("stem", ["actor_graph", "snapshot_2024-08-01", "snapshot_2024-08-17"])
def test_graph_and_snapshots_load_back_in_three_formats(outdir, stem):
    graphml = nx.read_graphml(outdir / f"{stem}.graphml")
    gexf = nx.read_gexf(outdir / f"{stem}.gexf")
    node_link = nx.node_link_graph(json.loads((outdir / f"{stem}.json").read_text()), edges="edges")
    assert graphml.number_of_edges() == gexf.number_of_edges() == node_link.number_of_edges()
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
    assert sorted(int(r) for r in brokerage["rank"]) == list(range(1, len(brokerage) + 1))


def test_export_reports_bad_input_and_fails(data_copy, tmp_path):
    (data_copy / "events.toml").write_text("[[event]\n")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "export", str(tmp_path / "out"), "--article", str(data_copy)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"error: {data_copy / 'events.toml'}: file: not valid TOML" in result.stderr
    assert not (tmp_path / "out").exists()


def test_figures_are_written_as_svg_and_png(outdir):
    folder = outdir / "figures"
    stems = {p.stem for p in folder.iterdir()}
    assert {"timeline", "causal_chain", "actor_graph", "mediator_graph", "snapshots", "sourcing"} <= stems
    for stem in stems:
        assert (folder / f"{stem}.png").read_bytes().startswith(b"\x89PNG")
        svg = (folder / f"{stem}.svg").read_text()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert "<dc:date>" not in svg  # no creation date: the files are reproducible

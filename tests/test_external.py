"""The external layer on a small hand-made set for the fictional article: loading, every kind of bad input,
the scorecard, the date check, the stances, the graph layer, the figures, and that the article's own tables do
not change with it."""

import shutil

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.external.facts import load_external
from analysis.external.layer import EXTERNAL, external_ties_after, with_external_layer
from analysis.external.outcomes import date_check, scorecard, stance_matrix
from analysis.figures import aftermath
from analysis.network.brokerage import brokerage_table
from analysis.network.graph import build_actor_graph
from analysis.tables.events import build_event_table, load_dataset
from analysis.text.records import ARTICLES_DIR, AnnotationError

from .conftest import export_cli, replace_in

OSSA = ARTICLES_DIR / "ossa-talks-fictional"
SOURCES = """source_id,outlet,title,published,url,language,kind,read_via,note
S-1,The Harbour Courier,Talks move on,2025-03-14,https://example.org/courier/1,English,news report,,
S-2,Valdorian foreign ministry,"Statement on the Ossa talks, April",2025-04-20,https://example.org/mfa/2,English,official statement,,
"""
ACTORS = """actor_id,name,kind,country,cameo_code,side,aliases
RIV,River commission (fictional),government body,unknown,---GOV,other,River commission
"""
EVENTS = """
[[external_event]]
id = "X01"
label = "Talks held in Valdoria"
actor1 = "NOR"
actor2 = "EST"
other_actors = ["SUD"]
cameo = "046"
status = "occurred"
start = 2025-03-11
end = 2025-03-11
precision = "day"
article_event = "E01"
paraphrase = "The three delegations met in Valdoria."
quote = "met on Tuesday in Valdoria"
quote_source = "S-1"
sources = ["S-1"]
confidence = "high"

[[external_event]]
id = "X02"
label = "Second round held"
actor1 = "NOR"
actor2 = "RIV"
cameo = "046"
status = "occurred"
start = 2025-04-18
end = 2025-04-19
precision = "range"
article_event = "E13"
paraphrase = "The next round took place over two days in April, with a river commission."
sources = ["S-2"]
"""
OUTCOMES = """
[[outcome]]
event = "E08"
outcome = "never_happened"
as_of = 2025-04-20
sources = ["S-2"]

[[outcome]]
event = "E13"
outcome = "happened_as_planned"
as_of = 2025-04-20
when = 2025-04-18
external_events = ["X02"]
sources = ["S-2"]

[[outcome]]
event = "E15"
outcome = "unknown"
as_of = 2025-04-20
sources = ["S-2"]
"""
STANCES = """
[[stance]]
claim = "E09->E08"
party = "EST"
stance = "other_cause"
date = 2025-03-15
said = "Estmark said the summit failed for want of an agenda."
source = "S-1"

[[stance]]
claim = "E10"
party = "VALMFA"
stance = "asserts"
date = 2025-04-20
said = "The ministry confirmed the data agreement."
source = "S-2"
"""


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "ossa"
    shutil.copytree(OSSA, target)
    external = target / "external"
    external.mkdir()
    for name, text in (
        ("sources.csv", SOURCES),
        ("actors.csv", ACTORS),
        ("events.toml", EVENTS),
        ("outcomes.toml", OUTCOMES),
        ("contested.toml", STANCES),
    ):
        (external / name).write_text(text, encoding="utf-8")
    return target


def external_of(folder):
    dataset = load_dataset(folder)
    return dataset, load_external(dataset)


def test_an_article_without_external_facts_has_an_empty_layer(tmp_path):
    dataset = load_dataset(OSSA)
    external = load_external(dataset)
    assert not external.present and external.events.empty and external.outcomes.empty
    # Its tables and figures still work, with nothing in them.
    assert scorecard(external)["events"].sum() == 0
    assert date_check(build_event_table(dataset), external).empty
    combined = with_external_layer(build_actor_graph(dataset), external)
    plt.close(aftermath.plot_external_channel(combined, dataset.story, dataset.article.reference_date))
    plt.close(aftermath.plot_stances(stance_matrix(external), dataset.story))


def test_the_layer_loads_with_its_sources_and_dates(folder):
    _, external = external_of(folder)
    assert list(external.events["external_id"]) == ["X01", "X02"]
    assert external.sources.loc["S-2", "published"] == pd.Timestamp("2025-04-20").date()
    assert external.events.loc[1, "date_end"] == pd.Timestamp("2025-04-19")
    assert list(external.actors.index) == ["RIV"]


def test_the_scorecard_counts_every_unrealized_event(folder):
    _, external = external_of(folder)
    card = scorecard(external)
    assert card["events"].to_dict() == {
        "happened_as_planned": 1,
        "happened_other_form": 0,
        "never_happened": 1,
        "unknown": 1,
    }
    assert card.loc["never_happened", "event_ids"] == "E08"


def test_the_date_check_compares_reported_dates_with_derived_intervals(folder):
    dataset, external = external_of(folder)
    check = date_check(build_event_table(dataset), external).set_index("external_id")
    # E01 "on Tuesday" = 11 March 2025, reported 11 March: inside. E13 "next month" = April 2025, reported
    # 18-19 April: inside.
    assert check.loc["X01", "verdict"] == "inside" and check.loc["X02", "verdict"] == "inside"
    replace_in(
        folder / "external" / "events.toml",
        "start = 2025-04-18\nend = 2025-04-19",
        "start = 2025-05-02\nend = 2025-05-03",
    )
    dataset, external = external_of(folder)
    assert date_check(build_event_table(dataset), external).set_index("external_id").loc["X02", "verdict"] == "outside"


def test_stances_form_a_claim_by_party_matrix(folder):
    _, external = external_of(folder)
    matrix = stance_matrix(external)
    assert matrix.loc["E09->E08", "EST"] == "other_cause" and matrix.loc["E09->E08", "VALMFA"] == "silent"


def test_the_external_layer_is_apart_from_the_article_measures(folder):
    dataset, external = external_of(folder)
    graph = build_actor_graph(dataset)
    combined = with_external_layer(graph, external)
    assert combined.nodes["RIV"]["external"] and not combined.nodes["NOR"]["external"]
    external_edges = [d for *_, d in combined.edges(data=True) if d["layer"] == EXTERNAL]
    assert len(external_edges) == 3  # X01: NOR->EST, NOR->SUD; X02: NOR->RIV
    assert graph.number_of_edges() == combined.number_of_edges() - 3  # the article's graph is not changed
    assert brokerage_table(graph).equals(brokerage_table(build_actor_graph(dataset)))
    assert list(external_ties_after(combined, dataset.article.reference_date)["external_id"]) == ["X02"]


def test_the_article_tables_are_identical_with_and_without_the_layer(folder, tmp_path):
    with_layer, without = tmp_path / "with", tmp_path / "without"
    export_cli(folder, with_layer)
    export_cli(OSSA, without)
    for name in ("events.csv", "evidence.csv", "event_links.csv", "actors.csv", "mentions.csv", "brokerage.csv"):
        assert (with_layer / name).read_bytes() == (without / name).read_bytes(), name
    assert (with_layer / "external_events.csv").exists() and not (without / "external_events.csv").exists()


def test_the_figures_draw(folder):
    dataset, external = external_of(folder)
    table, story, reference = build_event_table(dataset), dataset.story, dataset.article.reference_date
    combined = with_external_layer(build_actor_graph(dataset), external)
    for fig in (
        aftermath.plot_aftermath_timeline(
            table,
            external,
            story,
            reference,
            (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-05-31")),
            (pd.Timestamp("2025-03-01"), pd.Timestamp("2025-04-30")),
        ),
        aftermath.plot_scorecard(scorecard(external), story),
        aftermath.plot_stances(stance_matrix(external), story),
        aftermath.plot_external_channel(combined, story, reference),
    ):
        assert fig.axes[0].get_title() or fig._suptitle is not None
        plt.close(fig)


# ---- bad input: each names the file, the record and the problem ----


@pytest.mark.parametrize(
    "file, old, new, problem",
    [
        ("events.toml", 'sources = ["S-2"]\n', "sources = []\n", "external event X02: no source"),
        ("sources.csv", "https://example.org/mfa/2", "", "S-2: no url"),
        ("sources.csv", "2025-04-20,https", "April 2025,https", "S-2: published 'April 2025' is not a date"),
        ("outcomes.toml", 'event = "E08"', 'event = "E99"', "outcome #1: unknown article event 'E99'"),
        ("outcomes.toml", 'event = "E15"', 'event = "E14"', "outcome of E14: E14 is occurred"),
        (
            "events.toml",
            "start = 2025-04-18",
            'start = "18 April"',
            "external event X02: start '18 April' is not a date",
        ),
        ("events.toml", 'id = "X01"', 'id = "E01"', "external event E01: an external id is X and digits"),
        ("events.toml", 'actor2 = "RIV"', 'actor2 = "RIVX"', "external event X02: unknown actor2 'RIVX'"),
        (
            "events.toml",
            'quote = "met on Tuesday in Valdoria"',
            'quote = "' + "word " * 13 + '"',
            "a quote of 13 words",
        ),
        (
            "contested.toml",
            'claim = "E09->E08"',
            'claim = "E08->E09"',
            "stance #1: unknown claim (an article event id or a link SOURCE->TARGET) 'E08->E09'",
        ),
        ("contested.toml", 'stance = "asserts"', 'stance = "agrees"', "stance of VALMFA on E10: stance 'agrees'"),
    ],
)
def test_bad_external_input_is_an_error(folder, file, old, new, problem):
    path = folder / "external" / file
    replace_in(path, old, new)
    with pytest.raises(AnnotationError) as error:
        external_of(folder)
    assert str(error.value).startswith(f"{path}: ") and problem in str(error.value)


def test_an_unrealized_event_without_an_outcome_is_an_error(folder):
    path = folder / "external" / "outcomes.toml"
    text = path.read_text()
    path.write_text(text[: text.index('[[outcome]]\nevent = "E15"')])
    with pytest.raises(AnnotationError, match=r"outcomes.toml: file: no outcome for E15"):
        external_of(folder)

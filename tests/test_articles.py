"""Any annotated article: the fictional second article end to end, a story without a mediator, the story file's
validation, choosing the article, and no trace of the first article's story in the library."""

import datetime as dt
import re
import shutil

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pytest

from analysis import figures
from analysis.export import compared_days
from analysis.findings import facts, render
from analysis.network.brokerage import brokerage_table
from analysis.network.graph import build_actor_graph, mediator_view, side_fold
from analysis.network.snapshots import change_days, net_cooperation_over_time, pair_net, snapshot
from analysis.tables.events import build_event_table, build_link_table, load_dataset
from analysis.tables.sources import attribution_table
from analysis.text.records import ARTICLES_DIR, AnnotationError, article_dir

from .conftest import KURSK, export_cli, replace_in

OSSA = ARTICLES_DIR / "ossa-talks-fictional"
ROOT = ARTICLES_DIR.parent.parent


@pytest.fixture(scope="module")
def ossa():
    return load_dataset(OSSA)


@pytest.fixture(scope="module")
def ossa_parts(ossa):
    return build_actor_graph(ossa), build_event_table(ossa), build_link_table(ossa)


def texts(fig) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(plt.Text) if t.get_visible() and t.get_text().strip()]


def all_figures(dataset, graph, table, links):
    """Every plot function of the library on one dataset, as (name, figure)."""
    story, reference = dataset.story, dataset.article.reference_date
    days = compared_days(dataset)
    snaps = {f"{day:%d %b %Y}": snapshot(graph, table, links, day) for day in days}
    start = figures.time_window(table, story, reference)[0]
    after = snapshot(graph, table, links, reference)
    yield "timeline", figures.plot_timeline(table, links, reference, story)
    for chain in story.chains:
        yield "chain", figures.plot_causal_chain(table, links, chain, story)
    yield "goldstein", figures.plot_goldstein(table, story)
    yield "attribution", figures.plot_attribution(attribution_table(dataset), story)
    yield "actors", figures.plot_actor_graph(graph, story)
    yield "mediator", figures.plot_mediator_graph(graph, story)
    yield "snapshots", figures.plot_snapshots(snaps, story)
    series = net_cooperation_over_time(graph, table, links, change_days(table, start, reference))
    yield "net", figures.plot_net_cooperation(series, story, reference)
    yield "signed", figures.plot_signed_parties(pair_net(after), story, "Net")
    yield "sourcing", figures.plot_sourcing(graph, story)


# ---- the fictional article, end to end ----


def test_the_fictional_article_says_so_in_its_metadata(ossa):
    assert ossa.article.meta["fictional"] is True and "FICTIONAL" in (OSSA / "article_meta.toml").read_text()


def test_its_time_words_resolve_against_its_own_reference_date(ossa):
    table = build_event_table(ossa).set_index("event_id")
    # Reference Friday 14 March 2025 (by calendar): "on Tuesday" (past) is 11 March, "two weeks ago" the ISO week
    # 2025-W09 (Mon 24 Feb - Sun 2 Mar), "next month" April, "In January" (past) January 2025.
    expected = {
        "E01": ("2025-03-11", "2025-03-11", "day"),
        "E03": ("2025-02-24", "2025-03-02", "week"),
        "E13": ("2025-04-01", "2025-04-30", "month"),
        "E05": ("2025-01-01", "2025-01-31", "month"),
    }
    for event_id, (start, end, precision) in expected.items():
        row = table.loc[event_id]
        assert (row.date_start, row.date_end, row.date_precision) == (pd.Timestamp(start), pd.Timestamp(end), precision)


def test_its_mediator_ranks_first_and_the_one_who_withdrew_brokers_nothing(ossa_parts):
    table = brokerage_table(ossa_parts[0]).set_index("actor_id")
    # By hand on the folded channel layer: Valdoria ties all three sides (E01, E02, E10, E13), Kestria only by
    # ties it sent out (E05, E07); Norland -> Valdoria -> Estmark and -> Sudavia are Valdoria's two liaison paths.
    assert table.loc["VAL", ["rank", "role", "liaison"]].tolist() == [1, "liaison", 2]
    assert table.loc["KES", "brokered_paths"] == 0
    assert table.loc["VAL", "members"] == "VAL;VALMFA" and table.loc["SUD", "members"] == "SUD;SUDGOV"


def test_snapshots_at_its_own_turning_point(ossa, ossa_parts):
    graph, table, links = ossa_parts
    assert compared_days(ossa) == [dt.date(2025, 2, 23), dt.date(2025, 3, 14)]
    before = snapshot(graph, table, links, dt.date(2025, 2, 23))
    # Before Kestria withdrew, only its January mediation (E05, done by 31 January) is on the record.
    assert sorted(k for *_, k in before.edges(keys=True)) == ["E05:KES>NOR", "E05:KES>SUD"]
    after = snapshot(graph, table, links, dt.date(2025, 3, 14))
    assert "E03:KES>NOR" in {k for *_, k in after.edges(keys=True)}


def test_views_open_on_the_first_mediator_else_the_first_party(ossa, no_mediator):
    assert ossa.story.focus == "VAL" and load_dataset(KURSK).story.focus == "QAT"
    assert no_mediator.story.focus == "NOR"


def test_its_parties_fold_and_pair_by_its_own_story(ossa_parts):
    graph = ossa_parts[0]
    assert side_fold(graph)["SUDGOV"] == "SUD" and side_fold(graph)["DIPLO"] == "DIPLO"
    assert list(mediator_view(graph).nodes) == ["NOR", "VAL", "EST", "KES", "SUD"]


def test_every_figure_draws_with_its_own_labels(ossa, ossa_parts):
    for name, fig in all_figures(ossa, *ossa_parts):
        shown = " ".join(texts(fig))
        assert not re.search(r"Qatar|Ukrain|Russia|Kursk|Doha|Washington", shown), name
        assert "fictional" in shown, name  # its own source line
        plt.close(fig)


def test_its_chain_figure_draws_its_chain(ossa, ossa_parts):
    _, table, links = ossa_parts
    fig = figures.plot_causal_chain(table, links, ossa.story.chains[0], ossa.story)
    shown = texts(fig)
    assert [t for t in shown if t in ("E03", "E01", "E13")] == ["E03", "E01", "E13"]
    assert "From one mediator to the other" in shown and shown.count("followed") == 2
    plt.close(fig)


def test_its_findings_render_from_its_own_values(ossa):
    values = facts(ossa)
    assert values["count"]["events"] == 15 and values["before"] == "23 February 2025"
    assert "Valdoria is the go-between:** it ranks 1 as a liaison" in render(ossa, "05_mediator_measures", values).data


def test_export_of_another_article(tmp_path):
    out = tmp_path / "out"
    export_cli("ossa-talks-fictional", out)
    events = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    assert len(events) == 15 and set(events["mediator"]) == {"", "VAL", "KES"}
    assert (out / "snapshot_2025-02-23.graphml").exists() and (out / "figures" / "causal_chain.svg").exists()
    assert nx.read_graphml(out / "snapshot_2025-02-23.graphml").number_of_edges() == 2


# ---- a story with no mediator ----


@pytest.fixture
def no_mediator(tmp_path):
    folder = tmp_path / "no-mediator"
    shutil.copytree(OSSA, folder)
    story = (folder / "story.toml").read_text()
    story = re.sub(
        r'\[\[party\]\]\nside = "(Valdoria|Kestria)[^\n]*\nrepresentative = "\w+"\nrole = "mediator"\n\n', "", story
    )
    (folder / "story.toml").write_text(story)
    for old, new in (("Valdoria (mediator)", "other"), ("Kestria (mediator who withdrew)", "other")):
        replace_in(folder / "actors.csv", old, new, count=2)
    return load_dataset(folder)


def test_a_story_without_a_mediator_runs_every_figure(no_mediator):
    assert no_mediator.story.mediators == () and len(no_mediator.story.sides) == 3
    graph = build_actor_graph(no_mediator)
    table, links = build_event_table(no_mediator), build_link_table(no_mediator)
    assert list(mediator_view(graph).nodes) == ["NOR", "EST", "SUD"]
    titles = {}
    for name, fig in all_figures(no_mediator, graph, table, links):
        titles[name] = fig.axes[0].get_title()
        plt.close(fig)
    assert titles["mediator"] == "The parties: the Norland side, the Estmark side and the Sudavia side (no mediator)"
    # Valdoria, now on no side, is its own group: still the only actor between the three.
    assert brokerage_table(graph).set_index("actor_id").loc["VAL", "rank"] == 1


# ---- the story file and the choice of article ----


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            'representative = "VAL"',
            'representative = "VALX"',
            "party 'Valdoria (mediator)': unknown representative 'VALX'",
        ),
        (
            'role = "mediator"\n\n[[party]]\nside = "Estmark side"',
            'role = "broker"\n\n[[party]]\nside = "Estmark side"',
            "party #2: role must be one of side, mediator",
        ),
        (
            'events = ["E03", "E01", "E13"]',
            'events = ["E03", "E99"]',
            "chain 'From one mediator to the other': unknown event 'E99'",
        ),
        ("date = 2025-02-23", 'date = "last month"', "turning_point.date: expected a TOML date"),
        ('title = "Ossa river talks (fictional)"', 'title = ""', "title: title must be a non-empty quoted string"),
    ],
)
def test_a_broken_story_is_an_error_naming_the_file_and_record(tmp_path, old, new, problem):
    folder = tmp_path / "ossa"
    shutil.copytree(OSSA, folder)
    replace_in(folder / "story.toml", old, new)
    with pytest.raises(AnnotationError) as error:
        load_dataset(folder)
    assert str(error.value) == f"{folder / 'story.toml'}: {problem}" or str(error.value).startswith(
        f"{folder / 'story.toml'}: {problem}"
    )


def test_an_actor_on_a_side_the_story_does_not_name_is_an_error(tmp_path):
    folder = tmp_path / "ossa"
    shutil.copytree(OSSA, folder)
    replace_in(
        folder / "actors.csv",
        "DIPLO,Diplomats (unnamed),anonymous sources,unknown,---GOV,other",
        "DIPLO,Diplomats (unnamed),anonymous sources,unknown,---GOV,press",
    )
    with pytest.raises(AnnotationError, match=r"actors.csv: DIPLO: unknown side 'press'; expected one of Norland side"):
        load_dataset(folder)


def test_the_article_is_chosen_by_argument_then_environment_then_default(monkeypatch):
    monkeypatch.delenv("ARTICLE", raising=False)
    default = (ARTICLES_DIR / "default").read_text().strip()
    assert article_dir() == (ARTICLES_DIR / default).resolve()
    monkeypatch.setenv("ARTICLE", "ossa-talks-fictional")
    assert article_dir() == OSSA.resolve() and article_dir(KURSK) == KURSK.resolve()
    with pytest.raises(AnnotationError, match="no such article folder"):
        article_dir("no-such-article")


# ---- the library knows no story ----


def test_no_id_date_or_name_of_an_article_in_the_library():
    words = set()
    for folder in (KURSK, OSSA):
        dataset = load_dataset(folder)
        words |= set(dataset.registry.actors.index) | set(dataset.registry.places.index)
        words |= {e.event_id for e in dataset.annotations.events}
        for aliases in [*dataset.registry.actors["aliases"], *dataset.registry.places["aliases"]]:
            words |= {form for form in aliases.split(";") if len(form) > 3}
        words |= {dataset.article.reference_date.isoformat(), dataset.article.meta["original_report"]["outlet"]}
        words |= {f"{dataset.article.reference_date:%B} {dataset.article.reference_date.day}"}
    words -= {"diplomats", "Diplomats"}  # a common noun, also in docstrings about sources
    found = []
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        text = path.read_text()
        found += [(path.name, w) for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    assert found == []

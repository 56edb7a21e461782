import itertools
import math

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import FancyArrowPatch, Rectangle

from analysis.figures import charts, curves, graphs, style, timeline
from analysis.network.graph import build_actor_graph, mediator_view, select_edges
from analysis.tables.events import build_event_table, build_link_table, filter_events
from analysis.tables.sources import attribution_table


@pytest.fixture(scope="module")
def frames(dataset):
    return build_event_table(dataset), build_link_table(dataset)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def source_line(fig):
    """The figure's source line, whose text (line breaks read as spaces) names the article and the Post."""
    lines = [t for t in fig.texts if t.get_text().startswith("Source: English translation")]
    assert len(lines) == 1, [t.get_text() for t in fig.texts]
    assert "The Washington Post" in " ".join(lines[0].get_text().split())
    return lines[0]


def assert_source_line_fits(fig):
    """The source line's lines stay inside the figure: no line runs off its right edge."""
    extent = source_line(fig).get_window_extent(fig.canvas.get_renderer())
    assert 0 <= extent.x0 and extent.x1 <= fig.bbox.width, (extent, fig.bbox)


def overlapping_texts(fig):
    """Pairs of visible texts whose boxes overlap by more than a pixel each way, once the figure is drawn."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    shown = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in shown]
    clashes = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        both = matplotlib.transforms.Bbox.intersection(box_a, box_b)
        if both is not None and both.width > 1 and both.height > 1:
            clashes.append((a, b))
    return clashes


def nodes_crossed(fig, ax, positions, node_size):
    """(node, arrow end points) for every drawn arrow whose curve passes over a node it does not start or end
    at, sampled along the arrow's own path; a node is a disc of the scatter marker's radius."""
    fig.canvas.draw()
    radius = math.sqrt(node_size) / 2 * fig.dpi / 72
    centres = {node: ax.transData.transform(xy) for node, xy in positions.items()}
    crossed = []
    for arrow in (p for p in ax.patches if isinstance(p, FancyArrowPatch)):
        curves = [segment for segment, _ in arrow.get_path().iter_bezier() if segment.degree >= 1]
        points = ax.transData.transform(np.concatenate([c(np.linspace(0, 1, 60)) for c in curves]))
        line = ax.transData.transform(curves[0](np.array([0.0, 1.0])))  # the shaft's two ends
        for node, centre in centres.items():
            if min(np.hypot(*(line - centre).T)) < 1.5 * radius:
                continue  # the arrow starts or ends at this node
            if np.hypot(*(points - centre).T).min() < radius:
                crossed.append((node, tuple(np.round(line, 0).ravel())))
    return crossed


def assert_dressed(fig, ax):
    assert ax.get_title() and ax.get_xlabel()
    assert ax.get_legend() is not None and ax.get_legend().get_texts()
    assert_source_line_fits(fig)


def test_timeline_draws_every_event_in_date_order(dataset, frames):
    table, links = frames
    fig = timeline.plot_timeline(table, links, dataset.article.reference_date, dataset.story)
    ax = fig.axes[0]
    assert_dressed(fig, ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # By hand: dated events by start (or, when only the end is known, by end), then end (an open end last),
    # then id; undated events by id at the bottom. 18 Jun: E06 (ends 17 Aug), E08 (open); 1 Aug: E03; 5 Aug:
    # E01 (ends 11 Aug), then E02, E07, E09, E12, E18 (end 17 Aug), E13 (open); only an end, 17 Aug: E11, E16;
    # 22 Aug: E14 (ends that day), E15 (open); undated: E04, E05, E10, E17.
    order = ["E06", "E08", "E03", "E01", "E02", "E07", "E09", "E12", "E18", "E13", "E11", "E16", "E14", "E15"]
    order += ["E04", "E05", "E10", "E17"]
    assert [label.split()[0] for label in labels] == order
    label_of = dict(zip(table["event_id"], table["label"]))
    assert labels == [f"{event_id}  {label_of[event_id]}" for event_id in order]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    interval_events = table[
        (table["date_precision"] != "day") & (table["date_start"].notna() | table["date_end"].notna())
    ]
    assert len(bars) == len(interval_events)
    day_events = table[table["date_precision"] == "day"]
    diamonds = [line for line in ax.get_lines() if line.get_marker() == "D"]
    assert len(diamonds) == len(day_events) == 1
    undated = table[table["date_start"].isna() & table["date_end"].isna()]
    assert texts(fig).count("no date in the article") == len(undated)
    reference_lines = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(reference_lines) == 1
    assert pd.Timestamp(reference_lines[0].get_xdata()[0]).date() == dataset.article.reference_date
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # Every status occurs (E01, E06, E14, E03, E13, E04, E10), in the codebook's order; one day (E14); links.
    assert legend == [
        "occurred",
        "ongoing",
        "planned",
        "postponed",
        "cancelled",
        "hypothetical",
        "negated",
        "single day",
        "link asserted by the article",
        "reference date",
    ]


def test_timeline_draws_one_arrow_per_dated_causal_link(dataset, frames):
    table, links = frames
    rows = timeline.timeline_order(table)
    expected = timeline.drawable_links(rows, links)
    # By hand from events.toml: the links between dated events whose relation is drawn (not aimed_at,
    # could_lead_to or prepared), the goals E04, E05, E17 having no date.
    assert set(zip(expected["source_event"], expected["target_event"])) == {
        ("E01", "E02"),
        ("E01", "E03"),
        ("E01", "E07"),
        ("E07", "E08"),
        ("E09", "E01"),
        ("E07", "E12"),
        ("E07", "E13"),
        ("E12", "E13"),
        ("E12", "E03"),
        ("E03", "E14"),
        ("E14", "E15"),
        ("E18", "E01"),
    }
    fig = timeline.plot_timeline(table, links, dataset.article.reference_date, dataset.story)
    arrows = [
        a
        for a in fig.axes[0].texts
        if getattr(a, "arrow_patch", None) is not None
        and a.arrow_patch.get_arrowstyle().__class__.__name__ == "CurveFilledB"
    ]
    assert len(arrows) == len(expected)


def test_timeline_of_a_filtered_table_only_shows_those_events(dataset, frames):
    table, links = frames
    realized = filter_events(table, statuses=["occurred", "ongoing"])
    fig = timeline.plot_timeline(realized, links, dataset.article.reference_date, dataset.story)
    labels = [t.get_text().split()[0] for t in fig.axes[0].get_yticklabels()]
    assert sorted(labels) == sorted(realized["event_id"])


def test_causal_chain_labels_each_arrow_with_its_relation(dataset, frames):
    table, links = frames
    chain = ["E01", "E07", "E12", "E03", "E14"]
    assert dataset.story.chains[0].events == tuple(chain)
    fig = timeline.plot_causal_chain(table, links, dataset.story.chains[0], dataset.story)
    ax = fig.axes[0]
    assert_dressed(fig, ax)
    shown = texts(fig)
    for relation in ("followed", "caused_deferral", "rescheduled_as", "disrupted"):
        assert relation in shown
    assert [t for t in shown if t in chain] == chain


def test_actor_graph_draws_every_edge_with_a_legend(dataset):
    graph = build_actor_graph(dataset)
    fig = graphs.plot_actor_graph(graph, dataset.story)
    ax = fig.axes[0]
    assert_dressed(fig, ax)
    # By hand: 19 action edges (18 events; E16 has no target; E03 and E06 two edges each) and one arrow per
    # source and actor pair, 8 pairs (see test_sourcing_figure_has_one_arrow_per_source_and_actor_pair).
    assert len([p for p in ax.patches if isinstance(p, FancyArrowPatch)]) == 19 + 8
    event_ids = sorted([f"E{i:02d}" for i in range(1, 19) if i != 16] + ["E03", "E06"])
    assert sorted(t for t in texts(fig) if t in event_ids) == event_ids  # one event-id label per action edge
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # Both signs; statuses of every group (E01; E03; E04); sourcing; the three sides and "other" (the sources).
    assert legend == [
        "cooperation",
        "conflict",
        "occurred/ongoing",
        "planned/postponed",
        "cancelled/hypothetical/negated",
        "sourcing: reports (width: events)",
        "Ukrainian side",
        "mediator",
        "Russian side",
        "other",
    ]


def test_graph_figures_keep_labels_apart_and_edges_off_other_nodes(dataset, frames):
    import datetime as dt

    from analysis.network.snapshots import snapshot

    table, links = frames
    graph = build_actor_graph(dataset)
    fig = graphs.plot_actor_graph(graph, dataset.story)
    assert overlapping_texts(fig) == []
    assert nodes_crossed(fig, fig.axes[0], graphs.actor_positions(graph, dataset.story), 1300) == []
    fig = graphs.plot_mediator_graph(graph, dataset.story)
    assert overlapping_texts(fig) == []
    assert nodes_crossed(fig, fig.axes[0], graphs.party_positions(dataset.story), 2600) == []
    fig = graphs.plot_snapshots({"17 Aug": snapshot(graph, table, links, dt.date(2024, 8, 17))}, dataset.story)
    assert overlapping_texts(fig) == []
    assert nodes_crossed(fig, fig.axes[0], graphs.party_positions(dataset.story), 1500) == []
    for fig in (
        graphs.plot_sourcing(graph, dataset.story),
        timeline.plot_causal_chain(table, links, dataset.story.chains[0], dataset.story),
    ):
        assert overlapping_texts(fig) == []


def test_draw_curves_moves_a_label_off_a_node_and_off_an_earlier_label():
    fig, ax = plt.subplots(figsize=(4, 3))
    positions = {"a": (0.0, 0.0), "b": (2.0, 0.0), "m": (1.0, 0.0)}
    ax.set_xlim(-0.5, 2.5)
    ax.set_ylim(-1, 1)
    ax.scatter([1.0], [0.0], s=900)
    arrows = [curves.Curve("a", "b", 0.0, "first", "black"), curves.Curve("a", "b", 0.0, "second", "black")]
    first, second = curves.draw_curves(ax, positions, arrows, node_size=900)
    assert first.get_position()[0] != 1.0  # not on the node "m" at the middle
    assert abs(first.get_position()[1]) < 1e-9 and abs(second.get_position()[1]) < 1e-9  # both on the edge
    assert overlapping_texts(fig) == []


def test_the_legend_lists_only_what_the_graph_shows(dataset):
    graph = build_actor_graph(dataset)
    cooperation = select_edges(graph, layers=["action"], signs=["cooperation"])
    labels = [h.get_label() for h in curves.edge_legend(cooperation, style.side_colours(dataset.story))]
    assert "cooperation" in labels and "conflict" not in labels
    assert not any(label.startswith("sourcing") for label in labels)
    assert "conflict" in [h.get_label() for h in curves.edge_legend(graph, style.side_colours(dataset.story))]


def test_a_selection_without_edges_draws_the_nodes_alone(dataset):
    graph = build_actor_graph(dataset)
    fig = graphs.plot_actor_graph(select_edges(graph, layers=[], signs=[]), dataset.story)
    ax = fig.axes[0]
    assert not [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert set(graph.nodes) <= set(texts(fig))


def test_positions_are_deterministic_and_put_the_mediator_between_the_sides(dataset):
    graph = build_actor_graph(dataset)
    positions = graphs.actor_positions(graph, dataset.story)
    shuffled = graph.__class__()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    assert graphs.actor_positions(shuffled, dataset.story) == positions
    assert positions["UKR"][0] < positions["QAT"][0] < positions["RUS"][0]
    assert len(set(positions.values())) == len(positions)


def test_mediator_view_folds_each_side_into_one_node(dataset):
    graph = build_actor_graph(dataset)
    view = mediator_view(graph)
    assert set(view.nodes) == {"UKR", "QAT", "RUS"}
    # By hand: the 19 action edges of events.toml but E15's (Ukraine -> its partners, on no side): 18.
    assert sorted(k for *_, k in view.edges(keys=True)) == [
        "E01:UKRMIL>RUS",
        "E02:UKR>RUS",
        "E03:QAT>RUS",
        "E03:UKR>QAT",
        "E04:UKR>RUS",
        "E05:UKR>RUS",
        "E06:QAT>RUS",
        "E06:QAT>UKR",
        "E07:RUSGOV>QAT",
        "E08:RUSGOV>QAT",
        "E09:RUSGOV>UKR",
        "E10:UKR>QAT",
        "E11:UKR>QAT",
        "E12:QAT>UKR",
        "E13:UKR>QAT",
        "E14:UKR>QAT",
        "E17:UKR>RUS",
        "E18:PUTIN>UKR",
    ]
    fig = graphs.plot_mediator_graph(graph, dataset.story)
    assert_dressed(fig, fig.axes[0])
    assert len([p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]) == 18


def test_select_edges_keeps_nodes_and_filters_edges(dataset):
    graph = build_actor_graph(dataset)
    cooperation = select_edges(graph, layers=["action"], signs=["cooperation"])
    assert set(cooperation.nodes) == set(graph.nodes)
    assert {d["sign"] for *_, d in cooperation.edges(data=True)} == {"cooperation"}
    planned = select_edges(graph, layers=["action"], statuses=["planned"])
    assert {d["event_id"] for *_, d in planned.edges(data=True)} == {"E14", "E15"}


def test_attribution_chart_has_one_bar_per_source(dataset):
    counts = attribution_table(dataset)
    fig = charts.plot_attribution(counts, dataset.story)
    ax = fig.axes[0]
    assert_dressed(fig, ax)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert sorted(b.get_width() for b in bars) == sorted(counts["events"])


def test_goldstein_chart_sorts_conflict_to_cooperation(dataset, frames):
    table, _ = frames
    fig = charts.plot_goldstein(table, dataset.story)
    ax = fig.axes[0]
    assert_dressed(fig, ax)
    widths = [p.get_width() for p in ax.patches if isinstance(p, Rectangle)]
    assert widths == sorted(widths) and widths[0] == -10.0 and len(widths) == len(table)


def test_configure_fixes_what_makes_svg_vary():
    style.configure()
    assert matplotlib.rcParams["svg.hashsalt"] == "event-analysis"
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert set(style.STATUS_COLOURS.values()) <= set(style.OKABE_ITO.values())
    assert pd.Series(list(style.STATUS_COLOURS.values())).is_unique


def test_snapshot_small_multiples_have_one_panel_per_date(dataset, frames):
    import datetime as dt

    from analysis.network.snapshots import snapshot

    table, links = frames
    graph = build_actor_graph(dataset)
    snaps = {
        "1 Aug": snapshot(graph, table, links, dt.date(2024, 8, 1)),
        "17 Aug": snapshot(graph, table, links, dt.date(2024, 8, 17)),
    }
    # By hand (rules in data/vocabularies/statuses.csv and link_relations.csv): on 1 August no act had certainly
    # happened yet (the earliest ends on 11 August), Qatar's mediation (from 18 June) was under way, and the
    # summit and the Russia-Qatar meeting, planned after the mediation began (prepared), were still plans, not
    # yet put off; the one-sided meeting (proposed after 5 August) and E14, E15 (known only from the report)
    # were not plans yet.
    assert {k: d["status"] for *_, k, d in snaps["1 Aug"].edges(keys=True, data=True)} == {
        "E06:QAT>UKR": "ongoing",
        "E06:QAT>RUS": "ongoing",
        "E03:UKR>QAT": "planned",
        "E03:QAT>RUS": "planned",
        "E08:RUSGOV>QAT": "planned",
    }
    fig = graphs.plot_snapshots(snaps, dataset.story)
    assert len(fig.axes) == 2
    # On 17 August: 7 acts done (E01, E02, E07, E09, E11, E12, E18), E06 and E03 (two each), E08, E13, E14 =
    # 14 ties between the parties (E15, to the partners, is on no side).
    assert [ax.get_title() for ax in fig.axes] == ["1 Aug: 5 ties", "17 Aug: 14 ties"]
    for ax, edges in zip(fig.axes, (5, 14)):
        assert len([p for p in ax.patches if isinstance(p, FancyArrowPatch)]) == edges
    assert fig.legends
    assert_source_line_fits(fig)


def test_net_cooperation_draws_one_line_per_pair_ending_at_its_last_value(dataset):
    series = pd.DataFrame(
        {"QAT-UKR": [5.0, 4.0], "RUS-UKR": [0.0, -23.0]}, index=pd.to_datetime(["2024-08-01", "2024-08-17"])
    )
    fig = charts.plot_net_cooperation(series, dataset.story, dataset.article.reference_date)
    ax = fig.axes[0]
    assert_dressed(fig, ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["QAT-UKR", "RUS-UKR", "reference date"]
    assert {"QAT-UKR +4", "RUS-UKR -23"} <= set(texts(fig))


def test_signed_parties_colour_each_pair_by_the_sign_of_its_net(dataset):
    net = pd.Series({("QAT", "UKR"): 4.0, ("QAT", "RUS"): 0.0, ("RUS", "UKR"): -23.0})
    fig = graphs.plot_signed_parties(net, dataset.story, "Net")
    ax = fig.axes[0]
    assert ax.get_title() == "Net" and ax.get_legend() is not None
    colours = {line.get_color() for line in ax.get_lines()[:3]}
    assert colours == {style.SIGN_COLOURS["cooperation"], style.SIGN_COLOURS["conflict"], "#999999"}
    assert {"+4.0", "+0.0", "-23.0"} <= set(texts(fig))


def test_sourcing_figure_has_one_arrow_per_source_and_actor_pair(dataset):
    graph = build_actor_graph(dataset)
    pairs = {(u, v) for u, v, d in graph.edges(data=True) if d["layer"] == "sourcing"}
    fig = graphs.plot_sourcing(graph, dataset.story)
    ax = fig.axes[0]
    assert_dressed(fig, ax)
    # By hand from attributed_to in events.toml (source -> the event's first actor, no self-reports): the Post on
    # Ukraine 7 (E02, E03, E04, E05, E11, E13, E15), on Russian officials 3 (E07-E09), on the armed forces (E01)
    # and Qatar (E12) 1 each; diplomats on Qatar (E06), the diplomatic source (E10), the President's Office
    # (E14) and some officials (E17) on Ukraine, 1 each: 8 pairs.
    assert len(pairs) == 8
    assert len([p for p in ax.patches if isinstance(p, FancyArrowPatch)]) == 8
    assert sorted((t for t in texts(fig) if t.isdigit()), key=int, reverse=True) == ["7", "3"] + ["1"] * 6


def test_round_scores_show_each_round_pooled_in_order(dataset):
    from analysis.drafting.evaluation import rounds

    record = pd.DataFrame(
        {
            "round": [1, 1, 2],
            "text": ["kursk-qatar", "ossa-talks-fictional", "default"],
            "drafted": [10, 5, 4],
            "gold": [20, 10, 4],
            "matched": [8, 2, 4],
            "status_correct": [6, 1, 3],
        }
    )
    fig = charts.plot_round_scores(rounds(record), {"event_f1": 0.7, "status_accuracy": 0.8}, dataset.story)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["round 1 (2 texts)", "round 2 (1 text)"]
    assert ax.get_ylabel() == "Round (texts pooled)"
    widths = sorted(round(p.get_width(), 3) for p in ax.patches)
    assert widths == sorted([round(4 / 9, 3), 0.7, 1.0, 0.75])  # F1 10 of 15 and 30; status 7 of 10; round 2
    assert_source_line_fits(fig)
    assert overlapping_texts(fig) == []


def test_draft_scores_label_every_text_and_keep_long_labels_inside(dataset):
    rows = pd.DataFrame(
        {
            "text": ["a-very-long-text-name-of-a-kremlin-meeting-2024-08-08", "short"],
            "held_out": ["round 2, rules c5fbbdd", "round 3, rules 09cd8b7"],
            "event_f1": [0.25, 0.5],
            "status_accuracy": [1.0, 0.75],
        }
    )
    fig = charts.plot_draft_scores(rows, {"event_f1": 0.7, "status_accuracy": 0.8}, dataset.story, group="held_out")
    ax = fig.axes[0]
    assert fig._suptitle.get_text() and ax.get_xlabel() == (
        "Score (event F1 under the matching rule; status accuracy on matched events)"
    )
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["event f1", "status accuracy"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"{t} ({w})" for t, w in zip(rows["text"], rows["held_out"])]
    assert_source_line_fits(fig)
    assert overlapping_texts(fig) == []
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert min(t.get_window_extent(renderer).x0 for t in ax.get_yticklabels()) >= 0  # no label cut at the left
    bars = sorted((round(p.get_y(), 2), round(p.get_width(), 2)) for p in ax.patches if isinstance(p, Rectangle))
    assert [width for _, width in bars] == [0.25, 1.0, 0.5, 0.75]
    assert sorted(round(line.get_xdata()[0], 2) for line in ax.lines) == [0.7, 0.8]
    assert ax.get_ylim() == (1.5, -0.5)  # the first text on top, and no empty band above or below the texts
    values = [t.get_text() for t in ax.texts]
    assert values == ["0.25", "0.50", "1.00", "0.75"]
    rows.loc[1, "event_f1"] = 0.697  # two places would round it up to the budget it misses
    fig = charts.plot_draft_scores(rows, {"event_f1": 0.7, "status_accuracy": 0.8}, dataset.story, group="held_out")
    assert "0.697" in [t.get_text() for t in fig.axes[0].texts]


def test_figures_draw_with_the_font_bundled_with_matplotlib_whatever_the_font_cache_lists(monkeypatch):
    # A shared font cache rebuilt on this machine listed only the system's copy of DejaVu Sans, whose glyphs are
    # numbered differently: every figure's SVG changed. configure() must pick matplotlib's own copy regardless.
    from pathlib import Path

    from matplotlib import font_manager

    bundled = str(Path(matplotlib.get_data_path(), "fonts", "ttf"))
    manager = font_manager.fontManager
    without_bundled = [font for font in manager.ttflist if not font.fname.startswith(bundled)]
    monkeypatch.setattr(manager, "ttflist", without_bundled)
    manager._findfont_cached.cache_clear()
    try:
        style.configure()
        assert font_manager.findfont("DejaVu Sans").startswith(bundled)
        assert font_manager.findfont(font_manager.FontProperties(weight="bold")).startswith(bundled)
    finally:
        manager._findfont_cached.cache_clear()

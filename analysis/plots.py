"""Figures for the notebooks: a timeline of events, the causal chain, the actor graph and the mediator graph.

Every figure has a title, labelled axes, a legend and a source line; colours come from the Okabe-Ito
palette, which stays distinct under the common colour-vision deficiencies. Layouts are computed, never random.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import NamedTuple

import matplotlib
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

from .graph import ACTION, SOURCING, layer, mediator_view

OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
STATUS_COLOURS = {
    "occurred": OKABE_ITO["blue"],
    "ongoing": OKABE_ITO["sky blue"],
    "planned": OKABE_ITO["green"],
    "postponed": OKABE_ITO["orange"],
    "cancelled": OKABE_ITO["vermillion"],
    "hypothetical": OKABE_ITO["purple"],
    "negated": OKABE_ITO["grey"],
}
SIGN_COLOURS = {"cooperation": OKABE_ITO["blue"], "conflict": OKABE_ITO["vermillion"]}
STATUS_LINESTYLES = {
    "occurred": "solid",
    "ongoing": "solid",
    "planned": "dashed",
    "postponed": "dashed",
    "cancelled": "dotted",
    "hypothetical": "dotted",
    "negated": "dotted",
}
SOURCE_LINE = (
    "Source: English translation of a Ukrainian outlet's retelling of The Washington Post, "
    '"Ukraine\'s offensive derails secret efforts for partial cease-fire with Russia, officials say", '
    "2024-08-17. Coding: data/events.toml."
)
FIGURE_WIDTH = 10.0
CAUSAL_CHAIN = ["E01", "E07", "E12", "E03", "E14"]  # incursion, postponement, refusal, summit, video conference
CAUSAL_RELATIONS = ("caused", "caused_deferral", "put_off", "disrupted", "followed", "in_response_to", "rescheduled_as")


def configure(seed: str = "kursk-qatar") -> None:
    """Fixed font (drawn as paths, so it looks the same everywhere), fixed SVG hash salt, and inline SVG without
    a creation date: figures rerun byte-identical. Figures set their own margins, so no tight bounding box
    (which would draw every figure twice)."""
    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "svg.hashsalt": seed,
            "svg.fonttype": "path",
            "figure.dpi": 100,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
        }
    )
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:  # the kwargs first: setting the formats re-registers them with the current kwargs
        shell.run_line_magic(
            "config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None, 'metadata': {'Date': None}}"
        )
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['svg']")


def show(fig: plt.Figure) -> None:
    """Display a figure once in the notebook and close it (so the inline backend does not show it again)."""
    from IPython.display import display

    display(fig)
    plt.close(fig)


SOURCE_FONT_SIZE = 6.5
EM_PER_CHARACTER = 0.56  # DejaVu Sans averages 0.51 em per character over SOURCE_LINE; a margin on top


def add_source_line(fig: plt.Figure, note: str = "") -> float:
    """The source line along the bottom edge, broken into lines that fit the figure's width. The breaks are
    computed from the font's average character width: matplotlib's wrap=True measures every candidate line at
    every draw, which cost a tenth of a second per figure. Returns the height it takes, as a fraction of the
    figure's, for anything placed above it."""
    characters_per_line = int(0.97 * fig.get_figwidth() * 72 / (SOURCE_FONT_SIZE * EM_PER_CHARACTER))
    text = textwrap.fill(SOURCE_LINE + (" " + note if note else ""), characters_per_line)
    fig.text(0.01, 0.005, text, fontsize=SOURCE_FONT_SIZE, color="#444444", ha="left", va="bottom")
    return 0.005 + (text.count("\n") + 1) * SOURCE_FONT_SIZE * 1.25 / 72 / fig.get_figheight()


def timeline_order(table: pd.DataFrame) -> pd.DataFrame:
    """Events in drawing order, top to bottom: dated ones by start then end, then the undated ones by id."""
    dated = table[table["date_start"].notna() | table["date_end"].notna()]
    undated = table.drop(dated.index)
    dated = dated.assign(_key=dated["date_start"].fillna(dated["date_end"])).sort_values(
        ["_key", "date_end", "event_id"]
    )
    return pd.concat([dated.drop(columns="_key"), undated.sort_values("event_id")])


def plot_timeline(
    table: pd.DataFrame,
    links: pd.DataFrame,
    reference: dt.date,
    window: tuple[dt.date, dt.date] = (dt.date(2024, 6, 10), dt.date(2024, 9, 7)),
) -> plt.Figure:
    """Each event on its own row: intervals as bars, single days as diamonds, open ends as arrows, colour by
    status; the reference date marked; causal links as arrows between rows; undated events listed at the bottom."""
    rows = timeline_order(table).reset_index(drop=True)
    lo, hi = (pd.Timestamp(d) for d in window)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 0.34 * len(rows) + 2.2))
    y_of = {}
    for y, row in rows.iterrows():
        y_of[row["event_id"]] = y
        colour = STATUS_COLOURS[row["status"]]
        start, end = row["date_start"], row["date_end"]
        hatch = None if row["realized"] else "////"
        if pd.isna(start) and pd.isna(end):
            ax.text(
                lo + pd.Timedelta(days=1),
                y,
                "no date in the article",
                va="center",
                fontsize=7.5,
                color=colour,
                style="italic",
            )
            continue
        if row["date_precision"] == "day":
            ax.plot([start + pd.Timedelta(hours=12)], [y], marker="D", markersize=8, color=colour, linestyle="none")
            continue
        left = lo if pd.isna(start) else start
        right = hi if pd.isna(end) else end + pd.Timedelta(days=1)
        ax.barh(
            y,
            right - left,
            left=left,
            height=0.55,
            color=colour,
            alpha=0.85 if row["realized"] else 0.35,
            edgecolor=colour,
            hatch=hatch,
            linewidth=1,
        )
        if pd.isna(start):
            ax.annotate(
                "", xy=(lo, y), xytext=(lo + pd.Timedelta(days=4), y), arrowprops={"arrowstyle": "->", "color": colour}
            )
        if pd.isna(end):
            ax.annotate(
                "", xy=(hi, y), xytext=(hi - pd.Timedelta(days=4), y), arrowprops={"arrowstyle": "->", "color": colour}
            )
    indexed = rows.set_index("event_id")
    for link in drawable_links(rows, links).itertuples():
        source, target = indexed.loc[link.source_event], indexed.loc[link.target_event]
        x_source = _anchor_date(source)
        x_target = max(x_source, _anchor_date(target))
        ax.annotate(
            "",
            xy=(x_target, y_of[link.target_event]),
            xytext=(x_source, y_of[link.source_event]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#333333",
                "lw": 0.8,
                "connectionstyle": "arc3,rad=0.2",
                "shrinkA": 3,
                "shrinkB": 3,
            },
        )
    ax.axvline(pd.Timestamp(reference), color=OKABE_ITO["black"], linewidth=1.2, linestyle="--")
    ax.text(pd.Timestamp(reference), -0.9, f" report date {reference:%d %b %Y}", fontsize=7.5, va="bottom")
    ax.set_yticks(range(len(rows)), [f"{r.event_id}  {r.label}" for r in rows.itertuples()])
    ax.set_ylim(len(rows) - 0.4, -1.2)
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(matplotlib.dates.WeekdayLocator(byweekday=0, interval=2))
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_xlabel("Date (2024); bars span the interval the words allow, hatched = not (yet) realized")
    ax.set_ylabel("Event")
    ax.set_title("What happened, what was planned and what was put off, as the article tells it")
    present = [s for s in STATUS_COLOURS if s in set(rows["status"])]
    handles = [
        Patch(
            facecolor=STATUS_COLOURS[s],
            alpha=0.85 if s in ("occurred", "ongoing") else 0.35,
            hatch=None if s in ("occurred", "ongoing") else "////",
            edgecolor=STATUS_COLOURS[s],
            label=s,
        )
        for s in present
    ]
    handles += [
        Line2D([], [], marker="D", color="#555555", linestyle="none", label="single day"),
        Line2D([], [], color="#333333", marker=">", label="link asserted by the article"),
        Line2D([], [], color="black", linestyle="--", label="reference date"),
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5, title="Status", frameon=False
    )
    fig.subplots_adjust(left=0.3, right=0.8, bottom=0.16, top=0.93)
    add_source_line(fig)
    return fig


def drawable_links(rows: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The causal links whose two events both have a date to draw them at."""
    dated = set(rows.loc[rows["date_start"].notna() | rows["date_end"].notna(), "event_id"])
    keep = (
        links["relation"].isin(CAUSAL_RELATIONS) & links["source_event"].isin(dated) & links["target_event"].isin(dated)
    )
    return links[keep]


def _anchor_date(row) -> pd.Timestamp:
    """Where a link arrow meets an event's row: its earliest possible date (its start, else its end)."""
    return row["date_start"] if pd.notna(row["date_start"]) else row["date_end"]


class Curve(NamedTuple):
    """An arrow u -> v drawn as matplotlib's arc3 curve with this `rad`, and its label ('' for none)."""

    u: str
    v: str
    rad: float
    label: str
    colour: str
    linestyle: str = "solid"
    width: float = 1.6
    label_colour: str | None = None  # the curve's colour unless given


LABEL_STEPS = tuple(sign * i / 20 for i in range(7) for sign in ((1,) if i == 0 else (-1, 1)))  # 0, -.05, .05, .. .3
LABEL_GAP = 4.0  # pixels kept free between two labels, or a label and a node
SAMPLES = np.linspace(0, 1, 200)  # points along a curve: a few pixels apart on these figures


def arc_control(start, end, rad: float) -> np.ndarray:
    """The control point of the arc3 curve from `start` to `end` (display coordinates), as matplotlib's
    ConnectionStyle.Arc3 sets it: off the chord's middle by `rad` times the chord, to the right of travel."""
    (x1, y1), (x2, y2) = start, end
    return np.array(((x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)))


def arc_points(start, end, rad: float, t) -> np.ndarray:
    """Points at parameters `t` of the arc3 curve from `start` to `end`: a quadratic Bezier."""
    t = np.asarray(t, dtype=float)[..., None]
    return (1 - t) ** 2 * np.asarray(start) + 2 * (1 - t) * t * arc_control(start, end, rad) + t**2 * np.asarray(end)


def draw_curves(
    ax, positions, curves: list[Curve], node_size: float, arrowsize: float = 11, fontsize: float = 6.5, at: float = 0.5
) -> list:
    """Arrows between nodes (scatter discs of `node_size`) as arc3 curves from disc edge to disc edge, and their
    labels, horizontal on white, each on its own curve: at `at` (0 source, 1 target) or the nearest spot along the
    curve that covers no node and no label placed before it, preferring spots that no other curve crosses (so a
    label is not read as another edge's). The curves are computed here, in display space, instead of by
    networkx and matplotlib's shrinking (a bisection per arrow end), so call this once the axes' limits and the
    figure's layout are final. Returns the Text artists of the labelled curves, in their order."""
    ax.apply_aspect()  # a fixed aspect moves the axes box only at draw time; positions need the final one
    ax.set_xlim(ax.get_xlim())  # freeze autoscaling: the arrows must not move what they were computed against
    ax.set_ylim(ax.get_ylim())
    to_display, to_data = ax.transData, ax.transData.inverted()
    radius = math.sqrt(node_size) / 2 * ax.figure.dpi / 72  # scatter size is the marker's diameter squared, in pt
    ends = {node: to_display.transform(xy) for node, xy in positions.items()}
    sampled = np.array([arc_points(ends[c.u], ends[c.v], c.rad, SAMPLES) for c in curves]).reshape(-1, len(SAMPLES), 2)
    for curve, points in zip(curves, sampled):
        ax.add_patch(_arrow(curve, points, ends, radius, arrowsize, to_data))
    return _place_labels(ax, curves, ends, sampled, radius, fontsize, at)


def _arrow(curve: Curve, points: np.ndarray, ends: dict, radius: float, arrowsize: float, to_data) -> FancyArrowPatch:
    """The part of the curve outside both end discs (plus a small gap), as a quadratic Bezier in data coordinates."""
    gap = radius + 2.0
    outside = (np.hypot(*(points - ends[curve.u]).T) > gap) & (np.hypot(*(points - ends[curve.v]).T) > gap)
    a, b = SAMPLES[outside.argmax()], SAMPLES[len(SAMPLES) - 1 - outside[::-1].argmax()]
    start, end = ends[curve.u], ends[curve.v]
    control = arc_control(start, end, curve.rad)
    middle = (1 - a) * (1 - b) * start + ((1 - a) * b + a * (1 - b)) * control + a * b * end  # the blossom f(a, b)
    vertices = to_data.transform([arc_points(start, end, curve.rad, a), middle, arc_points(start, end, curve.rad, b)])
    return FancyArrowPatch(
        path=MplPath(vertices, [MplPath.MOVETO, MplPath.CURVE3, MplPath.CURVE3]),
        arrowstyle="-|>",
        mutation_scale=arrowsize,
        color=curve.colour,
        linestyle=curve.linestyle,
        linewidth=curve.width,
        zorder=1,
    )


def _place_labels(ax, curves, ends, sampled, radius, fontsize, at) -> list:
    """The labels of `draw_curves`: each tried at `at`, then ever further along its curve (LABEL_STEPS), keeping the
    first spot with no clash, or else the one with the fewest (nodes and labels first, other curves second)."""
    renderer = ax.figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    centres = list(ends.values())
    owner = np.repeat(np.arange(len(curves)), sampled.shape[1])  # which curve each sampled point belongs to
    points = sampled.reshape(-1, 2)
    placed, texts = [], []
    for index, curve in enumerate(curves):
        if not curve.label:
            continue
        text = ax.text(
            0,
            0,
            curve.label,
            fontsize=fontsize,
            color=curve.label_colour or curve.colour,
            ha="center",
            va="center",
            zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.5},
            clip_on=True,
        )
        size = text.get_window_extent(renderer).padded(LABEL_GAP / 2).size  # centred text: the box only moves
        best = None
        for step in LABEL_STEPS:
            centre = arc_points(ends[curve.u], ends[curve.v], curve.rad, at + step)
            box = Bbox.from_bounds(*(centre - size / 2), *size)
            hard = sum(box.overlaps(other) for other in placed) + sum(_covers(box, c, radius) for c in centres)
            crossing = len(set(owner[_inside(box, points)]) - {index})
            if best is None or (hard, crossing) < best[0]:
                best = ((hard, crossing), centre, box)
            if best[0] == (0, 0):
                break
        text.set_position(to_data.transform(best[1]))
        placed.append(best[2])
        texts.append(text)
    return texts


def _inside(box, points: np.ndarray) -> np.ndarray:
    """Which display-space points lie in the box."""
    return (points[:, 0] >= box.x0) & (points[:, 0] <= box.x1) & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)


def _covers(box, centre, radius: float) -> bool:
    """Whether a display-space box and a circle overlap."""
    nearest_x = min(max(centre[0], box.x0), box.x1)
    nearest_y = min(max(centre[1], box.y0), box.y1)
    return (nearest_x - centre[0]) ** 2 + (nearest_y - centre[1]) ** 2 < radius**2


def plot_causal_chain(table: pd.DataFrame, links: pd.DataFrame, chain: list[str]) -> plt.Figure:
    """The chain of events as a left-to-right directed graph, each arrow labelled with the article's relation."""
    rows = table.set_index("event_id")
    graph = nx.DiGraph()
    graph.add_nodes_from(chain)
    for link in links.itertuples():
        if link.source_event in chain and link.target_event in chain and link.relation in CAUSAL_RELATIONS:
            graph.add_edge(link.source_event, link.target_event, relation=link.relation, evidence=link.evidence)
    positions = {event_id: (float(i), 0.0) for i, event_id in enumerate(chain)}
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.6))
    colours = [STATUS_COLOURS[rows.loc[n, "status"]] for n in chain]
    nx.draw_networkx_nodes(graph, positions, nodelist=chain, node_color=colours, node_size=900, ax=ax)
    nx.draw_networkx_labels(graph, positions, labels={n: n for n in chain}, font_color="white", font_size=8, ax=ax)
    step = {e for e in graph.edges if chain.index(e[1]) - chain.index(e[0]) == 1}
    curves = [
        Curve(u, v, 0.0 if (u, v) in step else -0.35, relation, "#333333")
        for (u, v), relation in sorted(nx.get_edge_attributes(graph, "relation").items())
    ]
    for event_id, (x, y) in positions.items():
        ax.text(
            x,
            y - 0.12,
            textwrap.fill(rows.loc[event_id, "label"], 16, break_long_words=False),
            ha="center",
            va="top",
            fontsize=7.5,
        )
    ax.set_xlim(-0.6, len(chain) - 0.4)
    ax.set_ylim(-0.5, 0.75)
    ax.set_title("The causal chain the article asserts")
    ax.set_xlabel("Order in the chain (left to right)")
    ax.set_ylabel("")
    ax.set_yticks([])
    ax.tick_params(axis="x", bottom=False, labelbottom=False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    present = list(dict.fromkeys(rows.loc[chain, "status"]))
    ax.legend(
        handles=[Patch(color=STATUS_COLOURS[s], label=s) for s in present],
        title="Status",
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=7.5,
    )
    fig.subplots_adjust(left=0.03, right=0.87, bottom=0.18, top=0.88)
    add_source_line(fig)
    draw_curves(ax, positions, curves, node_size=900, arrowsize=14, fontsize=7.5)
    return fig


SIDE_COLUMNS = {"Ukrainian side": 0.0, "mediator": 1.0, "Russian side": 2.0}
SIDE_COLOURS = {
    "Ukrainian side": OKABE_ITO["sky blue"],
    "mediator": OKABE_ITO["yellow"],
    "Russian side": OKABE_ITO["orange"],
    "other": "#dddddd",
}


COLUMN_ORDER = ("UKR", "UKROP", "UKRMIL", "RUS", "RUSGOV", "PUTIN", "DIPOFF", "DIPSRC", "WAPO", "PARTNERS", "SOMEOFF")
ROW = 0.7


def actor_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Ukrainian side on the left, the Russian side on the right, the mediator between them a row and a quarter
    above their first row (clear of the curves between the sides), others along the top. Within a column or the
    top row, actors follow COLUMN_ORDER (then any others, sorted): an order in which no curve of this article's
    graph runs over a node it does not join (tested)."""
    rank = {actor: i for i, actor in enumerate(COLUMN_ORDER)}
    columns: dict[str, list[str]] = {}
    for node in sorted(graph.nodes, key=lambda n: (rank.get(n, len(rank)), n)):
        columns.setdefault(graph.nodes[node]["side"], []).append(node)
    positions = {}
    for side, nodes in columns.items():
        for i, node in enumerate(nodes):
            if side == "other":
                positions[node] = (i * 2.0 / max(len(nodes) - 1, 1), 3 * ROW)
            elif side == "mediator":
                positions[node] = (SIDE_COLUMNS[side], (1.25 + i) * ROW)
            else:
                positions[node] = (SIDE_COLUMNS[side], -i * ROW)
    return positions


class Arc(NamedTuple):
    """One curve in a graph drawing: an action edge, or every sourcing edge from one source to one actor."""

    u: str
    v: str
    keys: tuple[str, ...]
    data: dict  # the attributes of the first of `keys`
    rad: float  # the arc3 bend


def edge_arcs(graph: nx.MultiDiGraph) -> list[Arc]:
    """The curves that draw `graph`, in key order: one per action edge, one per (source, actor) pair for the
    sourcing edges (drawn as wide as the number of events, so the seven reports of the Post on Ukraine are one
    curve, not a fan). The curves between two nodes, in either direction, bend to alternate sides of the line
    joining them, 0.12, 0.24, ... from it, so that none lies on another and none bends further than it must."""
    curves: dict[tuple, list] = {}
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        group = (u, v, SOURCING) if data["layer"] == SOURCING else (u, v, key)
        curves.setdefault(group, [data]).append(key)
    seen: dict[tuple[str, str], int] = {}
    arcs = []
    for (u, v, _), (data, *keys) in curves.items():
        pair = tuple(sorted((u, v)))
        seen[pair] = seen.get(pair, 0) + 1
        side = 1 if seen[pair] % 2 else -1  # 1st, 3rd, ... curve on one side of the pair's line, the others opposite
        bend = side * 0.12 * ((seen[pair] + 1) // 2)
        rad = bend if (u, v) == pair else -bend  # arc3 bends to the left or right of the direction of travel
        arcs.append(Arc(u, v, tuple(keys), data, round(rad, 2)))
    return arcs


def draw_multigraph(graph: nx.MultiDiGraph, positions, ax, node_size: int = 1400) -> list[Curve]:
    """Nodes coloured by side, and the curves of `edge_arcs` coloured by sign (sourcing in grey), styled by status
    and labelled with event ids, for `draw_curves` once the layout is final."""
    node_colours = [SIDE_COLOURS[graph.nodes[n]["side"]] for n in graph.nodes]
    nx.draw_networkx_nodes(graph, positions, node_color=node_colours, node_size=node_size, edgecolors="#333333", ax=ax)
    nx.draw_networkx_labels(graph, positions, font_size=7.5, ax=ax)
    curves = []
    for arc in edge_arcs(graph):
        if arc.data["layer"] == SOURCING:
            curves.append(Curve(arc.u, arc.v, arc.rad, "", "#aaaaaa", "dotted", 0.6 + 0.3 * len(arc.keys)))
        else:
            colour, style = SIGN_COLOURS[arc.data["sign"]], STATUS_LINESTYLES[arc.data["status"]]
            curves.append(Curve(arc.u, arc.v, arc.rad, arc.data["event_id"], colour, style))
    return curves


def edge_legend(graph: nx.MultiDiGraph) -> list:
    """Legend entries for what the graph shows: the signs and statuses of its action edges, the sourcing layer if
    drawn, and the sides its nodes belong to."""
    action = [d for *_, d in graph.edges(data=True) if d["layer"] == ACTION]
    statuses = sorted({d["status"] for d in action}, key=list(STATUS_LINESTYLES).index)
    signs = {d["sign"] for d in action}
    handles = [Line2D([], [], color=c, linewidth=2, label=s) for s, c in SIGN_COLOURS.items() if s in signs]
    for style in dict.fromkeys(STATUS_LINESTYLES[s] for s in statuses):
        names = "/".join(s for s in statuses if STATUS_LINESTYLES[s] == style)
        handles.append(Line2D([], [], color="#555555", linestyle=style, label=names))
    if any(d["layer"] == SOURCING for *_, d in graph.edges(data=True)):
        handles.append(Line2D([], [], color="#aaaaaa", linestyle=":", label="sourcing: reports (width: events)"))
    handles += [
        Patch(facecolor=c, edgecolor="#333333", label=s)
        for s, c in SIDE_COLOURS.items()
        if any(graph.nodes[n]["side"] == s for n in graph.nodes)
    ]
    return handles


def plot_actor_graph(graph: nx.MultiDiGraph, title: str = "Who did what to whom, and who says so") -> plt.Figure:
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 7.0))
    positions = actor_positions(graph)
    curves = draw_multigraph(graph, positions, ax, node_size=1300)
    ax.margins(0.12)
    finish_graph_figure(
        fig,
        ax,
        edge_legend(graph),
        title,
        "Ukrainian side  <-   mediator   ->  Russian side  (sources and partners along the top)",
        "Edge labels are event ids.",
    )
    draw_curves(ax, positions, curves, node_size=1300)
    return fig


def finish_graph_figure(fig: plt.Figure, ax, handles: list, title: str, xlabel: str, note: str) -> None:
    """Title, axis label (a graph has no y scale), the edge and node legend, and the source line."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=7.5,
        title="Edges and nodes",
    )
    fig.subplots_adjust(left=0.02, right=0.78, bottom=0.12, top=0.92)
    add_source_line(fig, note)


MEDIATOR_POSITIONS = {
    "UKR": (0.0, 0.0),
    "QAT": (1.0, 0.8),
    "RUS": (2.0, 0.0),
}  # Qatar above the curves between the sides


def plot_mediator_graph(graph: nx.MultiDiGraph, mediator: str = "QAT") -> plt.Figure:
    """Qatar between the two sides: every action edge among them, the planned indirect channel included."""
    view = mediator_view(graph, mediator)
    positions = {mediator if node == "QAT" else node: xy for node, xy in MEDIATOR_POSITIONS.items()}
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 6.0))
    curves = draw_multigraph(view, positions, ax, node_size=2600)
    ax.set_ylim(-0.65, 1.1)
    ax.set_xlim(-0.3, 2.3)
    ax.set_aspect("equal")  # arcs bend in display space: equal units keep them clear of Qatar at any size
    finish_graph_figure(
        fig,
        ax,
        edge_legend(view),
        "The mediator: Qatar between the Ukrainian and the Russian side",
        "Edge labels are event ids; the Doha summit (E03) is the indirect channel Ukraine -> Qatar -> Russia",
        "Actors of each side folded into one node.",
    )
    draw_curves(ax, positions, curves, node_size=2600)
    return fig


def plot_attribution(counts: pd.DataFrame) -> plt.Figure:
    """Events per source, bars coloured by whether the source is named or anonymous."""
    colours = {"anonymous": OKABE_ITO["vermillion"], "named": OKABE_ITO["blue"]}
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.4))
    ordered = counts.sort_values(["events", "source"], ascending=[True, False])
    ax.barh(ordered["source"], ordered["events"], color=[colours[k] for k in ordered["sourcing"]])
    for y, value in enumerate(ordered["events"]):
        ax.text(value + 0.1, y, str(value), va="center", fontsize=8)
    ax.set_title("Who asserts the events")
    ax.set_xlabel("Number of events attributed")
    ax.set_ylabel("Source named by the article")
    ax.legend(
        handles=[Patch(color=c, label=k) for k, c in colours.items()], title="Source", frameon=False, loc="lower right"
    )
    fig.subplots_adjust(left=0.3, right=0.97, bottom=0.25, top=0.9)
    add_source_line(fig, "The Post itself cites diplomats and officials it does not name.")
    return fig


def plot_goldstein(table: pd.DataFrame) -> plt.Figure:
    """Each event's Goldstein score, coloured by status: cooperation right of zero, conflict left."""
    rows = table.sort_values(["goldstein", "event_id"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 0.3 * len(rows) + 1.6))
    ax.barh(range(len(rows)), rows["goldstein"], color=[STATUS_COLOURS[s] for s in rows["status"]])
    ax.set_yticks(range(len(rows)), [f"{r.event_id} {r.label} ({r.cameo_code})" for r in rows.itertuples()])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-10.5, 10.5)
    ax.set_title("CAMEO coding: Goldstein score of each event (-10 conflict .. +10 cooperation)")
    ax.set_xlabel("Goldstein score")
    ax.set_ylabel("Event (CAMEO code)")
    present = [s for s in STATUS_COLOURS if s in set(rows["status"])]
    ax.legend(
        handles=[Patch(color=STATUS_COLOURS[s], label=s) for s in present],
        title="Status",
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=7.5,
    )
    fig.subplots_adjust(left=0.33, right=0.85, bottom=0.16, top=0.93)
    add_source_line(fig)
    return fig


PAIR_COLOURS = {"QAT-UKR": OKABE_ITO["sky blue"], "QAT-RUS": OKABE_ITO["orange"], "RUS-UKR": OKABE_ITO["vermillion"]}


def plot_snapshots(snapshots: dict[str, nx.MultiDiGraph]) -> plt.Figure:
    """Small multiples: the mediation channel (sides folded, Qatar between) in each snapshot, same layout."""
    width = max(0.6, len(snapshots) / 2) * FIGURE_WIDTH  # panels keep their size: one panel, a narrower figure
    fig, axes = plt.subplots(1, len(snapshots), figsize=(width, 4.6), sharex=True, sharey=True, squeeze=False)
    curves = []
    for ax, (title, graph) in zip(axes[0], snapshots.items()):
        view = mediator_view(graph)
        curves.append(draw_multigraph(view, MEDIATOR_POSITIONS, ax, node_size=1500))
        ax.set_title(f"{title}: {view.number_of_edges()} ties", fontsize=10)
        ax.set_xlim(-0.3, 2.3)
        ax.set_ylim(-0.5, 1.12)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("Ukrainian side - Qatar - Russian side")
    merged = nx.compose_all([mediator_view(g) for g in snapshots.values()])
    fig.suptitle("The channel as of " + " and ".join(snapshots), fontweight="bold")
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.3, top=0.86, wspace=0.05)
    source = add_source_line(
        fig, "Edge labels are event ids; status as of each date (rules: data/statuses.csv, data/link_relations.csv)."
    )
    fig.legend(
        handles=edge_legend(merged),
        loc="lower center",
        ncol=4,
        frameon=False,
        fontsize=7.5,
        bbox_to_anchor=(0.5, source),
    )
    for ax, panel in zip(axes[0], curves):
        draw_curves(ax, MEDIATOR_POSITIONS, panel, node_size=1500)
    return fig


def plot_net_cooperation(series: pd.DataFrame, reference: dt.date) -> plt.Figure:
    """Net Goldstein score of realized ties per pair of parties, as a step line over time."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.8))
    styles = ["solid", "dashed", "dotted"]
    for index, pair in enumerate(series.columns):
        ax.step(
            series.index,
            series[pair],
            where="post",
            label=pair,
            color=PAIR_COLOURS.get(pair, "#555555"),
            linewidth=2.2,
            linestyle=styles[index % len(styles)],
        )
        last = series[pair].iloc[-1]
        ax.plot([series.index[-1]], [last], marker="o", color=PAIR_COLOURS.get(pair, "#555555"))
        ax.annotate(
            f"{pair} {last:+.0f}",
            (series.index[-1], last),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=PAIR_COLOURS.get(pair, "#555555"),
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(pd.Timestamp(reference), color="black", linestyle="--", linewidth=1, label="reference date")
    ax.set_xlim(series.index[0] - pd.Timedelta(days=2), pd.Timestamp(reference) + pd.Timedelta(days=9))
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
    ax.set_title("Net cooperation between the parties (sum of Goldstein scores of realized ties)")
    ax.set_xlabel("Date (2024); an act counts from the date by which it had certainly happened")
    ax.set_ylabel("Net Goldstein score")
    ax.legend(title="Pair", frameon=False, loc="lower left", fontsize=8)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.24, top=0.9)
    add_source_line(fig)
    return fig


def plot_signed_parties(net: pd.Series, title: str) -> plt.Figure:
    """The three parties with one line per pair: colour by the sign of the net score, width by its size."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 0.6, 4.2))
    for (a, b), value in net.items():
        (xa, ya), (xb, yb) = MEDIATOR_POSITIONS[a], MEDIATOR_POSITIONS[b]
        colour = SIGN_COLOURS["cooperation"] if value > 0 else SIGN_COLOURS["conflict"] if value < 0 else "#999999"
        ax.plot([xa, xb], [ya, yb], color=colour, linewidth=1 + abs(value) / 2.5, solid_capstyle="round", zorder=1)
        ax.text(
            (xa + xb) / 2,
            (ya + yb) / 2,
            f"{value:+.1f}",
            ha="center",
            va="center",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": colour, "boxstyle": "round"},
            zorder=3,
        )
    for node, (x, y) in MEDIATOR_POSITIONS.items():
        side = {"UKR": "Ukrainian side", "QAT": "mediator", "RUS": "Russian side"}[node]
        ax.scatter([x], [y], s=1400, color=SIDE_COLOURS[side], edgecolors="#333333", zorder=2)
        ax.text(x, y, node, ha="center", va="center", fontsize=9, zorder=4)
    ax.set_xlim(-0.35, 2.35)
    ax.set_ylim(-0.35, 1.15)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)
    ax.set_xlabel("Line width: size of the net Goldstein score")
    ax.legend(
        handles=[
            Line2D([], [], color=SIGN_COLOURS["cooperation"], linewidth=3, label="net cooperation"),
            Line2D([], [], color=SIGN_COLOURS["conflict"], linewidth=3, label="net conflict"),
            Line2D([], [], color="#999999", linewidth=3, label="balanced (0)"),
        ],
        loc="upper left",
        frameon=False,
        fontsize=7.5,
    )
    fig.subplots_adjust(left=0.03, right=0.97, bottom=0.2, top=0.9)
    add_source_line(fig)
    return fig


def plot_sourcing(graph: nx.MultiDiGraph) -> plt.Figure:
    """Who reports on whom: sources on the left, the actors whose acts they report on the right; one arrow per
    pair, as wide as the number of events, labelled with that number."""
    counts = nx.DiGraph()
    for u, v, data in layer(graph, SOURCING).edges(data=True):
        weight = counts.edges[u, v]["events"] + 1 if counts.has_edge(u, v) else 1
        counts.add_edge(u, v, events=weight)
    sources = sorted({u for u, _ in counts.edges()})
    targets = sorted({v for _, v in counts.edges()})
    span = max(len(sources), len(targets)) - 1
    positions = {n: (0.0, -i * span / max(len(sources) - 1, 1)) for i, n in enumerate(sources)}
    positions.update({n: (1.0, -i * span / max(len(targets) - 1, 1)) for i, n in enumerate(targets)})
    for node in counts.nodes:
        counts.nodes[node].update(graph.nodes[node])
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 0.8, 5.2))
    nodes = sorted(counts.nodes)
    nx.draw_networkx_nodes(
        counts,
        positions,
        nodelist=nodes,
        node_size=1500,
        edgecolors="#333333",
        ax=ax,
        node_color=[SIDE_COLOURS[counts.nodes[n]["side"]] for n in nodes],
    )
    nx.draw_networkx_labels(counts, positions, font_size=7.5, ax=ax)
    ax.set_xlim(-0.25, 1.25)
    ax.set_ylim(-span - 0.6, 0.6)
    handles = [
        Patch(facecolor=SIDE_COLOURS[side], edgecolor="#333333", label=side)
        for side in SIDE_COLOURS
        if any(counts.nodes[n]["side"] == side for n in nodes)
    ]
    handles.append(Line2D([], [], color="#888888", linewidth=2, label="reports on (events)"))
    finish_graph_figure(
        fig,
        ax,
        handles,
        "Who reports on whom",
        "Sources (left) and the actors whose acts they report (right)",
        "Numbers and widths: events reported.",
    )
    curves = [
        Curve(u, v, 0.0, str(n), "#888888", width=0.8 + n, label_colour="black")
        for u, v, n in sorted(counts.edges(data="events"))
    ]
    draw_curves(ax, positions, curves, node_size=1500, arrowsize=12, fontsize=7.5, at=0.3)
    return fig

"""The graph drawing engine: nodes coloured by side, arrows as arc3 curves computed in display space and cut
at the node discs, labels placed on their own curve off nodes, other labels and other curves.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

from analysis.figures.style import SIGN_COLOURS, STATUS_LINESTYLES, add_source_line
from analysis.network.graph import ACTION, SOURCING
from analysis.text.story import Story


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


class Arc(NamedTuple):
    """One curve in a graph drawing: an action edge, or every sourcing edge from one source to one actor."""

    u: str
    v: str
    keys: tuple[str, ...]
    data: dict  # the attributes of the first of `keys`
    rad: float  # the arc3 bend


def edge_arcs(graph: nx.MultiDiGraph) -> list[Arc]:
    """The curves that draw `graph`, in key order: one per action edge, one per (source, actor) pair for the
    sourcing edges (drawn as wide as the number of events, so the many reports of one outlet on one actor are one
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


def draw_multigraph(
    graph: nx.MultiDiGraph, positions, ax, colours: dict[str, str], node_size: int = 1400
) -> list[Curve]:
    """Nodes coloured by side (`colours`: side label -> colour), and the curves of `edge_arcs` coloured by sign
    (sourcing in grey), styled by status and labelled with event ids, for `draw_curves` once the layout is final."""
    node_colours = [colours[graph.nodes[n]["side"]] for n in graph.nodes]
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


def edge_legend(graph: nx.MultiDiGraph, colours: dict[str, str]) -> list:
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
        for s, c in colours.items()
        if any(graph.nodes[n]["side"] == s for n in graph.nodes)
    ]
    return handles


def finish_graph_figure(fig: plt.Figure, ax, story: Story, handles: list, title: str, xlabel: str, note: str) -> None:
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
    add_source_line(fig, story, note)

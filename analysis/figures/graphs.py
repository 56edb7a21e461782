"""Graph figures: the actor graph, the mediator between the sides, snapshots of the channel, signed relations
between the parties, and who reports on whom. Layouts are computed, never random.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.figures.curves import Curve, draw_curves, draw_multigraph, edge_legend, finish_graph_figure
from analysis.figures.style import FIGURE_WIDTH, SIDE_COLOURS, SIGN_COLOURS, add_source_line
from analysis.network.graph import SOURCING, layer, mediator_view

SIDE_COLUMNS = {"Ukrainian side": 0.0, "mediator": 1.0, "Russian side": 2.0}


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

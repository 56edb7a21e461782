"""Graph figures: the actor graph, the mediator between the sides, snapshots of the channel, signed relations
between the parties, and who reports on whom. Layouts are computed, never random.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.figures.curves import Curve, draw_curves, draw_multigraph, edge_legend, finish_graph_figure
from analysis.figures.style import FIGURE_WIDTH, SIGN_COLOURS, add_source_line, side_colours
from analysis.network.graph import SOURCING, layer, mediator_view
from analysis.text.story import Story

ROW = 0.7


def party_x(story: Story) -> dict[str, float]:
    """Each party's column, left to right across 0..2, by side label."""
    n = len(story.parties)
    return {p.side: (2.0 * i / (n - 1) if n > 1 else 1.0) for i, p in enumerate(story.parties)}


def actor_positions(graph: nx.MultiDiGraph, story: Story) -> dict[str, tuple[float, float]]:
    """One column per party, left to right as the story lists them: a side's actors down from the baseline, a
    mediator's a row and a quarter above it (clear of the curves between the sides), actors on no side along
    the top. Within a column or the top row, actors follow the story's actor_order, then any others sorted (the
    story chooses an order in which no curve runs over a node it does not join; tests check it)."""
    rank = {actor: i for i, actor in enumerate(story.actor_order)}
    columns: dict[str, list[str]] = {}
    for node in sorted(graph.nodes, key=lambda n: (rank.get(n, len(rank)), n)):
        columns.setdefault(graph.nodes[node]["side"], []).append(node)
    x_of, roles = party_x(story), {p.side: p.role for p in story.parties}
    sides = [p.side for p in story.sides]
    baseline = {  # more than two sides: the middle ones lower, so that curves between the outer ones pass above
        side: -1.5 * ROW * math.sin(math.pi * i / (len(sides) - 1)) if len(sides) > 1 else 0.0
        for i, side in enumerate(sides)
    }
    positions = {}
    for side, nodes in columns.items():
        for i, node in enumerate(nodes):
            if side not in roles:
                positions[node] = (i * 2.0 / max(len(nodes) - 1, 1), 3 * ROW)
            elif roles[side] == "mediator":
                positions[node] = (x_of[side], (1.25 + i) * ROW)
            else:
                positions[node] = (x_of[side], round(baseline[side], 6) - i * ROW)
    return positions


def party_positions(story: Story) -> dict[str, tuple[float, float]]:
    """The folded parties: sides along a lower arc from left to right (two sides on one line), mediators above
    the curves between them, by representative."""
    sides, mediators = story.sides, story.mediators
    positions = {}
    for i, party in enumerate(sides):
        t = i / (len(sides) - 1) if len(sides) > 1 else 0.5
        positions[party.representative] = (2.0 * t, round(-0.6 * math.sin(math.pi * t), 6))
    for j, party in enumerate(mediators):
        positions[party.representative] = (2.0 * (j + 0.5) / len(mediators), 0.8)
    return positions


def party_names(story: Story, graph: nx.MultiDiGraph) -> list[str]:
    """The parties left to right: a side by its label, a mediator by its own name."""
    return [graph.nodes[p.representative]["name"] if p.role == "mediator" else p.side for p in story.parties]


def joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def plot_actor_graph(
    graph: nx.MultiDiGraph, story: Story, title: str = "Who did what to whom, and who says so"
) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 7.0))
    positions = actor_positions(graph, story)
    colours = side_colours(story)
    curves = draw_multigraph(graph, positions, ax, colours, node_size=1300)
    ax.margins(0.12)
    finish_graph_figure(
        fig,
        ax,
        story,
        edge_legend(graph, colours),
        title,
        "One column per party, in the story's order (legend); actors on no side along the top",
        "Edge labels are event ids.",
    )
    draw_curves(ax, positions, curves, node_size=1300)
    return fig


def plot_mediator_graph(graph: nx.MultiDiGraph, story: Story) -> plt.Figure:
    """The mediators between the sides: every action edge among the parties, each party folded into one node,
    indirect channels included."""
    view = mediator_view(graph)
    positions = party_positions(story)
    colours = side_colours(story)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 6.0))
    curves = draw_multigraph(view, positions, ax, colours, node_size=2600)
    ys = [y for _, y in positions.values()]
    ax.set_ylim(min(ys) - 0.65, max(ys) + 0.3)
    ax.set_xlim(-0.3, 2.3)
    ax.set_aspect("equal")  # arcs bend in display space: equal units keep them clear of the mediator at any size
    sides = joined([f"the {p.side}" for p in story.sides])
    mediators = [graph.nodes[p.representative]["name"] for p in story.mediators]
    title = (
        f"The mediator{'s' if len(mediators) > 1 else ''}: {joined(mediators)} between {sides}"
        if mediators
        else f"The parties: {sides} (no mediator)"
    )
    finish_graph_figure(
        fig,
        ax,
        story,
        edge_legend(view, colours),
        story.figure_text("mediator_graph", "title", title),
        story.figure_text(
            "mediator_graph", "xlabel", "Edge labels are event ids; indirect events run through their mediator"
        ),
        "Actors of each party folded into one node.",
    )
    draw_curves(ax, positions, curves, node_size=2600)
    return fig


def plot_snapshots(snapshots: dict[str, nx.MultiDiGraph], story: Story) -> plt.Figure:
    """Small multiples: the channel among the parties (each folded into one node, mediators above the sides) in
    each snapshot, same layout."""
    positions, colours = party_positions(story), side_colours(story)
    ys = [y for _, y in positions.values()]
    width = max(0.6, len(snapshots) / 2) * FIGURE_WIDTH  # panels keep their size: one panel, a narrower figure
    fig, axes = plt.subplots(1, len(snapshots), figsize=(width, 4.6), sharex=True, sharey=True, squeeze=False)
    curves = []
    for ax, (title, graph) in zip(axes[0], snapshots.items()):
        view = mediator_view(graph)
        curves.append(draw_multigraph(view, positions, ax, colours, node_size=1500))
        ax.set_title(f"{title}: {view.number_of_edges()} ties", fontsize=10)
        ax.set_xlim(-0.3, 2.3)
        ax.set_ylim(min(ys) - 0.5, max(ys) + 0.32)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel(" - ".join(party_names(story, graph)))
    merged = nx.compose_all([mediator_view(g) for g in snapshots.values()])
    fig.suptitle("The channel as of " + " and ".join(snapshots), fontweight="bold")
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.3, top=0.86, wspace=0.05)
    source = add_source_line(
        fig,
        story,
        "Edge labels are event ids; status as of each date (rules: data/vocabularies/statuses.csv, link_relations.csv).",
    )
    fig.legend(
        handles=edge_legend(merged, colours),
        loc="lower center",
        ncol=4,
        frameon=False,
        fontsize=7.5,
        bbox_to_anchor=(0.5, source),
    )
    for ax, panel in zip(axes[0], curves):
        draw_curves(ax, positions, panel, node_size=1500)
    return fig


def plot_signed_parties(net: pd.Series, story: Story, title: str) -> plt.Figure:
    """The parties with one line per pair: colour by the sign of the net score, width by its size."""
    positions, colours = party_positions(story), side_colours(story)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 0.6, 4.2))
    for (a, b), value in net.items():
        (xa, ya), (xb, yb) = positions[a], positions[b]
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
    sides = {p.representative: p.side for p in story.parties}
    for node, (x, y) in positions.items():
        ax.scatter([x], [y], s=1400, color=colours[sides[node]], edgecolors="#333333", zorder=2)
        ax.text(x, y, node, ha="center", va="center", fontsize=9, zorder=4)
    ys = [y for _, y in positions.values()]
    ax.set_xlim(-0.35, 2.35)
    ax.set_ylim(min(ys) - 0.35, max(ys) + 0.35)
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
    add_source_line(fig, story)
    return fig


def plot_sourcing(graph: nx.MultiDiGraph, story: Story) -> plt.Figure:
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
    colours = side_colours(story)
    nodes = sorted(counts.nodes)
    nx.draw_networkx_nodes(
        counts,
        positions,
        nodelist=nodes,
        node_size=1500,
        edgecolors="#333333",
        ax=ax,
        node_color=[colours[counts.nodes[n]["side"]] for n in nodes],
    )
    nx.draw_networkx_labels(counts, positions, font_size=7.5, ax=ax)
    ax.set_xlim(-0.25, 1.25)
    ax.set_ylim(-span - 0.6, 0.6)
    handles = [
        Patch(facecolor=colours[side], edgecolor="#333333", label=side)
        for side in colours
        if any(counts.nodes[n]["side"] == side for n in nodes)
    ]
    handles.append(Line2D([], [], color="#888888", linewidth=2, label="reports on (events)"))
    finish_graph_figure(
        fig,
        ax,
        story,
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

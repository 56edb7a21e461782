"""Figures of how the story travelled: the coverage matrix as a heatmap, the certainty of the central claim per
telling, and the citation graph with the path from the original report to the article marked."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.external.tellings import CAMPS, Tellings, citation_graph, path_to_article
from analysis.figures.curves import Curve, draw_curves
from analysis.figures.style import FIGURE_WIDTH, OKABE_ITO, add_source_line, categorical_mesh
from analysis.text.story import Story

TELLINGS_NOTE = "Tellings and codes: data/articles/NAME/tellings/ (paraphrases and short quotes only)."
CODE_COLOURS = {
    "carried": OKABE_ITO["blue"],
    "hedged": OKABE_ITO["sky blue"],
    "hardened": OKABE_ITO["vermillion"],
    "altered": OKABE_ITO["orange"],
    "contradicted": OKABE_ITO["purple"],
    "absent": "#eeeeee",
}
NODE_SIZE = 500
CAMP_COLOURS = dict(zip(CAMPS, (OKABE_ITO["sky blue"], OKABE_ITO["orange"], OKABE_ITO["green"], "#dddddd")))


def nothing_recorded(story: Story, title: str) -> plt.Figure:
    """A figure that says the article folder records no tellings (instead of an empty chart)."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 2.0))
    ax.text(
        0.5,
        0.5,
        "No other tellings are recorded for this article (its folder has no tellings/).",
        ha="center",
        va="center",
        style="italic",
    )
    ax.set_axis_off()
    ax.set_title(title)
    fig.subplots_adjust(bottom=0.3)
    add_source_line(fig, story)
    return fig


def _label(tellings: Tellings, telling_id: str) -> str:
    row = tellings.tellings.loc[telling_id]
    return f"{telling_id} {row['outlet']} ({row['language']})"


def plot_coverage(matrix: pd.DataFrame, tellings: Tellings, order: list[str], story: Story) -> plt.Figure:
    """Tellings (rows, in `order`) by claims (columns), each cell coloured by its code; the article's telling
    in bold."""
    title = "Which telling carries which claim, and how (tellings ordered by similarity of coverage)"
    if not tellings.present:
        return nothing_recorded(story, title)
    rows = matrix.loc[order]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 1.2, 0.36 * len(rows) + 2.6))
    categorical_mesh(ax, rows, CODE_COLOURS)
    ax.set_xticks(range(len(rows.columns)), rows.columns, fontsize=7.5)
    ax.set_yticks(range(len(rows)), [_label(tellings, t) for t in rows.index], fontsize=7.5)
    for label in ax.get_yticklabels():
        if label.get_text().split()[0] == tellings.article_telling:
            label.set_fontweight("bold")
    ax.set_title(title)
    ax.set_xlabel("Claim (see the claims table)")
    ax.set_ylabel("Telling (the article in bold)")
    ax.legend(
        handles=[Patch(color=c, label=code) for code, c in CODE_COLOURS.items()],
        frameon=False,
        fontsize=7.5,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        title="Code",
    )
    fig.subplots_adjust(left=0.32, right=0.88, bottom=0.14, top=0.92)
    add_source_line(fig, story, TELLINGS_NOTE)
    return fig


def plot_certainty(levels: pd.Series, tellings: Tellings, story: Story) -> plt.Figure:
    """How certain each telling makes the central claim, on the ordinal scale of the vocabulary, coloured by
    the telling's camp."""
    if not tellings.present:
        return nothing_recorded(story, "How certain each telling makes the central claim")
    ranks = levels.map(tellings.levels["rank"]).astype(int)
    order = ranks.sort_values(kind="stable").index
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 0.32 * len(order) + 1.8))
    camps = tellings.tellings.loc[order, "camp"]
    ax.barh(range(len(order)), ranks[order], color=[CAMP_COLOURS[c] for c in camps], edgecolor="#333333")
    ax.set_yticks(range(len(order)), [_label(tellings, t) for t in order], fontsize=7.5)
    scale = tellings.levels.sort_values("rank")
    ax.set_xticks(list(scale["rank"]), [f"{r}: {lvl}" for lvl, r in scale["rank"].items()], fontsize=7, rotation=15)
    ax.set_xlim(0, scale["rank"].max() + 0.5)
    ax.set_title("How certain each telling makes the central claim")
    ax.set_xlabel("Certainty (ordinal scale, data/vocabularies/certainty_levels.csv)")
    ax.set_ylabel("Telling")
    ax.legend(
        handles=[Patch(color=CAMP_COLOURS[c], label=c) for c in CAMPS if c in set(camps)],
        title="Camp",
        frameon=False,
        fontsize=7.5,
        loc="lower right",
    )
    fig.subplots_adjust(left=0.4, right=0.97, bottom=0.22, top=0.92)
    add_source_line(fig, story, TELLINGS_NOTE)
    return fig


def plot_citations(tellings: Tellings, story: Story) -> plt.Figure:
    """Who cites whom, drawn with the project's curves: the original report on the left, each telling as far
    right as the chain of citations that reaches it is long; the path to the article in black."""
    if not tellings.present:
        return nothing_recorded(story, "Who cites whom: from the original report to the article")
    graph = citation_graph(tellings)
    depth = {n: 0 for n in graph}
    for node in graph:
        try:
            depth[node] = nx.shortest_path_length(graph, node, tellings.reference)
        except nx.NetworkXNoPath:
            depth[node] = 1
    columns: dict[int, list[str]] = {}
    for node in sorted(graph, key=lambda n: (depth[n], n)):
        columns.setdefault(depth[node], []).append(node)
    positions = {n: (float(d), -float(i)) for d, nodes in columns.items() for i, n in enumerate(nodes)}
    path = path_to_article(tellings)
    on_path = set(itertools.pairwise(path))
    rows = max(len(n) for n in columns.values())
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 0.42 * rows + 2.2))
    nodes = sorted(graph)
    nx.draw_networkx_nodes(
        graph,
        positions,
        nodelist=nodes,
        node_color=[CAMP_COLOURS[graph.nodes[n]["camp"]] for n in nodes],
        node_size=NODE_SIZE,
        edgecolors=["black" if n in path else "#777777" for n in nodes],
        linewidths=[2.5 if n in path else 1 for n in nodes],
        ax=ax,
    )
    nx.draw_networkx_labels(graph, positions, font_size=7.5, ax=ax)
    for node, (x, y) in positions.items():
        left = x == 0  # the original report's name to the left, clear of the arrows that reach it
        ax.text(
            x - 0.07 if left else x + 0.07,
            y,
            graph.nodes[node]["outlet"],
            ha="right" if left else "left",
            va="center",
            fontsize=7,
        )
    curves = [
        Curve(u, v, 0.0, "", "black" if (u, v) in on_path else "#999999", "solid", 2.4 if (u, v) in on_path else 1.0)
        for u, v in sorted(graph.edges)
    ]
    ax.set_xlim(-0.9, max(columns) + 1.1)
    ax.set_ylim(-rows + 0.4, 0.6)
    ax.set_xticks(sorted(columns), [f"{d} step{'s' if d != 1 else ''}" for d in sorted(columns)])
    ax.set_yticks([])
    ax.set_title("Who cites whom: from the original report to the article")
    ax.set_xlabel("Citations between the telling and the original report")
    ax.legend(
        handles=[Patch(color=CAMP_COLOURS[c], label=c) for c in CAMPS]
        + [Line2D([], [], color="black", linewidth=2.4, label="path to the article")],
        frameon=False,
        fontsize=7.5,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    fig.subplots_adjust(left=0.03, right=0.82, bottom=0.12, top=0.92)
    add_source_line(fig, story, TELLINGS_NOTE)
    draw_curves(ax, positions, curves, node_size=NODE_SIZE)
    return fig

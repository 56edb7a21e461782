"""Figures of what came after the article, from the external layer: the article's events and the external
events in two separate bands (months of context beside a zoom on the article's window), the outcome
scorecard, the parties' stances on the article's claims, and the channel among the parties after the report."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.external.facts import OUTCOMES, STANCES, External
from analysis.external.layer import EXTERNAL
from analysis.figures.curves import Curve, draw_curves
from analysis.figures.graphs import party_positions
from analysis.figures.style import (
    FIGURE_WIDTH,
    OKABE_ITO,
    SIGN_COLOURS,
    STATUS_COLOURS,
    add_source_line,
    categorical_mesh,
    side_colours,
)
from analysis.figures.timeline import time_window
from analysis.network.graph import side_fold
from analysis.text.story import Story

EXTERNAL_NOTE = "External facts: data/articles/NAME/external/ (sources in the labels), kept apart from the article."
ROW_HEIGHT = 0.26
EXTERNAL_COLOUR = "#555555"  # external events in one neutral colour: the article's colours are its statuses


def _cited(sources: str) -> str:
    """The first source of a row, and how many more it cites ("S-X29 +4")."""
    first, *more = sources.split(";")
    return f"{first} +{len(more)}" if more else first


def _bars(ax, rows: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp, colour_of) -> None:
    """One row per event: a bar over its interval (a diamond for a single day), clipped to [lo, hi]."""
    for y, row in enumerate(rows.itertuples()):
        start, end = row.date_start, row.date_end
        if pd.isna(start) and pd.isna(end):
            continue
        colour = colour_of(row)
        left, right = (lo if pd.isna(start) else start), (hi if pd.isna(end) else end + pd.Timedelta(days=1))
        if not pd.isna(start) and not pd.isna(end) and start == end:
            ax.plot([start + pd.Timedelta(hours=12)], [y], marker="D", markersize=5, color=colour, linestyle="none")
        else:
            ax.barh(y, right - left, left=left, height=0.55, color=colour, alpha=0.8, edgecolor=colour)


def plot_aftermath_timeline(
    table: pd.DataFrame, external: External, story: Story, reference: dt.date, context: tuple, zoom: tuple
) -> plt.Figure:
    """Two bands, never mixed: the article's dated events (top, by status) and the external events (bottom, by
    sign, labelled with their sources), over months of `context` (left) and a zoom on `zoom` (right)."""
    article = table[table["date_start"].notna() | table["date_end"].notna()].sort_values(["date_start", "event_id"])
    outside = external.events
    heights = [max(len(article), 1), max(len(outside), 1)]
    fig, axes = plt.subplots(
        2,
        2,
        figsize=(FIGURE_WIDTH * 1.3, ROW_HEIGHT * sum(heights) + 2.6),
        gridspec_kw={"height_ratios": heights, "width_ratios": [3, 2], "hspace": 0.08, "wspace": 0.04},
    )
    bands = [
        (article, lambda r: STATUS_COLOURS[r.status], [f"{r.event_id}  {r.label}" for r in article.itertuples()]),
        (
            outside,
            lambda r: EXTERNAL_COLOUR,
            [f"{r.external_id}  {r.label} [{_cited(r.sources)}]" for r in outside.itertuples()],
        ),
    ]
    for column, window in enumerate((context, zoom)):
        lo, hi = (pd.Timestamp(d) for d in window)
        for band, (rows, colour_of, labels) in enumerate(bands):
            ax = axes[band][column]
            _bars(ax, rows, lo, hi, colour_of)
            ax.axvline(pd.Timestamp(reference), color="black", linestyle="--", linewidth=1)
            ax.set_xlim(lo, hi)
            ax.set_ylim(len(rows) - 0.4, -0.6)
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            ax.set_yticks(range(len(rows)), labels, fontsize=7)
            months = (hi.year - lo.year) * 12 + hi.month - lo.month
            locator = (
                matplotlib.dates.MonthLocator(interval=max(1, -(-months // 5)))
                if column == 0
                else matplotlib.dates.WeekdayLocator(byweekday=0, interval=2)
            )
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%b %Y" if column == 0 else "%d %b"))
            ax.tick_params(axis="x", labelsize=7, labelbottom=band == 1)
            ax.tick_params(axis="y", labelleft=column == 0)
            if column == 0:
                ax.set_ylabel("From the article" if band == 0 else "External (sources)")
        axes[1][column].set_xlabel(
            f"{'Context' if column == 0 else 'Zoom'}: {window[0]:%d %b %Y} - {window[1]:%d %b %Y}"
        )
    fig.suptitle("What happened next: the article's events and facts from outside it", fontweight="bold")
    present = [s for s in STATUS_COLOURS if s in set(article["status"])]
    handles = [Patch(color=STATUS_COLOURS[s], label=f"article: {s}") for s in present]
    handles += [Patch(color=EXTERNAL_COLOUR, label="external event")]
    handles += [Line2D([], [], color="black", linestyle="--", label="the report's date")]
    fig.legend(handles=handles, loc="upper left", fontsize=7, frameon=False, ncol=1, bbox_to_anchor=(0.87, 0.94))
    fig.subplots_adjust(left=0.34, right=0.86, top=0.94, bottom=0.08)
    add_source_line(fig, story, EXTERNAL_NOTE)
    return fig


def aftermath_windows(table: pd.DataFrame, external: External, story: Story, reference: dt.date) -> tuple:
    """(context, zoom): whole months around every dated article and external event, and the story's window."""
    dates = pd.concat(
        [table["date_start"], table["date_end"], external.events["date_start"], external.events["date_end"]]
    ).dropna()
    first = min([*dates, pd.Timestamp(reference)])
    last = max([*dates, pd.Timestamp(reference)])
    context = (first.to_period("M").start_time.date(), last.to_period("M").end_time.date())
    return context, time_window(table, story, reference)


OUTCOME_COLOURS = {
    "happened_as_planned": OKABE_ITO["blue"],
    "happened_other_form": OKABE_ITO["sky blue"],
    "never_happened": OKABE_ITO["vermillion"],
    "unknown": OKABE_ITO["grey"],
}


def plot_scorecard(card: pd.DataFrame, story: Story) -> plt.Figure:
    """How the article's unrealized events turned out: one bar per outcome, labelled with its events."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.0))
    outcomes = list(OUTCOMES)
    ax.barh(range(len(outcomes)), card.loc[outcomes, "events"], color=[OUTCOME_COLOURS[o] for o in outcomes])
    for y, outcome in enumerate(outcomes):
        ax.text(card.loc[outcome, "events"] + 0.1, y, card.loc[outcome, "event_ids"], va="center", fontsize=7.5)
    ax.set_yticks(range(len(outcomes)), [o.replace("_", " ") for o in outcomes])
    ax.invert_yaxis()
    ax.set_xlim(0, max(card["events"].max(), 1) + 3)
    ax.set_title("What became of the plans the article reports")
    ax.set_xlabel("Number of the article's unrealized events (planned, postponed, cancelled, hypothetical)")
    ax.set_ylabel("Outcome")
    ax.legend(
        handles=[Patch(color=OUTCOME_COLOURS[o], label=o.replace("_", " ")) for o in outcomes],
        frameon=False,
        fontsize=7.5,
        loc="lower right",
    )
    fig.subplots_adjust(left=0.22, right=0.97, bottom=0.3, top=0.88)
    add_source_line(fig, story, EXTERNAL_NOTE)
    return fig


STANCE_COLOURS = {
    "asserts": OKABE_ITO["blue"],
    "disputes": OKABE_ITO["vermillion"],
    "other_cause": OKABE_ITO["orange"],
    "silent": "#e6e6e6",
}


def plot_stances(matrix: pd.DataFrame, story: Story) -> plt.Figure:
    """Claims of the article (rows) against parties (columns): who asserts, disputes, offers another cause, or
    is silent (no statement found)."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 0.8, 0.45 * len(matrix) + 2.2))
    if matrix.empty:
        ax.text(0, 0, "no stance recorded", ha="center", va="center", style="italic")
        ax.set_xlim(-0.5, 0.5)
        ax.set_ylim(0.5, -0.5)
    else:
        categorical_mesh(ax, matrix, STANCE_COLOURS)
        for y, claim in enumerate(matrix.index):
            for x, party in enumerate(matrix.columns):
                if matrix.loc[claim, party] != "silent":
                    label = matrix.loc[claim, party].replace("_", " ")
                    ax.text(x, y, label, ha="center", va="center", fontsize=7, color="white")
    ax.set_xticks(range(len(matrix.columns)), matrix.columns)
    ax.set_yticks(range(len(matrix)), matrix.index)
    ax.set_title("Who said what about the article's claims")
    ax.set_xlabel("Party")
    ax.set_ylabel("Claim (event id, or link source->target)")
    ax.legend(
        handles=[Patch(color=STANCE_COLOURS[s], label=s.replace("_", " ")) for s in STANCES],
        frameon=False,
        fontsize=7.5,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    fig.subplots_adjust(left=0.2, right=0.8, bottom=0.22, top=0.9)
    add_source_line(fig, story, EXTERNAL_NOTE)
    return fig


def plot_external_channel(combined: nx.MultiDiGraph, story: Story, reference: dt.date) -> plt.Figure:
    """The channels after the report: one arrow per external cooperative event (intent to meet, consult, mediate
    or cooperate; CAMEO roots 03-08) that starts after the reference date, among the parties (their actors folded
    into their representative, mediators above the sides) and outside actors (along the top)."""
    fold = side_fold(combined)
    edges = [
        (fold[u], fold[v], d)
        for u, v, d in combined.edges(data=True)
        if d["layer"] == EXTERNAL
        and d["sign"] == "cooperation"
        and int(d["cameo_code"][:2]) >= 3  # channels: intent to meet, consult, mediate, cooperate; not statements
        and pd.Timestamp(d["date_start"]) > pd.Timestamp(reference)
        and fold[u] != fold[v]
    ]
    parties = [p.representative for p in story.parties]
    others = sorted({n for u, v, _ in edges for n in (u, v)} - set(parties))
    positions = party_positions(story)
    arc = [math.sin(math.pi * (i + 0.5) / max(len(others), 1)) for i in range(len(others))]  # higher in the middle
    positions.update({n: (2.0 * (i + 0.5) / max(len(others), 1), 1.4 + 0.5 * arc[i]) for i, n in enumerate(others)})
    view = nx.MultiDiGraph()
    view.add_nodes_from(positions)
    colours = side_colours(story)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 5.5))
    node_colours = [
        colours.get(combined.nodes[n]["side"], "#dddddd") if n in parties else OKABE_ITO["purple"] for n in view.nodes
    ]
    nx.draw_networkx_nodes(view, positions, node_color=node_colours, node_size=1800, edgecolors="#333333", ax=ax)
    nx.draw_networkx_labels(view, positions, font_size=8, ax=ax)
    seen: dict[tuple, int] = {}
    curves = []
    for u, v, data in sorted(edges, key=lambda e: e[2]["event_id"]):
        pair = tuple(sorted((u, v)))
        seen[pair] = seen.get(pair, 0) + 1
        bend = (1 if seen[pair] % 2 else -1) * 0.15 * ((seen[pair] + 1) // 2)
        curves.append(Curve(u, v, bend if (u, v) == pair else -bend, data["event_id"], SIGN_COLOURS[data["sign"]]))
    ax.set_xlim(-0.4, 2.4)
    ax.set_ylim(-1.1, 2.2)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"After the report ({reference:%d %b %Y}): who carried the talks, from external facts")
    ax.set_xlabel("Parties of the story along the bottom; outside actors (purple) along the top; labels: external ids")
    ax.legend(
        handles=[Line2D([], [], color=SIGN_COLOURS["cooperation"], linewidth=2, label="cooperative external event")]
        + [Patch(color=OKABE_ITO["purple"], label="outside the story's parties")],
        frameon=False,
        fontsize=7.5,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    fig.subplots_adjust(left=0.03, right=0.78, bottom=0.15, top=0.9)
    add_source_line(fig, story, EXTERNAL_NOTE)
    draw_curves(ax, positions, curves, node_size=1800)
    return fig

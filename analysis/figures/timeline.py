"""Time figures: every event over the interval its words allow, and the causal chain the article asserts."""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.figures.curves import Curve, draw_curves
from analysis.figures.style import FIGURE_WIDTH, OKABE_ITO, STATUS_COLOURS, add_source_line
from analysis.text.story import Chain, Story


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
    story: Story,
) -> plt.Figure:
    """Each event on its own row: intervals as bars, single days as diamonds, open ends as arrows, colour by
    status; the reference date marked; causal links as arrows between rows; undated events listed at the bottom."""
    rows = timeline_order(table).reset_index(drop=True)
    lo, hi = (pd.Timestamp(d) for d in time_window(table, story, reference))
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
    ax.set_xlabel(f"{date_label(lo, hi)}; bars span the interval the words allow, hatched = not (yet) realized")
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
    add_source_line(fig, story)
    return fig


def time_window(table: pd.DataFrame, story: Story, reference: dt.date) -> tuple[dt.date, dt.date]:
    """The story's window, else a week before the earliest date of the table to three weeks after the later of
    its latest date and the reference date."""
    if story.window:
        return story.window
    bounds = pd.concat([table["date_start"], table["date_end"]]).dropna()
    first = min([*(b.date() for b in bounds), reference])
    last = max([*(b.date() for b in bounds), reference])
    return first - dt.timedelta(days=7), last + dt.timedelta(days=21)


def date_label(lo: pd.Timestamp, hi: pd.Timestamp) -> str:
    """The axis label of a date axis: "Date (2024)" within one year, else "Date"."""
    return f"Date ({lo.year})" if lo.year == hi.year else "Date"


def drawable_links(rows: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The links drawn as steps (relations marked `drawn` in the vocabulary) whose two events both have a date to
    draw them at."""
    dated = set(rows.loc[rows["date_start"].notna() | rows["date_end"].notna(), "event_id"])
    keep = links["drawn"] & links["source_event"].isin(dated) & links["target_event"].isin(dated)
    return links[keep]


def _anchor_date(row) -> pd.Timestamp:
    """Where a link arrow meets an event's row: its earliest possible date (its start, else its end)."""
    return row["date_start"] if pd.notna(row["date_start"]) else row["date_end"]


def plot_causal_chain(table: pd.DataFrame, links: pd.DataFrame, story_chain: Chain, story: Story) -> plt.Figure:
    """The chain of events as a left-to-right directed graph, each arrow labelled with the article's relation."""
    chain = list(story_chain.events)
    rows = table.set_index("event_id")
    graph = nx.DiGraph()
    graph.add_nodes_from(chain)
    for link in links.itertuples():
        if link.source_event in chain and link.target_event in chain and link.drawn:
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
    ax.set_title(story_chain.title)
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
    add_source_line(fig, story)
    draw_curves(ax, positions, curves, node_size=900, arrowsize=14, fontsize=7.5)
    return fig

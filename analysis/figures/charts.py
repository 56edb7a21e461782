"""Charts of counts and scores: attribution, Goldstein scores, net cooperation over time."""

from __future__ import annotations

import datetime as dt

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from analysis.figures.style import EM_PER_CHARACTER, FIGURE_WIDTH, OKABE_ITO, STATUS_COLOURS, add_source_line
from analysis.figures.timeline import date_label
from analysis.text.story import Story


def plot_attribution(counts: pd.DataFrame, story: Story) -> plt.Figure:
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
    add_source_line(fig, story, story.figure_text("attribution", "note", ""))
    return fig


def plot_goldstein(table: pd.DataFrame, story: Story) -> plt.Figure:
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
    add_source_line(fig, story)
    return fig


PAIR_PALETTE = ("sky blue", "orange", "vermillion", "green", "purple", "blue", "black", "grey")  # pairs, in order


def plot_net_cooperation(series: pd.DataFrame, story: Story, reference: dt.date) -> plt.Figure:
    """Net Goldstein score of realized ties per pair of parties, as a step line over time."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.8))
    styles = ["solid", "dashed", "dotted"]
    for index, pair in enumerate(series.columns):
        colour = OKABE_ITO[PAIR_PALETTE[index % len(PAIR_PALETTE)]]
        ax.step(
            series.index,
            series[pair],
            where="post",
            label=pair,
            color=colour,
            linewidth=2.2,
            linestyle=styles[index % len(styles)],
        )
        last = series[pair].iloc[-1]
        ax.plot([series.index[-1]], [last], marker="o", color=colour)
        ax.annotate(
            f"{pair} {last:+.0f}",
            (series.index[-1], last),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=colour,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(pd.Timestamp(reference), color="black", linestyle="--", linewidth=1, label="reference date")
    ax.set_xlim(series.index[0] - pd.Timedelta(days=2), pd.Timestamp(reference) + pd.Timedelta(days=9))
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b"))
    ax.set_title("Net cooperation between the parties (sum of Goldstein scores of realized ties)")
    ax.set_xlabel(
        f"{date_label(series.index[0], series.index[-1])}; an act counts from the date by which it had certainly happened"
    )
    ax.set_ylabel("Net Goldstein score")
    ax.legend(title="Pair", frameon=False, loc="lower left", fontsize=8)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.24, top=0.9)
    add_source_line(fig, story)
    return fig


def plot_draft_scores(
    scores: pd.DataFrame,
    budget: dict[str, float],
    story: Story,
    group: str = "set",
    title: str = "The machine draft against curated annotations (dashed: the budget on held-out texts)",
    axis_label: str = "",
) -> plt.Figure:
    """Event F1 and status accuracy of the machine draft on each text, labelled by `group` (its set, or the round
    in which it was held out), with the budget each must reach on held-out texts. Margins are set in inches, so
    that long labels and many texts keep the same spacing."""
    measures = list(budget)
    labels = [f"{text} ({which})" for text, which in zip(scores["text"], scores[group])]
    height_in = 0.5 * len(scores) + 2.0
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height_in))
    height = 0.8 / len(measures)
    colours = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"])
    for i, measure in enumerate(measures):
        ys = [y + (i - (len(measures) - 1) / 2) * height for y in range(len(scores))]
        ax.barh(ys, scores[measure], height=height, color=colours[i], label=measure.replace("_", " "))
        for y, value in zip(ys, scores[measure]):
            # on a white ground, above the budget lines, so that a value next to a line stays readable; a value
            # that two places would round up to the budget it misses keeps a third place (0.697, not 0.70)
            box = {"facecolor": "white", "edgecolor": "none", "pad": 0.5}
            label = f"{value:.3f}" if value < budget[measure] <= round(value, 2) else f"{value:.2f}"
            ax.text(value + 0.01, y, label, va="center", fontsize=7, bbox=box, zorder=3)
        ax.axvline(budget[measure], color=colours[i], linestyle="--", linewidth=1, zorder=2)
    ax.set_yticks(range(len(scores)), labels, fontsize=7.5)
    ax.set_ylim(len(scores) - 0.5, -0.5)  # first text on top; no empty band, however many texts
    ax.set_xlim(0, 1.12)
    fig.suptitle(title, fontsize=11, fontweight="bold", y=1 - 0.15 / height_in, va="top")
    ax.set_xlabel("Score (event F1 under the matching rule; status accuracy on matched events)")
    ax.set_ylabel(axis_label or f"Text ({group.replace('_', ' ')})")
    fig.legend(
        *ax.get_legend_handles_labels(),
        frameon=False,
        fontsize=7.5,
        ncol=len(measures),
        loc="upper center",
        bbox_to_anchor=(0.5, 1 - 0.45 / height_in),
    )
    label_in = max(len(label) for label in labels) * 7.5 * EM_PER_CHARACTER / 72 + 0.45
    bottom = add_source_line(
        fig, story, "Gold: the curated folders in data/articles/; drafts: python -m analysis draft."
    )
    fig.subplots_adjust(
        left=label_in / FIGURE_WIDTH, right=0.97, bottom=bottom + 0.55 / height_in, top=1 - 0.75 / height_in
    )
    return fig


def plot_round_scores(pooled: pd.DataFrame, budget: dict[str, float], story: Story) -> plt.Figure:
    """Each held-out round's texts pooled (`rounds()`: one row per round), against the budget: where the drafter
    stood on new texts, round after round."""
    labelled = pooled.assign(
        text=[f"round {number}" for number in pooled.index],
        texts_pooled=[f"{count} text" + ("s" if count != 1 else "") for count in pooled["texts"]],
    )
    return plot_draft_scores(
        labelled,
        budget,
        story,
        group="texts_pooled",
        title="Each round's texts pooled while held out (dashed: the budget)",
        axis_label="Round (texts pooled)",
    )

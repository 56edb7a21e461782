"""Figures for the notebooks, one module per kind: style (palette, fonts, source line), curves (the graph
drawing engine), timeline (events over time, the causal chain), graphs (actors, mediator, snapshots, sourcing),
charts (counts and scores), render (the article as HTML) and controls (interactive views)."""

from analysis.figures.charts import plot_attribution, plot_goldstein, plot_net_cooperation
from analysis.figures.graphs import (
    plot_actor_graph,
    plot_mediator_graph,
    plot_signed_parties,
    plot_snapshots,
    plot_sourcing,
)
from analysis.figures.style import configure, show
from analysis.figures.timeline import plot_causal_chain, plot_timeline, time_window

__all__ = [
    "configure",
    "plot_actor_graph",
    "plot_attribution",
    "plot_causal_chain",
    "plot_goldstein",
    "plot_mediator_graph",
    "plot_net_cooperation",
    "plot_signed_parties",
    "plot_snapshots",
    "plot_sourcing",
    "plot_timeline",
    "show",
    "time_window",
]

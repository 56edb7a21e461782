"""The actor graph with an external layer: the article's graph, its nodes and edges untouched, plus the actors
and events from outside the article as edges of layer "external". Measures of notebooks 04-05 never see it."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from analysis.external.facts import External
from analysis.network.graph import add_event_edges, parties

EXTERNAL = "external"


def with_external_layer(graph: nx.MultiDiGraph, external: External) -> nx.MultiDiGraph:
    """A copy of `graph` with the external actors as nodes (marked `external`, in the party of their side) and
    one edge per external event and actor pair, each with its dates, coding, sources and `layer` = "external"."""
    combined = graph.copy()
    nx.set_node_attributes(combined, False, "external")
    representative = {graph.nodes[p]["side"]: p for p in parties(graph)}
    for actor_id, row in external.actors.iterrows():
        party = representative.get(row["side"], actor_id)
        role = graph.nodes[party]["role"] if party in graph else "none"
        combined.add_node(actor_id, **row.to_dict(), mentions=0, party=party, role=role, external=True)
    for event in external.events.itertuples():
        add_event_edges(
            combined,
            event,
            "",
            layer=EXTERNAL,
            label=event.label,
            action=event.paraphrase,
            cameo_code=event.cameo_code,
            goldstein=event.goldstein,
            quad_class=event.quad_class,
            sign=event.sign,
            status=event.status,
            summary=False,
            date_start=event.date_start.date().isoformat(),
            date_end=event.date_end.date().isoformat(),
            sources=event.sources,
        )
    return combined


def external_ties_after(graph: nx.MultiDiGraph, day) -> pd.DataFrame:
    """The external edges that start after `day`: who dealt with whom once the article's story had ended."""
    rows = [
        {
            "source": u,
            "target": v,
            "external_id": d["event_id"],
            "label": d["label"],
            "start": d["date_start"],
            "sign": d["sign"],
            "sources": d["sources"],
        }
        for u, v, d in graph.edges(data=True)
        if d["layer"] == EXTERNAL and pd.Timestamp(d["date_start"]) > pd.Timestamp(day)
    ]
    return pd.DataFrame(rows, columns=["source", "target", "external_id", "label", "start", "sign", "sources"])

"""The actor graph as of a date: which ties existed then, with the status they had then.

The article describes the state of things on the reference date; earlier states follow from the event
intervals and links, by the rules in data/statuses.csv (column `tie`) and data/link_relations.csv (column
`time_rule`), which the event and link tables carry:
- from_end (an act that occurred): a tie from the date by which it had certainly happened (its interval's end);
- while_under_way (an ongoing process): while its interval lasts, from the reference date if its start is open;
- as_plan (planned, postponed, cancelled): a plan is known from the latest start of the events it was planned
  after (target_planned_after_source), else only from the reference date; it shows as planned until the act
  that put it off had certainly happened (the end of a target_put_off_by_source link's source; for a deferral
  that only came after its cause, target_put_off_after_source, and for a deferral without a link: the
  reference date), and with its status from then on;
- never (hypothetical, negated): never a tie.
No state is computed for a day after the reference date: the article cannot tell.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd

from analysis.network.graph import ACTION, parties, party_pairs, side_fold


def _by_target(links: pd.DataFrame, rule: str, bounds: dict) -> dict[str, list]:
    """For each target event, the given bound of every source linked to it by a relation with `rule`."""
    found: dict[str, list] = {}
    for source, target in links.loc[links["time_rule"] == rule, ["source_event", "target_event"]].itertuples(
        index=False
    ):
        if pd.notna(bounds.get(source)):
            found.setdefault(target, []).append(bounds[source])
    return found


def statuses_as_of(table: pd.DataFrame, links: pd.DataFrame, day: dt.date, reference: dt.date) -> dict[str, str | None]:
    """Each event's status on `day`, or None if it was not (yet, or ever) a tie then; `reference` is the date
    of the report, when the statuses in the table hold."""
    if day > reference:
        raise ValueError(f"{day} is after the reference date {reference}: the article cannot tell")
    when, report = pd.Timestamp(day), pd.Timestamp(reference)
    starts = dict(zip(table["event_id"], table["date_start"]))
    ends = dict(zip(table["event_id"], table["date_end"]))
    planned_after = _by_target(links, "target_planned_after_source", starts)
    put_off_by = _by_target(links, "target_put_off_by_source", ends)
    result: dict[str, str | None] = {}
    for event_id, status, tie, start, end in zip(
        table["event_id"], table["status"], table["tie"], table["date_start"], table["date_end"]
    ):
        if tie == "from_end":
            result[event_id] = status if end <= when else None
        elif tie == "while_under_way":
            result[event_id] = status if (report if pd.isna(start) else start) <= when <= end else None
        elif tie == "as_plan":
            if when < max(planned_after.get(event_id, [report])):
                result[event_id] = None
            elif status == "planned" or when < min(put_off_by.get(event_id, [report])):
                result[event_id] = "planned"
            else:
                result[event_id] = status
        else:
            result[event_id] = None
    return result


def snapshot(graph: nx.MultiDiGraph, table: pd.DataFrame, links: pd.DataFrame, day: dt.date) -> nx.MultiDiGraph:
    """The action edges that were ties on `day`, each with its status then (all nodes kept)."""
    reference = dt.date.fromisoformat(graph.graph["reference_date"])
    statuses = statuses_as_of(table, links, day, reference)
    view = nx.MultiDiGraph(snapshot_date=day.isoformat())
    view.graph.update({k: v for k, v in graph.graph.items() if k != "snapshot_date"})
    view.add_nodes_from(graph.nodes(data=True))
    for u, v, key, data in graph.edges(keys=True, data=True):
        status = statuses[data["event_id"]]
        if data["layer"] == ACTION and status is not None:
            view.add_edge(u, v, key=key, **{**data, "status": status})
    return view


def changes(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> pd.DataFrame:
    """What changed between two snapshots: edges gained, lost, or whose status changed."""
    columns = ["source", "target", "event_id", "label", "status", "sign", "goldstein"]
    old, new = (nx.to_pandas_edgelist(g, edge_key="key").reindex(columns=["key", *columns]) for g in (before, after))
    both = old.merge(new, on="key", how="outer", suffixes=("_old", ""), indicator=True)
    for column in columns:  # a lost edge shows what it was
        both[column] = both[column].fillna(both[f"{column}_old"])
    both["change"] = both["_merge"].astype(str).map({"right_only": "gained", "left_only": "lost", "both": ""})
    changed = (both["_merge"] == "both") & (both["status_old"] != both["status"])
    both.loc[changed, "change"] = both["status_old"].astype(str) + " -> " + both["status"].astype(str)
    both = both[both["change"] != ""].sort_values("key")
    return both[["change", *columns]].reset_index(drop=True)


def turned_negative(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> pd.DataFrame:
    """Pairs of parties whose net Goldstein over realized ties went from zero or above to below zero."""
    old, new = pair_net(before), pair_net(after)
    pairs = sorted(set(old.index) | set(new.index))
    table = pd.DataFrame(
        {"before": [float(old.get(p, 0.0)) for p in pairs], "after": [float(new.get(p, 0.0)) for p in pairs]},
        index=pd.Index([f"{a}-{b}" for a, b in pairs], name="pair"),
    )
    table["turned_negative"] = (table["before"] >= 0) & (table["after"] < 0)
    return table


def pair_net(graph: nx.MultiDiGraph) -> pd.Series:
    """Net Goldstein score per unordered pair of parties (each party's actors folded into its representative),
    over the realized action edges between them; a summary (a headline summing up other events) is left out, so
    that no happening counts twice."""
    fold, members = side_fold(graph), set(parties(graph))
    totals: dict[tuple[str, str], float] = {}
    for u, v, data in graph.edges(data=True):
        if data["layer"] != ACTION or data["summary"] or data["status"] not in ("occurred", "ongoing"):
            continue
        a, b = sorted((fold[u], fold[v]))
        if a != b and a in members and b in members:
            totals[(a, b)] = totals.get((a, b), 0.0) + data["goldstein"]
    return pd.Series(totals, dtype="float64")


def net_cooperation_over_time(graph, table, links, days: list[dt.date]) -> pd.DataFrame:
    """Net Goldstein of realized ties between the story's parties on each day (rows: days; columns: pairs).
    Days after the reference date are refused: the article says nothing of what lasted beyond it."""
    reference = dt.date.fromisoformat(graph.graph["reference_date"])
    if any(day > reference for day in days):
        raise ValueError(f"days after the reference date {reference}: the article cannot tell")
    pairs = party_pairs(graph)
    rows = []
    for day in days:
        net = pair_net(snapshot(graph, table, links, day))
        rows.append({"date": pd.Timestamp(day), **{f"{a}-{b}": float(net.get((a, b), 0.0)) for a, b in pairs}})
    return pd.DataFrame(rows).set_index("date")


def weekly_days(start: dt.date, reference: dt.date) -> list[dt.date]:
    """Every seventh day from `start`, then the reference date itself."""
    days = [start + dt.timedelta(days=7 * i) for i in range((reference - start).days // 7 + 1)]
    return days if days[-1] == reference else [*days, reference]


def change_days(table: pd.DataFrame, start: dt.date, reference: dt.date) -> list[dt.date]:
    """The days from `start` to `reference` on which a snapshot can differ from the day before: `start`, every
    interval bound and the day after every end, and the reference date. A step chart over them is exact."""
    bounds = pd.concat([table["date_start"], table["date_end"], table["date_end"] + pd.Timedelta(days=1)]).dropna()
    days = {start, reference} | {d.date() for d in bounds if start <= d.date() <= reference}
    return sorted(days)

"""The actor graph as of a date: which ties existed then, with the status they had then.

The article describes the state of things on the reference date; earlier states follow from the event
intervals and links, with these rules:
- an act that occurred is on the record from the date by which it had certainly happened (its interval's
  end); an ongoing process only while its interval lasts;
- a plan that was later postponed or cancelled existed before whatever put it off, from the start of the
  events it followed (if any); until the act that put it off had certainly happened it shows as planned;
- a plan still pending at the reference date (planned) is known only from the reference date on;
- hypothetical and negated events are never ties.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd

from .graph import ACTION, side_fold

DEFERRING = ("disrupted", "caused")
BEFORE_INCURSION = dt.date(2024, 8, 1)  # a day before "last week" (5-11 August), the incursion's earliest start


def statuses_as_of(table: pd.DataFrame, links: pd.DataFrame, day: dt.date, reference: dt.date) -> dict[str, str | None]:
    """Each event's status on `day`, or None if it was not (yet, or ever) a tie then; `reference` is the date
    of the report, when the statuses in the table hold."""
    when = pd.Timestamp(day)
    starts = dict(zip(table["event_id"], table["date_start"]))
    ends = dict(zip(table["event_id"], table["date_end"]))
    followed: dict[str, list] = {}  # target event -> starts of the events it followed
    deferring: dict[str, list] = {}  # target event -> ends of the events that put it off
    for source, relation, target in zip(links["source_event"], links["relation"], links["target_event"]):
        if relation == "followed" and pd.notna(starts.get(source)):
            followed.setdefault(target, []).append(starts[source])
        elif relation in DEFERRING and pd.notna(ends.get(source)):
            deferring.setdefault(target, []).append(ends[source])
    result: dict[str, str | None] = {}
    for event_id, status, start, end in zip(table["event_id"], table["status"], table["date_start"], table["date_end"]):
        if status in ("hypothetical", "negated"):
            result[event_id] = None
        elif status == "occurred":
            result[event_id] = status if pd.notna(end) and end <= when else None
        elif status == "ongoing":
            result[event_id] = status if start <= when <= end else None
        elif status == "planned":
            result[event_id] = status if when >= pd.Timestamp(reference) else None
        elif event_id in followed and when < max(followed[event_id]):
            result[event_id] = None
        else:
            result[event_id] = status if any(d <= when for d in deferring.get(event_id, [])) else "planned"
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
    old = {k: (u, v, d) for u, v, k, d in before.edges(keys=True, data=True)}
    new = {k: (u, v, d) for u, v, k, d in after.edges(keys=True, data=True)}
    rows = []
    for key in sorted(old.keys() | new.keys()):
        u, v, data = new.get(key) or old[key]
        if key not in old:
            change = "gained"
        elif key not in new:
            change = "lost"
        elif old[key][2]["status"] != data["status"]:
            change = f"{old[key][2]['status']} -> {data['status']}"
        else:
            continue
        rows.append(
            {
                "change": change,
                "source": u,
                "target": v,
                "event_id": data["event_id"],
                "label": data["label"],
                "status": data["status"],
                "sign": data["sign"],
                "goldstein": data["goldstein"],
            }
        )
    columns = ["change", "source", "target", "event_id", "label", "status", "sign", "goldstein"]
    return pd.DataFrame(rows, columns=columns)


def turned_negative(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> pd.DataFrame:
    """Pairs of parties whose net Goldstein over realized ties went from zero or above to below zero."""
    fold = side_fold(after)
    old, new = pair_net(before, fold), pair_net(after, fold)
    pairs = sorted(set(old.index) | set(new.index))
    table = pd.DataFrame(
        {"before": [float(old.get(p, 0.0)) for p in pairs], "after": [float(new.get(p, 0.0)) for p in pairs]},
        index=pd.Index([f"{a}-{b}" for a, b in pairs], name="pair"),
    )
    table["turned_negative"] = (table["before"] >= 0) & (table["after"] < 0)
    return table


def pair_net(graph: nx.MultiDiGraph, fold: dict[str, str], realized_only: bool = True) -> pd.Series:
    """Net Goldstein score per unordered pair of folded actors (e.g. sides), over the graph's action edges."""
    totals: dict[tuple[str, str], float] = {}
    for u, v, data in graph.edges(data=True):
        if data["layer"] != ACTION or (realized_only and data["status"] not in ("occurred", "ongoing")):
            continue
        a, b = sorted((fold[u], fold[v]))
        if a != b:
            totals[(a, b)] = totals.get((a, b), 0.0) + data["goldstein"]
    return pd.Series(totals, dtype="float64")


def net_cooperation_over_time(graph, table, links, days: list[dt.date]) -> pd.DataFrame:
    """Net Goldstein of realized ties between the three parties on each day (rows: days; columns: pairs).
    Days after the reference date are refused: the article says nothing of what lasted beyond it."""
    reference = dt.date.fromisoformat(graph.graph["reference_date"])
    if any(day > reference for day in days):
        raise ValueError(f"days after the reference date {reference}: the article cannot tell")
    fold = side_fold(graph)
    pairs = [("QAT", "UKR"), ("QAT", "RUS"), ("RUS", "UKR")]
    rows = []
    for day in days:
        net = pair_net(snapshot(graph, table, links, day), fold)
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

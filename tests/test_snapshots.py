import datetime as dt

import pandas as pd
import pytest

from analysis.network.graph import build_actor_graph, edge_table
from analysis.network.snapshots import (
    change_days,
    changes,
    net_cooperation_over_time,
    pair_net,
    snapshot,
    statuses_as_of,
    turned_negative,
    weekly_days,
)
from analysis.tables.events import build_event_table, build_link_table

REF = dt.date(2024, 8, 17)
BEFORE_INCURSION = dt.date(2024, 8, 1)  # the story's turning point (story.toml)


def d(text):
    return dt.date.fromisoformat(text)


@pytest.fixture(scope="module")
def parts(dataset):
    return build_actor_graph(dataset), build_event_table(dataset), build_link_table(dataset)


def hand_table(rows: list[tuple], links: list[tuple] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A table of (event_id, status, tie, start, end) and links of (source, target, time_rule), dates as text."""
    table = pd.DataFrame(rows, columns=["event_id", "status", "tie", "date_start", "date_end"])
    for column in ("date_start", "date_end"):
        table[column] = pd.to_datetime(table[column])
    return table, pd.DataFrame(list(links), columns=["source_event", "target_event", "time_rule"])


# ---- the rules, on hand-built tables (each date chosen so that one rule decides) ----


def test_an_act_counts_from_the_day_it_had_certainly_happened():
    table, links = hand_table([("A", "occurred", "from_end", "2024-08-05", "2024-08-11")])
    assert statuses_as_of(table, links, d("2024-08-10"), REF) == {"A": None}
    assert statuses_as_of(table, links, d("2024-08-11"), REF) == {"A": "occurred"}


def test_an_ongoing_process_with_an_open_start_is_a_tie_at_the_report():
    table, links = hand_table([("P", "ongoing", "while_under_way", None, "2024-08-17")])
    assert statuses_as_of(table, links, REF, REF) == {"P": "ongoing"}
    assert statuses_as_of(table, links, d("2024-08-16"), REF) == {"P": None}


def test_a_plan_without_a_lower_bound_is_unknown_before_the_report():
    table, links = hand_table([("S", "postponed", "as_plan", "2024-08-01", "2024-08-31")])
    for day in ("2000-01-01", "2024-06-10", "2024-08-16"):
        assert statuses_as_of(table, links, d(day), REF) == {"S": None}, day
    assert statuses_as_of(table, links, REF, REF) == {"S": "postponed"}


def test_a_plan_exists_from_the_start_of_what_prepared_it():
    table, links = hand_table(
        [("M", "ongoing", "while_under_way", "2024-06-18", "2024-08-17"), ("S", "postponed", "as_plan", None, None)],
        [("M", "S", "target_planned_after_source")],
    )
    assert statuses_as_of(table, links, d("2024-06-17"), REF)["S"] is None
    assert statuses_as_of(table, links, d("2024-06-18"), REF)["S"] == "planned"


def test_a_deferral_caused_by_an_act_is_certain_only_by_the_report():
    # The summit is postponed "in this regard" after a refusal: not when an earlier act disrupted it.
    table, links = hand_table(
        [
            ("I", "occurred", "from_end", "2024-08-05", "2024-08-11"),
            ("R", "occurred", "from_end", "2024-08-05", "2024-08-17"),
            ("S", "postponed", "as_plan", "2024-08-01", "2024-08-31"),
        ],
        [("I", "S", "none"), ("I", "S", "target_planned_after_source"), ("R", "S", "target_put_off_after_source")],
    )
    assert statuses_as_of(table, links, d("2024-08-11"), REF)["S"] == "planned"
    assert statuses_as_of(table, links, REF, REF)["S"] == "postponed"


def test_a_plan_put_off_by_an_act_changes_once_the_act_had_certainly_happened():
    table, links = hand_table(
        [("P", "occurred", "from_end", "2024-08-05", "2024-08-09"), ("S", "cancelled", "as_plan", None, None)],
        [("P", "S", "target_put_off_by_source")],
    )
    links.loc[len(links)] = ["P", "S", "target_planned_after_source"]
    assert statuses_as_of(table, links, d("2024-08-04"), REF)["S"] is None
    assert statuses_as_of(table, links, d("2024-08-08"), REF)["S"] == "planned"
    assert statuses_as_of(table, links, d("2024-08-09"), REF)["S"] == "cancelled"


def test_hoped_for_and_denied_events_are_never_ties_and_no_day_after_the_report():
    table, links = hand_table([("H", "hypothetical", "never", None, None), ("N", "negated", "never", None, None)])
    assert statuses_as_of(table, links, REF, REF) == {"H": None, "N": None}
    with pytest.raises(ValueError, match="after the reference date"):
        statuses_as_of(table, links, d("2024-08-18"), REF)


# ---- on the article ----


def test_no_tie_before_anything_the_article_dates(parts):
    graph, table, links = parts
    for day in ("2000-01-01", "2024-06-10"):
        assert snapshot(graph, table, links, d(day)).number_of_edges() == 0, day


def test_the_summit_stays_planned_until_the_refusal_had_certainly_put_it_off(parts):
    _, table, links = parts
    # 11 August: the incursion ("last week") had certainly happened; the refusal (E12) had not.
    on_11 = statuses_as_of(table, links, d("2024-08-11"), REF)
    assert (on_11["E01"], on_11["E03"], on_11["E08"], on_11["E12"]) == ("occurred", "planned", "planned", None)
    at_report = statuses_as_of(table, links, REF, REF)
    assert (at_report["E03"], at_report["E08"], at_report["E13"]) == ("postponed", "postponed", "cancelled")
    assert at_report["E04"] is None and at_report["E10"] is None and at_report["E14"] == "planned"


def test_before_the_incursion_the_channel_is_cooperative(parts):
    graph, table, links = parts
    before = edge_table(snapshot(graph, table, links, BEFORE_INCURSION))
    assert set(before["event_id"]) == {"E03", "E06", "E08"}
    assert set(before["sign"]) == {"cooperation"}
    assert set(before.loc[before["event_id"] == "E03", "status"]) == {"planned"}


def test_changes_list_gains_losses_and_status_changes():
    import networkx as nx

    def graph(edges):
        g = nx.MultiDiGraph()
        for key, status in edges.items():
            g.add_edge("a", "b", key=key, event_id=key, label=key, status=status, sign="cooperation", goldstein=1.0)
        return g

    diff = changes(
        graph({"K1": "planned", "K2": "planned", "K3": "ongoing"}),
        graph({"K1": "postponed", "K3": "ongoing", "K4": "occurred"}),
    )
    assert diff[["change", "event_id"]].values.tolist() == [
        ["planned -> postponed", "K1"],
        ["lost", "K2"],
        ["gained", "K4"],
    ]


def test_the_headline_summary_is_not_counted_twice(parts):
    graph, table, links = parts
    turned = turned_negative(snapshot(graph, table, links, BEFORE_INCURSION), snapshot(graph, table, links, REF))
    assert list(turned.index[turned["turned_negative"]]) == ["RUS-UKR"]
    # By hand from CAMEO's Goldstein scale: E01 -10, E09 -2, E18 -4; the headline E02 (-7) sums up E03/E07/E08/E12.
    assert turned.loc["RUS-UKR", "after"] == -16.0
    # Qatar-Ukraine: mediation +5, Ukraine ready +4, Qatar refuses -5.
    assert turned.loc["QAT-UKR", "after"] == 4.0
    net = pair_net(graph)
    assert net[("RUS", "UKR")] == -16.0 and all(a != b for a, b in net.index)


def test_net_cooperation_refuses_days_after_the_report(parts):
    graph, table, links = parts
    series = net_cooperation_over_time(graph, table, links, weekly_days(dt.date(2024, 6, 24), REF))
    assert series.index[-1].date() == REF and series.index[0].date() == dt.date(2024, 6, 24)
    assert series.loc["2024-07-01", "QAT-UKR"] == 5.0
    with pytest.raises(ValueError, match="after the reference date"):
        net_cooperation_over_time(graph, table, links, [dt.date(2024, 8, 20)])


def test_weekly_days_end_on_the_reference_date():
    days = weekly_days(dt.date(2024, 8, 1), REF)
    assert days == [dt.date(2024, 8, 1), dt.date(2024, 8, 8), dt.date(2024, 8, 15), REF]


def test_change_days_make_an_exact_step_series(parts):
    graph, table, links = parts
    start = dt.date(2024, 6, 10)
    days = change_days(table, start, REF)
    assert days[0] == start and days[-1] == REF and days == sorted(set(days))
    assert dt.date(2024, 8, 11) in days  # the end of "last week"
    every_day = [start + dt.timedelta(days=i) for i in range((REF - start).days + 1)]
    full = net_cooperation_over_time(graph, table, links, every_day)
    sparse = net_cooperation_over_time(graph, table, links, days)
    assert full.equals(sparse.reindex(full.index, method="ffill"))

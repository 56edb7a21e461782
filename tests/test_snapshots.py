import datetime as dt

import pytest

from analysis.events import build_event_table, build_link_table
from analysis.graph import build_actor_graph, edge_table, side_fold
from analysis.snapshots import (
    BEFORE_INCURSION,
    changes,
    net_cooperation_over_time,
    pair_net,
    snapshot,
    statuses_as_of,
    turned_negative,
    weekly_days,
)

REF = dt.date(2024, 8, 17)


@pytest.fixture(scope="module")
def parts(dataset):
    return build_actor_graph(dataset), build_event_table(dataset), build_link_table(dataset)


def test_status_as_of_follows_the_rules(parts):
    _, table, links = parts
    # The summit was planned before the incursion and postponed after it.
    assert statuses_as_of(table, links, BEFORE_INCURSION, REF)["E03"] == "planned"
    assert statuses_as_of(table, links, REF, REF)["E03"] == "postponed"
    # The incursion is on the record once it had certainly happened (by the end of "last week").
    assert statuses_as_of(table, links, dt.date(2024, 8, 10), REF)["E01"] is None
    assert statuses_as_of(table, links, dt.date(2024, 8, 11), REF)["E01"] == "occurred"
    # Qatar's mediation lasts through its interval.
    assert statuses_as_of(table, links, dt.date(2024, 6, 16), REF)["E06"] is None
    assert statuses_as_of(table, links, dt.date(2024, 6, 17), REF)["E06"] == "ongoing"
    # The one-sided meeting only exists once Russia had pulled out; hoped-for and negated events never.
    assert statuses_as_of(table, links, BEFORE_INCURSION, REF)["E13"] is None
    assert statuses_as_of(table, links, REF, REF)["E13"] == "cancelled"
    assert statuses_as_of(table, links, REF, REF)["E04"] is None
    assert statuses_as_of(table, links, REF, REF)["E10"] is None
    # A plan still pending is known from the report on.
    assert statuses_as_of(table, links, BEFORE_INCURSION, REF)["E14"] is None
    assert statuses_as_of(table, links, REF, REF)["E14"] == "planned"


def test_before_the_incursion_the_channel_is_cooperative(parts):
    graph, table, links = parts
    before = edge_table(snapshot(graph, table, links, BEFORE_INCURSION))
    assert set(before["event_id"]) == {"E03", "E06", "E08"}
    assert set(before["sign"]) == {"cooperation"}
    assert set(before.loc[before["event_id"] == "E03", "status"]) == {"planned"}


def test_changes_list_gains_and_status_changes(parts):
    graph, table, links = parts
    diff = changes(snapshot(graph, table, links, BEFORE_INCURSION), snapshot(graph, table, links, REF))
    assert set(diff.loc[diff["change"] == "planned -> postponed", "event_id"]) == {"E03", "E08"}
    gained = diff[diff["change"] == "gained"]
    assert {"E01", "E07", "E12", "E18"} <= set(gained["event_id"])
    assert "E06" not in set(diff["event_id"])  # unchanged: still ongoing
    assert (diff["change"] != "lost").all()


def test_only_russia_ukraine_turns_negative(parts):
    graph, table, links = parts
    turned = turned_negative(snapshot(graph, table, links, BEFORE_INCURSION), snapshot(graph, table, links, REF))
    assert list(turned.index[turned["turned_negative"]]) == ["RUS-UKR"]
    # By hand from the codebook: E01 -10, E02 -7, E09 -2, E18 -4.
    assert turned.loc["RUS-UKR", "after"] == -23.0
    # Qatar-Ukraine: mediation +5, Ukraine ready +4, Qatar refuses -5.
    assert turned.loc["QAT-UKR", "after"] == 4.0


def test_pair_net_counts_realized_ties_between_sides_only(parts):
    graph = parts[0]
    net = pair_net(graph, side_fold(graph))
    assert ("QAT", "UKR") in net.index and all(a != b for a, b in net.index)
    assert net[("RUS", "UKR")] == -23.0


def test_net_cooperation_refuses_days_after_the_report(parts):
    graph, table, links = parts
    series = net_cooperation_over_time(graph, table, links, weekly_days(dt.date(2024, 6, 17), REF))
    assert series.index[-1].date() == REF and series.index[0].date() == dt.date(2024, 6, 17)
    assert series.loc["2024-07-01", "QAT-UKR"] == 5.0
    with pytest.raises(ValueError, match="after the reference date"):
        net_cooperation_over_time(graph, table, links, [dt.date(2024, 8, 20)])


def test_weekly_days_end_on_the_reference_date():
    days = weekly_days(dt.date(2024, 8, 1), REF)
    assert days == [dt.date(2024, 8, 1), dt.date(2024, 8, 8), dt.date(2024, 8, 15), REF]


def test_change_days_make_an_exact_step_series(parts):
    from analysis.snapshots import change_days

    graph, table, links = parts
    start = dt.date(2024, 6, 10)
    days = change_days(table, start, REF)
    assert days[0] == start and days[-1] == REF and days == sorted(set(days))
    assert dt.date(2024, 8, 11) in days and dt.date(2024, 6, 17) in days  # end of "last week", start of mediation
    every_day = [start + dt.timedelta(days=i) for i in range((REF - start).days + 1)]
    full = net_cooperation_over_time(graph, table, links, every_day)
    sparse = net_cooperation_over_time(graph, table, links, days)
    assert full.equals(sparse.reindex(full.index, method="ffill"))

import csv
import datetime as dt
import re
from pathlib import Path

import dateparser
import pytest

from analysis.chronology import expressions as temporal
from analysis.chronology.expressions import (
    UNKNOWN,
    Interval,
    TimeExpressionError,
    is_ordering,
    resolve,
    timex3_interval,
)

REF = dt.date(2024, 8, 17)  # a Saturday
TABLE = Path(__file__).with_name("time_expressions.csv")


def d(text):
    return dt.date.fromisoformat(text)


def load_table():
    with TABLE.open(newline="", encoding="utf-8") as handle:
        return [
            pytest.param(row, id=f"{row['expression']}@{row['reference']}/{row['tense'] or 'none'}")
            for row in csv.DictReader(handle)
        ]


ROWS = load_table()


def resolve_row(row):
    return resolve(row["expression"], d(row["reference"]), tense=row["tense"] or None)


def test_last_week_is_the_previous_monday_to_sunday():
    interval = resolve("last week", REF)
    assert (interval.start, interval.end, interval.precision) == (d("2024-08-05"), d("2024-08-11"), "week")
    assert interval.start.weekday() == 0 and interval.end.weekday() == 6


@pytest.mark.parametrize(
    "reference, monday", [("2024-08-12", "2024-08-05"), ("2024-08-18", "2024-08-05"), ("2024-01-03", "2023-12-25")]
)
def test_last_week_from_any_day_of_the_week(reference, monday):
    interval = resolve("last week", d(reference))
    assert interval.start == d(monday) and interval.end == d(monday) + dt.timedelta(days=6)


def test_this_month_is_the_calendar_month():
    interval = resolve("this month", REF)
    assert (interval.start, interval.end, interval.precision) == (d("2024-08-01"), d("2024-08-31"), "month")
    assert resolve("this month", d("2024-02-10")).end == d("2024-02-29")


def test_the_past_n_units_are_n_units_ending_on_the_reference_date():
    assert (resolve("the past 7 days", REF).start, resolve("the past 7 days", REF).end) == (d("2024-08-11"), REF)
    interval = resolve("the past two months", REF)
    assert (interval.start, interval.end, interval.precision) == (d("2024-06-18"), REF, "range")
    assert resolve("for the past 3 weeks", REF).start == d("2024-07-28")


def test_the_past_month_and_the_last_week_are_durations_not_calendar_units():
    assert (resolve("the past month", REF).start, resolve("the past month", REF).end) == (d("2024-07-18"), REF)
    assert (resolve("the last week", REF).start, resolve("the last week", REF).end) == (d("2024-08-11"), REF)
    assert resolve("last week", REF).end == d("2024-08-11")


def test_month_arithmetic_is_relativedelta_clamped_to_the_month_length():
    assert not hasattr(temporal, "months_before")
    assert resolve("the past month", d("2024-03-30")).start == d("2024-02-29")
    assert resolve("the past month", d("2023-03-30")).start == d("2023-02-28")


def test_a_month_day_read_after_new_year_lies_in_the_past():
    for tense in ("past", None):
        interval = resolve("December 30", d("2025-01-03"), tense=tense)
        assert (interval.start, interval.end, interval.precision) == (d("2024-12-30"), d("2024-12-30"), "day")


def test_the_article_video_conference_keeps_its_day():
    for tense in ("future", None):
        interval = resolve("August 22", REF, tense=tense)
        assert (interval.start, interval.end, interval.precision) == (d("2024-08-22"), d("2024-08-22"), "day")
    assert resolve("on February 29th", REF).start == d("2024-02-29")


@pytest.mark.parametrize(
    "text, reference, tense",
    [
        ("2024-08-22", "2024-08-17", "past"),
        ("yesterday", "2024-08-17", "future"),
        ("next week", "2024-08-17", "past"),
        ("last week", "2024-08-17", "future"),
        ("August 2024", "2025-01-03", "future"),
        ("August 22, 2024", "2024-08-17", "past"),
    ],
)
def test_a_date_that_contradicts_the_tense_is_an_error(text, reference, tense):
    with pytest.raises(TimeExpressionError, match=f"'{text}' is .* contradicts the {tense} tense"):
        resolve(text, d(reference), tense=tense)


def test_tense_is_past_future_or_none():
    with pytest.raises(ValueError, match="tense must be"):
        resolve("August 22", REF, tense="present")


@pytest.mark.parametrize(
    "text, message",
    [
        ("September 31", "has no day 31"),
        ("February 30", "has no day 30"),
        ("February 29, 2023", "February 2023 has no day 29"),
        ("2023-02-29", "'2023-02-29': no such day"),
    ],
)
def test_an_impossible_day_is_an_error(text, message):
    with pytest.raises(TimeExpressionError, match=message):
        resolve(text, REF)


@pytest.mark.parametrize(
    "text, reference, edge", [("earlier this week", "2024-08-12", "first"), ("later this month", "2024-08-31", "last")]
)
def test_a_part_of_the_reference_unit_that_holds_no_day_is_an_error(text, reference, edge):
    with pytest.raises(TimeExpressionError, match=f"'{text}': the reference date is the {edge} day of its"):
        resolve(text, d(reference))


def test_ordering_needs_the_event_it_follows():
    assert is_ordering("After this invasion") and is_ordering("after that") and not is_ordering("last week")
    with pytest.raises(TimeExpressionError, match="link it to a dated event"):
        resolve("After this invasion", REF)
    anchor = resolve("last week", REF)
    interval = resolve("After this invasion", REF, after=anchor)
    assert (interval.start, interval.end, interval.precision) == (anchor.start, None, "range")


@pytest.mark.parametrize(
    "text", ["soon", "the other day", "the past few months", "the past months", "Augustus 22", "this Monday", ""]
)
def test_unreadable_expressions_are_errors(text):
    with pytest.raises(TimeExpressionError, match=f"cannot resolve time expression '{text}'"):
        resolve(text, REF)


def test_interval_refuses_reversed_bounds_and_unknown_precision():
    with pytest.raises(ValueError, match="starts"):
        Interval(d("2024-08-02"), d("2024-08-01"), "range", "")
    with pytest.raises(ValueError, match="precision"):
        Interval(None, None, "fortnight", "")
    assert UNKNOWN.start is None and UNKNOWN.precision == "unknown"


# The hand-computed table: every interval was worked out from a calendar, not with this module.


def test_the_table_covers_every_expression_family():
    rows = [row.values[0] for row in ROWS]
    assert len(rows) >= 40
    families = {
        "calendar week": r"(last|this|next) week",
        "calendar month or year": r"(last|this|next) (month|year)",
        "duration": r"(for )?the (past|last) .*",
        "n units ago": r".* ago",
        "day shift": r"(the day before )?yesterday|today|tomorrow",
        "weekday": r"(on |last |next )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        "weekend": r".*weekend",
        "month": r"(in )?august( \d{4})?",
        "part of a month": r"(early|mid|late)[- ]\w+",
        "part of the reference's unit": r"(earlier|later) this (week|month|year)",
        "month day": r"(on )?[a-z]+ \d+(st|nd|rd|th)?(, \d{4})?",
        "day month": r"(on )?(the )?\d+(st|nd|rd|th)?( of)? [a-z]+( \d{4})?",
        "ISO date": r"\d{4}-\d\d-\d\d",
        "year": r"(in )?\d{4}",
    }
    for family, pattern in families.items():
        assert any(re.fullmatch(pattern, row["expression"].lower()) for row in rows), family
    for name, pattern in {"leap day": r"....-02-29", "year boundary": r"....-12-3.|....-01-0."}.items():
        assert any(re.fullmatch(pattern, row["start"]) or re.fullmatch(pattern, row["end"]) for row in rows), name
    assert {row["tense"] for row in rows} == {"", "past", "future"}
    assert {"2020-W53", "2025-W01"} <= {row["timex3"] for row in rows}


@pytest.mark.parametrize("row", ROWS)
def test_resolve_gives_the_hand_computed_interval(row):
    interval = resolve_row(row)
    assert (interval.start, interval.end, interval.precision) == (d(row["start"]), d(row["end"]), row["precision"])
    assert f"TIMEX3 {row['timex3']}" in interval.basis


@pytest.mark.parametrize("row", ROWS)
def test_the_interval_is_that_of_its_timex3_value(row):
    """Day, week, month, year and duration values give the interval itself; a part of a month, or of the
    reference's week, month or year, lies inside it."""
    start, end = timex3_interval(row["timex3"], end=d(row["reference"]))
    if re.fullmatch(r"(early|mid|late)[- ].*|(earlier|later) this .*", row["expression"].lower()):
        assert start <= d(row["start"]) <= d(row["end"]) <= end
    else:
        assert (start, end) == (d(row["start"]), d(row["end"]))


def test_timex3_interval():
    assert timex3_interval("2020-W53") == (d("2020-12-28"), d("2021-01-03"))
    assert timex3_interval("2024-W33-WE") == (d("2024-08-17"), d("2024-08-18"))
    assert timex3_interval("2024-02") == (d("2024-02-01"), d("2024-02-29"))
    assert timex3_interval("2024") == (d("2024-01-01"), d("2024-12-31"))
    assert timex3_interval("P2W", end=REF) == (d("2024-08-04"), REF)
    with pytest.raises(ValueError, match="needs the day it ends on"):
        timex3_interval("P2M")
    with pytest.raises(ValueError, match="not a TIMEX3"):
        timex3_interval("PAST_REF")


# Cross-check with dateparser, which returns one point for an expression (settings: the reference date as
# RELATIVE_BASE, PREFER_DATES_FROM by tense, its default 'current_period' when there is none).

DATEPARSER_DIFFERS = {
    ("December 30", "2025-01-03", ""): (
        "2025-12-30",
        "without a tense dateparser keeps the reference year (like HeidelTime); here the nearest occurrence",
    ),
    ("30 December", "2025-01-03", ""): (
        "2025-12-30",
        "without a tense dateparser keeps the reference year (like HeidelTime); here the nearest occurrence",
    ),
    ("on Monday", "2024-08-17", ""): (
        "2024-08-12",
        "without a tense dateparser takes the weekday before the reference; here the nearest occurrence",
    ),
    ("on Monday", "2024-08-12", "past"): (
        "2024-08-05",
        "dateparser never takes the reference day for a weekday; here (as HeidelTime) it is on both sides",
    ),
    ("Saturday", "2024-08-17", "future"): (
        "2024-08-24",
        "dateparser never takes the reference day for a weekday; here (as HeidelTime) it is on both sides",
    ),
    ("the last week", "2024-08-17", ""): (
        "2024-08-10",
        "dateparser reads it as 'last week', the reference minus 7 days; here the 7 days ending on the reference",
    ),
}
# Families dateparser does not read at all (it returns None): durations, weekends, parts of a month, "earlier this
# week" and the like.
DATEPARSER_CANNOT_READ = r"(for )?the past .*|.*weekend|(early|mid|late)[- ].*|(earlier|later) this .*"


def dateparser_day(row):
    settings = {"RELATIVE_BASE": dt.datetime.fromisoformat(row["reference"])}
    settings["PREFER_DATES_FROM"] = row["tense"] or "current_period"
    point = dateparser.parse(row["expression"], languages=["en"], settings=settings)
    return point and point.date()


@pytest.mark.parametrize("row", [row for row in ROWS if row.values[0]["precision"] == "day"])
def test_dateparser_gives_the_same_single_days(row):
    key = (row["expression"], row["reference"], row["tense"])
    expected, _reason = DATEPARSER_DIFFERS.get(key, (row["start"], ""))
    assert dateparser_day(row) == d(expected)


@pytest.mark.parametrize("row", [row for row in ROWS if row.values[0]["precision"] != "day"])
def test_dateparser_points_fall_inside_the_intervals(row):
    point = dateparser_day(row)
    key = (row["expression"], row["reference"], row["tense"])
    if key in DATEPARSER_DIFFERS:
        assert point == d(DATEPARSER_DIFFERS[key][0])
        assert not d(row["start"]) <= point <= d(row["end"])
    elif re.fullmatch(DATEPARSER_CANNOT_READ, row["expression"].lower()):
        assert point is None
    else:
        assert d(row["start"]) <= point <= d(row["end"])


def test_every_documented_dateparser_difference_is_a_table_row():
    keys = {(row.values[0]["expression"], row.values[0]["reference"], row.values[0]["tense"]) for row in ROWS}
    assert set(DATEPARSER_DIFFERS) <= keys

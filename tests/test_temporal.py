import datetime as dt

import pytest

from analysis.temporal import UNKNOWN, Interval, TimeExpressionError, is_ordering, months_before, resolve

REF = dt.date(2024, 8, 17)  # a Saturday


def d(text):
    return dt.date.fromisoformat(text)


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


def test_the_past_two_months_ends_on_the_reference_date():
    interval = resolve("the past two months", REF)
    assert (interval.start, interval.end, interval.precision) == (d("2024-06-17"), REF, "range")
    assert resolve("for the past 3 weeks", REF).start == d("2024-07-27")


def test_month_arithmetic_clamps_to_the_month_length():
    assert months_before(d("2024-05-31"), 3) == d("2024-02-29")
    assert months_before(d("2024-01-15"), 2) == d("2023-11-15")


def test_a_month_day_is_that_day_of_the_reference_year():
    interval = resolve("August 22", REF)
    assert (interval.start, interval.end, interval.precision) == (d("2024-08-22"), d("2024-08-22"), "day")
    assert resolve("on February 29th", REF).start == d("2024-02-29")


def test_an_impossible_day_is_an_error():
    with pytest.raises(TimeExpressionError, match="has no day 31"):
        resolve("September 31", REF)


def test_ordering_needs_the_event_it_follows():
    assert is_ordering("After this invasion") and is_ordering("after that") and not is_ordering("last week")
    with pytest.raises(TimeExpressionError, match="link it to a dated event"):
        resolve("After this invasion", REF)
    anchor = resolve("last week", REF)
    interval = resolve("After this invasion", REF, after=anchor)
    assert (interval.start, interval.end, interval.precision) == (anchor.start, None, "range")


@pytest.mark.parametrize("text", ["soon", "the other day", "the past few months", "Augustus 22", ""])
def test_unreadable_expressions_are_errors(text):
    with pytest.raises(TimeExpressionError, match="cannot resolve"):
        resolve(text, REF)


def test_interval_refuses_reversed_bounds_and_unknown_precision():
    with pytest.raises(ValueError, match="starts"):
        Interval(d("2024-08-02"), d("2024-08-01"), "range", "")
    with pytest.raises(ValueError, match="precision"):
        Interval(None, None, "fortnight", "")
    assert UNKNOWN.start is None and UNKNOWN.precision == "unknown"

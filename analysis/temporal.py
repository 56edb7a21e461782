"""Time expressions resolved against the reference date into inclusive date intervals with a precision.

Calendar expressions ("last week", "this month", "the past two months", "August 22") resolve on their own,
following TIMEX3/HeidelTime conventions for news. Ordering expressions ("After this invasion", "After that")
only say that an event came after another: they resolve to an interval that starts where the linked event
starts and has no end of its own. A bound that the text does not give stays None: it is never invented.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PRECISIONS = ("day", "week", "month", "range", "unknown")
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}


class TimeExpressionError(ValueError):
    """The resolver cannot read an expression, or it needs an anchor that was not given."""


@dataclass(frozen=True)
class Interval:
    """Inclusive [start, end]; None where the article gives no bound."""

    start: dt.date | None
    end: dt.date | None
    precision: str
    basis: str

    def __post_init__(self):
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"interval starts {self.start} after it ends {self.end}")


UNKNOWN = Interval(None, None, "unknown", "the article gives no time")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier, clamped to the month's length (31 May - 3 months = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def is_ordering(expression: str) -> bool:
    """True for expressions that only place an event after another ("After this invasion", "After that")."""
    return re.fullmatch(r"after\b.*", expression.strip().lower()) is not None


def resolve(expression: str, reference: dt.date, after: Interval | None = None) -> Interval:
    """Resolve `expression` against `reference`; `after` is the interval of the event an ordering refers to."""
    text = " ".join(expression.strip().lower().split())
    if is_ordering(text):
        if after is None or after.start is None:
            raise TimeExpressionError(f"{expression!r} places the event after another one: link it to a dated event")
        return Interval(
            after.start, None, "range", f"{expression!r}: not before the linked event starts ({after.start})"
        )
    if text in ("last week", "the previous week"):
        monday = reference - dt.timedelta(days=reference.weekday() + 7)
        return Interval(
            monday,
            monday + dt.timedelta(days=6),
            "week",
            f"{expression!r}: the ISO week (Mon-Sun) before the reference week",
        )
    if text == "this week":
        monday = reference - dt.timedelta(days=reference.weekday())
        return Interval(monday, monday + dt.timedelta(days=6), "week", f"{expression!r}: the reference date's ISO week")
    if text in ("this month", "last month"):
        first = reference.replace(day=1) if text == "this month" else months_before(reference.replace(day=1), 1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return Interval(first, last, "month", f"{expression!r}: calendar month {first:%Y-%m}")
    match = re.fullmatch(r"(?:for )?the (?:past|last) (\w+) (day|week|month)s?", text)
    if match and (match.group(1).isdigit() or match.group(1) in NUMBER_WORDS):
        count, unit = _count(match.group(1)), match.group(2)
        start = (
            months_before(reference, count)
            if unit == "month"
            else reference - dt.timedelta(days=count * (7 if unit == "week" else 1))
        )
        return Interval(
            start, reference, "range", f"{expression!r}: a duration of {count} {unit}(s) ending on the reference date"
        )
    match = re.fullmatch(r"(?:on )?(" + "|".join(MONTHS) + r") (\d{1,2})(?:st|nd|rd|th)?", text)
    if match:
        month, day = MONTHS[match.group(1)], int(match.group(2))
        if day > calendar.monthrange(reference.year, month)[1]:
            raise TimeExpressionError(f"{expression!r}: {match.group(1).title()} has no day {day}")
        date = dt.date(reference.year, month, day)
        return Interval(date, date, "day", f"{expression!r}: that day in the reference year {reference.year}")
    raise TimeExpressionError(f"cannot resolve time expression {expression!r}")

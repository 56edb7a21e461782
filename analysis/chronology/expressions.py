"""Time expressions resolved against the reference date into inclusive date intervals with a precision.

Each calendar expression gets a TIMEX3 (TimeML) value, by HeidelTime's conventions for news unless said otherwise,
and the days of that value (`timex3_interval`):

- Calendar units: "yesterday" is 2023-03-14 for the reference 2023-03-15; "last week" the ISO week (Mon-Sun)
  before the reference's, 2023-W10; "this month" 2023-03; "next year" 2024; "three days ago", "two weeks ago",
  "two months ago" the day, ISO week or month that many before the reference's. Precision day, week, month, year.
- Durations: "the past 7 days", "the last week", "the past two months" (P7D, P1W, P2M) are the N units that end
  on the reference date, both ends included: (reference + 1 day - N units) .. reference, by relativedelta (a
  month back from 31 March starts on 1 March, from 30 March on 29 February). Precision range.
- Underspecified dates ("December 30", "August", "early December", "on Monday", "the weekend") lie on the side
  of the reference that the sentence's `tense` gives: "past", the latest occurrence that starts on or before the
  reference; "future", the earliest that ends on or after it (the reference day is on both sides). With no
  tense, the occurrence nearest the reference; of two equally near, the one in the reference year, else the
  earlier. (HeidelTime compares only months with the tense, and without one keeps the reference year for a date
  and takes the past for a weekday.)
  "last Monday" and "next Tuesday" are the nearest strictly before and strictly after the reference.
- "earlier this week" and "later this month" are the days of the reference's ISO week, month or year before or
  after the reference day (precision range; TIMEX3 gives the unit only). An error where no such day exists.
- "early", "mid" and "late" March are days 1-10, 11-20 and 21-31: a convention of this module (TIMEX3 only
  marks the month with mod START, MID or END). Precision range.
- Dates given in full: "2023-03-20", "March 20, 2023", "March 2023", "in 2023" (precision year).

A date that the tense contradicts (wholly after the reference in the past tense, wholly before it in the future
tense) is an error, as is an expression the resolver cannot read. Ordering expressions ("After the vote",
"After that") only say that an event came after another: they resolve to an interval that starts where the
linked event starts and has no end of its own. A bound that the text does not give stays None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

PRECISIONS = ("day", "week", "month", "year", "range", "unknown")
TENSES = ("past", "future", None)
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
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
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y"}
PARTS = {"early": ("START", 1, 10), "mid": ("MID", 11, 20), "late": ("END", 21, 31)}  # TIMEX3 mod, first, last day
DAY = dt.timedelta(days=1)

_COUNT = r"(\d+|" + "|".join(NUMBER_WORDS) + ")"
_UNIT = "(day|week|month|year)"
_MONTH = "(" + "|".join(MONTHS) + ")"
_WEEKDAY = "(" + "|".join(WEEKDAYS) + ")"


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


def timex3_interval(value: str, end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day of a TIMEX3 date value (2023, 2023-03, 2023-W10, 2023-W10-WE, 2023-03-20), or of a
    duration (P7D, P1W, P2M, P1Y) that ends on the day `end`."""
    if match := re.fullmatch(r"P(\d+)([DWMY])", value):
        if end is None:
            raise ValueError(f"duration {value} needs the day it ends on")
        count, unit = int(match.group(1)), {v: k for k, v in UNITS.items()}[match.group(2)]
        return end + DAY - relativedelta(**{f"{unit}s": count}), end
    if match := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        year, week = int(match.group(1)), int(match.group(2))
        if match.group(3):
            return dt.date.fromisocalendar(year, week, 6), dt.date.fromisocalendar(year, week, 7)
        return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        day = dt.date.fromisoformat(value)
        return day, day
    if re.fullmatch(r"\d{4}-\d\d", value):
        first = dt.date.fromisoformat(value + "-01")
        return first, first + relativedelta(months=1) - DAY
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    raise ValueError(f"not a TIMEX3 date, week, month, year or duration value: {value!r}")


def timex3_value(unit: str, day: dt.date) -> str:
    """The TIMEX3 value of the calendar day, ISO week, month or year that contains `day`."""
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return {"day": f"{day:%Y-%m-%d}", "month": f"{day:%Y-%m}", "year": f"{day:%Y}"}[unit]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def is_ordering(expression: str) -> bool:
    """True for expressions that only place an event after another ("After the vote", "After that")."""
    return re.fullmatch(r"after\b.*", expression.strip().lower()) is not None


def _pick(candidates: list[tuple[dt.date, dt.date]], reference: dt.date, tense: str | None) -> tuple[dt.date, dt.date]:
    """The occurrence on the tense's side of the reference; with no tense the nearest one, a tie going to the
    reference year, then to the earlier."""
    if tense == "past":
        return max(c for c in candidates if c[0] <= reference)
    if tense == "future":
        return min(c for c in candidates if c[1] >= reference)
    return min(
        candidates,
        key=lambda c: (max((c[0] - reference).days, (reference - c[1]).days, 0), c[0].year != reference.year, c),
    )


def _side(tense: str | None) -> str:
    return {
        "past": "the latest on or before the reference date (past tense)",
        "future": "the earliest on or after the reference date (future tense)",
        None: "the nearest to the reference date",
    }[tense]


Found = tuple[dt.date, dt.date, str, str] | None  # start, end, precision, basis


def _iso_date(text: str, reference: dt.date, tense: str | None) -> Found:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise TimeExpressionError("no such day in the calendar") from None
        return day, day, "day", f"TIMEX3 {day}"
    return None


def _calendar_unit(text: str, reference: dt.date, tense: str | None) -> Found:
    """Yesterday, today, tomorrow; last, this, next day/week/month/year; N units ago."""
    shifts = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1, "the day after tomorrow": 2}
    if text in shifts:
        offset, unit = shifts[text], "day"
    elif match := re.fullmatch(r"(last|the previous|this|next) " + _UNIT, text):
        offset, unit = {"last": -1, "the previous": -1, "this": 0, "next": 1}[match.group(1)], match.group(2)
    elif match := re.fullmatch(_COUNT + " " + _UNIT + "s? ago", text):
        offset, unit = -_count(match.group(1)), match.group(2)
    else:
        return None
    value = timex3_value(unit, reference + relativedelta(**{f"{unit}s": offset}))
    start, end = timex3_interval(value)
    kind = {"day": "day", "week": "ISO week (Mon-Sun)", "month": "calendar month", "year": "calendar year"}[unit]
    shift = f" {offset:+d}" if offset else ""
    return start, end, unit, f"TIMEX3 {value}, the {kind} of the reference date{shift}"


def _part_of_unit(text: str, reference: dt.date, tense: str | None) -> Found:
    """Earlier or later this week, month or year: the days of the reference's unit before or after its day."""
    match = re.fullmatch(r"(earlier|later) this " + _UNIT, text)
    if not match or match.group(2) == "day":
        return None
    which, unit = match.groups()
    value = timex3_value(unit, reference)
    first, last = timex3_interval(value)
    start, end = (first, reference - DAY) if which == "earlier" else (reference + DAY, last)
    if start > end:
        edge = "first" if which == "earlier" else "last"
        raise TimeExpressionError(f"the reference date is the {edge} day of its {unit}: no day lies {which} in it")
    side = "before" if which == "earlier" else "after"
    return start, end, "range", f"TIMEX3 {value}, the days of the reference date's {unit} {side} it"


def _duration(text: str, reference: dt.date, tense: str | None) -> Found:
    """The past N units, the last week: a duration ending on the reference date."""
    match = re.fullmatch(r"(?:for |over |in )?the (?:past|last) (?:" + _COUNT + " " + _UNIT + "s?|" + _UNIT + ")", text)
    if not match:
        return None
    count, unit = (_count(match.group(1)), match.group(2)) if match.group(1) else (1, match.group(3))
    value = f"P{count}{UNITS[unit]}"
    start, end = timex3_interval(value, end=reference)
    return start, end, "range", f"TIMEX3 {value}, {count} {unit}(s) ending on the reference date, both included"


def _weekday(text: str, reference: dt.date, tense: str | None) -> Found:
    """On Monday (by tense), last Monday, next Tuesday."""
    match = re.fullmatch(r"(?:on )?(?:(last|next) )?" + _WEEKDAY, text)
    if not match:
        return None
    which, name = match.groups()
    days = [reference + k * DAY for k in range(-7, 8) if (reference + k * DAY).weekday() == WEEKDAYS[name]]
    if which == "last":
        day, basis = max(d for d in days if d < reference), "the nearest before the reference date"
    elif which == "next":
        day, basis = min(d for d in days if d > reference), "the nearest after the reference date"
    else:
        (day, _), basis = _pick([(d, d) for d in days], reference, tense), _side(tense)
    return day, day, "day", f"TIMEX3 {day}, {basis}"


def _weekend(text: str, reference: dt.date, tense: str | None) -> Found:
    """This, last, next weekend: Saturday and Sunday of that ISO week; the weekend: by tense."""
    match = re.fullmatch(r"(?:on |over |at )?(the|this|last|next) weekend", text)
    if not match:
        return None
    which = match.group(1)
    weeks = {"last": [-1], "this": [0], "next": [1], "the": [-1, 0, 1]}[which]
    values = [timex3_value("week", reference + relativedelta(weeks=w)) + "-WE" for w in weeks]
    spans = [timex3_interval(value) for value in values]
    start, end = _pick(spans, reference, tense) if which == "the" else spans[0]
    basis = f"TIMEX3 {values[spans.index((start, end))]}, Saturday and Sunday"
    return start, end, "range", basis + (f", {_side(tense)}" if which == "the" else "")


def _month(text: str, reference: dt.date, tense: str | None) -> Found:
    """(In) (early, mid, late) March (2023): the year by tense unless given."""
    match = re.fullmatch(r"(?:in )?(?:(early|mid|late)[- ])?" + _MONTH + r"(?: (\d{4}))?", text)
    if not match:
        return None
    part, month, year = match.group(1), MONTHS[match.group(2)], match.group(3)
    spans = []
    for y in [int(year)] if year else [reference.year - 1, reference.year, reference.year + 1]:
        start, end = timex3_interval(f"{y}-{month:02d}")
        if part:
            _, first, last = PARTS[part]
            start, end = start.replace(day=first), start.replace(day=min(last, end.day))
        spans.append((start, end))
    start, end = spans[0] if year else _pick(spans, reference, tense)
    mod = f" mod {PARTS[part][0]}: days {start.day}-{end.day}" if part else ""
    return (
        start,
        end,
        "range" if part else "month",
        f"TIMEX3 {start:%Y-%m}{mod}" + ("" if year else f", {_side(tense)}"),
    )


def _year(text: str, reference: dt.date, tense: str | None) -> Found:
    """(In) 2014: the calendar year, given in full."""
    match = re.fullmatch(r"(?:in )?(\d{4})", text)
    if not match:
        return None
    start, end = timex3_interval(match.group(1))
    return start, end, "year", f"TIMEX3 {match.group(1)}, a calendar year given in full"


def _month_day(text: str, reference: dt.date, tense: str | None) -> Found:
    """(On) March 20(th)(, 2023): the year by tense unless given."""
    match = re.fullmatch(r"(?:on )?" + _MONTH + r" (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?", text)
    return _day_of(match.group(1), int(match.group(2)), match.group(3), reference, tense) if match else None


def _day_month(text: str, reference: dt.date, tense: str | None) -> Found:
    """(On) (the) 20(th) (of) March( 2023), the day before the month as British and European texts write it."""
    match = re.fullmatch(r"(?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)?(?: of)? " + _MONTH + r"(?:,? (\d{4}))?", text)
    return _day_of(match.group(2), int(match.group(1)), match.group(3), reference, tense) if match else None


def _day_of(name: str, day: int, year: str | None, reference: dt.date, tense: str | None) -> Found:
    """A day of a named month: of the year given, else the nearest such day on the side the tense names."""
    years = [int(year)] if year else range(reference.year - 4, reference.year + 5)
    days = [dt.date(y, MONTHS[name], day) for y in years if day <= calendar.monthrange(y, MONTHS[name])[1]]
    if not days:
        raise TimeExpressionError(f"{name.title()}{' ' + year if year else ''} has no day {day}")
    if year:
        return days[0], days[0], "day", f"TIMEX3 {days[0]}"
    start, _ = _pick([(d, d) for d in days], reference, tense)
    return start, start, "day", f"TIMEX3 {start}, {_side(tense)}"


PARSERS = (
    _iso_date,
    _calendar_unit,
    _part_of_unit,
    _duration,
    _weekday,
    _weekend,
    _month,
    _year,
    _month_day,
    _day_month,
)


def resolve(
    expression: str, reference: dt.date, after: Interval | None = None, *, tense: str | None = None
) -> Interval:
    """Resolve `expression` against `reference`; `after` is the interval of the event an ordering refers to,
    `tense` ("past", "future" or None) the side of the reference on which an underspecified date lies."""
    if tense not in TENSES:
        raise ValueError(f"tense must be 'past', 'future' or None, not {tense!r}")
    text = " ".join(expression.strip().lower().split())
    if is_ordering(text):
        if after is None or after.start is None:
            raise TimeExpressionError(f"{expression!r} places the event after another one: link it to a dated event")
        return Interval(
            after.start, None, "range", f"{expression!r}: not before the linked event starts ({after.start})"
        )
    try:
        found = next((found for parse in PARSERS if (found := parse(text, reference, tense))), None)
    except TimeExpressionError as error:
        raise TimeExpressionError(f"{expression!r}: {error}") from None
    if found is None:
        raise TimeExpressionError(f"cannot resolve time expression {expression!r}")
    start, end, precision, basis = found
    if (tense == "past" and start > reference) or (tense == "future" and end < reference):
        raise TimeExpressionError(
            f"{expression!r} is {start}..{end}, which contradicts the {tense} tense with the reference date {reference}"
        )
    return Interval(start, end, precision, f"{expression!r}: {basis}")

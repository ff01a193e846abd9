"""TIMEX3 values as calendar periods: the days a value covers and how to say it.

A value keeps its granularity everywhere: "2022-02" covers 1 to 28 February and is shown as
"February 2022", never widened into a made-up day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.vocabulary import time as words

# The first and last month of each TIMEX3 season (winter runs into the next year).
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_SEASON_NAMES = words.SEASON_NAMES
_HALVES = {"H1": (1, 6), "H2": (7, 12)}
_PARTS_OF_DAY = {words.MIDDAY: words.MIDDAY_NAME}
for _word, _code in words.PARTS_OF_DAY.items():
    _PARTS_OF_DAY.setdefault(_code, _word)
_MODS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "about",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "by",
    "ON_OR_AFTER": "from",
    "LESS_THAN": "less than",
    "MORE_THAN": "more than",
    "EQUAL_OR_LESS": "at most",
    "EQUAL_OR_MORE": "at least",
}

_DATE = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})(?:-(?P<weekday>\d|WE))?"
    r"|Q(?P<quarter>[1-4])|(?P<season>SP|SU|FA|WI)|(?P<half>H[12])))?"
    r"(?:T(?P<time>\d{2}(?::\d{2}(?::\d{2})?)?|MO|MI|AF|EV|NI))?$"
)
_DECADE = re.compile(r"^(?P<digits>\d{3})X?$")
_CENTURY = re.compile(r"^(?P<digits>\d{2})(?:XX)?$")

# Names spelled out here, not taken from strftime, so output never depends on the locale.
MONTH_NAMES = tuple(
    name.capitalize() for name, _ in sorted(words.MONTHS.items(), key=lambda item: item[1])
)
_WEEKDAY_NAMES = tuple(
    name.capitalize() for name, _ in sorted(words.WEEKDAYS.items(), key=lambda item: item[1])
)
_WEEKDAYS = tuple(name[:3] for name in _WEEKDAY_NAMES)


def day_text(day: date) -> str:
    """ "Thu 15 Sep 2022", whatever the locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


# Coarsest first.
GRANULARITIES = ("century", "decade", "year", "half", "season", "quarter", "month", "week", "day")


@dataclass(frozen=True)
class Period:
    """The first and last day a TIMEX3 value covers, and its granularity."""

    start: date
    end: date
    granularity: str  # one of GRANULARITIES, or "time" for a value with a clock time


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period(value: str, mod: str | None = None) -> Period | None:
    """Return the days a resolved DATE or TIME value covers, or None (durations, X, *_REF).

    With a TIMEX3 mod of START, MID or END the period is narrowed to its first, middle or last
    third ("late spring" is May, "early 2011" January to April); the granularity stays.
    """
    try:
        span = _period(value)
    except ValueError:  # a value of the right shape naming no real day ("2022-02-30")
        return None
    if span is None or mod not in _PARTS or span.granularity in ("day", "time"):
        return span
    return _part(span, _PARTS[mod])


_PARTS = {"START": 0, "MID": 1, "END": 2}


def _part(span: Period, third: int) -> Period:
    """The first, middle or last third of a period, in whole months when it has three or more."""
    months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
    if months >= 36:  # a decade or a century: whole years ("the late 1990s" is 1996-1999)
        years = months // 12
        size = years // 3
        first_year = span.start.year + size * third
        last_year = span.end.year if third == 2 else span.start.year + size * (third + 1) - 1
        return Period(date(max(first_year, 1), 1, 1), date(last_year, 12, 31), span.granularity)
    if months >= 3:
        size = months // 3
        first = _add_months(span.start, size * third)
        last_month = _add_months(span.start, months - 1 if third == 2 else size * (third + 1) - 1)
        return Period(first, _month_end(last_month.year, last_month.month), span.granularity)
    days = (span.end - span.start).days + 1
    size = days // 3
    first = span.start + timedelta(days=size * third)
    last = span.end if third == 2 else span.start + timedelta(days=size * (third + 1) - 1)
    return Period(first, last, span.granularity)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _period(value: str) -> Period | None:
    match = _DATE.match(value)
    if match:
        return _date_period(match)
    if m := _DECADE.match(value):
        first = int(m["digits"]) * 10
        return Period(date(max(first, 1), 1, 1), date(first + 9, 12, 31), "decade")
    if m := _CENTURY.match(value):
        first = int(m["digits"]) * 100
        return Period(date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century")
    return None


def _date_period(m: re.Match[str]) -> Period:
    year = int(m["year"])
    if year < 1:
        raise ValueError(f"year {year}")  # date() cannot hold year 0
    if m["time"] and m["day"]:
        day = date(year, int(m["month"]), int(m["day"]))
        return Period(day, day, "time")
    if m["day"]:
        day = date(year, int(m["month"]), int(m["day"]))
        return Period(day, day, "day")
    if m["month"]:
        month = int(m["month"])
        return Period(date(year, month, 1), _month_end(year, month), "month")
    if m["week"]:
        monday = date.fromisocalendar(year, int(m["week"]), 1)
        if m["weekday"] == "WE":
            return Period(monday + timedelta(days=5), monday + timedelta(days=6), "week")
        return Period(monday, monday + timedelta(days=6), "week")
    if m["quarter"]:
        first = 3 * (int(m["quarter"]) - 1) + 1
        return Period(date(year, first, 1), _month_end(year, first + 2), "quarter")
    if m["season"]:
        first, last = SEASON_MONTHS[m["season"]]
        end_year = year + 1 if last < first else year
        return Period(date(year, first, 1), _month_end(end_year, last), "season")
    if m["half"]:
        first, last = _HALVES[m["half"]]
        return Period(date(year, first, 1), _month_end(year, last), "half")
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def describe(value: str, mod: str | None = None) -> str:
    """Say a TIMEX3 value the way a reader writes it: "February 2022", "Thu 15 Sep 2022"."""
    text = _describe(value)
    span = period(value)
    if mod not in _MODS or span is None or span.granularity in ("day", "time"):
        return text
    if mod == "MID":
        return f"mid-{text}"
    return f"{_MODS[mod]} {text}"


_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_UNITS = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "D": "day",
    "H": "hour",
    "S": "second",
    "DE": "decade",
    "CE": "century",
    "Q": "quarter",
}
_DURATION = re.compile(r"^PT?(?P<n>\d+(?:\.\d+)?|X)(?P<unit>DE|CE|[YMWDHS])$")


def _describe_unresolved(value: str) -> str:
    if value in _REFS:
        return _REFS[value]
    if m := _DURATION.match(value):
        unit = "minute" if value.startswith("PT") and m["unit"] == "M" else _UNITS[m["unit"]]
        if m["n"] == "X":
            return f"{unit}s"
        return f"{m['n']} {unit}" + ("" if m["n"] == "1" else "s")
    if m := re.match(r"^XXXX-(\d{2})(?:-(\d{2}))?$", value):
        month = MONTH_NAMES[int(m[1]) - 1] if 1 <= int(m[1]) <= 12 else m[1]
        return f"{int(m[2])} {month}, year unknown" if m[2] else f"{month}, year unknown"
    if m := re.match(r"^(?:XXXX|(\d{4}))-WXX-([1-7])$", value):
        day = _WEEKDAY_NAMES[int(m[2]) - 1]
        return f"a {day} in {m[1]}, week unknown" if m[1] else f"a {day}, date unknown"
    if m := re.match(r"^(\d{4})-(?:WXX|XX)$", value):
        unit = "week" if "W" in value else "month"
        return f"a {unit} in {m[1]}"
    if m := re.match(r"^XXXX-(SP|SU|FA|WI|Q[1-4])$", value):
        season = _SEASON_NAMES.get(m[1], m[1])
        return f"{season}, year unknown"
    if "X" in value:
        return f"date unknown ({value})"
    return value


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _describe(value: str) -> str:
    span = period(value)
    if span is None:
        return _describe_unresolved(value)
    m = _DATE.match(value)
    if span.granularity == "decade":
        return f"{span.start.year // 10 * 10}s"
    if span.granularity == "century":
        return f"{_ordinal(span.end.year // 100 + 1)} century"
    assert m is not None
    year = m["year"]
    if span.granularity == "time":
        day = day_text(span.start)
        clock = m["time"]
        return f"{day}, {_PARTS_OF_DAY.get(clock, clock)}"
    if span.granularity == "day":
        return day_text(span.start)
    if span.granularity == "month":
        return f"{MONTH_NAMES[span.start.month - 1]} {year}"
    if span.granularity == "week":
        if m["weekday"] == "WE":
            return f"weekend of {day_text(span.start)}"
        return f"week of {day_text(span.start)}"
    if span.granularity == "quarter":
        return f"Q{m['quarter']} {year}"
    if span.granularity == "season":
        return f"{_SEASON_NAMES[m['season']]} {year}"
    if span.granularity == "half":
        return f"{'first' if m['half'] == 'H1' else 'second'} half of {year}"
    return year

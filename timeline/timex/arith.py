"""Calendar arithmetic on TIMEX3 values at their own granularity (a month stays a month)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, clipped to the month's length."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, n: int) -> date:
    """Move a day by n units (year, half, quarter, month, week, day, decade, century)."""
    if unit == "day":
        return day + timedelta(days=n)
    if unit in ("week", "weekend", "fortnight"):
        return day + timedelta(days=7 * n * (2 if unit == "fortnight" else 1))
    months = {
        "month": 1,
        "quarter": 3,
        "half": 6,
        "season": 12,
        "year": 12,
        "decade": 120,
        "century": 1200,
    }.get(unit)
    if months is None:
        raise ValueError(f"cannot shift by {unit}")
    return add_months(day, months * n)


def fmt(day: date, granularity: str) -> str:
    """The TIMEX3 value of the period of `granularity` that contains `day`."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(f"no TIMEX3 format for {granularity}")


def unknown(granularity: str) -> str:
    """The TIMEX3 value of a period of this granularity whose place is unknown."""
    return {
        "day": "XXXX-XX-XX",
        "month": "XXXX-XX",
        "year": "XXXX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "quarter": "XXXX-QX",
        "half": "XXXX-HX",
        "decade": "XXX",
        "century": "XX",
    }.get(granularity, "XXXX-XX-XX")


def nearest_weekday(dct: date, weekday: int, direction: int) -> date:
    """The weekday on or before (-1), on or after (+1) or nearest to (0) the reference day."""
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if direction < 0:
        return dct - timedelta(days=back)
    if direction > 0:
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back) if back <= ahead else dct + timedelta(days=ahead)


def month_in_year(dct: date, month: int, direction: int) -> int:
    """The year of the named month: latest not after (-1), next not before (+1), or nearest (0)."""
    if direction < 0:
        return dct.year if month <= dct.month else dct.year - 1
    if direction > 0:
        return dct.year if month >= dct.month else dct.year + 1
    # No tense to go by: news looks back further than ahead, so a month more than four months
    # ahead is last year's, and one at most four months into next year is next year's ("in
    # January" written in October).
    ahead = month - dct.month
    if ahead > 4:
        return dct.year - 1
    if ahead < 0 and ahead + 12 <= 4:
        return dct.year + 1
    return dct.year

"""Strategies for named days: "Thanksgiving Day", "Christmas", "last Easter", "Election Day"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.timex.context import Context, Result, direction
from timeline.vocabulary import time as words


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 for the last) given weekday of a month."""
    if n < 0:
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


_FIXED = words.FIXED_HOLIDAYS


def holiday_date(name: str, year: int) -> date | None:
    """The day a holiday falls on in a year (US calendar for the movable ones)."""
    if name in _FIXED:
        month, day = _FIXED[name]
        return date(year, month, day)
    if name in ("thanksgiving", "thanksgiving day"):
        return _nth_weekday(year, 11, 3, 4)
    if name == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if name == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if name in ("easter", "easter sunday"):
        return _easter(year)
    return None


def holiday(text: str, ctx: Context) -> Result | None:
    """ "Thanksgiving Day" (the one before or after the reference date by tense), "last Easter"."""
    m = re.fullmatch(r"(?:(last|next|this) )?(.+)", text)
    if not m or holiday_date(m[2], 2000) is None:
        return None
    if ctx.dct is None:
        fixed = _FIXED.get(m[2])
        value = f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX-XX-XX"
        return Result("DATE", value, resolved=False, rule="holiday")
    dct = ctx.dct
    options = [
        d
        for y in (dct.year - 1, dct.year, dct.year + 1)
        if (d := holiday_date(m[2], y)) is not None
    ]
    way = {"last": -1, "next": 1}.get(m[1] or "", direction(ctx) if m[1] is None else 0)
    if way < 0:
        day = max(d for d in options if d <= dct)
    elif way > 0:
        day = min(d for d in options if d >= dct)
    elif m[1] == "this":
        day = options[1]
    else:
        day = min(options, key=lambda d: abs((d - dct).days))
    return Result(
        "DATE", day.isoformat(), anchor=dct.isoformat(), anchor_from="dct", rule="holiday"
    )

"""Strategies for dates that name their place in the calendar: "15 Sep 2022", "the 1990s"."""

from __future__ import annotations

import re
from datetime import date

from timeline.timevalue import SEASON_MONTHS, period
from timeline.timex.context import (
    REL as _REL,
)
from timeline.timex.context import (
    WD as _WD,
)
from timeline.timex.context import (
    Context,
    Result,
    dct_result,
    direction,
    year_of,
)
from timeline.timex.context import (
    D as _D,
)
from timeline.timex.context import (
    M as _M,
)
from timeline.timex.context import (
    Y as _Y,
)
from timeline.timex.lexicon import ORDINALS, SEASONS, month_number
from timeline.timex.tense import FUTURE, PRESENT
from timeline.vocabulary import time as words
from timeline.vocabulary.time import alternation, meridiem_pattern

# --- absolute dates --------------------------------------------------------------------------


def iso_date(text: str, ctx: Context) -> Result | None:
    """ "2022-09-15", "2022-09-15T10:30"."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:t(\d\d:\d\d)(?::\d\d)?)?", text)
    if not m or period(f"{m[1]}-{m[2]}-{m[3]}") is None:
        return None
    if m[4]:
        return Result("TIME", f"{m[1]}-{m[2]}-{m[3]}T{m[4]}", rule="iso_date")
    return Result("DATE", f"{m[1]}-{m[2]}-{m[3]}", rule="iso_date")


def _clock(text: str) -> str | None:
    """ "10 a.m." -> "10:00", "6:26 pm" -> "18:26", "noon" -> "12:00"."""
    if text.startswith(("noon", "midday")):
        return "12:00"
    if text.startswith("midnight"):
        return "24:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?)?", text)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2] or 0)
    # "4 in the morning", "9 in the evening", "11 at night" read as a.m. or p.m.
    said = re.search(r"(?:in the (morning|afternoon|evening)|at (night))$", text)
    if said and not m[3] and 1 <= hour <= 12:
        later = said[1] in ("afternoon", "evening") or (said[2] and hour >= 6)
        return f"{(hour % 12) + (12 if later else 0):02d}:{minute:02d}"
    if m[3] and m[3].startswith("p") and hour < 12:
        hour += 12
    if m[3] and m[3].startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


_MERIDIEM = meridiem_pattern(strict=False)
_CLOCK = (
    rf"(?P<clock>(?:\d{{1,2}}(?:[:.]\d\d)?\s*(?:{_MERIDIEM}|(?:o'clock )?in the "
    rf"(?:morning|afternoon|evening)|(?:o'clock )?at night)?|{alternation(words.CLOCK_WORDS)}))"
    rf"(?: {alternation([*words.ZONES, *words.ZONE_PHRASES])})?"
)


def day_month_year(text: str, ctx: Context) -> Result | None:
    """ "15 Sep 2022", "Sept. 30, 1989", "Saturday, April 25", "March 12" (year by tense)."""
    text = re.sub(r"^" + _WD + r",? ", "", text)
    tail = rf"(?:(?:, ?| )(?:of )?{_Y})?(?:,? (?:at )?{_CLOCK})?"
    m = re.fullmatch(rf"(?:(?P<rel>last|next|this) )?{_M} {_D}{tail}", text) or re.fullmatch(
        rf"(?:the )?{_D}(?: of)? {_M}{tail}", text
    )
    if not m:
        return None
    month, day = month_number(m["month"]), int(m["day"])
    if month is None or not 1 <= day <= 31:
        return None
    clock = _clock(m["clock"]) if m["clock"] else None
    if m["year"]:
        value = f"{m['year']}-{month:02d}-{day:02d}"
        if period(value) is None:
            return None
        if clock:
            return Result("TIME", f"{value}T{clock}", rule="day_month_year")
        return Result("DATE", value, rule="day_month_year")
    rel = m.groupdict().get("rel")
    year = (
        year_of(ctx, month, day)
        if rel is None or ctx.dct is None
        else _relative_year(ctx.dct, rel, month, day)
    )
    if year is None or ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}-{day:02d}", resolved=False, rule="day_month")
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if period(value) is None:
        return None
    return Result("DATE", value, anchor=ctx.dct.isoformat(), anchor_from="dct", rule="day_month")


def week_of(text: str, ctx: Context) -> Result | None:
    """ "the week of March 6": the (ISO) week that contains the day."""
    m = re.fullmatch(r"the week of (.+)", text)
    inner = day_month_year(m[1], ctx) if m else None
    if inner is None:
        return None
    day = period(inner.value)
    if day is None or day.granularity != "day":
        return Result("DATE", "XXXX-WXX", resolved=False, rule="week_of")
    year, week, _ = day.start.isocalendar()
    return Result(
        "DATE",
        f"{year:04d}-W{week:02d}",
        anchor=inner.anchor,
        anchor_from=inner.anchor_from,
        rule="week_of",
    )


def _relative_year(dct: date, rel: str, month: int, day: int) -> int:
    """The year of "last Oct. 23" (the latest before the reference day), "next May 1", "this"."""
    if rel == "this":
        return dct.year
    if rel == "last":
        return dct.year if (month, day) < (dct.month, dct.day) else dct.year - 1
    return dct.year if (month, day) > (dct.month, dct.day) else dct.year + 1


def numeric_date(text: str, ctx: Context) -> Result | None:
    """ "9/15/2022" (month first, as in US news) or "15/09/2022" when the day is over 12."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    month, day = (b, a) if a > 12 else (a, b)
    value = f"{year:04d}-{month:02d}-{day:02d}"
    return Result("DATE", value, rule="numeric_date") if period(value) else None


def month_year(text: str, ctx: Context) -> Result | None:
    """ "January 2020", "June of 1990"."""
    m = re.fullmatch(rf"{_M},? (?:of )?{_Y}", text)
    if not m:
        return None
    return Result("DATE", f"{m['year']}-{month_number(m['month']):02d}", rule="month_year")


def month_relative_year(text: str, ctx: Context) -> Result | None:
    """ "June last year", "January this year"."""
    m = re.fullmatch(rf"{_M} (?P<which>this|last|next) year", text)
    if not m:
        return None
    offset = {"this": 0, "last": -1, "next": 1}[m["which"]]
    month = month_number(m["month"])
    return dct_result(
        ctx,
        "DATE",
        lambda d: f"{d.year + offset:04d}-{month:02d}",
        f"XXXX-{month:02d}",
        "month_relative_year",
    )


def month_name(text: str, ctx: Context) -> Result | None:
    """ "February" (year by tense), "last June", "next March", "this September"."""
    m = re.fullmatch(rf"(?:{_REL} )?{_M}", text)
    if not m or (month := month_number(m["month"])) is None:
        return None
    rel = (m["rel"] or "").removeprefix("the ")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}", resolved=False, rule="month_name")
    dct = ctx.dct
    if rel in ("last", "past", "previous", "prior"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming", "following"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel in ("this", "current", "present"):
        year = dct.year
    else:
        year = year_of(ctx, month)
    return Result(
        "DATE",
        f"{year:04d}-{month:02d}",
        anchor=dct.isoformat(),
        anchor_from="dct",
        rule="month_name",
    )


_TOWARDS = re.compile(r"\b" + alternation(words.TOWARDS_CUES) + " $")


def season(text: str, ctx: Context) -> Result | None:
    """ "the summer of 2020", "last fall", "this summer"."""
    m = re.fullmatch(
        rf"(?:(?P<rel>the|this|last|next|that|(?:the )?(?:past|coming|previous"
        rf"|following)) )?(?P<season>{alternation(words.SEASONS)})"
        rf"(?: (?:of )?{_Y})?",
        text,
    )
    if not m:
        return None
    code = SEASONS[m["season"]]
    if m["year"]:
        return Result("DATE", f"{m['year']}-{code}", rule="season")
    rel = (m["rel"] or "").removeprefix("the ")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{code}", resolved=False, rule="season")
    dct = ctx.dct
    first = SEASON_MONTHS[code][0]
    if not rel or rel == "the":
        # "into the summer", "the early summer": the nearest one in the clause's direction;
        # "as we head into the winter" in June is the coming winter
        year = year_of(ctx, first) or dct.year
        if ctx.tense in (PRESENT, FUTURE) and _TOWARDS.search(ctx.before):
            year = dct.year if first >= dct.month else dct.year + 1
        elif ctx.tense in (PRESENT, FUTURE) or direction(ctx) > 0:
            # "fear a second wave at the start of the winter flu season" in May: a season in a
            # present or future clause is the one under way or the next, never one gone by
            year = next(
                y
                for y in (dct.year - 1, dct.year, dct.year + 1)
                if (span := period(f"{y:04d}-{code}")) is not None and span.end >= dct
            )
    elif rel in ("last", "past", "previous"):
        year = dct.year if first + 2 < dct.month else dct.year - 1
    elif rel in ("next", "coming", "following"):
        year = dct.year if first > dct.month else dct.year + 1
    else:
        year = dct.year
    return Result(
        "DATE", f"{year:04d}-{code}", anchor=dct.isoformat(), anchor_from="dct", rule="season"
    )


def decade(text: str, ctx: Context) -> Result | None:
    """ "the 1990s" -> 199, "the '80s" -> 198, "the nineties" -> 199."""
    # "the last half of the '80s": TIMEX3 has no half of a decade, so the decade it is
    text = re.sub(r"^(?:the )?(?:first|second|last|latter) half of ", "", text)
    text = text.removeprefix("the ")
    if m := re.fullmatch(r"(\d{3})0'?s", text):
        return Result("DATE", m[1], rule="decade")
    m = re.fullmatch(rf"'(\d)0s|({alternation(words.DECADES)})", text)
    if not m:
        return None
    digit = int(m[1]) if m[1] else words.DECADES[m[2]]
    # A two-digit decade means the last century of that name before the reference year.
    century = 19 if ctx.dct is None else (ctx.dct.year - digit * 10) // 100
    return Result("DATE", f"{century:02d}{digit}", rule="decade")


def century(text: str, ctx: Context) -> Result | None:
    """ "the 20th century" -> 19."""
    m = re.fullmatch(
        r"(?:the )?(\d{1,2})(?:st|nd|rd|th)[- ]century|(?:the )?([a-z-]+)[- ]century", text
    )
    if not m:
        return None
    n = int(m[1]) if m[1] else ORDINALS.get(m[2] or "")
    if not n:
        return None
    return Result("DATE", f"{n - 1:02d}", rule="century")


def _quarter_year(ctx: Context, quarter: int) -> int | None:
    """The year of "the third quarter": a quarter not yet begun belongs to last year's results."""
    if ctx.dct is None:
        return None
    current = (ctx.dct.month - 1) // 3 + 1
    if quarter == 4 and current == 1 and ctx.tense != "FUTURE":
        return ctx.dct.year - 1
    return ctx.dct.year


def quarter(text: str, ctx: Context) -> Result | None:
    """ "the third quarter", "third-quarter", "the fiscal 1989 first quarter", "Q3 of 2022"."""
    if "quarter" not in text:
        return None
    m = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter", text)
    if not m:
        return None
    n = ORDINALS[m[1]]
    year_m = re.search(r"\b(\d{4})\b", text)
    if year_m:
        return Result("DATE", f"{year_m[1]}-Q{n}", rule="quarter")
    offset = -1 if re.search(r"\blast year'?s?\b", text) else 1 if "next year" in text else 0
    if offset or "this year" in text:
        return dct_result(
            ctx, "DATE", lambda d: f"{d.year + offset:04d}-Q{n}", f"XXXX-Q{n}", "quarter"
        )
    if "year-ago" in text or "year-earlier" in text:
        year = _quarter_year(ctx, n)
        if year is None:
            return Result("DATE", f"XXXX-Q{n}", resolved=False, rule="quarter")
        return Result(
            "DATE",
            f"{year - 1:04d}-Q{n}",
            anchor=ctx.dct.isoformat() if ctx.dct else None,
            anchor_from="dct",
            rule="quarter",
        )
    # A year named in the same sentence fixes the quarter ("in 2021, third-quarter sales"); one
    # named before is more often a comparison than the year of the report.
    for anchor in reversed(ctx.anchors):
        if ctx.sentence != anchor.sentence:
            break
        if anchor.granularity == "year":
            value = f"{anchor.start.year:04d}-Q{n}"
            return Result("DATE", value, anchor=anchor.value, anchor_from="text", rule="quarter")
    year = _quarter_year(ctx, n)
    if year is None:
        return Result("DATE", f"XXXX-Q{n}", resolved=False, rule="quarter")
    return Result(
        "DATE",
        f"{year:04d}-Q{n}",
        anchor=ctx.dct.isoformat() if ctx.dct else None,
        anchor_from="dct",
        rule="quarter",
    )


def half(text: str, ctx: Context) -> Result | None:
    """ "the first half of 1989", "the second half"."""
    m = re.fullmatch(
        r"(?:the )?(first|second|last|latter)[- ]half(?: of (?:fiscal )?(?:(\d{4})"
        r"|(this|last|next|the) year))?",
        text,
    )
    if not m:
        return None
    h = 1 if m[1] == "first" else 2
    if m[2]:
        return Result("DATE", f"{m[2]}-H{h}", rule="half")
    offset = {"last": -1, "next": 1}.get(m[3] or "", 0)
    return dct_result(ctx, "DATE", lambda d: f"{d.year + offset:04d}-H{h}", f"XXXX-H{h}", "half")


def year(text: str, ctx: Context) -> Result | None:
    """ "1990", "fiscal 1989", "calendar 1990", "FY 2022"."""
    m = re.fullmatch(r"(?:(?:fiscal|calendar|model|fy)(?: year)? ?)?(\d{4})", text)
    if not m:
        return None
    return Result("DATE", m[1], rule="year")

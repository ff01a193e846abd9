"""Strategies for dates counted from another date: "two years ago", "a day earlier", "the
year-ago quarter", "the 1988 period"."""

from __future__ import annotations

import re

from timeline.timevalue import GRANULARITIES
from timeline.timex import arith
from timeline.timex.context import Context, Result, anchor_date, dct_result, text_anchor
from timeline.timex.lexicon import UNITS, number
from timeline.vocabulary import time as words
from timeline.vocabulary.time import alternation

# "more than two years ago" is before the day two years back; "up to" gives no point.
_APPROX = {
    word: words.OFFSET_MODS[mod]
    for word, mod in words.DURATION_MODIFIERS.items()
    if mod in words.OFFSET_MODS
}


_DAY_STORY = 6  # sentences back a day may be taken up by "a day earlier", "two days later"


def offset(text: str, ctx: Context) -> Result | None:
    """ "two years ago", "a day earlier", "three months later", "weeks later", "in 25 years"."""
    m = re.fullmatch(
        rf"(?:(?P<mod>{alternation(_APPROX)}) )?"
        r"(?:(?P<n>.+?)[- ])?(?P<unit>[a-z]+)(?: or (?:so|two|more|.+))?"
        r" (?P<dir>ago|earlier|later|previously|hence|from now|back|before|after)",
        text,
    )
    if not m or (unit := UNITS.get(m["unit"])) is None:
        return None
    mod = _APPROX.get(m["mod"] or "")
    backwards = m["dir"] in ("ago", "earlier", "previously", "back", "before")
    n = number(m["n"]) if m["n"] else None
    if n is None or n != int(n) or unit in ("hour", "minute", "second"):
        # "weeks later" than a month the text named: that year, week unknown
        anchor = text_anchor(ctx, "year_of") if unit in ("day", "week", "month") else None
        if anchor is not None and m["dir"] in ("earlier", "later"):
            value = f"{anchor.start.year:04d}" + arith.unknown(unit)[4:]
            return Result("DATE", value, mod, anchor.value, "text", False, "offset")
        ref = "PAST_REF" if backwards else "FUTURE_REF"
        return Result("DATE", ref, mod, resolved=False, rule="offset")
    n = int(n)
    gran = {"weekend": "week", "fortnight": "week", "decade": "year", "century": "year"}.get(
        unit, unit
    )
    steps = n * (10 if unit == "decade" else 100 if unit == "century" else 1)
    shift_unit = {"decade": "year", "century": "year", "weekend": "week"}.get(unit, unit)
    quarter = text_anchor(ctx, "quarter", window=5) if unit == "year" and backwards else None
    if quarter is not None and steps == 1:
        found = (quarter.start, quarter.granularity, quarter.value, "text")
    elif m["dir"] in ("earlier", "later", "before", "after"):
        # "a day earlier" counts from the day the story has been telling, which may be a few
        # sentences back; a longer shift only from a date just given
        found = anchor_date(ctx, gran, window=_DAY_STORY if gran == "day" else 2)
    else:
        found = (ctx.dct, "day", ctx.dct.isoformat(), "dct") if ctx.dct else None
    if found is None:
        return Result("DATE", arith.unknown(gran), mod, resolved=False, rule="offset")
    day, anchor_gran, anchor, source = found
    # Keep the anchor's own granularity when it is finer than the unit ("a year earlier" than
    # the third quarter is a quarter), else the unit's.
    if (
        source == "text"
        and anchor_gran in GRANULARITIES
        and gran in GRANULARITIES
        and (GRANULARITIES.index(anchor_gran) > GRANULARITIES.index(gran))
    ):
        gran = anchor_gran
    moved = arith.shift(day, shift_unit, -steps if backwards else steps)
    return Result("DATE", arith.fmt(moved, gran), mod, anchor, source, rule="offset")


def year_ago_adjective(text: str, ctx: Context) -> Result | None:
    """ "year-earlier", "the year-ago period": the period a year before the one just reported."""
    m = re.fullmatch(
        r"(?:the )?(year|month|quarter)[- ](?:ago|earlier)(?: (period|quarter|month"
        r"|levels?))?",
        text,
    )
    if not m:
        return None
    unit, noun = m[1], m[2]
    # "the year-ago quarter" is a quarter; a bare "year-ago" has the reported period's size.
    wanted = "quarter" if noun in ("period", "quarter") else "month" if noun == "month" else None
    recent = [a for a in ctx.anchors if ctx.sentence - a.sentence <= 6]
    if wanted == "quarter" and any(a.granularity == "quarter" for a in recent):
        # "the year-earlier quarter" compares with the quarter reported, not with "next year"
        recent = [a for a in recent if a.granularity == "quarter"]
    for anchor in reversed(recent):
        if anchor.granularity not in ("quarter", "half", "month", "year", "day"):
            continue
        start = anchor.start
        if ctx.dct is None or start.year >= ctx.dct.year:
            start = arith.shift(start, unit, -1)  # an earlier year is already the year-ago one
        gran = wanted or ("quarter" if anchor.granularity == "day" else anchor.granularity)
        if gran == "quarter" and anchor.granularity in ("year", "half"):
            gran = anchor.granularity
        return Result(
            "DATE",
            arith.fmt(start, gran),
            anchor=anchor.value,
            anchor_from="text",
            rule="year_ago_adjective",
        )
    return dct_result(
        ctx,
        "DATE",
        lambda d: arith.fmt(arith.shift(d, unit, -1), unit),
        arith.unknown(unit),
        "year_ago_adjective",
    )


def the_quarter(text: str, ctx: Context) -> Result | None:
    """ "the quarter", "the latest quarter", "this quarter", "the year-ago quarter"."""
    if re.fullmatch(
        r"the (?:year-ago|year-earlier|comparable|corresponding) (?:quarter|period)", text
    ):
        return year_ago_adjective(
            text.replace("comparable", "year-ago").replace("corresponding", "year-ago"), ctx
        )
    m = re.fullmatch(
        r"(the|this|that|last|next|the latest|the current|the same|the fiscal"
        r"|the previous) (?:quarter|period)",
        text,
    )
    if not m:
        return None
    which = m[1]
    if which in ("the", "that", "the same", "the fiscal"):
        for anchor in reversed(ctx.anchors):
            if anchor.granularity == "quarter" and ctx.sentence - anchor.sentence <= 6:
                return Result(
                    "DATE",
                    anchor.value,
                    anchor=anchor.value,
                    anchor_from="text",
                    rule="the_quarter",
                )
    offset = {"this": 0, "the current": 0, "next": 1}.get(which, -1)
    return dct_result(
        ctx,
        "DATE",
        lambda d: arith.fmt(arith.shift(d, "quarter", offset), "quarter"),
        "XXXX-QX",
        "the_quarter",
    )


def year_period(text: str, ctx: Context) -> Result | None:
    """ "the 1988 period": that year's share of the quarter the report is about."""
    m = re.fullmatch(r"the (\d{4}) (?:period|quarter)", text)
    if not m:
        return None
    quarter = text_anchor(ctx, "quarter", window=6)
    if quarter is None or quarter.granularity != "quarter":
        return Result("DATE", m[1], rule="year_period")
    return Result(
        "DATE",
        f"{m[1]}{quarter.value[4:]}",
        anchor=quarter.value,
        anchor_from="text",
        rule="year_period",
    )

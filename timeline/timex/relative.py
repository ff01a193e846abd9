"""Strategies for dates relative to the reference date or to a date the text just mentioned."""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.timex import arith
from timeline.timex.context import (
    Context,
    Result,
    anchor_date,
    dct_result,
    direction,
    text_anchor,
)
from timeline.timex.lexicon import NAMED_DAY, PARTS_OF_DAY, WEEKDAYS
from timeline.timex.tense import FUTURE, PAST
from timeline.vocabulary import time as words
from timeline.vocabulary.time import alternation

# Words before a bare weekday that point forward whatever the tense: "as early as Tuesday".
_AHEAD_CUE = alternation([*words.AHEAD_CUES, *words.WEEKDAY_AHEAD_CUES]) + " $"
_AWAIT_CUE = re.compile(r"\b" + alternation(words.AWAIT_CUES) + " $")
_BACK = words.BACK_WORDS
_AHEAD = words.AHEAD_WORDS
_THIS = words.THIS_WORDS
_PART = alternation(p for p in words.PARTS_OF_DAY if p not in words.CLOCK_WORDS)
_WEEKDAY = alternation(words.WEEKDAYS)


def deictic(text: str, ctx: Context) -> Result | None:
    """ "today", "yesterday", "tomorrow", "tonight", "yesterday morning"."""
    m = re.fullmatch(
        r"(the day before yesterday|the day after tomorrow|yesterday|today|tomorrow"
        rf"|tonight)(?: ({_PART}))?",
        text,
    )
    if not m:
        return None
    days = {
        **words.DEICTIC_DAYS,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[m[1]]
    part = PARTS_OF_DAY.get(m[2] or ("night" if m[1] == "tonight" else ""), "")
    suffix = f"T{part}" if part else ""
    type_ = "TIME" if part else "DATE"
    if m[1] == "today" and not part and ctx.nowadays:
        # "young people today", "today is not a time for war": the present, not a day (TimeML
        # guidelines: "today" meaning "nowadays" is PRESENT_REF)
        return Result("DATE", "PRESENT_REF", resolved=False, rule="deictic")
    if ctx.quoted and (said := text_anchor(ctx, "day", window=0)) is not None:
        # A quotation's "today" is the day the words were said when the sentence names it
        # ("Putin said on Tuesday: 'Today we...'"); deixis in reported speech is the speaker's.
        day = date.fromisoformat(said.value) + timedelta(days=days)
        return Result(type_, day.isoformat() + suffix, None, said.value, "text", rule="deictic")
    return dct_result(
        ctx,
        type_,
        lambda d: (d + timedelta(days=days)).isoformat() + suffix,
        "XXXX-XX-XX" + suffix,
        "deictic",
    )


def part_of_day(text: str, ctx: Context) -> Result | None:
    """ "this morning", "last night", "that evening", "the next morning"."""
    m = re.fullmatch(
        r"(this|last|that|yesterday|tomorrow|the next|the following|the previous"
        rf"|the same) ({_PART})",
        text,
    )
    if not m:
        return None
    part = PARTS_OF_DAY[m[2]]
    if m[1] in ("that", "the next", "the following", "the previous", "the same"):
        found = anchor_date(ctx, "day")
        if found is None:
            return Result("TIME", f"XXXX-XX-XXT{part}", resolved=False, rule="part_of_day")
        day, _, anchor, source = found
        days = {"the next": 1, "the following": 1, "the previous": -1}.get(m[1], 0)
        return Result(
            "TIME",
            f"{(day + timedelta(days=days)).isoformat()}T{part}",
            anchor=anchor,
            anchor_from=source,
            rule="part_of_day",
        )
    days = (
        -1
        if m[1] == "yesterday" or (m[1] == "last" and part == "NI")
        else (1 if m[1] == "tomorrow" else 0)
    )
    return dct_result(
        ctx,
        "TIME",
        lambda d: f"{(d + timedelta(days=days)).isoformat()}T{part}",
        f"XXXX-XX-XXT{part}",
        "part_of_day",
    )


def part_of_named_day(text: str, ctx: Context) -> Result | None:
    """ "mid-afternoon yesterday", "late morning", "the morning" of a day the text just named."""
    m = re.fullmatch(
        r"(?:(?P<mod>early|mid|late)[- ]?|the )(?P<part>morning|afternoon|evening)"
        r"(?: (?P<day>yesterday|today|tomorrow))?",
        text,
    )
    if not m:
        return None
    part = PARTS_OF_DAY[m["part"]]
    mod = {"early": "START", "mid": "MID", "late": "END"}.get(m["mod"] or "")
    if m["day"]:
        day = deictic(m["day"], ctx)
        if day is None:
            return None
        return Result(
            "TIME",
            f"{day.value}T{part}",
            mod,
            day.anchor,
            day.anchor_from,
            day.resolved,
            "part_of_named_day",
        )
    if re.match(r"\s*of\b", ctx.after):
        return None  # "the morning of March 3": the day comes after, and is not read here
    anchor = text_anchor(ctx, "day", window=1)
    if anchor is not None and anchor.granularity == "day":
        return Result(
            "TIME", f"{anchor.value}T{part}", mod, anchor.value, "text", rule="part_of_named_day"
        )
    if m["mod"] is None:
        return None  # "the morning" with no day in sight is too often no time at all
    return dct_result(
        ctx,
        "TIME",
        lambda d: f"{d.isoformat()}T{part}",
        f"XXXX-XX-XXT{part}",
        "part_of_named_day",
        mod,
    )


def day_beside(text: str, ctx: Context) -> Result | None:
    """ "the day before last Tuesday", "the day after March 3": one day from a named day."""
    from timeline.timex.absolute import day_month_year

    m = re.fullmatch(r"the day (before|after) (.+)", text)
    if not m:
        return None
    inner = weekday(m[2], ctx) or day_month_year(m[2], ctx)
    if inner is None:
        return None
    try:
        moved = date.fromisoformat(inner.value) + timedelta(days=-1 if m[1] == "before" else 1)
    except (ValueError, OverflowError):  # a weekday with no reference date, or year 1 / 9999
        return Result("DATE", "XXXX-XX-XX", resolved=False, rule="day_beside")
    return Result(
        "DATE", moved.isoformat(), anchor=inner.value, anchor_from="text", rule="day_beside"
    )


def weekday(text: str, ctx: Context) -> Result | None:
    """ "Thursday" by tense, "last Friday", "next Monday", "Wednesday night"."""
    m = re.fullmatch(
        r"(?:(?P<rel>(?:the )?(?:last|next|past|coming|previous|following|same)|this"
        rf"|that) )?(?P<wd>{_WEEKDAY})"
        rf"(?: (?P<part>{_PART}|nights))?",
        text,
    )
    if not m:
        return None
    wd = WEEKDAYS[m["wd"]]
    part = PARTS_OF_DAY.get((m["part"] or "").rstrip("s"), "")
    suffix = f"T{part}" if part else ""
    shared = re.match(
        rf"\s*(?:,|and|or)\s+(?:{_WEEKDAY})\s+(morning|afternoon|evening|night)s\b",
        ctx.after,
    )
    if shared and not m["part"] and not m["rel"]:
        # "on Monday and Tuesday nights": the plural part of the day belongs to both
        return Result("SET", f"XXXX-WXX-{wd + 1}T{PARTS_OF_DAY[shared[1]]}", rule="weekday")
    if m["part"] == "nights":
        return Result("SET", f"XXXX-WXX-{wd + 1}{suffix}", rule="weekday")
    suffix = ""
    if ctx.dct is None:
        return Result("DATE", f"XXXX-WXX-{wd + 1}" + suffix, resolved=False, rule="weekday")
    rel = (m["rel"] or "").removeprefix("the ")
    dct = ctx.dct
    numbered = _DAY_NUMBER.match(ctx.after) if not rel else None
    if numbered and (day := _numbered_weekday(dct, wd, int(numbered[1]))) is not None:
        # a listing's "Monday 12 to Friday 16 April": the Monday that is the 12th
        return Result(
            "DATE", day.isoformat(), anchor=dct.isoformat(), anchor_from="dct", rule="weekday"
        )
    focus = text_anchor(ctx, "day") if rel in ("previous", "following") else None
    if focus is not None and focus.granularity == "day":
        # "the previous Friday", "the following Monday" are anaphoric: counted from the day
        # the text is telling, where "last" and "next" count from the day of writing (TIDES
        # 2005 guidelines, 5.2: "previous"/"following" take the temporal focus as reference)
        way = -1 if rel == "previous" else 1
        day = arith.nearest_weekday(focus.start + timedelta(days=way), wd, way)
        return Result(
            "DATE", day.isoformat(), anchor=focus.value, anchor_from="text", rule="weekday"
        )
    if rel in ("last", "past", "previous"):
        day = arith.nearest_weekday(dct - timedelta(days=1), wd, -1)
    elif rel in ("next", "coming", "following"):
        day = arith.nearest_weekday(dct + timedelta(days=1), wd, 1)
    elif not rel and re.match(r"['’]s\b", ctx.after):
        # "Wednesday's ruling" names an event already reported, whatever the clause's tense;
        # "ahead of Sunday's vote", "Sunday's vote will decide" one still to come
        ahead = ctx.future_aux or _AWAIT_CUE.search(ctx.before)
        way = 1 if ahead else -1
        day = arith.nearest_weekday(dct, wd, way)
    elif (
        not rel and ctx.tense != FUTURE and not ctx.pluperfect and re.search(_AHEAD_CUE, ctx.before)
    ):
        day = arith.nearest_weekday(dct, wd, 1)  # "as soon as Tuesday", "until Monday"
    elif not rel and ctx.planned and not ctx.pluperfect:
        # "planned a demonstration on Saturday", "a service planned for Saturday was
        # cancelled": the plan's day is the weekday nearest the report, either side of it
        day = arith.nearest_weekday(dct, wd, 0)
    elif rel in ("that", "same") and (anchor := text_anchor(ctx, "day")) is not None:
        day = arith.nearest_weekday(anchor.start, wd, 0)
        return Result(
            "DATE",
            day.isoformat() + suffix,
            anchor=anchor.value,
            anchor_from="text",
            rule="weekday",
        )
    else:
        way = direction(ctx)
        day = arith.nearest_weekday(dct, wd, -1 if ctx.tense is None else way)
        if ctx.tense == PAST and (dct - day).days == 6 and _early_hours(ctx, m["part"]):
            # "fire thundered above Tripoli early Sunday", "flights landed Monday morning" in
            # a report dated the day before: the first hours of the next day where the news is,
            # a time zone ahead of the publisher's date (or a live page updated past it); a
            # week-old happening is not told by its early hours.
            day += timedelta(days=7)
    return Result(
        "DATE", day.isoformat() + suffix, anchor=dct.isoformat(), anchor_from="dct", rule="weekday"
    )


def _early_hours(ctx: Context, part: str | None) -> bool:
    """ "early Sunday", "early on Sunday", "before dawn Sunday", "Sunday morning"."""
    return ctx.modifier in words.EARLY_HOURS or part == "morning" or bool(_EARLY.search(ctx.before))


_EARLY = re.compile(rf"\b{alternation(words.EARLY_HOURS)}\s+(?:on\s+)?$")


# "Monday 12 to Friday 16 April", "Monday 12, Tuesday 13": a date number, not "Monday 3 times"
_DAY_NUMBER = re.compile(
    r"\s+([0-3]?\d)(?:st|nd|rd|th)?(?=\s*(?:to\b|and\b|[-–—,;:)]|\.?$|\.\s)"
    rf"|\s+(?:of\s+)?{alternation(words.month_words())})"
)


def _numbered_weekday(dct: date, weekday: int, number: int) -> date | None:
    """The day within three weeks of the reference day that is that weekday and that date."""
    for shift in sorted(range(-21, 22), key=abs):
        day = dct + timedelta(days=shift)
        if day.weekday() == weekday and day.day == number:
            return day
    return None


_UNIT_GRANULARITY = {
    "day": "day",
    "week": "week",
    "weekend": "weekend",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "fiscal year": "year",
    "calendar year": "year",
    "school year": "year",
    "fortnight": "week",
    "full year": "year",
}


# What follows "the last day" when it counts back from a happening, not from the day of
# writing: "in the last day or two before Jackson's death" (a date there is read apart).
_BEFORE_HAPPENING = re.compile(
    rf"\s*(?:or (?:two|so)\s+)?(?:before|after|preceding|following)\s+"
    rf"(?!\d|(?:{NAMED_DAY}|last|next|this|that)\b)",
    re.IGNORECASE,
)


def relative_unit(text: str, ctx: Context) -> Result | None:
    """ "last week", "this year", "next month", "the past year", "the previous day", "that year"."""
    m = re.fullmatch(
        r"(?P<rel>(?:the )?(?:past|last|next|coming|previous|following|current|same"
        r"|latest|prior|present|preceding)|this|that|the)"
        r" (?P<unit>day|week|weekend|month|quarter|year|decade|century|fiscal year"
        r"|calendar year|school year|fortnight|full year)",
        text,
    )
    if not m:
        return None
    rel, unit = m["rel"].removeprefix("the ") if m["rel"] != "the" else "the", m["unit"]
    gran = _UNIT_GRANULARITY[unit]
    if (
        text.startswith("the ")  # not "met last week after holding talks"
        and rel in ("past", "last", "next", "coming")
        and _BEFORE_HAPPENING.match(ctx.after)
    ):
        # TimeML: its anchor is that happening, whose day the text does not give here
        return Result("DATE", arith.unknown(gran), resolved=False, rule="relative_unit")
    shift_unit = "week" if unit in ("weekend", "fortnight") else unit.split()[-1]
    if rel == "the":
        if unit in ("day", "month", "decade", "century", "fortnight", "school year"):
            return None  # "the day", "the month": too often not a time at all
        if unit in ("year", "fiscal year", "full year") and re.match(r"\s*(?:end|to\b)", ctx.after):
            return Result("DURATION", "P1Y", rule="relative_unit")  # "the year ended June 30"
        if unit == "week" and ctx.dct is not None:
            # "for the week", "the week's most active session": TimeBank knows the year only
            return Result(
                "DATE",
                f"{ctx.dct.year:04d}-WXX",
                anchor=ctx.dct.isoformat(),
                anchor_from="dct",
                resolved=False,
                rule="relative_unit",
            )
        rel = "this"  # "for the year", "the full year": the year being reported
    if rel in ("that", "same", "previous", "following", "preceding", "prior") or (
        rel == "next" and unit == "day"
    ):
        offset = (
            -1
            if rel in ("previous", "preceding", "prior")
            else 1
            if rel in ("following", "next")
            else 0
        )
        # "the following year" counts from any date the text just gave, "May 22, 1995" too
        anchor = text_anchor(ctx, "year_of" if shift_unit == "year" else shift_unit, window=4)
        if anchor is not None:
            day = arith.shift(anchor.start, shift_unit, offset)
            return Result(
                "DATE",
                arith.fmt(day, gran),
                anchor=anchor.value,
                anchor_from="text",
                resolved=True,
                rule="relative_unit",
            )
        if rel in ("that", "same"):
            return Result("DATE", arith.unknown(gran), resolved=False, rule="relative_unit")
    else:
        offset = (
            -1
            if rel in _BACK or rel == "latest" and unit != "quarter"
            else 1
            if (rel in _AHEAD)
            else 0
        )
    if rel == "latest" and unit == "quarter":
        offset = -1
    if unit == "weekend" and offset == 0 and ctx.dct is not None:
        # "the weekend" just past in a report, the coming one in a plan
        way = direction(ctx)
        if way < 0 and ctx.dct.weekday() < 5:
            offset = -1
    return dct_result(
        ctx,
        "DATE",
        lambda d: arith.fmt(arith.shift(d, shift_unit, offset), gran),
        arith.unknown(gran),
        "relative_unit",
    )


def earlier_this(text: str, ctx: Context) -> Result | None:
    """ "earlier this year" -> this year, "late last year" -> last year (mod END)."""
    m = re.fullmatch(
        r"(earlier|later|early|late) (this|that|last|next) (day|week|month|quarter"
        rf"|year|decade|{alternation(words.SEASONS)})",
        text,
    )
    if not m:
        return None
    mod = {"early": "START", "late": "END"}.get(m[1])
    inner = relative_unit(f"{m[2]} {m[3]}", ctx) if m[3] in _UNIT_GRANULARITY else None
    if inner is None:
        from timeline.timex.absolute import season

        inner = season(f"{m[2]} {m[3]}", ctx)
    if inner is None:
        return None
    return Result(
        inner.type,
        inner.value,
        mod,
        inner.anchor,
        inner.anchor_from,
        inner.resolved,
        "earlier_this",
    )


def year_end(text: str, ctx: Context) -> Result | None:
    """ "year-end", "by year's end", "the end of the year": the reference year, mod END."""
    m = re.fullmatch(r"(around )?(?:the )?(?:year[- ]end|year's end|end of the year)", text)
    if not m:
        return None
    mod = "APPROX" if m[1] else "END"
    return dct_result(ctx, "DATE", lambda d: f"{d.year:04d}", "XXXX", "year_end", mod)

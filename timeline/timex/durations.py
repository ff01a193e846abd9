"""Strategies for durations ("three months"), sets ("every year") and clock times ("10 a.m.")."""

from __future__ import annotations

import re

from timeline.timex.context import Context, Result, dct_result, text_anchor
from timeline.timex.lexicon import (
    NAMED_DAY,
    UNIT_CODES,
    UNITS,
    VAGUE,
    WEEKDAYS,
    month_number,
    number,
)
from timeline.vocabulary import time as words
from timeline.vocabulary.time import alternation, meridiem_pattern

_DURATION_MODS = words.DURATION_MODIFIERS


def _amount(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


# The next smaller TIMEX3 unit and how many of it make one: a fraction is written in it.
_SMALLER = {"Y": (12, "M"), "W": (7, "D"), "TH": (60, "M"), "TM": (60, "S")}


def duration_value(n: float | None, unit: str) -> str:
    """P3M, PT2H, PXY, P1.5Y, P2DE from a number (None when vague) and a unit."""
    code = UNIT_CODES[unit]
    time = code.startswith("T")
    letter = code.lstrip("TX")
    if unit == "weekend":
        n, letter = (None if n is None else n * 2), "D"
    if unit == "fortnight":
        n = None if n is None else n * 2
    if unit in ("decade", "century"):
        n, letter = (None if n is None else n * (10 if unit == "decade" else 100)), "Y"
    if unit == "quarter":
        n, letter = (None if n is None else n * 3), "M"  # TIMEX3 has no quarter duration unit
    amount = "X" if n is None else _amount(n)
    smaller = _SMALLER.get(("T" if time else "") + letter)
    if n is not None and n != int(n) and smaller:
        # "2 1/2 years" is P2Y6M and "5 1/2 hours" PT5H30M: TIMEX3 takes no fractions
        factor, small = smaller
        rest = (n - int(n)) * factor
        if rest == int(rest):
            whole = f"{int(n)}{letter}" if int(n) else ""
            return f"P{'T' if time else ''}{whole}{int(rest)}{small}"
    return f"P{'T' if time else ''}{amount}{letter}"


def duration(text: str, ctx: Context) -> Result | None:
    """ "three months", "the past eight years", "more than four hours", "several years"."""
    mods = "|".join(sorted(_DURATION_MODS, key=len, reverse=True))
    # "an additional year": the article is the quantity
    text = re.sub(r"^(an?) (?:additional|extra|further|more) ", r"\1 ", text)
    m = re.fullmatch(
        rf"(?:(?P<mod>{mods}) )?(?:(?:the|its|their|his|her|our|an?) )?"
        r"(?:(?:past|last|next|first|coming|previous|following|final|remaining"
        r"|initial|latest|recent|same|entire|full|whole|ensuing|preceding|subsequent"
        r"|better part of the) )?(?P<n>.+?)(?: to (?P<n2>.+?))? (?:(?:more|additional"
        r"|full|straight|consecutive|long|short|extra|further|trading|business) )?"
        r"(?P<unit>[a-z]+)"
        r"(?P<half> and an? half)?(?: or so| or two| or more| or longer)?",
        text,
    )
    if not m or (unit := UNITS.get(m["unit"])) is None:
        return None
    n = number(m["n"])
    if n is None and m["n"] not in VAGUE:
        return None
    if m["n2"] is not None:
        n = None
    if n is not None and m["half"]:
        n += 0.5
    if n is not None and unit == "second" and m["n"] in ("a", "an", "one"):
        return None  # "a second" is more often an ordinal than a duration
    return Result(
        "DURATION", duration_value(n, unit), _DURATION_MODS.get(m["mod"] or ""), rule="duration"
    )


def duration_adjective(text: str, ctx: Context) -> Result | None:
    """ "two-year", "30-year", "8-month-old", "one-day", "day-long", "decades-long"."""
    if long := re.fullmatch(r"([a-z]+)-long", text):  # "a day-long meeting", "decades-long"
        unit = UNITS.get(long[1])
        if unit is None:
            return None
        n = None if long[1] != unit else 1
        return Result(
            "DURATION", duration_value(n, unit), resolved=n is not None, rule="duration_adjective"
        )
    m = re.fullmatch(
        r"(?P<n>.+?)[- ]?-?(?P<unit>second|minute|hour|day|week|month|quarter|year"
        r"|decade|century)(?:-(?:old|long))?",
        text,
    )
    if not m:
        return None
    vague = m["n"] in ("several", "multi")
    n = None if vague else 0.5 if m["n"] == "half" else number(m["n"])
    if n is None and not vague:
        return None
    return Result("DURATION", duration_value(n, m["unit"]), rule="duration_adjective")


def bare_units(text: str, ctx: Context) -> Result | None:
    """ "years" in "for years" -> PXY."""
    unit = UNITS.get(text)
    if unit is None or text == unit:
        return None
    return Result("DURATION", duration_value(None, unit), rule="bare_units")


_SET_WORDS = words.SET_WORDS


def set_expression(text: str, ctx: Context) -> Result | None:
    """ "daily", "each year", "every two weeks", "every Monday", "each July"."""
    if text in _SET_WORDS:
        return Result("SET", _SET_WORDS[text], rule="set_expression")
    m = re.fullmatch(r"(?:every|each|per|an?) (?:other )?(?:(?P<n>.+?) )?(?P<what>[a-z.]+)", text)
    if not m:
        return None
    what = m["what"]
    if what in WEEKDAYS:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[what] + 1}", rule="set_expression")
    if (month := month_number(what)) is not None and m["n"] is None:
        return Result("SET", f"XXXX-{month:02d}", rule="set_expression")
    if what in words.PARTS_OF_DAY and what != "overnight":
        return Result("SET", "P1D", rule="set_expression")
    if what in words.SEASONS:
        return Result("SET", "P1Y", rule="set_expression")
    unit = UNITS.get(what)
    if unit is None:
        return None
    n = 1.0 if m["n"] is None else number(m["n"])
    if "other" in text.split():
        n = None if n is None else n * 2
    return Result("SET", duration_value(n, unit), rule="set_expression")


def weekdays_plural(text: str, ctx: Context) -> Result | None:
    """ "Mondays" -> every Monday."""
    day = WEEKDAYS.get(text.removesuffix("s"))
    if day is None or not text.endswith("s"):
        return None
    return Result("SET", f"XXXX-WXX-{day + 1}", rule="weekdays_plural")


# A weekday just after a clock time, past a parenthesis or "on": "at 10:35 a.m. (0735 GMT)
# Friday", "at 4 in the morning (4 a.m. EDT Thursday)", "at 7:30 a.m. on Tuesday".
_LATER_DAY = re.compile(
    r"(?:\s*\((?:[^)]{1,20}\)\s*,?\s*(?:on\s+)?|[^)]{0,24}?)|,?\s+(?:on\s+)?)"
    + "("
    + alternation(words.WEEKDAYS)
    + r")\b"
)
# The day of a clock time named by what happened on it: "at 1.30 am on the morning of his
# death". Its day is that happening's, not the day of writing (a date there is read apart).
_EVENT_DAY = re.compile(
    r"\s*(?:on|in|during)\s+the\s+"
    + alternation([*words.PARTS_OF_DAY, "day", "eve"])
    + rf"\s+of\s+(?!the\s+\d|\d|(?:{NAMED_DAY})\b)",
    re.IGNORECASE,
)
_CLOCK_MOD = alternation(words.CLOCK_MODIFIERS)
_CLOCK_WORD = alternation(words.CLOCK_WORDS)
_ZONE = alternation([*words.ZONES, *words.ZONE_PHRASES])
_MERIDIEM = meridiem_pattern(strict=False)


def clock_time(text: str, ctx: Context) -> Result | None:
    """ "10 a.m.", "around 7:15 p.m.", "noon Saturday", "5 p.m. EST Nov. 9"."""
    from timeline.timex.absolute import day_month_year
    from timeline.timex.relative import deictic, weekday

    m = re.fullmatch(
        rf"(?:(?P<mod>{_CLOCK_MOD}) )?(?P<clock>\d{{1,2}}(?:[:.]\d\d)?\s*(?:{_MERIDIEM}"
        r"|(?:o'clock )?in the (?:morning|afternoon|evening)"
        rf"|(?:o'clock )?at night)?|{_CLOCK_WORD})(?: {_ZONE})?(?:,? (?P<day>.+))?",
        text,
    )
    if not m:
        return None
    from timeline.timex.absolute import _clock

    clock = _clock(m["clock"])
    if clock is None:
        return None
    mod = words.CLOCK_MODIFIERS.get(m["mod"] or "")
    day = None
    if m["day"]:
        day = deictic(m["day"], ctx) or weekday(m["day"], ctx) or day_month_year(m["day"], ctx)
        if day is None:
            return None
    elif _EVENT_DAY.match(ctx.after):
        return Result("TIME", f"XXXX-XX-XXT{clock}", mod, resolved=False, rule="clock_time")
    elif later := _LATER_DAY.match(ctx.after):
        day = weekday(later[1], ctx)  # "at 10:35 a.m. (0735 GMT) Friday"
    elif (anchor := text_anchor(ctx, "day", window=1)) is not None and (
        anchor.granularity == "day"
    ):
        # "was shot at 10 p.m.": the day the text has just named, not the day of writing
        return Result(
            "TIME", f"{anchor.value}T{clock}", mod, anchor.value, "text", rule="clock_time"
        )
    if day is not None:
        return Result(
            "TIME",
            f"{day.value}T{clock}",
            mod,
            day.anchor,
            day.anchor_from,
            day.resolved,
            "clock_time",
        )
    return dct_result(
        ctx, "TIME", lambda d: f"{d.isoformat()}T{clock}", f"XXXX-XX-XXT{clock}", "clock_time", mod
    )

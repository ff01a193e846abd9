"""What the normalisation strategies share: the context they read and the result they give."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from timeline.timex import arith
from timeline.timex.tense import FUTURE, PAST
from timeline.vocabulary import time as words
from timeline.vocabulary.time import alternation


@dataclass(frozen=True)
class Anchor:
    """A resolved date the text mentioned, which later expressions may count from."""

    value: str
    start: date
    granularity: str
    sentence: int


@dataclass(frozen=True)
class Context:
    """What a strategy may look at besides the words themselves."""

    dct: date | None
    tense: str | None = None
    anchors: tuple[Anchor, ...] = ()  # resolved dates mentioned before, most recent last
    sentence: int = 0
    before: str = ""  # the text just before the expression, lower case
    after: str = ""  # the text just after the expression, lower case
    modifier: str = ""  # the words that modify it, split off ("early" in "early Sunday")
    pluperfect: bool = False  # the clause is in the past perfect ("had filed")
    present_perfect: bool = False  # the clause is in the present perfect ("has announced")
    planned: bool = False  # the expression dates what a planning verb set up ("planned for")
    announced: bool = False  # it follows the object of "announced" ("a concert on 8 October")
    nominal: bool = False  # it premodifies a noun ("the 8 October gig"): tenseless
    future_aux: bool = False  # the clause's verb has "will", "shall" or "would" of its own
    quoted: bool = False  # the expression sits inside a quotation
    nowadays: bool = False  # "today" in the sense of "nowadays" ("young people today")


@dataclass(frozen=True)
class Result:
    """A TIMEX3 normalisation and where it came from."""

    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    anchor_from: str | None = None
    resolved: bool = True
    rule: str = ""


M = rf"(?P<month>{alternation(words.MONTHS)}|{alternation(words.MONTH_ABBREVIATIONS)}\.?)"
D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
Y = r"(?P<year>\d{4})"
WD = rf"(?P<weekday>{alternation(words.WEEKDAYS)})"
PART = rf"(?P<part>{alternation(p for p in words.PARTS_OF_DAY if p not in words.CLOCK_WORDS)})"
REL = rf"(?P<rel>(?:the )?{alternation(words.RELATIVE_WORDS)}|this|that|last|next)"


def _mods(kind: dict[str, str], mod: str) -> str:
    return alternation(w for w, m in kind.items() if m == mod)


_MOD_PREFIXES = (
    (
        rf"(?:the )?(?:very )?{_mods(words.POINT_MODIFIERS, 'START')}[- ]"
        rf"|(?:the |at the )?{_mods(words.PERIOD_PARTS, 'START')} of (?:the )?",
        "START",
    ),
    (r"(?:the )?middle(?: of)?[- ](?:the )?|(?:the )?mid[- ]?", "MID"),
    (
        rf"(?:the )?(?:very )?{_mods(words.POINT_MODIFIERS, 'END')}[- ]"
        rf"|(?:the |at the )?{_mods(words.PERIOD_PARTS, 'END')} of (?:the )?",
        "END",
    ),
    (rf"{alternation(words.APPROXIMATE)} ", "APPROX"),
    (r"earlier |later ", None),
)


def split_mod(text: str) -> tuple[str | None, str]:
    """Separate a leading modifier ("early", "the end of") from the expression proper."""
    for pattern, mod in _MOD_PREFIXES:
        m = re.match(pattern, text)
        if m and m.end() < len(text):
            return mod, text[m.end() :]
    return None, text


def clean(text: str) -> str:
    """Lower case, single spaces, no trailing full stop, years read aloud as digits."""
    text = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip()
    if "nineteen" in text or "thousand" in text:
        text = re.sub(
            r"(?:(?:the )?year )?\b(nineteen[- ][a-z]+(?:[- ][a-z]+)?"
            r"|two thousand(?: (?:and )?[a-z]+)?)$"
            r"|(?:(?:the )?year )?\b(nineteen[- ][a-z]+(?:-[a-z]+)?|two thousand)\b",
            lambda m: _spelled(m[1] or m[2]) or m[0],
            text,
        )
    return text[:-1] if text.endswith(".") and not text.endswith(("a.m.", "p.m.")) else text


def _spelled(words: str) -> str | None:
    """ "nineteen ninety-six" -> "1996", "two thousand" -> "2000"; None for other numbers."""
    from timeline.timex.lexicon import number

    if words.startswith("two thousand"):
        rest = words.removeprefix("two thousand").strip().removeprefix("and ").strip()
        n = number(rest) if rest else 0
        return None if n is None or n >= 100 else f"{2000 + int(n):04d}"
    n = number(re.sub(r"^nineteen[- ]", "", words))
    return None if n is None or not 10 <= n < 100 else f"19{int(n):02d}"


def dct_result(
    ctx: Context,
    type_: str,
    value_of: Callable[[date], str],
    unknown: str,
    rule: str,
    mod: str | None = None,
) -> Result:
    """A value computed from the reference date, or an X placeholder when there is none."""
    if ctx.dct is None:
        return Result(type_, unknown, mod, resolved=False, rule=rule)
    return Result(type_, value_of(ctx.dct), mod, ctx.dct.isoformat(), "dct", rule=rule)


_AHEAD_CUE = re.compile(alternation(words.AHEAD_CUES) + " $")


def direction(ctx: Context) -> int:
    """-1 for a past clause, 1 for a future one or a date introduced as a deadline, else 0."""
    if ctx.pluperfect:
        # "had filed by Wednesday", "until Thursday they had not called": done before; "had been
        # scheduled to expire Friday": a plan made before, for a day either side of the report
        return 0 if ctx.tense == FUTURE else -1
    if _AHEAD_CUE.search(ctx.before):
        return 1
    return -1 if ctx.tense == PAST else 1 if ctx.tense == FUTURE else 0


_SINCE = re.compile(r"\b" + alternation(words.SINCE_CUES) + r"\b")


def year_of(ctx: Context, month: int, day: int | None = None) -> int | None:
    """The year of a month (and day) given without one, by tense and distance."""
    if ctx.dct is None:
        return None
    way = direction(ctx)
    if day is None:
        return arith.month_in_year(ctx.dct, month, way)
    if (
        (ctx.present_perfect or ctx.planned or ctx.announced or ctx.nominal)
        and way < 0
        and not _SINCE.search(ctx.before)
    ):
        # English puts no definite past date on a present perfect ("*has announced on 8
        # October") save after "since": such a date belongs to a noun ("a concert on 8
        # October") and may lie ahead, so the nearest one is meant (issue 13, judged entry #49);
        # so does a date of what a past plan or announcement set up ("announced a concert on"),
        # and one that premodifies a noun ("the 8 October gig was announced on Monday")
        way = 0
    options = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return ctx.dct.year
    nearest = min(options, key=lambda d: abs((d - ctx.dct).days))
    if way < 0 and (nearest - ctx.dct).days > 31:
        return max(d for d in options if d <= ctx.dct).year
    if way > 0 and (ctx.dct - nearest).days > 31:
        return min(d for d in options if d >= ctx.dct).year
    return nearest.year


# Granularities an anchor may have for a shift by each unit: a day anchor for "a day earlier",
# a quarter or finer for "a year earlier" in an earnings report.
_ANCHOR_GRANULARITIES = {
    "day": ("day",),
    "week": ("day", "week"),
    "weekend": ("day", "week"),
    "month": ("day", "month"),
    "quarter": ("quarter",),
    # "a year earlier" than a quarter or a year; than a single day it is the report's year ago
    "year": ("quarter", "half", "season", "year"),
    "year_of": ("day", "month", "quarter", "half", "season", "year"),
    "decade": ("year", "decade"),
}


def text_anchor(ctx: Context, unit: str, window: int = 2) -> Anchor | None:
    """The date mentioned just before (within `window` sentences) that a shift by `unit` uses."""
    allowed = _ANCHOR_GRANULARITIES.get(unit, ())
    for anchor in reversed(ctx.anchors):
        if ctx.sentence - anchor.sentence > window:
            return None
        if anchor.granularity in allowed:
            return anchor
    return None


def anchor_date(ctx: Context, unit: str, window: int = 2) -> tuple[date, str, str, str] | None:
    """(day, granularity, anchor value, anchor_from) to count from: the text's date or the DCT."""
    anchor = text_anchor(ctx, unit, window)
    if anchor is not None:
        return anchor.start, anchor.granularity, anchor.value, "text"
    if ctx.dct is None:
        return None
    return ctx.dct, "day", ctx.dct.isoformat(), "dct"

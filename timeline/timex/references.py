"""Strategies for times named only by their relation to now: "now", "recently", "the
future", "will one day", "recent years", "in coming weeks"."""

from __future__ import annotations

import re

from timeline.timex.context import Context, Result
from timeline.timex.lexicon import UNIT_CODES, UNITS
from timeline.vocabulary import time as words
from timeline.vocabulary.time import alternation

_REFS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "just now": "PRESENT_REF",
    "until now": "PRESENT_REF",
    "up to now": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "the moment": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the immediate future": "FUTURE_REF",
    "these days": "PRESENT_REF",
    "current": "PRESENT_REF",
    "then current": "PAST_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "an earlier date": "PAST_REF",
}


def reference(text: str, ctx: Context) -> Result | None:
    """ "now", "currently" -> PRESENT_REF; "recently", "the past" -> PAST_REF; "the future"."""
    value = _REFS.get(text)
    if value is None:
        return None
    return Result("DATE", value, resolved=False, rule="reference")


_AUXILIARY_BEFORE = (
    r"\b"
    + alternation(
        w for w in words.FUTURE_AUXILIARIES | words.MODALS | words.ABILITY_MODALS if w.isalpha()
    )
    + r"\s+$|\bto\s+$|['’]ll\s+$"
)


def some_day(text: str, ctx: Context) -> Result | None:
    """ "will one day be", "hopes to one day return": an unspecified future day, not a duration."""
    if text != "one day" or not re.search(
        _AUXILIARY_BEFORE,
        ctx.before,
    ):
        return None
    return Result("DATE", "FUTURE_REF", resolved=False, rule="some_day")


def recent_units(text: str, ctx: Context) -> Result | None:
    """ "recent years" -> PXY, "coming weeks", "the weeks ahead" -> PXW, "the past months"."""
    if m := re.fullmatch(
        r"(?:the )?(recent|coming|past|last|next|previous|following|future)"
        r" ([a-z]+)",
        text,
    ):
        which, units = m[1], m[2]
    elif m := re.fullmatch(r"(?:the )?([a-z]+) (?:ahead|to come)", text):
        which, units = "coming", m[1]  # "the weeks ahead", "the years to come"
    else:
        return None
    if UNITS.get(units) is None:
        return None
    if which in ("recent", "coming"):
        # "in recent years", "in coming weeks": TimeBank reads a stretch of unknown length
        code = UNIT_CODES[UNITS[units]]  # "XY"; "TXH" for the units of a clock
        value = ("PTX" if code.startswith("T") else "PX") + code.lstrip("TX").replace("Q", "M")
        return Result("DURATION", value, resolved=False, rule="recent_units")
    value = "FUTURE_REF" if which in ("next", "following", "future") else "PAST_REF"
    return Result("DATE", value, resolved=False, rule="recent_units")

"""The ordered chain of normalisation strategies for each shape of expression the finder knows.

Like dateparser's list of parsers: for a found expression, the strategies for its shape are
tried in order and the first `Result` wins; an expression no strategy accepts is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from timeline.timex import absolute, durations, holidays, references, relative, shifts
from timeline.timex.context import Context, Result, clean, split_mod

Strategy = Callable[[str, Context], Result | None]

_DATES: tuple[Strategy, ...] = (
    absolute.day_month_year,
    absolute.month_year,
    absolute.month_relative_year,
    absolute.month_name,
    absolute.season,
    absolute.decade,
    absolute.century,
    absolute.quarter,
    absolute.half,
    absolute.year,
    relative.deictic,
    relative.weekday,
    shifts.the_quarter,
    relative.relative_unit,
    relative.earlier_this,
)

CHAINS: dict[str, tuple[Strategy, ...]] = {
    "date_time": (absolute.day_month_year,),
    "clock": (durations.clock_time,),
    "weekday_date": (absolute.day_month_year,),
    "day_beside": (relative.day_beside,),
    "week_of": (absolute.week_of,),
    "month_day": (absolute.day_month_year,),
    "day_month": (absolute.day_month_year,),
    "month_year": (absolute.month_year,),
    "iso": (absolute.iso_date,),
    "numeric": (absolute.numeric_date,),
    "month_rel": (absolute.month_relative_year,),
    "month": (absolute.month_name,),
    "season_year": (absolute.season,),
    "season_rel": (absolute.season, relative.earlier_this),
    "the_season": (absolute.season,),
    "decade": (absolute.decade,),
    "century": (absolute.century,),
    "quarter": (absolute.quarter, shifts.year_period),
    "the_quarter": (shifts.the_quarter,),
    "half": (absolute.half,),
    "fiscal_year": (absolute.year,),
    "year": (absolute.year,),
    "spelled_year": (absolute.year,),
    "year_period": (shifts.year_period,),
    "year_end": (relative.year_end,),
    "holiday": (holidays.holiday,),
    "year_ago_adj": (shifts.year_ago_adjective,),
    "deictic": (relative.deictic,),
    "part_deictic": (relative.part_of_day,),
    "part_of_day": (relative.part_of_named_day,),
    "weekday": (relative.weekday,),
    "rel_unit": (relative.relative_unit,),
    "earlier_this": (relative.earlier_this,),
    "ago": (shifts.offset,),
    "later": (shifts.offset,),
    "anaphoric": (relative.relative_unit,),
    "ref": (references.reference,),
    "period": (shifts.the_quarter,),
    "recent_units": (references.recent_units,),
    "units_ahead": (references.recent_units,),
    "duration": (references.some_day, durations.duration),
    "duration_adj": (durations.duration_adjective,),
    "bare_units": (durations.bare_units,),
    "set": (durations.set_expression,),
    "set_rate": (durations.set_expression,),
    "set_weekdays": (durations.weekdays_plural,),
}
# Shapes whose strategies read their own leading modifiers ("about two years ago").
_OWN_MODIFIERS = frozenset(
    {
        "clock",
        "ago",
        "duration",
        "earlier_this",
        "year_ago_adj",
        "ref",
        "set",
        "set_rate",
        "anaphoric",
        "rel_unit",
        "the_quarter",
        "year_end",
        "part_of_day",
    }
)


def normalise(text: str, shape: str, ctx: Context) -> Result | None:
    """The TIMEX3 normalisation of an expression the finder called `shape`, or None."""
    words = clean(text)
    mod, core = (None, words) if shape in _OWN_MODIFIERS else split_mod(words)
    if core != words:
        ctx = replace(ctx, modifier=words[: len(words) - len(core)].strip())
    for strategy in CHAINS.get(shape, _DATES):
        result = strategy(core, ctx)
        if result is not None:
            if mod and result.mod is None and result.type != "DURATION":
                result = replace(result, mod=mod)
            return result
    mod, core = split_mod(words)
    if core != words:
        for strategy in _DATES:  # "the end of the month" and other modified anaphors
            if (result := strategy(core, ctx)) is not None:
                return replace(result, mod=result.mod or mod)
    return None

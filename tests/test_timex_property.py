"""Whatever the text and reference date, the tagger returns well-formed TIMEX3 expressions."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.timex import tag

# TIMEX3 values: dates and times (with X placeholders), durations, sets and the *_REF words.
TIMEX3_VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|Q))|P(?:\d+Y)?\d+M|P(?:\d+W)?\d+D"
    r"|PT(?:\d+(?:\.\d+)?|X)(?:H|M|S)|PT(?:\d+H)?\d+M|PT(?:\d+M)?\d+S"
    r"|(?:\d|X){2,4}"
    r"(?:-(?:(?:\d\d|XX)(?:-(?:\d\d|XX))?|W(?:\d\d|XX)(?:-(?:\d|WE))?|Q[1-4X]|H[12X]"
    r"|SP|SU|FA|WI))?"
    r"(?:T(?:\d\d:\d\d|MO|MI|AF|EV|NI))?)$"
)

WORDS = [
    "on",
    "Thursday",
    "Friday",
    "in",
    "February",
    "May",
    "may",
    "March",
    "last",
    "next",
    "week",
    "month",
    "year",
    "years",
    "ago",
    "earlier",
    "later",
    "a",
    "day",
    "two",
    "the",
    "past",
    "eight",
    "now",
    "recently",
    "1990",
    "2022",
    "Sept.",
    "30",
    ",",
    ".",
    "met",
    "will",
    "meet",
    "early",
    "mid-2020",
    "quarter",
    "third",
    "10",
    "a.m.",
    "each",
    "annually",
    "Sunday",
    "Times",
    "$",
    "1,000",
    "days",
    "weeks",
    "the 1990s",
    "yesterday",
    "tomorrow",
    "tonight",
    "previous",
    "following",
    "-",
    "'s",
    "Q3",
    "fiscal",
    "2/30/2022",
    "2 1/2",
    "hours",
    "nineteen ninety-six",
    "Thanksgiving",
    "year-end",
    "recent",
    "later",
    "current",
    "the day before",
    "the week of",
    "Monday's",
    "4 in the morning",
    "at",
    "mid-afternoon",
    "the morning",
    "had",
    "filed",
    "by",
    "would",
    "one day",
    "ahead",
    "decades-long",
    "Oct. 23",
    "Dec. 31",
    "Jan. 1",
    "the following year",
    "then",
]

texts = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join),
    st.text(max_size=120),
)
# The ends of the calendar on purpose: counting back from year 1 or on from 9999 must not crash.
dcts = st.one_of(
    st.none(),
    st.sampled_from([date(1, 1, 1), date(9999, 12, 31)]),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts, dct=dcts)
def test_tagger_output_is_well_formed(nlp, text, dct):
    found = tag(nlp(text), dct)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for e in found:
        assert text[e.start : e.end] == e.text, e
        assert e.type in ("DATE", "TIME", "DURATION", "SET"), e
        assert TIMEX3_VALUE.match(e.value), f"not a TIMEX3 value: {e.value!r} for {e.text!r}"
        if e.resolved:
            assert "X" not in e.value and not e.value.endswith("_REF"), e
        if dct is None and e.anchor_from == "dct":
            raise AssertionError(f"resolved against a missing reference date: {e}")

"""TIMEX3 values as days and as words: the dates readers see on every page and export."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.timevalue import describe, period


@pytest.mark.parametrize(
    ("value", "mod", "text"),
    [
        pytest.param("2022-09-15", None, "Thu 15 Sep 2022", id="day"),
        pytest.param("2022-09-15TEV", None, "Thu 15 Sep 2022, evening", id="part-of-day"),
        pytest.param("2022-02", None, "February 2022", id="month-stays-a-month"),
        pytest.param("2022-02", "START", "early February 2022", id="early-month"),
        pytest.param("2020", "MID", "mid-2020", id="mid-year"),
        pytest.param("1909", "APPROX", "about 1909", id="approximate-year"),
        pytest.param("2022-09-15", "APPROX", "Thu 15 Sep 2022", id="no-modifier-on-a-day"),
        pytest.param("2022-W37", None, "week of Mon 12 Sep 2022", id="week"),
        pytest.param("2022-Q3", None, "Q3 2022", id="quarter"),
        pytest.param("2022-SU", None, "Summer 2022", id="season"),
        pytest.param("2022-H1", None, "first half of 2022", id="half"),
        pytest.param("199", None, "1990s", id="decade"),
        pytest.param("199", "END", "late 1990s", id="late-decade"),
        pytest.param("19", None, "20th century", id="century-1900s"),
        pytest.param("20", None, "21st century", id="century-2000s"),
        pytest.param("16", None, "17th century", id="century-1600s"),
        pytest.param("XXXX-02", None, "February, year unknown", id="month-no-year"),
        pytest.param("XXXX-WXX-4", None, "a Thursday, date unknown", id="weekday-no-dct"),
        pytest.param("2022-WXX", None, "a week in 2022", id="some-week-of-a-year"),
        pytest.param("XXXX-SU", None, "Summer, year unknown", id="season-no-year"),
        pytest.param("XXXX-XX-XX", None, "date unknown (XXXX-XX-XX)", id="nothing-known"),
        pytest.param("PRESENT_REF", None, "now", id="present"),
        pytest.param("P2Y", None, "2 years", id="duration"),
    ],
)
def test_describe(value: str, mod: str | None, text: str) -> None:
    assert describe(value, mod) == text


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity"),
    [
        pytest.param("2022-02", date(2022, 2, 1), date(2022, 2, 28), "month", id="month"),
        pytest.param("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", id="leap-month"),
        pytest.param("2022-W37", date(2022, 9, 12), date(2022, 9, 18), "week", id="iso-week"),
        pytest.param("2022-WI", date(2022, 12, 1), date(2023, 2, 28), "season", id="winter"),
        pytest.param("199", date(1990, 1, 1), date(1999, 12, 31), "decade", id="decade"),
        pytest.param("19", date(1900, 1, 1), date(1999, 12, 31), "century", id="century"),
    ],
)
def test_period(value: str, start: date, end: date, granularity: str) -> None:
    span = period(value)
    assert span is not None
    assert (span.start, span.end, span.granularity) == (start, end, granularity)


@pytest.mark.parametrize("value", ["2022-02-30", "XXXX-02", "PRESENT_REF", "P2Y", "2022-13"])
def test_no_period_for_impossible_or_unresolved_values(value: str) -> None:
    assert period(value) is None


# A TIMEX3 mod of START, MID or END narrows the days a value covers to a third of it:
# "late spring" is May, not the whole spring (issue 13); a day stays the day.
@pytest.mark.parametrize(
    ("value", "mod", "first", "last"),
    [
        pytest.param("2009-SP", "END", date(2009, 5, 1), date(2009, 5, 31), id="late-spring"),
        pytest.param("2009-SP", None, date(2009, 3, 1), date(2009, 5, 31), id="spring"),
        pytest.param("2011", "START", date(2011, 1, 1), date(2011, 4, 30), id="early-year"),
        pytest.param("2011", "MID", date(2011, 5, 1), date(2011, 8, 31), id="mid-year"),
        pytest.param("2008-WI", "END", date(2009, 2, 1), date(2009, 2, 28), id="late-winter"),
        pytest.param("2022-02", "START", date(2022, 2, 1), date(2022, 2, 9), id="early-month"),
        pytest.param("2022-03", "END", date(2022, 3, 21), date(2022, 3, 31), id="late-month"),
        pytest.param("199", "END", date(1996, 1, 1), date(1999, 12, 31), id="late-decade"),
        pytest.param("2022-09-15", "END", date(2022, 9, 15), date(2022, 9, 15), id="day-stays"),
        pytest.param("2011", "APPROX", date(2011, 1, 1), date(2011, 12, 31), id="approx-whole"),
    ],
)
def test_period_narrowed_by_mod(value: str, mod: str | None, first: date, last: date) -> None:
    span = period(value, mod)
    assert span is not None and (span.start, span.end) == (first, last)
    assert span.granularity == period(value).granularity

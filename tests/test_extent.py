"""The timeline's real period: a stray far date never stretches the header or the overview."""

from __future__ import annotations

from datetime import date

from timeline.merge.extent import real_period
from timeline.records import Entry, Event, TimeExpression
from timeline.timevalue import period


def _entry(value: str, *documents: str) -> Entry:
    span = period(value)
    assert span is not None
    time = TimeExpression(0, 4, value, "DATE", value)
    events = tuple(Event(d, "x", 0, time, "x") for d in documents)
    return Entry(value, value, span.start, span.end, "x", "x", events)


def _story(days: int, sources: int) -> list[Entry]:
    """`days` days of news in 2012, each reported by `sources` articles of 30."""
    return [
        _entry(
            f"2012-{1 + n % 12:02d}-{1 + n % 28:02d}", *(f"d{(n + k) % 30}" for k in range(sources))
        )
        for n in range(days)
    ]


def test_no_entries_no_period() -> None:
    assert real_period([]) is None


def test_a_misread_year_of_one_source_does_not_stretch_the_period() -> None:
    story = _story(40, 2)
    assert real_period([*story, _entry("1130", "d3"), _entry("2042", "d4")]) == real_period(story)
    first, last = real_period([*story, _entry("1130", "d3")])
    assert (first.year, last.year) == (2012, 2012)


def test_a_far_date_many_sources_give_is_part_of_the_story() -> None:
    story = _story(40, 2)
    founded = _entry("2001", "d1", "d2", "d3")
    first, last = real_period([*story, founded])
    assert first == date(2001, 1, 1) and last.year == 2012


def test_the_period_covers_every_entry_of_a_small_even_collection() -> None:
    entries = [_entry("2022-09-15", "a", "b"), _entry("2024-07-03", "c", "d")]
    assert real_period(entries) == (date(2022, 9, 15), date(2024, 7, 3))


def test_the_site_header_overview_and_year_filter_span_the_real_period() -> None:
    from timeline.config import Config
    from timeline.records import Timeline
    from timeline.render.views import build_site

    stray = _entry("1130", "d3")
    entries = tuple(sorted([*_story(40, 2), stray], key=lambda e: (e.start, e.id)))
    site = build_site(Timeline("t", (), entries), Config(inputs=()))
    assert site.period == "2012"
    assert site.bars[0].label.endswith("2012") and site.bars[-1].label.endswith("2012")
    assert [y.year for y in site.years if y.in_period] == [2012]
    assert any(v.entry is stray for v in site.entries)  # still listed

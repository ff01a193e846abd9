"""Exports: the timeline.json contract, TimelineJS3, iCalendar and CSV."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import icalendar
import pytest
from conftest import CONFIG, sample_timeline

from timeline.render.exports import (
    build_stamp,
    timeline_csv,
    timeline_ics,
    timeline_json,
    timelinejs_json,
)
from timeline.timevalue import period

# The fields TimelineJS3 documents for its JSON format (timeline.knightlab.com/docs/json-format).
TLJS_TOP = {"events", "title", "eras", "scale"}
TLJS_SLIDE = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
TLJS_DATE = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
TLJS_TEXT = {"headline", "text"}


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(timeline_json(sample_timeline()))


def test_timeline_json_contract_keys(data: dict) -> None:
    assert {"title", "documents", "entries"} <= set(data)
    for doc in data["documents"]:
        assert {"id", "path", "title", "source", "url", "published", "published_from"} <= set(doc)
        assert doc["published_from"] in ("metadata", "text", None)
    for entry in data["entries"]:
        assert {"id", "date", "start", "end", "headline", "summary", "mentions"} <= set(entry)
        for mention in entry["mentions"]:
            assert {"document", "sentence", "time_text", "time_value", "start", "end"} <= set(
                mention
            )


def test_timeline_json_values(data: dict) -> None:
    doc = next(d for d in data["documents"] if d["id"] == "003_413b558a031f2e5a")
    assert (doc["path"], doc["published"], doc["published_from"]) == (
        "seeds/003_413b558a031f2e5a.txt",
        "2022-09-15",
        "text",
    )
    feb = next(e for e in data["entries"] if e["id"] == "2022-02-olympics-meeting-a41f")
    assert (feb["date"], feb["start"], feb["end"], feb["when"]) == (
        "2022-02",
        "2022-02-01",
        "2022-02-28",
        "February 2022",
    )
    talks = next(e for e in data["entries"] if e["id"] == "2022-09-15-xi-putin-talks-9e3a")
    assert talks["conflicts"][1] == {
        "value": "2022-09-29",
        "when": "Thu 29 Sep 2022",
        "documents": ["000_4fa99d7d2180e4ad"],
    }
    assert [e["date"] for e in data["entries"]] == [
        "2001",
        "2022",
        "2022-02",
        "2022-02",
        "2022-09-15",
        "2022-09-16",
    ]


def test_timeline_json_mention_offsets_point_into_the_text(data: dict) -> None:
    texts = {d.id: d.text for d in sample_timeline().documents}
    mentions = [m for e in data["entries"] for m in e["mentions"]]
    assert len(mentions) == 10
    for mention in mentions:
        assert texts[mention["document"]][mention["start"] : mention["end"]] == mention["time_text"]
        assert mention["sentence"] in texts[mention["document"]]


def test_timeline_json_is_stable_text() -> None:
    text = timeline_json(sample_timeline())
    assert text.endswith("}\n") and "\u2019" in text  # ensure_ascii=False keeps typographic quotes
    assert text == timeline_json(
        replace(sample_timeline(), documents=sample_timeline().documents[::-1])
    )


def test_timelinejs_uses_only_documented_fields() -> None:
    data = json.loads(timelinejs_json(sample_timeline(), CONFIG))
    assert set(data) <= TLJS_TOP
    assert set(data["title"]) <= TLJS_SLIDE and set(data["title"]["text"]) <= TLJS_TEXT
    assert len(data["events"]) == 6
    for slide in data["events"]:
        assert set(slide) <= TLJS_SLIDE
        assert "start_date" in slide and "year" in slide["start_date"]
        assert set(slide["start_date"]) <= TLJS_DATE
        assert set(slide["text"]) <= TLJS_TEXT
        assert all(str(v).isdigit() for v in slide["start_date"].values())
    assert [s["start_date"] for s in data["events"][:3]] == [
        {"year": "2001"},
        {"year": "2022"},
        {"year": "2022", "month": "2"},
    ]
    assert data["events"][4]["display_date"] == "Thu 15 Sep 2022"
    assert len({s["unique_id"] for s in data["events"]}) == 6


def test_timelinejs_slides_show_each_sentence_once() -> None:
    timeline = sample_timeline()
    data = json.loads(timelinejs_json(timeline, CONFIG))
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    for entry in timeline.entries:
        text = html.unescape(slides[f"entry-{entry.id}"]["text"]["text"])
        for event in entry.events:
            assert text.count(" ".join(event.sentence.split())) == 1, text
    # Wire copy: the same sentence in two papers is one quote citing both.
    talks = next(e for e in timeline.entries if e.id == "2022-09-15-xi-putin-talks-9e3a")
    first, second, third = talks.events
    copied = replace(talks, events=(first, replace(second, sentence=first.sentence), third))
    data = json.loads(timelinejs_json(replace(timeline, entries=(copied,)), CONFIG))
    text = data["events"][0]["text"]["text"]
    assert text.count("<blockquote>") == 2 and text.count("began their first in-person") == 1
    assert "<br>— Mint; Example News</blockquote>" in text


def test_timelinejs_escapes_html() -> None:
    timeline = sample_timeline()
    hostile = replace(timeline.entries[0], headline="<img src=x onerror=alert(1)>")
    data = timelinejs_json(replace(timeline, entries=(hostile,)), CONFIG)
    assert "<img" not in data and "&lt;img src=x onerror=alert(1)&gt;" in data


def _strict_calendar(text: str) -> icalendar.Calendar:
    """Parse as icalendar does, but fail on any property it could only keep as broken."""
    calendar = icalendar.Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    return calendar


def test_ics_parses_with_all_day_events_at_their_granularity() -> None:
    calendar = _strict_calendar(timeline_ics(sample_timeline()))
    events = calendar.walk("VEVENT")
    spans = {str(e["UID"]): (e.decoded("DTSTART"), e.decoded("DTEND")) for e in events}
    assert spans["2022-02-olympics-meeting-a41f@timeline"] == (date(2022, 2, 1), date(2022, 3, 1))
    assert spans["2022-09-15-xi-putin-talks-9e3a@timeline"] == (
        date(2022, 9, 15),
        date(2022, 9, 16),
    )
    expected = next(e for e in events if str(e["UID"]).startswith("2022-09-16"))
    assert str(expected["STATUS"]) == "TENTATIVE"
    assert str(expected["SUMMARY"]) == "Main sessions of the SCO summit"


def test_ics_leaves_out_entries_longer_than_a_month_and_says_so() -> None:
    timeline = sample_timeline()
    calendar = _strict_calendar(timeline_ics(timeline))
    events = calendar.walk("VEVENT")
    # "SCO founded" (2001) and "Russia invades Ukraine" (2022) would fill a year of days each.
    assert len(events) == len(timeline.entries) - 2 == 4
    assert not any(str(e["UID"]).startswith(("2001-", "2022-russia")) for e in events)
    for event in events:
        assert (event.decoded("DTEND") - event.decoded("DTSTART")).days <= 31
    note = "2 entries longer than a month (dated only to a year) are not in this calendar"
    assert str(calendar["DESCRIPTION"]).startswith(note)
    assert note in str(calendar["X-WR-CALDESC"])  # the same note for clients before RFC 7986


@pytest.mark.parametrize(
    ("value", "in_calendar"),
    [
        pytest.param("2022-09-15", True, id="day"),
        pytest.param("2022-W37", True, id="week"),
        pytest.param("2022-01", True, id="month-of-31-days"),
        pytest.param("2022-Q1", False, id="quarter"),
        pytest.param("2022-SU", False, id="season"),
        pytest.param("2022", False, id="year"),
        pytest.param("199", False, id="decade"),
        pytest.param("19", False, id="century"),
    ],
)
def test_ics_keeps_only_entries_of_a_month_or_less(value: str, in_calendar: bool) -> None:
    timeline = sample_timeline()
    span = period(value)
    entry = replace(timeline.entries[-1], date=value, start=span.start, end=span.end)
    calendar = _strict_calendar(timeline_ics(replace(timeline, entries=(entry,))))
    assert len(calendar.walk("VEVENT")) == in_calendar
    assert str(calendar["DESCRIPTION"]) == (
        "Every entry of the timeline, as all-day events."
        if in_calendar
        else f"1 entry longer than a month (dated only to a {span.granularity}) is not in this "
        "calendar, which would show it on every day it covers; it is in timeline.json and on "
        "the timeline page."
    )


def test_ics_lines_are_folded_and_crlf() -> None:
    text = timeline_ics(sample_timeline())
    lines = text.split("\r\n")
    assert lines[-1] == "" and "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75


@pytest.mark.parametrize(
    ("epoch", "stamp"),
    [
        pytest.param(None, "20221003T000000Z", id="latest-publication-date-when-unset"),
        pytest.param("1663200000", "20220915T000000Z", id="source-date-epoch"),
        pytest.param("not-a-number", "20221003T000000Z", id="garbage-ignored"),
    ],
)
def test_dtstamp_is_reproducible_and_never_now(
    monkeypatch: pytest.MonkeyPatch, epoch: str | None, stamp: str
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    timeline = sample_timeline()
    assert build_stamp(timeline) == stamp
    text = timeline_ics(timeline)
    assert text.count(f"DTSTAMP:{stamp}") == 4 and "19700101" not in text


def test_dtstamp_without_publication_dates_comes_from_the_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    timeline = sample_timeline()
    undated = tuple(replace(d, published=None) for d in timeline.documents)
    assert build_stamp(replace(timeline, documents=undated)) == "20220916T000000Z"


def test_csv_has_one_row_per_entry() -> None:
    rows = list(csv.DictReader(io.StringIO(timeline_csv(sample_timeline()))))
    assert len(rows) == 6
    talks = rows[4]
    assert (talks["id"], talks["date"], talks["when"], talks["status"]) == (
        "2022-09-15-xi-putin-talks-9e3a",
        "2022-09-15",
        "Thu 15 Sep 2022",
        "reported",
    )
    assert talks["sources"] == "003_413b558a031f2e5a; 002_69fafef3681a4047; 000_4fa99d7d2180e4ad"
    assert talks["conflicts"] == (
        "2022-09-15 according to 002_69fafef3681a4047, "
        "003_413b558a031f2e5a; 2022-09-29 according to "
        "000_4fa99d7d2180e4ad"
    )


def test_csv_defuses_formulas() -> None:
    timeline = sample_timeline()
    hostile = replace(timeline.entries[0], headline='=HYPERLINK("http://evil.example")')
    rows = list(csv.DictReader(io.StringIO(timeline_csv(replace(timeline, entries=(hostile,))))))
    assert rows[0]["headline"] == '\'=HYPERLINK("http://evil.example")'


KHAL_CONFIG = """\
[calendars]
[[timeline]]
path = {calendar}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = UTC
local_timezone = UTC
[sqlite]
path = {database}
"""


def test_khal_shows_each_entry_on_at_most_a_month_of_days(tmp_path: Path) -> None:
    """khal, a calendar client, lists an all-day event under every day it covers."""
    khal = Path(sys.executable).with_name("khal")
    ics = tmp_path / "timeline.ics"
    ics.write_text(timeline_ics(sample_timeline()), encoding="utf-8", newline="")
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        KHAL_CONFIG.format(calendar=tmp_path / "calendar", database=tmp_path / "khal.db"),
        encoding="utf-8",
    )
    env = {**os.environ, "TZ": "UTC", "HOME": str(tmp_path)}

    def khal_run(*args: str) -> str:
        command = [str(khal), "-c", str(config), *args]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    khal_run("import", "--batch", str(ics))
    listed = khal_run("list", "--day-format", "", "--format", "{title}", "1900-01-01", "2100-01-01")
    days = Counter(line for line in listed.splitlines() if line)
    assert days == {
        "Xi and Putin meet at the Beijing Winter Olympics": 28,
        "Moscow sends troops to Ukraine": 28,
        "Xi and Putin begin first in-person talks since the war in Ukraine": 1,
        "Main sessions of the SCO summit": 1,
    }

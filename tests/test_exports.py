"""Exports: the timeline.json contract, TimelineJS3, iCalendar and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

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


def test_timelinejs_escapes_html() -> None:
    timeline = sample_timeline()
    hostile = replace(timeline.entries[0], headline="<img src=x onerror=alert(1)>")
    data = timelinejs_json(replace(timeline, entries=(hostile,)), CONFIG)
    assert "<img" not in data and "&lt;img src=x onerror=alert(1)&gt;" in data


def test_ics_parses_with_all_day_events_at_their_granularity() -> None:
    calendar = icalendar.Calendar.from_ical(timeline_ics(sample_timeline()))
    events = calendar.walk("VEVENT")
    assert len(events) == 6
    spans = {str(e["UID"]): (e.decoded("DTSTART"), e.decoded("DTEND")) for e in events}
    assert spans["2001-sco-founded-5d1c@timeline"] == (date(2001, 1, 1), date(2002, 1, 1))
    assert spans["2022-02-olympics-meeting-a41f@timeline"] == (date(2022, 2, 1), date(2022, 3, 1))
    assert spans["2022-09-15-xi-putin-talks-9e3a@timeline"] == (
        date(2022, 9, 15),
        date(2022, 9, 16),
    )
    expected = next(e for e in events if str(e["UID"]).startswith("2022-09-16"))
    assert str(expected["STATUS"]) == "TENTATIVE"
    assert str(expected["SUMMARY"]) == "Main sessions of the SCO summit"


def test_ics_lines_are_folded_and_crlf() -> None:
    text = timeline_ics(sample_timeline())
    lines = text.split("\r\n")
    assert lines[-1] == "" and "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75


@pytest.mark.parametrize(
    ("epoch", "stamp"),
    [
        pytest.param(None, "19700101T000000Z", id="fixed-epoch-when-unset"),
        pytest.param("1663200000", "20220915T000000Z", id="source-date-epoch"),
        pytest.param("not-a-number", "19700101T000000Z", id="garbage-ignored"),
    ],
)
def test_dtstamp_is_never_now(
    monkeypatch: pytest.MonkeyPatch, epoch: str | None, stamp: str
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_stamp() == stamp
    assert f"DTSTAMP:{stamp}" in timeline_ics(sample_timeline())


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

"""Machine-readable exports of a timeline: JSON (our contract), TimelineJS3, iCalendar, CSV.

`timeline.json` is the stable contract other tools rely on: keys are only ever added, never
renamed. Every export is deterministic: sorted keys, no clock, the same bytes for the same
timeline.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import os
from datetime import UTC, date, datetime, timedelta

from timeline.config import Config
from timeline.records import DateConflict, DateEvidence, Document, Entry, Event, Timeline
from timeline.timevalue import GRANULARITIES, describe, period

ICS_PRODID = "-//timeline//timeline//EN"
CSV_COLUMNS = (
    "id",
    "date",
    "start",
    "end",
    "when",
    "headline",
    "summary",
    "status",
    "importance",
    "sources",
    "source_titles",
    "actors",
    "places",
    "conflicts",
    "mentions",
)


def _dump(data: dict[str, object]) -> str:
    """JSON with one line per list item: readable, a one-line diff when an entry changes, and
    written by the C encoder (an indented dump goes through the slower pure-Python one)."""

    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    fields = []
    for key, value in sorted(data.items()):
        if isinstance(value, list) and value:
            value_text = "[\n" + ",\n".join(f"    {compact(item)}" for item in value) + "\n  ]"
        else:
            value_text = compact(value)
        fields.append(f"  {compact(key)}: {value_text}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _document(doc: Document) -> dict[str, object]:
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "title_from": doc.title_from,
        "format": doc.format,
        "source": doc.source,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "published_from": doc.published_from,
        "published_text": doc.published_text,
        "published_until": doc.published_until.isoformat() if doc.published_until else None,
        "published_confidence": doc.published_confidence,
        "published_evidence": [_evidence(e) for e in doc.published_evidence],
        "published_note": doc.published_note,
        "date_conflict": _conflict(doc.date_conflict),
    }


def _evidence(evidence: DateEvidence) -> dict[str, object]:
    return dataclasses.asdict(evidence)  # every field is already JSON: names, offsets, numbers


def _conflict(conflict: DateConflict | None) -> dict[str, object] | None:
    if conflict is None:
        return None
    return {
        "own": conflict.own.isoformat(),
        "suggested": conflict.suggested.isoformat(),
        "suggested_until": conflict.suggested_until.isoformat(),
        "sources": list(conflict.sources),
        "evidence": [_evidence(e) for e in conflict.evidence],
    }


def _mention(event: Event) -> dict[str, object]:
    time = event.time
    return {
        "document": event.document,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "time_text": time.text,
        "time_value": time.value,
        "time_type": time.type,
        "mod": time.mod,
        "anchor": time.anchor,
        "anchor_from": time.anchor_from,
        "resolved": time.resolved,
        "start": time.start,
        "end": time.end,
        "headline": event.headline,
        "predicate": event.predicate,
        "actors": list(event.actors),
        "places": list(event.places),
        "status": event.status,
    }


def _entry(entry: Entry) -> dict[str, object]:
    span = period(entry.date)
    return {
        "id": entry.id,
        "date": entry.date,
        "when": describe(entry.date, entry.mod),
        "mod": entry.mod,
        "granularity": span.granularity if span else None,
        "start": entry.start.isoformat(),
        "end": entry.end.isoformat(),
        "headline": entry.headline,
        "summary": entry.summary,
        "status": entry.status,
        "importance": entry.importance,
        "actors": list(entry.actors),
        "places": list(entry.places),
        "documents": list(entry.documents),
        "conflicts": [
            {"value": c.value, "when": describe(c.value), "documents": list(c.documents)}
            for c in entry.conflicts
        ],
        "mentions": [_mention(e) for e in entry.events],
    }


def _entry_order(entry: Entry) -> tuple[object, ...]:
    return (entry.start, entry.end, entry.id)


def timeline_json(timeline: Timeline) -> str:
    """The timeline as the `timeline.json` contract: documents and entries, oldest first."""
    data = {
        "title": timeline.title,
        "documents": [_document(d) for d in sorted(timeline.documents, key=lambda d: d.id)],
        "entries": [_entry(e) for e in sorted(timeline.entries, key=_entry_order)],
        "problems": [
            {"path": p.path, "message": p.message, "fix": p.fix, "skipped": p.skipped}
            for p in sorted(timeline.problems, key=lambda p: (p.path, p.message))
        ],
    }
    return _dump(data)


# ---------------------------------------------------------------- TimelineJS3


def _tl_date(day: date, granularity: str) -> dict[str, str]:
    value = {"year": str(day.year)}
    if granularity not in ("year", "decade", "century"):
        value["month"] = str(day.month)
    if granularity in ("day", "time", "week"):
        value["day"] = str(day.day)
    return value


def _tl_text(entry: Entry, titles: dict[str, str]) -> str:
    """The slide's text: each sentence once, quoted with every source that says it. The summary
    is one of those sentences; it gets a paragraph of its own only when no quote repeats it."""
    quotes: dict[str, list[str]] = {}
    for event in entry.events:
        names = quotes.setdefault(" ".join(event.sentence.split()), [])
        title = titles.get(event.document, event.document)
        if title not in names:
            names.append(title)
    summary = " ".join(entry.summary.split())
    # TimelineJS inserts `text` as HTML: escape everything that came from articles.
    parts = [f"<p>{html.escape(summary)}</p>"] if summary and summary not in quotes else []
    for sentence, names in quotes.items():
        cited = html.escape("; ".join(names))
        parts.append(f"<blockquote>{html.escape(sentence)}<br>— {cited}</blockquote>")
    return "".join(parts)


def timelinejs_json(timeline: Timeline, config: Config | None = None) -> str:
    """The timeline in TimelineJS3's JSON format, loadable as is."""
    titles = {d.id: d.source or d.title for d in timeline.documents}
    events = []
    for entry in sorted(timeline.entries, key=_entry_order):
        span = period(entry.date)
        granularity = span.granularity if span else "day"
        slide: dict[str, object] = {
            "start_date": _tl_date(entry.start, granularity),
            "text": {"headline": html.escape(entry.headline), "text": _tl_text(entry, titles)},
            "unique_id": f"entry-{entry.id}",
            "display_date": describe(entry.date, entry.mod),
            "group": entry.status,
            "autolink": False,
        }
        if granularity in ("week", "quarter", "season", "half", "decade", "century") or (
            span is None and entry.start != entry.end
        ):
            slide["end_date"] = _tl_date(entry.end, "day" if granularity == "week" else granularity)
        events.append(slide)
    title = config.title if config and config.title else timeline.title
    intro = f"{len(timeline.entries)} entries from {len(timeline.documents)} sources"
    return _dump(
        {"title": {"text": {"headline": html.escape(title), "text": intro}}, "events": events}
    )


# ---------------------------------------------------------------- iCalendar


def _ics_escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence."""
    if len(line) <= 75 and len(line.encode("utf-8")) <= 75:
        return line
    if line.isascii():  # one octet a character: cut by slicing
        return "\r\n ".join([line[:75], *(line[i : i + 74] for i in range(75, len(line), 74))])
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


# A calendar shows an all-day event on every day it covers: an entry dated only to a year
# would fill 365 days of the reader's calendar, a century 36,525. Entries longer than the
# longest month are left out of the calendar (and counted in its description); months and
# weeks stay, as calendars show them as one bar.
LONGEST_CALENDAR_DAYS = 31


def build_stamp(timeline: Timeline) -> str:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible builds), else the latest publication
    date of the inputs, else the latest entry date: something the same inputs always give,
    never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y%m%dT%H%M%SZ")
    published = [d.published for d in timeline.documents if d.published is not None]
    latest = max(published, default=None) or max((e.start for e in timeline.entries), default=None)
    return f"{latest.strftime('%Y%m%d') if latest else '20000101'}T000000Z"


def in_calendar(entry: Entry) -> bool:
    """Whether an entry is short enough to be an all-day event (see LONGEST_CALENDAR_DAYS)."""
    return (entry.end - entry.start).days < LONGEST_CALENDAR_DAYS


def _calendar_note(left_out: list[Entry]) -> str:
    if not left_out:
        return "Every entry of the timeline, as all-day events."
    found = {span.granularity for e in left_out if (span := period(e.date))}
    kinds = [kind for kind in GRANULARITIES if kind in found]  # coarsest first
    named = f"{', '.join(kinds[:-1])} or {kinds[-1]}" if len(kinds) > 1 else "".join(kinds)
    dated = f" (dated only to a {named})" if kinds else ""
    if len(left_out) == 1:
        return (
            f"1 entry longer than a month{dated} is not in this calendar, which would show it "
            "on every day it covers; it is in timeline.json and on the timeline page."
        )
    return (
        f"{len(left_out)} entries longer than a month{dated} are not in this calendar, "
        "which would show each on every day it covers; they are in timeline.json and on the "
        "timeline page."
    )


def timeline_ics(timeline: Timeline) -> str:
    """Entries of up to a month as all-day events at their own granularity; longer ones are
    named in the calendar's description instead."""
    titles = {d.id: d.source or d.title for d in timeline.documents}
    urls = {d.id: d.url for d in timeline.documents}
    stamp = build_stamp(timeline)
    entries = sorted(timeline.entries, key=_entry_order)
    note = _ics_escape(_calendar_note([e for e in entries if not in_calendar(e)]))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{ICS_PRODID}",
        "CALSCALE:GREGORIAN",
        f"NAME:{_ics_escape(timeline.title)}",  # RFC 7986
        f"X-WR-CALNAME:{_ics_escape(timeline.title)}",  # the same, for older clients
        f"DESCRIPTION:{note}",
        f"X-WR-CALDESC:{note}",
    ]
    for entry in entries:
        if not in_calendar(entry):
            continue
        sources = "; ".join(titles.get(d, d) for d in entry.documents)
        description = f"{describe(entry.date, entry.mod)}. {entry.summary}\nSources: {sources}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_escape(entry.id)}@timeline",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{entry.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(entry.end + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_escape(entry.headline)}",
            f"DESCRIPTION:{_ics_escape(description)}",
            "TRANSP:TRANSPARENT",
        ]
        if entry.status == "expected":
            lines.append("STATUS:TENTATIVE")
        first_url = next((urls[d] for d in entry.documents if urls.get(d)), None)
        if first_url and first_url.startswith(("http://", "https://")):
            lines.append(f"URL:{first_url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# ---------------------------------------------------------------- CSV


def _cell(text: str) -> str:
    """Defuse text a spreadsheet would run as a formula (article text is untrusted)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def timeline_csv(timeline: Timeline) -> str:
    """One row per entry, for spreadsheets."""
    titles = {d.id: d.title for d in timeline.documents}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in sorted(timeline.entries, key=_entry_order):
        conflicts = "; ".join(
            f"{c.value} according to {', '.join(c.documents)}" for c in entry.conflicts
        )
        writer.writerow(
            [
                entry.id,
                entry.date,
                entry.start.isoformat(),
                entry.end.isoformat(),
                describe(entry.date, entry.mod),
                _cell(entry.headline),
                _cell(entry.summary),
                entry.status,
                f"{entry.importance:.4f}",
                _cell("; ".join(entry.documents)),
                _cell("; ".join(titles.get(d, d) for d in entry.documents)),
                _cell("; ".join(entry.actors)),
                _cell("; ".join(entry.places)),
                _cell(conflicts),
                len(entry.events),
            ]
        )
    return buffer.getvalue()

"""What the pages and the build summary say about a document's date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from timeline.records import Document
from timeline.timevalue import MONTH_NAMES, day_text

# How the pages name a date that dating inferred or reconciled, and a value counted from one.
PUBLISHED_HOW = {
    "inferred": "inferred from other sources",
    "reconciled": "reconciled with other sources",
}
ANCHORED_ON = {
    "inferred": "a publication date inferred from other sources",
    "reconciled": "a publication date reconciled with other sources",
}


def published_how(document: Document) -> str | None:
    """How the pages name a publication date that dating gave; None for the document's own."""
    if _by_own_stamp(document):
        return "reconciled with the page's own stamp"
    return PUBLISHED_HOW.get(document.published_from or "")


def anchored_on(document: Document, anchor_from: str | None) -> str | None:
    """How the pages name the date a mention of `document` was counted from, when dating gave
    it; None otherwise."""
    if anchor_from == "reconciled" and _by_own_stamp(document):
        return "the publication date the page's own stamp gives"
    return ANCHORED_ON.get(anchor_from or "")


def _by_own_stamp(document: Document) -> bool:
    """Whether the document was re-anchored on a date line of its own page."""
    conflict = document.date_conflict
    return (
        document.published_from == "reconciled"
        and conflict is not None
        and any(e.kind == "date line" for e in conflict.evidence)
    )


def days_text(start: date, end: date | None = None) -> str:
    """'Fri 16 Sep 2022', or '15–17 Sep 2022' for a range of days, whatever the locale."""
    if end is None or start == end:
        return day_text(start)
    month = MONTH_NAMES[end.month - 1][:3]
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {month} {end.year}"
    first = f"{start.day} {MONTH_NAMES[start.month - 1][:3]}"
    if start.year != end.year:
        first += f" {start.year}"
    return f"{first} – {end.day} {month} {end.year}"


def date_story(document: Document, names: Mapping[str, str]) -> str | None:
    """One sentence on how the document's date was inferred or why it is contested or missing;
    `names` gives each document id the name readers know the source by."""
    conflict = document.date_conflict
    if document.published_from == "inferred" and document.published is not None:
        sources = sorted({names.get(e.document, e.document) for e in document.published_evidence})
        reports = len(document.published_evidence)
        return (
            f"Date inferred from {counted(reports, 'matching report')} in "
            f"{_listing(sources)} (confidence {document.published_confidence or 0:.2f}): "
            f"its relative dates agree with theirs when read from "
            f"{days_text(document.published, document.published_until)}"
        )
    if conflict is not None:
        sources = [names.get(s, s) for s in conflict.sources]
        where = "metadata date" if document.published_from == "metadata" else "date line"
        if document.published_from == "reconciled":
            where = "own date"
        records = [e.phrase for e in conflict.evidence if e.kind == "date line"]
        against = (
            f"the page's own date line “{records[0]}”"
            if records
            else f"{counted(len(sources), 'source')} ({_listing(sources)}) on the same happenings"
        )
        text = (
            f"This article's {where} ({days_text(conflict.own)}) contradicts {against}; "
            f"it reads as published about "
            f"{days_text(conflict.suggested, conflict.suggested_until)}"
        )
        if document.published_from == "reconciled":
            return text + "; re-anchored: its relative dates are read from that date"
        return text + ", possibly republished or misdated; its dates are read from its own"
    if document.published is None and document.published_note:
        return f"No publication date could be inferred: {document.published_note}"
    return None


def counted(n: int, noun: str) -> str:
    """'1 source', '3 sources'."""
    return f"{n} {noun}{'s' * (n != 1)}"


def _listing(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]

"""A page's own record of its date, against the date it is dated by.

A copy republished under a new date line often still prints the original's stamp ("Tuesday
5 May 2009 21.31 BST" under "May 18, 2009"); a user's date may be the day a page was saved.
Either way the page itself says when it was published, and no other source is needed.
"""

from __future__ import annotations

from timeline.records import DateEvidence, DateLine, Document

TOLERANCE = 1  # days: time zones and overnight reports put a happening a day apart


def own_record(document: Document) -> DateLine | None:
    """The page's own record of its date that the date it is dated by contradicts: an earlier
    stamp (the page existed before that date), or a later one that says it is the date of
    publication. A later stamp without that label is an update or a live blog's entry, and a
    day's difference is a time zone or midnight."""
    own = document.published
    if own is None or document.published_from not in ("text", "metadata"):
        return None
    lines = document.date_lines
    if sum(line.kind == "plain" for line in lines) > 1:
        # A live blog's or a round-up's entries, each stamped: none of them dates the page.
        lines = tuple(line for line in lines if line.kind != "plain")
    for line in lines:
        days = (line.value - own).days
        if days < -TOLERANCE or (days > TOLERANCE and line.kind == "published"):
            return line
    return None


def record_evidence(document: Document, record: DateLine) -> DateEvidence:
    """The page's own date line as evidence against the date it is dated by."""
    return DateEvidence(
        document=document.id,
        phrase=record.text,
        start=record.start,
        other_phrase=record.text,
        other_start=record.start,
        value=record.value.isoformat(),
        similarity=1.0,
        kind="date line",
    )

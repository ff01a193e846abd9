"""Typed records passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses, never spaCy objects, so a
record can be cached, compared in tests and traced back to the text it came from:
each carries the document id and character offsets that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.timex import Frame


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, reported to the user while the build goes on."""

    path: str
    message: str
    fix: str
    skipped: bool = False  # True when the whole document was left out

    def __str__(self) -> str:
        return f"{self.path}: {self.message}; {self.fix}"


@dataclass(frozen=True)
class DateLine:
    """A date a page prints as its own record: with a label ("Published: 5 May 2009"), a clock
    time ("Tuesday 5 May 2009 21.31 BST") or a byline after it ("January 25, 2011 | By ...")."""

    text: str
    start: int  # offset of the line in the document's text
    value: date
    kind: str  # "published", "plain" (no label) or "updated"


@dataclass(frozen=True)
class DateEvidence:
    """One happening a document shares with another source, and the day both then give it."""

    document: str  # the other source
    phrase: str  # this document's time expression ("on Thursday")
    start: int  # its offset in this document's text
    other_phrase: str  # the other source's expression for the same happening
    other_start: int
    value: str  # the day the other source gives the happening
    similarity: float  # how alike the two reports are (0 to about 1.35)
    # "relative date": the same happening dated by a phrase in both; "shared terms": rare
    # names and figures both documents give (the phrases are then those terms, offsets 0);
    # "date line": the page's own record of its date (`document` is the page itself).
    kind: str = "relative date"


@dataclass(frozen=True)
class DateConflict:
    """A document's own date that puts a happening on another day than the other sources do."""

    own: date  # the date the document gives itself (date line or metadata)
    suggested: date  # the publication date that would reconcile it with the other sources
    suggested_until: date  # last day of that date when the evidence cannot tell days apart
    sources: tuple[str, ...]  # the other documents it contradicts
    evidence: tuple[DateEvidence, ...]


@dataclass(frozen=True)
class Document:
    """One article as read from disk, with where each piece of metadata came from."""

    id: str
    path: str  # as the user named it, e.g. "seeds/003_413b558a031f2e5a.txt"
    text: str  # plain text; every offset in every later record points into it
    title: str
    title_from: str  # "metadata", "text" or "filename"
    format: str  # "txt", "md", "html" or "jsonl"
    source: str | None = None
    url: str | None = None
    published: date | None = None
    # "metadata", "text", "inferred" (from the other sources), "reconciled" (re-anchored) or None
    published_from: str | None = None
    published_text: str | None = None  # the value or line the date was read from
    published_until: date | None = None  # an inferred date can be a range of days: its last
    published_confidence: float | None = None  # of an inferred or reconciled date, 0 to 1
    published_evidence: tuple[DateEvidence, ...] = ()  # what an inferred date rests on
    published_note: str | None = None  # why no date could be inferred, for an undated one
    date_conflict: DateConflict | None = None  # its own date contradicts the other sources
    # Every date the page prints at its head as its own record, the one it is dated by too: a
    # copy republished under a new date line often still prints the original's stamp.
    date_lines: tuple[DateLine, ...] = ()
    # Character spans of page chrome (date lines, "Updated: ..." lines, bylines) that carry
    # metadata rather than news: later stages never turn them into events.
    boilerplate: tuple[tuple[int, int], ...] = ()
    language: str | None = None  # ISO 639-1 code as detected; None when too short to tell


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a text and its TIMEX3 normalisation."""

    start: int
    end: int
    text: str
    type: str  # TIMEX3 type: DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value: "2022-09-15", "2022-02", "P2Y", "PRESENT_REF", "XXXX-02", ...
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    anchor: str | None = None  # the reference value a relative expression was resolved against
    anchor_from: str | None = None  # "dct", "text" (a date mentioned just before) or None
    resolved: bool = True  # False when the value still holds X placeholders or a *_REF
    rule: str = ""  # the normalisation strategy that produced the value
    # True when the expression dates a thing, not the clause's event: a period used as an
    # adjective ("a 13th-century citadel", "the 1990s-era law") or the date of a figure the
    # news is compared with ("109 cases, up from 91 yesterday"). No event is dated by it.
    describes_noun: bool = False

    @property
    def dates_an_event(self) -> bool:
        """A resolved day or period that an event may be dated by: not "a 13th-century citadel"
        (describes a thing) nor "until 6 May" (ON_OR_BEFORE: the end of a state)."""
        return (
            self.resolved
            and self.type in ("DATE", "TIME")
            and not self.describes_noun
            and self.mod != "ON_OR_BEFORE"
        )


@dataclass(frozen=True)
class Event:
    """What one dated clause of one sentence reports."""

    document: str
    sentence: str
    sentence_start: int  # offset of the sentence in the document text
    time: TimeExpression
    headline: str
    predicate: str = ""  # lemma of the verb the time expression attaches to
    actors: tuple[str, ...] = ()  # people, organisations, countries
    places: tuple[str, ...] = ()
    status: str = "reported"  # "reported" (happened) or "expected" (planned, predicted)

    @property
    def id(self) -> str:
        return f"{self.document}:{self.time.start}"


@dataclass(frozen=True)
class DocumentResult:
    """What the NLP stage found in one document: handed from analysis (or the cache) to merge."""

    expressions: tuple[TimeExpression, ...]
    events: tuple[Event, ...]
    # What dating needs to try other publication dates without parsing again: every
    # expression's frame, and for an undated document the events of its relative expressions.
    frames: tuple[Frame, ...] = ()
    latent: tuple[Event, ...] = ()


@dataclass(frozen=True)
class DateClaim:
    """One date that some sources give for an entry's happening."""

    value: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One happening on the timeline, merged from the events of every source that reports it."""

    id: str  # from its first mention: kept across rebuilds, new sources and refined dates
    date: str  # TIMEX3 value at its true granularity
    start: date  # first day the date covers
    end: date  # last day the date covers
    headline: str
    summary: str
    events: tuple[Event, ...]  # every mention, in document then offset order
    status: str = "reported"
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    importance: float = 0.0
    conflicts: tuple[DateClaim, ...] = ()  # non-empty when sources disagree on the date

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(event.document for event in self.events))

    @cached_property  # read by the pages and every export
    def mod(self) -> str | None:
        """The modifier ("APPROX", "START") that every mention of the entry's date gives it."""
        mods = {event.time.mod for event in self.events if event.time.value == self.date}
        return mods.pop() if len(mods) == 1 else None


@dataclass(frozen=True)
class Timeline:
    """Everything the render stage needs: the whole build, gathered before anything is written."""

    title: str
    documents: tuple[Document, ...]
    entries: tuple[Entry, ...]
    expressions: dict[str, tuple[TimeExpression, ...]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

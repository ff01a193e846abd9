"""Dating: publication dates inferred from the collection, and dates that contradict it.

Runs between analyse and merge. A document without a date gets the one under which its
relative dates ("on Thursday") name the days that dated sources give the same happenings;
a document whose own date (a date line, or metadata) puts evidently the same happenings on
other days than the other sources, or that its page's own stamp contradicts, is flagged, with
the date that would reconcile it, and re-anchored on that date when asked. Nothing is parsed
again: the analysis kept each expression's frame (see `timeline.timex.frames`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from timeline.dating.anchor import redate
from timeline.dating.evidence import Match, Matcher, References, Report, day_of
from timeline.dating.happenings import Happenings, Timing
from timeline.dating.infer import NO_DATED, Estimate, bounds, estimate
from timeline.dating.record import TOLERANCE, own_record, record_evidence
from timeline.dating.story import counted, days_text
from timeline.ingest.datelines import labelled
from timeline.records import (
    DateConflict,
    DateEvidence,
    DateLine,
    Document,
    DocumentResult,
    Event,
)
from timeline.timex import Frame, resolve

log = logging.getLogger(__name__)

__all__ = ["Dating", "date_documents"]

MATCH = 0.5  # how alike two reports must be to count as the same happening
MATCH_WITHIN = 0.35  # ...when rare terms already place the document within days
FLAG_CONFIDENCE = 0.5  # a document's own date is challenged only on clear evidence
FLAG_SOURCES = 2  # ...from other sources trusted twice as much as its own date
# How far a date is trusted as evidence: metadata and a labelled date line ("Updated: 15 Sep
# 2022") are the page's own record; a bare date at the top of copied text may be the day it
# was copied or republished; an inferred date is only as good as what it was inferred from.
TRUST = {"metadata": 1.0, "label": 1.0, "text": 0.5, "inferred": 0.5}
FLAG_SHARE = 0.5  # its own date explains at most this share of what the best one does
MAX_EVIDENCE = 8
WINDOW_DAYS = 1  # a date placed by shared happenings alone: the peak day and one either side
ALONE = (
    "only one of its phrases matches a dated report, and its rare names and figures do not say when"
)
DISAGREE = "its relative dates and the happenings it shares with dated articles disagree"
MOVE_DAYS = 7


# What the challenge reads and writes: documents, results, probes, the matcher, each document's
# timing, the conflicts found so far, and each document's readings under the days tried.
_State = tuple[
    dict[str, Document],
    dict[str, DocumentResult],
    dict[str, list[Event]],
    Matcher,
    dict[str, Timing],
    dict[str, tuple[Estimate, list[Match]]],
    dict[str, dict],
]


@dataclass(frozen=True)
class Dating:
    """What dating did to a collection."""

    documents: list[Document]
    results: list[DocumentResult]
    links: tuple[tuple[str, str], ...]  # event ids of one happening dated differently
    notes: tuple[str, ...]  # one line per inferred, contested or uninferable date


def date_documents(
    documents: Sequence[Document],
    results: Sequence[DocumentResult],
    *,
    reanchor: bool = False,
    reanchor_metadata: bool = False,
) -> Dating:
    """Infer the dates of undated documents and challenge those that contradict the rest;
    `reanchor` re-anchors challenged date lines, `reanchor_metadata` metadata dates too."""
    docs = {d.id: d for d in documents}
    found = {d.id: r for d, r in zip(documents, results, strict=True)}
    probes = {d.id: _probes(d, found[d.id]) for d in documents}
    dated = [d.id for d in documents if d.published is not None]
    # A page that contradicts its own record of its date is flagged by that record alone.
    pages = {i: line for i in dated if (line := own_record(docs[i])) is not None}
    dated = [i for i in dated if i not in pages]
    reports = {i: _reports(docs[i], found[i].events, _trust(docs[i])) for i in dated}
    # Every event that may be compared: inferred documents' absolute dates become evidence too.
    every = [e for r in found.values() for e in (*r.events, *r.latent)]
    matcher = Matcher(every, MATCH)

    def references(ids: Sequence[str]) -> References:
        return matcher.references([r for i in ids for r in reports[i]])

    happenings = Happenings({d.id: d.text for d in documents})
    # The days of the documents whose dates are their own record place the others.
    reliable = {i: docs[i].published for i in dated if _trust(docs[i]) >= 1.0}
    times = happenings.timings(list(docs), reliable or _days(docs, dated))
    conflicts: dict[str, tuple[Estimate, list[Match]]] = {}
    memos: dict[str, dict] = {}
    state = (docs, found, probes, matcher, times, conflicts, memos)
    _challenge(state, dated, references(dated))
    trusted = [i for i in dated if i not in conflicts]
    pool = references(trusted)
    estimates: dict[str, Estimate] = {}
    undated = [i for i, d in docs.items() if d.published is None]
    steady = [i for i in trusted if i in reliable]
    placed = happenings.timings(undated, _days(docs, steady or trusted))
    for doc_id in undated:
        if not trusted:
            estimates[doc_id] = Estimate(None, None, 0.0, note=NO_DATED)
            continue
        timing = placed[doc_id]
        # Within days its shared happenings allow, looser likeness is safe: the story is known.
        loose = MATCH_WITHIN if timing.window() is not None else None
        matches = matcher.matches(probes[doc_id], pool, loose)
        estimates[doc_id] = _infer(found[doc_id], probes[doc_id], matches, timing)
    # Dated by inference, the undated reports now count as evidence against a date line too.
    for doc_id, guess in estimates.items():
        if guess.start is not None:
            found[doc_id] = redate(
                found[doc_id], guess.start, guess.end, "inferred", found[doc_id].latent
            )
            reports[doc_id] = _reports(
                docs[doc_id], found[doc_id].events, TRUST["inferred"], guess.start
            )
    inferred = [i for i, g in estimates.items() if g.start is not None]
    # Metadata is the user's own record: only date lines face the inferred dates' evidence.
    again = [i for i in trusted if docs[i].published_from != "metadata"] + list(conflicts)
    pool = references(trusted + inferred)
    _challenge(state, again, pool)
    for doc_id, line in pages.items():
        conflicts[doc_id] = (Estimate(line.value, line.value, 1.0), [])
    return _apply(docs, found, estimates, conflicts, pages, reanchor, reanchor_metadata)


def _bounded(guess: Estimate, low: date | None) -> bool:
    """Whether the document's own latest reported date pins the estimate: news is written
    within days of the latest thing it reports."""
    return guess.start is not None and low is not None and 0 <= (guess.start - low).days <= 3


def _days(docs: dict[str, Document], ids: Sequence[str]) -> dict[str, date]:
    return {i: d for i in ids if (d := docs[i].published) is not None}


def _infer(
    result: DocumentResult, probes: list[Event], matches: list[Match], timing: Timing
) -> Estimate:
    """The publication date of an undated document: the day its relative dates agree on with
    the sources, among the days the happenings it shares with them allow."""
    low, high = bounds(result.events)
    window = timing.window()
    # Its own dates outrank its likeness to others: a follow-up written a week later shares
    # the happening's words, but not its day.
    if (
        window is not None
        and (low is None or low <= window[1])
        and (high is None or high > window[0])
    ):
        first = max(low, window[0]) if low else window[0]
        last = window[1] + timedelta(days=1)
        last = min(high, last) if high else last
        return estimate(result.frames, probes, matches, low=first, high=last, strict=True)
    guess = estimate(result.frames, probes, matches, low=low, high=high)
    if guess.start is None:
        return guess
    if timing.unsupported(guess.start) and not _bounded(guess, low):
        return Estimate(None, None, guess.confidence, note=DISAGREE)
    pairs = {(m.probe.time.start, m.reference.event.document) for m in guess.evidence}
    if len(pairs) < 2 and not _bounded(guess, low):
        # One phrase agreeing with one report, and no rare term shared: a coincidence as
        # likely as a match ("on Monday" is said of something every week).
        return Estimate(None, None, guess.confidence, note=ALONE)
    return guess


def _probes(document: Document, result: DocumentResult) -> list[Event]:
    """The events whose day counts from the publication date: those a new date would move."""
    if document.published is None:
        events = [e for e in result.latent if day_of(e.time.value)]
    else:
        events = [e for e in result.events if e.time.anchor_from == "dct" and day_of(e.time.value)]
    frames = {f.start: f for f in result.frames}
    return [e for e in events if e.time.start in frames and _moves(e, frames[e.time.start])]


def _moves(event: Event, frame: Frame) -> bool:
    """Whether the phrase names another day when the publication date moves by a week:
    "today" and "on Thursday" date a report; "25 June", read as the last 25 June, only
    its year, and would agree with every day of that year."""
    anchor = date.fromisoformat((event.time.anchor or "")[:10] or "2000-06-15")
    (moved,) = resolve([frame], anchor + timedelta(days=MOVE_DAYS)) or (None,)
    return moved is not None and moved.value != event.time.value


def _reports(
    document: Document, events: Sequence[Event], weight: float, published: date | None = None
) -> list[Report]:
    reports = []
    for event in events:
        day = day_of(event.time.value)
        if day is not None:
            reports.append(Report(event, day, published or document.published, weight))
    return reports


def _trust(document: Document) -> float:
    text = document.published_text
    if document.published_from == "text" and text and labelled(text):
        return TRUST["label"]
    return TRUST.get(document.published_from or "", TRUST["text"])


def _challenge(state: _State, candidates: Sequence[str], pool: References) -> None:
    """Flag the documents among `candidates` whose own date the other sources contradict."""
    docs, found, probes, matcher, times, conflicts, memos = state
    for doc_id in candidates:
        document, timing = docs[doc_id], times[doc_id]
        own = document.published
        if own is None:
            continue
        matches = matcher.matches(probes[doc_id], pool) if probes[doc_id] else []
        guess = None
        if matches and _contested(probes[doc_id], matches, FLAG_SOURCES * _trust(document)):
            memo = memos.setdefault(doc_id, {})
            guess = estimate(found[doc_id].frames, probes[doc_id], matches, also=(own,), memo=memo)
            guess = guess if _clear(guess, own, _trust(document)) else None
        window = timing.window()
        user = _trust(document) >= 1.0
        if guess is not None and guess.start is not None:
            if window is not None and not window[0] <= guess.start <= window[1]:
                guess = None  # a suggestion the shared happenings rule out is a guess
            elif user and not timing.against(own):
                guess = None  # the page's own record yields only to both kinds of evidence
        if guess is None and not user and timing.against(own):
            guess = _placed(found[doc_id], probes[doc_id], matches, timing, own)
        # Once flagged, a document keeps its flag; more evidence only refines the suggestion.
        if guess is None:
            continue
        # The reports its own date puts elsewhere: the same happenings, other days.
        own_days = {e.time.start: day_of(e.time.value) for e in probes[doc_id]}
        disagree = [
            m for m in guess.evidence if own_days.get(m.probe.time.start) != m.reference.day
        ]
        conflicts[doc_id] = (guess, disagree)


def _clear(guess: Estimate, own: date, trust: float) -> bool:
    """Whether relative dates put a document clearly elsewhere than its own date."""
    if guess.start is None or guess.end is None or guess.confidence < FLAG_CONFIDENCE:
        return False
    if guess.start - timedelta(days=TOLERANCE) <= own <= guess.end + timedelta(days=TOLERANCE):
        return False
    if guess.scores.get(own, 0.0) > FLAG_SHARE * guess.scores[guess.start]:
        return False
    return guess.weight >= FLAG_SOURCES * trust


def _placed(
    result: DocumentResult, probes: list[Event], matches: list[Match], timing: Timing, own: date
) -> Estimate | None:
    """Where a date line the shared happenings contradict belongs: the day its relative dates
    agree on within the days those happenings allow, or those days themselves."""
    window = timing.window()
    peak = timing.peak()
    if window is None or peak is None:
        return None
    close = tuple(n for n in timing.neighbours if abs((n[1] - peak).days) <= WINDOW_DAYS)
    if len({n[0] for n in close}) < FLAG_SOURCES:
        return None
    high = window[1] + timedelta(days=1)
    guess = estimate(result.frames, probes, matches, low=window[0], high=high, strict=True)
    if guess.start is not None and guess.confidence >= FLAG_CONFIDENCE:
        return replace(guess, shared=close)
    span = timedelta(days=WINDOW_DAYS)
    return Estimate(peak - span, peak + span, round(timing.share(peak), 3), shared=close)


def _contested(probes: Sequence[Event], matches: Sequence[Match], needed: float) -> bool:
    """Whether other days could explain the matches far better than the document's own date:
    a cheap test on the readings under its own date, before any other date is tried."""
    own = {e.time.start: day_of(e.time.value) for e in probes}
    best: dict[tuple[int, str], float] = {}
    agree: dict[tuple[int, str], float] = {}
    against: dict[str, float] = {}
    for m in matches:
        key = (m.probe.time.start, m.reference.event.document)
        score = m.similarity * m.reference.weight
        best[key] = max(best.get(key, 0.0), score)
        if m.reference.day == own[m.probe.time.start]:
            agree[key] = max(agree.get(key, 0.0), score)
        else:
            against[m.reference.event.document] = m.reference.weight
    if sum(against.values()) < needed:
        return False
    return sum(agree.values()) <= FLAG_SHARE * sum(best.values())


def _apply(
    docs: dict[str, Document],
    found: dict[str, DocumentResult],
    estimates: dict[str, Estimate],
    conflicts: dict[str, tuple[Estimate, list[Match]]],
    pages: dict[str, DateLine],
    reanchor: bool,
    reanchor_metadata: bool,
) -> Dating:
    links: list[tuple[str, str]] = []
    notes: list[str] = []
    for doc_id, guess in estimates.items():
        document = docs[doc_id]
        if guess.start is None or guess.end is None:
            docs[doc_id] = replace(document, published_note=guess.note)
            notes.append(f"{document.path}: no publication date: {guess.note}")
            continue
        docs[doc_id] = _redated(document, guess, "inferred", _evidence(guess))
        reports = len(docs[doc_id].published_evidence)
        notes.append(
            f"{document.path}: publication date inferred: {days_text(guess.start, guess.end)} "
            f"from {counted(reports, 'matching report')} in "
            f"{counted(len(guess.sources), 'source')} (confidence {guess.confidence:.2f})"
        )
    for doc_id, (guess, disagree) in sorted(conflicts.items()):
        document = docs[doc_id]
        assert guess.start is not None and guess.end is not None and document.published
        record = pages.get(doc_id)
        conflict = DateConflict(
            own=document.published,
            suggested=guess.start,
            suggested_until=guess.end,
            sources=guess.sources,
            evidence=_evidence(guess) if record is None else (record_evidence(document, record),),
        )
        user_date = document.published_from == "metadata"
        move = reanchor and (reanchor_metadata or not user_date)
        where = "metadata" if user_date else "date line"
        against = (
            counted(len(guess.sources), "source")
            if record is None
            else f"a date line of the page ('{record.text}')"
        )
        line = (
            f"{document.path}: its {where} ({days_text(document.published)}) "
            f"contradicts {against}; "
            f"it reads as published about {days_text(guess.start, guess.end)}"
        )
        if move:
            found[doc_id] = redate(found[doc_id], guess.start, guess.end, "reconciled")
            docs[doc_id] = _redated(
                document, guess, "reconciled", conflict.evidence, date_conflict=conflict
            )
            notes.append(line + ": re-anchored on it")
        else:
            docs[doc_id] = replace(document, date_conflict=conflict)
            links.extend((m.probe.id, m.reference.event.id) for m in disagree)
            hint = "--reanchor" if user_date else "`reanchor = true` or --reanchor"
            notes.append(line + f"; {hint} re-anchors it")
    log.info("%d undated documents tried, %d dates contested", len(estimates), len(conflicts))
    ordered = list(docs)
    return Dating(
        documents=[docs[i] for i in ordered],
        results=[found[i] for i in ordered],
        links=tuple(links),
        notes=tuple(notes),
    )


def _redated(
    document: Document,
    guess: Estimate,
    how: str,
    evidence: tuple[DateEvidence, ...],
    **more: object,
) -> Document:
    """`document` published on the day or days of `guess`, with where that date came from."""
    return replace(
        document,
        published=guess.start,
        published_until=guess.end if guess.end != guess.start else None,
        published_from=how,
        published_confidence=guess.confidence,
        published_evidence=evidence,
        **more,
    )


def _evidence(guess: Estimate) -> tuple[DateEvidence, ...]:
    """The strongest match for each happening and source, strongest first, then the dated
    documents that share its rare terms."""
    chosen: dict[tuple[int, str], Match] = {}
    for match in guess.evidence:
        key = (match.probe.time.start, match.reference.event.document)
        if key not in chosen or match.similarity > chosen[key].similarity:
            chosen[key] = match
    best = sorted(chosen.values(), key=lambda m: (-m.similarity, m.probe.time.start))
    phrases = tuple(
        DateEvidence(
            document=m.reference.event.document,
            phrase=m.probe.time.text,
            start=m.probe.time.start,
            other_phrase=m.reference.event.time.text,
            other_start=m.reference.event.time.start,
            value=m.reference.day or "",
            similarity=m.similarity,
        )
        for m in best[:MAX_EVIDENCE]
    )
    shared = tuple(
        DateEvidence(
            document=other,
            phrase=", ".join(terms),
            start=0,
            other_phrase=", ".join(terms),
            other_start=0,
            value=day.isoformat(),
            similarity=similarity,
            kind="shared terms",
        )
        for other, day, similarity, terms in guess.shared[: MAX_EVIDENCE - len(phrases)]
    )
    return phrases + shared

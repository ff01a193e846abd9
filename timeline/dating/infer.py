"""Choosing a publication date: the day under which a document's relative dates agree best
with the days other sources give the same happenings.

Each candidate day re-resolves the document's expressions from their frames (no parsing); a
probe event agrees under it when its phrase then names the day a matching report names. The
days with the most agreement are the answer; of those, the first few, since news is written
within a day or two of what it reports ("on Thursday" is true from Friday to Wednesday, but
the report of Thursday's talks comes out on Thursday or Friday).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from timeline.dating.evidence import Match, day_of
from timeline.records import Event, TimeExpression
from timeline.timevalue import period
from timeline.timex import Frame, resolve

WINDOW = 8  # days either side of a match's implied publication date that are tried
RANGE_DAYS = 2  # the widest range: news mostly comes out the day of what it reports or the next
SPREAD_SLACK = 1  # days more than the tightest reading that a range may still cover
MIN_CONFIDENCE = 0.4
EPSILON = 1e-6
NO_MATCH = "it shares no happening with a dated article"
NO_DATED = "no article in the collection has a publication date to compare it with"
NO_AGREEMENT = "no publication date makes its relative dates agree with the matching reports"
NO_RELATIVE = "it has no relative dates (such as 'on Thursday') to compare with dated articles"


@dataclass(frozen=True)
class Estimate:
    """The publication date (a day, or a range of days) that makes a document agree best."""

    start: date | None
    end: date | None
    confidence: float
    evidence: tuple[Match, ...] = ()  # matches that agree under the estimate
    note: str | None = None  # why there is no estimate
    scores: dict[date, float] = field(default_factory=dict)
    # Dated documents sharing its rare terms: (id, their date, similarity, the terms).
    shared: tuple[tuple[str, date, float, tuple[str, ...]], ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        found = {m.reference.event.document for m in self.evidence}
        return tuple(sorted(found | {n[0] for n in self.shared}))

    @property
    def weight(self) -> float:
        """How much the sources it rests on are trusted together."""
        weights = {m.reference.event.document: m.reference.weight for m in self.evidence}
        return sum(weights.values())


def bounds(events: Sequence[Event]) -> tuple[date | None, date | None]:
    """The days a document's own absolute dates leave open: it was written after what it
    reports happened, and before what it expects."""
    low = high = None
    for event in events:
        if event.time.anchor_from is not None:
            continue  # a relative date says nothing until the date is known
        day = day_of(event.time.value)
        if day is None:
            continue
        value = date.fromisoformat(day)
        if event.status == "reported":
            low = value if low is None or value > low else low
        elif event.status == "expected" and event.time.mod is None:
            high = value if high is None or value < high else high
    return low, high


def estimate(
    frames: Sequence[Frame],
    probes: Sequence[Event],
    matches: Sequence[Match],
    *,
    low: date | None = None,
    high: date | None = None,
    also: Sequence[date] = (),
    memo: dict[date, dict[int, TimeExpression]] | None = None,
    strict: bool = False,
) -> Estimate:
    """The best-agreeing publication date for a document with `frames`, given the matches of
    its `probes`; `also` adds candidate days (a document's own date, to score it); `memo`
    keeps the document's readings under each day tried, for the next call; `strict` keeps
    to the bounds even when they rule out every match."""
    if not probes:
        return Estimate(None, None, 0.0, note=NO_RELATIVE)
    # Each source counts once for each happening: agreement is a consensus of sources.
    pairs: dict[tuple[int, str], list[Match]] = defaultdict(list)
    for match in matches:
        if match.reference.day is not None:
            pairs[(match.probe.time.start, match.reference.event.document)].append(match)
    if not pairs:
        return Estimate(None, None, 0.0, note=NO_MATCH)
    # Only the probes' own frames are read under each day: a phrase counted from the
    # publication date does not depend on the dates before it, and this is ten times cheaper
    # than reading the whole text (re-anchoring a chosen date reads it all).
    starts = {p.time.start for p in probes}
    frames = [f for f in frames if f.start in starts]
    candidates = _candidates(pairs.values())
    allowed = [d for d in candidates if (low is None or d >= low) and (high is None or d < high)]
    base = allowed or candidates  # bounds that rule out every match are the ones in error
    if strict and not allowed:
        return Estimate(None, None, 0.0, note=NO_AGREEMENT)
    memo = {} if memo is None else memo
    scores: dict[date, float] = {}
    agreeing: dict[date, list[Match]] = {}
    fits: dict[tuple[int, str], float] = {}  # each pair's best match some day agrees with
    spreads: dict[date, int] = {}
    for day in sorted(set(base) | set(also)):
        if day not in memo:
            memo[day] = {x.start: x for x in resolve(frames, day) if x.resolved}
        values = memo[day]
        total, agree = 0.0, []
        for key, options in pairs.items():
            time = values.get(key[0])
            named = day_of(time.value) if time is not None else None
            fitting = [m for m in options if m.reference.day == named]
            if fitting:
                strongest = max(m.similarity * m.reference.weight for m in fitting)
                total += strongest
                agree.extend(fitting)
                fits[key] = max(fits.get(key, 0.0), strongest)
        scores[day] = total
        agreeing[day] = agree
        spreads[day] = _spread(values.values())
    best = max(scores[d] for d in base)
    if best <= EPSILON:
        return Estimate(None, None, 0.0, note=NO_AGREEMENT, scores=scores)
    tied = [d for d in base if scores[d] >= best - EPSILON]
    # A news story's days lie close together: of the days that agree as well, those under
    # which its own relative dates ("on Thursday", "on Friday") span the fewest days.
    tightest = min(spreads[d] for d in tied)
    tied = [d for d in tied if spreads[d] <= tightest + SPREAD_SLACK]
    first = tied[0]
    days = [first]
    while len(days) < RANGE_DAYS and days[-1] + timedelta(days=1) in tied:
        days.append(days[-1] + timedelta(days=1))
    # Matches no day can make agree ("on Friday" against a Thursday) are other happenings;
    # those some other day would make agree are evidence against this one.
    matched = sum(fits.values())
    agreeing_pairs = {(m.probe.time.start, m.reference.event.document) for m in agreeing[first]}
    confidence = (best / matched) * (1 - 0.5 ** len(agreeing_pairs))
    evidence = tuple(sorted(agreeing[first], key=lambda m: (-m.similarity, m.probe.time.start)))
    if confidence < MIN_CONFIDENCE:
        note = f"its matching reports point at different days (confidence {confidence:.2f})"
        return Estimate(None, None, confidence, evidence, note=note, scores=scores)
    return Estimate(days[0], days[-1], round(confidence, 3), evidence, scores=scores)


def _spread(expressions: Iterable[TimeExpression]) -> int:
    """How many days apart the first and last day counted from the reference date are."""
    days = [d for x in expressions if x.anchor_from == "dct" and (d := day_of(x.value)) is not None]
    return (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days if days else 0


def _candidates(groups: Iterable[list[Match]]) -> list[date]:
    """Days around those on which each match's phrase would name the other report's day."""
    days: set[date] = set()
    for options in groups:
        for match in options:
            time = match.probe.time
            named = period(time.value)
            anchor = period(time.anchor[:10]) if time.anchor else None
            if named is None or anchor is None or match.reference.day is None:
                continue
            centre = date.fromisoformat(match.reference.day) - (named.start - anchor.start)
            days.update(centre + timedelta(days=k) for k in range(-WINDOW, WINDOW + 1))
    return sorted(days)

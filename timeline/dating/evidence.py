"""Which reports of two documents tell the same happening: the evidence dates are inferred from.

A report is an event with a day: what its sentence says around the time expression (the
expression itself left out, so that two "on Thursday"s do not make a match), its headline,
predicate and actors. Two reports match when their words (TF-IDF cosine), their actors and
their predicate agree well enough; only reports of other documents are compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from timeline.records import Event
from timeline.timevalue import period

CONTEXT_WORDS = 15  # words each side of the time expression that describe its happening
ACTOR_WEIGHT = 0.25
PREDICATE_WEIGHT = 0.1
SOURCES_PER_PROBE = 3  # the sources most alike that a phrase is compared with
# Verbs that say nothing about which happening it was.
NAME_FILLERS = frozenset({"the", "of", "and", "president", "minister", "leader", "prime"})
Names = tuple[frozenset[str], ...]
LIGHT_VERBS = frozenset({"", "be", "have", "say", "tell", "do", "make", "get", "take", "go"})


@dataclass(frozen=True)
class Report:
    """An event of a document, with the day it is dated to (None for a probe)."""

    event: Event
    day: str | None  # YYYY-MM-DD the event is dated to, for a reference report
    published: date | None  # the publication date of its document, for a reference report
    weight: float = 1.0  # how far its document's date is trusted


@dataclass(frozen=True)
class Match:
    """A probe event of one document and a reference report of another that tell one happening."""

    probe: Event
    reference: Report
    similarity: float


def day_of(value: str) -> str | None:
    """The day a value names when it names one day (a clock time counts as its day)."""
    span = period(value)
    if span is None or span.granularity not in ("day", "time"):
        return None
    return span.start.isoformat()


@dataclass(frozen=True)
class References:
    """Reference reports with their vectors, ready to be matched against."""

    reports: tuple[Report, ...]
    vectors: csr_matrix
    keys: tuple[Names, ...]


class Matcher:
    """Finds, for the probe events of a document, the reference reports telling the same thing."""

    def __init__(self, events: Sequence[Event], threshold: float):
        self.threshold = threshold
        self._row: dict[str, int] = {}
        texts = []
        for event in events:
            if event.id not in self._row:
                self._row[event.id] = len(texts)
                texts.append(_text(event))
        try:
            vectorizer = TfidfVectorizer(
                sublinear_tf=True,
                stop_words="english",
                token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b",
            )
            self._vectors = csr_matrix(vectorizer.fit_transform(texts or [""]))
        except ValueError:  # nothing but stop words anywhere
            self._vectors = csr_matrix((max(len(texts), 1), 1))

    def references(self, reports: Sequence[Report]) -> References:
        """`reports` ready to match; each event must have been given to the constructor."""
        rows = [self._row[r.event.id] for r in reports]
        keys = tuple(_keys(r.event) for r in reports)
        return References(tuple(reports), self._vectors[rows], keys)

    def matches(
        self, probes: Sequence[Event], references: References, threshold: float | None = None
    ) -> list[Match]:
        """The reference reports of other documents that tell the same happening as `probes`;
        `threshold` overrides how alike they must be."""
        if not probes or not references.reports:
            return []
        threshold = self.threshold if threshold is None else threshold
        rows = [self._row[e.id] for e in probes]
        sims = (self._vectors[rows] @ references.vectors.T).toarray()
        floor = threshold - ACTOR_WEIGHT - PREDICATE_WEIGHT
        found = []
        for k, probe in enumerate(probes):
            keys = _keys(probe)
            best: dict[str, list[Match]] = {}
            # Words alone must come close before actors and predicate can tip the balance.
            for j in np.flatnonzero(sims[k] >= floor):
                reference = references.reports[j]
                if reference.event.document == probe.document:
                    continue
                bonus = _bonus(probe, keys, reference.event, references.keys[j])
                score = float(sims[k, j]) + bonus
                if score >= threshold:
                    best.setdefault(reference.event.document, []).append(
                        Match(probe, reference, round(score, 4))
                    )
            # The sources that tell it most alike: a story retold every day (new cases
            # "today") would otherwise match every day's report a little.
            ranked = sorted(best.values(), key=lambda ms: -max(m.similarity for m in ms))
            found.extend(m for ms in ranked[:SOURCES_PER_PROBE] for m in ms)
        return found


def _bonus(a: Event, a_keys: Names, b: Event, b_keys: Names) -> float:
    bonus = 0.0
    if a_keys and b_keys:
        # The share of the shorter list of actors the other names too: "Putin and Xi" are
        # "Xi Jinping, Vladimir Putin and Ukraine" less the country.
        short, long = sorted((a_keys, b_keys), key=len)
        named = sum(any(name & other for other in long) for name in short)
        bonus += ACTOR_WEIGHT * named / len(short)
    if a.predicate == b.predicate and a.predicate not in LIGHT_VERBS:
        bonus += PREDICATE_WEIGHT
    return bonus


def _text(event: Event) -> str:
    """The words around the time expression, without it, then the clause's own summary."""
    offset = event.time.start - event.sentence_start
    sentence = event.sentence
    if 0 <= offset <= len(sentence):
        before = sentence[:offset].split()[-CONTEXT_WORDS:]
        after = sentence[offset + len(event.time.text) :].split()[:CONTEXT_WORDS]
        sentence = " ".join(before + after)
    return " ".join((sentence, event.headline, event.predicate, *event.actors))


def _keys(event: Event) -> Names:
    """Each actor's name as its set of lower-case words: "Vladimir Putin" meets "Putin"."""
    names = []
    for name in event.actors:
        words = {re.sub(r"['’]s$", "", w).lower() for w in re.findall(r"[\w'’-]+", name)}
        words -= NAME_FILLERS
        if words:
            names.append(frozenset(words))
    return tuple(names)

"""Evidence from one-off happenings: the rare names, words and figures a document shares with
dated documents, weighted by how rare they are in the collection.

A topic reported every day repeats its common words every day ("new cases confirmed today"),
so they date nothing. A death toll of "109 cases", a name in one week's news, a ruling or a
venue are written about around the days they happen. The days of the dated documents that
share a document's rarest terms say when it was written: the idea of temporal language models
for document dating (de Jong, Rode and Hiemstra 2005; Kanhabua and Nørvåg 2008), with terms
weighted by inverse document frequency so that a word every day's report uses counts for
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from timeline.vocabulary.time import DEICTIC_DAYS, MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

# Words and figures; a figure keeps the word after it, so "109 cases" is one term.
_TERM = re.compile(r"\d[\d,.]*(?:\s+[^\W\d_]{3,})?|[^\W\d_][\w'’-]+")
# Time words name when, not what: sharing "Thursday" says nothing about the happening.
_IGNORED = (
    frozenset(ENGLISH_STOP_WORDS)
    | set(MONTHS)
    | set(MONTH_ABBREVIATIONS)
    | set(WEEKDAYS)
    | set(DEICTIC_DAYS)
)
NEIGHBOURS = 5  # the dated documents most alike that vote on the day
MIN_SIMILARITY = 0.1  # below this, two documents share no happening worth the name
_ROWS = 512  # documents compared with every dated one at once
WINDOW = 1  # days either side of a day that count as the same news (time zones, next-day reports)
# When the timing is clear enough to steer: the most alike document shares this much, and
# most votes fall within SPAN days of the peak. Rare terms place a report within days, not to
# the day (follow-ups share them too): the relative dates choose the day within REACH of it.
STRONG = 0.15
CONCENTRATED = 0.6
SPAN = 3
REACH = 4
SHARED_SHOWN = 3  # rare terms named as the evidence for one source


def terms(text: str) -> list[str]:
    """The words and figures of `text` that may name a happening, lower case."""
    found = []
    for term in _TERM.findall(text.lower()):
        if term[0].isdigit():
            figure, *word = term.split(maxsplit=1)
            # "25 january", "91 yesterday", "in 2011. the": a time word or the next sentence's
            # first word says nothing of what was counted; the figure stands alone.
            if figure[-1] in ".," or (word and word[0] in _IGNORED):
                term = figure.rstrip(".,")
            term = term.replace(",", "")
        elif term in _IGNORED:
            continue
        if len(term) >= 3:
            found.append(term)
    return found


@dataclass(frozen=True)
class Timing:
    """When the dated documents sharing a document's rare terms were published."""

    votes: dict[date, float] = field(default_factory=dict)  # day -> summed similarity
    strength: float = 0.0  # the similarity of the most alike dated document
    neighbours: tuple[tuple[str, date, float, tuple[str, ...]], ...] = ()  # id, day, sim, terms

    @property
    def total(self) -> float:
        return sum(self.votes.values())

    def near(self, day: date, days: int = WINDOW) -> float:
        """The votes for `day` and the days within `days` of it."""
        return sum(self.votes.get(day + timedelta(days=k), 0.0) for k in range(-days, days + 1))

    def peak(self) -> date | None:
        """The day whose neighbourhood gathers the most votes."""
        if not self.votes:
            return None
        # Only a day within WINDOW of a vote gathers any: the votes may span twenty years.
        days = sorted(
            {d + timedelta(days=k) for d in self.votes for k in range(-WINDOW, WINDOW + 1)}
        )
        # Of equal neighbourhoods, the day with most votes of its own, then the earliest.
        return max(
            days,
            key=lambda d: (round(self.near(d), 9), self.votes.get(d, 0.0), -d.toordinal()),
        )

    def share(self, day: date, days: int = WINDOW) -> float:
        """The part of all votes that falls within `days` of `day`."""
        return self.near(day, days) / self.total if self.total else 0.0

    def window(self) -> tuple[date, date] | None:
        """The days the shared happenings allow, when they are clear enough to say."""
        peak = self.peak()
        if peak is None or self.strength < STRONG or self.share(peak, SPAN) < CONCENTRATED:
            return None
        return peak - timedelta(days=REACH), peak + timedelta(days=REACH)

    def unsupported(self, day: date) -> bool:
        """Whether documents clearly alike exist and none of them was published near `day`."""
        return self.strength >= STRONG and self.near(day, SPAN) == 0.0

    def against(self, day: date) -> bool:
        """Whether the shared happenings clearly put the document elsewhere than `day`."""
        window = self.window()
        if window is None or window[0] <= day <= window[1]:
            return False
        return self.share(day, SPAN) < 1 - CONCENTRATED


class Happenings:
    """The rare terms of every document of a collection, ready to compare."""

    def __init__(self, texts: Mapping[str, str]):
        self._row = {doc_id: k for k, doc_id in enumerate(texts)}
        try:
            vectorizer = TfidfVectorizer(analyzer=terms, binary=True, min_df=2)
            self._vectors = csr_matrix(vectorizer.fit_transform(list(texts.values()) or [""]))
            self._names = vectorizer.get_feature_names_out()
            self._idf = vectorizer.idf_
        except ValueError:  # no term shared by two documents
            self._vectors = csr_matrix((max(len(texts), 1), 1))
            self._names = np.array([""])
            self._idf = np.zeros(1)

    def timings(self, ids: Sequence[str], dated: Mapping[str, date]) -> dict[str, Timing]:
        """When the dated documents most alike each of `ids` were published (itself left
        out): one product of two sparse matrices for all of them."""
        others = list(dated)
        if not ids or not others:
            return {doc_id: Timing() for doc_id in ids}
        column = {doc_id: k for k, doc_id in enumerate(others)}
        against = self._vectors[[self._row[i] for i in others]].T.tocsc()
        found = {}
        # A few hundred rows at a time: the full table of 27,000 articles would take 6 GB.
        for low in range(0, len(ids), _ROWS):
            chunk = ids[low : low + _ROWS]
            sims = (self._vectors[[self._row[i] for i in chunk]] @ against).toarray()
            for n, doc_id in enumerate(chunk):
                if doc_id in column:
                    sims[n, column[doc_id]] = 0.0
                found[doc_id] = self._timing(doc_id, sims[n], others, dated)
        return found

    def _timing(
        self, doc_id: str, sims: np.ndarray, others: list[str], dated: Mapping[str, date]
    ) -> Timing:
        # The NEIGHBOURS most alike, ties in collection order, without sorting every document.
        top = min(NEIGHBOURS, len(sims))
        kth = np.partition(sims, len(sims) - top)[len(sims) - top]
        candidates = np.flatnonzero(sims >= max(kth, MIN_SIMILARITY))
        order = candidates[np.argsort(-sims[candidates], kind="stable")][:NEIGHBOURS]
        votes: dict[date, float] = {}
        neighbours = []
        for k in order:
            if sims[k] < MIN_SIMILARITY:
                break
            other, day = others[k], dated[others[k]]
            votes[day] = votes.get(day, 0.0) + float(sims[k])
            neighbours.append((other, day, round(float(sims[k]), 4), self.shared(doc_id, other)))
        strength = float(sims.max())
        return Timing(votes, strength, tuple(neighbours))

    def shared(self, one: str, other: str) -> tuple[str, ...]:
        """The rarest terms two documents share."""
        a = self._vectors[self._row[one]].indices
        b = self._vectors[self._row[other]].indices
        common = np.intersect1d(a, b)
        rarest = common[np.argsort(-self._idf[common], kind="stable")[:SHARED_SHOWN]]
        return tuple(str(self._names[k]) for k in rarest)

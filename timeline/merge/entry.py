"""One `Entry` from a group of merged events: its date, headline, summary, names and claims."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix

from timeline.merge.items import Item, span
from timeline.merge.rank import Weights, importance
from timeline.records import DateClaim, Entry, Event
from timeline.timevalue import period

UNREADABLE = 0.5  # importance kept by an entry whose best headline has no subject or verb
# A headline is read alone: one that opens on a pronoun ("His brothers defend ...") or has
# "him" or "them" in it ("... the compound reportedly housing him") may not say who; a
# mention that names everyone leads before it.
_PRONOUN_START = re.compile(
    r"^(he|she|it|they|we|i|you|this|that|there|his|her|its|their)\b", re.IGNORECASE
)
_PRONOUN_OBJECT = re.compile(r"\b(him|them)\b", re.IGNORECASE)


def topicality(groups: list[list[list[int]]], vectors: csr_matrix) -> np.ndarray:
    """How close each group is to the collection's main subject: the cosine of its summed
    vectors with the sum of all vectors."""
    sums = _sums(groups, vectors)
    centre = np.asarray(vectors.sum(axis=0)).ravel()
    centre /= float(np.linalg.norm(centre)) or 1.0
    lengths = np.sqrt(np.asarray(sums.multiply(sums).sum(axis=1)).ravel())
    return np.asarray(sums @ centre).ravel() / np.where(lengths > 0, lengths, 1.0)


def _sums(groups: list[list[list[int]]], vectors: csr_matrix) -> csr_matrix:
    members = [sorted(i for cluster in group for i in cluster) for group in groups]
    pairs = [(g, i) for g, rows in enumerate(members) for i in rows]
    assign = csr_matrix(
        (np.ones(len(pairs)), ([g for g, _ in pairs], [i for _, i in pairs])),
        shape=(len(groups), vectors.shape[0]),
    )
    return csr_matrix(assign @ vectors)  # each group's vectors added up


def entries(
    items: list[Item],
    groups: list[list[list[int]]],
    vectors: csr_matrix,
    topical: np.ndarray,
    references: dict[tuple[date, date], float],
    weights: Weights,
) -> list[Entry]:
    """One Entry per group; the vector sums every entry needs are computed in one go."""
    members = [sorted(i for cluster in group for i in cluster) for group in groups]
    sums = _sums(groups, vectors)
    # How close each event is to the rest of its group: its vector against the group's sum.
    group_of = np.empty(vectors.shape[0], dtype=np.int64)
    for g, rows in enumerate(members):
        group_of[rows] = g
    centrality = np.asarray(vectors.multiply(sums[group_of]).sum(axis=1)).ravel()
    built = [
        _entry(
            items, group, rows, centrality[rows] / len(rows), float(topical[g]), references, weights
        )
        for g, (group, rows) in enumerate(zip(groups, members, strict=True))
    ]
    # The entries of one date share its weight by their sources: the happening most sources
    # report keeps it all, a one-source aside on the same busy day keeps little of it.
    most: dict[tuple[date, date], int] = defaultdict(int)
    for entry in built:
        most[(entry.start, entry.end)] = max(most[(entry.start, entry.end)], len(entry.documents))
    return [
        replace(e, importance=round(e.importance * _share(e, most[(e.start, e.end)]), 6))
        for e in built
    ]


def _share(entry: Entry, most: int) -> float:
    return math.log2(1 + len(entry.documents)) / math.log2(1 + most)


def _entry(
    items: list[Item],
    group: list[list[int]],
    members: list[int],
    centrality: np.ndarray,
    topical: float,
    references: dict[tuple[date, date], float],
    weights: Weights,
) -> Entry:
    claims = _claims(items, group)
    value = _date_value(items, group)
    when = period(value)
    assert when is not None
    # Headline and summary come from one mention, dated as the entry is: an entry never
    # shows one source's headline over another's sentence, nor "on 12 April" under 10 April.
    events = tuple(
        sorted((items[i].event for i in members), key=lambda e: (e.document, e.time.start))
    )
    status = "expected" if all(e.status == "expected" for e in events) else "reported"
    # ... and tells it as the entry's status says: what happened, when a source reports it,
    # not what someone planned or imagined of that day.
    agreeing = [k for k in range(len(members)) if items[members[k]].event.time.value == value]
    lead = max(
        agreeing or range(len(members)),
        key=lambda k: (
            items[members[k]].event.status == status,
            _quality(items[members[k]].event) + centrality[k],
            -k,
        ),
    )
    documents = {e.document for e in events}
    reference = references.get((when.start, when.end), 0.0)
    score = importance(when.granularity, len(documents), reference, topical, weights)
    if _headline_quality(items[members[lead]].event) < 0:
        score *= UNREADABLE  # no mention tells what happened: it cannot tell the story
    # Named after its first mention, so that a permalink survives another source joining
    # the entry or the sources refining its date; no two entries share a mention.
    digest = hashlib.sha1(events[0].id.encode()).hexdigest()[:12]
    return Entry(
        id=digest,
        date=value,
        start=when.start,
        end=when.end,
        headline=items[members[lead]].event.headline,
        summary=_summary(items[members[lead]].event.sentence),
        events=events,
        status=status,
        actors=_ranked(name for e in events for name in e.actors),
        places=_ranked(name for e in events for name in e.places),
        importance=round(score, 6),
        conflicts=claims if len(claims) > 1 else (),
    )


def _claims(items: list[Item], group: list[list[int]]) -> tuple[DateClaim, ...]:
    by_value: dict[str, set[str]] = defaultdict(set)
    for cluster in group:
        by_value[_cluster_value(items, cluster)].update(items[i].event.document for i in cluster)
    return tuple(DateClaim(v, tuple(sorted(d))) for v, d in sorted(by_value.items()))


def _cluster_value(items: list[Item], cluster: list[int]) -> str:
    """The most precise value of the cluster, the one most of its sources give."""
    start, end = span(items, cluster)
    values = Counter(
        items[i].event.time.value
        for i in cluster
        if (items[i].period.start, items[i].period.end) == (start, end)
    )
    return min(values, key=lambda v: (-values[v], v))


def _date_value(items: list[Item], group: list[list[int]]) -> str:
    """Of conflicting claims, the one given by most documents, then the most precise."""

    def rank(cluster: list[int]) -> tuple:
        when = span(items, cluster)
        docs = len({items[i].event.document for i in cluster})
        return (-docs, when[1] - when[0], when[0])

    return _cluster_value(items, min(group, key=rank))


def _quality(event: Event) -> float:
    """How well a mention would read as the entry: its headline, then its sentence."""
    return _headline_quality(event) + _summary_quality(event)


def _headline_quality(event: Event) -> float:
    words = event.headline.split()
    score = 0.0
    if 4 <= len(words) <= 14:
        score += 0.5
    if event.headline[:1].isupper() and event.actors:
        score += 0.3
    if _PRONOUN_START.match(event.headline) or event.headline.startswith("To "):
        score -= 0.5
    if _PRONOUN_OBJECT.search(event.headline):
        score -= 0.5
    if len(words) < 3:
        score -= 1.0
    if words and event.predicate and words[0].lower().startswith(event.predicate[:3]):
        score -= 0.6  # no subject: "Holds talks ..."
    return score


def _summary_quality(event: Event) -> float:
    words = len(event.sentence.split())
    return 0.5 if 8 <= words <= 50 else 0.0


def _summary(sentence: str) -> str:
    return " ".join(sentence.split())


def _ranked(names: Iterable[str]) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for position, name in enumerate(names):
        counts[name] += 1
        first.setdefault(name, position)
    return tuple(sorted(counts, key=lambda n: (-counts[n], first[n]))[:8])

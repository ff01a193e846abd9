"""Clustering: events that tell the same happening become one group, then one sourced Entry.

Events are compared only when their dates are compatible (the same period, or one period
inside the other), and within a date only the pairs that share a word, a name, a verb family
or a place (`timeline.merge.linkage`), so the cost grows with those pairs, not with the
square of the collection or of its busiest day; copies of one report count once. Within a
date, events are clustered by average-linkage over a similarity
of what they say: TF-IDF cosine of the clause (headline, actors, places) and of the whole
sentence, plus the overlap of their actors; two reports that place their happening in
different towns never link. Wording splits a busy day into as many clusters as there are ways
to tell its news, so clusters of one date that agree on verb, actor and place then join (see
`timeline.merge.agree`), and a vaguely dated cluster joins the one inside its period that
says the same thing, the coarser mention kept as a mention. A last pass joins clusters of
different, incompatible dates that tell the same one-off happening ("founded in 2001" and
"its establishment in 2002") and records the disagreement as date claims. Ranking is
`timeline.merge.rank`.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from timeline.merge import linkage
from timeline.merge.agree import (
    ONE_OFF,
    PREDICATE_FAMILIES,
    Gist,
    agree,
    common_places,
    contains,
    family,
    gist,
    places,
)
from timeline.merge.entry import entries as build_entries
from timeline.merge.entry import topicality
from timeline.merge.items import Item, collect, span
from timeline.merge.names import Names
from timeline.merge.rank import DEFAULT_WEIGHTS, Weights, condense, reference_weights
from timeline.records import Entry, Event

log = logging.getLogger(__name__)

SAME = 0.30  # similarity above which two events on one date tell the same happening
CONTAINED = 0.38  # stricter for a vaguer date joining a precise one ("February" + "4 Feb")
CONFLICT = 0.9  # other happenings recur ("Putin meets Xi"): only near-identical reports
ONE_OFF_CONFLICT = 0.05  # one-off predicates with the same subject need little more
ACTOR_WEIGHT = 0.25
PREDICATE_WEIGHT = 0.1  # the same verb (or verb family) for the two events
CONTEXT_WORDS = 15  # words each side of the time expression that describe its event
MAX_BLOCK = 60  # a (predicate, subject) block larger than this is too generic to compare


@dataclass(frozen=True)
class Grouping:
    """The merge before ranking: every event, and which of them tell one happening."""

    items: list[Item]
    groups: list[list[list[int]]]  # per happening, its clusters (one per date claimed)
    vectors: csr_matrix  # each item's text vector, rows normalised


def merge_events(
    events: Sequence[Event],
    *,
    max_entries: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    links: Iterable[tuple[str, str]] = (),
) -> list[Entry]:
    """One Entry per happening, in chronological order; the `max_entries` most important.
    `links` are pairs of event ids that dating found to tell one happening on different days:
    their clusters join as a date disagreement."""
    return rank_groups(group_events(events, links), max_entries=max_entries, weights=weights)


def group_events(events: Sequence[Event], links: Iterable[tuple[str, str]] = ()) -> Grouping:
    """Which events tell one happening: the part of the merge no ranking weight changes."""
    items = collect(events)
    if not items:
        return Grouping([], [], csr_matrix((0, 1)))
    clause, sentence = _vectors(items)
    vectors = normalize(csr_matrix(hstack([clause, sentence])))
    people = Names(a for item in items for a in item.event.actors)
    common = common_places(items, people)
    wheres = [places(item.event, people, common) for item in items]
    clusters = _cluster_by_date(items, clause, sentence, wheres)
    clusters = _join_agreeing(items, clusters, people, common)
    clusters = _attach_contained(items, clusters, vectors, people, common)
    groups = _join_conflicts(items, clusters, vectors, people, links)
    log.info("grouped %d events into %d happenings", len(items), len(groups))
    return Grouping(items, groups, vectors)


def rank_groups(
    grouping: Grouping, *, max_entries: int | None = None, weights: Weights = DEFAULT_WEIGHTS
) -> list[Entry]:
    """The entries of a grouping, in chronological order; the `max_entries` most important."""
    if not grouping.items:
        return []
    items, groups, vectors = grouping.items, grouping.groups, grouping.vectors
    topical = topicality(groups, vectors)
    central = np.empty(len(items))
    for g, group in enumerate(groups):
        for cluster in group:
            central[cluster] = topical[g]
    references = reference_weights(items, weights, central)
    entries = build_entries(items, groups, vectors, topical, references, weights)
    if max_entries is not None:
        entries = condense(entries, max_entries, weights)
    entries.sort(key=lambda e: (e.start, e.end, e.id))
    return entries


def _vectors(items: list[Item]) -> tuple[csr_matrix, csr_matrix]:
    clauses = [_clause_text(i.event) for i in items]
    sentences = [_context(i.event) for i in items]
    options = dict(
        sublinear_tf=True,
        stop_words="english",
        lowercase=True,
        token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b",
    )
    try:
        clause = TfidfVectorizer(**options).fit_transform(clauses)
        sentence = TfidfVectorizer(**options).fit_transform(sentences)
    except ValueError:  # nothing but stop words in the whole collection
        empty = csr_matrix((len(items), 1))
        return empty, empty
    return csr_matrix(clause), csr_matrix(sentence)


def _context(event: Event) -> str:
    """The words around the time expression: what the sentence says about that date."""
    offset = event.time.start - event.sentence_start
    if not 0 <= offset <= len(event.sentence):
        return event.sentence
    before = event.sentence[:offset].split()[-CONTEXT_WORDS:]
    after = event.sentence[offset:].split()[: CONTEXT_WORDS + 3]
    return " ".join(before + after)


def _clause_text(event: Event) -> str:
    return " ".join((event.headline, event.predicate, *event.actors, *event.places))


def _cluster_by_date(
    items: list[Item], clause: csr_matrix, sentence: csr_matrix, wheres: list[frozenset[str]]
) -> list[list[int]]:
    """Average-linkage clusters within each block of events dated to the same period, on the
    pairs that share something (see `timeline.merge.linkage`): no n x n matrix for a busy day.
    Two reports that place their happening in different towns tell two happenings, however
    alike their words ("108 killed in Houla", "20 killed in Homs")."""
    blocks: dict[tuple[date, date], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        blocks[(item.period.start, item.period.end)].append(index)
    weights = linkage.Weights(actor=ACTOR_WEIGHT, predicate=PREDICATE_WEIGHT)
    clusters: list[list[int]] = []
    for rows in blocks.values():
        if len(rows) == 1:
            clusters.append(rows)
            continue
        block = linkage.Block(
            clause=clause[rows],
            sentence=sentence[rows],
            keys=[items[r].keys for r in rows],
            families=[family(items[r].event.predicate) for r in rows],
            wheres=[wheres[r] for r in rows],
        )
        for cluster in linkage.clusters(block, weights, SAME):
            clusters.append([rows[k] for k in cluster])
    return clusters


def _join_agreeing(
    items: list[Item], clusters: list[list[int]], people: Names, common: frozenset[str]
) -> list[list[int]]:
    """Join clusters of one date that tell one happening in different words: the same verb
    family, a shared actor or place, no contradiction (see `agree`). Wording alone splits a
    busy day into as many entries as there are ways to tell its news."""
    by_date: dict[tuple[date, date], list[int]] = defaultdict(list)
    for index, cluster in enumerate(clusters):
        by_date[span(items, cluster)].append(index)
    parent = list(range(len(clusters)))
    for indices in by_date.values():
        if len(indices) < 2:
            continue
        gists = {i: gist(items, clusters[i], people, common) for i in indices}
        by_family: dict[str, list[int]] = defaultdict(list)
        for i in indices:
            if gists[i].family:
                by_family[gists[i].family].append(i)
        for members in by_family.values():
            for a, x in enumerate(members):
                for y in members[a + 1 :]:
                    if agree(gists[x], gists[y]):
                        ra, rb = _root(parent, x), _root(parent, y)
                        parent[max(ra, rb)] = min(ra, rb)
    merged: dict[int, list[int]] = defaultdict(list)
    for index, cluster in enumerate(clusters):
        merged[_root(parent, index)].extend(cluster)
    return [sorted(c) for c in merged.values()]


def _centroids(clusters: list[list[int]], vectors: csr_matrix) -> csr_matrix:
    pairs = [(n, i, 1.0 / len(c)) for n, c in enumerate(clusters) for i in c]
    assign = csr_matrix(
        ([p[2] for p in pairs], ([p[0] for p in pairs], [p[1] for p in pairs])),
        shape=(len(clusters), vectors.shape[0]),
    )
    return normalize(csr_matrix(assign @ vectors))


def _attach_contained(
    items: list[Item],
    clusters: list[list[int]],
    vectors: csr_matrix,
    people: Names,
    common: frozenset[str],
) -> list[list[int]]:
    """Join each vaguely dated cluster to the most similar cluster dated inside it that says
    the same thing, or failing that, to one that reads alike."""
    centroids = _centroids(clusters, vectors)
    spans = [span(items, c) for c in clusters]
    keys = [frozenset().union(*(items[i].keys for i in c)) for c in clusters]
    by_key: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for index, cluster_keys in enumerate(keys):
        for key in cluster_keys:
            by_key[key].append((spans[index][0], index))
    for entries in by_key.values():
        entries.sort()
    known: dict[int, Gist] = {}

    def gists(index: int) -> Gist:
        if index not in known:
            known[index] = gist(items, clusters[index], people, common)
        return known[index]

    target = list(range(len(clusters)))
    for index in sorted(range(len(clusters)), key=lambda i: spans[i][1] - spans[i][0]):
        start, end = spans[index]
        if start == end:
            continue
        candidates: set[int] = set()
        for key in keys[index]:
            listing = by_key[key]
            low = bisect_left(listing, (start, -1))
            high = bisect_right(listing, (end, len(clusters)))
            candidates.update(other for _, other in listing[low:high])
        candidates = {
            c
            for c in candidates
            if spans[c][1] <= end and (spans[c][1] - spans[c][0]) < (end - start)
        }
        if not candidates:
            continue
        ordered = sorted(candidates)
        sims = (centroids[ordered] @ centroids[index].T).toarray().ravel()
        coarse = gists(index)
        if coarse.total:  # a total over the period belongs to none of its days
            continue
        agreeing = [k for k, c in enumerate(ordered) if contains(coarse, gists(c))]
        best = max(agreeing, key=lambda k: (sims[k], -k)) if agreeing else int(np.argmax(sims))
        if agreeing or sims[best] >= CONTAINED:
            target[index] = _root(target, ordered[best])
    merged: dict[int, list[int]] = defaultdict(list)
    for index, cluster in enumerate(clusters):
        merged[_root(target, index)].extend(cluster)
    return [sorted(c) for c in merged.values()]


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _compatible(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _join_conflicts(
    items: list[Item],
    clusters: list[list[int]],
    vectors: csr_matrix,
    people: Names,
    links: Iterable[tuple[str, str]] = (),
) -> list[list[list[int]]]:
    """Group clusters on incompatible dates that tell the same happening."""
    centroids = _centroids(clusters, vectors)
    spans = [span(items, c) for c in clusters]
    documents = [frozenset(items[i].event.document for i in c) for c in clusters]
    blocks: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, cluster in enumerate(clusters):
        for i in cluster:
            event = items[i].event
            if event.actors and event.predicate:
                family = PREDICATE_FAMILIES.get(event.predicate, event.predicate)
                blocks[(family, people.key(event.actors[0]))].add(index)
    parent = list(range(len(clusters)))
    for (family, _), members in sorted(blocks.items()):
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        ordered = sorted(members)
        sims = (centroids[ordered] @ centroids[ordered].T).toarray()
        threshold = ONE_OFF_CONFLICT if family in ONE_OFF else CONFLICT
        for a in range(len(ordered)):
            for b in range(a + 1, len(ordered)):
                x, y = ordered[a], ordered[b]
                if _compatible(spans[x], spans[y]) or documents[x] & documents[y]:
                    continue
                if sims[a, b] >= threshold:
                    ra, rb = _root(parent, x), _root(parent, y)
                    parent[max(ra, rb)] = min(ra, rb)
    cluster_of = {items[i].event.id: n for n, cluster in enumerate(clusters) for i in cluster}
    for a_id, b_id in links:
        x, y = cluster_of.get(a_id), cluster_of.get(b_id)
        if x is not None and y is not None:
            ra, rb = _root(parent, x), _root(parent, y)
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[list[int]]] = defaultdict(list)
    for index, cluster in enumerate(clusters):
        groups[_root(parent, index)].append(cluster)
    return list(groups.values())

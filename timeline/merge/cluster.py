"""Cross-source merge: events that tell the same happening become one sourced Entry.

Events are compared only when their dates are compatible (the same period, or one period
inside the other), so the cost grows with the size of the busiest date, not with the square
of the collection. Within a date, events are clustered by average-linkage over a similarity
of what they say: TF-IDF cosine of the clause (headline, actors, places) and of the whole
sentence, plus the overlap of their actors. A second pass joins clusters of different,
incompatible dates that tell the same one-off happening ("founded in 2001" and "its
establishment in 2002") and records the disagreement as date claims.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from timeline.records import DateClaim, Entry, Event
from timeline.timevalue import Period, period

log = logging.getLogger(__name__)

SAME = 0.30  # similarity above which two events on one date tell the same happening
CONTAINED = 0.38  # stricter for a vaguer date joining a precise one ("February" + "4 Feb")
CONFLICT = 0.9  # other happenings recur ("Putin meets Xi"): only near-identical reports
ONE_OFF_CONFLICT = 0.05  # one-off predicates with the same subject need little more
ACTOR_WEIGHT = 0.25
PREDICATE_WEIGHT = 0.1  # the same verb (or verb family) for the two events
CONTEXT_WORDS = 15  # words each side of the time expression that describe its event
MAX_BLOCK = 60  # a (predicate, subject) block larger than this is too generic to compare

# Predicates that name a happening which occurs once for a given subject: a second date
# for it is a disagreement between sources, not a second happening.
PREDICATE_FAMILIES = {
    "found": "found",
    "establish": "found",
    "set up": "found",
    "create": "found",
    "form": "found",
    "launch": "found",
    "inaugurate": "found",
    "start": "found",
    "bear": "born",
    "die": "die",
    "kill": "die",
    "assassinate": "die",
    "bury": "bury",
    "become independent": "independence",
    "marry": "marry",
}
_GENERIC = frozenset(
    {
        "us",
        "president",
        "minister",
        "prime",
        "leader",
        "government",
        "party",
        "committee",
        "council",
        "ministry",
        "department",
        "new",
        "united",
        "states",
    }
)
_LIGHT = frozenset(
    {
        "",
        "be",
        "have",
        "say",
        "tell",
        "do",
        "make",
        "get",
        "take",
        "go",
        "come",
        "add",
        "see",
        "report",
        "give",
    }
)
ONE_OFF = frozenset({"found", "born", "die", "bury", "independence", "marry"})

# A condensed timeline is a list of days: a coarser period takes a place only when it is
# pointed at far more strongly than any day left out.
_GRANULARITY_WEIGHT = {
    "time": 1.0,
    "day": 1.0,
    "week": 0.25,
    "month": 0.2,
    "quarter": 0.15,
    "season": 0.15,
    "half": 0.15,
    "year": 0.1,
    "decade": 0.05,
    "century": 0.02,
}
_PRONOUN_START = re.compile(r"^(he|she|it|they|we|i|you|this|that|there)\b", re.IGNORECASE)
# Ranking for `max_entries`: a date is as important as the number of articles that point at
# it, each weighted by when it was published relative to that day.
SAME_DAY_WEIGHT = 0.25  # an article published on the day itself ("today", "this morning")
NEAR_DAYS = 7  # published within a week of the day: the news of the day
FAR_WEIGHT = 2.0  # published later still and recalling the day: a landmark of the story
FUTURE_WEIGHT = 0.25  # published before the day: a date planned or expected
UNDATED_WEIGHT = 1.0  # an article whose publication day is unknown
BEFORE_DAYS = 30  # the story starts at most this long before its first article...
OUTSIDE_WEIGHT = 0.0  # ...and a day outside that span counts this much
# The articles published on a day or the day after (the news of the day) only break ties
# between days pointed at as strongly: weighed more, they trade the background of a story
# (days before its first article) for its busiest days, which helps on some collections and
# hurts on others.
PUBLISHED_WEIGHT = 0.01
NEXT_DAY_WEIGHT = 1.0  # an article of the next day counts as much as one of the day
# A day also gets this share of what points at the days either side: sources date a
# happening that spans midnight, or one reported across time zones, a day apart.
NEIGHBOUR_WEIGHT = 0.25
ENTRY_WEIGHT = 0.02  # sources and topicality pick the entry of a date, not the date
SOURCES_WEIGHT = 1.0
TOPIC_WEIGHT = 2.0


@dataclass(frozen=True)
class _Item:
    event: Event
    period: Period
    keys: frozenset[str]  # actor and place keys, for blocking and overlap


def merge_events(
    events: Sequence[Event],
    *,
    max_entries: int | None = None,
    links: Iterable[tuple[str, str]] = (),
) -> list[Entry]:
    """One Entry per happening, in chronological order; the `max_entries` most important.
    `links` are pairs of event ids that dating found to tell one happening on different days:
    their clusters join as a date disagreement."""
    items = _items(events)
    if not items:
        return []
    clause, sentence = _vectors(items)
    vectors = normalize(csr_matrix(hstack([clause, sentence])))
    clusters = _cluster_by_date(items, clause, sentence)
    clusters = _attach_contained(items, clusters, vectors)
    groups = _join_conflicts(items, clusters, vectors, links)
    entries = _entries(items, groups, vectors, _reference_weights(items))
    if max_entries is not None:
        entries = _condense(entries, max_entries)
    entries.sort(key=lambda e: (e.start, e.end, e.id))
    log.info("merged %d events into %d entries", len(items), len(entries))
    return entries


def _items(events: Iterable[Event]) -> list[_Item]:
    """Events with a calendar period, without exact repeats, in a canonical order."""
    seen: dict[Event, _Item] = {}
    for event in events:
        span = period(event.time.value)
        if span is None or event in seen:
            continue
        seen[event] = _Item(event, span, frozenset(_keys(event)))
    return sorted(seen.values(), key=_order)


def _order(item: _Item) -> tuple:
    e = item.event
    return (
        item.period.start,
        item.period.end,
        e.time.value,
        e.document,
        e.time.start,
        e.sentence_start,
        e.headline,
        e.sentence,
        e.predicate,
        e.actors,
        e.places,
        e.status,
    )


def _keys(event: Event) -> set[str]:
    keys: set[str] = set()
    for name in (*event.actors, *event.places):
        words = _name_words(name)
        keys.update(w.lower() for w in words if w.lower() not in _GENERIC)
        if len(words) >= 3 and all(w[:1].isupper() for w in words):
            keys.add("".join(w[0] for w in words).lower())  # "Shanghai Cooperation Organization"
    return keys


def _name_words(name: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", name)
    return [re.sub(r"['’]s$", "", w) for w in words if w.lower() not in ("the", "of", "and")]


def _key(name: str) -> str:
    """A name reduced so that "Vladimir Putin" meets "Putin" and the SCO its long name."""
    words = _name_words(name)
    if not words:
        return ""
    if len(words) > 1 and all(w[:1].isupper() for w in words) and len(words) >= 3:
        return "".join(w[0] for w in words).lower()  # "Shanghai Cooperation Organization"
    return re.sub(r"['’]s$", "", words[-1]).lower()


def _vectors(items: list[_Item]) -> tuple[csr_matrix, csr_matrix]:
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


def _similarity(
    items: list[_Item], rows: list[int], clause: csr_matrix, sentence: csr_matrix
) -> np.ndarray:
    """Pairwise similarity of the given events: text cosines plus shared actors."""
    c = clause[rows]
    s = sentence[rows]
    sim = 0.5 * (c @ c.T).toarray() + 0.5 * (s @ s.T).toarray()
    names = sorted({k for r in rows for k in items[r].keys})
    if names:
        column = {k: n for n, k in enumerate(names)}
        pairs = [(a, column[k]) for a, r in enumerate(rows) for k in items[r].keys]
        keys = csr_matrix(
            (np.ones(len(pairs)), ([p[0] for p in pairs], [p[1] for p in pairs])),
            shape=(len(rows), len(names)),
        )
        shared = (keys @ keys.T).toarray()
        sizes = np.asarray(keys.sum(axis=1)).ravel()
        union = sizes[:, None] + sizes[None, :] - shared
        sim += ACTOR_WEIGHT * np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    families = [_family(items[r].event.predicate) for r in rows]
    for a in range(len(rows)):
        for b in range(a + 1, len(rows)):
            if families[a] and families[a] == families[b]:
                sim[a, b] += PREDICATE_WEIGHT
                sim[b, a] += PREDICATE_WEIGHT
    return sim


def _family(predicate: str) -> str:
    """A predicate's family, empty for verbs too common to say anything ("be", "say")."""
    if predicate in _LIGHT:
        return ""
    return PREDICATE_FAMILIES.get(predicate, predicate)


def _cluster_by_date(
    items: list[_Item], clause: csr_matrix, sentence: csr_matrix
) -> list[list[int]]:
    """Average-linkage clusters within each block of events dated to the same period."""
    blocks: dict[tuple[date, date], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        blocks[(item.period.start, item.period.end)].append(index)
    clusters: list[list[int]] = []
    for rows in blocks.values():
        if len(rows) == 1:
            clusters.append(rows)
            continue
        sim = _similarity(items, rows, clause, sentence)
        distance = np.clip(1.0 - sim, 0.0, None)
        condensed = distance[np.triu_indices(len(rows), k=1)]
        labels = fcluster(linkage(condensed, method="average"), t=1.0 - SAME, criterion="distance")
        grouped: dict[int, list[int]] = defaultdict(list)
        for row, label in zip(rows, labels, strict=True):
            grouped[int(label)].append(row)
        clusters.extend(sorted(grouped.values()))
    return clusters


def _centroids(clusters: list[list[int]], vectors: csr_matrix) -> csr_matrix:
    pairs = [(n, i, 1.0 / len(c)) for n, c in enumerate(clusters) for i in c]
    assign = csr_matrix(
        ([p[2] for p in pairs], ([p[0] for p in pairs], [p[1] for p in pairs])),
        shape=(len(clusters), vectors.shape[0]),
    )
    return normalize(csr_matrix(assign @ vectors))


def _span(items: list[_Item], cluster: list[int]) -> tuple[date, date]:
    """The most precise period of a cluster: the one every member's period contains."""
    best = min(cluster, key=lambda i: (items[i].period.end - items[i].period.start, i))
    return items[best].period.start, items[best].period.end


def _attach_contained(
    items: list[_Item], clusters: list[list[int]], vectors: csr_matrix
) -> list[list[int]]:
    """Join each vaguely dated cluster to the most similar cluster dated inside it."""
    centroids = _centroids(clusters, vectors)
    spans = [_span(items, c) for c in clusters]
    keys = [frozenset().union(*(items[i].keys for i in c)) for c in clusters]
    by_key: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for index, cluster_keys in enumerate(keys):
        for key in cluster_keys:
            by_key[key].append((spans[index][0], index))
    for entries in by_key.values():
        entries.sort()
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
        best = int(np.argmax(sims))
        if sims[best] >= CONTAINED:
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
    items: list[_Item],
    clusters: list[list[int]],
    vectors: csr_matrix,
    links: Iterable[tuple[str, str]] = (),
) -> list[list[list[int]]]:
    """Group clusters on incompatible dates that tell the same happening."""
    centroids = _centroids(clusters, vectors)
    spans = [_span(items, c) for c in clusters]
    documents = [frozenset(items[i].event.document for i in c) for c in clusters]
    blocks: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, cluster in enumerate(clusters):
        for i in cluster:
            event = items[i].event
            if event.actors and event.predicate:
                family = PREDICATE_FAMILIES.get(event.predicate, event.predicate)
                blocks[(family, _key(event.actors[0]))].add(index)
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


def _publication_days(items: list[_Item]) -> dict[str, date]:
    """Each document's publication day, known from the dates it resolved relative ones on."""
    anchors: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        time = item.event.time
        if time.anchor_from == "dct" and time.anchor:
            anchors[item.event.document][time.anchor[:10]] += 1
    days: dict[str, date] = {}
    for document, counts in anchors.items():
        span = period(min(counts, key=lambda v: (-counts[v], v)))
        if span is not None:
            days[document] = span.start
    return days


def _reference_weights(items: list[_Item]) -> dict[tuple[date, date], float]:
    """How strongly the collection points at each period, on a log scale: the documents that
    mention it, each weighted by when it was published relative to the period; for a day,
    a share of what points at the days either side, and a little for the articles published
    on it or the day after."""
    published = _publication_days(items)
    referring: dict[tuple[date, date], set[str]] = defaultdict(set)
    for item in items:
        referring[(item.period.start, item.period.end)].add(item.event.document)
    issued = Counter(published.values())
    # The story's span: from a little before its first article to its last. Without any
    # publication date there is no span, and nothing counts as outside it.
    window = None
    if published:
        window = (min(published.values()) - timedelta(days=BEFORE_DAYS), max(published.values()))
    raw = {
        span: sum(_reference_weight(published.get(d), span) for d in documents)
        for span, documents in referring.items()
    }
    weights: dict[tuple[date, date], float] = {}
    one = timedelta(days=1)
    for span, total in raw.items():
        day = span[0]
        if day != span[1]:
            weights[span] = math.log2(1 + total)
            continue
        total += NEIGHBOUR_WEIGHT * (
            raw.get((day - one, day - one), 0.0) + raw.get((day + one, day + one), 0.0)
        )
        news = issued[day] + NEXT_DAY_WEIGHT * issued[day + one]
        weight = math.log2(1 + total) + PUBLISHED_WEIGHT * math.log2(1 + news)
        if window and not window[0] <= day <= window[1]:
            weight *= OUTSIDE_WEIGHT
        weights[span] = weight
    return weights


def _reference_weight(published: date | None, span: tuple[date, date]) -> float:
    if published is None:
        return UNDATED_WEIGHT
    lag = (published - span[1]).days
    if lag < 0:
        return FUTURE_WEIGHT
    if lag == 0:
        return SAME_DAY_WEIGHT
    return 1.0 if lag <= NEAR_DAYS else FAR_WEIGHT


def _entries(
    items: list[_Item],
    groups: list[list[list[int]]],
    vectors: csr_matrix,
    weights: dict[tuple[date, date], float],
) -> list[Entry]:
    """One Entry per group; the vector sums every entry needs are computed in one go."""
    members = [sorted(i for cluster in group for i in cluster) for group in groups]
    pairs = [(g, i) for g, rows in enumerate(members) for i in rows]
    assign = csr_matrix(
        (np.ones(len(pairs)), ([g for g, _ in pairs], [i for _, i in pairs])),
        shape=(len(groups), vectors.shape[0]),
    )
    sums = csr_matrix(assign @ vectors)  # each group's vectors added up
    # How close each event is to the rest of its group: its vector against the group's sum.
    group_of = np.empty(vectors.shape[0], dtype=np.int64)
    group_of[[i for _, i in pairs]] = [g for g, _ in pairs]
    centrality = np.asarray(vectors.multiply(sums[group_of]).sum(axis=1)).ravel()
    # How close each group is to the collection's main subject.
    centre = np.asarray(vectors.sum(axis=0)).ravel()
    centre /= float(np.linalg.norm(centre)) or 1.0
    lengths = np.sqrt(np.asarray(sums.multiply(sums).sum(axis=1)).ravel())
    topical = (sums @ centre) / np.where(lengths > 0, lengths, 1.0)
    return [
        _entry(items, group, rows, centrality[rows] / len(rows), float(topical[g]), weights)
        for g, (group, rows) in enumerate(zip(groups, members, strict=True))
    ]


def _entry(
    items: list[_Item],
    group: list[list[int]],
    members: list[int],
    centrality: np.ndarray,
    topical: float,
    weights: dict[tuple[date, date], float],
) -> Entry:
    claims = _claims(items, group)
    value = _date_value(items, group)
    span = period(value)
    assert span is not None
    lead = max(
        range(len(members)),
        key=lambda k: (_headline_quality(items[members[k]].event) + centrality[k], -k),
    )
    summary_from = max(
        range(len(members)),
        key=lambda k: (_summary_quality(items[members[k]].event) + centrality[k], -k),
    )
    events = tuple(
        sorted((items[i].event for i in members), key=lambda e: (e.document, e.time.start))
    )
    status = "expected" if all(e.status == "expected" for e in events) else "reported"
    documents = {e.document for e in events}
    reference = weights.get((span.start, span.end), 0.0)
    importance = _importance(span.granularity, len(documents), reference, topical)
    # Named after its first mention, so that a permalink survives another source joining
    # the entry or the sources refining its date; no two entries share a mention.
    digest = hashlib.sha1(events[0].id.encode()).hexdigest()[:12]
    return Entry(
        id=digest,
        date=value,
        start=span.start,
        end=span.end,
        headline=items[members[lead]].event.headline,
        summary=_summary(items[members[summary_from]].event.sentence),
        events=events,
        status=status,
        actors=_ranked(name for e in events for name in e.actors),
        places=_ranked(name for e in events for name in e.places),
        importance=round(importance, 6),
        conflicts=claims if len(claims) > 1 else (),
    )


def _importance(granularity: str, documents: int, reference: float, topical: float) -> float:
    """A date more of the collection points at makes an entry important, and a vague date
    less so; among the entries of one date, more sources and the collection's main subject."""
    return _GRANULARITY_WEIGHT.get(granularity, 0.3) * (
        reference
        + ENTRY_WEIGHT * (SOURCES_WEIGHT * math.log2(1 + documents) + TOPIC_WEIGHT * topical)
    )


def _claims(items: list[_Item], group: list[list[int]]) -> tuple[DateClaim, ...]:
    by_value: dict[str, set[str]] = defaultdict(set)
    for cluster in group:
        by_value[_cluster_value(items, cluster)].update(items[i].event.document for i in cluster)
    return tuple(DateClaim(v, tuple(sorted(d))) for v, d in sorted(by_value.items()))


def _cluster_value(items: list[_Item], cluster: list[int]) -> str:
    """The most precise value of the cluster, the one most of its sources give."""
    start, end = _span(items, cluster)
    values = Counter(
        items[i].event.time.value
        for i in cluster
        if (items[i].period.start, items[i].period.end) == (start, end)
    )
    return min(values, key=lambda v: (-values[v], v))


def _date_value(items: list[_Item], group: list[list[int]]) -> str:
    """Of conflicting claims, the one given by most documents, then the most precise."""

    def rank(cluster: list[int]) -> tuple:
        span = _span(items, cluster)
        docs = len({items[i].event.document for i in cluster})
        return (-docs, span[1] - span[0], span[0])

    return _cluster_value(items, min(group, key=rank))


def _headline_quality(event: Event) -> float:
    words = event.headline.split()
    score = 0.0
    if 4 <= len(words) <= 14:
        score += 0.5
    if event.headline[:1].isupper() and event.actors:
        score += 0.3
    if _PRONOUN_START.match(event.headline) or event.headline.startswith("To "):
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
    text = " ".join(sentence.split())
    return text


def _ranked(names: Iterable[str]) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for position, name in enumerate(names):
        counts[name] += 1
        first.setdefault(name, position)
    return tuple(sorted(counts, key=lambda n: (-counts[n], first[n]))[:8])


def _condense(entries: list[Entry], limit: int) -> list[Entry]:
    """The `limit` most important entries, the best one of each date (times count as days)."""
    best: dict[tuple[date, date], Entry] = {}
    for entry in entries:
        key = (entry.start, entry.end)
        current = best.get(key)
        if current is None or (-entry.importance, entry.id) < (-current.importance, current.id):
            best[key] = entry
    ranked = sorted(best.values(), key=lambda e: (-e.importance, e.start, e.id))
    return ranked[: max(limit, 0)]

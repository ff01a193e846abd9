"""The date ranking: how important each entry is, and which entries a condensed timeline keeps.

A date is as important as the articles that point at it, each weighted by when it was
published relative to that day; among the entries of one date, more sources and the
collection's main subject win. The weights are a `Weights` value passed in, so a benchmark
can search them without touching the module.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from timeline.merge.extent import real_period
from timeline.merge.items import Item
from timeline.records import Entry
from timeline.timevalue import period

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


@dataclass(frozen=True)
class Weights:
    """The weights of the date ranking; the defaults are the ones the benchmark chose."""

    same_day: float = 0.25  # an article published on the day itself ("today", "this morning")
    near_days: int = 7  # published within a week of the day: the news of the day
    far: float = 2.0  # published later still and recalling the day: a landmark of the story
    future: float = 0.25  # published before the day: a date planned or expected
    undated: float = 1.0  # an article whose publication day is unknown
    before_days: int = 30  # the story starts at most this long before its first article...
    outside: float = 0.0  # ...and a day outside that span counts this much
    # The articles published on a day or the day after (the news of the day) only break ties
    # between days pointed at as strongly: weighed more, they trade the background of a story
    # (days before its first article) for its busiest days, which helps on some collections
    # and hurts on others.
    published: float = 0.01
    next_day: float = 1.0  # an article of the next day counts as much as one of the day
    # A day also gets this share of what points at the days either side: sources date a
    # happening that spans midnight, or one reported across time zones, a day apart.
    neighbour: float = 0.25
    entry: float = 0.02  # sources and topicality pick the entry of a date, not the date
    sources: float = 1.0
    topic: float = 2.0
    centrality: float = 0.0  # how steeply a mention off the collection's subject counts less
    spread: float = 0.25  # how much a day close to one already kept counts less when condensing


DEFAULT_WEIGHTS = Weights()


def publication_days(items: list[Item]) -> dict[str, date]:
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


def reference_weights(
    items: list[Item], weights: Weights, central: np.ndarray | None = None
) -> dict[tuple[date, date], float]:
    """How strongly the collection points at each period, on a log scale: the documents that
    mention it, each weighted by when it was published relative to the period; for a day,
    a share of what points at the days either side, and a little for the articles published
    on it or the day after."""
    published = publication_days(items)
    # A mention counts as much as its happening is central to the collection, against the
    # typical mention: a radio schedule or a podcast plug in a story's pages points at a day
    # as loudly as a report, but says nothing about the story.
    share = np.ones(len(items))
    if central is not None and weights.centrality and len(items):
        typical = float(np.median(central)) or 1.0
        share = np.clip(central / typical, 0.0, 1.0) ** weights.centrality
    referring: dict[tuple[date, date], dict[str, float]] = defaultdict(dict)
    for n, item in enumerate(items):
        documents = referring[(item.period.start, item.period.end)]
        document = item.event.document
        documents[document] = max(documents.get(document, 0.0), float(share[n]))
    issued = Counter(published.values())
    # The story's span: from a little before its first article to its last. Without any
    # publication date there is no span, and nothing counts as outside it.
    window = None
    if published:
        first = min(published.values()) - timedelta(days=weights.before_days)
        window = (first, max(published.values()))
    last = max(published.values()) if published else None
    raw = {
        span: sum(
            c * _reference_weight(published.get(d), span, weights, last)
            for d, c in documents.items()
        )
        for span, documents in referring.items()
    }
    ranked: dict[tuple[date, date], float] = {}
    one = timedelta(days=1)
    for span, total in raw.items():
        day = span[0]
        if day != span[1]:
            ranked[span] = math.log2(1 + total)
            continue
        total += weights.neighbour * (
            raw.get((day - one, day - one), 0.0) + raw.get((day + one, day + one), 0.0)
        )
        news = issued[day] + weights.next_day * issued[day + one]
        weight = math.log2(1 + total) + weights.published * math.log2(1 + news)
        if window and not window[0] <= day <= window[1]:
            weight *= weights.outside
        ranked[span] = weight
    return ranked


def _reference_weight(
    published: date | None, span: tuple[date, date], weights: Weights, last: date | None
) -> float:
    if published is None:
        return weights.undated
    lag = (published - span[1]).days
    if lag < 0:
        return weights.future
    if lag == 0:
        # The collection ends before the last days' news could be recalled: what it says of
        # them on the day is all there is, and counts as a report.
        if last is not None and (last - span[1]).days < weights.near_days:
            unseen = 1.0 - (last - span[1]).days / weights.near_days
            return weights.same_day + (1.0 - weights.same_day) * unseen
        return weights.same_day
    return 1.0 if lag <= weights.near_days else weights.far


def importance(
    granularity: str, documents: int, reference: float, topical: float, weights: Weights
) -> float:
    """A date more of the collection points at makes an entry important, and a vague date
    less so; among the entries of one date, more sources and the collection's main subject."""
    return _GRANULARITY_WEIGHT.get(granularity, 0.3) * (
        reference
        + weights.entry * (weights.sources * math.log2(1 + documents) + weights.topic * topical)
    )


def condense(entries: list[Entry], limit: int, weights: Weights = DEFAULT_WEIGHTS) -> list[Entry]:
    """The `limit` most important entries, the best one of each date (times count as days),
    picked one by one so that a day close to one already picked needs more to be picked: a
    condensed timeline tells the whole story, not its busiest week day by day."""
    best: dict[tuple[date, date], Entry] = {}
    for entry in entries:
        key = (entry.start, entry.end)
        current = best.get(key)
        if current is None or (-entry.importance, entry.id) < (-current.importance, current.id):
            best[key] = entry
    ranked = sorted(best.values(), key=lambda e: (-e.importance, e.start, e.id))
    if not weights.spread or len(ranked) <= limit or limit <= 0:
        return ranked[: max(limit, 0)]
    extent = real_period(ranked)
    assert extent is not None
    # Closeness fades over the share of the story's period each kept entry stands for.
    scale = max((extent[1] - extent[0]).days / limit, 1.0)
    days = np.array([e.start.toordinal() for e in ranked], dtype=float)
    importance = np.array([e.importance for e in ranked])
    crowding = np.zeros(len(ranked))
    chosen: list[int] = []
    for _ in range(limit):
        score = importance * (1.0 - weights.spread * crowding)
        score[chosen] = -np.inf
        pick = int(np.argmax(score))  # ties go to the earlier-ranked entry
        chosen.append(pick)
        crowding = np.maximum(crowding, np.exp(-np.abs(days - days[pick]) / scale))
    return [ranked[k] for k in chosen]

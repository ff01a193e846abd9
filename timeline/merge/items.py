"""The merge's unit of work: an event with its calendar period and its name keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from timeline.merge import names
from timeline.records import Event
from timeline.timevalue import Period, period

# Words of a name too common to tell two names apart ("Prime Minister", "United States").
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


@dataclass(frozen=True)
class Item:
    """An event the merge works on."""

    event: Event
    period: Period
    keys: frozenset[str]  # actor and place keys, for blocking and overlap


def collect(events: Iterable[Event]) -> list[Item]:
    """Events with a calendar period, without exact repeats, in a canonical order."""
    seen: dict[Event, Item] = {}
    for event in events:
        span = period(event.time.value)
        if span is None or event in seen:
            continue
        seen[event] = Item(event, span, frozenset(_keys(event)))
    return sorted(seen.values(), key=_order)


def _order(item: Item) -> tuple:
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
        words = names.words(name)
        keys.update(w.lower() for w in words if w.lower() not in _GENERIC)
        keys.add(names.identity(name))  # "al-Assad" meets "Assad"
        if len(words) >= 3 and all(w[:1].isupper() for w in words):
            keys.add("".join(w[0] for w in words).lower())  # "Shanghai Cooperation Organization"
    keys -= _GENERIC
    keys.discard("")
    return keys


def span(items: list[Item], cluster: list[int]) -> tuple[date, date]:
    """The most precise period of a cluster: the one every member's period contains."""
    best = min(cluster, key=lambda i: (items[i].period.end - items[i].period.start, i))
    return items[best].period.start, items[best].period.end

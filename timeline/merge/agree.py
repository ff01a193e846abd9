"""What a cluster of mentions says, in brief, and whether two clusters say the same thing.

Two groups of mentions dated alike tell one happening when they agree on what happened (the
same verb family), on who (a shared person, organisation or country) and on where (a shared
place), and contradict each other on none of these: "Jackson dies at his home" and "Jackson's
death at 50" agree; "108 killed in Houla" and "20 killed in Homs" do not. A total counted
over a period ("300 killed this week") sums many happenings and agrees with no single day.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from timeline.merge.items import Item
from timeline.merge.names import Names
from timeline.records import Event

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
ONE_OFF = frozenset({"found", "born", "die", "bury", "independence", "marry"})
# Verbs too common to say what happened.
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
_COUNT = re.compile(r"\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\b")  # a number that is not a year
MAIN = 1 / 3  # a name is among a cluster's main ones when this share of its mentions give it
COMMON = 0.25  # a place this share of the sources name is the collection's setting...
COMMON_MIN = 3  # ...when at least this many do


def family(predicate: str) -> str:
    """A predicate's family, empty for verbs too common to say anything ("be", "say")."""
    if predicate in _LIGHT:
        return ""
    return PREDICATE_FAMILIES.get(predicate, predicate)


@dataclass(frozen=True)
class Gist:
    """What a cluster says: its verb family, its main actors and places, whether a total."""

    family: str
    actors: frozenset[str]
    places: frozenset[str]
    total: bool


def common_places(items: list[Item], people: Names) -> frozenset[str]:
    """Places so many of the collection's sources name that they tell no happening apart
    ("Syria" in a collection about Syria): never a contradiction with a town inside it."""
    sources: dict[str, set[str]] = {}
    for item in items:
        for place in item.event.places:
            sources.setdefault(people.key(place), set()).add(item.event.document)
    documents = len({item.event.document for item in items})
    least = max(COMMON_MIN, COMMON * documents)
    return frozenset(k for k, d in sources.items() if len(d) >= least)


def places(event: Event, people: Names, common: frozenset[str]) -> frozenset[str]:
    """The places of an event that say where it happened, as identities."""
    return frozenset(k for p in event.places if (k := people.key(p)) and k not in common)


def gist(items: list[Item], cluster: list[int], people: Names, common: frozenset[str]) -> Gist:
    """The gist of the mentions `cluster` indexes."""
    events = [items[i].event for i in cluster]
    families = Counter(f for e in events if (f := family(e.predicate)))
    main = ""
    if families:
        main, count = families.most_common(1)[0]
        main = main if count * 2 >= len(events) else ""
    least = MAIN * len(events)
    actors = Counter(k for e in events for k in {people.key(a) for a in e.actors})
    where = Counter(k for e in events for k in places(e, people, common))
    counts = sum(1 for e in events if _COUNT.search(e.headline))
    return Gist(
        family=main,
        actors=frozenset(k for k, n in actors.items() if k and n >= least),
        places=frozenset(k for k, n in where.items() if n >= least),
        total=counts * 2 > len(events),
    )


def agree(a: Gist, b: Gist) -> bool:
    """Whether two clusters tell the same happening: the same verb family, a shared actor or
    place, and no contradiction in who or where."""
    if not a.family or a.family != b.family:
        return False
    if _conflict(a, b):
        return False
    return bool(a.actors & b.actors or a.places & b.places)


def contains(coarse: Gist, fine: Gist) -> bool:
    """Whether a vaguely dated cluster tells the happening of one dated inside its period:
    they agree, or the same two or more parties are named without a contradiction of place
    ("Russia's invasion of Ukraine" in 2022 and "Russia sends troops to Ukraine" in
    February). A total over the period never belongs to one of its days."""
    if coarse.total:
        return False
    if agree(coarse, fine):
        return True
    smaller, larger = sorted((coarse.actors, fine.actors), key=len)
    return len(smaller) >= 2 and smaller <= larger and not _conflict(coarse, fine)


def _conflict(a: Gist, b: Gist) -> bool:
    return bool(a.places and b.places and not a.places & b.places)

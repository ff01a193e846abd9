"""Name identity: the forms one collection uses for one person or organisation, as one name.

News names a person in full once and by surname after ("Bashar al-Assad", then "Assad");
web extraction adds spacing variants ("Bashar al - Assad") and titles ("President Assad").
`identity` reduces a single name to the key every such form shares; `Names` looks at every
name of a collection and maps each form to the fullest one, which the merge compares actors
by and the people index lists.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from typing import TypeVar

# Words before a name that say what the person is, not who ("President Assad").
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "president",
        "prime",
        "minister",
        "king",
        "queen",
        "prince",
        "general",
        "gen",
        "col",
        "colonel",
        "sheikh",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "judge",
        "pope",
        "secretary",
        "chancellor",
        "leader",
    }
)
# Particles of Arabic, Dutch, German and other surnames: "al-Assad" is filed under Assad.
_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|bin|ibn|abu|van|von|de|da|di|du|le|la)[-‐]", re.I)
_SPACED_HYPHEN = re.compile(r"\s*[-‐–]\s*(?=\w)")  # "al - Assad", "al -Assad" -> "al-Assad"
_SMALL = frozenset({"the", "of", "and"})
# A short form is given the fuller one when that fuller form has at least this share of the
# mentions of every fuller form it could stand for ("Assad": Bashar, rarely his father Hafez).
DOMINANT = 0.75
# A filter lists at most this many names, each named by at least two entries when there are
# more than that: a longer list cannot be scanned, and the rest are on the index page.
FILTER_NAMES = 60


@lru_cache(maxsize=65536)
def clean(name: str) -> str:
    """A name with spacing variants and a leading "the" undone: "the Bashar al - Assad" ->
    "Bashar al-Assad"."""
    text = " ".join(_SPACED_HYPHEN.sub("-", name).split())
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text)


def words(name: str) -> list[str]:
    """The words of a name without articles, "of", "and" and possessive endings."""
    found = re.findall(r"[\w'’-]+", clean(name))
    return [re.sub(r"['’]s$", "", w) for w in found if w.lower() not in _SMALL]


def _personal(name: str) -> list[str]:
    """The words of a name without the titles before it."""
    found = words(name)
    while len(found) > 1 and found[0].lower().rstrip(".") in TITLES:
        found = found[1:]
    return found


@lru_cache(maxsize=65536)
def identity(name: str) -> str:
    """The key every form of one name shares: the surname without its particle ("assad" for
    "Bashar al - Assad", "al-Assad" and "President Assad"), an organisation's initials."""
    found = _personal(name)
    if not found:
        return ""
    if len(found) >= 3 and all(w[:1].isupper() for w in found):
        return "".join(w[0] for w in found).lower()  # "Shanghai Cooperation Organization"
    return _PARTICLE.sub("", found[-1]).casefold()


class Names:
    """Every name form of a collection mapped to its fullest form."""

    def __init__(self, names: Iterable[str], places: Iterable[str] = ()) -> None:
        counts = Counter(names)
        self._places = {clean(p) for p in places}
        forms: dict[str, Counter[str]] = defaultdict(Counter)  # cleaned -> raw spellings
        for name, count in counts.items():
            forms[clean(name)][name] += count
        mentions = {c: sum(raws.values()) for c, raws in forms.items()}
        # Fuller forms each short form could stand for: by surname ("Putin" of "Vladimir
        # Putin", "Assad" of "Bashar al-Assad") or by a leading family name ("Xi" of "Xi
        # Jinping"), never for a place ("York" is not "New York").
        # A full name with or without its title is one name: "President Bashar al-Assad".
        full: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for form in forms:
            personal = _personal(form)
            if len(personal) > 1 and form not in self._places:
                full[tuple(w.casefold() for w in personal)].append(form)
        base = {}
        for group in full.values():
            first = min(group, key=lambda f: (-mentions[f], len(f), f))
            base.update({f: first for f in group})
            mentions[first] = sum(mentions[f] for f in group)
        fuller: dict[str, set[str]] = defaultdict(set)
        for form in set(base.values()):
            fuller[identity(form)].add(form)
            fuller[_personal(form)[0].casefold()].add(form)
        # Short forms of one surname ("Assad", "al-Assad", "President Assad") are one name
        # even when no fuller form stands out: the one the collection uses most.
        shorts: dict[str, list[str]] = defaultdict(list)
        for form in forms:
            if len(_personal(form)) == 1 and form not in self._places:
                shorts[identity(form)].append(form)
        self._canonical: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        for form in forms:
            personal = _personal(form)
            target = base.get(form, form)
            if form not in self._places and len(personal) == 1:
                candidates = fuller.get(personal[0].casefold(), set()) | fuller.get(
                    identity(form), set()
                )
                same = sorted(shorts[identity(form)], key=lambda f: (-mentions[f], len(f), f))
                target = _dominant(candidates, mentions) or same[0]
            self._canonical[form] = target

    def canonical(self, name: str) -> str:
        """The fullest form of `name` in the collection ("Bashar al-Assad" for "Assad")."""
        form = clean(name)
        return self._canonical.get(form, form)

    def key(self, name: str) -> str:
        """The identity of `name` in this collection: equal for every form of one person."""
        found = self._keys.get(name)
        if found is None:
            found = self._keys[name] = identity(self.canonical(name))
        return found


def _dominant(candidates: set[str], mentions: dict[str, int]) -> str | None:
    """The one fuller form, or the one used far more than any other it could be."""
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda f: (-mentions.get(f, 0), f))
    total = sum(mentions.get(f, 0) for f in ranked)
    if len(ranked) == 1 or mentions.get(ranked[0], 0) >= DOMINANT * total:
        return ranked[0]
    return None


Name = TypeVar("Name", bound=Hashable)


def filter_names(counts: Mapping[Name, int]) -> set[Name]:
    """The names a filter offers: all of a short list; else those in two entries or more, the
    `FILTER_NAMES` named most often."""
    if len(counts) <= FILTER_NAMES:
        return set(counts)
    ranked = sorted((n for n, c in counts.items() if c >= 2), key=lambda n: -counts[n])
    return set(ranked[:FILTER_NAMES])

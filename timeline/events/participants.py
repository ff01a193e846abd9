"""Who and where a dated clause names: its actors (subject, objects, partners) and places
(locative phrases), as the named entities the model found in those phrases."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from timeline.events.clause import clause_subject
from timeline.vocabulary.events import LOCATIVE_PREPOSITIONS

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
_OBJECT_ROLES = frozenset({"dobj", "dative", "attr", "oprd"})


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def participants(
    governor: Token, time: Span, names: Names | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actors (subject, objects, partners) and places (locative phrases) of the clause, each
    name in its document's fullest form and of the kind the document gives it (`names`)."""
    actors: list[str] = []
    places: list[str] = []
    roles: list[tuple[Token, str]] = []
    subject = clause_subject(governor, time)
    if subject is not None:
        roles.append((subject, "actor"))
    for child in governor.children:
        if (child.dep_ in _SUBJECTS and child != subject) or child.dep_ in _OBJECT_ROLES:
            roles.append((child, "actor"))
        elif child.dep_ == "prep" and not _inside(child, time):
            preposition = child.lower_
            for pobj in child.children:
                if pobj.dep_ != "pobj" or _inside(pobj, time):
                    continue
                roles.append((pobj, "place" if preposition in LOCATIVE_PREPOSITIONS else "actor"))
    for head, role in roles:
        if role == "actor" and head.pos_ == "PROPN" and not head.ent_type_:
            # A proper name the recogniser missed (often at the start of a text).
            name = (
                " ".join(t.text for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN")
                + " "
                + head.text
            )
            if name.strip() not in actors:
                actors.append(name.strip())
        for ent in _entities(head, time):
            name = _name(ent)
            label = names.kinds.get(name, ent.label_) if names else ent.label_
            if not name or not label:
                continue
            if label == "PERSON" and names and name in names.full:
                name = names.full[name]
            if label in PLACE_LABELS and (role == "place" or label != "GPE"):
                if name not in places:
                    places.append(name)
            elif label == "NORP" and ent.root.dep_ in ("amod", "compound", "nmod"):
                continue  # "Russian President ...": a modifier, not an actor of its own
            elif label in ACTOR_LABELS and name not in actors:
                actors.append(name)
    return tuple(actors), tuple(places)


def _entities(head: Token, time: Span) -> list[Span]:
    """Named entities inside the noun phrase of `head`, without its clauses."""
    tokens = [head, *_np_tokens(head)]
    seen: list[Span] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if not token.ent_type_ or _inside(token, time):
            continue
        ent = _entity_at(token)
        if ent not in seen:
            seen.append(ent)
    return seen


def _entity_at(token: Token) -> Span:
    """The named entity a token belongs to, found from the IOB tags (no scan of doc.ents)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _np_tokens(head: Token) -> list[Token]:
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "appos", "ccomp", "punct"):
            continue
        out.append(child)
        out.extend(_np_tokens(child))
    return out


def _name(ent: Span) -> str:
    tokens = list(ent)
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    for i, token in enumerate(tokens):
        if token.text in ("(", "[", "\n"):
            tokens = tokens[:i]
            break
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return normal_name("".join(t.text_with_ws for t in tokens))


def normal_name(text: str) -> str:
    """A name as one spelling: spaces as written but single, a hyphen without spaces around
    it ("Bashar al - Assad" is "Bashar al-Assad": the hyphen joins a name's parts)."""
    return _SPACED_HYPHEN.sub("-", " ".join(text.split()))


_PARTICLE = re.compile(r"[a-z]{1,3}-[A-Z]")  # "al-", "el-", "bin-", "de-" before a surname
_SPACED_HYPHEN = re.compile(r"(?<=\w) ?[-‐‑] ?(?=\w)")


@dataclass(frozen=True)
class Names:
    """What the whole document says about its names: the kind the model gives each name most
    reliably, and the full name each surname stands for."""

    kinds: dict[str, str]  # name -> corrected entity label; "" when it is no name at all
    full: dict[str, str]  # "Assad" -> "Bashar al-Assad", when one person of the document has it


def document_names(doc: Doc) -> Names:
    """The kinds and full names of `doc`'s named entities, read once per document.

    A name the model tags as a place (GPE) anywhere in the document is a place wherever it
    stands ("Ukraine", "Bali" are no persons); a name tagged both a person and an organisation
    takes the label it gets most ("Congress"); a single word tagged a name less often than it is
    used as a plain word is no name ("covid"). A surname stands for the one full name of the
    document that ends with it, as news style gives the full name first and the surname after.
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS | PLACE_LABELS:
            labels[_name(ent)][ent.label_] += 1
    # A plain word is written in lower case: an untagged "Assad" is a missed name, not a word.
    bare: Counter[str] = Counter(t.lower_ for t in doc if t.is_lower and not t.ent_type_)
    kinds: dict[str, str] = {}
    for name, counts in labels.items():
        label, votes = max(counts.items(), key=lambda kv: (kv[1], kv[0] == "ORG"))
        if "GPE" in counts:
            label = "GPE"
        elif " " not in name and label in ("ORG", "PERSON") and bare[name.lower()] > votes:
            label = ""
        kinds[name] = label
    surnames: dict[str, set[str]] = defaultdict(set)
    for name, label in kinds.items():
        if label == "PERSON" and " " in name:
            last = name.rsplit(" ", 1)[-1]
            surnames[last].add(name)
            if _PARTICLE.match(last):  # "al-Assad" is "Assad" too
                surnames[last.split("-", 1)[1]].add(name)
    full = {last: next(iter(names)) for last, names in surnames.items() if len(names) == 1}
    return Names(kinds, full)

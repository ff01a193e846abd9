"""Who and where a dated clause names: its actors (subject, objects, partners) and places
(locative phrases), as the named entities the model found in those phrases."""

from __future__ import annotations

from spacy.tokens import Span, Token

from timeline.events.clause import clause_subject
from timeline.vocabulary.events import LOCATIVE_PREPOSITIONS

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
_OBJECT_ROLES = frozenset({"dobj", "dative", "attr", "oprd"})


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def participants(governor: Token, time: Span) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actors (subject, objects, partners) and places (locative phrases) of the clause."""
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
            if not name:
                continue
            if ent.label_ in PLACE_LABELS and (role == "place" or ent.label_ != "GPE"):
                if name not in places:
                    places.append(name)
            elif ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound", "nmod"):
                continue  # "Russian President ...": a modifier, not an actor of its own
            elif ent.label_ in ACTOR_LABELS and name not in actors:
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
    return " ".join(t.text for t in tokens).strip()

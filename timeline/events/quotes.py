"""The quotation a time expression sits in, and the verb of saying that introduces it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from timeline.events.clause import CLOSING_QUOTES, OPENING_QUOTES
from timeline.vocabulary.events import QUOTING


def quotation(time: Span, start: int = 0) -> tuple[int, int] | None:
    """Token range of the quotation the time expression sits in, if it sits in one."""
    doc = time.doc
    sentence = time.sent
    first = max(start, sentence.start)
    opened: int | None = None
    for token in doc[first : time.start]:
        if token.text in OPENING_QUOTES or (token.text == '"' and opened is None):
            opened = token.i
        elif token.text in CLOSING_QUOTES or token.text == '"':
            opened = None
    for token in doc[time.end : sentence.end]:
        if token.text in OPENING_QUOTES or _opens(token):
            break
        if token.text in CLOSING_QUOTES or token.text == '"':
            # A closing mark with no opening one before it: the quotation began in an
            # earlier sentence ("... doesn't stop. They're going slow," Putin said).
            if opened is None and any(
                t.text in ('"', *OPENING_QUOTES, *CLOSING_QUOTES) for t in doc[first : time.start]
            ):
                return None
            return (first if opened is None else opened), token.i + 1
    return None if opened is None else (opened, sentence.end)


def _opens(token: Token) -> bool:
    """A straight quote mark that opens a quotation: a space before it, a word right after
    ("Al Jazeera "strongly denounces" the closure")."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    spaced = before is not None and bool(before.whitespace_)
    return (
        token.text == '"'
        and spaced
        and not token.whitespace_
        and after is not None
        and after.is_alpha
    )


def speech_verb(verb: Token, quote: tuple[int, int]) -> Token | None:
    """The verb of saying, outside the quotation, that introduces it."""
    token = verb
    for _ in range(6):
        outside = not quote[0] <= token.i < quote[1]
        if outside and token.lemma_.lower() in QUOTING and token.pos_ == "VERB":
            return token
        for child in token.children:
            if (
                child.dep_ in ("ccomp", "parataxis", "conj")
                and child.pos_ == "VERB"
                and not quote[0] <= child.i < quote[1]
                and child.lemma_.lower() in QUOTING
            ):
                return child
        if token.head == token:
            break
        token = token.head
    return None

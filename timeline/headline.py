"""Headlines from the parse: one short line in news style for a dated clause.

Subject + predicate + object, the way a news headline says it: present tense for what
happened ("Putin and Xi hold talks"), "to" for what is expected ("Xi to meet Erdogan"),
a bare participle for the passive ("SCO founded as a security organisation"). The time
expression, attributions, relative clauses, parentheticals and quote marks are left out,
and long phrases are shortened by dropping whole modifiers, never by cutting mid-phrase.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from timeline.records import TimeExpression
from timeline.timevalue import period

MAX_WORDS = 14  # a headline longer than this loses modifiers, deepest and rightmost first

SCHEDULING = frozenset({
    "expect", "schedule", "plan", "set", "slate", "due", "intend", "aim", "prepare", "poise",
    "hope", "go", "propose", "tip", "likely", "bound",
})
SPEECH = frozenset({"say", "tell", "announce", "declare", "state", "add", "claim", "warn"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_COMPLEMENTS = frozenset({
    "dobj", "dative", "attr", "acomp", "oprd", "xcomp", "prep", "agent", "prt", "ccomp", "pcomp",
})
_NEVER = frozenset({
    "relcl", "appos", "advcl", "parataxis", "meta", "dep", "intj", "discourse", "punct", "cc",
    "conj", "mark", "preconj", "npadvmod", "predet",
})
_DROPPABLE = frozenset({"prep", "acl", "advmod", "conj", "amod", "nmod", "compound", "npadvmod",
                        "poss", "quantmod", "nummod", "pcomp", "xcomp", "ccomp", "dobj", "pobj"})
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "`", "``", "''"})
_IRREGULAR = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"),
              "go": ("goes", "go")}


def clause_subject(verb: Token, time: Span | None = None, depth: int = 0) -> Token | None:
    """The subject of a verb, inherited from the governing clause when it has none of its own."""
    for child in verb.children:
        if child.dep_ not in _SUBJECTS:
            continue
        if time is not None and time.start <= child.i < time.end:
            # "a US Senate committee Wednesday took ...": the parser took the date for the
            # subject; the noun just before it is the real one.
            before = child.doc[time.start - 1] if time.start > 0 else None
            noun = before is not None and before.pos_ in ("NOUN", "PROPN")
            if noun and before.ent_type_ != "DATE":
                return before
            return None
        if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return child
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head != verb:
        return clause_subject(verb.head, None, depth + 1)
    return None


def is_expected(verb: Token, expression: TimeExpression, published: date | None) -> bool:
    """True when the clause is planned, scheduled or predicted rather than reported."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
        return True
    head = verb
    for _ in range(2):  # "is expected to meet", "is set to hold", "plans to visit"
        if head.dep_ not in ("xcomp", "ccomp") or head.head == head:
            break
        head = head.head
        if head.lemma_.lower() in SCHEDULING:
            return True
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in head.children):
            return True
    lemma = verb.lemma_.lower()
    scheduling = lemma in SCHEDULING and lemma != "go"
    if scheduling and not any(c.dep_ == "prt" for c in verb.children) and (
            _passive(verb) or any(c.dep_ == "xcomp" for c in verb.children)):
        return True
    # A day after the publication date, told in a tense that is not past: still to come.
    span = period(expression.value)
    if published is not None and span is not None and span.start > published:
        return verb.tag_ not in ("VBD", "VBN")
    return False


def build_headline(
    verb: Token, time: Span, status: str, nominal: Token | None = None, start: int = 0
) -> str:
    """A one-line headline for the clause of `verb`, without the time expression `time`.

    `nominal` is an event noun the date attaches to, whose phrase is left out too; tokens
    before `start` (an earlier paragraph the parser ran into) are never used.
    """
    excluded = _time_phrase(time) | set(range(start))
    if nominal is not None:
        excluded |= _time_phrase(nominal.doc[nominal.i: nominal.i + 1])
    subject = clause_subject(verb, time)
    if subject is not None and subject.i in excluded:
        subject = None
    subject_text = _subject_text(subject, excluded) if subject is not None else ""
    plural = subject is not None and _is_plural(subject)
    verb_text = _verb_group(verb, status, plural, own_subject=subject in verb.children)
    complements = [
        c for c in verb.children
        if c.dep_ in _COMPLEMENTS and c.dep_ != "prt" and c.i not in excluded
        and (c.dep_ != "ccomp" or verb.lemma_.lower() in SPEECH or verb.pos_ == "AUX")
    ]
    tokens: list[Token] = []
    for child in complements:
        tokens.extend(_pruned(child, excluded))
    tokens = _shorten(tokens, verb, max(4, MAX_WORDS - len(subject_text.split()) - 2))
    text = " ".join(p for p in (subject_text, verb_text, _render(tokens)) if p)
    return _tidy(text)


def _time_phrase(time: Span) -> set[int]:
    """Token indices of the time expression with the preposition that introduces it."""
    top = time.root
    while top.head != top and top.head.dep_ == "prep" and top.dep_ == "pobj":
        top = top.head
        if top.head != top and top.head.pos_ == "ADP" and top.dep_ == "pcomp":
            top = top.head
    indices = {t.i for t in top.subtree} if top != time.root else set()
    return indices | {t.i for t in time} | ({top.i} if top != time.root else set())


def _subject_text(subject: Token, excluded: set[int]) -> str:
    if subject.pos_ == "PRON" and subject.lower_ in ("who", "which", "that"):
        return ""
    parts = [_noun_text(subject, excluded)]
    for conj in _conjuncts(subject):
        parts.append(_noun_text(conj, excluded))
    parts = [p for p in parts if p]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(_conjuncts(child))
    return out


def _noun_text(head: Token, excluded: set[int]) -> str:
    """A noun phrase without clauses; a person named by the name alone, without titles."""
    if head.ent_type_ == "PERSON":
        start, end = head.i, head.i + 1
        doc = head.doc
        while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return _render([t for t in doc[start:end] if t.tag_ != "POS"])
    tokens = [t for t in _pruned(head, excluded, subject=True) if t.dep_ != "conj"]
    clauses = {t.i for c in head.children if c.dep_ == "acl" for t in c.subtree}
    tokens = [t for t in tokens if t.i not in clauses]
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    tokens = _shorten(tokens, head, 6)
    return _render(tokens)


def _pruned(head: Token, excluded: set[int], subject: bool = False) -> list[Token]:
    """The subtree of `head` without clauses, parentheticals, quotes and the time phrase."""
    out: list[Token] = []

    def visit(token: Token) -> None:
        if token.i in excluded or (token.text in _QUOTES and token.tag_ != "POS"):
            return
        out.append(token)
        for child in token.children:
            if child.i in excluded:
                continue
            listed = child.dep_ in ("conj", "cc") and not subject and _in_list(child)
            if child.dep_ in _NEVER and not _kept_punct(child) and not listed:
                continue
            visit(child)

    visit(head)
    out.sort(key=lambda t: t.i)
    return _drop_parentheticals(out)


def _kept_punct(token: Token) -> bool:
    """Hyphens inside words ("face-to-face") and commas between listed nouns."""
    if token.dep_ != "punct":
        return False
    if token.text == "-":
        return not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_
    return token.text == "," and any(
        c.dep_ == "conj" and c.i > token.i for c in token.head.children)


def _in_list(token: Token) -> bool:
    """A conjunct of a noun list ("Russia, India and Iran"), kept in objects."""
    return token.head.pos_ in ("NOUN", "PROPN") and token.pos_ in ("NOUN", "PROPN", "CCONJ")


def _drop_parentheticals(tokens: list[Token]) -> list[Token]:
    if not tokens:
        return tokens
    doc = tokens[0].doc
    inside: set[int] = set()
    depth = 0
    for token in doc[tokens[0].i: tokens[-1].i + 1]:
        if token.text in ("(", "["):
            depth += 1
        if depth:
            inside.add(token.i)
        if token.text in (")", "]") and depth:
            depth -= 1
    return [t for t in tokens if t.i not in inside]


def _shorten(tokens: list[Token], root: Token, budget: int) -> list[Token]:
    """Drop whole modifiers, deepest and rightmost first, until the phrase fits the budget."""
    kept = list(tokens)
    while _words(kept) > budget:
        members = {t.i for t in kept}
        candidates = [
            t for t in kept
            if t != root and t.dep_ in _DROPPABLE and t.head.i in members and not _hyphenated(t)
            and not (t.dep_ in ("dobj", "pobj") and t.head == root)
        ]
        if not candidates:
            break
        victim = max(candidates, key=lambda t: (_depth(t, root), t.i))
        dropped = {t.i for t in victim.subtree}
        if victim.dep_ == "conj":  # "political, economic and security": no comma left hanging
            low, high = sorted((victim.head.i, victim.i))
            dropped |= {c.i for c in victim.head.children
                        if c.dep_ in ("cc", "punct") and low < c.i < high}
        if victim.dep_ == "pobj" and victim.head.i in members:
            dropped.add(victim.head.i)  # a preposition without its object would dangle
        kept = [t for t in kept if t.i not in dropped]
    return kept


def _hyphenated(token: Token) -> bool:
    """Part of a hyphenated word ("face-to-face"), which is never split."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = (token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_)
    return before or after


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token != root and token.head != token:
        token = token.head
        depth += 1
    return depth


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct)


def _passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "Set up in 2001, the SCO ...": a participle clause with no subject of its own.
    own_subject = any(c.dep_ in _SUBJECTS for c in verb.children)
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    first = verb.i == verb.sent.start or verb.doc[verb.i - 1].is_space
    return (verb.dep_ in ("advcl", "acl") and not own_subject and not has_to
            and verb.tag_ in ("VBN", "VB", "VBD") and verb.i < verb.head.i and first)


def _is_plural(subject: Token) -> bool:
    if any(c.dep_ == "conj" for c in subject.children):
        return True
    if subject.tag_ in ("NNS", "NNPS"):
        return True
    return subject.lower_ in ("they", "we", "you", "i", "both", "these", "those")


def _present(lemma: str, plural: bool) -> str:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma][1 if plural else 0]
    if plural:
        return lemma
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _verb_group(verb: Token, status: str, plural: bool, own_subject: bool) -> str:
    lemma = verb.lemma_.lower() if verb.lemma_ else verb.lower_
    particles = " ".join(c.text.lower() for c in verb.children if c.dep_ == "prt")
    negated = any(c.dep_ == "neg" for c in verb.children)
    if _passive(verb):
        participle = verb.text.lower() if verb.tag_ == "VBN" else verb.text.lower()
        if status == "expected" and lemma not in SCHEDULING:
            group = f"to be {participle}" if not negated else f"not to be {participle}"
        else:
            group = f"not {participle}" if negated else participle
    elif status == "expected":
        group = f"not to {lemma}" if negated else f"to {lemma}"
    elif negated:
        if lemma == "be":
            group = f"{_present('be', plural)} not"
        else:
            group = f"{'do' if plural else 'does'} not {lemma}"
    else:
        group = _present(lemma, plural)
    return f"{group} {particles}".strip()


def _render(tokens: list[Token]) -> str:
    out: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            out.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        out.append(token.text)
        previous = token
    return "".join(out)


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"(,\s*)+,", ",", text)
    text = re.sub(r"\s[-–—](?=\s)", "", text)  # a hyphen left between words by a dropped modifier
    text = re.sub(r"^[\W_]+|[\s,;:\-–—]+$", "", text)
    text = re.sub(r"\s+(and|or|but|to|of|with|the|a|an|as)$", "", text, flags=re.IGNORECASE)
    text = text.rstrip(" ,;:.-–—")
    return text[:1].upper() + text[1:]

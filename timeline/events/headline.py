"""Headline composition: one short line in news style for a dated clause.

Subject, verb and object as a headline says them ("Putin and Xi hold talks", "Xi to meet
Erdogan", "SCO founded as a security organisation"), without the time expression, asides,
relative clauses or quote marks; long phrases lose whole modifiers, never half a phrase.
What the clause says (subject, pronouns, quotation, status) is read by `timeline.events.clause`.
"""

from __future__ import annotations

import logging
import re

from spacy.tokens import Span, Token

from timeline.events import clause
from timeline.events.clause import clause_subject

log = logging.getLogger(__name__)

_ARTICLES = frozenset({"the", "a", "an"})
MAX_WORDS = 12  # a headline longer than this loses modifiers, deepest and rightmost first

_COMPLEMENTS = frozenset(
    {
        "dobj",
        "dative",
        "attr",
        "acomp",
        "oprd",
        "xcomp",
        "prep",
        "agent",
        "prt",
        "ccomp",
        "pcomp",
    }
)
_NEVER = frozenset(
    {
        "relcl",
        "appos",
        "advcl",
        "parataxis",
        "meta",
        "dep",
        "intj",
        "discourse",
        "punct",
        "cc",
        "conj",
        "mark",
        "preconj",
        "npadvmod",
        "predet",
    }
)
_DROPPABLE = frozenset(
    {
        "prep",
        "acl",
        "advmod",
        "conj",
        "amod",
        "nmod",
        "compound",
        "npadvmod",
        "poss",
        "quantmod",
        "nummod",
        "pcomp",
        "xcomp",
        "ccomp",
        "dobj",
        "pobj",
    }
)
_OBJECTS = frozenset({"dobj", "dative", "attr", "acomp", "oprd"})
_PHRASES = frozenset({"prep", "acl", "conj", "advmod", "npadvmod", "pcomp", "xcomp", "ccomp"})
# Adverbs that complete a verb's meaning ("fell ill", "went ahead"), unlike "also" or "then".
_RESULTS = frozenset(
    {
        "ill",
        "ahead",
        "back",
        "away",
        "home",
        "abroad",
        "apart",
        "together",
        "open",
        "free",
        "loose",
        "silent",
        "missing",
    }
)


def build_headline(
    verb: Token, time: Span, status: str, nominal: Token | None = None, start: int = 0
) -> str:
    """A one-line headline for the clause of `verb`, without the time expression `time`.

    `nominal` is an event noun the date attaches to, whose phrase is left out too; tokens
    before `start` (an earlier paragraph the parser ran into) are never used. When the clause
    gives no headline an editor would print (no subject, an unresolved "it", "what he said"),
    the clause it reports or the noun phrase it hangs on stands in for it.
    """
    excluded = clause.time_phrase(time) | set(range(start))
    if nominal is not None:
        excluded |= clause.time_phrase(nominal.doc[nominal.i : nominal.i + 1])
    headline, ok = _clause_headline(verb, time, status, excluded)
    if ok:
        return headline
    for fallback in _fallbacks(verb, time, excluded):
        if fallback:
            log.debug("headline %r replaced by %r", headline, fallback)
            return fallback
    # Never a headline without a subject ("Starts", "Is 53m hogs"): the words of the
    # sentence as written, shortened.
    root = verb.sent.root
    tokens = _shorten(_pruned(root, excluded, quoted=True), root, MAX_WORDS)
    if not tokens or tokens[0].pos_ in ("VERB", "AUX"):  # "Is some inspiration": as written
        tokens = [
            t
            for t in verb.sent
            if t.i not in excluded
            and not (t.dep_ == "case" and t.head.i in excluded)  # "this week's"
            and (t.text not in clause.QUOTES or t.tag_ == "POS")
        ]
        tokens = tokens[:MAX_WORDS]
    words = _tidy(_render(tokens))
    return words if _words_in(words) >= 2 else headline


def _clause_headline(
    verb: Token, time: Span | None, status: str, excluded: set[int]
) -> tuple[str, bool]:
    """Subject, verb group and complements of the clause, and whether an editor would print
    it: a subject that names someone, and no "what" for an object."""
    subject = clause_subject(verb, time)
    if subject is not None and subject.i in excluded:
        # "SAMARKAND, UZBEKISTAN: Putin and Xi held ...": the dateline took the subject.
        subject = next(
            (
                c
                for c in verb.children
                if c.dep_ in clause.SUBJECTS and c.i > subject.i and c.i not in excluded
            ),
            None,
        )
    if subject is None and verb.tag_ in ("VBD", "VBZ", "VBP"):
        subject = clause.left_subject(verb, excluded)
    subject_text = _subject_text(subject, verb, excluded) if subject is not None else ""
    plural = subject is not None and clause.is_plural(subject)
    verb_text = clause.verb_group(verb, status, plural)
    speech = verb.lemma_.lower() in clause.SPEECH and any(c.dep_ == "ccomp" for c in verb.children)
    for said in (c for c in verb.children if speech and c.dep_ == "ccomp" and clause.is_quoted(c)):
        content = [t for t in _pruned(said, excluded, quoted=True) if t.dep_ != "mark"]
        quoted = _direct_quote(subject_text, said, content)
        if quoted and not clause.is_unnamed(subject):
            return quoted, True
    complements = [
        c
        for c in verb.children
        if c.dep_ in _COMPLEMENTS
        and c.dep_ != "prt"
        and c.i not in excluded
        and (c.dep_ != "ccomp" or verb.lemma_.lower() in clause.SPEECH or verb.pos_ == "AUX")
        and not (speech and c.dep_ == "prep")  # "tells reporters in Moscow the SCO ...": too long
        and not (clause.is_relative_pronoun(c) or clause.is_aside(c, verb) or clause.is_personal(c))
        or c.dep_ == "advmod"
        and c.i == verb.i + 1
        and c.lower_ in _RESULTS
    ]
    # What was said comes after whom it was said to, whatever the order in the sentence.
    # The object next to the verb, even when a phrase was fronted ("On the sidelines, ...");
    # a fronted phrase after those that follow the verb ("responds to a question during ...").
    complements.sort(key=lambda c: (c.dep_ == "ccomp", c.dep_ not in _OBJECTS, c.i < verb.i, c.i))
    if not complements:
        # "Egyptians embrace while celebrating the resignation": the clause says nothing
        # without the circumstance.
        complements = [
            c
            for c in verb.children
            if c.dep_ == "advcl"
            and c.i > verb.i
            and c.i not in excluded
            and not _overlaps(c, excluded)
        ][:1]
    tokens: list[Token] = []
    owner = clause.relative_object(verb, subject)
    if owner is not None:
        tokens.extend(_pruned(owner, excluded | {verb.i}))
    for child in complements:
        tokens.extend(_pruned(child, excluded, keep_mark=child.dep_ == "advcl"))
    budget = MAX_WORDS - _words_in(subject_text) - _words_in(verb_text)
    tokens = _shorten(tokens, verb, max(4, budget))
    text = _tidy(" ".join(p for p in (subject_text, verb_text, _render(tokens)) if p))
    ok = bool(subject_text) and not clause.is_unnamed(subject)
    ok = ok and not any(
        c.dep_ in ("dobj", "pobj") and c.lower_ in clause.WH_OBJECTS for c in verb.children
    )
    ok = ok and not any(clause.is_first_person(t) for t in tokens)
    return text, ok


def _direct_quote(speaker: str, verb: Token, content: list[Token]) -> str | None:
    """`Minister: “We won't call it swine flu”` for words in the first or second person or
    an order, which reported speech would garble ("tells a conference we won't ...")."""
    if not speaker or not content or _words(content) + _words_in(speaker) > MAX_WORDS:
        return None
    own = [c for c in verb.children if c.dep_ in clause.SUBJECTS]
    order = (
        not own
        and verb.tag_ == "VB"
        and verb.i == content[0].i
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )
    if not (order or any(clause.is_first_person(t) for t in content)):
        return None
    words = _tidy(_render(content))
    speaker = speaker[:1].upper() + speaker[1:]
    return f"{speaker}: “{words}”" if _words_in(words) > 1 else None


def _overlaps(token: Token, excluded: set[int]) -> bool:
    return any(t.i in excluded for t in token.subtree)


def _fallbacks(verb: Token, time: Span, excluded: set[int]) -> list[str]:
    """Headlines in place of one an editor would not print, best first: the clause the verb
    reports ("I am announcing that the US will recognize the council"), then the noun the
    verb hangs on ("Bush's attempts to gather support")."""
    out: list[str] = []
    content = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    for thing in (c for c in verb.children if c.dep_ in ("attr", "dobj")):
        content.extend(
            c
            for c in thing.children
            if c.dep_ in ("acl", "ccomp")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        )
    for reported in content:
        text, ok = _clause_headline(reported, None, _status(reported), excluded)
        if ok and clause_subject(reported) is not None:
            out.append(text)
    # "there were 20m hogs" (which the parser may split into two nouns): the hogs.
    nouns = [
        [
            c
            for c in verb.children
            if c.dep_ == "attr"
            and verb.lemma_ == "be"
            and any(e.dep_ == "expl" for e in verb.children)
        ]
    ]
    possible = (
        "Possible " if nouns[0] and (clause.modal(verb) or clause.is_conditional(verb)) else ""
    )  # "if there is an outbreak"
    infinitive = verb.dep_ == "relcl" and any(c.lower_ == "to" for c in verb.children)
    if (verb.dep_ == "acl" or infinitive) and verb.head.pos_ in ("NOUN", "PROPN"):
        nouns.append([verb.head, verb])  # "the lessons to be learned"
    for heads in (n for n in nouns if n):
        found = {
            t.i: t
            for noun in heads
            for t in _pruned(noun, excluded, subject=True)
            if not (t.dep_ == "det" and t.i == noun.left_edge.i and t.lower_ in _ARTICLES)
        }
        tokens = [found[i] for i in sorted(found)]
        if not any(clause.is_first_person(t) for t in tokens):
            out.append(_tidy(possible + _render(_shorten(tokens, heads[0], MAX_WORDS))))
        possible = ""
    head = verb
    for _ in range(3):  # "Mexico had been hit by falling exports, shrinking ...": Mexico's
        if head.head == head or head.dep_ in ("relcl", "acl"):
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            text, ok = _clause_headline(head, None, _status(head), excluded | {verb.i})
            if ok:
                out.append(text)
                break
    return [t for t in out if _words_in(t) >= 2]


def _status(verb: Token) -> str:
    return "expected" if clause.is_future(verb) else "reported"


def noun_headline(noun: Token, time: Span, start: int = 0) -> str:
    """A noun-phrase headline for an event named by a noun ("Deadly fighting on the border")."""
    excluded = clause.time_phrase(time) | set(range(start))
    tokens = _pruned(noun, excluded, subject=True)
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    owner = ""
    if tokens and tokens[0].dep_ == "poss" and tokens[0].pos_ == "PRON":
        # "its establishment": whose, if the clause names it; the pronoun goes either way. A
        # "his" is too often someone else than the subject ("hired by Jackson for his tour").
        owner = _pronoun_name(tokens[0]) if tokens[0].lower_ == "its" else None
        owner = owner or ""
        tokens = tokens[1:]
    tokens = _shorten(tokens, noun, MAX_WORDS - len(owner.split()))
    text = _render(tokens)
    return _tidy(f"{owner}'s {text}" if owner else text)


def speech_headline(
    speech: Token, verb: Token, time: Span, quote: tuple[int, int], start: int = 0
) -> str:
    """ "Modi tells Putin it is not a time for war": who said it, to whom, and what, for a
    time expression inside the quotation (the content keeps its own tense)."""
    excluded = clause.time_phrase(time) | set(range(start))
    subject = clause_subject(speech)
    speaker = _subject_text(subject, speech, excluded) if subject is not None else ""
    plural = subject is not None and clause.is_plural(subject)
    said = clause.present(speech.lemma_.lower(), plural)
    inside = set(range(*quote))
    listeners = [
        t
        for c in speech.children
        if c.dep_ in ("dobj", "dative") and c.i not in inside
        for t in _pruned(c, excluded)
    ]
    own_subject = clause_subject(verb, time)
    content = [
        t for t in _pruned(verb, excluded, quoted=True) if t.dep_ != "mark" and t.i in inside
    ]
    if own_subject is None or own_subject.i in excluded:
        content = [t for t in content if t.dep_ not in clause.SUBJECTS]
        lead = "it"  # "today is not a time for war", without its date: "it is not ..."
    else:
        lead = ""
    quoted = _direct_quote(speaker, verb, content)
    if quoted:
        return quoted
    budget = max(4, MAX_WORDS - len(speaker.split()) - len(listeners) - 1)
    content = _shorten(content, verb, budget)
    parts = (speaker, said if speaker else "", _render(listeners), lead, _render(content))
    return _tidy(" ".join(p for p in parts if p))


def _subject_text(subject: Token, verb: Token, excluded: set[int]) -> str:
    if subject.pos_ == "PRON" and subject.lower_ in clause.RELATIVE_PRONOUNS:
        return ""
    if subject.pos_ == "PRON" and not any(c.dep_ == "conj" for c in subject.children):
        name = _pronoun_name(subject)
        if name:
            return name
    whose = next((c for c in subject.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
    if whose is not None and verb.dep_ == "relcl":
        # "the woman, whose illness began in April": the woman's illness began.
        owner = _noun_text(verb.head, excluded)
        return f"{owner}'s {_noun_text(subject, excluded | {whose.i})}" if owner else ""
    named = next(
        (
            c
            for c in subject.children
            if c.dep_ == "appos" and clause.is_person(c) and c.i not in excluded
        ),
        None,
    )
    if named is not None and subject.pos_ == "NOUN":
        subject = named  # "Health secretary, Alan Johnson, is due to speak": Alan Johnson
    parts = [_noun_text(subject, excluded)]
    for conj in _conjuncts(subject):
        parts.append(_noun_text(conj, excluded))
    parts = [p for p in parts if p]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


def _pronoun_name(pronoun: Token) -> str | None:
    """The name a he/she/they/it stands for, if the clause or the sentences before say."""
    token = clause.antecedent(pronoun)
    return _name(token) if token is not None else None


def _name(token: Token) -> str:
    """A person's name without the titles before it ("Kazakh President Tokayev": Tokayev)."""
    words = _noun_text(token, set()).split()
    titles = [i for i, word in enumerate(words) if word.lower() in clause.TITLES]
    return " ".join(words[titles[-1] + 1 :] if titles and titles[-1] < len(words) - 1 else words)


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


def _pruned(
    head: Token,
    excluded: set[int],
    subject: bool = False,
    keep_mark: bool = False,
    quoted: bool = False,
) -> list[Token]:
    """The subtree of `head` without clauses, parentheticals, quotes and the time phrase;
    a `quoted` one keeps every word the speaker said ("your work" stays "your work")."""
    out: list[Token] = []

    def visit(token: Token) -> None:
        if token.i in excluded or (token.text in clause.QUOTES and token.tag_ != "POS"):
            return
        out.append(token)
        for child in token.children:
            if child.i in excluded:
                continue
            listed = child.dep_ in ("conj", "cc") and not subject and _in_list(child)
            # "met his counterpart Recep Tayyip Erdogan": the name is what matters.
            named = (
                child.dep_ == "appos"
                and not subject
                and child.ent_type_ in ("PERSON", "ORG")
                and token.pos_ == "NOUN"
            )
            mark = keep_mark and child.dep_ == "mark" and token == head
            if child.dep_ == "prep" and clause.is_aside(child, child.head) and child.i < token.i:
                continue
            if clause.is_personal(child) and not quoted:
                continue
            whole = clause.is_hyphenated(child)  # "headline-making": never "-making"
            if child.dep_ in _NEVER and not (
                _kept_punct(child) or listed or named or mark or whole
            ):
                continue
            visit(child)

    visit(head)
    out.sort(key=lambda t: t.i)
    return _drop_parentheticals(out)


def _kept_punct(token: Token) -> bool:
    """Hyphens inside words ("face-to-face") and commas between listed words."""
    if token.dep_ != "punct":
        return False
    doc = token.doc
    if token.text == "-":
        return not token.whitespace_ and token.i > 0 and not doc[token.i - 1].whitespace_
    after = doc[token.i + 1] if token.i + 1 < len(doc) else token
    return token.text == "," and (
        any(c.dep_ == "conj" and c.i > token.i for c in token.head.children)
        or (after.dep_ == "amod" and any(c.dep_ == "conj" for c in after.children))
    )


def _in_list(token: Token) -> bool:
    """A conjunct of a noun list ("Russia, India and Iran") or of the adjectives before a noun
    ("a political, economic and security organisation"), kept in objects."""
    first = token.head
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.dep_ == "amod":
        return token.pos_ in ("ADJ", "NOUN", "CCONJ")
    return token.head.pos_ in ("NOUN", "PROPN") and token.pos_ in ("NOUN", "PROPN", "CCONJ")


def _drop_parentheticals(tokens: list[Token]) -> list[Token]:
    if not tokens:
        return tokens
    doc = tokens[0].doc
    inside: set[int] = set()
    depth = 0
    for token in doc[tokens[0].i : tokens[-1].i + 1]:
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
            t
            for t in kept
            if t != root
            and t.dep_ in _DROPPABLE
            and (t.head.i in members or t.head == root and t.i < root.i and t.dep_ == "prep")
            and not clause.is_hyphenated(t)
            and not (t.dep_ in ("dobj", "pobj") and t.head == root)
            and not (t.dep_ == "dobj" and t.head.pos_ == "VERB")  # "puts" needs what it puts
            and not (t.ent_type_ and t.ent_iob_ == "I" and t.ent_type_ not in clause.TIMES)
            and not clause.is_predicative(t)
            and not (
                t.ent_type_
                and t.head.ent_type_ == t.ent_type_
                and t.head.ent_iob_ == "I"
                and t.ent_type_ not in clause.TIMES
            )
        ]
        if not candidates:
            break
        # Whole phrases go before the single words that qualify a noun ("first talks").
        # A phrase fronted before the verb goes first ("During the scare, men predicted"),
        # and a phrase naming someone or somewhere after the words that qualify a noun.
        victim = max(
            candidates,
            key=lambda t: (
                t.dep_ in _PHRASES and t.i < root.i,
                t.dep_ in _PHRASES and not _names(t),
                not _names(t),
                _depth(t, root),
                t.i,
            ),
        )
        while victim.dep_ == "conj" and victim.head.dep_ == "conj":
            victim = victim.head  # a list loses all but its first item, never one in the middle
        dropped = {t.i for t in victim.subtree}
        if victim.dep_ == "conj":  # "political, economic and security": no comma left hanging
            low, high = victim.head.i, victim.right_edge.i
            dropped |= {t.i for t in kept if (t.is_punct or t.dep_ == "cc") and low < t.i < high}
        if victim.dep_ == "pobj" and victim.head.i in members:
            dropped.add(victim.head.i)  # a preposition without its object would dangle
        parent = victim.head
        while (
            parent != root
            and parent.dep_ in ("acl", "prep", "relcl")
            and not any(c.i in members and c.i not in dropped for c in parent.children)
        ):
            dropped.add(parent.i)  # "a summit aimed": a participle without what it governs
            parent = parent.head
        kept = [t for t in kept if t.i not in dropped]
    return kept


def _names(token: Token) -> bool:
    """A phrase that names someone or somewhere ("of Iraq"): it says more than an adjective."""
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ and c.ent_type_ not in _UNNAMED for c in token.children
    )


_UNNAMED = clause.TIMES | {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token != root and token.head != token:
        token = token.head
        depth += 1
    return depth


def _words(tokens: list[Token]) -> int:
    """Words as printed: "won't" is one word, though the parser makes two tokens of it."""
    return sum(
        1
        for k, t in enumerate(tokens)
        if not t.is_punct
        and not (k and tokens[k - 1].i == t.i - 1 and not tokens[k - 1].whitespace_)
    )


def _words_in(text: str) -> int:
    return len(text.split())


def _render(tokens: list[Token]) -> str:
    out: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            out.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        out.append(_case(token))
        previous = token
    return "".join(out)


def _case(token: Token) -> str:
    """The token in lower case when only its place made it upper case: the first word of a
    sentence or of a quotation ("tells reporters the SCO offers ..."), unless it is a name."""
    text = token.text
    if not text[:1].isupper() or token.pos_ == "PROPN" or token.ent_type_ or text == "I":
        return text
    if text[1:] != text[1:].lower():
        return text  # "SCO", "iPhone"
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    opening = (
        before is None
        or token.is_sent_start
        or before.text in (*clause.OPENING_QUOTES, '"', ":", "‘", "'", "(", "\n")
        or "\n" in before.text
    )
    return text.lower() if opening else text


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"(,\s*)+,", ",", text)
    text = re.sub(r"\s[-–—](?=\s)", "", text)  # a hyphen left between words by a dropped modifier
    text = re.sub(r"^[\W_]+|[\s,;:\-–—]+$", "", text)
    # A possessive with nothing after it: the noun it owned was the time expression.
    text = re.sub(r"(\s+[A-Z][\w.-]*)*\s+[A-Z][\w.-]*(['’]s?)$", "", text)
    # A headline never ends on a word that needs another after it ("Updike inspired by").
    while True:
        trimmed = _DANGLING.sub("", text).rstrip(" ,;:.-–—")
        if trimmed == text or not trimmed:
            break
        text = trimmed
    return text[:1].upper() + text[1:]


_DANGLING = re.compile(
    r"\s+(and|or|but|nor|to|of|with|the|a|an|as|by|for|from|in|on|at|into|onto|about|after|"
    r"before|since|than|that|which|who|whose|including|between|during|until|over|under|"
    r"toward|towards|against|among|through|via|per|his|her|its|their|my|our|your|this|these|"
    r"is|are|was|were|be|been|has|have|had)$",
    re.IGNORECASE,
)

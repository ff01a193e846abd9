"""Headline composition: one short line in news style for a dated clause.

Subject, verb and object as a headline says them ("Putin and Xi hold talks", "Xi to meet
Erdogan", "SCO founded as a security organisation"), without the time expression, asides,
relative clauses or quote marks; long phrases lose whole modifiers, never half a phrase.
What the clause says (subject, pronouns, quotation, status) is read by `timeline.events.clause`.
"""

from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from timeline.events import clause
from timeline.events.clause import clause_subject
from timeline.events.phrases import pronoun_name, pruned, shorten, subject_phrase
from timeline.events.wording import (
    base_form,
    present,
    render,
    tidy,
    time_phrase,
    token_words,
    unshifted,
    verb_group,
    word_count,
)
from timeline.vocabulary.events import RESULTS, SPEECH, WH_OBJECTS

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
_OBJECTS = frozenset({"dobj", "dative", "attr", "acomp", "oprd"})
_KEPT = _OBJECTS | set(clause.SUBJECTS)  # an event noun's roles in its clause that stay in the line


def build_headline(
    verb: Token, time: Span, status: str, nominal: Token | None = None, start: int = 0
) -> str:
    """A one-line headline for the clause of `verb`, without the time expression `time`.

    `nominal` is an event noun the date attaches to, whose phrase is left out too; tokens
    before `start` (an earlier paragraph the parser ran into) are never used. When the clause
    gives no headline an editor would print (no subject, an unresolved "it", "what he said"),
    the clause it reports or the noun phrase it hangs on stands in for it.
    """
    excluded = time_phrase(time) | _earlier(start, verb, time)
    if nominal is not None and not (nominal.dep_ in _KEPT and nominal.head == verb):
        # (what the verb did to it stays: "scheduled a Tuesday morning meeting on Libya", and
        # what it is said of: "the Friday summit was cancelled")
        excluded |= time_phrase(nominal.doc[nominal.i : nominal.i + 1])
    headline, ok = _clause_headline(verb, time, status, excluded)
    if ok:
        return _attributed(headline, verb, excluded)
    for fallback in _fallbacks(verb, time, excluded):
        if fallback:
            log.debug("headline %r replaced by %r", headline, fallback)
            return fallback
    # No grammatical, faithful headline can be built from the clause: an editor keeps the
    # sentence as written, cut at a clause boundary, over a broken paraphrase.
    words = as_written(verb, excluded, clause_subject(verb, time))
    return words if word_count(words) >= 2 else headline


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
    subject_text = subject_phrase(subject, verb, excluded) if subject is not None else ""
    plural = subject is not None and clause.is_plural(subject)
    verb_text = verb_group(verb, status, plural)
    speech = verb.lemma_.lower() in SPEECH and any(c.dep_ == "ccomp" for c in verb.children)
    for said in (c for c in verb.children if speech and c.dep_ == "ccomp" and clause.is_quoted(c)):
        content = [t for t in pruned(said, excluded, quoted=True) if t.dep_ != "mark"]
        quoted = _direct_quote(subject_text, said, content)
        if quoted and not clause.is_unnamed(subject):
            return quoted, True
    complements = [
        c
        for c in verb.children
        if c.dep_ in _COMPLEMENTS
        and c.dep_ != "prt"
        and c.i not in excluded
        and (
            c.dep_ != "ccomp"
            or verb.lemma_.lower() in SPEECH
            or verb.pos_ == "AUX"
            or c == _content(verb)  # "documents show that Dr Murray is in debt"
        )
        # "tells reporters in Moscow the SCO ...", "concedes during cross-examination that Dr
        # Murray deviated ...": what was said or conceded matters, not where or when
        and not (c.dep_ == "prep" and (speech or _content(verb) is not None))
        and not (clause.is_relative_pronoun(c) or clause.is_aside(c, verb) or clause.is_personal(c))
        and not _after_comma(c, verb)
        or c.dep_ == "advmod"
        and c.i == verb.i + 1
        and c.lower_ in RESULTS
    ]
    # What was said comes after whom it was said to, whatever the order in the sentence.
    # The object next to the verb, even when a phrase was fronted ("On the sidelines, ...");
    # a fronted phrase after those that follow the verb ("responds to a question during ...").
    complements.sort(key=lambda c: (c.dep_ == "ccomp", c.dep_ not in _OBJECTS, c.i < verb.i, c.i))
    # "according to the UN" names the source: last, after a comma, never shortened away.
    source = [c for c in complements if c.lower_ == "according"]
    complements = [c for c in complements if c.lower_ != "according"]
    if not complements and not any(c.dep_ == "prt" for c in verb.children):
        # "Egyptians embrace while celebrating the resignation": the clause says nothing
        # without the circumstance ("Internet service shuts down" says enough).
        complements = [
            c
            for c in verb.children
            if c.dep_ == "advcl"
            and c.i > verb.i
            and c.i not in excluded
            and not _overlaps(c, excluded)
        ][:1]
        if any(g.dep_ in clause.SUBJECTS for c in complements for g in c.children):
            # "Talks occur as the relations became sensitive": a second clause with its own
            # subject and tense is a run-on, not a circumstance; the sentence says it better.
            return "", False
    tokens: list[Token] = []
    owner = clause.relative_object(verb, subject)
    if owner is not None:
        tokens.extend(pruned(owner, excluded | {verb.i}))
    for child in complements:
        tokens.extend(pruned(child, excluded, keep_mark=child.dep_ == "advcl"))
    # "according to a statement released ...": the source's name, not what became of it
    named = {t.i for c in source for t in c.subtree if t.dep_ == "acl" for t in t.subtree}
    according = render(pruned(source[0], excluded | named)) if source else ""
    budget = MAX_WORDS - word_count(subject_text) - word_count(verb_text) - word_count(according)
    tokens = shorten(tokens, verb, max(4, budget))
    # "says", not "said": what was said in the speaker's own tense
    present_speech = speech and verb_text == present(base_form(verb), plural)
    words = unshifted(verb) if present_speech else None
    text = tidy(" ".join(p for p in (subject_text, verb_text, render(tokens, words)) if p))
    if according:
        text = f"{text}, {according[:1].lower()}{according[1:]}"
    ok = bool(subject_text) and not clause.is_unnamed(subject) and not _lost(verb, tokens)
    ok = ok and not any(
        c.dep_ in ("dobj", "pobj") and c.lower_ in WH_OBJECTS for c in verb.children
    )
    ok = ok and not any(clause.is_first_person(t) for t in tokens)
    return text, ok


def _after_comma(child: Token, verb: Token) -> bool:
    """An object set off by a comma after the clause ("met leaders Thursday, the first such
    talks on record") restates the clause; no verb takes its object after a comma."""
    before = child.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
    return (
        child.dep_ in ("dobj", "npadvmod")
        and child.i > verb.i
        and before is not None
        and before.text == ","
    )


def _lost(verb: Token, tokens: list[Token]) -> bool:
    """The headline lost what its verb needs: what was said, shown or conceded ("Michael
    Pastor concludes"), or says it of an unnamed "it" ("announces it was likely"); "tells"
    with only the listener says nothing."""
    kept = {t.i for t in tokens}
    content = _content(verb)
    if content is not None and content.i not in kept:
        return True
    if content is not None and any(
        c.dep_ in clause.SUBJECTS and c.i in kept and clause.is_unnamed(c) for c in content.children
    ):
        return True
    said = [c for c in verb.children if c.i in kept and c.dep_ not in ("dobj", "dative", "prep")]
    return verb.lemma_.lower() in ("tell", "say") and not said  # "network says Al Jazeera"


def as_written(verb: Token, excluded: set[int], subject: Token | None = None) -> str:
    """The sentence as its writer wrote it, without the time phrase: from the subject of its
    main clause (a fronted phrase goes) to the first clause boundary after its verb (a
    source, a relative clause, an aside), so that it stays one clean statement."""
    sentence = verb.sent
    root = sentence.root
    own = next((c for c in verb.children if c.dep_ in clause.SUBJECTS), None)
    if (
        verb != root
        and verb.dep_ in ("advcl", "ccomp", "conj")
        and own is not None
        and own.tag_ not in ("WP", "WDT")  # "That was what happened": the whole sentence
    ):
        # "Putin said after a committee took the first step ...": the dated clause alone
        first = verb.left_edge.i
        if subject is not None and subject.i < verb.i and subject.i not in excluded:
            first = min(first, subject.left_edge.i)  # "after a committee Wednesday took"
        words = [
            t
            for t in sentence.doc[first : verb.right_edge.i + 1]
            if t.i not in excluded
            and not (t.dep_ in ("mark", "advmod") and t.head == verb and t.i < own.i)
            and (t.text not in clause.QUOTES or t.tag_ == "POS")
        ]
        return tidy(render(words)).rstrip(".")
    first = sentence.start
    subject = next((c for c in root.children if c.dep_ in clause.SUBJECTS), None)
    if subject is not None and any(
        t.text == "," for t in sentence.doc[first : subject.left_edge.i]
    ):
        first = subject.left_edge.i
    last = sentence.end
    for token in sentence.doc[root.i + 1 : sentence.end - 1]:
        rest = sentence.doc[token.i + 1 : sentence.end]
        after = next((t for t in rest if t.text not in clause.QUOTES), token)
        boundary = token.text in (";", "--", "—", ":") or (
            token.text == ","
            and (after.lower_ in _CLAUSE_WORDS or after.tag_ in ("VBG", "VBN", "WDT", "WP"))
        )
        if boundary:
            last = token.i
            break
    tokens = [
        t
        for t in sentence.doc[first:last]
        if t.i not in excluded
        and not (t.dep_ == "case" and t.head.i in excluded)  # "this week's"
        and (t.text not in clause.QUOTES or t.tag_ == "POS")
    ]
    return tidy(render(tokens)).rstrip(".")


# Words that open a clause after a comma: where a sentence cut for a headline ends.
_CLAUSE_WORDS = frozenset(
    {"according", "which", "who", "whose", "where", "while", "as", "when", "but", "although"}
    | {"though", "including", "after", "before", "because", "since", "and", "adding", "saying"}
)


def _content(verb: Token) -> Token | None:
    """A whole clause, with its own subject, that the verb shows, concedes or finds."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            and c.i > verb.i
            and any(g.dep_ in clause.SUBJECTS for g in c.children)
        ),
        None,
    )


def _attributed(headline: str, verb: Token, excluded: set[int]) -> str:
    """The headline with the source the sentence gives after the news ("..., activists say"):
    a claim a newspaper only reports is never printed as its own finding."""
    while verb.dep_ == "xcomp" and verb.head != verb:  # "said Younis was to have been ..."
        verb = verb.head
    speech = verb.head
    if (
        verb.dep_ not in ("ccomp", "parataxis")
        or speech.i < verb.i
        or speech.lemma_.lower() not in SPEECH
        or speech.i in excluded
    ):
        return headline
    subject = clause_subject(speech)
    if subject is None or clause.is_first_person(subject) or clause.is_unnamed(subject):
        return headline
    speaker = subject_phrase(subject, speech, excluded)
    if not speaker or word_count(speaker) > 4:
        return headline
    # ", officials say" whatever the verb ("told CNN", "reported"): newsroom style for a source.
    said = present("say", clause.is_plural(subject))
    first = subject.left_edge
    if first.lower_ in ("the", "a", "an"):
        first = first.doc[first.i + 1]
    if subject.pos_ == "NOUN" and not first.ent_type_ and first.pos_ != "PROPN":
        speaker = speaker[:1].lower() + speaker[1:]  # "activists", not "Activists", mid-line
    return f"{headline}, {speaker} {said}"


def _direct_quote(speaker: str, verb: Token, content: list[Token]) -> str | None:
    """`Minister: “We won't call it swine flu”` for words in the first or second person or
    an order, which reported speech would garble ("tells a conference we won't ...")."""
    if not speaker or not content or token_words(content) + word_count(speaker) > MAX_WORDS:
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
    words = tidy(render(content))
    speaker = speaker[:1].upper() + speaker[1:]
    return f"{speaker}: “{words}”" if word_count(words) > 1 else None


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
        # Only a clause with a subject of its own: "announced it was likely that students had
        # contracted the virus" never makes the government contract it.
        own = any(c.dep_ in clause.SUBJECTS for c in reported.children)
        text, ok = _clause_headline(reported, None, _status(reported), excluded)
        if ok and own:
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
            for t in pruned(noun, excluded, subject=True)
            if not (t.dep_ == "det" and t.i == noun.left_edge.i and t.lower_ in _ARTICLES)
        }
        tokens = [found[i] for i in sorted(found)]
        if not any(clause.is_first_person(t) for t in tokens):
            out.append(tidy(possible + render(shorten(tokens, heads[0], MAX_WORDS))))
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
    return [t for t in out if word_count(t) >= 2]


def _earlier(start: int, *anchors: Token | Span) -> set[int]:
    """The tokens before `start` in the sentences of `anchors`: a headline never reaches past
    them, and every token of the Doc before `start` would cost time quadratic in its length."""
    first = min(anchor.sent.start for anchor in anchors)
    return set(range(first, start))


def _status(verb: Token) -> str:
    return "expected" if clause.is_future(verb) else "reported"


def noun_headline(noun: Token, time: Span, start: int = 0) -> str:
    """A noun-phrase headline for an event named by a noun ("Deadly fighting on the border")."""
    excluded = time_phrase(time) | _earlier(start, noun, time)
    tokens = pruned(noun, excluded, subject=True)
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    owner = ""
    if tokens and tokens[0].dep_ == "poss" and tokens[0].pos_ == "PRON":
        # "its establishment": whose, if the clause names it; the pronoun goes either way. A
        # "his" is too often someone else than the subject ("hired by Jackson for his tour").
        owner = pronoun_name(tokens[0]) if tokens[0].lower_ == "its" else None
        owner = owner or ""
        tokens = tokens[1:]
    tokens = shorten(tokens, noun, MAX_WORDS - len(owner.split()))
    text = render(tokens)
    return tidy(f"{owner}'s {text}" if owner else text)


def speech_headline(
    speech: Token, verb: Token, time: Span, quote: tuple[int, int], start: int = 0
) -> str:
    """ "Modi tells Putin it is not a time for war": who said it, to whom, and what, for a
    time expression inside the quotation (the content keeps its own tense)."""
    excluded = time_phrase(time) | _earlier(start, speech, verb, time)
    subject = clause_subject(speech)
    speaker = subject_phrase(subject, speech, excluded) if subject is not None else ""
    plural = subject is not None and clause.is_plural(subject)
    said = present(speech.lemma_.lower(), plural)
    inside = set(range(*quote))
    listeners = [
        t
        for c in speech.children
        if c.dep_ in ("dobj", "dative") and c.i not in inside
        for t in pruned(c, excluded)
    ]
    own_subject = clause_subject(verb, time)
    content = [t for t in pruned(verb, excluded, quoted=True) if t.dep_ != "mark" and t.i in inside]
    if own_subject is None or own_subject.i in excluded:
        content = [t for t in content if t.dep_ not in clause.SUBJECTS]
        lead = "it"  # "today is not a time for war", without its date: "it is not ..."
    else:
        lead = ""
    quoted = _direct_quote(speaker, verb, content)
    if quoted:
        return quoted
    budget = max(4, MAX_WORDS - len(speaker.split()) - len(listeners) - 1)
    content = shorten(content, verb, budget)
    parts = (speaker, said if speaker else "", render(listeners), lead, render(content))
    return tidy(" ".join(p for p in parts if p))

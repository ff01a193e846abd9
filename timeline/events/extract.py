"""Event extraction: from each dated clause of a parsed document, one Event record.

The time expression's place in the dependency parse tells which clause it dates: the
verb it attaches to is the event's predicate, that verb's subject and objects its actors,
and a headline is built from the same clause (see `timeline.events.headline`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from timeline.events.clause import is_event_noun, is_expected
from timeline.events.headline import build_headline, noun_headline, speech_headline
from timeline.events.participants import Names, document_names, participants
from timeline.events.quotes import quotation, speech_verb
from timeline.records import Document, Event, TimeExpression
from timeline.timevalue import period
from timeline.timex import tense
from timeline.vocabulary.events import NOMINALS, SPEECH
from timeline.vocabulary.time import CONDITIONALS, SINCE_CUES

log = logging.getLogger(__name__)


def extract_events(
    document: Document, doc: Doc, expressions: Sequence[TimeExpression]
) -> list[Event]:
    """One Event per dated clause of `doc` (the parse of `document.text`), in text order."""
    anchor = document.published
    chosen: dict[tuple[int, int], tuple[TimeExpression, Token, Span]] = {}
    ranks: dict[tuple[int, int], tuple[bool, timedelta]] = {}
    for expression in expressions:
        if not _usable(expression, document):
            continue
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sentence = span[0].sent
        if _is_caption(sentence, span):
            continue
        governor = _fronted(span) or _relative(span) or _governor(span)
        if governor is None or _not_since(span, governor) or _counterfactual(governor):
            continue
        # Two time expressions on one verb ("on Thursday, 15 September") date one event:
        # keep the one that dates the verb itself, then the most precise, then the first.
        # "The 8 October gig was announced on Monday": the announcement was Monday's.
        key = (sentence.start, governor.i)
        rank = (tense.nominal(span), _width(expression))
        if key in chosen and rank >= ranks[key]:
            continue
        chosen[key], ranks[key] = (expression, governor, sentence), rank
    names = document_names(doc) if chosen else None
    events = [
        _event(document, expression, governor, sentence, anchor, names)
        for expression, governor, sentence in sorted(chosen.values(), key=lambda c: c[0].start)
    ]
    log.debug("%s: %d events from %d expressions", document.id, len(events), len(expressions))
    return events


def _usable(expression: TimeExpression, document: Document) -> bool:
    if not expression.dates_an_event:  # also not "a 13th-century citadel", "until 6 May"
        return False
    if period(expression.value) is None:
        return False
    return not any(
        start < expression.end and expression.start < end for start, end in document.boilerplate
    )


def _after_since(time: Span) -> bool:
    return time.start > 0 and time.doc[time.start - 1].lower_ in SINCE_CUES


def _not_since(time: Span, governor: Token) -> bool:
    """ "had not been seen since April 30": the date begins a state in which the event does not
    happen (TimeML: a negated event, BEGUN_BY the date), so nothing happened that day. "The
    first for Gadhafi since April 30", "the largest since 2009" say the same: none since."""
    if not _after_since(time):
        return False
    before = time.doc[time.start - 1]
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in governor.children):
        return True
    heads = {before.head, governor}
    compared = [*heads, *(c for h in heads for c in h.children if c.dep_ in ("attr", "acomp"))]
    words = [w for t in compared for w in (t, *t.children) if w.i < before.i]
    return any(w.tag_ in ("JJS", "RBS") or w.lower_ == "first" for w in words)


def _counterfactual(verb: Token) -> bool:
    """ "If Obama had thought a hundred days ago that ...": a condition in the past perfect is
    the past counterfactual's (English: "if he had left, he would have ..."), which never
    happened (TimeML: counter-to-fact under a conditional), so it dates nothing. An "if" that
    means "whether" opens an object, not a condition: "asked if anyone had seen her"."""
    if verb.dep_ != "advcl":
        return False
    marked = any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in verb.children)
    return marked and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _width(expression: TimeExpression) -> timedelta:
    span = period(expression.value)
    assert span is not None
    return span.end - span.start


def _is_caption(sentence: Span, time: Span) -> bool:
    """A date line or a caption: nothing but the date and a few words, or no verb at all.
    (Page furniture is found by ingest, and its spans never reach this stage.)"""
    rest = [t for t in sentence if not t.is_punct and not t.is_space and not _inside(t, time)]
    if len(rest) < 3:
        return True
    return not any(t.pos_ in ("VERB", "AUX") for t in rest)


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _relative(time: Span) -> Token | None:
    """The verb of a relative clause on the time noun: "the same day a NATO airstrike hit the
    compound" dates the strike, whatever the time noun itself hangs on (TimeML anchors the
    event of such a clause to the time it modifies). A clause of "who" ("on Thursday, who was
    quoted") is about a person the parser hung on the date."""
    if time.root.pos_ != "NOUN":
        return None
    return next(
        (
            child
            for child in time.root.children
            if child.dep_ == "relcl"
            and child.pos_ in ("VERB", "AUX")
            and not _inside(child, time)
            and not any(t.tag_ in ("WP", "WP$") for t in child.children)  # who, whom, whose
        ),
        None,
    )


def _governor(time: Span) -> Token | None:
    """The verb (or event noun) that the time expression attaches to."""
    token = time.root
    while token.head != token:
        token = token.head
        if _inside(token, time):
            continue
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            return token
    # The sentence root when no verb governs: keep it only if it is a verb-like head.
    return token if token.pos_ in ("VERB", "AUX") else None


_CLAUSE_OPENERS = frozenset({"as", "when", "while", "after", "before", "and", "but", "then", ","})


def _fronted(time: Span) -> Token | None:
    """The verb of the clause a fronted date opens ("as on Wednesday, the committee approved"),
    which the parser sometimes attaches to the clause before it."""
    doc = time.doc
    first = time.start - 1 if time.start > 0 and doc[time.start - 1].pos_ == "ADP" else time.start
    if time.end >= len(doc) or doc[time.end].text != ",":
        return None
    opener = doc[first - 1] if first > time.sent.start else None
    if opener is not None and opener.lower_ not in _CLAUSE_OPENERS:
        return None
    for token in doc[time.end + 1 : min(time.sent.end, time.end + 15)]:
        if token.pos_ == "VERB":
            # "met Lukashenko on Thursday, who was quoted ...": a relative clause opens no
            # clause of its own; the date stays with the verb the parser gave it.
            has_subject = any(
                c.dep_ in ("nsubj", "nsubjpass")
                and c.i > time.end
                and c.lower_ not in ("who", "which", "that")
                for c in token.children
            )
            return token if has_subject and token.dep_ != "relcl" else None
    return None


def _main_clause(governor: Token) -> Token:
    """The verb of the main clause when a relative clause repeats it: in "Xi met his
    counterpart Erdogan, who met on Friday ...", the meeting is Xi's with Erdogan."""
    if governor.dep_ != "relcl":
        return governor
    token = governor.head
    for _ in range(4):
        if token.head == token:
            return governor
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token if token.lemma_ == governor.lemma_ else governor
    return governor


def _cited_for(governor: Token) -> Token:
    """The claim a dated source is cited for: in "Donilon told the leader ..., according to a
    White House statement released after the Friday meeting", the statement's date dates what
    it says, and the news is the claim, not the release."""
    noun = governor.head
    to = noun.head
    if (
        governor.dep_ == "acl"
        and governor.tag_ == "VBN"
        and noun.dep_ == "pobj"
        and to.lower_ == "to"
        and to.head.lower_ == "according"
        and to.head.head.pos_ in ("VERB", "AUX")
    ):
        return to.head.head
    return governor


def _event_noun(time: Span, governor: Token, expression: TimeExpression) -> Token | None:
    """The noun naming the happening a date attaches to ("a congress in October",
    "deadly fighting in 2020"), unless it is the subject or object of the dated verb."""
    root = time.root
    head = root.head
    if head == root:
        return None
    if head.pos_ == "ADP" and root.dep_ == "pobj":
        head = head.head
    elif root.dep_ not in ("poss", "compound", "nmod", "npadvmod"):
        return None
    if _inside(head, time) or head.pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    if head.pos_ == "VERB" and tense.present_perfect(time) and not _after_since(time):
        # "have backed plans for the concert on 8 October": English puts no definite past
        # date on a present perfect, so the date is the nearest event noun's before it (not
        # the verb's own object: "has held talks on Monday" is the verb's to tell)
        after_verb = time.doc[max(head.i + 1, time.start - 9) : time.start]
        nouns = [
            t
            for t in after_verb
            if t.dep_ in ("pobj", "dobj") and t.head != head and is_event_noun(t)
        ]
        if nouns:
            return nouns[-1]
    if not is_event_noun(head) and head.pos_ != "VERB":
        # "ahead of a crucial Congress of the Party in October", the date hung on a noun
        # further up: the nearest event noun before the date, inside that noun's phrase.
        low, high = head.left_edge.i, head.right_edge.i
        before = [
            t
            for t in time.doc[max(low, time.start - 9) : time.start]
            if t.dep_ == "pobj" and is_event_noun(t) and low <= t.i <= high
        ]
        head = before[-1] if before else head
    if not is_event_noun(head):
        return None
    if _says(head):
        return None
    if head.dep_ in ("dobj", "attr", "oprd", "nsubj", "nsubjpass") and head.head == governor:
        return None  # "held a summit on Friday": the verb says it better
    between = [t for t in time.doc[head.i + 1 : time.start] if not t.is_punct]
    span = period(expression.value)
    if span is not None and span.start == span.end and len(between) > 1:
        # "talks since the war in Ukraine on Thursday": a weekday far from the noun dates
        # the clause, whatever the parser attached it to.
        return None
    return head


def _says(noun: Token) -> bool:
    """A dated text that says something ("a State Department release on Sunday says ..."):
    the news is what it says, not the text."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in SPEECH


def _nominal(time: Span, governor: Token) -> Token | None:
    """The event noun between the time expression and its verb, if there is one."""
    token = time.root
    while token.head != token and token.head != governor:
        token = token.head
        if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in NOMINALS:
            return None if _says(token) else token
    return None


def _event(
    document: Document,
    expression: TimeExpression,
    governor: Token,
    sentence: Span,
    published: date | None,
    names: Names | None = None,
) -> Event:
    time = sentence.doc.char_span(expression.start, expression.end, alignment_mode="expand")
    assert time is not None
    governor = _cited_for(_main_clause(governor))
    nominal = _nominal(time, governor)
    predicate = _predicate(governor)
    if nominal is not None:
        predicate = NOMINALS[nominal.lemma_.lower()]
    actors, places = participants(governor, time, names)
    status = "expected" if is_expected(governor, expression, published) else "reported"
    start = _paragraph_start(sentence, time)
    first = _past_boilerplate(document, start.idx, expression)
    first, end = _trimmed(document.text, first, _paragraph_end(sentence, time), expression)
    while start.i < time.start and start.idx + len(start.text) <= first:
        start = start.doc[start.i + 1]  # page chrome and datelines give no words to headlines
    noun = _event_noun(time, governor, expression)
    quote = quotation(time, start.i)
    speech = speech_verb(governor, quote) if quote is not None else None
    headline = noun_headline(noun, time, start.i) if noun is not None else ""
    if len(headline.split()) < 2:
        noun = None  # "Talks" alone says less than the clause around it
    if noun is not None:
        predicate = NOMINALS.get(noun.lemma_.lower(), noun.lemma_.lower())
        span = period(expression.value)
        later = published is not None and span is not None and span.start > published
        expected = later or is_expected(governor, expression, published)
        status = "expected" if expected else "reported"
        own = participants(noun, time, names)
        actors = tuple(dict.fromkeys((*own[0], *actors)))
        places = tuple(dict.fromkeys((*own[1], *places)))
    elif speech is not None and quote is not None:
        headline = speech_headline(speech, governor, time, quote, start.i)
    else:
        headline = build_headline(governor, time, status, nominal, start.i)
    return Event(
        document=document.id,
        sentence=" ".join(document.text[first:end].split()),
        sentence_start=first,
        time=expression,
        headline=headline,
        predicate=predicate,
        actors=actors,
        places=places,
        status=status,
    )


_LEADING_JUNK = re.compile(r"[\s,;:.)\]|•·*>–—-]+")
# A dateline before the first sentence of a story: "SAMARKAND, UZBEKISTAN: ", "LONDON — ".
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*,? )*[A-Z][A-Z.'-]+\s*[:–—]\s+")
# A section kicker before the story's first words: "Uprising in Egypt -- ElBaradei is ...".
_KICKER = re.compile(
    r"[A-Z][\w'’.]*(?: [A-Z][\w'’.]*)* (?:in|of|on|at|for)(?: [A-Z][\w'’.]*)+ (?:--|—|–) (?=[A-Z])"
)
_QUOTE_REACH = 400  # characters back to look for the opening mark of a quotation


def _trimmed(text: str, start: int, end: int, expression: TimeExpression) -> tuple[int, int]:
    """The sentence as written, without a dateline or leading stray punctuation, and from the
    opening mark of a quotation it closes (the parser may split a quotation)."""
    for pattern in (_LEADING_JUNK, _DATELINE, _KICKER, _LEADING_JUNK):
        found = pattern.match(text, start, end)
        if found and found.end() <= expression.start:
            start = found.end()
    piece = text[start:end]
    if piece.count("”") > piece.count("“") or (piece.count('"') % 2 == 1 and '"' not in piece[:1]):
        mark = "“" if piece.count("”") > piece.count("“") else '"'
        back = text.rfind(mark, max(0, start - _QUOTE_REACH), start)
        if back >= 0 and "\n" not in text[back:start] and "”" not in text[back:start]:
            start = back
    return start, end


def _past_boilerplate(document: Document, first: int, expression: TimeExpression) -> int:
    """Start the quote after furniture run into its sentence before the date ("Photograph: PA
    Two Britons", "... says sister Page last updated at 08:58 GMT ... Michael Jackson was")."""
    for start, end in document.boilerplate:
        if start < expression.start and first < end <= expression.start:
            first = end
    text = document.text
    while first < expression.start and text[first].isspace():
        first += 1
    return first


def _paragraph_start(sentence: Span, time: Span) -> Token:
    """The first token of the sentence that is in the same paragraph as the time expression."""
    doc = sentence.doc
    for i in range(time.start - 1, sentence.start - 1, -1):
        if doc[i].is_space and "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            return doc[i + 1]
    return sentence[0]


def _paragraph_end(sentence: Span, time: Span) -> int:
    """The end offset of the sentence, or of the paragraph of the time expression if sooner."""
    doc = sentence.doc
    for i in range(time.end - 1, sentence.end):
        if "\n" in doc[i].whitespace_ or (doc[i].is_space and "\n" in doc[i].text):
            return doc[i].idx + len(doc[i].text) if not doc[i].is_space else doc[i].idx
    return sentence.end_char


def _predicate(governor: Token) -> str:
    particles = [c.text.lower() for c in governor.children if c.dep_ == "prt"]
    return " ".join([governor.lemma_.lower(), *particles])

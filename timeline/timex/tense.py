"""The tense of the clause a time expression sits in, read from spaCy's parse and morphology.

"met on Friday" is PAST, "will meet on Friday" and "is expected to meet on Friday" are
FUTURE, "meets on Friday" is PRESENT; with no verb to go by the tense is None.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from timeline.vocabulary import time as words

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"

# Verbs and adjectives whose complement lies ahead of the time of speaking.
_FUTURE_LEMMAS = frozenset(
    {
        "expect",
        "plan",
        "schedule",
        "intend",
        "aim",
        "hope",
        "prepare",
        "propose",
        "due",
        "set",
        "slate",
        "poise",
        "likely",
        "going",
        "scheduled",
        "planned",
        "expected",
        "slated",
        "anticipate",
        "forecast",
        "predict",
        "project",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "seek",
        "want",
        "wish",
        "agree",
        "decide",
        "announce",
        "consider",
        "bound",
    }
)
_DIRECT_FUTURE = frozenset({"schedule", "slate", "due", "plan", "expect"})
FUTURE_AUX = words.FUTURE_AUXILIARIES
_MODAL_AUX = words.MODALS | words.ABILITY_MODALS


def _verb_of(token: Token) -> Token | None:
    """The verb (or predicate adjective) the expression attaches to."""
    seen = 0
    while seen < 12:
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ == "acomp"):
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
        seen += 1
    return None


def _own_tense(verb: Token) -> str | None:
    """Tense from the verb's own auxiliaries and morphology, ignoring what governs it."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxes:
        low = aux.lower_
        if low in FUTURE_AUX:
            return FUTURE
    if any(a.lower_ == "would" for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
        return FUTURE  # "said he would travel Thursday": ahead of the report, not counterfactual
    for aux in auxes:
        if aux.lower_ in _MODAL_AUX:
            return None
        if "Past" in aux.morph.get("Tense"):
            return PAST
    if auxes and any(a.lemma_ == "have" and "Pres" in a.morph.get("Tense") for a in auxes):
        return PAST  # present perfect reports what has happened
    if "Past" in verb.morph.get("Tense") and verb.tag_ == "VBD":
        return PAST
    if verb.tag_ == "VBN" and any("Pres" in a.morph.get("Tense") for a in auxes):
        return PRESENT  # "when the case is heard in May": a present passive
    if verb.tag_ in ("VBZ", "VBP") or "Pres" in verb.morph.get("Tense"):
        if verb.lemma_ == "be" and any(
            c.dep_ == "acomp" and c.lemma_ in _FUTURE_LEMMAS for c in verb.children
        ):
            return FUTURE
        if verb.lemma_ == "be" and any(c.lower_ == "going" for c in verb.children):
            return FUTURE
        return PRESENT
    if "Past" in verb.morph.get("Tense"):
        return PAST
    return None


def _looks_ahead(verb: Token) -> bool:
    """True when the verb is "scheduled for", or sits under "expected to", "plans to"."""
    if (
        (verb.lemma_ in _DIRECT_FUTURE or verb.lower_ in _FUTURE_LEMMAS)
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "prt" for c in verb.children)
        and (verb.lower_ != "set" or any(c.lower_ in ("for", "to") for c in verb.children))
    ):
        # "the sessions are scheduled for Friday"; "set" only as "set for", since "the record
        # set on Aug. 6" looks back
        return True
    if verb.dep_ in ("acl", "relcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return True  # "guidelines to be published in November", "a meeting to be held Friday"
    node = verb
    for _ in range(3):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        # "expect the sale to be completed by" parses as ccomp; only its infinitive looks ahead
        if not (node.dep_ == "xcomp" or (node.dep_ == "ccomp" and infinitive)) or (
            node.head is node
        ):
            break
        if node.head.lemma_ in _FUTURE_LEMMAS or node.head.lower_ in _FUTURE_LEMMAS:
            return True
        if (
            infinitive
            and node.head.lemma_ == "be"
            and not any(c.dep_ in ("acomp", "attr") for c in node.head.children)
        ):
            return True  # "the shares are to resume trading Tuesday"
        node = node.head
    return False


def _hypothetical(verb: Token) -> bool:
    """ "the blow might come if a second wave swept across the globe in the winter": a past
    form in an open condition under a modal speaks of what may come, not of what happened."""
    if "Past" not in verb.morph.get("Tense"):
        return False
    conditional = any(c.dep_ == "mark" and c.lower_ in words.CONDITIONALS for c in verb.children)
    node = verb
    for _ in range(4):  # the parser may hang the clause on "if" or on a noun before it
        if node.head is node:
            break
        node = node.head
        if node.lower_ in words.CONDITIONALS:
            conditional = True
        elif conditional and node.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "aux" and c.lower_ in _MODAL_AUX for c in node.children)
    return False


def tense_of(span: Span) -> str | None:
    """PAST, PRESENT, FUTURE or None for the clause that governs the span."""
    root = span.root
    verb = _verb_of(root.head if root.head is not root else root)
    if verb is None:
        return None
    if _looks_ahead(verb) or _hypothetical(verb):
        return FUTURE
    tense = _own_tense(verb)
    if tense is None and verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl"):
        # "said it would meet", "agreed to meet": fall back on the governing verb
        head = verb.head
        if head is not verb:
            if any(c.lower_ in _MODAL_AUX for c in verb.children):
                return None
            if verb.dep_ == "xcomp" and head.lemma_ in _FUTURE_LEMMAS:
                return FUTURE
            return _own_tense(head) if verb.dep_ == "conj" else None
    return tense


def present_perfect(span: Span) -> bool:
    """True when the verb that governs the span is in the present perfect ("has announced")."""
    root = span.root
    verb = _verb_of(root.head if root.head is not root else root)
    return verb is not None and any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and "Pres" in c.morph.get("Tense")
        for c in verb.children
    )


_PLAN_LEMMAS = frozenset({"plan", "schedule", "slate", "set"})
_ANNOUNCE_LEMMAS = frozenset({"announce", "unveil", "call"})


def planned(span: Span) -> bool:
    """True when the span dates what a past or participle planning verb set up: "protesters
    planned a demonstration on Saturday", "a memorial service planned for Saturday"."""
    root = span.root
    verb = _verb_of(root.head if root.head is not root else root)
    if verb is not None and verb.dep_ == "acl" and verb.head is not verb:
        governor = _verb_of(verb.head)
        if governor is not None and _own_tense(governor) in (PRESENT, FUTURE):
            return False  # "a vote planned for Tuesday will go ahead": still to come
    if verb is None or verb.tag_ not in ("VBD", "VBN"):
        return False
    return (
        verb.lemma_ in _PLAN_LEMMAS
        and (verb.tag_ == "VBD" or verb.dep_ == "acl")
        and (verb.lemma_ != "set" or any(c.lower_ == "for" for c in verb.children))
    )


def announced(span: Span) -> bool:
    """True for a date after the object of "announced": "announced a tribute concert on 8
    October" names the day of what was announced, "announced on Monday that" the day of the
    announcement."""
    root = span.root
    verb = _verb_of(root.head if root.head is not root else root)
    return (
        verb is not None
        and verb.lemma_ in _ANNOUNCE_LEMMAS
        and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < span.start for c in verb.children)
    )


def nominal(span: Span) -> bool:
    """True for a date that premodifies a noun: "the 8 October gig", "the April 30 airstrike"
    date the noun's event, which has no tense of its own (TimeML: a nominal event's tense is
    NONE), whatever the tense of the clause the noun sits in."""
    outside = [t for t in span if not span.start <= t.head.i < span.end]
    return bool(outside) and all(
        t.dep_ in _PREMODIFIERS and t.head.i >= span.end and t.head.pos_ == "NOUN" for t in outside
    )


_PREMODIFIERS = frozenset({"compound", "nmod", "amod", "nummod", "det"})


def pluperfect(span: Span) -> bool:
    """True when the clause that governs the span is in the past perfect ("had filed by")."""
    root = span.root
    verb = _verb_of(root.head if root.head is not root else root)
    for _ in range(3):  # "had been due to expire Friday": the past perfect governs the infinitive
        if verb is None:
            return False
        if verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children
        ):
            return True
        if verb.dep_ not in ("xcomp", "acomp") or verb.head is verb:
            return False
        verb = verb.head
    return False


def negated(span: Span) -> bool:
    """True when the clause that governs the span is denied ("not until October", "is unlikely
    to be ready until October"): then "until" names when the event comes, not when it ends."""
    root = span.root
    verb = _verb_of(root.head if root.head is not root else root)
    for _ in range(3):
        if verb is None:
            return False
        if any(c.dep_ == "neg" or c.lower_ in words.NEGATIONS for c in verb.children):
            return True
        if verb.dep_ not in ("xcomp", "acomp", "ccomp", "auxpass") or verb.head is verb:
            return False
        verb = verb.head
    return False


def future_aux(span: Span) -> bool:
    """True when the verb that governs the span has "will", "shall" or "would" of its own."""
    root = span.root
    verb = _verb_of(root.head if root.head is not root else root)
    return verb is not None and any(
        c.dep_ in ("aux", "auxpass") and (c.lower_ in FUTURE_AUX or c.lower_ == "would")
        for c in verb.children
    )

"""Reading a dated clause from the parse: its subject, pronouns and status (the quotation a
date sits in and its speaker: `timeline.events.quotes`)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from timeline.records import TimeExpression
from timeline.timevalue import period
from timeline.vocabulary.events import (
    ASIDES,
    EVENT_NOUNS,
    FIRST_PERSON,
    LOCATIVE_PREPOSITIONS,
    PRONOUN_OF,
    RELATIVE_PRONOUNS,
    SCHEDULING,
    TITLES,
)
from timeline.vocabulary.time import FUTURE_AUXILIARIES as FUTURE_AUX
from timeline.vocabulary.time import MODALS

QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "`", "``", "''"})
OPENING_QUOTES = frozenset({"“", "«", "``"})
CLOSING_QUOTES = frozenset({"”", "»", "''"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass")


def clause_subject(verb: Token, time: Span | None = None, depth: int = 0) -> Token | None:
    """The subject of a verb, inherited from the governing clause when it has none of its own."""
    for child in verb.children:
        if child.dep_ not in SUBJECTS:
            continue
        if time is not None and time.start <= child.i < time.end:
            # "a US Senate committee Wednesday took ...": the parser took the date for the
            # subject; the noun just before it is the real one.
            before = child.doc[time.start - 1] if time.start > 0 else None
            noun = before is not None and before.pos_ in ("NOUN", "PROPN")
            if noun and before.ent_type_ != "DATE":
                return before
            return None
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return relative_antecedent(verb)
        return child
    if any(c.dep_ == "expl" for c in verb.children):
        return None  # "there is a strong likelihood that ...": no one is the subject
    controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if verb.dep_ == "xcomp" and controller is not None and controller.pos_ in ("NOUN", "PROPN"):
        return controller  # "asked the neighbours to leave": the neighbours leave
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head != verb:
        return clause_subject(verb.head, None, depth + 1)
    if depth < 3 and verb.dep_ == "acomp" and verb.head.lemma_ == "be":
        # "the minister is due to speak": the subject of "is" speaks.
        return clause_subject(verb.head, None, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        # "the leaders met 40 times, including signing a partnership": the leaders signed.
        return clause_subject(verb.head.head, None, depth + 1)
    if (
        verb.dep_ == "acl"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and verb.tag_ in ("VBD", "VBN", "VBG")
        and not any(c.dep_ == "aux" for c in verb.children)
    ):
        # "a second wave of cases swept across the globe", "his speech explaining the plan":
        # a participle that modifies a noun says what the noun did.
        return verb.head
    return None


def relative_antecedent(verb: Token) -> Token:
    """The noun a "which" or "who" clause is about. The parser hangs it on the last noun before
    it, but after a place in a locative phrase ("the protests in Libya, which went into full
    swing", "a protester in Bahrain, who was shot") the one described is the noun the place
    locates: a place does not go into full swing, nor is it a "who"."""
    head = verb.head
    preposition = head.head
    if (
        head.dep_ == "pobj"
        and head.ent_type_ in ("GPE", "LOC")
        and preposition.lower_ in LOCATIVE_PREPOSITIONS
        and preposition.head.pos_ == "NOUN"
        and any(c.lower_ in ("which", "who") for c in verb.children)
    ):
        return preposition.head
    return head


def with_carriers(verb: Token) -> list[Token]:
    """The verb and the "have", "need" or "be" that carry its modal: "would have to improve"
    is [improve, have], "may be able to close" [close, be]."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.lemma_ in ("have", "need", "be"):
        chain.append(chain[-1].head)
    return chain


def modal(verb: Token) -> Token | None:
    """The modal that makes a clause a possibility, a duty or a prediction: "may reopen",
    "would have to improve" (on the verb it governs), but not "could not reach" (what happened)."""
    for token in with_carriers(verb)[:3]:
        found = next((c for c in token.children if c.dep_ == "aux" and c.lower_ in MODALS), None)
        if found is not None:
            negated = any(c.dep_ == "neg" for c in token.children)
            return None if negated and found.lower_ == "could" else found
    return None


def is_conditional(verb: Token) -> bool:
    """A clause under "if" or "unless": what would happen, not what happened."""
    token = verb
    for _ in range(3):
        if any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children
        ) and token.dep_ in ("advcl", "ROOT"):
            return True
        if token.dep_ not in ("conj", "xcomp") or token.head == token:
            return False
        token = token.head
    return False


def is_expected(verb: Token, expression: TimeExpression, published: date | None) -> bool:
    """True when the clause is planned, scheduled, predicted, conditional or hypothetical."""
    if is_future(verb):
        return True
    if modal(verb) is not None or is_conditional(verb):
        return True
    if (
        verb.dep_ == "xcomp"
        and verb.head.lemma_ == "be"
        and verb.head.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return True  # "the council is to meet tomorrow"
    if verb.tag_ == "VBD":
        return False  # told in the past tense, whatever clause the parser hung it on
    head = verb
    for _ in range(2):  # "is expected to meet", "is set to hold", "will meet to discuss"
        purpose = head.dep_ == "advcl" and any(c.lower_ == "to" for c in head.children)
        if head.dep_ not in ("xcomp", "ccomp", "acomp") and not purpose or head.head == head:
            break
        head = head.head
        if head.lemma_.lower() in SCHEDULING:
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in head.children):
            return True
    lemma = verb.lemma_.lower()
    scheduling = lemma in SCHEDULING and lemma != "go"
    if (
        scheduling
        and not any(c.dep_ == "prt" for c in verb.children)
        and (is_passive(verb) or any(c.dep_ == "xcomp" for c in verb.children))
    ):
        return True
    if _past_tense(_finite(verb)):
        return False  # "died after suffering a heart attack on Thursday": past all the same
    # A day after the publication date, told in a tense that is not past: still to come.
    span = period(expression.value)
    if published is not None and span is not None and span.start > published:
        return verb.tag_ not in ("VBD", "VBN")
    return False


def _finite(verb: Token) -> Token:
    """The finite verb that a gerund or participle without a subject depends on."""
    token = verb
    for _ in range(3):
        if token.tag_ not in ("VBG", "VBN") or any(c.dep_ in SUBJECTS for c in token.children):
            break
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ == "advcl" and token.head != token:
            token = token.head
        else:
            break
    return token


def _past_tense(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def is_event_noun(token: Token) -> bool:
    """A noun that names a happening, or a gerund used as one ("deadly fighting")."""
    if token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "GPE", "NORP"):
        return False
    if token.pos_ in ("NOUN", "PROPN"):
        return token.lemma_.lower() in EVENT_NOUNS or token.lower_ in EVENT_NOUNS
    return (
        token.tag_ == "VBG"
        and token.dep_ == "pobj"
        and any(c.dep_ in ("amod", "det", "poss") for c in token.children)
    )


def antecedent(pronoun: Token, depth: int = 0) -> Token | None:
    """The noun a he/she/they/it stands for, by a light rule: the subject of a clause that
    governs the pronoun's clause ("Putin told Modi he was aware": Putin), else, for he and
    she, the last person named in this or the two sentences before."""
    word = PRONOUN_OF.get(pronoun.lower_, pronoun.lower_)
    if word not in ("he", "she", "they", "it"):
        return None
    token = pronoun.head
    for _ in range(6):
        for child in token.children:
            if (
                child.dep_ in ("nsubj", "nsubjpass")
                and child.pos_ != "PRON"
                and _agrees(child, word)
            ):
                return child
        if token.head == token:
            break
        token = token.head
    if word not in ("he", "she"):
        return None
    doc = pronoun.doc
    first = pronoun.sent.start
    for _ in range(2):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    # Sentence by sentence back from the pronoun: the last person named as a subject (or as
    # the subject of a relative clause), else the last person named; an earlier "he" that is a
    # subject continues the same person, so it is resolved in turn.
    people: list[Token] = []
    echo: Token | None = None
    for i in range(pronoun.i - 1, first - 1, -1):
        token = doc[i]
        if token.lower_ == word and token.dep_ == "nsubj" and echo is None:
            echo = token
        elif is_person(token) and token.dep_ != "compound":
            people.append(token)
        if not (token.is_sent_start or i == first) or not (people or echo):
            continue
        subjects = [
            t
            for t in people
            if t.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "relcl" for c in t.children)
        ]
        if subjects:
            return subjects[0]
        if echo is not None and depth < 2:
            return antecedent(echo, depth + 1) or (people[0] if people else None)
        return people[0] if people else None
    return None


def is_person(token: Token) -> bool:
    """A person's name, or a name with a title the recogniser took for something else."""
    if token.ent_type_ == "PERSON":
        return True
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lower_ in TITLES for c in token.children
    )


def _agrees(noun: Token, pronoun: str) -> bool:
    if pronoun in ("he", "she"):
        # "Libya's ambassador said he resigned": a title names a person as well as a name does.
        return is_person(noun) or (noun.pos_ == "NOUN" and noun.lemma_.lower() in TITLES)
    if pronoun == "they":
        return is_plural(noun)
    return noun.ent_type_ in ("ORG", "GPE") and not is_plural(noun)


def is_plural(subject: Token) -> bool:
    """True for a plural subject: a list, a plural noun or a plural pronoun."""
    if any(c.dep_ == "conj" for c in subject.children):
        return True
    if subject.tag_ in ("NNS", "NNPS"):
        return True
    return subject.lower_ in ("they", "we", "you", "i", "both", "these", "those")


def is_passive(verb: Token) -> bool:
    """A passive clause, or a fronted participle clause with no subject ("Set up in 2001")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    own_subject = any(c.dep_ in SUBJECTS for c in verb.children)
    if own_subject or any(c.dep_ == "aux" for c in verb.children):
        return False
    by = any(c.dep_ == "agent" for c in verb.children)
    done = not any(c.dep_ in ("dobj", "ccomp", "dative") for c in verb.children)
    if verb.dep_ == "acl" and (by or done and verb.tag_ == "VBN"):
        return True  # "a pair of pigs donated by China", but not "a broadcaster reported that"
    if (
        verb.dep_ == "conj"
        and verb.tag_ in ("VBN", "VBD")
        and verb.head != verb
        and is_passive(verb.head)
    ):
        return True  # "was recorded on a phone and posted on Monday"
    first = verb.i == verb.sent.start or verb.doc[verb.i - 1].is_space
    return (
        verb.dep_ in ("advcl", "acl")
        and verb.tag_ in ("VBN", "VB", "VBD")
        and verb.i < verb.head.i
        and first
    )


def is_quoted(clause: Token) -> bool:
    """A clause inside quote marks ("“We won't call it swine flu,” the minister said")."""
    doc = clause.doc
    first, last = clause.left_edge.i, clause.right_edge.i
    return any(t.text in QUOTES for t in doc[max(0, first - 1) : first + 1]) or any(
        t.text in QUOTES for t in doc[last : last + 3]
    )


def is_aside(child: Token, verb: Token) -> bool:
    """A discourse phrase ("in particular", "in fact") or a fronted gerund clause ("In
    explaining why ..., Clinton admitted"): neither is part of what happened."""
    if child.dep_ != "prep":
        return False
    objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp", "amod")]
    if len(objects) == 1 and objects[0].lower_ in ASIDES and not list(objects[0].children):
        return True
    return child.i < verb.i and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in objects)


def is_unnamed(subject: Token | None) -> bool:
    """A subject that names no one: an unresolved pronoun, or "there" in "there is"."""
    if subject is None:
        return False
    if subject.pos_ != "PRON" or any(c.dep_ == "conj" for c in subject.children):
        return False
    if subject.lower_ in RELATIVE_PRONOUNS:
        return False
    return antecedent(subject) is None


def is_first_person(token: Token) -> bool:
    """An I, we or you outside a quotation, which a headline cannot carry."""
    return token.lower_ in FIRST_PERSON and token.pos_ == "PRON"


def is_personal(token: Token) -> bool:
    """ "our allies", "with us": words about no one a reader knows, left out of a headline."""
    if token.dep_ == "poss":
        return is_first_person(token)
    objects = list(token.children)
    return token.dep_ == "prep" and bool(objects) and all(is_first_person(c) for c in objects)


def is_future(verb: Token) -> bool:
    """Told in the future tense: "will meet", "is going to meet"."""
    return any(
        c.dep_ == "aux" and (c.lower_ in FUTURE_AUX or c.lower_ == "going") for c in verb.children
    )


def left_subject(verb: Token, excluded: set[int]) -> Token | None:
    """A name just before a finite verb the parser gave no subject: in "On the sidelines of
    the summit, Xi Jinping and Vladimir Putin began", the names it hung on "summit"."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.i in excluded or before.pos_ != "PROPN" or not before.ent_type_:
        return None
    token = before
    while token.dep_ == "conj" and token.head.ent_type_ == before.ent_type_:
        token = token.head
    return token if token.i not in excluded else None


def is_relative_pronoun(token: Token) -> bool:
    """A relative "that", "which", "whom" as an object; not a demonstrative ("achieved just
    that")."""
    relative = token.tag_ in ("WDT", "WP") or any(a.dep_ == "relcl" for a in token.ancestors)
    return (
        token.dep_ in ("dobj", "pobj")
        and token.lower_ in ("that", "which", "whom", "who")
        and relative
    )


def relative_object(verb: Token, subject: Token | None) -> Token | None:
    """The noun a relative clause hangs off when it is the clause's object: in "the same
    language he used with Xi", what he used is the language."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if subject is None or subject == verb.head or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    if any(c.dep_ in SUBJECTS and c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        return None  # "the protests in Libya, which went ...": the "which" is the subject
    if any(c.lower_ == "whose" for c in subject.children):
        return None  # "the woman whose illness began": the woman is no object
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "ccomp", "xcomp")]
    if objects and not all(is_relative_pronoun(c) for c in objects):
        return None
    return verb.head


def is_predicative(token: Token) -> bool:
    """What a "be" says ("warships are on a patrol"): the clause means nothing without it."""
    head = token.head
    return (
        token.dep_ == "prep"
        and head.lemma_ == "be"
        and head.dep_ != "ROOT"
        and not any(c.dep_ in ("attr", "acomp") for c in head.children)
    )

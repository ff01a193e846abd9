"""Headline wording: the verb as a headline says it, the time phrase a headline leaves out,
and tokens printed as a line of news (case, spacing, no word left dangling at the end)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Span, Token

from timeline.events.clause import (
    OPENING_QUOTES,
    SUBJECTS,
    is_conditional,
    is_passive,
    is_plural,
    with_carriers,
)
from timeline.nlp import HEADING_DATE
from timeline.vocabulary.events import FIRST_PERSON, IRREGULAR_PRESENT, SCHEDULING, SUPERSEDED
from timeline.vocabulary.time import MODALS

TIMES = frozenset({"DATE", "TIME"})
_NUMBERS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


def time_phrase(time: Span) -> set[int]:
    """Token indices of the time expression with the preposition that introduces it, and of
    the date phrase it is part of ("at the start of the winter flu season")."""
    doc = time.doc
    if (
        time.root.ent_type_ in TIMES
        and time.root.ent_iob_ == "I"
        or (
            time.end < len(doc)
            and doc[time.end].ent_iob_ == "I"
            and doc[time.end].ent_type_ in TIMES
        )
    ):
        start, end = time.start, time.end
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if doc[start].ent_type_ in TIMES:
            time = doc[start:end]
    top = time.root
    if any(
        c.dep_ in ("compound", "nmod")
        and not time.start <= c.i < time.end
        and c.ent_type_ not in TIMES
        for c in top.children
    ):
        # "a speech about Libya Monday", parsed as one noun: the preposition is Libya's
        return {t.i for t in time}
    while top.head != top and top.head.dep_ == "prep" and top.dep_ == "pobj":
        top = top.head
        if top.head != top and top.head.pos_ == "ADP" and top.dep_ == "pcomp":
            top = top.head
    indices = {t.i for t in top.subtree} if top != time.root else set()
    return indices | {t.i for t in time} | ({top.i} if top != time.root else set())


def present(lemma: str, plural: bool) -> str:
    """The present tense of a verb for a singular or plural subject."""
    if lemma in IRREGULAR_PRESENT:
        return IRREGULAR_PRESENT[lemma][1 if plural else 0]
    if plural:
        return lemma
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def base_form(verb: Token) -> str:
    """The verb's lemma, mended where the model cut a silent e: "staged" is "stage", not
    "stag". English doubles the last consonant of a one-syllable verb before "-ed" ("stopped"),
    so an undoubled one-syllable stem before "-ed" lost its e."""
    lemma = verb.lemma_.lower() if verb.lemma_ else verb.lower_
    text = verb.lower_
    if (
        verb.tag_ in ("VBD", "VBN")
        and text == lemma + "ed"
        and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma)
    ):
        return lemma + "e"
    return lemma


def superseded(verb: Token) -> str:
    """The adverb that says a plan was the first one, since changed: "was originally expected",
    "was initially scheduled to take place". A headline keeps it, or it reports a dead plan as
    the current one."""
    for token in (verb, verb.head):
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in SUPERSEDED:
                return child.lower_
        if token.dep_ not in ("xcomp", "ccomp") or token.head == token:
            break
    return ""


def verb_group(verb: Token, status: str, plural: bool) -> str:
    """The verb as a headline says it: "meets", "to meet", "founded", "does not meet"."""
    lemma = base_form(verb)
    particles = " ".join(c.text.lower() for c in verb.children if c.dep_ == "prt")
    negated = any(c.dep_ == "neg" for c in verb.children)
    chain = _modal_chain(verb) or past_plan(verb)
    if chain:
        return f"{chain} {particles}".strip()
    earlier = superseded(verb)
    if earlier and status == "expected":
        plan = verb if verb.lemma_.lower() in SCHEDULING else verb.head
        if plan.lemma_.lower() in SCHEDULING and plan.tag_ == "VBN":
            rest = f" to {lemma}" if plan != verb else ""
            return f"{earlier} {plan.lower_}{rest} {particles}".strip()
    if is_conditional(verb):  # "if stronger forms appear": they may appear
        perfect = any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)
        words = ["may", "not" if negated else "", "have" if perfect else ""]
        if is_passive(verb):
            words += ["been" if perfect else "be", verb.lower_]
        else:
            words.append(verb.lower_ if perfect else lemma)
        return " ".join(w for w in (*words, particles) if w)
    if is_passive(verb):
        participle = verb.lower_
        if status == "expected" and lemma not in SCHEDULING:
            group = f"to be {participle}" if not negated else f"not to be {participle}"
        else:
            group = f"not {participle}" if negated else participle
    elif status == "expected":
        group = f"not to {lemma}" if negated else f"to {lemma}"
    elif negated:
        if lemma == "be":
            group = f"{present('be', plural)} not"
        else:
            group = f"{'do' if plural else 'does'} not {lemma}"
    else:
        group = present(lemma, plural)
    return f"{group} {particles}".strip()


def past_plan(verb: Token) -> str:
    """A plan told in the past, which may never have happened, as written: "was to have been
    interrogated", "were to meet" (the source says what was planned, not what was done)."""
    be = verb.head
    if verb.dep_ != "xcomp" or be.lemma_ != "be" or be.tag_ != "VBD":
        return ""
    carriers = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    if not carriers or carriers[0].lower_ != "to":
        return ""
    return " ".join(t.lower_ for t in (be, *carriers, verb))


def _modal_chain(verb: Token) -> str:
    """The verb with its modal as written ("would have to improve", "could not reach")."""
    chain = with_carriers(verb)
    found = next(
        (
            c
            for t in chain
            for c in t.children
            if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in MODALS
        ),
        None,
    )
    if found is None or len(chain) > 3:
        return ""
    words = [
        t
        for t in verb.doc[found.i : verb.i + 1]
        if t in chain or t.head in chain and t.dep_ in ("aux", "auxpass", "neg")
    ]
    return " ".join("not" if t.dep_ == "neg" else t.lower_ for t in words)


def is_hyphenated(token: Token) -> bool:
    """Part of a hyphenated word ("face-to-face"), which is never split."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return before or after


def token_words(tokens: list[Token]) -> int:
    """Words as printed: "won't" is one word, though the parser makes two tokens of it."""
    return sum(
        1
        for k, t in enumerate(tokens)
        if not t.is_punct
        and not (k and tokens[k - 1].i == t.i - 1 and not tokens[k - 1].whitespace_)
    )


def word_count(text: str) -> int:
    return len(text.split())


def render(tokens: list[Token], words: Mapping[int, str] | None = None) -> str:
    """The tokens as a headline prints them; `words` gives some (by index) other words."""
    out: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            out.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        out.append(words[token.i] if words and token.i in words else _case(token))
        previous = token
    return "".join(out)


def unshifted(speech: Token) -> dict[int, str]:
    """The auxiliaries of what `speech` reports, back in the tense the speaker used.

    Reported after "said", a present is shifted back ("said the U.S. was monitoring the
    situation"); a headline says "says", and with it the speaker's own tense: "says the U.S. is
    monitoring". Only the progressive comes back: a past perfect may stand for a simple past
    ("had cut" for "cut"), a simple past may be the speaker's own, and a progressive with a
    time of its own was in the past already ("was travelling at 90mph when the car hit").
    """
    words = {}
    reported = [c for c in speech.children if c.dep_ == "ccomp"]
    subject = None
    for said in [*reported, *(c for r in reported for c in r.children if c.dep_ == "conj")]:
        auxiliaries = [c for c in said.children if c.dep_ == "aux"]
        if len(auxiliaries) != 1 or auxiliaries[0].tag_ != "VBD" or said.tag_ != "VBG":
            continue
        (aux,) = auxiliaries
        if aux.lemma_.lower() != "be" or any(
            c.dep_ == "advcl" or c.ent_type_ in TIMES for c in said.subtree if c != said
        ):
            continue
        subject = next((c for c in said.children if c.dep_ in SUBJECTS), subject)
        if subject is None or subject.lower_ in FIRST_PERSON:
            continue  # "I was lying": a quotation's words, not a reporter's
        words[aux.i] = present("be", is_plural(subject))
    return words


def _after_heading_date(token: Token) -> bool:
    heading = token.doc[token.sent.start : token.i].text_with_ws
    found = HEADING_DATE.match(heading + token.text)
    return found is not None and found.end() == len(heading)


def _case(token: Token) -> str:
    """The token in lower case when only its place made it upper case: the first word of a
    sentence or of a quotation ("tells reporters the SCO offers ..."), unless it is a name."""
    text = token.text
    named = token.ent_type_ and token.ent_type_ not in _NUMBERS  # "Three new cases": no name
    named = named and token.lower_ not in ("the", "a", "an")  # "The United States" mid-line
    if not text[:1].isupper() or token.pos_ == "PROPN" or named or text == "I":
        return text
    if text[1:] != text[1:].lower():
        return text  # "SCO", "iPhone"
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    opening = (
        before is None
        or token.is_sent_start
        or before.text in (*OPENING_QUOTES, '"', ":", "‘", "'", "(", "\n")
        or "\n" in before.text
        # the first word after a timeline item's date ("24 October 2011 After a break, ...")
        or _after_heading_date(token)
    )
    return text.lower() if opening else text


def tidy(text: str) -> str:
    """Spacing, punctuation and case of a headline; no markup, no word said twice, no word
    left dangling at the end."""
    text = _MARKUP.sub(" ", text)
    text = " ".join(text.split())
    text = _DOUBLED.sub(r"\1", text)  # "after a a month": a typing slip of the source
    text = _STACKED.sub("", text)  # "wall at in the hope": the first lost its object
    # "a nationwide alert" shortened to "a alert": the article agrees with its new neighbour.
    text = _A_VOWEL.sub(lambda m: m.group(1) + "n ", text)
    text = _AN_CONSONANT.sub(lambda m: m.group(1) + " ", text)
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"(,\s*)+,", ",", text)
    text = re.sub(r"\s[-–—](?=\s)", "", text)  # a hyphen left between words by a dropped modifier
    # Leading punctuation goes, but not a sign that belongs to a number ("+12%", "-3C", "$5m").
    text = re.sub(r"^(?:(?![+\-−$£€¥]\d)[\W_])+|[\s,;:\-–—]+$", "", text)
    # A possessive with nothing after it: the noun it owned was the time expression.
    text = re.sub(r"(\s+[A-Z][\w.-]*)*\s+[A-Z][\w.-]*(['’]s?)$", "", text)
    # A headline never ends on a word that needs another after it ("Updike inspired by").
    while True:
        trimmed = _DANGLING.sub("", text).rstrip(" ,;:.-–—")
        if trimmed == text or not trimmed:
            break
        text = trimmed
    return text[:1].upper() + text[1:]


# Tags, and pieces of tags cut by the scraper ("votes unanimously</b"), are never words.
_MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>?(?=\s|$|[^\w\s])|&[a-z]+;")
_DOUBLED = re.compile(r"\b(a|an|the|of|to|in|on|at|for|by|with|and|from)(?:\s+\1\b)+", re.I)
_A_VOWEL = re.compile(r"\b([Aa]) (?=[aeioAEIO][a-z])")
_AN_CONSONANT = re.compile(r"\b([Aa])n (?=[b-df-gj-np-tv-z][a-z])")
_PREPOSITIONS = r"(?:at|on|in|from|by|during|with)"
_STACKED = re.compile(rf"(?<=\s){_PREPOSITIONS}\s+(?={_PREPOSITIONS}\s)", re.I)
_DANGLING = re.compile(
    r"\s+(and|or|but|nor|to|of|with|the|a|an|as|by|for|from|in|on|at|into|onto|about|after|"
    r"before|since|than|that|which|who|whose|including|between|during|until|over|under|"
    r"toward|towards|against|among|through|via|per|his|her|its|their|my|our|your|this|these|"
    r"is|are|was|were|be|been|has|have|had)$",
    re.IGNORECASE,
)

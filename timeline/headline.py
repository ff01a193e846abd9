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

MAX_WORDS = 12  # a headline longer than this loses modifiers, deepest and rightmost first

SCHEDULING = frozenset({
    "expect", "schedule", "plan", "set", "slate", "due", "intend", "aim", "prepare", "poise",
    "hope", "go", "propose", "tip", "likely", "bound",
})
SPEECH = frozenset({"say", "tell", "announce", "declare", "state", "add", "claim", "warn"})
# Verbs that introduce a quotation: the event a dated quotation reports is the saying.
QUOTING = SPEECH | frozenset({
    "insist", "stress", "note", "write", "argue", "explain", "urge", "ask", "reply", "respond",
    "recall", "admit", "acknowledge", "assert", "promise", "vow", "pledge", "tweet", "post",
})
# Nouns that name a happening, so that "ahead of a crucial congress in October" dates the
# congress: extends the event nouns of `timeline.events.NOMINALS`.
EVENT_NOUNS = frozenset({
    "congress", "war", "conflict", "fighting", "clash", "battle", "crisis", "vote", "referendum",
    "protest", "riot", "strike", "concert", "match", "final", "festival", "tour", "ceremony",
    "conference", "session", "hearing", "speech", "announcement", "accident", "crash",
    "earthquake", "explosion", "fire", "flood", "storm", "outbreak", "pandemic", "lockdown",
    "shooting", "bombing", "killing", "coup", "revolution", "collapse", "raid", "rally", "march",
    "inquest", "sentencing", "premiere", "debut", "performance", "broadcast", "opening",
    "closure", "takeover", "merger", "olympics", "games", "cup", "championship", "trip",
    "offensive", "uprising", "massacre", "skirmish", "incursion", "annexation", "occupation",
    "handover", "ceasefire", "truce", "negotiation", "exercise", "drill", "test", "tournament",
    "show", "gig", "exhibition", "retirement", "departure", "arrival", "return", "appearance",
}) | frozenset({
    "establishment", "founding", "foundation", "creation", "formation", "launch", "birth",
    "death", "election", "inauguration", "arrest", "invasion", "resignation", "assassination",
    "independence", "signing", "wedding", "trial", "verdict", "funeral", "meeting", "visit",
    "summit", "talks", "attack", "release",
})
_TITLES = frozenset({
    "president", "minister", "premier", "chancellor", "king", "queen", "prince", "princess",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lord", "lady", "senator",
    "governor", "mayor", "judge", "general", "secretary", "pope", "ambassador", "leader",
})
_OPENING_QUOTES = frozenset({"“", "«", "``"})
_CLOSING_QUOTES = frozenset({"”", "»", "''"})
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
_OBJECTS = frozenset({"dobj", "dative", "attr", "acomp", "oprd"})
_PHRASES = frozenset({"prep", "acl", "conj", "advmod", "npadvmod", "pcomp", "xcomp", "ccomp"})
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
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        # "the leaders met 40 times, including signing a partnership": the leaders signed.
        return clause_subject(verb.head.head, None, depth + 1)
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
        # "SAMARKAND, UZBEKISTAN: Putin and Xi held ...": the dateline took the subject.
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i > subject.i
                        and c.i not in excluded), None)
    if subject is None and verb.tag_ in ("VBD", "VBZ", "VBP"):
        subject = _left_subject(verb, excluded)
    subject_text = _subject_text(subject, excluded) if subject is not None else ""
    plural = subject is not None and _is_plural(subject)
    verb_text = _verb_group(verb, status, plural, own_subject=subject in verb.children)
    speech = verb.lemma_.lower() in SPEECH and any(c.dep_ == "ccomp" for c in verb.children)
    complements = [
        c for c in verb.children
        if c.dep_ in _COMPLEMENTS and c.dep_ != "prt" and c.i not in excluded
        and (c.dep_ != "ccomp" or verb.lemma_.lower() in SPEECH or verb.pos_ == "AUX")
        and not (speech and c.dep_ == "prep")  # "tells reporters in Moscow the SCO ...": too long
        and not _relative_pronoun(c)
    ]
    # What was said comes after whom it was said to, whatever the order in the sentence.
    # The object next to the verb, even when a phrase was fronted ("On the sidelines, ...").
    complements.sort(key=lambda c: (c.dep_ == "ccomp", c.dep_ not in _OBJECTS, c.i))
    tokens: list[Token] = []
    antecedent = _relative_object(verb, subject)
    if antecedent is not None:
        tokens.extend(_pruned(antecedent, excluded | {verb.i}))
    for child in complements:
        tokens.extend(_pruned(child, excluded))
    budget = MAX_WORDS - len(subject_text.split()) - len(verb_text.split())
    tokens = _shorten(tokens, verb, max(4, budget))
    text = " ".join(p for p in (subject_text, verb_text, _render(tokens)) if p)
    return _tidy(text)


def _left_subject(verb: Token, excluded: set[int]) -> Token | None:
    """A name just before a finite verb the parser gave no subject: in "On the sidelines of
    the summit, Xi Jinping and Vladimir Putin began", the names it hung on "summit"."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.i in excluded or before.pos_ != "PROPN" or not before.ent_type_:
        return None
    token = before
    while token.dep_ == "conj" and token.head.ent_type_ == before.ent_type_:
        token = token.head
    return token if token.i not in excluded else None


def _relative_pronoun(token: Token) -> bool:
    return token.dep_ in ("dobj", "pobj") and token.lower_ in ("that", "which", "whom", "who")


def _relative_object(verb: Token, subject: Token | None) -> Token | None:
    """The noun a relative clause hangs off when it is the clause's object: in "the same
    language he used with Xi", what he used is the language."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if subject is None or subject == verb.head or subject.lower_ in ("who", "which", "that"):
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "ccomp", "xcomp")]
    if objects and not all(_relative_pronoun(c) for c in objects):
        return None
    return verb.head


def noun_headline(noun: Token, time: Span, start: int = 0) -> str:
    """A noun-phrase headline for an event named by a noun ("Deadly fighting on the border")."""
    excluded = _time_phrase(time) | set(range(start))
    tokens = _pruned(noun, excluded, subject=True)
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    owner = ""
    if tokens and tokens[0].dep_ == "poss" and tokens[0].pos_ == "PRON":
        # "its establishment": whose, if the clause names it; the pronoun goes either way. A
        # "his" is too often someone else than the subject ("hired by Jackson for his tour").
        owner = resolve_pronoun(tokens[0]) if tokens[0].lower_ == "its" else None
        owner = owner or ""
        tokens = tokens[1:]
    tokens = _shorten(tokens, noun, MAX_WORDS - len(owner.split()))
    text = _render(tokens)
    return _tidy(f"{owner}'s {text}" if owner else text)


def is_event_noun(token: Token) -> bool:
    """A noun that names a happening, or a gerund used as one ("deadly fighting")."""
    if token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "GPE", "NORP"):
        return False
    if token.pos_ in ("NOUN", "PROPN"):
        return token.lemma_.lower() in EVENT_NOUNS or token.lower_ in EVENT_NOUNS
    return (token.tag_ == "VBG" and token.dep_ == "pobj"
            and any(c.dep_ in ("amod", "det", "poss") for c in token.children))


def resolve_pronoun(pronoun: Token, depth: int = 0) -> str | None:
    """The name a he/she/they/it stands for, by a light rule: the subject of a clause that
    governs the pronoun's clause ("Putin told Modi he was aware": Putin), else, for he and
    she, the last person named in this or the two sentences before."""
    word = {"his": "he", "him": "he", "her": "she", "its": "it", "their": "they",
            "them": "they"}.get(pronoun.lower_, pronoun.lower_)
    if word not in ("he", "she", "they", "it"):
        return None
    token = pronoun.head
    for _ in range(6):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON" and \
                    _agrees(child, word):
                return _name(child)
        if token.head == token:
            break
        token = token.head
    if word not in ("he", "she"):
        return None
    doc = pronoun.doc
    sentence = pronoun.sent
    first = sentence.start
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
        elif _person(token) and token.dep_ != "compound":
            people.append(token)
        if not (token.is_sent_start or i == first) or not (people or echo):
            continue
        subjects = [t for t in people if t.dep_ in ("nsubj", "nsubjpass")
                    or any(c.dep_ == "relcl" for c in t.children)]
        if subjects:
            return _name(subjects[0])
        if echo is not None and depth < 2:
            return resolve_pronoun(echo, depth + 1) or (_name(people[0]) if people else None)
        return _name(people[0]) if people else None
    return None


def _name(token: Token) -> str:
    """A person's name without the titles before it ("Kazakh President Tokayev": Tokayev)."""
    words = _noun_text(token, set()).split()
    titles = [i for i, word in enumerate(words) if word.lower() in _TITLES]
    return " ".join(words[titles[-1] + 1:] if titles and titles[-1] < len(words) - 1 else words)


def _person(token: Token) -> bool:
    """A person's name, or a name with a title the recogniser took for something else."""
    if token.ent_type_ == "PERSON":
        return True
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lower_ in _TITLES for c in token.children)


def _agrees(noun: Token, pronoun: str) -> bool:
    if pronoun in ("he", "she"):
        return _person(noun)
    if pronoun == "they":
        return _is_plural(noun)
    return noun.ent_type_ in ("ORG", "GPE") and not _is_plural(noun)


def quotation(time: Span, start: int = 0) -> tuple[int, int] | None:
    """Token range of the quotation the time expression sits in, if it sits in one."""
    doc = time.doc
    sentence = time.sent
    first = max(start, sentence.start)
    opened: int | None = None
    for token in doc[first: time.start]:
        if token.text in _OPENING_QUOTES or (token.text == '"' and opened is None):
            opened = token.i
        elif token.text in _CLOSING_QUOTES or token.text == '"':
            opened = None
    for token in doc[time.end: sentence.end]:
        if token.text in _OPENING_QUOTES:
            break
        if token.text in _CLOSING_QUOTES or token.text == '"':
            # A closing mark with no opening one before it: the quotation began in an
            # earlier sentence ("... doesn't stop. They're going slow," Putin said).
            if opened is None and any(t.text in ('"', *_OPENING_QUOTES, *_CLOSING_QUOTES)
                                      for t in doc[first: time.start]):
                return None
            return (first if opened is None else opened), token.i + 1
    return None if opened is None else (opened, sentence.end)


def speech_verb(verb: Token, quote: tuple[int, int]) -> Token | None:
    """The verb of saying, outside the quotation, that introduces it."""
    token = verb
    for _ in range(6):
        outside = not quote[0] <= token.i < quote[1]
        if outside and token.lemma_.lower() in QUOTING and token.pos_ == "VERB":
            return token
        for child in token.children:
            if child.dep_ in ("ccomp", "parataxis", "conj") and child.pos_ == "VERB" and \
                    not quote[0] <= child.i < quote[1] and child.lemma_.lower() in QUOTING:
                return child
        if token.head == token:
            break
        token = token.head
    return None


def speech_headline(
    speech: Token, verb: Token, time: Span, quote: tuple[int, int], start: int = 0
) -> str:
    """"Modi tells Putin it is not a time for war": who said it, to whom, and what, for a
    time expression inside the quotation (the content keeps its own tense)."""
    excluded = _time_phrase(time) | set(range(start))
    subject = clause_subject(speech)
    speaker = _subject_text(subject, excluded) if subject is not None else ""
    plural = subject is not None and _is_plural(subject)
    said = _present(speech.lemma_.lower(), plural)
    inside = set(range(*quote))
    listeners = [t for c in speech.children if c.dep_ in ("dobj", "dative") and c.i not in inside
                 for t in _pruned(c, excluded)]
    own_subject = clause_subject(verb, time)
    content = [t for t in _pruned(verb, excluded) if t.dep_ != "mark" and t.i in inside]
    if own_subject is None or own_subject.i in excluded:
        content = [t for t in content if t.dep_ not in _SUBJECTS]
        lead = "it"  # "today is not a time for war", without its date: "it is not ..."
    else:
        lead = ""
    budget = max(4, MAX_WORDS - len(speaker.split()) - len(listeners) - 1)
    content = _shorten(content, verb, budget)
    parts = (speaker, said if speaker else "", _render(listeners), lead, _render(content))
    return _tidy(" ".join(p for p in parts if p))


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
    if subject.pos_ == "PRON" and not any(c.dep_ == "conj" for c in subject.children):
        name = resolve_pronoun(subject)
        if name:
            return name
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
            # "met his counterpart Recep Tayyip Erdogan": the name is what matters.
            named = child.dep_ == "appos" and not subject and child.ent_type_ in (
                "PERSON", "ORG") and token.pos_ == "NOUN"
            if child.dep_ in _NEVER and not _kept_punct(child) and not listed and not named:
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
            and not (t.ent_type_ and t.ent_iob_ == "I")  # never half a name
            and not _predicative(t)
            and not (t.ent_type_ and t.head.ent_type_ == t.ent_type_ and t.head.ent_iob_ == "I")
        ]
        if not candidates:
            break
        # Whole phrases go before the single words that qualify a noun ("first talks").
        victim = max(candidates, key=lambda t: (t.dep_ in _PHRASES, _depth(t, root), t.i))
        dropped = {t.i for t in victim.subtree}
        if victim.dep_ == "conj":  # "political, economic and security": no comma left hanging
            low, high = victim.head.i, victim.right_edge.i
            dropped |= {t.i for t in kept if (t.is_punct or t.dep_ == "cc") and low < t.i < high}
        if victim.dep_ == "pobj" and victim.head.i in members:
            dropped.add(victim.head.i)  # a preposition without its object would dangle
        parent = victim.head
        while parent != root and parent.dep_ in ("acl", "prep", "relcl") and not any(
                c.i in members and c.i not in dropped for c in parent.children):
            dropped.add(parent.i)  # "a summit aimed": a participle without what it governs
            parent = parent.head
        kept = [t for t in kept if t.i not in dropped]
    return kept


def _predicative(token: Token) -> bool:
    """What a "be" says ("warships are on a patrol"): the clause means nothing without it."""
    head = token.head
    return token.dep_ == "prep" and head.lemma_ == "be" and head.dep_ != "ROOT" and not any(
        c.dep_ in ("attr", "acomp") for c in head.children)


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
    opening = before is None or token.is_sent_start or before.text in (
        *_OPENING_QUOTES, '"', ":", "‘", "'", "(", "\n") or "\n" in before.text
    return text.lower() if opening else text


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"(,\s*)+,", ",", text)
    text = re.sub(r"\s[-–—](?=\s)", "", text)  # a hyphen left between words by a dropped modifier
    text = re.sub(r"^[\W_]+|[\s,;:\-–—]+$", "", text)
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

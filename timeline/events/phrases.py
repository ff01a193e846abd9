"""Headline phrases: which words of a noun phrase or a clause a headline keeps.

A subtree without clauses, parentheticals, quote marks and the time phrase (`pruned`), cut to
a word budget by whole modifiers (`shorten`), and the short forms of names (`noun_text`).
"""

from __future__ import annotations

from spacy.tokens import Token

from timeline.events import clause
from timeline.events.wording import TIMES, is_hyphenated, render, token_words
from timeline.vocabulary.events import COUNTS, RELATIONAL, RELATIVE_PRONOUNS, TITLES

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
_PHRASES = frozenset({"prep", "acl", "conj", "advmod", "npadvmod", "pcomp", "xcomp", "ccomp"})


def subject_phrase(subject: Token, verb: Token, excluded: set[int]) -> str:
    if subject.pos_ == "PRON" and subject.lower_ in RELATIVE_PRONOUNS:
        return ""
    if subject.pos_ == "PRON" and not any(c.dep_ == "conj" for c in subject.children):
        name = pronoun_name(subject)
        if name:
            return name
    whose = next((c for c in subject.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
    if whose is not None and verb.dep_ == "relcl":
        # "the woman, whose illness began in April": the woman's illness began.
        owner = noun_text(verb.head, excluded)
        return f"{owner}'s {noun_text(subject, excluded | {whose.i})}" if owner else ""
    named = next(
        (
            c
            for c in subject.children
            if c.dep_ == "appos" and clause.is_person(c) and c.i not in excluded
        ),
        None,
    )
    if named is not None and subject.pos_ == "NOUN" and named.ent_iob_ == "I":
        # "Health secretary, Alan Johnson, is due to speak": Alan Johnson; but "Jackson's
        # father, Joseph," is no one without the words before the first name.
        subject = named
    # The owner may belong to a title before the name: "his brothers Marlon, Tito and Jackie".
    heads = [subject, *(c for c in subject.children if c.dep_ == "compound" and c.i < subject.i)]
    owner = next(
        (
            c
            for head in heads
            for c in head.children
            if c.dep_ == "poss" and c.pos_ == "PRON" and c.i not in excluded
        ),
        None,
    )
    if owner is not None and owner.lower_ in ("his", "her", "its", "their"):
        # "His brothers defend the decision": whose, if the text says; else no pronoun at all.
        excluded = excluded | {owner.i}
        name = pronoun_name(owner)
        if name:
            return f"{name}'s {subject_phrase(subject, verb, excluded)}"
    counted = _count_of_agents(subject, verb)
    if counted is not None:
        return noun_text(counted[0], excluded | counted[1])
    parts = [noun_text(subject, excluded)]
    for conj in conjuncts(subject):
        parts.append(noun_text(conj, excluded))
    parts = [p for p in parts if p]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


def _count_of_agents(subject: Token, verb: Token) -> tuple[Token, set[int]] | None:
    """For "several hundred protesters protest" or "thousands of demonstrators demonstrate",
    the count that says it once ("Several hundred protest", "Thousands demonstrate"), as an
    editor writes it, and the words it leaves out."""
    if any(c.dep_ == "conj" for c in subject.children):
        return None  # "two protesters and a policeman": not one count
    # "thousands of protesters": only a count's "of" names whom it counts
    counting = subject.like_num or subject.lemma_.lower() in COUNTS
    of = [c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" and counting]
    agents = [subject, *(o for c in of for o in c.children if o.dep_ == "pobj")]
    for agent in agents:
        noun, action = agent.lemma_.lower(), verb.lemma_.lower()
        stem = action[:-1] if action.endswith("e") else action
        if len(stem) < 4 or noun not in (stem + "er", stem + "or"):
            continue
        if agent != subject:  # "thousands of protesters": the count is the subject
            return subject, {t.i for t in agent.head.subtree}
        numbers = [c for c in subject.children if c.dep_ == "nummod"]
        if numbers:
            return numbers[0], set()
    return None


def pronoun_name(pronoun: Token) -> str | None:
    """The name a he/she/they/it stands for, if the clause or the sentences before say."""
    token = clause.antecedent(pronoun)
    return _full_name(token, person_name(token)) if token is not None else None


_NAME_REACH = 400  # tokens back to look for the full name a surname stands for


def _full_name(token: Token, name: str) -> str:
    """A surname as the full name it stands for: news style names a person in full first and
    by the surname after, as the one the sentence is about, not a relative named in an aside:
    "Jackson" after "Randy Jackson, brother of the late Michael Jackson, ..." is Randy."""
    if " " in name or token.ent_type_ != "PERSON":
        return name
    doc = token.doc
    found: list[tuple[bool, bool, str]] = []
    for i in range(token.i - 1, max(-1, token.i - _NAME_REACH), -1):
        other = doc[i]
        if other.lower_ == token.lower_ and other.ent_type_ == "PERSON" and other.ent_iob_ == "I":
            start = i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            words = [t.text for t in doc[start : i + 1] if t.tag_ != "POS"]
            if len(words) > 1 and words[0].lower() not in TITLES:
                aside = any(a.dep_ == "appos" for a in other.ancestors)
                found.append((other.dep_ not in ("nsubj", "nsubjpass"), aside, " ".join(words)))
    return min(found, key=lambda f: f[:2])[2] if found else name


def person_name(token: Token) -> str:
    """A person's name without the titles before it ("Kazakh President Tokayev": Tokayev)."""
    words = noun_text(token, set()).split()
    if token.pos_ == "NOUN":  # "Libya's ambassador to the Arab League": the title is the name
        return " ".join(words)
    titles = [i for i, word in enumerate(words) if word.lower() in TITLES]
    return " ".join(words[titles[-1] + 1 :] if titles and titles[-1] < len(words) - 1 else words)


def conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(conjuncts(child))
    return out


def noun_text(head: Token, excluded: set[int]) -> str:
    """A noun phrase without clauses; a person named by the name alone, without titles."""
    if head.ent_type_ == "PERSON":
        start, end = head.i, head.i + 1
        doc = head.doc
        while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        # Words before the headline's first token (a photo credit the recogniser ran into the
        # name: "Charles Dharapak/AP Barack Obama") are never part of it.
        name = [t for t in doc[start:end] if t.tag_ != "POS" and t.i not in excluded]
        return render(name or [head])
    # The phrase's own conjuncts are listed by the caller; the head itself may be one ("China"
    # in "Russia and China"), and is kept.
    tokens = [t for t in pruned(head, excluded, subject=True) if t.dep_ != "conj" or t == head]
    clauses = {t.i for c in head.children if c.dep_ == "acl" for t in c.subtree}
    tokens = [t for t in tokens if t.i not in clauses]
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    tokens = shorten(tokens, head, 6)
    return render(tokens)


def pruned(
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
                # "a speech about Libya Monday", the name parsed as the date's modifier
                for name in child.children:
                    named = name.ent_type_ and name.ent_type_ not in TIMES
                    if name.dep_ == "compound" and name.i not in excluded and named:
                        visit(name)
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
            # "Erdogan and Indian Prime Minister Narendra Modi", the name parsed as set beside
            # the first: no comma sets it off, and a title right before a name is one phrase.
            titled = (
                child.dep_ == "appos"
                and child.left_edge.i > 0
                and child.doc[child.left_edge.i - 1].lower_ in TITLES
            )
            if child.dep_ == "prep" and clause.is_aside(child, child.head) and child.i < token.i:
                continue
            if clause.is_personal(child) and not quoted:
                continue
            whole = is_hyphenated(child)  # "headline-making": never "-making"
            # A quotation keeps a measure the speaker gave ("1,000 tickets an hour": it hangs on
            # a noun), not a date of the verb ("this morning"): the entry's date says when.
            rate = token.pos_ in ("NOUN", "PROPN") or child.ent_type_ not in TIMES
            said = quoted and child.dep_ == "npadvmod" and rate
            if child.dep_ in _NEVER and not (
                _kept_punct(child) or listed or named or mark or whole or titled or said
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
    # "Gadhafi and some of his sons", "Russia and two allies": a quantity is a list item too.
    nominal = ("NOUN", "PROPN", "PRON", "NUM")
    if token.pos_ == "PRON" and token.tag_ not in ("DT", "CD"):
        return False  # "and he": a new clause's subject, not a list item
    return token.head.pos_ in nominal and token.pos_ in (*nominal, "CCONJ")


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


def shorten(tokens: list[Token], root: Token, budget: int) -> list[Token]:
    """Drop whole modifiers, deepest and rightmost first, until the phrase fits the budget."""
    kept = list(tokens)
    bare = not any(c.dep_ in ("dobj", "attr", "ccomp", "xcomp") for c in root.children)
    while token_words(kept) > budget:
        members = {t.i for t in kept}
        candidates = [
            t
            for t in kept
            if t != root
            and t.dep_ in _DROPPABLE
            and (t.head.i in members or t.head == root and t.i < root.i and t.dep_ == "prep")
            and not is_hyphenated(t)
            and not (t.dep_ in ("dobj", "pobj") and t.head == root)
            # "warned against any attempt": the phrase that is the verb's only object keeps it
            and not (t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head == root and bare)
            and not (t.dep_ == "dobj" and t.head.pos_ == "VERB")  # "puts" needs what it puts
            # "officials believe", "after learning": a verb that is kept keeps its clause
            and not (t.dep_ in ("ccomp", "xcomp", "pcomp") and t.head.pos_ in ("VERB", "ADP"))
            and not (t.ent_type_ and t.ent_iob_ == "I" and t.ent_type_ not in TIMES)
            and not clause.is_predicative(t)
            and not (t.dep_ == "pobj" and clause.is_predicative(t.head))  # "are under" what?
            # "some of his sons", "two of the ships": a quantity says nothing without its "of"
            and not _of_a_quantity(t)
            and not _infinitive_of(t)
            and not _between(t)
            and not (t.dep_ == "poss" and t.pos_ == "PRON")  # a determiner, like "the"
            # "Gadhafi and some of his sons are": a subject loses no one (nor its agreement)
            and not (t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass"))
            and not (
                t.ent_type_
                and t.head.ent_type_ == t.ent_type_
                and t.head.ent_iob_ == "I"
                and t.ent_type_ not in TIMES
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
        if victim.ent_type_ in TIMES:  # "the 8 October gig" loses its date whole, not "October"
            entity = next((e for e in victim.doc.ents if e.start <= victim.i < e.end), None)
            dropped |= {t.i for t in entity or () if t != root}
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


def _of_a_quantity(token: Token) -> bool:
    """The "of" phrase of a quantity, a part or a relation, or its noun: "some of his sons",
    "the heads of other Western countries" say nothing without it."""
    of = token.head if token.dep_ == "pobj" else token
    if of.dep_ != "prep" or of.lower_ != "of":
        return False
    whole = of.head
    return whole.pos_ in ("PRON", "NUM") or whole.lemma_.lower() in RELATIONAL


def _between(token: Token) -> bool:
    """A conjunct after "between": "relations between China and India" need both."""
    return (
        token.dep_ == "conj" and token.head.dep_ == "pobj" and token.head.head.lower_ == "between"
    )


def _infinitive_of(token: Token) -> bool:
    """What an attempt, a plan or a bid is for ("warned against any attempt to hold the
    rally"), or what a name after a preposition does ("a step toward Washington directing
    aid to Taiwan"): without it the noun says nothing."""
    if token.dep_ != "acl" or token.head.dep_ not in ("dobj", "pobj", "attr"):
        return False
    doing = token.tag_ == "VBG" and token.head.pos_ == "PROPN" and token.head.dep_ == "pobj"
    return doing or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _names(token: Token) -> bool:
    """A phrase that names someone or somewhere ("of Iraq"): it says more than an adjective."""
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ and c.ent_type_ not in _UNNAMED for c in token.children
    )


_UNNAMED = TIMES | {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token != root and token.head != token:
        token = token.head
        depth += 1
    return depth

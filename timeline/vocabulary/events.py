"""The words that name events and shape headlines: event nouns, verbs of saying and planning,
titles, modals. Each list is defined here once; `timeline.events` builds its rules from them.

Adding a word is a one-line change: "summit" in NOMINALS makes "the summit in June" date the
summit, whatever verb the sentence hangs it on.
"""

from __future__ import annotations


def _listed(words: str) -> frozenset[str]:
    """The words of a whitespace-separated list, the most readable way to write a long one."""
    return frozenset(words.split())


# Nouns that name a happening, with the verb an event of that noun is filed under: "since its
# establishment in 2002" is an "establish" event, whatever the verb of the surrounding clause.
NOMINALS: dict[str, str] = {
    "establishment": "establish",
    "founding": "found",
    "foundation": "found",
    "creation": "create",
    "formation": "form",
    "launch": "launch",
    "birth": "bear",
    "death": "die",
    "election": "elect",
    "inauguration": "inaugurate",
    "arrest": "arrest",
    "invasion": "invade",
    "resignation": "resign",
    "assassination": "assassinate",
    "independence": "become independent",
    "signing": "sign",
    "wedding": "marry",
    "trial": "try",
    "verdict": "rule",
    "funeral": "bury",
    "meeting": "meet",
    "visit": "visit",
    "summit": "meet",
    "talks": "talk",
    "attack": "attack",
    "release": "release",
}

# Further nouns that name a happening, so that "ahead of a crucial congress in October" dates
# the congress; filed under the noun itself.
EVENT_NOUNS: frozenset[str] = frozenset(NOMINALS) | _listed("""
    congress war conflict fighting clash battle crisis vote referendum protest riot strike airstrike
    concert match final festival tour ceremony conference session hearing speech announcement
    accident crash earthquake explosion fire flood storm outbreak pandemic lockdown shooting
    bombing killing coup revolution collapse raid rally march inquest sentencing premiere debut
    performance broadcast opening closure takeover merger olympics games cup championship trip
    offensive uprising massacre skirmish incursion annexation occupation handover ceasefire
    truce negotiation exercise drill test tournament show gig exhibition retirement departure
    arrival return appearance
    """)

# Verbs and adjectives of planning: "is expected to meet", "is set to hold", "is due to speak".
SCHEDULING: frozenset[str] = _listed("""
    expect schedule plan set slate due intend aim prepare poise hope go propose tip likely bound
    """)

# Verbs whose clausal object is what the headline reports ("television reports airstrikes hit").
SPEECH: frozenset[str] = _listed(
    "say tell announce declare state add claim warn report confirm reveal predict"
)

# Verbs that introduce a quotation: the event a dated quotation reports is the saying.
QUOTING: frozenset[str] = SPEECH | _listed("""
    insist stress note write argue explain urge ask reply respond recall admit acknowledge
    assert promise vow pledge tweet post suggest
    """)

# Words before a name that are not the name: "Kazakh President Tokayev" is Tokayev.
TITLES: frozenset[str] = _listed("""
    president minister premier chancellor king queen prince princess mr mr. mrs mrs. ms ms. dr
    dr. sir lord lady senator governor mayor judge general secretary pope ambassador leader
    """)

# The nouns of discourse phrases ("in particular", "in fact"), which say nothing that happened.
ASIDES: frozenset[str] = _listed(
    "particular fact addition general short turn contrast example instance course total all "
    "sum effect"
)

# Adverbs that complete a verb's meaning ("fell ill", "went ahead"), unlike "also" or "then".
RESULTS: frozenset[str] = _listed(
    "ill ahead back away home abroad apart together open free loose silent missing down up out off"
)

# Present tenses that do not follow the rule, as (singular, plural).
IRREGULAR_PRESENT: dict[str, tuple[str, str]] = {
    "be": ("is", "are"),
    "have": ("has", "have"),
    "do": ("does", "do"),
    "go": ("goes", "go"),
}

# Pronouns about the writer or the reader, which a headline cannot carry outside a quotation.
FIRST_PERSON: frozenset[str] = _listed("i me my we us our you your")
# The subject pronoun each object or possessive pronoun stands for.
PRONOUN_OF: dict[str, str] = {
    "his": "he",
    "him": "he",
    "her": "she",
    "its": "it",
    "their": "they",
    "them": "they",
}
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
WH_OBJECTS: frozenset[str] = frozenset({"what", "whatever"})

# Prepositions whose object is where a clause happened ("in Cairo"), not who took part.
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "around", "on"}
)

# Adverbs that mark a plan as the first one, since changed ("was originally expected on Friday").
SUPERSEDED: frozenset[str] = _listed("originally initially previously first earlier once")

# Nouns that count people or things ("hundreds of commuters"), as their lemmas.
COUNTS: frozenset[str] = _listed("dozen hundred thousand million billion score tens")

# Nouns that say nothing without their "of" phrase: parts, amounts and relations ("the heads of
# other Western countries", "the extent of the outbreak", "hundreds of commuters").
RELATIONAL: frozenset[str] = COUNTS | _listed("""
    head leader member part rest start end beginning extent number majority most half group wave
    """)

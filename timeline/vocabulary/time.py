"""Every time word the pipeline knows, as data; the patterns of the tagger and the page reader
are built from these tables by the builders at the end.

As in dateparser's `data/date_translation_data` and HeidelTime's `repattern` lists, a word is
added in one place: a new month abbreviation is one line in `MONTH_ABBREVIATIONS`, and the
tagger's finder, its normalisers and the page-date patterns of `timeline.ingest.pagetext`
all pick it up. Words are lower case; patterns that need them are compiled case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string, so a long list reads as a paragraph."""
    return frozenset(text.split())


# --- the calendar ----------------------------------------------------------------------------

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# Abbreviations as news writes them, with a full stop or before a number ("Sept. 30", "Dec 7").
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Month names that are also common words or given names: alone they need date context.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august", "jan"})

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# Short forms used in page date lines ("Thu 15 Sep 2022"), not in running prose.
WEEKDAY_ABBREVIATIONS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

# TIMEX3 season codes; "fall" and "autumn" are the same season.
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_NAMES = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "WI": "Winter"}
# Seasons that "the ..." alone does not make a time: "the fall of Tripoli" is a noun.
NOUN_SEASONS = frozenset({"fall", "autumn"})

# Parts of the day and their TIMEX3 codes; the first word of each code is the one shown.
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
# Words that name a clock time, with the time each names.
CLOCK_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
MIDDAY = "MI"  # the TIMEX3 part-of-day code of "noon" and "midday"
MIDDAY_NAME = "midday"

# "a.m." and "p.m." and the hours each adds.
MERIDIEMS = {"am": 0, "pm": 12}
# Time zones as datelines and page stamps write them ("10:39 GMT", "5 p.m. EST").
ZONES = (
    "est",
    "edt",
    "gmt",
    "utc",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "ist",
    "bst",
    "cet",
    "cest",
    "et",
    "pt",
    "aest",
    "aedt",
)
ZONE_PHRASES = ("local time",)

# Named days: fixed ones by (month, day); movable ones are computed in timeline.timex.holidays.
FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "veterans day": (11, 11),
}
MOVABLE_HOLIDAYS = (
    "thanksgiving",
    "thanksgiving day",
    "labor day",
    "memorial day",
    "election day",
    "easter",
    "easter sunday",
)

# Adverbs of a regular repetition and their TIMEX3 SET value.
SET_WORDS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "nightly": "P1D",
    "semiannually": "P6M",
    "biannually": "P6M",
}

DECADES = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

# Spellings of each unit of time and its TIMEX3 code ("T" marks the units of a clock).
UNIT_CODES = {
    "second": "TXS",
    "minute": "TXM",
    "hour": "TXH",
    "day": "XD",
    "week": "XW",
    "weekend": "XD",
    "month": "XM",
    "quarter": "XQ",
    "year": "XY",
    "decade": "XDE",
    "century": "XCE",
    "fortnight": "XW",
}
IRREGULAR_PLURALS = {"century": "centuries"}

# --- words around a time ---------------------------------------------------------------------

# Words that place a period against the reference date or a date just named.
RELATIVE_WORDS = (
    "past",
    "last",
    "next",
    "coming",
    "previous",
    "following",
    "current",
    "same",
    "latest",
    "prior",
    "present",
)
BACK_WORDS = ("last", "past", "previous", "prior", "preceding")
AHEAD_WORDS = ("next", "coming", "following", "ensuing")
THIS_WORDS = ("this", "current", "present")

# Modifiers before a date and their TIMEX3 mod: "early February", "mid-2020", "late spring".
POINT_MODIFIERS = {"early": "START", "mid": "MID", "middle": "MID", "late": "END"}
# "the end of 1990", "the turn of the century": a part of the period named after "of".
PERIOD_PARTS = {
    "beginning": "START",
    "start": "START",
    "first part": "START",
    "middle": "MID",
    "end": "END",
    "close": "END",
    "latter part": "END",
    "turn": "END",
}
HALF_PARTS = ("first half", "second half", "last half")
APPROXIMATE = ("about", "around", "approximately", "roughly", "circa")
# Before a duration, and the TIMEX3 mod each gives ("more than four hours" is MORE_THAN).
DURATION_MODIFIERS = {
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "well over": "MORE_THAN",
    "just over": "MORE_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "about": "APPROX",
    "around": "APPROX",
    "nearly": "APPROX",
    "almost": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "close to": "APPROX",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "as many as": "EQUAL_OR_LESS",
    "as much as": "EQUAL_OR_LESS",
    "as long as": "EQUAL_OR_LESS",
}
# "over three years" reads as a preposition, which TimeML leaves out of the extent.
PREPOSITION_MODIFIERS = frozenset({"over"})
# A point counted back by a modified duration: "more than two years ago" is BEFORE that day.
OFFSET_MODS = {
    "MORE_THAN": "BEFORE",
    "LESS_THAN": "AFTER",
    "APPROX": "APPROX",
    "EQUAL_OR_MORE": "ON_OR_BEFORE",
}
CLOCK_MODIFIERS = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "at about": "APPROX",
    "shortly before": "BEFORE",
    "just before": "BEFORE",
    "shortly after": "AFTER",
    "just after": "AFTER",
}

# Words just before a date that point ahead whatever the tense of the clause: "payable Dec. 7",
# "effective Feb. 1", "until mid-November", "as early as Tuesday".
AHEAD_CUES = (
    "payable",
    "effective",
    "until",
    "till",
    "through",
    "starting",
    "beginning",
    "as soon as",
    "as early as",
    "expires",
    "expire",
    "expiring",
)
# A bare weekday after "by" is a deadline ("by Friday"); "by March" in a past clause looks back.
WEEKDAY_AHEAD_CUES = ("by",)
# "as we head into the winter": the season ahead, in a present or future clause.
TOWARDS_CUES = ("into", "ahead of", "before", "towards", "toward")
# "ahead of Sunday's vote": an event still to come.
AWAIT_CUES = ("ahead of", "awaiting", "await", "awaits", "awaited")
# Words before a month or a year that show it is one: "in May", "since 1990", "early March".
DATE_CONTEXT = _words(
    "( , - about after and around as at autumn before beginning between by c. calendar "
    "circa coming during each early early- end every fall fiscal for from in into last "
    "late late- mid mid- next of on or past since spring summer that the this through "
    "throughout till to until via winter year"
)
# Prepositions that make a bare number a year even far before the reference date ("in 1130");
# "until", "by", "between" take clock times as well ("not called until 1221").
FAR_YEAR_PREPOSITIONS = _words("in during of circa c. throughout")
ERAS = frozenset({"ad", "bc", "ce", "bce", "a.d.", "b.c."})
# Nouns that number things rather than date them: "UN resolution 2042", "Flight 1549".
NUMBERED_NOUNS = _words(
    "amendment apartment article batch battalion bill box brigade bus channel chapter "
    "clause code decree division exit file flight gate highway id interstate item model "
    "motion no no. nos number page paragraph platform precinct regiment resolution "
    "resolutions room route section squadron suite unit version ward"
)

# Nouns that make "today" mean "nowadays": "the world today", "today's youth", "people today".
NOWADAYS_NOUNS = _words(
    "age child children climate culture economy environment era families family "
    "generation life man men people politics society standard technology woman women "
    "world youth"
)
# Words before a date that end a state there ("holds until 6 May"): TIMEX3 mod ON_OR_BEFORE.
UNTIL_CUES = ("until", "till", "up until", "through")
# Words that let a present perfect take a definite past date: "have searched since Oct. 23".
SINCE_CUES = ("since", "ever since")
# The days named from the day of writing, and how far they lie from it.
DEICTIC_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# Words for the first hours of a day: "thundered above Tripoli early Sunday" in a report dated
# Saturday is the next day where the news is, not a week ago.
EARLY_HOURS = ("early", "before dawn", "pre-dawn")
# Prepositions that introduce the figure a new one is compared with: "up from 91 yesterday",
# "$98 million, against $66 million a year earlier", "more than 40 on Monday".
COMPARISON_PREPOSITIONS = frozenset({"from", "than", "with", "against"})
# What "with" and "against" hang on when they compare: "compared with", "in comparison with".
COMPARISON_VERBS = frozenset({"compare", "comparison", "contrast", "measure"})

# Words before "4 in the morning" that make it a time ("at", "by"), not a quantity.
CLOCK_PREPOSITIONS = frozenset(
    {"at", "by", "around", "about", "until", "till", "before", "after", "from", "since", "past"}
)

# Auxiliaries of the future tense ("wo" is spaCy's token for the "wo" of "won't").
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "’ll"})
# Modals that make a clause expected rather than reported.
MODALS = frozenset({"would", "could", "may", "might", "should", "must", "ought"})
# Words that deny a clause: "not until October" is when the event comes (TIMEX3 ON_OR_AFTER).
NEGATIONS = ("not", "n't", "never", "unlikely")
# Words opening a condition: "might come if a second wave swept" speaks of what may come.
CONDITIONALS = ("if", "unless")
# "can" says what is possible now: the clause has no tense to date by.
ABILITY_MODALS = frozenset({"can"})


# --- builders ------------------------------------------------------------------------------


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of words, longest first, any run of spaces matching."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def month_words(abbreviations: dict[str, int] | None = None) -> dict[str, int]:
    """Every month word and its number: names first, then abbreviations."""
    return {**MONTHS, **(MONTH_ABBREVIATIONS if abbreviations is None else abbreviations)}


def plural(unit: str) -> str:
    """ "days", "centuries"."""
    return IRREGULAR_PLURALS.get(unit, unit + "s")


def year_pattern(first_century: int, last_century: int) -> str:
    """Four-digit years from the first to the last century given ("16" to "29")."""
    return alternation(str(c) for c in range(first_century, last_century + 1))[:-1] + r")\d\d"


def date_parts() -> tuple[str, str, str]:
    """Regexes for the day, the month name and the year of a date as pages print it: "23rd",
    "Sept.", "2011"."""
    return (
        r"[0-3]?\d(?:st|nd|rd|th)?",
        rf"(?i:{alternation(month_words())})\.?",
        year_pattern(16, 29),
    )


def full_date_pattern() -> str:
    """A date with its day, month name and year: "7 November 2011", "November 7, 2011"."""
    day, month, year = date_parts()
    return rf"(?:{day}\s+{month},?\s+{year}|{month}\s+{day},\s+{year})"


def meridiem_pattern(strict: bool = True) -> str:
    """ "a.m.", "pm": strict asks for the dot after the first letter or a word boundary."""
    forms = []
    for word in MERIDIEMS:
        first, second = re.escape(word[0]), re.escape(word[1:])
        if strict:
            forms += [rf"{first}\.{second}\.?", rf"{first}{second}\b"]
        else:
            forms.append(rf"{first}\.?{second}\.?")
    return "(?:" + "|".join(forms) + ")"

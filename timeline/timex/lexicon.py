"""Words of time as the normalisers look them up, and spelled-out numbers."""

from __future__ import annotations

import re

from timeline.vocabulary import time as words

MONTHS = words.month_words()
AMBIGUOUS_MONTHS = words.AMBIGUOUS_MONTHS
WEEKDAYS = words.WEEKDAYS
SEASONS = words.SEASONS
# The parts of the day, with noon and midday as the middle of the day.
PARTS_OF_DAY = {
    **words.PARTS_OF_DAY,
    **{w: words.MIDDAY for w, clock in words.CLOCK_WORDS.items() if clock == "12:00"},
}

# A day named outright (a month, a weekday, "yesterday"): what follows "the morning of" or
# "the last day before" when it is a date, not a happening.
NAMED_DAY = words.alternation([*MONTHS, *WEEKDAYS, *words.DEICTIC_DAYS])

# Canonical unit for each spelling; the TIMEX3 duration letter comes from UNIT_CODES.
UNIT_CODES = words.UNIT_CODES
UNITS = {spelling: unit for unit in UNIT_CODES for spelling in (unit, words.plural(unit))}

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# Quantities that name no number: "several years" is PXY.
VAGUE = frozenset(
    {
        "several",
        "a few",
        "few",
        "some",
        "many",
        "a number of",
        "the few",
        "dozens of",
        "hundreds of",
        "thousands of",
        "a couple of",
        "couple of",
        "the several",
        "numerous",
        "a handful of",
    }
)

NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:a|one)\s+hundred|hundred|a\s+dozen|dozen)"
)
QUANTITY = (
    r"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|" + NUMBER_WORD + r"(?:\s+and\s+a\s+half)?"
    r"|a\s+couple\s+of|couple\s+of|a\s+few|a\s+number\s+of|several|few|many|some|numerous"
    r"|dozens\s+of|hundreds\s+of|thousands\s+of|a\s+handful\s+of|an?)"
)


def number(text: str) -> float | None:
    """The number a quantity names ("two", "20", "a", "twenty-four"), or None when vague."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text in VAGUE:
        return 2 if text in ("a couple of", "couple of") else None
    if text in ("a", "an", "one"):
        return 1
    if m := re.fullmatch(r"(\d+(?:[.,]\d+)?)(?: 1/2)?", text):
        value = (
            float(m[1].replace(",", ""))
            if "," in m[1] and len(m[1]) > 4
            else float(m[1].replace(",", "."))
        )
        return value + (0.5 if text.endswith("1/2") else 0)
    half = 0.5 if text.endswith(" and a half") else 0
    text = text.removesuffix(" and a half")
    if text in ("a dozen", "dozen"):
        return 12 + half
    if text in ("a hundred", "one hundred", "hundred"):
        return 100 + half
    if text in _ONES:
        return _ONES[text] + half
    parts = re.split(r"[-\s]", text)
    if parts[0] in _TENS:
        rest = _ONES.get(parts[1], 0) if len(parts) > 1 else 0
        return _TENS[parts[0]] + rest + half
    return None


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept." included), else None."""
    return MONTHS.get(word.lower().rstrip("."))

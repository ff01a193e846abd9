"""Finding time expressions: named regular patterns over the text, longest match wins.

Each pattern names the shape it finds ("month_day", "ago", "duration", ...). The extent
follows the TimeML guidelines: determiners and modifiers ("the past", "early", "about")
belong to the expression, prepositions ("on", "in") do not. A pattern may mark the extent
with a group named ``x`` when it needs context it does not include ("for years").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from timeline.timex.lexicon import NUMBER_WORD, QUANTITY

log = logging.getLogger(__name__)

MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?:\.|(?=\s*\d)))"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%])"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PART = r"(?:morning|afternoon|evening|night|overnight)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
UNIT = r"(?:second|minute|hour|day|week|weekend|month|quarter|year|decade|century|fortnight)"
UNITS = r"(?:centuries|" + UNIT + r"s?)"
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|(?:[01]?\d|2[0-3]):[0-5]\d"
    r"|noon|midnight)(?:\s+(?:est|edt|gmt|utc|pst|pdt|cst|cdt|ist|bst|cet|cest|local\s+time))?"
)
REL = (
    r"(?:(?:the\s+)?(?:past|last|next|coming|previous|following|current|same|latest|prior|present)"
    r"|this|that|last|next)"
)
# Modifiers kept in the extent of a date: "early February", "the end of 1990", "mid-2020".
DMOD = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|mid|late|middle|later|earlier)(?:-|\s+)"
    r"|(?:(?:the|at)\s+)?(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half"
    r"|last\s+half|first\s+part|latter\s+part|spring|summer|autumn|fall|winter)\s+of\s+"
    r"|(?:about|around|approximately|roughly|circa|before|after|since|by|until|through)\s+"
    r"(?=(?:the\s+)?(?:end|beginning)\s+of))?"
)
DURMOD = (
    r"(?:more\s+than|less\s+than|fewer\s+than|over|under|about|around|nearly|almost|roughly"
    r"|approximately|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|as\s+many\s+as"
    r"|as\s+much\s+as|as\s+long\s+as|well\s+over|just\s+over|just\s+under|close\s+to|some)\s+"
)

_PATTERNS: list[tuple[str, str]] = [
    ("date_time", rf"(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY}),?\s+{YEAR},?\s+(?:at\s+)?{CLOCK}"),
    ("clock", rf"(?:(?:about|around|approximately|at\s+about|shortly\s+(?:before|after)|just\s+"
              rf"(?:before|after))\s+)?{CLOCK}(?:,?\s+(?:{WEEKDAY}|today|yesterday|tomorrow"
              rf"|{MONTH}\s+{DAY}))?"),
    ("weekday_date", rf"{WEEKDAY},?\s+(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}\s+{MONTH}"
                     rf"(?:,?\s+{YEAR})?|the\s+{DAY}(?:\s+of\s+{MONTH})?)"),
    ("month_day", rf"{DMOD}{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"),
    ("day_month", rf"{DMOD}(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"),
    ("month_year", rf"{DMOD}{MONTH},?\s+(?:of\s+)?{YEAR}"),
    ("iso", r"\d{4}-[01]\d-[0-3]\d(?:T\d{2}:\d{2}(?::\d{2})?)?"),
    ("numeric", r"[0-3]?\d/[0-3]?\d/(?:\d{4}|\d{2})(?![\d/])"),
    ("month_rel", rf"{DMOD}{MONTH}\s+(?:this|last|next)\s+year"),
    ("month", rf"{DMOD}(?:{REL}\s+)?{MONTH}"),
    ("season_year", rf"{DMOD}(?:the\s+)?{SEASON}\s+(?:of\s+)?{YEAR}"),
    ("season_rel", rf"{DMOD}(?:{REL}|early|late)\s+{SEASON}"),
    ("decade", rf"{DMOD}(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?:1[0-9]|20)\d0'?s|'\d0s"
               rf"|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"),
    ("century", rf"{DMOD}(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)|{NUMBER_WORD}(?:th|st)?"
                rf"|twenty-first|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
                rf"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
                rf"|seventeenth|eighteenth|nineteenth|twentieth)[-\s]+century"),
    ("quarter", rf"{DMOD}(?:(?:the|its|this\s+year's|last\s+year's|next\s+year's|{YEAR}'s)\s+)?"
                rf"(?:(?:fiscal|calendar|{YEAR}|latest|current|same|year-ago|year-earlier|final"
                rf"|flat|second|first)\s+)*(?:{ORDINAL}|{YEAR})[-\s]+quarter(?:\s+of\s+(?:fiscal\s+)?"
                rf"(?:{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?"),
    ("the_quarter", rf"{DMOD}(?:the|this|that|last|next|the\s+latest|the\s+current|the\s+same"
                    rf"|the\s+year-ago|the\s+year-earlier|the\s+fiscal|the\s+previous)\s+quarter"),
    ("half", rf"{DMOD}(?:the\s+)?(?:first|second|last|latter)[-\s]half(?:\s+of\s+(?:fiscal\s+)?"
             rf"(?:{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?"),
    ("fiscal_year", rf"{DMOD}(?:(?:fiscal|calendar|model|fy)(?:\s+year)?\s*){YEAR}"),
    ("year", rf"{DMOD}{YEAR}"),
    ("year_ago_adj", r"(?:the\s+)?(?:year|month|quarter)[-\s](?:ago|earlier)(?:\s+(?:period"
                     r"|quarter|month|levels?))?"),
    ("deictic", rf"{DMOD}(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today"
                rf"|tomorrow|tonight)(?:\s+{PART})?"),
    ("part_deictic", rf"(?:{REL}|yesterday|tomorrow|the\s+next|the\s+following)\s+{PART}"),
    ("weekday", rf"{DMOD}(?:{REL}\s+)?{WEEKDAY}(?:\s+(?:{PART}|nights))?"),
    ("rel_unit", rf"{DMOD}{REL}\s+(?:{UNIT}|fiscal\s+year|calendar\s+year|school\s+year)"),
    ("earlier_this", rf"(?:earlier|later|early|late)\s+(?:this|that|last|next)\s+"
                     rf"(?:{UNIT}|{SEASON})"),
    ("ago", rf"(?:(?:{DURMOD}|some\s+)?(?:{QUANTITY}[-\s]+)?{UNITS}(?:\s+or\s+(?:so|two|more"
            rf"|{QUANTITY}\s+{UNITS}))?\s+(?:ago|earlier|later|previously|hence|from\s+now"
            rf"|back)(?![\w-]))"),
    ("anaphoric", r"(?:the\s+(?:previous|following|next|same|prior|preceding)|that|the)\s+"
                  r"(?:day|week|month|year|weekend|fiscal\s+year|full\s+year)(?!-)"),
    ("period", r"the\s+(?:latest|same|year-ago|year-earlier|comparable|corresponding|current)"
               r"\s+period"),
    ("ref", r"(?:now|currently|recently|the\s+(?:near\s+|distant\s+|immediate\s+)?future"
            r"|the\s+past|the\s+present|at\s+present|nowadays|lately"
            r"|right\s+now|just\s+now)"),
    ("recent_units", rf"(?:the\s+)?(?:recent|coming|past|last|next|previous|following)\s+"
                     rf"(?:centuries|{UNIT}s)"),
    ("duration", rf"(?:{DURMOD})?(?:(?:the|its|their|his|her|our|an?)\s+)?"
                 rf"(?:(?:past|last|next|first|coming|previous|following|final|remaining|initial|latest|recent|same|entire"
                 rf"|full|whole|ensuing|preceding|subsequent|better\s+part\s+of\s+the)\s+)?"
                 rf"(?:{QUANTITY}\s+)(?:to\s+{QUANTITY}\s+)?(?:more\s+|additional\s+|full\s+"
                 rf"|straight\s+|consecutive\s+|long\s+|short\s+|extra\s+|further\s+)?{UNITS}"
                 rf"(?:\s+and\s+an?\s+half|\s+or\s+so|\s+or\s+(?:two|more|longer))?"),
    ("duration_adj", rf"(?:\d+(?:\.\d+)?|{NUMBER_WORD}|several|multi|half)[-\s]?-?{UNIT}"
                     rf"(?:-long)?(?!-old)(?=-|\s|[^\w]|$)"),
    ("bare_units", r"(?:for|within|over|in|take|took|takes|taking|last|lasted|lasts)\s+(?P<x>"
                   r"(?:years|months|weeks|decades|days|hours|minutes|centuries))(?![\w-])"),
    ("set", rf"(?:daily|weekly|monthly|annually|yearly|hourly|nightly|semiannually|biannually"
            rf"|(?:every|each|per)\s+(?:other\s+)?(?:{QUANTITY}\s+)?(?:{UNITS}|{WEEKDAY}|{PART}"
            rf"|{MONTH}|{SEASON}))"),
    ("set_rate", r"(?:\d|percent|%|times|twice|once|dollars|cents|million|billion)\s+"
                 r"(?P<x>an?\s+(?:year|month|week|day|hour|quarter))(?![\w-])"),
    ("set_weekdays", rf"{WEEKDAY}s(?![\w'])"),
]

_START = r"(?<![\w$£€@#/'’])"
_END = r"(?![\w@])"
COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(_START + "(?:" + pattern + ")" + (_END if name != "duration_adj" else ""),
                      re.IGNORECASE))
    for name, pattern in _PATTERNS
)


@dataclass(frozen=True)
class Candidate:
    """A stretch of text that looks like a time expression, before normalisation."""

    start: int
    end: int
    text: str
    shape: str  # the name of the pattern that found it


def find(text: str) -> list[Candidate]:
    """Every non-overlapping time expression shape in the text, longest first, in text order."""
    found: list[Candidate] = []
    for name, pattern in COMPILED:
        for m in pattern.finditer(text):
            start, end = m.span("x") if "x" in pattern.groupindex else m.span()
            # Trailing sentence punctuation is not part of an abbreviation at the end.
            while end > start and text[end - 1] in " ,":
                end -= 1
            if end > start:
                found.append(Candidate(start, end, text[start:end], name))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)

"""Finding time expressions: named regular patterns over the text, longest match wins.

Each pattern names the shape it finds ("month_day", "ago", "duration", ...). The extent
follows the TimeML guidelines: determiners and modifiers ("the past", "early", "about")
belong to the expression, prepositions ("on", "in") do not. A pattern may mark the extent
with a group named ``x`` when it needs context it does not include ("for years").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from timeline.timex.lexicon import NUMBER_WORD, QUANTITY

MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?:\.|(?=\s*\d)))"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%]|\.\d)"
# "nineteen ninety-six", "two thousand": years read aloud in broadcast transcripts.
SPELLED_YEAR = (
    r"(?:nineteen[-\s](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
)
ANY_YEAR = rf"(?:{YEAR}|{SPELLED_YEAR}(?![\w-]))"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PART = r"(?:morning|afternoon|evening|night|overnight)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
UNIT = r"(?:second|minute|hour|day|week|weekend|month|quarter|year|decade|century|fortnight)"
UNITS = r"(?:centuries|" + UNIT + r"s?)"
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)"
    r"|(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s+(?:o'clock\s+)?(?:in\s+the\s+(?:morning|afternoon|evening)"
    r"|at\s+night)|(?:[01]?\d|2[0-3]):[0-5]\d|noon|midday|midnight)(?:\s+(?:est|edt|gmt|utc|pst|pdt|cst|cdt|ist|bst|cet|cest|local\s+time))?"
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
    r"(?:more\s+than|less\s+than|fewer\s+than|under|about|around|nearly|almost|roughly"
    r"|approximately|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|as\s+many\s+as"
    r"|as\s+much\s+as|as\s+long\s+as|well\s+over|just\s+over|just\s+under|close\s+to|some)\s+"
)

_PATTERNS: list[tuple[str, str]] = [
    ("date_time", rf"(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY}),?\s+{YEAR},?\s+(?:at\s+)?{CLOCK}"),
    (
        "clock",
        rf"(?:(?:about|around|approximately|at\s+about|shortly\s+(?:before|after)|just\s+"
        rf"(?:before|after))\s+)?{CLOCK}(?:,?\s+(?:{WEEKDAY}|today|yesterday|tomorrow"
        rf"|{MONTH}\s+{DAY}))?",
    ),
    (
        "weekday_date",
        rf"{WEEKDAY},?\s+(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}\s+{MONTH}"
        rf"(?:,?\s+{YEAR})?|the\s+{DAY}(?:\s+of\s+{MONTH})?)",
    ),
    (
        "day_beside",
        rf"the\s+day\s+(?:before|after)\s+(?:(?:last|next|this)\s+)?(?:{WEEKDAY}"
        rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR})?)",
    ),
    ("week_of", rf"the\s+week\s+of\s+(?:{MONTH}\s+{DAY}|{DAY}\s+{MONTH})(?:,?\s+{YEAR})?"),
    ("month_day", rf"{DMOD}(?:(?:last|next|this)\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"),
    ("day_month", rf"{DMOD}(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"),
    ("month_year", rf"{DMOD}{MONTH},?\s+(?:of\s+)?{ANY_YEAR}"),
    ("iso", r"\d{4}-[01]\d-[0-3]\d(?:T\d{2}:\d{2}(?::\d{2})?)?"),
    ("numeric", r"[0-3]?\d/[0-3]?\d/(?:\d{4}|\d{2})(?![\d/])"),
    ("month_rel", rf"{DMOD}{MONTH}\s+(?:this|last|next)\s+year"),
    ("month", rf"{DMOD}(?:{REL}\s+)?{MONTH}"),
    ("season_year", rf"{DMOD}(?:the\s+)?{SEASON}\s+(?:of\s+)?{ANY_YEAR}"),
    ("season_rel", rf"{DMOD}(?:{REL}|early|late)\s+{SEASON}"),
    # "into the summer", "the early summer"; not "the fall", which is more often a noun
    ("the_season", r"the\s+(?:(?:early|late)\s+)?(?:spring|summer|winter)(?!\s+of\b)"),
    (
        "decade",
        rf"{DMOD}(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?:1[0-9]|20)\d0'?s|'\d0s"
        rf"|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    ),
    (
        "century",
        rf"{DMOD}(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)|{NUMBER_WORD}(?:th|st)?"
        rf"|twenty-first|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
        rf"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
        rf"|seventeenth|eighteenth|nineteenth|twentieth)[-\s]+century",
    ),
    (
        "quarter",
        rf"{DMOD}(?:(?:the|this\s+year's|last\s+year's|next\s+year's|{YEAR}'s)\s+)?"
        rf"(?:(?:fiscal|calendar|{YEAR}|latest|current|same|year-ago|year-earlier|final"
        rf"|flat|second|first)\s+)*(?:{ORDINAL}|{YEAR})[-\s]+quarter(?:\s+of\s+(?:fiscal\s+)?"
        rf"(?:{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?",
    ),
    (
        "the_quarter",
        rf"{DMOD}(?:the|this|that|last|next|the\s+latest|the\s+current|the\s+same"
        rf"|the\s+year-ago|the\s+year-earlier|the\s+fiscal|the\s+previous)\s+quarter"
        rf"(?!-)",
    ),  # not "the quarter-to-quarter comparison"
    (
        "half",
        rf"{DMOD}(?:the\s+)?(?:first|second|last|latter)[-\s]half(?:\s+of\s+(?:fiscal\s+)?"
        rf"(?:{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?",
    ),
    ("fiscal_year", rf"{DMOD}(?:(?:fiscal|calendar|model|fy)(?:\s+year)?\s*){YEAR}"),
    ("year", rf"{DMOD}{YEAR}"),
    ("spelled_year", rf"{DMOD}(?:(?:the\s+)?year\s+)?{SPELLED_YEAR}(?![\w-])"),
    ("year_period", rf"the\s+{YEAR}\s+(?:period|quarter)"),
    ("year_end", r"(?:around\s+)?(?:the\s+)?(?:year[-\s]end|year's\s+end|end\s+of\s+the\s+year)"),
    (
        "holiday",
        r"(?:(?:last|next|this)\s+)?(?:thanksgiving(?:\s+day)?|christmas(?:\s+day|\s+eve)?"
        r"|new\s+year's(?:\s+day|\s+eve)|easter(?:\s+sunday)?|election\s+day"
        r"|independence\s+day|labor\s+day|memorial\s+day|veterans\s+day"
        r"|valentine's\s+day|halloween)",
    ),
    (
        "year_ago_adj",
        r"(?:the\s+)?(?:year|month|quarter)[-\s](?:ago|earlier)(?:\s+(?:period"
        r"|quarter|month|levels?))?",
    ),
    (
        "deictic",
        rf"{DMOD}(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today"
        rf"|tomorrow|tonight)(?:\s+{PART})?",
    ),
    ("part_deictic", rf"(?:{REL}|yesterday|tomorrow|the\s+next|the\s+following)\s+{PART}"),
    # "mid-afternoon yesterday", "by late morning", "in the morning" after a day just named
    (
        "part_of_day",
        r"(?:(?:early|mid|late)[-\s]?(?:morning|afternoon|evening)"
        r"(?:\s+(?:yesterday|today|tomorrow))?|the\s+(?:morning|afternoon|evening))",
    ),
    ("weekday", rf"(?:(?:early|late)[-\s]+)?(?:{REL}\s+)?{WEEKDAY}(?:\s+(?:{PART}|nights))?"),
    ("rel_unit", rf"{DMOD}{REL}\s+(?:{UNIT}|fiscal\s+year|calendar\s+year|school\s+year)"),
    (
        "earlier_this",
        rf"(?:earlier|later|early|late)\s+(?:this|that|last|next)\s+"
        rf"(?:{UNIT}|{SEASON})",
    ),
    (
        "ago",
        rf"(?:(?:{DURMOD}|some\s+)?(?:{QUANTITY}[-\s]+)?{UNITS}(?:\s+or\s+(?:so|two|more"
        rf"|{QUANTITY}\s+{UNITS}))?\s+(?:ago|earlier|previously|hence|from\s+now"
        rf"|back)(?![\w-]))",
    ),
    # "three days later" is the duration "three days" (TimeBank leaves "later" out); only an
    # unquantified "weeks later" is a date of its own.
    ("later", r"(?:years|months|weeks|days|decades)\s+later(?![\w-])"),
    (
        "anaphoric",
        r"(?:the\s+(?:previous|following|next|same|prior|preceding)|that|the)\s+"
        r"(?:day|week|month|year|weekend|fiscal\s+year|full\s+year)(?!-)",
    ),
    (
        "period",
        r"the\s+(?:latest|same|year-ago|year-earlier|comparable|corresponding|current)"
        r"\s+period",
    ),
    (
        "ref",
        r"(?:now|currently|recently|the\s+(?:near\s+|distant\s+|immediate\s+)?future"
        r"|the\s+past|the\s+present|at\s+present|nowadays|lately|these\s+days"
        r"|right\s+now|just\s+now|the\s+(?:near|short|long)\s+term(?!-)"
        r"|(?:then\s+)?current(?!-)|a\s+later\s+date|an\s+earlier\s+date)",
    ),
    (
        "recent_units",
        rf"(?:the\s+)?(?:recent|coming|past|last|next|previous|following|future)\s+"
        rf"(?:centuries|{UNIT}s)",
    ),
    # "in the weeks ahead", "the years to come": like "coming weeks"
    ("units_ahead", r"(?:the\s+)?(?:days|weeks|months|years|decades)\s+(?:ahead|to\s+come)"),
    # before "duration", which finds the same "a year" in "$2 million a year"
    (
        "set_rate",
        r"(?:\d|percent|%|times|twice|once|dollars|cents|million|billion)\s+"
        r"(?P<x>an?\s+(?:year|month|week|day|hour|quarter))(?![\w-])",
    ),
    (
        "duration",
        rf"(?:{DURMOD})?(?:(?:the|its|their|his|her|our)\s+|an?\s+(?!{NUMBER_WORD}\b|\d))?"
        rf"(?:(?:past|last|next|first|coming|previous|following|final|remaining|initial|latest|recent|same|entire"
        rf"|full|whole|ensuing|preceding|subsequent|better\s+part\s+of\s+the)\s+)?"
        rf"(?:{QUANTITY}\s+)(?:to\s+{QUANTITY}\s+)?(?:more\s+|additional\s+|full\s+"
        rf"|straight\s+|consecutive\s+|long\s+|short\s+|extra\s+|further\s+|trading\s+|business\s+)?{UNITS}"
        rf"(?:\s+and\s+an?\s+half|\s+or\s+so|\s+or\s+(?:two|more|longer))?",
    ),
    (
        "duration_adj",
        rf"(?:(?:\d+(?:\.\d+)?|{NUMBER_WORD}|several|multi|half)[-\s]?-?{UNIT}"
        rf"(?:-long)?(?!-old)|{UNITS}-long)(?=-|\s|[^\w]|$)",
    ),
    (
        "bare_units",
        r"(?:for|within|over|in|take|took|takes|taking|last|lasted|lasts)\s+(?P<x>"
        r"(?:years|months|weeks|decades|days|hours|minutes|centuries))(?![\w-])",
    ),
    (
        "set",
        rf"(?:daily|weekly|monthly|annually|yearly|hourly|nightly|semiannually|biannually"
        rf"|(?:every|each|per)\s+(?:other\s+)?(?:{QUANTITY}\s+)?(?:{UNITS}|{WEEKDAY}|{PART}"
        rf"|{MONTH}|{SEASON}))",
    ),
    ("set_weekdays", rf"{WEEKDAY}s(?![\w'])"),
]

_START = r"(?<![\w$£€@#/'’])"
_END = r"(?![\w@])"
COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        name,
        re.compile(
            _START + "(?:" + pattern + ")" + (_END if name != "duration_adj" else ""), re.IGNORECASE
        ),
    )
    for name, pattern in _PATTERNS
)


# Every expression contains at least one of these words; each pattern runs only near the words
# it needs, so the cost of a document grows with its time words, not with its length times the
# number of patterns.
_TRIGGERS = re.compile(
    r"(?P<digit>\d+)"
    r"|(?<![\w'’])(?:(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
    r"|(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)days?)"
    r"|(?P<quarter>quarters?|periods?)|(?P<century>century|centuries)"
    r"|(?P<unit>(?:second|minute|hour|day|week|weekend|fortnight|month|year|decade)s?)"
    r"|(?P<ref>now|currently|recently|lately|nowadays|present|future|past|term|current|date)"
    r"|(?P<season>spring|summer|fall|autumn|winter)"
    r"|(?P<deictic>today|yesterday|tomorrow|tonight)"
    r"|(?P<part>morning|afternoon|evening|night|nights|overnight)"
    r"|(?P<clock>noon|midday|midnight)"
    r"|(?P<every>daily|weekly|monthly|annually|yearly|hourly|nightly|semiannually|biannually"
    r"|every|each|per)"
    r"|(?P<decade>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
    r"|(?P<half>half)|(?P<spelled>nineteen|thousand)"
    r"|(?P<holiday>thanksgiving|christmas|new|easter|election|independence|labor|memorial"
    r"|veterans|valentine's|halloween))(?![\w])",
    re.IGNORECASE,
)
_MARGIN = 72  # characters an expression may reach before its first or after its last time word
_UNITS = ("unit", "quarter", "century")
_NEEDS = {
    "date_time": ("month",),
    "clock": ("digit", "clock"),
    "weekday_date": ("weekday",),
    "day_beside": ("weekday", "month"),
    "week_of": ("month",),
    "month_day": ("month",),
    "day_month": ("month",),
    "month_year": ("month",),
    "iso": ("digit",),
    "numeric": ("digit",),
    "month_rel": ("month",),
    "month": ("month",),
    "season_year": ("season",),
    "season_rel": ("season",),
    "the_season": ("season",),
    "decade": ("digit", "decade"),
    "century": ("century",),
    "quarter": ("quarter",),
    "the_quarter": ("quarter",),
    "half": ("half",),
    "fiscal_year": ("digit",),
    "year": ("digit",),
    "spelled_year": ("spelled",),
    "year_period": ("digit",),
    "year_end": ("unit",),
    "holiday": ("holiday",),
    "year_ago_adj": _UNITS,
    "deictic": ("deictic",),
    "part_deictic": ("part",),
    "part_of_day": ("part",),
    "weekday": ("weekday",),
    "rel_unit": _UNITS,
    "earlier_this": (*_UNITS, "season"),
    "ago": _UNITS,
    "later": _UNITS,
    "anaphoric": _UNITS,
    "period": ("quarter",),
    "ref": ("ref", "unit"),
    "recent_units": _UNITS,
    "units_ahead": _UNITS,
    "duration": _UNITS,
    "duration_adj": _UNITS,
    "bare_units": _UNITS,
    "set": ("every",),
    "set_rate": _UNITS,
    "set_weekdays": ("weekday",),
}


@dataclass(frozen=True)
class Candidate:
    """A stretch of text that looks like a time expression, before normalisation."""

    start: int
    end: int
    text: str
    shape: str  # the name of the pattern that found it


def _windows(text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged stretches of text around the hits, cut at whitespace so no word is split."""
    windows: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start = max(0, hit_start - _MARGIN)
        end = min(len(text), hit_end + _MARGIN)
        if windows and start <= windows[-1][1] and end <= windows[-1][1]:
            continue  # inside the window already: walking to its end again is quadratic
        space = _SPACE.search(text, end)
        end = space.start() if space else len(text)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


_SPACE = re.compile(r"\s")


def _longest_first(found: list[Candidate]) -> list[Candidate]:
    """The longest candidates that do not overlap a longer (or earlier equal) one, in text order."""
    found.sort(key=lambda c: (c.start - c.end, c.start))
    starts: list[int] = []  # the taken candidates never overlap, so starts and ends sort alike
    taken: list[Candidate] = []
    for cand in found:
        i = bisect_right(starts, cand.start)
        if i > 0 and taken[i - 1].end > cand.start:
            continue
        if i < len(taken) and taken[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        taken.insert(i, cand)
    return taken


def find(text: str) -> list[Candidate]:
    """Every non-overlapping time expression shape in the text, longest first, in text order."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in _TRIGGERS.finditer(text):
        hits.setdefault(m.lastgroup or "", []).append(m.span())
    found: list[Candidate] = []
    for name, pattern in COMPILED:
        needed = sorted(span for kind in _NEEDS[name] for span in hits.get(kind, ()))
        for window_start, window_end in _windows(text, needed):
            for m in pattern.finditer(text, window_start, window_end):
                start, end = m.span("x") if "x" in pattern.groupindex else m.span()
                # Trailing sentence punctuation is not part of an abbreviation at the end.
                while end > start and text[end - 1] in " ,":
                    end -= 1
                if end > start:
                    found.append(Candidate(start, end, text[start:end], name))
    return _longest_first(found)


def find_everywhere(text: str) -> list[Candidate]:
    """The same as `find` without the time-word windows: the reference the tests compare with."""
    found = [
        Candidate(m.start(), m.end(), m[0], name)
        for name, pattern in COMPILED
        for m in pattern.finditer(text)
        if "x" not in pattern.groupindex
    ]
    found += [
        Candidate(*m.span("x"), m["x"], name)
        for name, pattern in COMPILED
        for m in pattern.finditer(text)
        if "x" in pattern.groupindex
    ]
    for i, cand in enumerate(found):
        end = cand.end
        while end > cand.start and text[end - 1] in " ,":
            end -= 1
        found[i] = Candidate(cand.start, end, text[cand.start : end], cand.shape)
    return _longest_first([c for c in found if c.end > c.start])

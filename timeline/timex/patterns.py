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

from timeline.timex.lexicon import NUMBER_WORD, ORDINALS, QUANTITY
from timeline.vocabulary import time as words
from timeline.vocabulary.time import alternation


def month_pattern(abbreviations: dict[str, int]) -> str:
    """Month names, and abbreviations with a full stop or before a number ("Sept. 30", "Dec 7")."""
    return f"(?:{alternation(words.MONTHS)}|{alternation(abbreviations)}(?:\\.|(?=\\s*\\d)))"


MONTH = month_pattern(words.MONTH_ABBREVIATIONS)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = words.year_pattern(10, 20) + r"(?![\d%]|\.\d)"
# "nineteen ninety-six", "two thousand": years read aloud in broadcast transcripts.
SPELLED_YEAR = (
    r"(?:nineteen[-\s](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
)
ANY_YEAR = rf"(?:{YEAR}|{SPELLED_YEAR}(?![\w-]))"
WEEKDAY = alternation(words.WEEKDAYS)
_PARTS = [w for w in words.PARTS_OF_DAY if w not in words.CLOCK_WORDS]
PART = alternation(_PARTS)
SEASON = alternation(words.SEASONS)
UNIT = alternation(words.UNIT_CODES)
UNITS = alternation([*words.UNIT_CODES, *map(words.plural, words.UNIT_CODES)])
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
ZONE = alternation([*words.ZONES, *words.ZONE_PHRASES])
MERIDIEM = words.meridiem_pattern()
CLOCK = (
    rf"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*{MERIDIEM}"
    r"|(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s+(?:o'clock\s+)?(?:in\s+the\s+(?:morning|afternoon|evening)"
    rf"|at\s+night)|(?:[01]?\d|2[0-3]):[0-5]\d|{alternation(words.CLOCK_WORDS)})"
    rf"(?:\s+{ZONE})?"
)
REL = rf"(?:(?:the\s+)?{alternation(words.RELATIVE_WORDS)}|this|that|last|next)"
# Modifiers kept in the extent of a date: "early February", "the end of 1990", "mid-2020".
_POINT = alternation([*words.POINT_MODIFIERS, "later", "earlier"])
_PART_OF = alternation([*words.PERIOD_PARTS, *words.HALF_PARTS, *words.SEASONS])
DMOD = (
    rf"(?:(?:the\s+)?(?:very\s+)?{_POINT}(?:-|\s+)"
    rf"|(?:(?:the|at)\s+)?{_PART_OF}\s+of\s+"
    rf"|{alternation([*words.APPROXIMATE, 'before', 'after', 'since', 'by', 'until', 'through'])}"
    r"\s+(?=(?:the\s+)?(?:end|beginning)\s+of))?"
)
DURMOD = (
    alternation(w for w in words.DURATION_MODIFIERS if w not in words.PREPOSITION_MODIFIERS)
    + r"\s+"
)
_CLOCK_MOD = alternation(words.CLOCK_MODIFIERS)
_ORDINAL_WORDS = alternation(w for w in ORDINALS if w[0].isalpha())
_HOLIDAY = alternation([*words.FIXED_HOLIDAYS, *words.MOVABLE_HOLIDAYS])
_THE_SEASON = alternation(w for w in words.SEASONS if w not in words.NOUN_SEASONS)
_SET_WORDS = alternation(words.SET_WORDS)


def _table(month: str) -> list[tuple[str, str]]:
    """(shape, pattern) for every shape the finder knows, months written as `month`."""
    MONTH = month  # noqa: N806 - the name every pattern below is written with
    return [
        ("date_time", rf"(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY}),?\s+{YEAR},?\s+(?:at\s+)?{CLOCK}"),
        (
            "clock",
            rf"(?:{_CLOCK_MOD}\s+)?{CLOCK}(?:,?\s+(?:{WEEKDAY}|today|yesterday|tomorrow"
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
        # (scraped text drops the space after a comma: "23rd December,1815")
        ("month_day", rf"{DMOD}(?:(?:last|next|this)\s+)?{MONTH}\s+{DAY}(?:(?:,\s*|\s+){YEAR})?"),
        ("day_month", rf"{DMOD}(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:(?:,\s*|\s+){YEAR})?"),
        ("month_year", rf"{DMOD}{MONTH},?\s+(?:of\s+)?{ANY_YEAR}"),
        ("iso", r"\d{4}-[01]\d-[0-3]\d(?:T\d{2}:\d{2}(?::\d{2})?)?"),
        ("numeric", r"[0-3]?\d/[0-3]?\d/(?:\d{4}|\d{2})(?![\d/])"),
        ("month_rel", rf"{DMOD}{MONTH}\s+(?:this|last|next)\s+year"),
        ("month", rf"{DMOD}(?:{REL}\s+)?{MONTH}"),
        ("season_year", rf"{DMOD}(?:the\s+)?{SEASON}\s+(?:of\s+)?{ANY_YEAR}"),
        ("season_rel", rf"{DMOD}(?:{REL}|early|late)\s+{SEASON}"),
        # "into the summer", "the early summer"; not "the fall", which is more often a noun
        ("the_season", rf"{DMOD}the\s+(?:(?:early|late)\s+)?{_THE_SEASON}(?!\s+of\b)"),
        (
            "decade",
            rf"{DMOD}(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?:1[0-9]|20)\d0'?s|'\d0s"
            rf"|{alternation(words.DECADES)})",
        ),
        (
            "century",
            rf"{DMOD}(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)|{NUMBER_WORD}(?:th|st)?"
            rf"|{_ORDINAL_WORDS})[-\s]+century",
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
        (
            "year_end",
            r"(?:around\s+)?(?:the\s+)?(?:year[-\s]end|year's\s+end|end\s+of\s+the\s+year)",
        ),
        ("holiday", rf"(?:(?:last|next|this)\s+)?{_HOLIDAY}"),
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
            rf"(?:{_SET_WORDS}"
            rf"|(?:every|each|per)\s+(?:other\s+)?(?:{QUANTITY}\s+)?(?:{UNITS}|{WEEKDAY}|{PART}"
            rf"|{MONTH}|{SEASON}))",
        ),
        ("set_weekdays", rf"{WEEKDAY}s(?![\w'])"),
    ]


_START = r"(?<![\w$£€@#/'’])"
_END = r"(?![\w@])"
_TIMED_UNITS = [u for u in words.UNIT_CODES if u not in ("quarter", "century")]
_HOLIDAY_WORDS = {name.split()[0] for name in [*words.FIXED_HOLIDAYS, *words.MOVABLE_HOLIDAYS]}


def _triggers(months: dict[str, int]) -> str:
    """Every expression contains at least one of these words (see `find`)."""
    return (
        r"(?P<digit>\d+)"
        rf"|(?<![\w'’])(?:(?P<month>{alternation(months)})"
        rf"|(?P<weekday>{alternation(words.WEEKDAYS)}s?)"
        r"|(?P<quarter>quarters?|periods?)"
        rf"|(?P<century>{alternation(['century', words.plural('century')])})"
        rf"|(?P<unit>{alternation(_TIMED_UNITS)}s?)"
        r"|(?P<ref>now|currently|recently|lately|nowadays|present|future|past|term|current|date)"
        rf"|(?P<season>{SEASON})"
        r"|(?P<deictic>today|yesterday|tomorrow|tonight)"
        rf"|(?P<part>{PART}|nights)"
        rf"|(?P<clock>{alternation(words.CLOCK_WORDS)})"
        rf"|(?P<every>{_SET_WORDS}|every|each|per)"
        rf"|(?P<decade>{alternation(words.DECADES)})"
        r"|(?P<half>half)|(?P<spelled>nineteen|thousand)"
        rf"|(?P<holiday>{alternation(_HOLIDAY_WORDS)}))(?![\w])"
    )


@dataclass(frozen=True)
class Patterns:
    """The compiled shape patterns and the time words that let each run."""

    compiled: tuple[tuple[str, re.Pattern[str]], ...]
    triggers: re.Pattern[str]


def build(abbreviations: dict[str, int]) -> Patterns:
    """The finder's patterns for a vocabulary of month abbreviations (the rest from `words`)."""
    compiled = tuple(
        (
            name,
            re.compile(
                _START + "(?:" + pattern + ")" + (_END if name != "duration_adj" else ""),
                re.IGNORECASE,
            ),
        )
        for name, pattern in _table(month_pattern(abbreviations))
    )
    triggers = re.compile(_triggers(words.month_words(abbreviations)), re.IGNORECASE)
    return Patterns(compiled, triggers)


PATTERNS = build(words.MONTH_ABBREVIATIONS)
COMPILED = PATTERNS.compiled
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


def find(text: str, patterns: Patterns = PATTERNS) -> list[Candidate]:
    """Every non-overlapping time expression shape in the text, longest first, in text order."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in patterns.triggers.finditer(text):
        hits.setdefault(m.lastgroup or "", []).append(m.span())
    found: list[Candidate] = []
    for name, pattern in patterns.compiled:
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


def find_everywhere(text: str, patterns: Patterns = PATTERNS) -> list[Candidate]:
    """The same as `find` without the time-word windows: the reference the tests compare with."""
    found = [
        Candidate(m.start(), m.end(), m[0], name)
        for name, pattern in patterns.compiled
        for m in pattern.finditer(text)
        if "x" not in pattern.groupindex
    ]
    found += [
        Candidate(*m.span("x"), m["x"], name)
        for name, pattern in patterns.compiled
        for m in pattern.finditer(text)
        if "x" in pattern.groupindex
    ]
    for i, cand in enumerate(found):
        end = cand.end
        while end > cand.start and text[end - 1] in " ,":
            end -= 1
        found[i] = Candidate(cand.start, end, text[cand.start : end], cand.shape)
    return _longest_first([c for c in found if c.end > c.start])

"""Date lines: the dates a page prints about itself, and how far each is to be believed.

"Updated: 15 Sep 2022, 06:26 PM IST", "October 3, 2022", BBC's "Page last updated at 06:56 GMT,
Tuesday, 8 November 2011", a wire page's "January 25, 2011 | By ..." run into its first line.
`timeline.ingest.pagetext` finds the lines; this module reads the dates in them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from dateparser.date import DateDataParser

from timeline.vocabulary import time as words

# Date and time words come from the one time vocabulary (timeline.vocabulary.time).
DAY, MONTH, YEAR = words.date_parts()
WEEKDAY = rf"(?i:{words.alternation([*words.WEEKDAYS, *words.WEEKDAY_ABBREVIATIONS])})\.?,?\s*"
MERIDIEM = rf"(?i:{words.meridiem_pattern(strict=False)})"
_ZONE = r"\(?(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?"
_TIME = (
    rf"(?:,?\s*(?i:at\s+)?[0-2]?\d(?:(?:[:.][0-5]\d){{1,2}}\s*{MERIDIEM}?|\s*{MERIDIEM})"
    rf"(?:\s*{_ZONE})?)"
)
# Named groups: `text` holds a month-name date for dateparser; `iso` and `num` numeric ones.
_DATE = (
    rf"(?:{WEEKDAY})?(?:(?P<text>{DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR})"
    rf"|(?P<iso>{YEAR}-[01]\d-[0-3]\d)(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
    rf"(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|(?P<num>[0-3]?\d[/.][01]?\d[/.]{YEAR}|{YEAR}/[01]?\d/[0-3]?\d))"
)
_LABEL = (
    r"(?i:(?P<label>(?:first\s+|originally\s+)?(?:published|posted|released)"
    r"|(?:last\s+)?(?:updated|modified|edited)|date[d]?)(?:\s+on)?)\s*:?\s*"
)
DATE_SEGMENT = re.compile(rf"(?:{_LABEL})?{_DATE}(?P<clock>{_TIME})?")
ZONE_NAME = words.alternation(zone.upper() for zone in words.ZONES)
CLOCK = r"[0-2]?\d[.:][0-5]\d"
# A "last updated" stamp with its clock time, however much of the date and the page's "Help"
# link follow: "Page last updated at 10:39 GMT, Wednesday, 28 September 2011 11:39 UK".
UPDATED_STAMP = re.compile(
    rf"(?:(?:{WEEKDAY})?{DAY}\s+{MONTH}\s+{YEAR}\s+)?(?:[Pp]age\s+)?[Ll]ast\s+updated\s+"
    rf"(?:at\s+|on\s+)?{CLOCK}(?:\s*{ZONE_NAME}\b)?"
    rf"(?:,?\s*(?:{WEEKDAY})?{DAY}\s+{MONTH},?\s+{YEAR})?(?:\s+{CLOCK}\s*UK\b)?(?:\s+Help\b)?"
)
# A date line run into the article's first line before a byline, as wire pages print it:
# "January 25, 2011 | By Amir Ahmed, CNN Demonstrators clash ...".
_BYLINE_AFTER = re.compile(r"\s*\|\s*(?:By|From)\s")


@cache
def _parser() -> DateDataParser:
    # Only absolute dates with a day, month and year: nothing is resolved against today.
    return DateDataParser(
        languages=["en"],
        settings={
            "PARSERS": ["absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "STRICT_PARSING": True,
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": datetime(2000, 1, 1),
        },
    )


def parse_date_text(text: str) -> date | None:
    """Read one date such as 'October 3, 2022' or '2022-09-15'; None when it is not one."""
    match = DATE_SEGMENT.fullmatch(text.strip())
    if match is None:
        return None
    value, _ = date_from(match)
    return value


def date_from(match: re.Match[str]) -> tuple[date | None, str | None]:
    """The day a DATE_SEGMENT match names, or None and why not."""
    if match["iso"]:
        try:
            return date.fromisoformat(match["iso"]), None
        except ValueError as error:
            return None, f"'{match['iso']}' is not a real day ({error})"
    if match["num"]:
        return _numeric(match["num"])
    result = _parser().get_date_data(match["text"])
    if result.date_obj is None or result.period != "day":
        return None, f"'{match['text']}' is not a real day"
    return result.date_obj.date(), None


def _numeric(text: str) -> tuple[date | None, str | None]:
    parts = [int(p) for p in re.split(r"[/.]", text)]
    if parts[0] > 31:
        year, month, day = parts
    elif parts[0] > 12 >= parts[1]:
        day, month, year = parts
    elif parts[1] > 12 >= parts[0]:
        month, day, year = parts
    elif parts[0] == parts[1]:
        day, month, year = parts
    else:
        return None, f"'{text}' is ambiguous (day/month or month/day)"
    try:
        return date(year, month, day), None
    except ValueError as error:
        return None, f"'{text}' is not a real day ({error})"


def label_kind(label: str | None) -> str:
    if not label:
        return "plain"
    return "updated" if re.search(r"(?i)updated|modified|edited", label) else "published"


def date_prefix(line: str) -> re.Match[str] | None:
    """A date opening a head line, then a bar and a byline that run into the article."""
    match = DATE_SEGMENT.match(line)
    return match if match and _BYLINE_AFTER.match(line, match.end()) else None


def recorded(match: re.Match[str]) -> bool:
    """Whether a DATE_SEGMENT match is a page's record of its date rather than a bare date: it
    has a clock time (an ISO date-time too) or a label of publication or update, as a
    publishing system prints it. "Released:" dates a product, "Date:" anything."""
    iso = match["iso"]
    label = match["label"] or ""
    labelled = bool(label) and not re.search(r"(?i)released|^dated?\b", label)
    return bool(labelled or match["clock"] or (iso and match[0] != iso))


def labelled(line: str) -> bool:
    """Whether a date line says what its date is ("Updated: ...", "Last updated at ..."): the
    page's own record, where a bare date may be the day the text was copied."""
    match = DATE_SEGMENT.search(line)
    return bool(match and match["label"]) or UPDATED_STAMP.search(line) is not None


# Of several date lines, the first of the preferred kind: "Published ... | Updated ..." is
# dated by the first.
RANK = {"published": 0, "plain": 1, "updated": 2}

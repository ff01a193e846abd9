"""What an article's text says about itself: headline, date line, page chrome, front matter.

Text pasted from a browser keeps the page around the article: "Skip to main content",
breadcrumbs, subscription banners, "Updated: 15 Sep 2022, 06:26 PM IST". `scan_page` finds
the headline and the publication date in those lines and returns the spans of the lines that
carry metadata rather than news, so later stages never turn them into events; furniture that
scrapers glue into a line of the article (a "Photograph: ..." credit, a publication stamp, a
"This article appeared on p7" footer, a reader's "Posted by" comment) is marked the same
way. The dates in date lines are read by `timeline.ingest.datelines`, front matter and
metadata fields by `timeline.ingest.frontmatter`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from timeline.ingest.datelines import (
    CLOCK,
    DATE_SEGMENT,
    DAY,
    MERIDIEM,
    MONTH,
    RANK,
    UPDATED_STAMP,
    WEEKDAY,
    YEAR,
    ZONE_NAME,
    date_from,
    date_prefix,
    label_kind,
    recorded,
)
from timeline.ingest.furniture import LEAD_CHROME, furniture_blocks
from timeline.ingest.titles import (
    CLOSING,
    SENTENCE_END,
    TITLE_MAX,
    body_started,
    breadcrumb,
    is_headline,
    lines,
)
from timeline.ingest.titles import (
    first_line_title as first_line_title,  # read by the readers; it lives with the titles
)
from timeline.records import DateLine
from timeline.vocabulary import time as words

# Whole lines (compared case-insensitively, after stripping) that belong to the page, not the
# article. Anchored at the start so that a sentence of news that merely mentions a newsletter
# is never mistaken for chrome. Extend freely: one pattern per kind of line.
CHROME_PATTERNS: tuple[str, ...] = (
    r"skip to (?:the )?(?:main )?(?:content|navigation|article)",
    r"skip navigation",
    r"(?:breaking|latest|live|top) (?:news|stories|updates)",
    r"back(?: to (?:top|home))?",
    r"advertisement(?: - scroll to continue(?: with content)?)?|advertising|sponsored(?: content)?",
    r"x?\s*you deserve independent\b.*",
    r"support (?:independent|our|quality) (?:journalism|media|critical media)\b.*",
    r"subscribe\b.*",
    r"sign (?:up|in)\b.{0,80}",
    r"log ?in|log ?out|sign out|register",
    r"set preferences\b.*",
    r"share(?: this)?(?: article| story| page)?(?: on [\w ]{1,20})?:?",
    r"(?:main )?menu|search|home|close|×|x|more less|show (?:more|less)|see (?:more|all)",
    r"(?:recommended|suggested)(?: for you| stories| articles)?|most (?:read|popular|viewed)",
    r"(?:related|trending)(?: (?:news|stories|articles|topics|coverage))?:?",
    r"(?:read more|also read|read also|see also|related|watch|listen):.*",
    r"read more\b.{0,120}",  # "Read more... Why the council changed its mind": a link
    r"get alerts on [\w ]{1,20}|follow us(?: on .{1,60})?",
    r"you've selected the [\w. ]{1,30} edition\.?",
    r"would you like to make this your default edition\??",
    r"comments are closed\.?|leave a (?:reply|comment)|\d* ?comments?",
    r"your email address will not be published\.?.*",
    r"catch all the .{1,80} news\b.*",
    r"download the .{1,40} app\b.*",
    r"scroll (?:down|up)\b.{0,60}",
    r"\(with inputs from [^)]{1,80}\)",
    r"courtesy:.{1,60}",
    r"\d{1,3} min(?:ute)?s? read",
    r"listen to (?:this )?(?:article|story)\b.{0,40}",
    r"(?:image|photo|picture|video) (?:source|credit|caption)s?:.*",
    r"(?:©|\(c\)|copyright)\s*©?\s*\d{4}\b.{0,120}",
    r"all rights reserved\.?",
    r"(?:related|useful) links:?|more on this (?:story|topic):?|further reading:?",
)
CHROME = re.compile("|".join(f"(?:{p})" for p in CHROME_PATTERNS), re.IGNORECASE)

# Words that every labelled date line contains: a cheap test before the full pattern.
_LABEL_HINT = re.compile(r"publish|posted|released|updated|modified|edited|date", re.IGNORECASE)
DATE_LINE_MAX = 120
_SEPARATORS = re.compile(r"\s+[|·•–—-]\s+|\s*[|·•]\s*")
BYLINE = re.compile(
    r"(?:(?i:by|written by|words by|reporting by|author:?))\s+[A-Z][^\s]*"
    r"(?:\s+(?:[A-Z][^\s]*|and|&|de|van|von|der|da|di|bin|al|in|for))*"
)
# Breadcrumbs: two or more short leading segments ("Home/ News / World/") before the rest.
# Page furniture that scrapers glue into the lines of the article, found anywhere in a line.
# Each needs a signal no news sentence has: a stamp with a clock time and a zone right after
# the year, a capitalised "Photograph:" label, a page number, a username before a date.
_AGENCY = (
    r"(?:AP|PA|AFP|EPA|Reuters|Getty(?: [Ii]mages)?|Rex(?: Features)?|Shutterstock|Alamy"
    r"|Corbis|Zuma(?: Press)?|Xinhua|Bloomberg|Sipa|DPA|dpa|ANP|Eyevine|Camera Press)"
)
_NAME_WORD = r"[A-Z][\w'’.-]*"
_PARTICLE = r"(?:de|da|di|van|von|der|del|la|le|for|of|and)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
_SLASH = r"\s*\\?/\s*"  # scraped text sometimes keeps JSON's escaped slash
_AGENCY_WORD = r"(?:Agency|Images|Pictures|Photos|Press|News|Features)"
_CREDIT = (
    rf"(?:{_NAME}{_SLASH})*"
    rf"(?:{_AGENCY}\b|{_NAME_WORD}(?:\s+{_NAME_WORD})?(?:\s+{_AGENCY_WORD}\b)?)"
)
INLINE_CHROME = re.compile(
    # a publication stamp: "Tuesday 5 May 2009 17.04 BST"
    rf"(?P<stamp>(?<!\S)(?:{WEEKDAY})?{DAY}\s+{MONTH}\s+{YEAR},?\s+{CLOCK}\s*{ZONE_NAME}\b)"
    # a photo credit: "Photograph: Jane Doe/AP"
    rf"|(?<!\S)(?:Photograph|Photo|Picture|Illustration|Composite)s?:\s+{_CREDIT}"
    # a live-blog time stamp opening a line: "12.15pm BST: ..."
    rf"|^(?:{CLOCK}\s*{MERIDIEM}?|[01]?\d\s*{MERIDIEM})"
    rf"(?:\s*{ZONE_NAME}\b)?(?:\s*[:–—-](?=\s|$)|(?=\s*$))",
    re.MULTILINE,
)
# The end of the article printed into it ("This article appeared on p7 of the Main section"):
# the rest of the line is page furniture too.
FOOTER = re.compile(
    r"(?<!\S)(?:(?:This article|A version(?: of this article)?|Version) appear(?:ed|s) on p\.? ?\d"
    r"|This article was (?:first |originally )?published on\b"
    r"|This article (?:was|has been) (?:amended|corrected|updated|edited)\b"
    r"|Letters for publication should be sent to\b"
    r"|If you need help using the site\b)"
)
# A reader's comment signed with a username and a date: the whole line is the comment's.
COMMENT = re.compile(
    rf"(?:^|(?<=\s))Posted by @?[\w.-]{{1,40}}(?: on)?,?\s+"
    rf"(?:{DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+{YEAR}|{CLOCK}|\d{{1,2}}[/.]\d)"
)
# A sentence of page furniture inside a line: a label that opens it ("Updated ...", "Read more",
# "Related") or words that no news sentence needs (a web address, "comments are closed",
# "privacy policy"); matched on the lower-cased sentence. A byline alone is one too.
FURNITURE_SENTENCE = re.compile(
    r"^\W*(?:updated|published|posted|last (?:updated|modified)|first published|copyright|©|"
    r"read more|see also|related|subscribe|sign up|follow us|share this|advertisement)"
    r"|comments are closed|all rights reserved|cookie|privacy policy|terms of (?:use|service)"
    r"|this story has not been edited|click here|newsletter|download the .* app"
    r"|report abuse|\breply\b|retweet|https?://|bit\.ly|\w+\.(?:com|ly)/\w"
)
BYLINE_SENTENCE = re.compile(r"\W*[Bb]y [A-Z][a-z]+ [A-Z][a-z]+\s*")
# Words that every sentence of furniture contains, looked for before a line is split.
_SENTENCE_HINT = re.compile(
    r"updated|published|posted|modified|copyright|©|read more|see also|related|subscribe"
    r"|sign up|follow us|share this|advertisement|comments are closed|rights reserved|cookie"
    r"|privacy policy|terms of|this story has not|click here|newsletter|download the"
    r"|report abuse|reply|retweet|http|bit\.ly|\.com/|\.ly/"
)
LINK_HEADING = re.compile(
    r"(?:(?:related|useful) links|related(?: (?:stories|articles|coverage|content))?"
    r"|more on this (?:story|topic)|further reading|see also)\s*:?",
    re.IGNORECASE,
)
LINKS_MAX = 12  # link lines after a "Related links" heading counted as part of the block
LINK_MAX = 120


HEAD_LINES = 12  # non-blank lines at the top where an unlabelled date line counts


@dataclass(frozen=True)
class PageText:
    """What the lines of a page say about the article: headline, date and chrome spans."""

    title: str | None = None
    published: date | None = None
    published_text: str | None = None
    boilerplate: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()  # date lines that could not be read, for the user
    date_lines: tuple[DateLine, ...] = ()  # every record of its date the page prints


@dataclass(frozen=True)
class _DateLine:
    start: int
    end: int
    line: str
    kind: str  # "published", "plain" (no label) or "updated"
    value: date | None
    note: str | None = None
    record: bool = False  # labelled, with a clock time or a byline: the page's own record


# Every kind of furniture above contains one of these: lines without any (most lines of an
# article) are not searched at all, which halves the time spent reading a collection.
_FURNITURE_HINT = re.compile(
    r"\d|Photo|Picture|Illustration|Composite|This article|[Vv]ersion"
    r"|Letters for|If you need"
)


def _furniture(line: str) -> list[tuple[int, int, bool]]:
    """Spans of page furniture inside one stripped line (stamps, photo credits, a footer), each
    with whether it may be moved onto a line of its own."""
    lower = line.lower()
    sentences = ("By " in line or _SENTENCE_HINT.search(lower)) and not _is_chrome(line)
    if not sentences and not _FURNITURE_HINT.search(line):
        return []
    found = [(m.start(), m.end(), m["stamp"] is not None) for m in INLINE_CHROME.finditer(line)]
    if "ast updated" in line:
        # on a line of its own, so that the headline before it and the news after it part
        found.extend((m.start(), m.end(), True) for m in UPDATED_STAMP.finditer(line))
    if "pdate" in line or "PDATE" in line:
        # a live blog's "(Update 12:20 a.m. Cairo, 5:20 p.m. ET)": the parser took the
        # place in it for the subject of the news after it
        found.extend((m.start(), m.end(), True) for m in LEAD_CHROME.finditer(line))
    footer = FOOTER.search(line)
    if footer is not None:  # the footer runs to the end of the line
        found = [f for f in found if f[1] <= footer.start()] + [(footer.start(), len(line), True)]
    if sentences:
        found.extend(
            (a, b, False)
            for a, b in _sentences(line)
            if (FURNITURE_SENTENCE.search(lower[a:b]) or BYLINE_SENTENCE.fullmatch(line[a:b]))
            and not any(lo <= a < hi or a <= lo < b for lo, hi, _ in found)
        )
    return sorted(found)


def _sentences(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a line, split where a sentence ends."""
    out: list[tuple[int, int]] = []
    start = 0
    for gap in SENTENCE_END.finditer(line):
        out.append((start, gap.start()))
        start = gap.end()
    out.append((start, len(line)))
    return out


def separate_chrome(text: str) -> str:
    """`text` with stamps and footers glued into a line put on lines of their own, offsets kept.

    Scraped articles run the headline, the stamp and the first sentence into one line ("Zoo
    pig quarantined Wednesday 6 May 2009 15.16 BST The only pig in ..."): one space on each
    side becomes a line break, so that the sentence quoted from the line starts where the news
    does. Photo credits stay where they are: after a credit on a line of its own the parser
    splits the next sentence after its first word ("Two | Britons have ...").
    """
    chars: list[str] | None = None
    for lo, hi, line in lines(text):
        for a, b, movable in _furniture(line):
            for i in (lo + a - 1, lo + b) if movable else ():
                if lo < i < hi and text[i] in " \t":
                    chars = chars if chars is not None else list(text)
                    chars[i] = "\n"
    for i in _run_in_dates(text):
        chars = chars if chars is not None else list(text)
        chars[i] = "\n"
    return "".join(chars) if chars is not None else text


# A full date between a word and a capitalised one: "... read out in court 1 November 2011 Dr
# Murray tells the judge ...", where a timeline page's item ran into the caption before it.
_RUN_IN_DATE = re.compile(
    rf"(?<![A-Za-z])(?P<word>[A-Za-z]*[a-z])[ \t]+(?P<date>{words.full_date_pattern()})[ \t]+[A-Z]"
)


_WEEKDAY_WORDS = frozenset(words.WEEKDAYS) | frozenset(words.WEEKDAY_ABBREVIATIONS)


def _run_in_dates(text: str) -> list[int]:
    """The spaces before dates that head the item after them, run into the line before.

    In a sentence a date follows a preposition or a weekday ("on 1 November 2011", "Tuesday 1
    November 2011"): after any other word, a full date followed by a capitalised word is the
    heading of what follows, and the item a line of its own.
    """
    return [
        m.start("date") - 1
        for m in _RUN_IN_DATE.finditer(text)
        if m["word"].lower() not in STOP_WORDS and m["word"].lower() not in _WEEKDAY_WORDS
    ]


def _is_chrome(line: str) -> bool:
    return len(line) <= TITLE_MAX and CHROME.fullmatch(line) is not None


def _date_line(line: str, start: int, end: int) -> _DateLine | None:
    """A line made of a date and nothing but a label, byline, source or chrome beside it."""
    found: list[tuple[re.Match[str], str, bool]] = []
    for segment in _SEPARATORS.split(line):
        segment = segment.strip(" \t,;")
        if not segment:
            continue
        match = DATE_SEGMENT.fullmatch(segment)
        if match:
            found.append((match, label_kind(match["label"]), recorded(match)))
        elif UPDATED_STAMP.fullmatch(segment) and (match := DATE_SEGMENT.search(segment)):
            # "Page last updated at 05:27 GMT, Tuesday, 27 September 2011" (BBC)
            found.append((match, "updated", True))
        elif not _is_minor(segment):
            return None
    if not found:
        return None
    # The first date of the preferred kind: "Published ... | Updated ..." is dated by the first.
    match, kind, record = min(found, key=lambda item: RANK[item[1]])
    value, note = date_from(match)
    return _DateLine(start, end, line, kind, value, note, record)


def _is_minor(segment: str) -> bool:
    """Bylines, sources and chrome that may stand beside a date on a date line."""
    if BYLINE.fullmatch(segment) or _is_chrome(segment):
        return True
    parts = segment.split()
    return len(parts) <= 3 and all(w[:1].isupper() for w in parts) and segment[-1] not in ".!?"


def scan_page(text: str, start: int = 0) -> PageText:
    """Find the headline, the publication date and the chrome lines of `text` from `start`."""
    spans: list[tuple[int, int]] = []
    dates: list[_DateLine] = []
    title: str | None = None
    title_done = False
    links = 0  # lines after a "Related links" heading that may still be links
    prose = False  # a line of the article seen: a links heading above it is page navigation
    for index, (lo, hi, line) in enumerate(lines(text, start)):
        head = index < HEAD_LINES
        candidate = len(line) <= DATE_LINE_MAX and (head or _LABEL_HINT.search(line))
        dated = _date_line(line, lo, hi) if candidate else None
        if dated and (dated.kind != "plain" or head):
            # Only the head's dates are the page's record: a comment's or a related link's
            # "Posted: ..." further down dates something else.
            dates.append(replace(dated, record=dated.record and head))
            spans.append((lo, hi))
            continue
        prefix = date_prefix(line) if head else None
        if prefix is not None:
            value, note = date_from(prefix)
            found_kind = label_kind(prefix["label"])
            dated = _DateLine(lo, lo + prefix.end(), prefix[0], found_kind, value, note, True)
            dates.append(dated)
            spans.append((lo, lo + prefix.end()))
            rest = line[prefix.end() :].lstrip(" |")  # the byline and the article go on
            lo, line = lo + len(line) - len(rest), rest
        if links and len(line) <= LINK_MAX and line.rstrip(CLOSING)[-1:] not in ".!":
            spans.append((lo, hi))
            links -= 1
            continue
        links = 0
        if COMMENT.search(line):
            spans.append((lo, hi))
            continue
        furniture = _furniture(line)
        spans.extend((lo + a, lo + b) for a, b, _ in furniture)
        if furniture:
            # What is left beside the furniture, as one piece of the line for the title.
            first, last = furniture[0], furniture[-1]
            line = (line[: first[0]] if first[0] else line[last[1] :]).strip()
            if not line:
                continue
        if _is_chrome(line) or (head and len(line) <= 80 and BYLINE.fullmatch(line)):
            spans.append((lo, hi))
            links = LINKS_MAX if prose and LINK_HEADING.fullmatch(line) else 0
            continue
        prose = True
        if title_done:
            continue
        crumb = breadcrumb(line)
        if crumb:
            spans.append((lo, lo + len(line[:crumb].rstrip())))
            line = line[crumb:].strip()
        if not line:
            continue
        if body_started(line) or index >= HEAD_LINES:
            title_done = True
        elif is_headline(line):
            title, title_done = line, True
    lines_found = list(spans)
    spans.extend(
        (a, b)
        for a, b in furniture_blocks(text, start)
        if not any(lo <= a and b <= hi for lo, hi in lines_found)
    )
    best = min(
        (d for d in dates if d.value is not None),
        key=lambda d: (RANK[d.kind], d.start),
        default=None,
    )
    notes = tuple(f"date line '{d.line}': {d.note}" for d in dates if d.note and best is None)
    return PageText(
        title=title,
        published=best.value if best else None,
        published_text=best.line if best else None,
        boilerplate=tuple(sorted(set(spans))),
        notes=notes,
        date_lines=tuple(
            DateLine(d.line, d.start, d.value, d.kind)
            for d in dates
            if d.record and d.value is not None
        ),
    )

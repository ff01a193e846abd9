"""Page furniture that runs over several lines or hides inside one: reader comments, readers'
letters, broadcast schedules and bylines run into the first sentence; and whole pages that are
no news report at all: broadcast transcripts and programme listings.

Each rule follows how news pages are laid out, not what a collection happens to say: comments
sit below the article, each signed with a date, a time and "Reply" or "Report abuse" links, so
everything from the first signed comment on is the readers'; a schedule lists episodes
("Ep 1/5") or several clock times in one line; a newsroom marks a transcript as one ("THIS IS A
RUSH TRANSCRIPT", "(BEGIN VIDEO CLIP)") and labels each turn with its speaker in capitals
("BLITZER:"), and a broadcaster heads its listings pages as programme information.
`timeline.ingest.pagetext.scan_page` adds these spans to the article's boilerplate.
"""

from __future__ import annotations

import re

from timeline.ingest.titles import SENTENCE_END, lines

# A reader's comment, signed: "March 7, 2011 at 9:29 pm | Reply", "At 18:40 23rd Mar 2010, jenny
# wrote:". What follows the first one is the comment section. ("Posted by" signatures, which
# need not end a page, are `pagetext.COMMENT`.)
COMMENT_STAMP = re.compile(
    r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4},? at \d{1,2}:\d\d ?(?i:[ap]\.?m\.?)? ?\|"
    r"|(?:^|(?<=\s))At \d{1,2}[:.]\d\d,? \d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8} \d{4}, "
    r"[^\n:]{1,40} wrote:"
)
# A reader's letter read out or printed: a first name or user name alone, then "writes".
LETTER = re.compile(
    r"(?:^|(?<=[.!?\"”] ))(?!(?:He|She|It|They|We|I|Who|One|This|That)\b)"
    r"[A-Z][\w.-]{1,30}(?: (?:in|from) [A-Z][\w ,.-]{1,40}?)? (?:writes|wrote)[,:]"
    r"(?= [\"“A-Z])"
)
LETTER_LINES = 6  # lines of a letter after its "writes" line, up to its closing quote mark
# A broadcast schedule: an episode number ("Ep 1/5"), a production credit ("Producer/Jane
# Doe"), or a run of clock times with little else ("Fajr 04:12 Dhuhr 12:30 Asr 15:51").
SCHEDULE = re.compile(r"\bEp \d{1,3}\s*\\?/\s*\d{1,3}\b|\b(?:Producer|Presenters?)\s*\\?/\s*[A-Z]")
_CLOCK = re.compile(r"(?<![\d:.])[0-2]?\d[:.][0-5]\d(?![\d:.])")
SCHEDULE_TIMES = 3  # clock times in one line that make a timetable of it
SCHEDULE_WORDS = 8  # ... when the line has at most this many words per clock time
# A byline run into the first sentence: "By Peter Bowes BBC News, Los Angeles Jackson was ...".
BYLINE_LEAD = re.compile(
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4} \| )?"  # the date line it may share: "May 2, 2011 | "
    r"By (?:the )?(?:[A-Z][\w.'’-]+(?: |(?=,))){0,3}?(?:and (?:[A-Z][\w.'’-]+ ){1,3}?)?,? ?"
    r"(?:(?:BBC|CNN|Reuters|AP|AFP|Associated Press|Guardian|Observer)"
    r"(?: (?:News|Wire Staff|Wire|Staff|Money|International|Online|World Service))?"
    r"|[\w ]{0,30}?(?:correspondent|reporter|editor|writer))"
    r"(?:, ?(?:[A-Z][a-z]+ ?){1,2}(?= [A-Z]))?"
)


# Furniture that opens a line anywhere on a page: a server's error message printed into it, a
# live blog's update stamp ("(Update 6:20 a.m. Friday in Cairo, 11:20 p.m. ET)").
LEAD_CHROME = re.compile(
    r"\(?\[?an error occurred while processing this directive\]?\)?"
    r"|\((?:[Uu]pdated?|UPDATED?)\b[^()\n]{0,80}\)",
)


# A broadcast transcript, as newsrooms mark one: its notice, or the cues of the tape and breaks.
TRANSCRIPT_MARK = re.compile(
    r"THIS IS A RUSH TRANSCRIPT|\((?:BEGIN|END) (?:VIDEO ?CLIP|VIDEOTAPE|AUDIO ?CLIP)\)"
    r"|\((?:COMMERCIAL BREAK|CROSSTALK)\)"
)
# A speaker's turn: the name in capitals opening the line, with the role the first time
# ("WOLF BLITZER, CNN ANCHOR: Tonight ...", "BLITZER: The report says ...").
SPEAKER = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,4})(?:, [A-Z][A-Z ,.'&-]{1,60})?: ")
SPEAKER_TURNS = 3  # labelled turns, one speaker's at least twice: a dialogue, not headings
# Labels in capitals that name no speaker: a live page's stamps and an editor's notes.
NOT_SPEAKERS = frozenset({"UPDATE", "UPDATED", "BREAKING", "NOTE", "CORRECTION", "WATCH", "READ"})
# A listings page heads itself so ("Network Radio Programme Information", "TV listings").
LISTINGS = re.compile(
    r"\b(?:Programme|Program) Information\b|\bTransmission details\b"
    r"|\b(?:TV|[Tt]elevision|[Rr]adio) (?:[Ll]istings|[Ss]chedules?)\b"
)
LISTINGS_HEAD = 300  # characters at the top of a page where a listings heading stands


def broadcast_page(text: str, start: int = 0) -> bool:
    """A transcript of a broadcast or a page of programme listings: spoken or scheduled words,
    not a report, so no line of it is news to date (the page is kept as a source)."""
    if LISTINGS.search(text, start, start + LISTINGS_HEAD) or TRANSCRIPT_MARK.search(text, start):
        return True
    # A transcript names a speaker with a role at the first turn and by the surname after
    # ("WOLF BLITZER, CNN ANCHOR: ..." then "BLITZER: ..."); a round-up's datelines ("CAIRO:",
    # "ALEXANDRIA:", "CAIRO:") repeat without one.
    turns: list[str] = []
    introduced: set[str] = set()  # speakers whose first turn gave their role
    for _, _, line in lines(text, start):
        found = SPEAKER.match(line) if line[1:2].isupper() else None
        if found and (name := found[1].rsplit(" ", 1)[-1]) not in NOT_SPEAKERS:
            if name not in turns and "," in found[0]:
                introduced.add(name)
            turns.append(name)
    again = any(turns.count(name) > 1 for name in introduced)
    return len(turns) >= SPEAKER_TURNS and 1 < len(set(turns)) < len(turns) and again


def furniture_blocks(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of comments, letters, schedules and bylines in `text` from `start`; the whole
    text from `start` for a transcript or a listings page."""
    if broadcast_page(text, start):
        return [(start, len(text))]
    spans: list[tuple[int, int]] = []
    signed = "|" in text or " wrote:" in text  # every signature has one: most pages have none
    comments = COMMENT_STAMP.search(text, start) if signed else None
    letter_left = 0
    for lo, hi, line in lines(text, start):
        if comments is not None and hi > comments.start():
            spans.append((_comment_start(text, comments.start(), lo), len(text)))
            break
        if letter_left:
            spans.append((lo, hi))
            letter_left = 0 if line.rstrip()[-1:] in '"”' else letter_left - 1
        elif ("writes" in line or "wrote" in line) and (letter := LETTER.search(line)):
            spans.append((lo + letter.start(), hi))
            closed = line.count("“") <= line.count("”") and line.count('"') % 2 == 0
            letter_left = 0 if closed else LETTER_LINES
        elif _schedule(line):
            spans.append((lo, hi))
        if (byline := BYLINE_LEAD.match(line)) is not None:
            spans.append((lo, lo + byline.end()))
        if "rror occurred" in line or "pdate" in line or "PDATE" in line:
            spans.extend((lo + m.start(), lo + m.end()) for m in LEAD_CHROME.finditer(line))
    return spans


def _comment_start(text: str, stamp: int, line_start: int) -> int:
    """Where the comment section begins: the sentence of the first signature, whose line may
    start with the article's own words."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, line_start, stamp)]
    return ends[-1] if ends else line_start


def _schedule(line: str) -> bool:
    if "/" in line and SCHEDULE.search(line):
        return True
    if line.count(":") + line.count(".") < SCHEDULE_TIMES:
        return False
    times = len(_CLOCK.findall(line))
    return times >= SCHEDULE_TIMES and len(line.split()) <= SCHEDULE_WORDS * times

"""The headline of a page of text: its first line of news when that reads as a headline, else
the first sentence, shortened; the line helpers the page scan shares."""

from __future__ import annotations

import re
from collections.abc import Iterator

_BREADCRUMB = re.compile(r"(?:[\w&' -]{1,25}?\s*[/›»>]\s*){2,6}")
CLOSING = "\"'”’)]»"

TITLE_MAX = 200
BODY_WORDS = 8  # a line ending a sentence with this many words means the body has begun
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
SHORT_TITLE = 80  # characters of a title made from the first line or sentence


def first_line_title(text: str, boilerplate: tuple[tuple[int, int], ...]) -> str | None:
    """A title from the first line of news: the line when it reads as a headline, else its
    first sentence, shortened."""
    for lo, hi, line in lines(text):
        inside = [(max(a, lo) - lo, min(b, hi) - lo) for a, b in boilerplate if a < hi and lo < b]
        if inside:  # the part of the line before its first piece of chrome, or after its last
            first, last = min(inside), max(inside)
            line = (line[: first[0]] if first[0] > 0 else line[last[1] :]).strip()
        if not line or not any(c.isalpha() for c in line):
            continue
        if is_headline(line) and len(line) <= SHORT_TITLE:
            return line
        sentence = SENTENCE_END.split(line, maxsplit=1)[0].rstrip()
        if sentence.endswith(".") and not sentence.endswith(".."):
            sentence = sentence[:-1]
        return _cut(sentence, SHORT_TITLE)
    return None


def _cut(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, stripped line) for every line from offset `start`, spans without the edges."""
    pos = start
    length = len(text)
    while pos <= length:
        end = text.find("\n", pos)
        if end < 0:
            end = length
        raw = text[pos:end]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield pos + lead, pos + lead + len(stripped), stripped
        pos = end + 1


def is_headline(line: str) -> bool:
    words = line.split()
    if len(words) < 3 or len(line) > TITLE_MAX or not any(c.isalpha() for c in line):
        return False
    return line.rstrip(CLOSING)[-1:] not in ".,:;!"


def body_started(line: str) -> bool:
    end, words = line.rstrip(CLOSING)[-1:], len(line.split())
    # Headlines ask questions too; only a long question reads as the start of the body.
    return len(line) > TITLE_MAX or words >= {".": BODY_WORDS, "!": BODY_WORDS, "?": 15}.get(
        end, TITLE_MAX
    )


def breadcrumb(line: str) -> int:
    """Length of a breadcrumb prefix ("Home/ News / World/ "), 0 when there is none."""
    match = _BREADCRUMB.match(line)
    if match is None:
        return 0
    crumbs = [c for c in re.split(r"\s*[/›»>]\s*", match.group().strip()) if c]
    if any(len(c.split()) > 3 or not any(ch.isalpha() for ch in c) for c in crumbs):
        return 0
    return match.end()

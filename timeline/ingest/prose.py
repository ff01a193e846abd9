"""Markdown and HTML read as plain prose, one paragraph per block, so offsets point into
readable text; and `shorten`, for quoting values in messages."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import markdown

log = logging.getLogger(__name__)


class _TextParser(HTMLParser):
    """Collects the readable text of HTML, one paragraph per block element."""

    BLOCKS = frozenset(
        ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd")
        + ("blockquote", "pre", "table", "tr", "hr", "section", "article", "header", "footer")
        + ("aside", "nav", "main", "figure", "figcaption", "details", "summary", "form")
    )
    LINES = frozenset(["li", "br"])
    HIDDEN = frozenset(["script", "style", "template", "noscript", "head", "title"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            self.pre += tag == "pre"
        elif tag in self.LINES:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            self.pre = max(0, self.pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_text(html: str) -> str:
    """All readable text of an HTML fragment, paragraphs separated by blank lines."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception as error:  # html.parser on arbitrary input
        log.debug("HTML parsing stopped early: %s", error)
    return parser.text()


def markdown_text(source: str) -> str:
    """Markdown rendered to HTML and back to plain prose, so offsets point into readable text."""
    return html_text(markdown.markdown(literal_runs(source), extensions=["extra", "sane_lists"]))


# A run of symbols, or a long word mostly of them: not Markdown anyone wrote by hand.
_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|_){32,}|\S{200,}")
_BACKTICKS = re.compile(r"`+")


def literal_runs(source: str) -> str:
    """`source` with each run of symbols made a code span, so Markdown reads it literally.

    Python-Markdown looks for the end of each `![`, `[` or `(` it meets, so a run of them costs
    the square of its length (24 KB of `![` took minutes); a code span is set aside whole, and
    comes back as the same characters in the text.
    """

    def literal(match: re.Match[str]) -> str:
        run = match[0]
        if sum(not c.isalnum() for c in run) * 4 < len(run):
            return run  # a long word of letters and digits, such as base64
        fence = "`" * (max((len(t) for t in _BACKTICKS.findall(run)), default=0) + 1)
        return f"{fence} {run} {fence}"

    return _SYMBOL_RUN.sub(literal, source)


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, for quoting values in messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

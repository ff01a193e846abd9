"""What an article says about itself beside its text: front matter and metadata fields, and
Markdown or HTML read as plain prose.

Front matter is YAML between `---` lines; its `title`, `date`, `source` and `url` are read
strictly (a date that is not a real day is reported, never guessed), and every problem comes
back with the fix to tell the user.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser

import markdown
import yaml

from timeline.ingest.pagetext import parse_date_text

log = logging.getLogger(__name__)


# --- metadata beside the text: front matter, JSONL fields ------------------------------

FRONT_MATTER_KEYS = ("title", "date", "source", "url")
_FENCE = re.compile(r"---[ \t]*\n")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_KEY_LINE = re.compile(rf"^[ \t-]*(?:{'|'.join(FRONT_MATTER_KEYS)})[ \t]*:", re.M)
UNCLOSED = "front matter opened with --- but never closed"
LEFT_OUT = "the title, date and other fields of the front matter were left out"
DATE_FIX = "write the publication date as YYYY-MM-DD, e.g. date: 2022-09-15"


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as strings, so an impossible date is reported, not raised."""


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# An explicit `!!timestamp` stays a string too (PyYAML crashes on an empty one).
_FrontMatterLoader.add_constructor(_TIMESTAMP, lambda loader, node: loader.construct_scalar(node))


@dataclass(frozen=True)
class Metadata:
    """Metadata a reader found beside the text (front matter, HTML head, JSONL fields)."""

    title: str | None = None
    published: date | None = None
    published_text: str | None = None
    source: str | None = None
    url: str | None = None


def split_front_matter(text: str) -> tuple[Metadata, str, list[tuple[str, str]]]:
    """Split YAML front matter off `text`: (metadata, the rest, problems as (message, fix)).

    A block between `---` lines at the very top is front matter when it names one of
    FRONT_MATTER_KEYS; any other such block is ordinary text (scraped pages use `---` as a
    rule). Front matter that is not valid YAML or not a mapping is reported and left out of the
    text: it is metadata, not prose, and the document is then titled and dated from its text.
    A block opened with `---` and one of those keys but never closed is reported and read as
    text.
    """
    opening = _FENCE.match(text)
    closing = _FENCE_END.search(text, opening.end()) if opening else None
    if opening is None:
        return Metadata(), text, []
    if closing is None:
        # Read as text either way; a block that starts with our keys was meant as metadata.
        if _KEY_LINE.match(text, opening.end()) is None:
            return Metadata(), text, []
        return Metadata(), text, [(UNCLOSED, "add a line --- after it")]
    block = text[opening.end() : closing.start()]
    rest = text[closing.end() :]
    named = _KEY_LINE.search(block) is not None
    try:
        data = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except Exception as error:  # PyYAML raises more than YAMLError on arbitrary input
        if not named:
            return Metadata(), text, []
        detail = _yaml_error(error, text[: opening.end()].count("\n") + 1)
        message = f"front matter is not valid YAML ({detail}); {LEFT_OUT}"
        return Metadata(), rest, [(message, _yaml_fix(error))]
    if data is None:
        return Metadata(), rest, []
    if not isinstance(data, dict):
        if not named:
            return Metadata(), text, []
        kind = type(data).__name__
        message = f"front matter is a {kind} ({shorten(repr(data), 60)}), not a mapping; {LEFT_OUT}"
        return (
            Metadata(),
            rest,
            [(message, "write it as lines such as `title: ...` and `date: YYYY-MM-DD`")],
        )
    if not any(str(key) in FRONT_MATTER_KEYS for key in data):
        return Metadata(), text, []
    meta, problems = read_metadata(data, "front matter ")
    return meta, rest, problems


def _yaml_fix(error: Exception) -> str:
    """How to fix the commonest YAML mistakes in hand-written front matter."""
    problem = str(getattr(error, "problem", "") or "")
    if "mapping values are not allowed" in problem:
        return 'put quotes around a value that contains ": ", e.g. title: "Storm: the aftermath"'
    if "'\\t'" in problem:  # PyYAML quotes the character it found, escaped
        return "indent with spaces, not tabs"
    if "quoted scalar" in str(getattr(error, "context", "") or ""):
        return "close the quotes around the value, or remove them"
    return "write one `key: value` per line, e.g. title: Storm hits the coast"


def _yaml_error(error: Exception, first_line: int) -> str:
    """A YAML error in a few words, with its line number in the file."""
    problem = getattr(error, "problem", None)
    mark = getattr(error, "problem_mark", None)
    if problem and mark is not None:
        return f"{problem} at line {first_line + mark.line}, column {mark.column + 1}"
    return shorten(" ".join(str(error).split()), 160)


def read_metadata(data: dict, where: str) -> tuple[Metadata, list[tuple[str, str]]]:
    """Typed metadata from a front matter mapping or a JSONL object, with problems."""
    problems: list[tuple[str, str]] = []
    values: dict[str, str | None] = {}
    for key in ("title", "source", "url"):
        value = data.get(key)
        if isinstance(value, (bool, list, dict)):
            problems.append((f"{where}{key}: is {shorten(repr(value), 60)}", "expected text"))
        elif value is not None and str(value).strip():
            values[key] = " ".join(str(value).split())
    published = raw = None
    if data.get("date") not in (None, ""):
        raw = data["date"]
        published, problem = parse_metadata_date(raw, where)
        if problem:
            problems.append(problem)
    return Metadata(
        title=values.get("title"),
        published=published,
        published_text=str(raw) if published else None,
        source=values.get("source"),
        url=values.get("url"),
    ), problems


def parse_metadata_date(
    value: object, where: str = ""
) -> tuple[date | None, tuple[str, str] | None]:
    """A publication date given as metadata: a date, a datetime or a string."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = str(value).strip() if isinstance(value, (str, int, float)) else repr(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        try:
            return date.fromisoformat(text), None
        except ValueError as error:
            return None, (f"{where}date: is '{text}', which is not a real day ({error})", DATE_FIX)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(text).date(), None
        except ValueError:
            pass
        parsed = parse_date_text(text)
        if parsed:
            return parsed, None
    return None, (f"{where}date: is '{shorten(text, 60)}': expected YYYY-MM-DD", DATE_FIX)


# --- Markdown and HTML to plain text ------------------------------------------------------


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

"""What an article says about itself beside its text: front matter and metadata fields.

Front matter is YAML between `---` lines; its `title`, `date`, `source` and `url` are read
strictly (a date that is not a real day is reported, never guessed), and every problem comes
back with the fix to tell the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import yaml

from timeline.ingest.datelines import parse_date_text
from timeline.ingest.prose import shorten

# --- metadata beside the text: front matter, JSONL fields ------------------------------

FRONT_MATTER_KEYS = ("title", "date", "source", "url")
# Fields that blog and static-site front matter commonly carries and that we knowingly leave
# unread: a block made of these and FRONT_MATTER_KEYS is front matter; any other field means
# the block is the article's own text (a transcript's "Speaker 1:", a page's "---" rule).
OTHER_KEYS = (
    ("author", "authors", "byline", "publisher", "section", "category", "categories", "tags")
    + ("keywords", "description", "summary", "excerpt", "subtitle", "image", "lang")
    + ("language", "layout", "slug", "permalink", "draft", "updated", "modified", "lastmod")
    + ("id", "type")
)
KNOWN_KEYS = frozenset(FRONT_MATTER_KEYS + OTHER_KEYS)
_FENCE = re.compile(r"---[ \t]*\n")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_KEY_LINE = re.compile(rf"^[ \t-]*(?:{'|'.join(FRONT_MATTER_KEYS)})[ \t]*:", re.M)
# A line at the block's top level that is one of our fields, as a key or a list item.
_OUR_LINE = re.compile(rf"-?[ \t]*(?:{'|'.join(FRONT_MATTER_KEYS + OTHER_KEYS)})[ \t]*(?::.*)?")
_ANY_KEY_LINE = re.compile(r"-?[ \t]*[^\s:#][^:]{0,60}:(?:[ \t].*)?")
MAX_BLOCK = 20_000  # characters; front matter is a few lines, a longer block is text
UNCLOSED = "front matter opened with --- but never closed"
LEFT_OUT = "the title, date and other fields of the front matter were left out"
DATE_FIX = "write the publication date as YYYY-MM-DD, e.g. date: 2022-09-15"


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as strings, so an impossible date is reported, not raised.

    Aliases (`*name`) are refused: front matter has no use for them, and a few hundred bytes
    of nested aliases expand into gigabytes (the "billion laughs").
    """

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


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
    FRONT_MATTER_KEYS and is made only of known fields (those and OTHER_KEYS); any other block
    stays the article's text (scraped pages use `---` as a rule, transcripts have "Speaker 1:"
    lines). Front matter that is not valid YAML or not a mapping is reported and left out of
    the text: it is metadata, not prose, and the document is then titled and dated from its
    text. A block opened with `---` and one of those keys but never closed is reported and
    read as text.
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
    if not block.strip():
        return Metadata(), rest, []
    if _KEY_LINE.search(block) is None:
        return Metadata(), text, []
    foreign = _foreign_lines(block)
    if foreign or len(block) > MAX_BLOCK:
        # Not made of our fields: the article's own text, which is never taken away.
        if foreign and all(_ANY_KEY_LINE.fullmatch(line) for line in foreign):
            shown = shorten(foreign[0].lstrip("- ").split(":")[0], 40)
            message = (
                f"the block between the first two --- lines has a field timeline does not know "
                f"({shown!r}), so it is read as the article's text, not as front matter"
            )
            fix = f"if it is front matter, keep only {', '.join(FRONT_MATTER_KEYS)} and the like"
            return Metadata(), text, [(message, fix)]
        return Metadata(), text, []
    try:
        data = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except Exception as error:  # PyYAML raises more than YAMLError on arbitrary input
        detail = _yaml_error(error, text[: opening.end()].count("\n") + 1)
        message = f"front matter is not valid YAML ({detail}); {LEFT_OUT}"
        return Metadata(), rest, [(message, _yaml_fix(error))]
    if not isinstance(data, dict):
        kind = type(data).__name__
        message = f"front matter is a {kind} ({shorten(repr(data), 60)}), not a mapping; {LEFT_OUT}"
        return (
            Metadata(),
            rest,
            [(message, "write it as lines such as `title: ...` and `date: YYYY-MM-DD`")],
        )
    if not all(isinstance(key, str) and key in KNOWN_KEYS for key in data):
        return Metadata(), text, []  # quoted or odd keys our line check let through
    meta, problems = read_metadata(data, "front matter ")
    return meta, rest, problems


def _foreign_lines(block: str) -> list[str]:
    """The top-level lines of `block` that are not one of our fields (indented ones continue)."""
    lines = (line.rstrip() for line in block.split("\n"))
    return [
        line for line in lines if line and line[0] not in " \t#" and not _OUR_LINE.fullmatch(line)
    ]


def _yaml_fix(error: Exception) -> str:
    """How to fix the commonest YAML mistakes in hand-written front matter."""
    problem = str(getattr(error, "problem", "") or "")
    if problem.startswith("aliases"):
        return "write each value out in full: front matter takes no anchors (&name) or aliases"
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

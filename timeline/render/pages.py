"""The render stage: the static site (timeline, source pages, indexes, report) and exports.

The templates are filled from the view records of `views`, so users can override them by
name. Autoescape is on everywhere and every output path is checked to stay inside the output
folder.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from timeline.config import Config
from timeline.errors import BuildError
from timeline.records import TimeExpression, Timeline
from timeline.render import exports, navigation
from timeline.render.paths import published_paths
from timeline.render.views import EntryView, build_site, safe_url
from timeline.timevalue import day_text, describe

log = logging.getLogger(__name__)


def _templates() -> Path:
    """Our templates: inside the package when installed from a wheel, beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES = _templates()
DEFAULT_COLORS = {"accent": "#1f5fbf", "accent_dark": "#8ab4ff"}


def output_path(out: Path, relative: str) -> Path:
    """Resolve `relative` inside `out`, refusing anything that would land outside it."""
    target = (out / relative).resolve()
    if not target.is_relative_to(out.resolve()):
        raise BuildError(f"{relative!r}: output path leaves the output folder; refusing to write")
    return target


# ---------------------------------------------------------------- source text


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph: plain text, or a time expression linked to its entry."""

    text: str
    timex: TimeExpression | None = None
    entry_href: str | None = None
    entry_label: str | None = None
    first: bool = True  # the piece that starts the expression carries its anchor id


def paragraphs(
    text: str,
    expressions: tuple[TimeExpression, ...],
    entry_of: dict[int, EntryView],
    page_of: Mapping[str, str] | None = None,
) -> list[list[Span]]:
    """Split a document's text into paragraphs with every time expression marked.

    `page_of` gives each entry's page (relative to the site root); "index.html" by default.
    """
    page_of = page_of or {}
    marks = []
    last_end = -1
    for timex in sorted(expressions, key=lambda t: (t.start, -t.end)):
        if timex.start >= last_end and 0 <= timex.start < timex.end <= len(text):
            marks.append(timex)
            last_end = timex.end
    result: list[list[Span]] = []
    pos = 0
    first = 0  # the marks are in order and apart: each paragraph looks only at its own
    for block in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.DOTALL):
        start, end = block.start(), block.end()
        pos = start
        spans: list[Span] = []
        while first < len(marks) and marks[first].end <= start:
            first += 1
        for index in range(first, len(marks)):
            timex = marks[index]
            if timex.start >= end:
                break
            a, b = max(timex.start, start), min(timex.end, end)
            if a > pos:
                spans.append(Span(text[pos:a]))
            view = entry_of.get(timex.start)
            page = page_of.get(view.anchor, "index.html") if view else ""
            href = f"../{page}#{quote(view.anchor)}" if view else None
            label = view.entry.headline if view else None
            spans.append(Span(text[a:b], timex, href, label, first=a == timex.start))
            pos = b
        if pos < end:
            spans.append(Span(text[pos:end]))
        result.append(spans)
    return result


# ---------------------------------------------------------------- writing


def make_environment(config: Config) -> Environment:
    """The Jinja environment: the user's templates folder first, then ours."""
    loaders = []
    if config.templates is not None:
        loaders.append(FileSystemLoader(str(config.templates)))
    loaders.append(FileSystemLoader(str(TEMPLATES)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["describe"] = describe
    env.filters["day_text"] = day_text
    env.filters["urlquote"] = lambda s: quote(str(s), safe="")
    return env


def _canonical(config: Config, page: str) -> str | None:
    base = safe_url(config.base_url)
    if not base:
        return None
    return base.rstrip("/") + "/" + ("" if page == "index.html" else page)


def theme_css(config: Config) -> str:
    """The accent colours from the config, as CSS custom properties (never inline styles)."""
    colors = {**DEFAULT_COLORS, **{k: v for k, v in config.colors.items() if k in DEFAULT_COLORS}}
    for value in colors.values():
        if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", value):
            raise BuildError(f'colour {value!r} is not a hex colour such as "#1f5fbf"')
    return (
        "/* Generated from timeline.toml [colors]. */\n"
        f":root {{ --accent: {colors['accent']}; --accent-dark: {colors['accent_dark']}; }}\n"
    )


def _static_files(config: Config) -> dict[str, Path]:
    """Static assets by name: ours, replaced or extended by the user's templates/static/."""
    found = {p.name: p for p in sorted((TEMPLATES / "static").iterdir()) if p.is_file()}
    if config.templates is not None and (config.templates / "static").is_dir():
        for p in sorted((config.templates / "static").iterdir()):
            if p.is_file():
                found[p.name] = p
    return found


def render_site(timeline: Timeline, out: Path, config: Config) -> list[Path]:
    """Write the whole site into `out` (an existing, empty folder); return the files written."""
    from timeline.render import report  # the report pulls in the optional PDF engine lazily

    timeline = published_paths(timeline, config.inputs)  # never the builder's own folders
    site = build_site(timeline, config)
    env = make_environment(config)
    written: list[Path] = []

    def write(relative: str, content: str | bytes) -> None:
        target = output_path(out, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8", newline="\n")
        else:
            target.write_bytes(content)
        written.append(target)

    def page(template: str, relative: str, **context: object) -> None:
        root = "../" * relative.count("/") or "./"
        html = env.get_template(template).render(
            site=site,
            root=root,
            page=relative,
            canonical=_canonical(config, relative),
            pdf=config.pdf,  # every page links report.pdf, but only when it is built
            **context,
        )
        write(relative, html)

    for name, path in _static_files(config).items():
        write(f"static/{name}", path.read_bytes())
    write("static/theme.css", theme_css(config))

    for part in site.pages:  # the timeline, in pages; the first is index.html
        page(
            "index.html",
            part.file,
            current=part,
            nearby=navigation.nearby(site.pages, part),
            chunks=navigation.chunk_count(len(site.entries)),
            shards=navigation.shard_count(len(site.entries)),
        )
    if len(site.pages) > navigation.LISTED_PAGES:
        page("periods.html", "periods/index.html")
    for name, script in navigation.data_files(site).items():
        write(name, script)
    page("sources.html", "sources.html")
    letters = navigation.letters(site.entities)
    if len(site.entities) <= navigation.ENTITY_PAGE_NAMES:
        page("entities.html", "entities.html", letters=letters, shown=letters)
    else:  # thousands of names: an index of letters, and a page per letter
        page("entities.html", "entities.html", letters=letters, shown=())
        for letter in letters:
            page("entities.html", letter.file, letters=letters, shown=(letter,))
    # One pass over the entries for all source pages: per document, the entry each dating
    # phrase feeds and the entries it is cited in.
    entry_of: dict[str, dict[int, EntryView]] = defaultdict(dict)
    cited_in: dict[str, list[EntryView]] = defaultdict(list)
    for view in site.entries:
        for event in view.entry.events:
            entry_of[event.document].setdefault(event.time.start, view)
        for document in view.entry.documents:
            cited_in[document].append(view)
    for doc in site.docs:
        doc_id = doc.doc.id
        expressions = timeline.expressions.get(doc_id, ())
        page(
            "source.html",
            doc.file,
            doc=doc,
            paragraphs=paragraphs(doc.doc.text, expressions, entry_of[doc_id], site.page_of),
            entries=tuple(cited_in[doc_id]),
        )
    page("report.html", "report.html")

    write("timeline.json", exports.timeline_json(timeline))
    write("timelinejs.json", exports.timelinejs_json(timeline, config))
    write("timeline.ics", exports.timeline_ics(timeline))
    write("timeline.csv", exports.timeline_csv(timeline))
    if config.pdf:
        write("report.pdf", report.write_pdf(output_path(out, "report.html")))
    log.info("rendered %d files into %s", len(written), out)
    return sorted(written)

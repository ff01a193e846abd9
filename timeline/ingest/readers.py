"""Ingest: turn input files and folders into `Document`s, and every bad input into a `Problem`.

One reader per format (.txt, .md, .html, .jsonl). A file that cannot be read is reported and
left out; the build goes on with the rest. Only an input path that does not exist at all is
the tool's own error (`InputError`): it is a typo on the command line or in `timeline.toml`,
and building a timeline without the folder the user named would be misleading. Finding the
files is `walk`'s job, turning their bytes into text `decode`'s.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from timeline.errors import InputError
from timeline.ingest.decode import file_text, jsonl_lines, scrub
from timeline.ingest.frontmatter import Metadata, read_metadata, split_front_matter
from timeline.ingest.language import detect, language_name
from timeline.ingest.pagetext import first_line_title, scan_page, separate_chrome
from timeline.ingest.prose import html_text, markdown_text, shorten
from timeline.ingest.walk import Source, unique_id, walk
from timeline.records import Document, Problem

log = logging.getLogger(__name__)

# Libraries that log about the page they were given, not naming the file: their warnings
# ("discarding data: None") would reach the user without a file name beside our own Problem.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
NOTE_FIX = 'give the date as YYYY-MM-DD in front matter (date: 2022-09-15) or a JSONL "date" field'


def read_inputs(
    inputs: Sequence[Path],
    *,
    max_bytes: int = 20_000_000,
    follow_links: bool = False,
    output: Path | None = None,
    languages: Sequence[str] = ("en",),
) -> Iterator[Document | Problem]:
    """Yield a Document per article and a Problem per bad input, in sorted path order.

    Links leaving an input folder are followed only with `follow_links`; the `output` folder
    (the site being built) is never read as articles. A document detected in a language not in
    `languages` (empty: any) is reported; `analysed` tells whether it goes on to the analysis.
    """
    quiet = frozenset([os.path.realpath(output)] if output is not None else [])
    paths = [Path(p) for p in inputs]
    for path in paths:
        if not os.path.lexists(path):
            raise InputError(
                path.as_posix(),
                "does not exist",
                "check the input path on the command line or under `inputs` in timeline.toml",
            )
    used: dict[str, str] = {}  # document id -> path of the document that has it
    for path in paths:
        for item in walk(path, follow_links=follow_links, quiet=quiet):
            if isinstance(item, Problem):
                yield _printable(item)
                continue
            for result in map(_printable, _read_file(item, max_bytes)):
                if isinstance(result, Document):
                    unique = unique_id(result.id, used)
                    if unique != result.id:
                        yield Problem(
                            result.path,
                            f"id '{result.id}' is already used by {used[result.id]}: "
                            f"this document is '{unique}'",
                            "rename one of the files, or give each JSONL line its own `id`",
                        )
                        result = dataclasses.replace(result, id=unique)
                    used[unique] = result.path
                    if not analysed(result, languages):
                        yield _foreign(result, languages)
                yield result


def _printable(item: Document | Problem) -> Document | Problem:
    """`item` with no lone surrogate left in what is shown: a file name that is not UTF-8
    (os.fsdecode keeps its bytes as surrogates), or a value quoted in a message."""
    if isinstance(item, Document):
        return dataclasses.replace(item, path=scrub(item.path)[0])
    path, message, fix = (scrub(value)[0] for value in (item.path, item.message, item.fix))
    return dataclasses.replace(item, path=path, message=message, fix=fix)


def analysed(document: Document, languages: Sequence[str]) -> bool:
    """Whether `document` is in a language the analysis reads (unknown counts as readable)."""
    return not languages or document.language is None or document.language in languages


def _foreign(document: Document, languages: Sequence[str]) -> Problem:
    wanted = " or ".join(language_name(code) for code in languages)
    setting = ", ".join(f'"{code}"' for code in (*languages, document.language))
    return Problem(
        document.path,
        f"is written in {language_name(document.language or '')} (detected), not {wanted}: "
        "left out of the timeline's events; its text is still on its source page",
        f"to read it anyway with the English model, set `languages = [{setting}]` in timeline.toml",
    )


def _read_file(source: Source, max_bytes: int) -> Iterator[Document | Problem]:
    """Read one file as its format says; every failure becomes a Problem."""
    if source.format == "jsonl":  # read line by line: the limit applies to each article
        yield from _read_jsonl(source, jsonl_lines(source, max_bytes))
        return
    reader = {"txt": _read_text, "md": _read_text, "html": _read_html}
    for item in file_text(source, max_bytes):
        if isinstance(item, Problem):
            yield item
        else:
            yield from reader[source.format](source, item)


# --- readers ------------------------------------------------------------------------------


def _read_text(source: Source, text: str) -> Iterator[Document | Problem]:
    """A .txt or .md file, either possibly starting with YAML front matter."""
    name = source.name
    meta, body, problems = split_front_matter(text)
    for message, fix in problems:
        yield Problem(name, message, fix)
    if source.format == "md":
        try:
            body = markdown_text(body)
        except Exception as error:  # the Markdown renderer on arbitrary input
            yield Problem(name, f"could not be read as Markdown ({error})", "check its syntax")
    body = body.strip()
    if not body:
        yield Problem(name, "has no text besides its front matter", "add the article's text", True)
        return
    yield from _document(source, body, meta, source.id)


def _read_html(source: Source, html: str) -> Iterator[Document | Problem]:
    """A saved web page: trafilatura finds the article's text, title and date."""
    # Imported here: trafilatura and htmldate take a second to import, and a collection of
    # text or JSON Lines never needs them.
    import trafilatura

    from timeline.ingest.htmldate import page_date

    name = source.name
    # htmldate defaults `max_date` to today: pass fixed bounds so the result never depends on
    # the day of the build, and no extensive search (that guesses from any date in the page).
    params = {
        "original_date": True,
        "extensive_search": False,
        "min_date": "1800-01-01",
        "max_date": "9999-12-31",
    }
    try:
        with _quiet(QUIET_LOGGERS):
            result = trafilatura.bare_extraction(
                html,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                date_extraction_params=params,
            )
    except Exception as error:  # trafilatura and lxml on arbitrary input
        log.debug("trafilatura failed on %s: %s", name, error)
        result = None
    meta = Metadata()
    text = ""
    if result is not None:
        raw = getattr(result, "text", None) or ""
        text = "\n\n".join(line.strip() for line in raw.split("\n") if line.strip())
        own_url = _clean(getattr(result, "url", None))
        with _quiet(QUIET_LOGGERS):
            published, published_text = page_date(html, text, own_url)
        meta = Metadata(
            title=_clean(getattr(result, "title", None)),
            published=published,
            published_text=published_text,
            source=_clean(getattr(result, "sitename", None) or getattr(result, "hostname", None)),
            url=_clean(getattr(result, "url", None)),
        )
    if not text:
        text = html_text(html)
        if not text:
            yield Problem(name, "has no readable text", "save the article page again", True)
            return
        yield Problem(
            name,
            "no article text found in the page; read all of its text instead",
            "check that the file is the article page itself, not an index or a login page",
        )
    yield from _document(source, text, meta, source.id)


@contextmanager
def _quiet(names: Sequence[str]) -> Iterator[None]:
    """Raise the named libraries' loggers to ERROR for a while, unless we log at DEBUG."""
    if log.isEnabledFor(logging.DEBUG):
        yield
        return
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.ERROR))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _read_jsonl(
    source: Source, lines: Iterable[tuple[int, str] | Problem]
) -> Iterator[Document | Problem]:
    """One article per line: `text` required, `id`, `title`, `date`, `source`, `url` optional."""
    name = source.name
    fix = 'each line must be one JSON object with a "text" field, e.g. {"text": "..."}'
    count = 0
    for item in lines:
        if isinstance(item, Problem):
            count += item.skipped
            yield item
            continue
        number, line = item
        if not line.strip():
            continue
        count += 1
        where = f"line {number}: "
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(name, f"{where}is not valid JSON ({_json_error(error)})", fix, True)
            continue
        except RecursionError:
            yield Problem(name, f"{where}is nested too deeply to read", fix, skipped=True)
            continue
        if not isinstance(data, dict):
            kind = type(data).__name__
            yield Problem(name, f"{where}is a JSON {kind}, not an object", fix, skipped=True)
            continue
        body = data.get("text")
        if not isinstance(body, str) or not body.strip():
            shown = 'has no "text"' if body is None else f'"text" is {shorten(repr(body), 40)}'
            yield Problem(name, f"{where}{shown}", fix, skipped=True)
            continue
        doc_id = data.get("id")
        if isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool) and str(doc_id).strip():
            doc_id = str(doc_id).strip()
        else:
            if doc_id is not None:
                shown = shorten(repr(doc_id), 40)
                yield Problem(name, f"{where}id: is {shown}", "expected text or a number")
            doc_id = f"{source.id}-{number}"
        meta, problems = read_metadata(data, where)
        for message, problem_fix in problems:
            yield Problem(name, message, problem_fix)
        body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
        yield from _document(source, body, meta, doc_id, where)
    if count == 0:
        yield Problem(name, "has no lines with articles", fix, skipped=True)


def _json_error(error: json.JSONDecodeError) -> str:
    """The decoder's message with the column only: the line is the file's, named already."""
    joint = " " if error.msg.endswith(" at") else " at "
    return f"{error.msg}{joint}column {error.colno}"


# --- documents ----------------------------------------------------------------------------


def _document(
    source: Source, text: str, meta: Metadata, doc_id: str, where: str = ""
) -> Iterator[Document | Problem]:
    """The Document for `text`: metadata first, then what the page's own lines say."""
    text, broken = scrub(text)
    fields = {}
    for key in ("title", "source", "url", "published_text"):
        value = getattr(meta, key)
        if value is not None:
            fields[key], count = scrub(value)
            broken += count
    meta = dataclasses.replace(meta, **fields)
    doc_id, count = scrub(doc_id)
    if count and source.format != "jsonl":  # the id is the file's name, not its content
        count = 0
        yield Problem(
            source.name,
            "has a file name that is not UTF-8; it is shown with \ufffd",
            "rename the file",
        )
    if broken + count:
        total = broken + count
        yield Problem(
            source.name,
            f"{where}has {total} broken character{'s' if total != 1 else ''} (half of an "
            'emoji or other character, such as "\\ud83d", or a NUL); replaced with \ufffd',
            "re-export it as UTF-8 that escapes whole characters only",
        )
    text = separate_chrome(text)
    page = scan_page(text)
    title, title_from = meta.title, "metadata"
    if not title and page.title and source.format != "jsonl":
        title, title_from = page.title, "text"
    elif not title and (source.format == "jsonl" or not any(c.isalpha() for c in doc_id)):
        # A collection's records often come without titles and their ids are database keys
        # ("H1N1/2009-04-27/1002", "00019"): name each by its first line, short enough for a
        # badge, since a number says nothing of the story.
        title, title_from = first_line_title(text, page.boilerplate), "text"
    if not title:
        title, title_from = doc_id, "filename"
    published, published_from, published_text = meta.published, "metadata", meta.published_text
    if published is None:
        published, published_text = page.published, page.published_text
        published_from = "text" if published else None
        for note in page.notes:
            yield Problem(source.name, f"{where}{note}", NOTE_FIX)
    yield Document(
        id=doc_id,
        path=source.name,
        text=text,
        title=title,
        title_from=title_from,
        format=source.format,
        source=meta.source,
        url=meta.url,
        published=published,
        published_from=published_from,
        published_text=published_text,
        date_lines=page.date_lines,
        boilerplate=page.boilerplate,
        language=detect(text),
    )

"""Ingest: turn input files and folders into `Document`s, and every bad input into a `Problem`.

One reader per format (.txt, .md, .html, .jsonl). A file that cannot be read is reported and
left out; the build goes on with the rest. Only an input path that does not exist at all is
the tool's own error (`InputError`): it is a typo on the command line or in `timeline.toml`,
and building a timeline without the folder the user named would be misleading.
"""

from __future__ import annotations

import codecs
import dataclasses
import errno
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import charset_normalizer
import trafilatura

from timeline.errors import InputError
from timeline.ingest.frontmatter import (
    Metadata,
    html_text,
    markdown_text,
    read_metadata,
    shorten,
    split_front_matter,
)
from timeline.ingest.htmldate import page_date
from timeline.ingest.pagetext import first_line_title, scan_page, separate_chrome
from timeline.records import Document, Problem

log = logging.getLogger(__name__)

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
FORMATS |= {".jsonl": "jsonl"}
FORMAT_LIST = ".txt, .md, .html or .jsonl"
# Files that are never meant as articles: left out without a word.
IGNORED_NAMES = ("Thumbs.db", "desktop.ini", "Icon\r")
# A better hint than "convert it" for formats users often drop into the folder.
FORMAT_HINTS = {
    ".pdf": "convert it to text (for example with `pdftotext`) and save it as .txt",
    ".doc": "save it as plain text (.txt) or Markdown (.md) from your word processor",
    ".docx": "save it as plain text (.txt) or Markdown (.md) from your word processor",
    ".odt": "save it as plain text (.txt) or Markdown (.md) from your word processor",
    ".rtf": "save it as plain text (.txt) or Markdown (.md) from your word processor",
    ".json": 'write one JSON object per line with a "text" field and name it .jsonl',
}
# Leading bytes of files that are not text at all, whatever their name says.
MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .odt or .epub document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
HEAD_BYTES = 8192
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Labels that mean windows-1252 on the web (as browsers read them).
WESTERN = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "us-ascii", "ascii", "windows-1252"}
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]{1,40})", re.I)
# Libraries that log about the page they were given, not naming the file: their warnings
# ("discarding data: None") would reach the user without a file name beside our own Problem.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
NOTE_FIX = 'give the date as YYYY-MM-DD in front matter (date: 2022-09-15) or a JSONL "date" field'


@dataclass(frozen=True)
class _Source:
    """One input file: where it is, the name the user knows it by, and its document id."""

    path: Path
    name: str  # Document.path: the input as the user named it joined with the relative path
    id: str
    format: str


def read_inputs(
    inputs: Sequence[Path], *, max_bytes: int = 20_000_000
) -> Iterator[Document | Problem]:
    """Yield a Document per article and a Problem per bad input, in sorted path order."""
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
        for item in _walk(path):
            if isinstance(item, Problem):
                yield item
                continue
            for result in _read_file(item, max_bytes):
                if isinstance(result, Document):
                    unique = _unique_id(result.id, used)
                    if unique != result.id:
                        yield Problem(
                            result.path,
                            f"id '{result.id}' is already used by {used[result.id]}: "
                            f"this document is '{unique}'",
                            "rename one of the files, or give each JSONL line its own `id`",
                        )
                        result = dataclasses.replace(result, id=unique)
                    used[unique] = result.path
                yield result


def _unique_id(wanted: str, used: dict[str, str]) -> str:
    if wanted not in used:
        return wanted
    number = 2
    while f"{wanted}-{number}" in used:
        number += 1
    return f"{wanted}-{number}"


# --- walking ------------------------------------------------------------------------------


def _walk(root: Path) -> Iterator[_Source | Problem]:
    """Every file under `root` (or `root` itself), sorted by path string, hidden ones left out."""
    name = root.as_posix()
    try:
        is_dir = root.is_dir()
    except OSError as error:  # a symlink loop named directly
        yield _unreadable(name, error)
        return
    if not is_dir:
        yield from _classify(root, name, root.stem)
        return
    files: list[tuple[str, Path]] = []
    problems: list[tuple[str, Problem]] = []
    visited = {os.path.realpath(root)}
    pending = [(root, PurePosixPath())]
    while pending:
        folder, rel = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            problems.append((rel.as_posix(), _unreadable((root / rel).as_posix(), error)))
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
                continue
            child = rel / entry.name
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError as error:
                problems.append((child.as_posix(), _unreadable((root / child).as_posix(), error)))
                continue
            if not is_dir:
                files.append((child.as_posix(), Path(entry.path)))
                continue
            real = os.path.realpath(entry.path)
            if real in visited:
                problems.append((child.as_posix(), _repeated_folder(root / child)))
                continue
            visited.add(real)
            pending.append((Path(entry.path), child))
    found = False
    items: list[tuple[str, _Source | Problem]] = list(problems)
    for rel_name, path in files:
        for item in _classify(path, (root / rel_name).as_posix(), _strip_suffix(rel_name)):
            found = found or isinstance(item, _Source)
            items.append((rel_name, item))
    items.sort(key=lambda pair: pair[0])
    for _, item in items:
        yield item
    if not found:
        yield Problem(name, f"no articles found in {name}", f"add {FORMAT_LIST} files")


def _repeated_folder(path: Path) -> Problem:
    try:
        target = f" ({os.readlink(path)})"
    except OSError:
        target = ""  # a bind mount or a hard-linked folder rather than a link
    return Problem(
        path.as_posix(),
        f"is a link to a folder that is already being read{target}",
        "remove the link: following it would read the same articles again, or loop",
        skipped=True,
    )


def _strip_suffix(rel_name: str) -> str:
    path = PurePosixPath(rel_name)
    return path.with_suffix("").as_posix() if path.suffix else rel_name


def _classify(path: Path, name: str, doc_id: str) -> Iterator[_Source | Problem]:
    """A readable article file becomes a _Source; anything else a skipped Problem."""
    try:
        info = path.stat()
    except OSError as error:
        yield _unreadable(name, error)
        return
    suffix = path.suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        shown = suffix or "no extension"
        fix = FORMAT_HINTS.get(suffix, f"convert it to {FORMAT_LIST}")
        yield Problem(name, f"not an article format ({shown})", fix, skipped=True)
    elif not stat.S_ISREG(info.st_mode):
        yield Problem(name, "is not a regular file", "replace it with a text file", skipped=True)
    else:
        yield _Source(path, name, doc_id, fmt)


def _unreadable(name: str, error: OSError) -> Problem:
    if error.errno == errno.ELOOP:
        return Problem(name, "is a symbolic link loop", "remove or fix the link", skipped=True)
    if isinstance(error, FileNotFoundError):
        return Problem(
            name, "is a broken link", "remove the link or restore its target", skipped=True
        )
    reason = error.strerror or type(error).__name__
    return Problem(
        name, f"cannot be read ({reason})", "check that you are allowed to read it", skipped=True
    )


# --- bytes to text ------------------------------------------------------------------------


def _read_file(source: _Source, max_bytes: int) -> Iterator[Document | Problem]:
    """Read one file as its format says; every failure becomes a Problem."""
    name = source.name
    if source.format == "jsonl":  # read line by line: the limit applies to each article
        yield from _read_jsonl(source, _jsonl_lines(source, max_bytes))
        return
    try:
        with open(source.path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                yield _too_big(name, size, max_bytes)
                return
            head = handle.read(HEAD_BYTES)
            kind = _binary_kind(head)
            if kind:
                yield Problem(name, f"looks like {kind}, not text", _binary_fix(kind), True)
                return
            data = head + handle.read(max(0, max_bytes + 1 - len(head)))
    except OSError as error:
        yield _unreadable(name, error)
        return
    if len(data) > max_bytes:  # the file grew while it was read
        yield _too_big(name, len(data), max_bytes)
        return
    if not data:
        yield Problem(name, "is empty", "add the article's text or remove the file", skipped=True)
        return
    declared = _declared_charset(data) if source.format == "html" else None
    text, warning = decode(data, declared)
    if warning:
        yield Problem(name, warning[0], warning[1])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        yield Problem(
            name, "contains only whitespace", "add the article's text or remove the file", True
        )
        return
    reader = {"txt": _read_text, "md": _read_text, "html": _read_html}
    yield from reader[source.format](source, text)


def _too_big(name: str, size: int, max_bytes: int) -> Problem:
    return Problem(
        name,
        f"is {size:,} bytes, over the limit of {max_bytes:,} bytes",
        "split it into smaller files, or raise `max_bytes` in timeline.toml",
        skipped=True,
    )


def _binary_fix(kind: str) -> str:
    if "PDF" in kind:
        return FORMAT_HINTS[".pdf"]
    if "document" in kind:
        return FORMAT_HINTS[".docx"]
    return "remove it from the inputs, or save the article's text as .txt"


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head and not head.startswith(UNICODE_BOMS):
        if _utf16_without_bom(head):
            return None
        return "a binary file (it contains NUL bytes)"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for mostly-ASCII UTF-16 saved without a byte order mark."""
    sample = head[: len(head) // 2 * 2][:2048]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) == len(odd) and 0 not in even:
        return "utf-16-le"
    if even.count(0) == len(even) and 0 not in odd:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in WESTERN:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, tuple[str, str] | None]:
    """Bytes to text: UTF-8 if valid, else the declared or detected encoding, with a warning."""
    silence = "re-save it as UTF-8 to silence this"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return text, (f"is encoded as {encoding.upper()}; converted it to Unicode", silence)
    # ASCII saved as UTF-16 is valid UTF-8 too, with a NUL after every letter.
    guessed = _utf16_without_bom(data[:HEAD_BYTES])
    if guessed:
        text = data.decode(guessed, errors="replace")
        return text, (f"is encoded as {guessed.upper()}; converted it to Unicode", silence)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), None
        except (UnicodeDecodeError, LookupError):
            pass
    encoding = _detect(data)
    if encoding:
        text = data.decode(encoding, errors="replace")
        shown = "windows-1252" if encoding == "cp1252" else encoding
        message = f"is not valid UTF-8; read it as {shown} (detected) and converted it to Unicode"
        return text, (message, silence)
    text = data.decode("utf-8", errors="replace")
    count = text.count("\ufffd")
    message = (
        f"is not valid UTF-8 and its encoding could not be detected; "
        f"replaced {count:,} undecodable character{'s' if count != 1 else ''} with �"
    )
    return text, (message, "re-save it as UTF-8")


def _detect(data: bytes) -> str | None:
    """The encoding of non-UTF-8 bytes; windows-1252 first, the usual encoding of the web."""
    # charset-normalizer ranks decodings that read the same first, so short Western text
    # comes back as cp1250; asking about windows-1252 alone settles it whenever it fits.
    try:
        western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
        if western is not None:
            return "cp1252"
        best = charset_normalizer.from_bytes(data).best()
    except Exception as error:  # a detector failure must not stop the build
        log.debug("charset detection failed: %s", error)
        return None
    return best.encoding if best is not None else None


# --- readers ------------------------------------------------------------------------------


def _read_text(source: _Source, text: str) -> Iterator[Document | Problem]:
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


def _read_html(source: _Source, html: str) -> Iterator[Document | Problem]:
    """A saved web page: trafilatura finds the article's text, title and date."""
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


def _jsonl_lines(source: _Source, max_bytes: int) -> Iterator[tuple[int, str] | Problem]:
    """The numbered lines of a JSON Lines file, streamed, each decoded on its own."""
    name = source.name
    try:
        with open(source.path, "rb") as handle:
            kind = _binary_kind(handle.read(HEAD_BYTES))
            if kind:
                yield Problem(name, f"looks like {kind}, not text", _binary_fix(kind), True)
                return
            handle.seek(0)
            number = 0
            while raw := handle.readline(max_bytes + 1):
                number += 1
                if len(raw) > max_bytes:
                    size = len(raw)
                    while not raw.endswith(b"\n") and (raw := handle.readline(HEAD_BYTES)):
                        size += len(raw)  # skip the rest of the line without holding it
                    problem = _too_big(name, size, max_bytes)
                    yield dataclasses.replace(problem, message=f"line {number}: {problem.message}")
                    continue
                line, warning = decode(raw)
                if warning:
                    yield Problem(name, f"line {number}: {warning[0]}", warning[1])
                yield number, line.rstrip("\r\n")
    except OSError as error:
        yield _unreadable(name, error)


def _read_jsonl(
    source: _Source, lines: Iterable[tuple[int, str] | Problem]
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
    source: _Source, text: str, meta: Metadata, doc_id: str, where: str = ""
) -> Iterator[Document | Problem]:
    """The Document for `text`: metadata first, then what the page's own lines say."""
    text = separate_chrome(text)
    page = scan_page(text)
    title, title_from = meta.title, "metadata"
    if not title and source.format == "jsonl":
        # A collection's records often come without titles and their ids are database keys
        # ("H1N1/2009-04-27/1002"): name each by its first line, short enough for a badge.
        title, title_from = first_line_title(text, page.boilerplate), "text"
    elif not title and page.title:
        title, title_from = page.title, "text"
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
        boilerplate=page.boilerplate,
    )

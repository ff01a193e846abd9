"""Bytes to text: byte order marks, declared and detected charsets, and files that are not
text at all (a PDF or an image saved as .txt)."""

from __future__ import annotations

import codecs
import dataclasses
import logging
import os
import re
from collections.abc import Iterator

import charset_normalizer

from timeline.ingest.walk import FORMAT_HINTS, Source, unreadable
from timeline.records import Problem

log = logging.getLogger(__name__)

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


def file_text(source: Source, max_bytes: int) -> Iterator[Problem | str]:
    """A Problem per failure, then the file's text (line ends made \\n) if it has any."""
    name = source.name
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
        yield unreadable(name, error)
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
    yield text


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


def jsonl_lines(source: Source, max_bytes: int) -> Iterator[tuple[int, str] | Problem]:
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
        yield unreadable(name, error)


# Half of a character (a lone UTF-16 surrogate, as a JSON or YAML escape "\ud83d" can give)
# cannot be written out as UTF-8, and NUL stops C libraries: both become U+FFFD.
_BROKEN = re.compile("[\x00\ud800-\udfff]")


def scrub(text: str) -> tuple[str, int]:
    """`text` with lone surrogates and NULs replaced by U+FFFD, and how many there were."""
    return _BROKEN.subn("\ufffd", text)

"""Finding the input files: walk folders in sorted order, classify each file by format, give
each document its id, and report links, loops and unreadable entries as `Problem`s."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from timeline.config import SITE_MANIFEST
from timeline.records import Problem

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


# Said of every link left alone; the command line names these even when told to be quiet.
NOT_FOLLOWED = "not followed, so nothing it points to is published"


@dataclass(frozen=True)
class Source:
    """One input file: where it is, the name the user knows it by, and its document id."""

    path: Path
    name: str  # Document.path: the input as the user named it joined with the relative path
    id: str
    format: str


def unique_id(wanted: str, used: dict[str, str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, ... whichever is not yet in `used`."""
    if wanted not in used:
        return wanted
    number = 2
    while f"{wanted}-{number}" in used:
        number += 1
    return f"{wanted}-{number}"


def walk(
    root: Path, *, follow_links: bool = False, quiet: frozenset[str] = frozenset()
) -> Iterator[Source | Problem]:
    """Every file under `root` (or `root` itself), sorted by path string, hidden ones left out.

    A link whose real path leaves `root`, or reaches a hidden file inside it, is not followed
    unless `follow_links`: a link to /etc/passwd or a repository's .git/config must never be
    published. A folder holding a site this tool wrote is left out (reported unless its real
    path is in `quiet`: the build's own output folder).
    """
    name = root.as_posix()
    try:
        is_dir = root.is_dir()
    except OSError as error:  # a symlink loop named directly
        yield unreadable(name, error)
        return
    if not is_dir:
        yield from _classify(root, name, root.stem)
        return
    files: list[tuple[str, Path]] = []
    problems: list[tuple[str, Problem]] = []
    top = os.path.realpath(root)
    visited = {top}
    pending = [(root, PurePosixPath())]
    while pending:
        folder, rel = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            problems.append((rel.as_posix(), unreadable((root / rel).as_posix(), error)))
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
                continue
            child = rel / entry.name
            shown = (root / child).as_posix()
            if not follow_links and entry.is_symlink():
                outside = _leaves(entry.path, top)
                if outside:
                    problems.append((child.as_posix(), _outside_link(shown, entry.path, outside)))
                    continue
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError as error:
                problems.append((child.as_posix(), unreadable(shown, error)))
                continue
            if not is_dir:
                files.append((child.as_posix(), Path(entry.path)))
                continue
            real = os.path.realpath(entry.path)
            if real in visited:
                problems.append((child.as_posix(), _repeated_folder(root / child)))
                continue
            visited.add(real)
            if os.path.isfile(os.path.join(entry.path, SITE_MANIFEST)):
                if real not in quiet:
                    problems.append((child.as_posix(), _site_folder(shown)))
                continue
            pending.append((Path(entry.path), child))
    found = False
    items: list[tuple[str, Source | Problem]] = list(problems)
    for rel_name, path in files:
        for item in _classify(path, (root / rel_name).as_posix(), _strip_suffix(rel_name)):
            found = found or isinstance(item, Source)
            items.append((rel_name, item))
    items.sort(key=lambda pair: pair[0])
    for _, item in items:
        yield item
    if not found:
        yield Problem(name, f"no articles found in {name}", f"add {FORMAT_LIST} files")


def _leaves(link: str, top: str) -> str | None:
    """How the real path of `link` leaves the input folder `top`, or None when it stays."""
    real = os.path.realpath(link)
    try:
        inside = os.path.commonpath([real, top]) == top
    except ValueError:  # another drive
        inside = False
    if not inside:
        return "outside the input folder"
    if any(part.startswith(".") for part in PurePosixPath(os.path.relpath(real, top)).parts):
        return "to a hidden file or folder"
    return None


def _outside_link(shown: str, link: str, how: str) -> Problem:
    try:
        target = os.readlink(link)
    except OSError:
        target = os.path.realpath(link)
    return Problem(
        shown,
        f"is a link {how} ({target}); {NOT_FOLLOWED}",
        "copy the article into the input folder, or set `follow_links = true` in timeline.toml",
        skipped=True,
    )


def _site_folder(shown: str) -> Problem:
    return Problem(
        shown,
        "is a site built by timeline, not articles; left out",
        "move the site out of the input folder, or build into another folder with -o",
        skipped=True,
    )


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


def _classify(path: Path, name: str, doc_id: str) -> Iterator[Source | Problem]:
    """A readable article file becomes a Source; anything else a skipped Problem."""
    try:
        info = path.stat()
    except OSError as error:
        yield unreadable(name, error)
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
        yield Source(path, name, doc_id, fmt)


def unreadable(name: str, error: OSError) -> Problem:
    """The Problem for a file or folder the system would not let us read."""
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

"""The names input files are published under: never the folders of the machine that built them.

A document's `path` is the input as the user named it, which is what the terminal should show
("/home/me/articles/a.txt" can be opened from there). The published site, report and exports
show the same file relative to the input folder's parent instead ("articles/a.txt"): the
builder's home folder, user name and folder layout are nobody's business, and a site built
from the same inputs in another clone is the same site.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from timeline.records import Timeline


def published_root(root: Path) -> str:
    """How an input is named in what is published: as given when that is a path below the
    current folder ("seeds"), else by its own name ("/home/me/articles" -> "articles")."""
    if not root.is_absolute() and ".." not in root.parts:
        return root.as_posix()
    # abspath, not resolve: the name the user gave, not the target of a link.
    return PurePosixPath(Path(os.path.abspath(root)).as_posix()).name or "input"


def published_paths(timeline: Timeline, inputs: Iterable[Path]) -> Timeline:
    """The timeline with every document and problem path relative to its input's parent."""
    renames = {
        root.as_posix(): published_root(root)
        for root in inputs
        if root.as_posix() != published_root(root)
    }
    if not renames:
        return timeline
    # The longest first, so that an input inside another input keeps its own name.
    prefixes = sorted(renames, key=len, reverse=True)

    def rename(path: str) -> str:
        for prefix in prefixes:
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                return renames[prefix] + path[len(prefix.rstrip("/")) :]
        return path

    def reword(message: str) -> str:
        for prefix in prefixes:
            message = message.replace(prefix, renames[prefix])
        return message

    return dataclasses.replace(
        timeline,
        documents=tuple(dataclasses.replace(d, path=rename(d.path)) for d in timeline.documents),
        problems=tuple(
            dataclasses.replace(p, path=rename(p.path), message=reword(p.message))
            for p in timeline.problems
        ),
    )

"""Writing the site atomically: render into a folder beside the output, then swap it in.

A build that fails or is interrupted leaves the previous site as it was, and only a folder
that is provably a site this tool wrote is ever replaced.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from timeline.config import Config
from timeline.errors import BuildError
from timeline.records import Timeline
from timeline.render.pages import render_site

# What marks a folder as a site this tool wrote, and so as safe to replace.
SITE_MARKER = "timeline.json"


def write_site(timeline: Timeline, config: Config) -> None:
    """Render into a temporary folder beside the output, then swap it into place."""
    out = config.output.resolve()
    if out.exists() and not _replaceable(out):
        raise BuildError(
            f"{config.output} exists and is not a site built by timeline; "
            "choose another output folder with -o, or empty it first"
        )
    for document_input in config.inputs:
        source = document_input.resolve()
        if out == source or source.is_relative_to(out):
            raise BuildError(
                f"output folder {config.output} would replace the input {document_input}; "
                "choose another output folder with -o"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        render_site(timeline, staging, config)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _replaceable(out: Path) -> bool:
    return out.is_dir() and ((out / SITE_MARKER).is_file() or not any(out.iterdir()))


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; the old site is removed only once the new one is in place."""
    staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    if not out.exists():
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)

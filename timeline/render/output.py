"""Writing the site atomically: render into a folder beside the output, then swap it in.

A build that fails or is interrupted leaves the previous site as it was. Only a folder that is
provably a site this tool wrote is ever replaced: every site carries a manifest naming each
file written and its SHA-256, and a folder is replaced only when it holds exactly those files,
unchanged. Anything else (the user's notes, a file added to an old site, a site of an older
version without a manifest) is refused with a message, never deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import traceback
from pathlib import Path

import jinja2

from timeline.config import SITE_MANIFEST, Config
from timeline.errors import BuildError
from timeline.records import Timeline
from timeline.render.pages import render_site

# The file that marks a folder as a site this tool wrote, and names what it wrote.
MANIFEST = SITE_MANIFEST
# Inside a staging folder from the moment it is made: a killed build's leftover is ours.
STAGING_MARKER = ".timeline-staging"
_MANIFEST_KIND = "timeline site"
_SHOWN = 3  # files named in a refusal


def check_output(config: Config) -> Path:
    """The resolved output folder, once it is known to be safe to write; else a BuildError."""
    out = config.output.resolve()
    for document_input in config.inputs:
        source = document_input.resolve()
        if out == source or source.is_relative_to(out):
            raise BuildError(
                f"output folder {config.output} would replace the input {document_input}; "
                "choose another output folder with -o"
            )
    if os.path.lexists(out):
        refusal = replace_refusal(out)
        if refusal:
            raise BuildError(f"{config.output} {refusal}")
    return out


def write_site(timeline: Timeline, config: Config) -> None:
    """Render into a temporary folder beside the output, then swap it into place."""
    out = check_output(config)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        (staging / STAGING_MARKER).touch()
    except OSError as error:
        raise BuildError(
            f"cannot write the output folder {config.output} "
            f"({error.strerror or error}); choose a folder you can write to with -o"
        ) from None
    try:
        _render(timeline, staging, config)
        (staging / STAGING_MARKER).unlink()
        write_manifest(staging)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _render(timeline: Timeline, staging: Path, config: Config) -> None:
    """render_site, with a template error said in one line that names the template."""
    try:
        render_site(timeline, staging, config)
    except jinja2.TemplateError as error:
        raise BuildError(_template_problem(error, config)) from None
    except OSError as error:
        raise BuildError(
            f"cannot write the site into {staging.parent} ({error.strerror or error}); "
            "check the free space and that you are allowed to write there"
        ) from None


def _template_problem(error: jinja2.TemplateError, config: Config) -> str:
    """Which template is broken, where, and what to do about it."""
    where = ""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        where = f"{error.filename}, line {error.lineno}: "
    else:  # undefined names surface at render: the template's frame is in the traceback
        for frame, line in traceback.walk_tb(error.__traceback__):
            filename = frame.f_code.co_filename
            if filename.endswith((".html", ".xml", ".txt", ".css", ".js")):
                where = f"{filename}, line {line}: "
    detail = " ".join(str(error.message or error).split())
    if isinstance(error, jinja2.TemplateNotFound):
        detail = f"template {detail!r} not found"
    ours = f" in {config.templates}" if config.templates is not None else ""
    return (
        f"template error: {where}{detail}; fix the template{ours}, or remove it to use "
        "the built-in one; nothing was written"
    )


# ------------------------------------------------------------------ what is ours


def write_manifest(site: Path) -> None:
    """Name every file of `site` with its SHA-256, so a later build knows what it may replace."""
    files = {
        path.relative_to(site).as_posix(): _digest(path)
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    data = {"kind": _MANIFEST_KIND, "files": files}
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (site / MANIFEST).write_text(text, encoding="utf-8")


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def is_site(folder: Path) -> bool:
    """Whether `folder` carries our manifest (it may still hold files we did not write)."""
    return _manifest(folder) is not None


def _manifest(folder: Path) -> dict[str, str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("kind") != _MANIFEST_KIND:
        return None
    files = data.get("files")
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return None
    return files


def replace_refusal(out: Path) -> str | None:
    """Why `out` must not be replaced (ending in what to do), or None when it is safe to."""
    fix = "choose another output folder with -o"
    if out.is_symlink() or not out.is_dir():
        return f"exists and is not a folder; {fix}"
    try:
        entries = sorted(out.rglob("*"))
    except OSError as error:
        return f"cannot be read ({error.strerror or error}); {fix}"
    if not entries:
        return None
    written = _manifest(out)
    if written is None:
        old = (
            " (it looks like a site of an older timeline)"
            if (out / "timeline.json").exists()
            else ""
        )
        return (
            f"exists and is not a site built by timeline{old}: it has no {MANIFEST} naming the "
            f"files timeline wrote, so nothing in it is replaced; {fix}, or empty it yourself"
        )
    foreign, changed = [], []
    parents = {parent.as_posix() for name in written for parent in Path(name).parents}
    for path in entries:
        name = path.relative_to(out).as_posix()
        if name == MANIFEST:
            continue
        if path.is_dir() and not path.is_symlink():
            if name not in parents:
                foreign.append(name + "/")
        elif name not in written or path.is_symlink() or not path.is_file():
            foreign.append(name)
        elif _digest(path) != written[name]:
            changed.append(name)
    if foreign:
        return (
            f"holds files timeline did not write ({_names(foreign)}); move them out of the "
            f"site folder, or {fix}: timeline never deletes what it did not write"
        )
    if changed:
        return (
            f"holds files changed since timeline wrote them ({_names(changed)}); move them out "
            f"of the site folder, or {fix}: a rebuild would lose the changes"
        )
    return None


def _names(names: list[str]) -> str:
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return ", ".join(names[:_SHOWN]) + more


def clean_leftovers(out: Path) -> None:
    """Remove the staging and old-site folders a killed build left beside `out`, if ours."""
    for folder in sorted(out.parent.glob(f".{out.name}.new-*")):
        if folder.is_symlink() or not folder.is_dir():
            continue
        if (folder / STAGING_MARKER).is_file():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # killed before its marker: removed if empty
                folder.rmdir()
    for folder in sorted(out.parent.glob(f".{out.name}.old-*")):
        if folder.is_dir() and not folder.is_symlink() and replace_refusal(folder) is None:
            shutil.rmtree(folder, ignore_errors=True)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; the old site is removed only once the new one is in place."""
    staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    if not os.path.lexists(out):
        staging.rename(out)
        return
    refusal = replace_refusal(out)  # again: the user may have added a file while we rendered
    if refusal:
        raise BuildError(f"{out} {refusal}")
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)

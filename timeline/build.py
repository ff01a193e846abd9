"""The build: ingest -> NLP -> tag times -> extract events -> merge -> render.

Everything is gathered before anything is written: the site goes into a temporary folder
beside the output and is swapped in at the end, so a build that fails or is interrupted
leaves the previous site as it was.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.cache import Cache, DocumentResult
from timeline.config import Config
from timeline.errors import BuildError
from timeline.events import extract_events
from timeline.ingest import read_inputs
from timeline.merge import merge_events
from timeline.nlp import load_model
from timeline.records import Document, Problem, Timeline
from timeline.render import render_site
from timeline.timex import tag

log = logging.getLogger(__name__)

# What marks a folder as a site this tool wrote, and so as safe to replace.
SITE_MARKER = "timeline.json"


@dataclass
class BuildReport:
    """What the build did, for the one-line summary and for tests."""

    documents: int = 0
    skipped: int = 0
    undated: int = 0
    expressions: int = 0
    entries: int = 0
    parsed: int = 0  # documents that went through spaCy (the rest came from the cache)
    problems: list[Problem] = field(default_factory=list)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]

    def summary(self, output: Path | None) -> str:
        written = f" to {output}" if output is not None else ""
        return (
            f"{self.documents} documents read, {self.skipped} skipped, {self.undated} undated; "
            f"{self.expressions} time expressions; {self.entries} entries written{written}; "
            f"{len(self.warnings)} warnings"
        )


def build(
    config: Config,
    *,
    today: date | None = None,
    progress: Callable[[Iterable[Document], int], Iterator[Document]] | None = None,
    write: bool = True,
) -> tuple[Timeline, BuildReport]:
    """Build the timeline for `config` and, unless `write` is false, write the site."""
    report = BuildReport()
    documents = _read(config, today, report)
    results = _analyse(documents, config, report, progress)
    events = [event for result in results for event in result.events]
    entries = merge_events(events, max_entries=config.max_entries)
    report.entries = len(entries)
    timeline = Timeline(
        title=config.title,
        documents=tuple(documents),
        entries=tuple(entries),
        expressions={doc.id: result.expressions for doc, result in zip(documents, results)},
        problems=tuple(report.problems),
    )
    if write:
        write_site(timeline, config)
    return timeline, report


def _read(config: Config, today: date | None, report: BuildReport) -> list[Document]:
    if not config.inputs:
        raise BuildError("no inputs: name files or folders, or set `inputs` in timeline.toml")
    documents = []
    for item in read_inputs(config.inputs, max_bytes=config.max_bytes):
        if isinstance(item, Problem):
            report.problems.append(item)
            report.skipped += item.skipped
            continue
        if today is not None and item.published is not None and item.published > today:
            report.problems.append(
                Problem(
                    item.path,
                    f"publication date {item.published.isoformat()} is in the future",
                    "fix the `date:` in its metadata; the article is treated as undated",
                )
            )
            item = _undated(item)
        documents.append(item)
    report.documents = len(documents)
    report.undated = sum(doc.published is None for doc in documents)
    return documents


def _undated(document: Document) -> Document:
    from dataclasses import replace

    return replace(document, published=None, published_from=None, published_text=None)


def _analyse(
    documents: list[Document],
    config: Config,
    report: BuildReport,
    progress: Callable[[Iterable[Document], int], Iterator[Document]] | None,
) -> list[DocumentResult]:
    """Tag and extract every document, taking unchanged ones from the cache."""
    nlp = load_model()
    cache = Cache(config.cache, nlp) if config.cache is not None else None
    results: dict[str, DocumentResult] = {}
    missing = []
    for document in documents:
        cached = cache.get(document) if cache else None
        if cached is None:
            missing.append(document)
        else:
            results[document.id] = cached
    report.parsed = len(missing)
    stream: Iterable[Document] = missing
    if progress is not None:
        stream = progress(missing, len(missing))
    processes = min(config.workers, max(1, len(missing) // 4))
    pairs = nlp.pipe(((doc.text, doc) for doc in stream), as_tuples=True, n_process=processes)
    for spacy_doc, document in pairs:
        expressions = tuple(tag(spacy_doc, document.published))
        events = tuple(extract_events(document, spacy_doc, expressions))
        result = DocumentResult(expressions, events)
        if cache:
            cache.put(document, result)
        results[document.id] = result
    ordered = [results[doc.id] for doc in documents]
    report.expressions = sum(len(result.expressions) for result in ordered)
    return ordered


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


def progress_bar(stream: Iterable[Document], total: int) -> Iterator[Document]:
    """Show a progress bar on stderr when it is a terminal."""
    from tqdm import tqdm

    disable = not sys.stderr.isatty() or total < 2
    yield from tqdm(stream, total=total, unit="doc", disable=disable, file=sys.stderr, leave=False)

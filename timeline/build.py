"""The build: ingest -> NLP -> tag times -> extract events -> merge -> render.

Everything is gathered before anything is written: the site goes into a temporary folder
beside the output and is swapped in at the end, so a build that fails or is interrupted
leaves the previous site as it was.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from spacy.util import minibatch

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
    seconds: dict[str, float] = field(default_factory=dict)  # time spent in each stage

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]

    def summary(self, output: Path | None) -> str:
        written = f" to {output}" if output is not None else ""
        return (
            f"{self.documents} documents read, {self.skipped} skipped, {self.undated} undated; "
            f"{self.expressions} time expressions; {self.entries} entries written{written}; "
            f"{len(self.warnings)} warnings; "
            f"{self.parsed} parsed, {self.documents - self.parsed} from the cache"
        )

    def timings(self) -> str:
        return "timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in self.seconds.items())


def build(
    config: Config,
    *,
    today: date | None = None,
    progress: Callable[[Iterable[Document], int], Iterator[Document]] | None = None,
    write: bool = True,
) -> tuple[Timeline, BuildReport]:
    """Build the timeline for `config` and, unless `write` is false, write the site."""
    report = BuildReport()
    with _frozen_heap():
        with _timed(report.seconds, "read"):
            documents = _read(config, today, report)
        if write:
            _check_publishable(config, documents, report)
        with _timed(report.seconds, "analyse"):
            results = _analyse(documents, config, report, progress)
        gc.collect()  # what parsing left behind goes now; the records live to the end
        gc.freeze()
        with _timed(report.seconds, "merge"):
            events = [event for result in results for event in result.events]
            entries = merge_events(events, max_entries=config.max_entries)
        report.entries = len(entries)
        timeline = Timeline(
            title=config.title,
            documents=tuple(documents),
            entries=tuple(entries),
            expressions={doc.id: r.expressions for doc, r in zip(documents, results, strict=True)},
            problems=tuple(report.problems),
        )
        if write:
            with _timed(report.seconds, "render"):
                write_site(timeline, config)
    return timeline, report


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep long-lived objects (the modules, then the records) out of the cycle collector's
    passes during a build: scanning them over and over again took a tenth of a rebuild of a
    few hundred articles. Everything frozen is handed back to the collector at the end."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _timed(totals: dict[str, float], stage: str) -> Iterator[None]:
    """Add the time spent in the `with` block to `totals[stage]`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        totals[stage] = totals.get(stage, 0.0) + time.perf_counter() - start


def _read(config: Config, today: date | None, report: BuildReport) -> list[Document]:
    if not config.inputs:
        raise BuildError("no inputs: name files or folders, or set `inputs` in timeline.toml")
    documents = []
    # Sorted, so that the order inputs are named in never changes the output.
    for item in read_inputs(sorted(config.inputs), max_bytes=config.max_bytes):
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


def _check_publishable(config: Config, documents: list[Document], report: BuildReport) -> None:
    """Refuse to write a site with no articles, or, with --strict, from inputs with problems."""
    listing = "".join(f"\n  {problem}" for problem in report.problems)
    if not documents:
        names = ", ".join(str(path) for path in sorted(config.inputs))
        raise BuildError(
            f"no articles could be read from {names}; timeline reads .txt, .md, .html and "
            f".jsonl files (see README, 'Input formats'); nothing was written{listing}"
        )
    if config.strict and report.problems:
        raise BuildError(
            f"--strict: {len(report.problems)} input problems; fix them or build without "
            f"--strict; nothing was written{listing}"
        )


def _undated(document: Document) -> Document:
    return replace(document, published=None, published_from=None, published_text=None)


def _analyse(
    documents: list[Document],
    config: Config,
    report: BuildReport,
    progress: Callable[[Iterable[Document], int], Iterator[Document]] | None,
) -> list[DocumentResult]:
    """Tag and extract every document, taking unchanged ones from the cache."""
    cache = Cache(config.cache) if config.cache is not None else None
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
    # No more workers than there are batches: a rebuild that parses one article starts none.
    processes = min(config.workers, -(-len(missing) // _BATCH))
    for document, result in analyse_documents(stream, processes):
        if cache:
            cache.put(document, result)  # stored as it comes, so an interrupted build keeps it
        results[document.id] = result
    ordered = [results[doc.id] for doc in documents]
    report.expressions = sum(len(result.expressions) for result in ordered)
    return ordered


def analyse_documents(
    documents: Iterable[Document], processes: int
) -> Iterator[tuple[Document, DocumentResult]]:
    """Parse, tag and extract documents, in order, over `processes` worker processes.

    Each worker loads the model once and sends back only the small records, never spaCy
    Docs, so the parent does little more than collect them.
    """
    batches = list(minibatch(documents, _BATCH))
    if processes <= 1:
        yield from (p for batch in batches for p in zip(batch, _analyse_batch(batch), strict=True))
        return
    load_model()  # once, before the workers start, so that forked workers share it
    context = multiprocessing.get_context()
    with context.Pool(processes) as pool:
        for batch, results in zip(batches, pool.imap(_analyse_batch, batches), strict=True):
            yield from zip(batch, results, strict=True)


_BATCH = 8  # documents a worker takes at a time: small enough to keep both cores busy


def _analyse_batch(batch: list[Document]) -> list[DocumentResult]:
    nlp = load_model()
    results = []
    for document, doc in zip(batch, nlp.pipe(d.text for d in batch), strict=True):
        expressions = tuple(tag(doc, document.published))
        events = tuple(extract_events(document, doc, expressions))
        results.append(DocumentResult(expressions, events))
    return results


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

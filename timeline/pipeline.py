"""The build, as a table of contents: read -> analyse -> date -> merge -> render.

`analyse` (timeline.analysis) is the NLP stage for one document: tag its time expressions,
then extract the events they date. Everything is gathered before anything is written (see
`timeline.render.output`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from timeline.analysis import analyse  # re-exported: `timeline.pipeline.analyse`
from timeline.cache import Cache
from timeline.config import Config
from timeline.dating import date_documents
from timeline.errors import BuildError
from timeline.ingest import analysed, read_inputs
from timeline.merge import merge_events
from timeline.nlp import preload
from timeline.parallel import BATCH, analyse_documents
from timeline.records import Document, DocumentResult, Problem, Timeline
from timeline.render import check_output, write_site

Progress = Callable[[Iterable[Document], int], Iterator[Document]]


@dataclass
class BuildReport:
    """What the build did, for the one-line summary and for tests."""

    documents: int = 0
    skipped: int = 0
    undated: int = 0
    expressions: int = 0
    entries: int = 0
    parsed: int = 0  # documents that went through spaCy (the rest came from the cache)
    foreign: int = 0  # documents in a language not analysed (see `languages`)
    inferred: int = 0  # undated documents given a publication date by dating
    contested: int = 0  # documents whose own date contradicts the other sources
    dates: list[str] = field(default_factory=list)  # one line per inferred or contested date
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time spent in each stage
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of this process in each

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]

    def summary(self, output: Path | None) -> str:
        written = f" to {output}" if output is not None else ""
        return (
            f"{self.documents} documents read, {self.skipped} skipped, {self.undated} undated"
            f" ({self.inferred} dated by inference), {self.contested} with contested dates; "
            f"{self.expressions} time expressions; {self.entries} entries written{written}; "
            f"{len(self.warnings)} warnings; "
            f"{self.parsed} parsed, {self.documents - self.parsed - self.foreign} from the cache"
            + (f", {self.foreign} in other languages not analysed" if self.foreign else "")
        )

    def timings(self) -> str:
        return "timings: " + ", ".join(
            f"{k} {v:.2f} s ({self.cpu.get(k, 0.0):.2f} s CPU)" for k, v in self.seconds.items()
        )


def build(
    config: Config,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    write: bool = True,
) -> tuple[Timeline, BuildReport]:
    """Build the timeline for `config` and, unless `write` is false, write the site."""
    report = BuildReport()
    with _frozen_heap():
        with _timed(report, "read"):
            documents = read(config, today, report)
        if write:
            _check_publishable(config, documents, report)
            check_output(config)  # refused before the analysis, not after minutes of it
        with _timed(report, "analyse"):
            results = analyse_all(documents, config, report, progress)
        gc.collect()  # what parsing left behind goes now; the records live to the end
        gc.freeze()
        with _timed(report, "date"):
            dating = date_documents(
                documents,
                results,
                reanchor=config.reanchor,
                reanchor_metadata=config.reanchor_metadata,
            )
            documents, results = dating.documents, dating.results
        report.dates = list(dating.notes)
        report.inferred = sum(d.published_from == "inferred" for d in documents)
        report.contested = sum(d.date_conflict is not None for d in documents)
        with _timed(report, "merge"):
            events = [event for result in results for event in result.events]
            entries = merge_events(events, max_entries=config.max_entries, links=dating.links)
        report.entries = len(entries)
        timeline = Timeline(
            title=config.title,
            documents=tuple(documents),
            entries=tuple(entries),
            expressions={doc.id: r.expressions for doc, r in zip(documents, results, strict=True)},
            problems=tuple(report.problems),
        )
        if write:
            with _timed(report, "render"):
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
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    """Add the wall time and this process's CPU time spent in the `with` block to `stage`."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        report.seconds[stage] = report.seconds.get(stage, 0.0) + time.perf_counter() - start
        report.cpu[stage] = report.cpu.get(stage, 0.0) + time.process_time() - cpu


def read(config: Config, today: date | None, report: BuildReport) -> list[Document]:
    """Read every input into documents; problems go to the report."""
    if not config.inputs:
        raise BuildError("no inputs: name files or folders, or set `inputs` in timeline.toml")
    documents = []
    # Sorted, so that the order inputs are named in never changes the output.
    items = read_inputs(
        sorted(config.inputs),
        max_bytes=config.max_bytes,
        follow_links=config.follow_links,
        output=config.output,
        languages=config.languages,
    )
    for item in items:
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


def analyse_all(
    documents: list[Document],
    config: Config,
    report: BuildReport,
    progress: Progress | None = None,
) -> list[DocumentResult]:
    """Analyse every document, taking unchanged ones from the cache."""
    cache = Cache(config.cache) if config.cache is not None else None
    results: dict[str, DocumentResult] = {}
    stored: list[tuple[Document, str]] = []
    missing = []
    for document in documents:
        if not analysed(document, config.languages):  # reported by ingest; text still shown
            results[document.id] = DocumentResult((), ())
            report.foreign += 1
            continue
        key = cache.key(document) if cache else None
        if key is not None and cache.has(key):
            stored.append((document, key))
        else:
            missing.append(document)
    # The model loads while the cache is read; a build with nothing to parse never loads it.
    loading = preload() if missing and config.scheduler is None else None
    for document, key in stored:
        cached = cache.load(key, document.id)
        if cached is None:  # damaged: parsed again, in the order of the inputs
            missing.append(document)
        else:
            results[document.id] = cached
    if len(missing) > 1:
        order = {doc.id: index for index, doc in enumerate(documents)}
        missing.sort(key=lambda doc: order[doc.id])
    if loading is not None:
        loading.join()  # before any worker is forked: no thread may be mid-load then
    report.parsed = len(missing)
    stream: Iterable[Document] = missing
    if progress is not None:
        stream = progress(missing, len(missing))
    # No more workers than there are batches: a rebuild that parses one article starts none.
    processes = min(config.workers, -(-len(missing) // BATCH))
    pairs = analyse_documents(stream, analyse, processes, config.scheduler if missing else None)
    for document, result in pairs:
        if cache:
            cache.put(document, result)  # stored as it comes, so an interrupted build keeps it
        results[document.id] = result
    ordered = [results[doc.id] for doc in documents]
    report.expressions = sum(len(result.expressions) for result in ordered)
    return ordered

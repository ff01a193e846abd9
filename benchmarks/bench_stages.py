"""How the merge and render stages grow with the collection, without parsing it again.

Parses the corpus once (through the build's cache, kept in --cache), then times merging and
rendering its events replicated K times under new document ids, as a corpus of K copies would
give them, and prints wall and CPU seconds (CPU is the steadier figure on a shared machine)
and the process's peak memory after each size (sizes run smallest first, so each peak is
that size's own):

    python benchmarks/bench_stages.py ../shared/corpora/t17/egypt_cnn --copies 1 10 100
    python benchmarks/bench_stages.py ../shared/corpora/t17/egypt_cnn --copies 100 --no-render
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from timeline.config import Config
from timeline.merge import merge_events
from timeline.pipeline import build
from timeline.records import Timeline
from timeline.render import render_site


def _replicate(timeline: Timeline, copies: int) -> tuple[list, list, dict]:
    documents, events, expressions = [], [], {}
    originals = [e for entry in timeline.entries for e in entry.events]
    for copy in range(copies):
        for document in timeline.documents:
            new_id = f"{document.id}-{copy}"
            documents.append(replace(document, id=new_id))
            expressions[new_id] = timeline.expressions.get(document.id, ())
        events.extend(replace(e, document=f"{e.document}-{copy}") for e in originals)
    return documents, events, expressions


def _time_stages(timeline: Timeline, copies: int, config: Config, render: bool) -> None:
    documents, events, expressions = _replicate(timeline, copies)
    start, cpu = time.perf_counter(), time.process_time()
    entries = merge_events(events)
    merged, merged_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = _peak_mb()
    if not render:
        print(
            f"x{copies:<3} {len(documents):6,} documents {len(events):8,} events "
            f"{len(entries):6,} entries: merge {merged:7.2f} s ({merged_cpu:.2f} s CPU), "
            f"peak {peak:,.0f} MB"
        )
        return
    big = replace(
        timeline, documents=tuple(documents), entries=tuple(entries), expressions=expressions
    )
    out = Path(tempfile.mkdtemp(prefix="timeline-stages-"))
    try:
        start, cpu = time.perf_counter(), time.process_time()
        files = render_site(big, out, config)
        rendered, rendered_cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(
        f"x{copies:<3} {len(documents):6,} documents {len(events):8,} events "
        f"{len(entries):6,} entries: merge {merged:7.2f} s ({merged_cpu:.2f} s CPU), "
        f"render {rendered:7.2f} s ({rendered_cpu:.2f} s CPU, {len(files):,} files), "
        f"peak {_peak_mb():,.0f} MB"
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--no-render", action="store_true", help="time the merge only")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "tl-stages")
    args = parser.parse_args()
    corpus = args.corpus / "articles.jsonl" if args.corpus.is_dir() else args.corpus
    config = Config(inputs=(corpus,), cache=args.cache, title=corpus.parent.name)
    timeline, report = build(config, write=False)
    print(report.summary(None))
    print(f"after parsing: peak {_peak_mb():,.0f} MB")
    for copies in sorted(set(args.copies)):
        _time_stages(timeline, copies, config, not args.no_render)


if __name__ == "__main__":
    main()

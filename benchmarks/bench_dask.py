"""Throughput of the analysis on a Dask cluster with 1 and 2 workers (documents per second).

Starts a LocalCluster of N single-threaded worker processes (or uses --scheduler), loads the
model on each through the worker plugin before the clock starts, then analyses the corpus:

    python benchmarks/bench_dask.py ../shared/corpora/t17/egypt_cnn --workers 1 2 [--limit 80]

The per-worker rate is what the README's estimate for a million articles is built from.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timeline.distributed import connect
from timeline.ingest import read_inputs
from timeline.parallel import BATCH, analyse_batch
from timeline.pipeline import analyse
from timeline.records import Document


def _rate(documents: list[Document], scheduler: str) -> tuple[float, int]:
    from distributed import as_completed

    with connect(scheduler) as client:
        workers = len(client.scheduler_info()["workers"])
        batches = [documents[i : i + BATCH] for i in range(0, len(documents), BATCH)]
        start = time.perf_counter()
        futures = [client.submit(analyse_batch, b, analyse, pure=False) for b in batches]
        count = sum(len(future.result()) for future in as_completed(futures))
        seconds = time.perf_counter() - start
    assert count == len(documents)
    return len(documents) / seconds, workers


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--scheduler", help="an existing cluster instead of a LocalCluster")
    args = parser.parse_args()
    path = args.corpus / "articles.jsonl" if args.corpus.is_dir() else args.corpus
    documents = [d for d in read_inputs([path]) if isinstance(d, Document)]
    if args.limit:
        documents = documents[: args.limit]
    characters = sum(len(d.text) for d in documents)
    print(f"{len(documents)} documents, {characters:,} characters")
    schedulers = [args.scheduler] if args.scheduler else [f"local:{n}" for n in args.workers]
    for scheduler in schedulers:
        rate, workers = _rate(documents, scheduler)
        print(
            f"{scheduler}: {workers} workers, {rate:.2f} documents/s "
            f"({rate / workers:.2f} per worker, {rate * characters / len(documents):,.0f} chars/s)"
        )


if __name__ == "__main__":
    main()

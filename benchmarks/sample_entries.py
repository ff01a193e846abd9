"""A fixed random sample of key entries across Timeline17 topics, printed for judging by hand.

    T17=../shared/corpora/t17
    python benchmarks/sample_entries.py $T17/mj_bbc $T17/h1n1_guardian $T17/libya_cnn $T17/egypt_cnn

Each topic is built as `benchmarks/eval_t17.py` builds it (articles written with their dates as
front matter under --cache, NLP results cached there) and condensed to as many key entries as
its gold timeline has dates. From all key entries, sorted by topic and id, a seeded random
sample is drawn and printed with its id, date, headline, summary and source labels, so that a
journalist can judge each one: publishable headline, junk, false date. The same seed over the
same entries draws the same sample; after a change that alters which entries are key, re-run
and judge the new sample (the ids say which entries stayed).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from eval_t17 import _events

from timeline.ingest import read_inputs
from timeline.merge import merge_events
from timeline.records import Document, Entry

SEED = 17
SAMPLE = 60


def key_entries(topic: Path, cache: Path, processes: int) -> list[Entry]:
    """The topic's key entries: as many as its gold timeline has dates."""
    gold = {json.loads(line)["date"] for line in (topic / "timeline.jsonl").open()}
    _, events, _, _ = _events(topic, cache, processes)
    return merge_events(events, max_entries=len(gold))


def labels(topic: Path, cache: Path) -> dict[str, str]:
    """Each document's label as the site shows it: the outlet, else the title."""
    folder = cache / "articles" / topic.name
    documents = [d for d in read_inputs([folder]) if isinstance(d, Document)]
    return {d.id: (d.source or d.title or d.id).strip() for d in documents}


def draw(topics: dict[str, tuple[list[Entry], dict[str, str]]], size: int, seed: int) -> list[dict]:
    """The sample from each topic's (key entries, document labels): one record per entry."""
    pool: list[dict] = []
    for name, (entries, names) in sorted(topics.items()):
        for entry in sorted(entries, key=lambda e: e.id):
            pool.append(
                {
                    "id": f"{name}/{entry.id}",
                    "date": entry.date,
                    "status": entry.status,
                    "headline": entry.headline,
                    "summary": entry.summary,
                    "sources": sorted({names.get(d, d) for d in entry.documents}),
                    "phrase": entry.events[0].time.text,
                }
            )
    return random.Random(seed).sample(pool, min(size, len(pool)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "t17-cache")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--size", type=int, default=SAMPLE)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", action="store_true", help="one JSON record per line")
    args = parser.parse_args(argv)
    topics = {
        topic.name: (key_entries(topic, args.cache, args.processes), labels(topic, args.cache))
        for topic in args.topics
    }
    sample = draw(topics, args.size, args.seed)
    for number, item in enumerate(sample, start=1):
        if args.json:
            print(json.dumps(item, ensure_ascii=False))
            continue
        print(f"{number:2}. {item['id']}  {item['date']}  ({item['status']}; '{item['phrase']}')")
        print(f"    headline: {item['headline']}")
        print(f"    summary:  {item['summary']}")
        print(f"    sources:  {' | '.join(item['sources'][:4])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

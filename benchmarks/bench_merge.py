"""Merge cost on 1k to 10k events built from real sentences.

    python benchmarks/bench_merge.py ../shared/corpora/t17/egypt_cnn/articles.jsonl

Sentences come from the given articles.jsonl; each becomes an event with a date drawn over a
year (most on days, some on months and years, busy days busier, as in news), actors from
capitalised words (cheap, so the benchmark measures the merge and not a parser).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from timeline.merge import merge_events
from timeline.records import Event, TimeExpression

SIZES = (1000, 2000, 5000, 10000)


def _sentences(path: Path, limit: int) -> list[str]:
    out: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for sentence in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
                if 8 <= len(sentence.split()) <= 40:
                    out.append(sentence)
                    if len(out) >= limit:
                        return out
    return out


def _events(sentences: list[str], n: int, rng: random.Random) -> list[Event]:
    first = date(2011, 1, 1)
    busy = [first + timedelta(days=rng.randrange(365)) for _ in range(40)]
    events = []
    for k in range(n):
        sentence = sentences[k % len(sentences)]
        roll = rng.random()
        if roll < 0.1:
            value = "2011"
        elif roll < 0.2:
            value = f"2011-{rng.randrange(1, 13):02d}"
        else:
            day = (
                rng.choice(busy)
                if rng.random() < 0.5
                else first + timedelta(days=rng.randrange(365))
            )
            value = day.isoformat()
        names = re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", sentence)
        words = sentence.split()
        time_expression = TimeExpression(
            start=0,
            end=4,
            text="date",
            type="DATE",
            value=value,
            anchor="2011-12-31",
            anchor_from="dct",
        )
        events.append(
            Event(
                document=f"d{k // 12}",
                sentence=sentence,
                sentence_start=k * 1000,
                time=time_expression,
                headline=" ".join(words[:12]),
                predicate=words[min(2, len(words) - 1)].lower(),
                actors=tuple(names[:3]),
            )
        )
    return events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    args = parser.parse_args(argv)
    sentences = _sentences(args.articles, max(SIZES))
    rng = random.Random(17)
    for size in SIZES:
        events = _events(sentences, size, rng)
        started, cpu = time.perf_counter(), time.process_time()
        entries = merge_events(events)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{size:6d} events -> {len(entries):6d} entries  {seconds:7.2f} s "
            f"({cpu:.2f} s CPU)  {1e3 * seconds / size:6.3f} ms/event",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

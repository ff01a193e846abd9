"""Date F1 and ROUGE-1 of the condensed timeline on Timeline17 topics, against two baselines.

    python benchmarks/eval_t17.py ../shared/corpora/t17/mj_bbc [MORE_TOPIC_DIRS...]
    python benchmarks/eval_t17.py --loto ../shared/corpora/t17/{mj_bbc,h1n1_guardian,...}

Each topic folder holds `articles.jsonl` (id, title, date, text) and `timeline.jsonl` (date,
summary). The articles are written as text files with front matter into a folder under
--cache (outside the repository) and built with `timeline.pipeline.build`, whose NLP results are
cached there too, so a second run takes seconds. The build keeps as many entries as the gold
timeline has dates. Date F1 counts exact days, each once. Two baselines take N days: the days
on which most articles were published ("busiest"), and the days most sentences point at, as
our own tagger resolves them ("mentions": every time expression whose value is a day).
ROUGE-1 F1 is unigram overlap of lowercased tokens between each matched date's entry
(headline + summary) and the gold summary of that date, averaged over gold dates.

With --loto, every setting of GRID (the ranking `Weights`) is scored on every topic (the
events are grouped once per topic; only the ranking is redone), and each topic is scored with
the setting that does best on the other topics: leave-one-topic-out. The neighbours of the
default setting (one weight one step away) are scored too, to show the choice is not a spike.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from timeline.config import Config
from timeline.merge import Weights, merge_events
from timeline.merge.cluster import group_events, rank_groups
from timeline.pipeline import build

# The ranking weights searched by --loto, and the values tried for each: the default first,
# so that a tie keeps it. Few weights, each with a reason (see `timeline.merge.rank.Weights`).
GRID = {
    "same_day": (0.25, 0.5, 1.0),
    "far": (2.0, 1.0),
    "neighbour": (0.25, 0.0),
    "published": (0.01, 0.5),
    "spread": (0.25, 0.0, 0.5),
}


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _f1(predicted: set[str], gold: set[str]) -> float:
    hits = len(predicted & gold)
    if not hits:
        return 0.0
    precision, recall = hits / len(predicted), hits / len(gold)
    return 2 * precision * recall / (precision + recall)


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"[a-z0-9]+", text.lower()))


def _rouge1(candidate: str, reference: str) -> float:
    c, r = _tokens(candidate), _tokens(reference)
    overlap = sum((c & r).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * precision * recall / (precision + recall)


def _events(topic: Path, cache: Path, processes: int):
    """Every event of the topic, through the real build (NLP results cached per document).

    The articles are written under the cache folder at a fixed path: a document's path is
    part of its cache key, so a temporary folder would never hit the cache.
    """
    articles = [json.loads(line) for line in (topic / "articles.jsonl").open(encoding="utf-8")]
    folder = cache / "articles" / topic.name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for n, article in enumerate(articles):
        text = f"---\ndate: {article['date']}\n---\n{article['text']}"
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
    config = Config(inputs=(folder,), cache=cache / topic.name, processes=processes)
    timeline, report = build(config, write=False)
    events = [e for entry in timeline.entries for e in entry.events]
    return articles, events, timeline.expressions, report


def _top_days(counts: Counter[str], n: int) -> set[str]:
    return {d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]}


def baselines(articles: list[dict], expressions: dict, n: int) -> tuple[set[str], set[str]]:
    """The N busiest publication days, and the N days the most time expressions resolve to."""
    busiest = Counter(a["date"] for a in articles)
    mentions = Counter(
        x.value for found in expressions.values() for x in found if _DAY.fullmatch(x.value)
    )
    return _top_days(busiest, n), _top_days(mentions, n)


def _gold(topic: Path) -> list[dict]:
    return [json.loads(line) for line in (topic / "timeline.jsonl").open(encoding="utf-8")]


def _days(entries) -> set[str]:
    """A day or a time on a day; each day counted once."""
    return {e.start.isoformat() for e in entries if e.start == e.end}


def evaluate(topic: Path, cache: Path, processes: int) -> dict[str, float]:
    gold = _gold(topic)
    gold_dates = {g["date"] for g in gold}
    summaries: dict[str, list[str]] = {}
    for g in gold:
        summaries.setdefault(g["date"], []).append(g["summary"])
    started = time.perf_counter()
    articles, events, expressions, report = _events(topic, cache, processes)
    built = time.perf_counter() - started
    started = time.perf_counter()
    entries = merge_events(events, max_entries=len(gold_dates))
    merged = time.perf_counter() - started
    busiest, mentions = baselines(articles, expressions, len(gold_dates))
    rouge = [
        max(_rouge1(f"{e.headline}. {e.summary}", s) for s in summaries[e.start.isoformat()])
        for e in entries
        if e.start == e.end and e.start.isoformat() in gold_dates
    ]
    return {
        "date_f1": _f1(_days(entries), gold_dates),
        "baseline_f1": _f1(busiest, gold_dates),
        "mentions_f1": _f1(mentions, gold_dates),
        "rouge1": sum(rouge) / len(gold_dates),
        "events": len(events),
        "build_s": built,
        "merge_s": merged,
    }


def _settings() -> list[dict]:
    return [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]


def _neighbours(setting: dict) -> list[dict]:
    """Settings with one weight moved one step along its GRID values."""
    found = []
    for name, values in GRID.items():
        at = values.index(setting[name])
        for step in (-1, 1):
            if 0 <= at + step < len(values):
                found.append({**setting, name: values[at + step]})
    return found


def leave_one_topic_out(topics: list[Path], cache: Path, processes: int) -> None:
    """Score each topic with the GRID setting that does best on the other topics."""
    data = {}
    for topic in topics:
        gold = {g["date"] for g in _gold(topic)}
        data[topic] = (group_events(_events(topic, cache, processes)[1]), gold)

    def scores(setting: dict) -> dict[Path, float]:
        weights = replace(Weights(), **setting)
        return {
            t: _f1(_days(rank_groups(g, max_entries=len(gold), weights=weights)), gold)
            for t, (g, gold) in data.items()
        }

    table = [(setting, scores(setting)) for setting in _settings()]
    held = []
    for topic in topics:
        # Ties go to the setting listed first: the grid lists each weight's default first.
        setting, score = max(table, key=lambda row: sum(v for t, v in row[1].items() if t != topic))
        held.append(score[topic])
        print(
            f"{topic.name:16} held-out date F1 {score[topic]:.3f}  tuned on the others: {setting}"
        )
    print(f"{'LOTO mean':16} date F1 {sum(held) / len(held):.3f}")
    default = {name: getattr(Weights(), name) for name in GRID}
    for setting in [default, *_neighbours(default)]:
        row = scores(setting)
        changed = {k: v for k, v in setting.items() if v != default[k]} or "default"
        figures = "  ".join(f"{t.name} {v:.3f}" for t, v in row.items())
        print(f"{str(changed):34} {figures}  mean {sum(row.values()) / len(row):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "t17-cache")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--loto", action="store_true", help="leave-one-topic-out over the ranking weights"
    )
    args = parser.parse_args(argv)
    if args.loto:
        leave_one_topic_out(args.topics, args.cache, args.processes)
        return 0
    scores = []
    for topic in args.topics:
        result = evaluate(topic, args.cache, args.processes)
        scores.append(result)
        print(
            f"{topic.name:16} date F1 {result['date_f1']:.3f}  busiest-days baseline "
            f"{result['baseline_f1']:.3f}  mention-count baseline {result['mentions_f1']:.3f}  "
            f"ROUGE-1 {result['rouge1']:.3f}  ({result['events']} events; "
            f"build {result['build_s']:.1f} s, merge {result['merge_s']:.2f} s)",
            flush=True,
        )
    if len(scores) > 1:
        keys = ("date_f1", "baseline_f1", "mentions_f1", "rouge1")
        mean = {k: sum(s[k] for s in scores) / len(scores) for k in keys}
        print(
            f"{'mean':16} date F1 {mean['date_f1']:.3f}  busiest-days baseline "
            f"{mean['baseline_f1']:.3f}  mention-count baseline {mean['mentions_f1']:.3f}  "
            f"ROUGE-1 {mean['rouge1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

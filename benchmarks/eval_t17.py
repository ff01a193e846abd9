"""Date F1 and ROUGE-1 of the condensed timeline on Timeline17 topics.

    python benchmarks/eval_t17.py ../shared/corpora/t17/mj_bbc [MORE_TOPIC_DIRS...]

Each topic folder holds `articles.jsonl` (id, title, date, text) and `timeline.jsonl` (date,
summary). The articles are written as text files with front matter into a folder under
--cache (outside the repository) and built with `timeline.pipeline.build`, whose NLP results are
cached there too, so a second run takes seconds. The build keeps as many entries as the gold
timeline has dates. Date F1 counts exact days, each once; the baseline takes the N days on
which most articles were published.
ROUGE-1 F1 is unigram overlap of lowercased tokens between each matched date's entry
(headline + summary) and the gold summary of that date, averaged over gold dates.

With --tune TOPIC (repeatable), the date-ranking `Weights` of `timeline.merge` are grid-searched
on the named topics only and the best setting is reported on every topic, so that the scores
of the other topics are held out; run it once per held-out topic for leave-one-topic-out.
The search scores the day ranking alone (no clustering), a close proxy of the date F1 above.
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
from timeline.merge.items import collect
from timeline.merge.rank import reference_weights
from timeline.pipeline import build

# The date-ranking weights searched by --tune, and the values tried for each.
GRID = {
    "same_day": (0.25, 0.5, 1.0),
    "near_days": (3, 7),
    "far": (1.0, 2.0),
    "future": (0.25, 0.5, 1.0),
    "published": (0.0, 0.01, 0.5),
    "neighbour": (0.0, 0.1, 0.25, 0.5),
}


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
    return articles, events, report


def evaluate(topic: Path, cache: Path, processes: int) -> dict[str, float]:
    gold = [json.loads(line) for line in (topic / "timeline.jsonl").open(encoding="utf-8")]
    gold_dates = {g["date"] for g in gold}
    summaries: dict[str, list[str]] = {}
    for g in gold:
        summaries.setdefault(g["date"], []).append(g["summary"])
    started = time.perf_counter()
    articles, events, report = _events(topic, cache, processes)
    built = time.perf_counter() - started
    started = time.perf_counter()
    entries = merge_events(events, max_entries=len(gold_dates))
    merged = time.perf_counter() - started
    # A day or a time on a day; each day counted once.
    days = {e.start.isoformat() for e in entries if e.start == e.end}
    busiest = Counter(a["date"] for a in articles)
    baseline = {
        d for d, _ in sorted(busiest.items(), key=lambda kv: (-kv[1], kv[0]))[: len(gold_dates)]
    }
    rouge = [
        max(_rouge1(f"{e.headline}. {e.summary}", s) for s in summaries[e.start.isoformat()])
        for e in entries
        if e.start == e.end and e.start.isoformat() in gold_dates
    ]
    return {
        "date_f1": _f1(days, gold_dates),
        "baseline_f1": _f1(baseline, gold_dates),
        "rouge1": sum(rouge) / len(gold_dates),
        "events": len(events),
        "build_s": built,
        "merge_s": merged,
    }


def _day_ranking_f1(items, gold: set[str], weights: Weights) -> float:
    """Date F1 of the N days the merge's reference weights rank first (no clustering)."""
    ranked = reference_weights(items, weights)
    days = sorted(((-w, s[0]) for s, w in ranked.items() if s[0] == s[1]))[: len(gold)]
    return _f1({d.isoformat() for _, d in days}, gold)


def tune(topics: list[Path], tuned: list[Path], cache: Path, processes: int) -> dict:
    """The grid setting with the best summed date F1 on the `tuned` topics, and its scores."""
    data = {}
    for topic in topics:
        gold = {json.loads(line)["date"] for line in (topic / "timeline.jsonl").open()}
        data[topic] = (collect(_events(topic, cache, processes)[1]), gold)
    best: tuple[float, dict, dict] | None = None
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values, strict=True))
        weights = replace(Weights(), **setting)
        scores = {t: _day_ranking_f1(items, gold, weights) for t, (items, gold) in data.items()}
        total = sum(scores[t] for t in tuned)
        if best is None or total > best[0]:
            best = (total, setting, scores)
    assert best is not None
    return {"setting": best[1], "scores": best[2]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "t17-cache")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--tune",
        type=Path,
        action="append",
        default=[],
        help="grid-search the date weights on this topic (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.tune:
        topics = list(dict.fromkeys([*args.tune, *args.topics]))
        found = tune(topics, args.tune, args.cache, args.processes)
        print("tuned on", ", ".join(t.name for t in args.tune), "->", found["setting"])
        for topic, score in found["scores"].items():
            held = "tuned" if topic in args.tune else "held out"
            print(f"{topic.name:16} day-ranking date F1 {score:.3f}  ({held})")
        return 0
    scores = []
    for topic in args.topics:
        result = evaluate(topic, args.cache, args.processes)
        scores.append(result)
        print(
            f"{topic.name:16} date F1 {result['date_f1']:.3f}  busiest-days baseline "
            f"{result['baseline_f1']:.3f}  ROUGE-1 {result['rouge1']:.3f}  "
            f"({result['events']} events; build {result['build_s']:.1f} s, "
            f"merge {result['merge_s']:.2f} s)",
            flush=True,
        )
    if len(scores) > 1:
        mean = {
            k: sum(s[k] for s in scores) / len(scores) for k in ("date_f1", "baseline_f1", "rouge1")
        }
        print(
            f"{'mean':16} date F1 {mean['date_f1']:.3f}  busiest-days baseline "
            f"{mean['baseline_f1']:.3f}  ROUGE-1 {mean['rouge1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

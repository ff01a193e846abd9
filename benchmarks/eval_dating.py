"""How well dating infers missing publication dates and catches late date lines (issue 12).

Protocol, on a Timeline17 topic: 30% of the articles, picked by a hash of their id, lose their
`date`; another 10% lose it too but start with a date line 10 to 39 days after the true one
("October 3, 2022"); the rest are kept. The topic is built with every true date and with the
altered collection, and the two builds are compared:

- coverage: share of date-removed articles that get a date; of those, the share whose every
  day is within one day of the truth, and the share more than three days off;
- mentions: of the date-removed articles' mentions the true-date build dates, the share with
  the same value, with another value (misdated) and lost;
- republished: share of late-date-line articles flagged with a suggestion within one day of
  the truth; false alarms: share of untouched articles flagged.

    python benchmarks/eval_dating.py ../shared/corpora/t17/h1n1_guardian [more topics...]

Both builds use the build cache (`--cache`), so a second run parses only what changed.
Targets: coverage >= 0.8, within one day >= 0.9, misdated <= 2%, flagged >= 0.7, false
alarms <= 2%.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import timeline.pipeline
from timeline.config import Config
from timeline.dating import date_documents
from timeline.pipeline import build
from timeline.records import Timeline

REMOVED = 30  # percent of the articles whose date is removed
LATE = 10  # percent more whose date is removed and a late date line prepended
LATE_DAYS = (10, 39)


@dataclass(frozen=True)
class Altered:
    """Which articles the protocol changed, and their true dates."""

    removed: dict[str, date]
    late: dict[str, date]
    kept: set[str]


def bucket(doc_id: str, salt: str = "") -> int:
    """0-99 from a hash of the id: the same articles are picked on every run."""
    return int(hashlib.sha256(f"{salt}{doc_id}".encode()).hexdigest(), 16) % 100


def date_line(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def alter(articles: list[dict]) -> tuple[list[dict], Altered]:
    """The altered collection, as the protocol says, and what was changed."""
    removed: dict[str, date] = {}
    late: dict[str, date] = {}
    kept: set[str] = set()
    out = []
    for article in articles:
        doc_id, truth = str(article["id"]), date.fromisoformat(article["date"][:10])
        share = bucket(doc_id)
        changed = dict(article)
        if share < REMOVED:
            changed.pop("date")
            removed[doc_id] = truth
        elif share < REMOVED + LATE:
            changed.pop("date")
            span = LATE_DAYS[1] - LATE_DAYS[0] + 1
            shown = truth + timedelta(days=LATE_DAYS[0] + bucket(doc_id, "late") % span)
            changed["text"] = f"{date_line(shown)}\n\n{article['text']}"
            late[doc_id] = truth
        else:
            kept.add(doc_id)
        out.append(changed)
    return out, Altered(removed, late, kept)


def mentions(timeline: Timeline, ids: set[str]) -> dict[tuple[str, int], str]:
    """(document, offset of the phrase) -> the value the timeline gives it, for `ids`."""
    return {
        (event.document, event.time.start): event.time.value
        for entry in timeline.entries
        for event in entry.events
        if event.document in ids
    }


def compare(true: Timeline, altered: Timeline, changes: Altered) -> dict[str, float]:
    """The protocol's figures for one topic."""
    docs = {d.id: d for d in altered.documents}
    dated = [i for i in changes.removed if docs[i].published is not None]
    near = far = 0
    for doc_id in dated:
        doc, truth = docs[doc_id], changes.removed[doc_id]
        first, last = doc.published, doc.published_until or doc.published
        assert first is not None and last is not None
        near += max(abs((first - truth).days), abs((last - truth).days)) <= 1
        far += min(abs((first - truth).days), abs((last - truth).days)) > 3
    truth_mentions = mentions(true, set(changes.removed))
    # A late date line moves the text: compare the removed articles only, which keep theirs.
    got = mentions(altered, set(changes.removed))
    same = sum(got.get(k) == v for k, v in truth_mentions.items())
    lost = sum(k not in got for k in truth_mentions)
    misdated = len(truth_mentions) - same - lost
    flagged = 0
    for doc_id, truth in changes.late.items():
        conflict = docs[doc_id].date_conflict
        if conflict is not None:
            low = conflict.suggested - timedelta(days=1)
            flagged += low <= truth <= conflict.suggested_until + timedelta(days=1)
    alarms = sum(docs[i].date_conflict is not None for i in changes.kept)
    total = max(len(truth_mentions), 1)
    return {
        "removed": len(changes.removed),
        "coverage": len(dated) / max(len(changes.removed), 1),
        "within_one_day": near / max(len(dated), 1),
        "over_three_days": far / max(len(dated), 1),
        "mentions": len(truth_mentions),
        "mentions_same": same / total,
        "mentions_misdated": misdated / total,
        "mentions_lost": lost / total,
        "late": len(changes.late),
        "late_flagged": flagged / max(len(changes.late), 1),
        "false_alarms": alarms / max(len(changes.kept), 1),
    }


spent: list[float] = []  # CPU seconds in the dating step, by `_timed_dating`


def _timed_dating(*args: object, **kwargs: object) -> object:
    start = time.process_time()
    try:
        return date_documents(*args, **kwargs)
    finally:
        spent.append(time.process_time() - start)


def run(topic: Path, work: Path, cache: Path | None, processes: int) -> dict[str, object]:
    articles = [json.loads(line) for line in (topic / "articles.jsonl").open(encoding="utf-8")]
    altered, changes = alter(articles)
    figures: dict[str, object] = {"topic": topic.name}
    timelines = []
    for name, rows in (("true", articles), ("altered", altered)):
        # One fixed path per topic for both builds: the cache key includes the path, so the
        # articles the protocol leaves alone come from the cache in the second build.
        path = work / topic.name / "true" / "articles.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        config = Config(inputs=(path,), cache=cache, processes=processes)
        start, cpu = time.perf_counter(), time.process_time()
        spent.clear()
        built, report = build(config, write=False)
        figures[f"{name}_seconds"] = round(time.perf_counter() - start, 2)
        # CPU seconds of this process: with one process (the default) the whole build, and a
        # fairer measure than the clock on a shared machine.
        figures[f"{name}_cpu_seconds"] = round(time.process_time() - cpu, 2)
        figures[f"{name}_dating_cpu_seconds"] = round(sum(spent), 3)
        figures[f"{name}_parsed"] = report.parsed
        for stage, seconds in report.seconds.items():
            figures[f"{name}_{stage}_seconds"] = round(seconds, 3)
        timelines.append(built)
    figures.update(compare(timelines[0], timelines[1], changes))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topics", nargs="+", type=Path, help="Timeline17 topic folders")
    parser.add_argument("--cache", type=Path, default=Path(".timeline-cache"))
    parser.add_argument("--no-cache", action="store_true", help="parse everything (cold builds)")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "timeline-eval-dating",
        help="where the two collections of each topic are written",
    )
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    cache = None if args.no_cache else args.cache
    timeline.pipeline.date_documents = _timed_dating  # type: ignore[assignment]
    for topic in args.topics:
        figures = run(topic, args.work, cache, args.processes)
        print(
            json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()})
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time the spaCy pass and the temporal tagger on the same documents, and print the ratio.

    python benchmarks/bench_tagger.py ../shared/corpora/timeml/timebank_tbaq.jsonl [more.jsonl]

Accepts TimeML files (`text`, `dct`) and Timeline17 articles (`text`, `date`).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.nlp import load_model  # noqa: E402
from timeline.timex import tag  # noqa: E402

log = logging.getLogger(__name__)


def read(paths: list[Path]) -> list[tuple[str, date | None]]:
    """(text, reference date) for every document of the files."""
    docs = []
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    day = rec.get("dct") or rec.get("date")
                    docs.append((rec["text"], date.fromisoformat(day[:10]) if day else None))
    return docs


def main(argv: list[str] | None = None) -> int:
    """Print the spaCy time, the tagging time and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    args = parser.parse_args(argv)
    docs = read(args.corpus)
    nlp = load_model()
    nlp("warm up")
    began = time.perf_counter()  # a duration measurement, not a reference date
    parsed = list(nlp.pipe((text for text, _ in docs), batch_size=32))
    spacy_seconds = time.perf_counter() - began
    began = time.perf_counter()
    count = sum(len(tag(doc, dct)) for doc, (_, dct) in zip(parsed, docs, strict=True))
    tag_seconds = time.perf_counter() - began
    chars = sum(len(text) for text, _ in docs)
    print(f"documents {len(docs)}  characters {chars}  expressions {count}")
    print(f"spaCy pass  {spacy_seconds:8.2f} s")
    print(f"tagging     {tag_seconds:8.2f} s")
    print(f"ratio       {100 * tag_seconds / spacy_seconds:8.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())

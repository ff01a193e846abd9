"""Time the tagger called directly (as the build does) and as the `timeline_timex` component.

    python benchmarks/bench_component.py ../shared/corpora/timeml/timebank_tbaq.jsonl

Both run on the same parsed documents, alternately, so machine load affects them alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_tagger import read  # noqa: E402

from timeline.nlp import load_model  # noqa: E402
from timeline.timex import tag  # noqa: E402
from timeline.timex.component import TimexComponent  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Print the seconds each way takes over the corpus, best of `--rounds`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    docs = read(args.corpus)
    parsed = list(load_model().pipe(text for text, _ in docs))
    component = TimexComponent(None)
    direct, through = [], []
    for _ in range(args.rounds):
        began = time.perf_counter()  # a duration measurement, not a reference date
        for doc, (_, dct) in zip(parsed, docs, strict=True):
            tag(doc, dct)
        direct.append(time.perf_counter() - began)
        began = time.perf_counter()
        for doc, (_, dct) in zip(parsed, docs, strict=True):
            doc._.dct = dct
            component(doc)
        through.append(time.perf_counter() - began)
    print(f"documents {len(docs)}")
    print(f"direct     {min(direct):7.3f} s")
    print(f"component  {min(through):7.3f} s ({100 * (min(through) / min(direct) - 1):+.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

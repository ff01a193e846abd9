"""Whether a build costs the same per character whatever shape the text has.

Builds one article of each shape (long lines, many short lines, long digit, symbol and base64
runs, bracket runs, a saved page, one article near the size limit) and plain prose of the
same size and format, reads and analyses each in this process, and prints the ratio of CPU
seconds (shape / prose). A ratio far above 1 means a stage does more than linear work on that
shape. The prose is the bundled seeds/ articles, repeated to size.

    python benchmarks/bench_shapes.py [--size 120000] [--big 990000]

With --join CORPUS it instead compares one article made of a corpus's articles joined (670k
characters by default, as in issue 15) with the same articles kept separate:

    python benchmarks/bench_shapes.py --join ../shared/corpora/t17/egypt_cnn
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timeline.ingest import read_inputs
from timeline.nlp import load_model
from timeline.parallel import analyse_documents
from timeline.pipeline import analyse
from timeline.records import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TARGET = 3.0  # issue 15: every shape within 3x of prose of the same size


def _paragraphs() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return found


def prose(size: int) -> str:
    """News paragraphs separated by blank lines, `size` characters long."""
    paragraphs, parts, total, i = _paragraphs(), [], 0, 0
    while total < size:
        parts.append(paragraphs[i % len(paragraphs)])
        total += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def _runs(size: int, run: Callable[[int], str]) -> str:
    """Half prose, half four long runs made by `run`, between paragraphs."""
    text = prose(size // 2)
    cut = [len(text) * k // 4 for k in range(5)]
    pieces = [text[cut[k] : cut[k + 1]] + "\n\n" + run(size // 8) + "\n\n" for k in range(4)]
    return "".join(pieces)[:size]


def _short_lines(size: int) -> str:
    lines, line = [], ""
    for word in prose(size).split():
        if len(line) + len(word) > 22:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])[:size]


def _base64(length: int) -> str:
    data = random.Random(0).randbytes(length)
    return base64.b64encode(data).decode()[:length]


def _html(text: str) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    return f"<html><head><title>Page</title></head><body><article>{body}</article></body></html>"


def _html_lines(size: int) -> str:
    lines = _short_lines(size).split("\n")
    return _html("<br>\n".join(lines))


def shapes(size: int) -> dict[str, tuple[str, str]]:
    """Each shape's name -> (file suffix, content), all about `size` characters."""
    return {
        "prose.txt": ("txt", prose(size)),
        "long line": ("txt", " ".join(prose(size).split())),
        "short lines": ("txt", _short_lines(size)),
        "digit runs": ("txt", _runs(size, lambda n: "".join(str(i % 10) for i in range(n)))),
        "symbol runs": ("txt", _runs(size, lambda n: ("=-*#|~_+" * n)[:n])),
        "base64 runs": ("txt", _runs(size, _base64)),
        "number runs": ("txt", _runs(size, lambda n: " ".join(["2022"] * (n // 5)))),
        "bracket runs": ("txt", _runs(size, lambda n: ("[(" * n)[:n])),
        "prose.md": ("md", prose(size)),
        "md image runs": ("md", _runs(size, lambda n: ("![" * n)[:n])),
        "md link runs": ("md", _runs(size, lambda n: ("[a](" * n)[:n])),
        "md emphasis runs": ("md", _runs(size, lambda n: ("*_`" * n)[:n])),
        "prose.html": ("html", _html(prose(size))),
        "html short lines": ("html", _html_lines(size)),
        "html data image": (
            "html",
            _html(prose(size // 2)).replace(
                "<article>", f'<article><img src="data:image/png;base64,{_base64(size // 2)}">'
            ),
        ),
    }


def cost(suffix: str, content: str, folder: Path) -> tuple[float, float, int]:
    """CPU seconds to read and to analyse one article, and its events."""
    path = folder / f"article.{suffix}"
    path.write_text(content, encoding="utf-8")
    start = time.process_time()
    documents = [d for d in read_inputs([path], max_bytes=50_000_000) if isinstance(d, Document)]
    read = time.process_time() - start
    start = time.process_time()
    results = [r for _, r in analyse_documents(documents, analyse, processes=1)]
    analysed = time.process_time() - start
    return read, analysed, sum(len(r.events) for r in results)


def compare_shapes(size: int, big: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="timeline-shapes-"))
    table = shapes(size)
    baseline: dict[str, float] = {}
    worst = 0.0
    print(f"{'shape':<18} {'chars':>9} {'read s':>8} {'analyse s':>10} {'events':>7} {'ratio':>6}")
    for name, (suffix, content) in table.items():
        read, analysed, events = cost(suffix, content, work)
        total = read + analysed
        base = baseline.setdefault(suffix, total)
        ratio = total / base
        worst = max(worst, ratio)
        print(
            f"{name:<18} {len(content):>9,} {read:>8.2f} {analysed:>10.2f} {events:>7} "
            f"{ratio:>6.2f}"
        )
    if big:
        # One article near spaCy's limit against the same text as articles of 10,000 characters.
        text = prose(big)
        read, analysed, _ = cost("txt", text, work)
        parts = [text[i : i + 10_000] for i in range(0, len(text), 10_000)]
        lines = "".join(json.dumps({"id": str(i), "text": p}) + "\n" for i, p in enumerate(parts))
        read2, analysed2, _ = cost("jsonl", lines, work)
        ratio = (read + analysed) / (read2 + analysed2)
        worst = max(worst, ratio)
        print(
            f"{'near the limit':<18} {len(text):>9,} {read:>8.2f} {analysed:>10.2f} "
            f"{'':>7} {ratio:>6.2f}  (vs the same text as {len(parts)} articles: "
            f"{read2 + analysed2:.2f} s)"
        )
    verdict = "within" if worst <= TARGET else "OVER"
    print(f"worst ratio {worst:.2f}: {verdict} the target of {TARGET:g}")


def compare_joined(corpus: Path, chars: int) -> None:
    """One article of `chars` characters joined from a corpus against the same articles apart."""
    path = corpus / "articles.jsonl" if corpus.is_dir() else corpus
    articles, total = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if total >= chars:
            break
        article = json.loads(line)
        articles.append(article)
        total += len(article["text"]) + 2
    work = Path(tempfile.mkdtemp(prefix="timeline-joined-"))
    apart = "".join(json.dumps(a) + "\n" for a in articles)
    joined = dict(articles[0], id="joined", text="\n\n".join(a["text"] for a in articles))
    read, analysed, _ = cost("jsonl", json.dumps(joined) + "\n", work)
    read2, analysed2, _ = cost("jsonl", apart, work)
    print(
        f"one article of {len(joined['text']):,} characters: {read + analysed:.1f} s CPU; "
        f"the same {len(articles)} articles apart: {read2 + analysed2:.1f} s; "
        f"ratio {(read + analysed) / (read2 + analysed2):.2f} (target 1.3)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--size", type=int, default=120_000, help="characters per shape")
    parser.add_argument("--big", type=int, default=990_000, help="0 leaves the big article out")
    parser.add_argument("--join", type=Path, help="a corpus folder or articles.jsonl")
    parser.add_argument("--chars", type=int, default=670_000)
    args = parser.parse_args()
    load_model()  # not part of any shape's cost, nor the first read's imports
    with tempfile.TemporaryDirectory() as warm:
        cost("md", prose(2_000), Path(warm))
    if args.join:
        compare_joined(args.join, args.chars)
    else:
        compare_shapes(args.size, args.big)


if __name__ == "__main__":
    main()

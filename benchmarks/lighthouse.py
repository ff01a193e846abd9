"""Lighthouse scores of a built site, served on 127.0.0.1, on the mobile and desktop profiles.

Usage:
    python benchmarks/lighthouse.py ../shared/corpora/t17/h1n1_guardian/articles.jsonl
    python benchmarks/lighthouse.py --site path/to/built/site --page periods/2009-06.html

Builds the inputs (with `timeline build`'s pipeline), serves the site with `timeline serve`'s
server and runs the npm `lighthouse` command on each page with Debian's Chromium
(/usr/bin/chromium; no browser is ever downloaded). Install Lighthouse once with
`npm install --prefix .tools lighthouse`, or point LIGHTHOUSE at its command. Prints each
category score, the metrics and the audits that failed; `--check` exits 1 below the targets
(performance >= 90, accessibility >= 98, best practices and SEO 100, CLS <= 0.05).
Timings depend on the machine's load: Lighthouse simulates a phone from a trace.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from timeline.config import Config
from timeline.pipeline import build
from timeline.serve import make_server, server_url

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
TARGETS = {"performance": 90, "accessibility": 98, "best-practices": 100, "seo": 100}
MAX_CLS = 0.05
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
    "dom-size",
    "total-byte-weight",
)


def lighthouse_command() -> list[str]:
    """The Lighthouse CLI: $LIGHTHOUSE, then .tools/ (npm --prefix), then the PATH."""
    named = os.environ.get("LIGHTHOUSE")
    if named:
        return [named]
    for candidate in (ROOT / ".tools" / "node_modules" / ".bin" / "lighthouse",):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("lighthouse")
    if found:
        return [found]
    raise SystemExit(
        "lighthouse not found: run `npm install --prefix .tools lighthouse` "
        "(or set LIGHTHOUSE to its command)"
    )


def run(url: str, form_factor: str) -> dict:
    """One Lighthouse run; the parsed JSON report."""
    command = [
        *lighthouse_command(),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"lighthouse failed on {url}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def summary(report: dict) -> tuple[dict[str, int], dict[str, str], float, list[str]]:
    """Scores (0-100), metric display values, CLS and the failed audits of one report."""
    scores = {k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()}
    audits = report["audits"]
    metrics = {m: audits[m].get("displayValue", "") for m in METRICS if m in audits}
    cls = float(audits["cumulative-layout-shift"]["numericValue"])
    failed = sorted(
        f"{key} ({audit.get('displayValue') or audit['score']})"
        for key, audit in audits.items()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return scores, metrics, cls, failed


def measure(site: Path, pages: list[str], profiles: list[str]) -> bool:
    """Serve `site` and run Lighthouse on each page and profile; whether all targets are met."""
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    met = True
    try:
        for page in pages:
            for profile in profiles:
                scores, metrics, cls, failed = summary(run(server_url(server) + page, profile))
                ok = cls <= MAX_CLS and all(scores[k] >= v for k, v in TARGETS.items())
                met = met and ok
                shown = " ".join(f"{k}={scores[k]}" for k in TARGETS)
                print(f"{page} [{profile}] {shown} {'(targets met)' if ok else '(BELOW TARGET)'}")
                for name, value in metrics.items():
                    print(f"    {name:>26}: {value}")
                for audit in failed:
                    print(f"    failed: {audit}")
    finally:
        server.shutdown()
        server.server_close()
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="articles to build (files/folders)")
    parser.add_argument("--site", type=Path, help="measure this built site instead")
    parser.add_argument("--page", action="append", help="page to measure (default index.html)")
    parser.add_argument("--profile", choices=("mobile", "desktop"), action="append")
    parser.add_argument("--check", action="store_true", help="exit 1 when below the targets")
    args = parser.parse_args(argv)
    pages = args.page or ["index.html"]
    profiles = args.profile or ["mobile", "desktop"]
    if args.site:
        met = measure(args.site, pages, profiles)
    elif args.inputs:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "site"
            build(Config(inputs=tuple(args.inputs), output=out, processes=1))
            met = measure(out, pages, profiles)
    else:
        parser.error("give the inputs to build, or --site")
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())

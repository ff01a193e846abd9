"""How the site copes with a large timeline: page weight, first render, filter and search time.

Usage:
    python benchmarks/bench_site.py ../shared/corpora/t17/egypt_cnn/articles.jsonl [--entries 2000]
    python benchmarks/bench_site.py --site path/to/built/site   # measure an existing build

With an articles.jsonl (one JSON object per line: id, date, text), a timeline of N entries is
synthesised from its sentences (one sentence per entry, dated from the article's publication
day) and rendered; the site is then opened in headless Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from timeline.config import Config
from timeline.records import Document, Entry, Event, TimeExpression, Timeline
from timeline.render import render_site
from timeline.serve import make_server, server_url

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_SENTENCE = re.compile(r"[A-Z][^.!?\n]{40,240}[.!?]")
_PHRASE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"yesterday|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|\d{4})\b"
)
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")


def synthesise(articles: Path, count: int) -> Timeline:
    """A timeline of `count` entries made from the sentences of real articles."""
    documents: list[Document] = []
    candidates: list[tuple[Document, int, str]] = []
    with articles.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            data = json.loads(line)
            published = date.fromisoformat(data["date"][:10]) if data.get("date") else None
            text = data["text"]
            doc = Document(
                id=str(data.get("id", number)),
                path=f"{articles.name}:{number + 1}",
                text=text,
                title=(data.get("title") or text[:70]).strip(),
                title_from="text",
                format="jsonl",
                published=published,
                published_from="metadata" if published else None,
            )
            documents.append(doc)
            for match in _SENTENCE.finditer(text):
                candidates.append((doc, match.start(), match.group()))
    if not candidates:
        raise SystemExit(f"{articles}: no sentences found")
    step = max(1, len(candidates) // count)
    entries: list[Entry] = []
    expressions: dict[str, list[TimeExpression]] = {}
    for index in range(count):
        doc, start, sentence = candidates[(index * step) % len(candidates)]
        phrase = _PHRASE.search(sentence) or re.search(r"\w+", sentence)
        assert phrase is not None
        day = (doc.published or date(2011, 1, 25)) - timedelta(days=index % 5)
        timex = TimeExpression(
            start + phrase.start(),
            start + phrase.end(),
            phrase.group(),
            "DATE",
            day.isoformat(),
            anchor=str(doc.published),
            anchor_from="dct",
        )
        expressions.setdefault(doc.id, []).append(timex)
        names = tuple(dict.fromkeys(_NAME.findall(sentence)))[:3]
        event = Event(doc.id, sentence, start, timex, sentence[:90], actors=names)
        entries.append(
            Entry(
                id=f"{day.isoformat()}-{index:05d}",
                date=day.isoformat(),
                start=day,
                end=day,
                headline=sentence[:90],
                summary=sentence,
                events=(event,),
                actors=names,
                importance=(index * 37 % 100) / 100,
                status="expected" if index % 17 == 0 else "reported",
            )
        )
    entries.sort(key=lambda e: (e.start, e.id))
    used = {e.events[0].document for e in entries}
    return Timeline(
        title=f"Benchmark: {articles.parent.name}",
        documents=tuple(d for d in documents if d.id in used),
        entries=tuple(entries),
        expressions={
            k: tuple(sorted(set(v), key=lambda t: t.start)) for k, v in expressions.items()
        },
    )


MEASURE = """
async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  const form = document.getElementById("filters");
  const source = document.getElementById("f-source");
  let t = performance.now();
  source.value = source.options[1].value;
  source.dispatchEvent(new Event("change"));
  await frame();
  const filter = performance.now() - t;
  const shown = document.querySelectorAll("article.entry:not([hidden])").length;
  source.value = "";
  source.dispatchEvent(new Event("change"));
  await frame();
  const search = document.getElementById("f-search");
  t = performance.now();
  search.value = "president";
  form.dispatchEvent(new Event("submit", {cancelable: true}));
  await frame();
  const first_search = performance.now() - t;
  t = performance.now();
  search.value = "security forces";
  form.dispatchEvent(new Event("submit", {cancelable: true}));
  await frame();
  const second_search = performance.now() - t;
  return {
    fcp_ms: fcp ? fcp.startTime : null,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    entries: document.querySelectorAll("article.entry").length,
    filter_ms: filter, filter_shown: shown,
    first_search_ms: first_search, second_search_ms: second_search,
    search_shown: document.querySelectorAll("article.entry:not([hidden])").length,
  };
}
"""


def measure(site: Path) -> dict[str, object]:
    """Open the site's timeline in headless Chromium and time it."""
    from playwright.sync_api import sync_playwright

    weight = (site / "index.html").stat().st_size
    weight += sum(
        p.stat().st_size for p in (site / "static").iterdir() if p.suffix in (".css", ".js")
    )
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server_url(server) + "index.html", wait_until="load")
            page.wait_for_selector("#filters:not([hidden])")
            result = page.evaluate(MEASURE)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"page_weight_bytes": weight, **result}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path, help="an articles.jsonl")
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--site", type=Path, help="measure this built site instead")
    args = parser.parse_args(argv)
    if args.site:
        numbers = measure(args.site)
    elif args.articles:
        timeline = synthesise(args.articles, args.entries)
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder)
            started = time.perf_counter()
            render_site(timeline, out, Config(title=timeline.title))
            render_seconds = time.perf_counter() - started
            numbers = {
                "render_s": round(render_seconds, 2),
                "documents": len(timeline.documents),
                **measure(out),
            }
    else:
        parser.error("give an articles.jsonl or --site")
    for key, value in numbers.items():
        shown = f"{value:.1f}" if isinstance(value, float) else value
        print(f"{key:>24}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

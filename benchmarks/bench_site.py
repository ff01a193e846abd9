"""How the site copes with a large timeline: page weights, first paint, filters, permalinks.

Usage:
    python benchmarks/bench_site.py ../shared/corpora/t17/egypt_cnn/articles.jsonl [--entries 2000]
    python benchmarks/bench_site.py CORPORA/t17/egypt_cnn/articles.jsonl --entries 30000 --phone
    python benchmarks/bench_site.py --site path/to/built/site   # measure an existing build

With an articles.jsonl (one JSON object per line: id, date, text), a timeline of N entries is
synthesised from its sentences (one sentence per entry, dated from the article's publication
day; no NLP) and rendered; the site is then opened in headless Chromium (/usr/bin/chromium).
`--phone` opens it as a phone: a 390x844 touch screen and the CPU slowed 4x through the
DevTools protocol, as Lighthouse's mobile profile does (the network is the loopback).
Prints the largest page of each kind (every HTML page and data file should stay under 1 MB),
the first page's paint, and the time to filter, to search every page and to follow a permalink
from index.html to an entry on the last page. Timings vary with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
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
  // Filtering this page is synchronous; other pages' matches arrive when the index is loaded.
  const settled = () => new Promise(r => {
    const check = () => {
      const text = document.getElementById("filter-status").textContent;
      if (text.includes("searching")) { setTimeout(check, 2); } else { r(); }
    };
    check();
  });
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  const form = document.getElementById("filters");
  const source = document.getElementById("f-source");
  const elsewhere = () => document.querySelectorAll("#elsewhere-list li").length;
  let t = performance.now();
  source.value = source.options[1].value;
  source.dispatchEvent(new Event("change"));
  await frame(); await settled(); await frame();
  const filter = performance.now() - t;
  const shown = document.querySelectorAll("article.entry:not([hidden])").length;
  const listed = elsewhere();
  source.value = "";
  source.dispatchEvent(new Event("change"));
  await frame();
  const search = document.getElementById("f-search");
  t = performance.now();
  search.value = "president";
  form.dispatchEvent(new Event("submit", {cancelable: true}));
  await frame(); await settled(); await frame();
  const first_search = performance.now() - t;
  t = performance.now();
  search.value = "security forces";
  form.dispatchEvent(new Event("submit", {cancelable: true}));
  await frame(); await settled(); await frame();
  const second_search = performance.now() - t;
  return {
    fcp_ms: fcp ? fcp.startTime : null,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    dom_elements: document.getElementsByTagName("*").length,
    entries_on_first_page: document.querySelectorAll("article.entry").length,
    filter_ms: filter, filter_shown_here: shown, filter_listed_elsewhere: listed,
    first_search_ms: first_search, second_search_ms: second_search,
    search_status: document.getElementById("filter-status").textContent,
  };
}
"""


def weights(site: Path) -> dict[str, object]:
    """The first page and the largest file of each kind, in bytes."""
    kinds = {
        "first_page": [site / "index.html"],
        "largest_timeline_page": [site / "index.html", *site.glob("periods/*.html")],
        "largest_source_page": list(site.glob("sources/*.html")),
        "largest_other_page": [
            *(site / n for n in ("sources.html", "entities.html", "report.html")),
            *site.glob("entities/*.html"),
            *site.glob("periods/index.html"),
        ],
        "largest_data_file": list(site.glob("search/*.js")),
    }
    found: dict[str, object] = {"pages": 1 + len(kinds["largest_timeline_page"]) - 1}
    for kind, paths in kinds.items():
        if paths:
            biggest = max(paths, key=lambda p: p.stat().st_size)
            found[f"{kind}_bytes"] = biggest.stat().st_size
            if kind.startswith("largest"):
                found[f"{kind}_name"] = biggest.relative_to(site).as_posix()
    return found


def last_entry(site: Path) -> tuple[str, str]:
    """The last page of the timeline and the id of its last entry."""
    html = (site / "index.html").read_text(encoding="utf-8")
    pages = re.findall(r'<a href="\./([^"]+)" data-page="\d+"', html) or ["index.html"]
    last = (site / pages[-1]).read_text(encoding="utf-8")
    ids = re.findall(r'<article class="entry[^"]*" id="([^"]+)"', last)
    return pages[-1], ids[-1]


FIRST_PAINT = """
() => new Promise(done => {
  const seen = () => performance.getEntriesByName("first-contentful-paint")[0];
  const check = () => {
    const paint = seen();
    if (paint) { done(paint.startTime); } else { setTimeout(check, 20); }
  };
  check();
})
"""


def first_paints(browser: object, url: str, screen: dict, phone: bool, runs: int) -> list[float]:
    """First contentful paint of `url` in `runs` fresh tabs (each with an empty cache)."""
    paints = []
    for _ in range(runs):
        context = browser.new_context(**screen)
        page = context.new_page()
        if phone:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(url, wait_until="load")
        paints.append(page.evaluate(FIRST_PAINT))
        context.close()
    return paints


def measure(site: Path, phone: bool = False, runs: int = 5) -> dict[str, object]:
    """Open the site's timeline in headless Chromium and time it."""
    from playwright.sync_api import sync_playwright

    found = weights(site)
    last_page, target = last_entry(site)
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    screen = {"viewport": {"width": 1280, "height": 900}}
    if phone:
        screen = {
            "viewport": {"width": 390, "height": 844},
            "device_scale_factor": 3,
            "is_mobile": True,
            "has_touch": True,
        }
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            paints = sorted(
                first_paints(browser, server_url(server) + "index.html", screen, phone, runs)
            )
            context = browser.new_context(**screen)
            page = context.new_page()
            if phone:
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(server_url(server) + "index.html", wait_until="load")
            page.wait_for_selector("#filters[data-ready]")
            result = page.evaluate(MEASURE)
            # An old permalink (index.html#entry-...) to the last entry: found through the map.
            started = time.perf_counter()
            page.goto(server_url(server) + f"index.html#{target}")
            page.wait_for_url(f"**/{last_page}#{target}")
            page.wait_for_selector(f"#{target}", state="visible")
            result["permalink_to_last_page_ms"] = (time.perf_counter() - started) * 1000
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        **found,
        "first_paint_median_ms": statistics.median(paints),
        "first_paint_best_ms": paints[0],
        "first_paint_worst_ms": paints[-1],
        **result,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path, help="an articles.jsonl")
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--site", type=Path, help="measure this built site instead")
    parser.add_argument("--phone", action="store_true", help="a phone screen and a 4x slower CPU")
    parser.add_argument("--runs", type=int, default=5, help="first paints to take the median of")
    args = parser.parse_args(argv)
    if args.site:
        numbers = measure(args.site, args.phone, args.runs)
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
                "entries": len(timeline.entries),
                **measure(out, args.phone, args.runs),
            }
    else:
        parser.error("give an articles.jsonl or --site")
    for key, value in numbers.items():
        shown = f"{value:.1f}" if isinstance(value, float) else value
        print(f"{key:>24}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

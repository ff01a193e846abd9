"""`timelinejs.json` rendered by TimelineJS3 itself (npm @knight-lab/timelinejs) in Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_render import CONFIG, sample_timeline

from timeline.render.exports import timelinejs_json
from timeline.serve import make_server, server_url

pytestmark = pytest.mark.slow
TIMELINEJS = "@knight-lab/timelinejs@3.9"
CHROMIUM = Path(os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium"))
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="node_modules/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="node_modules/@knight-lab/timelinejs/dist/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width: 100%; height: 700px"></div>
<script>window.timeline = new TL.Timeline("timeline-embed", "timelinejs.json");</script>
</body></html>
"""


@pytest.fixture(scope="module")
def embed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A page embedding the sample timeline's export, as the README says, served locally."""
    npm = shutil.which("npm")
    if npm is None or not CHROMIUM.exists():
        pytest.skip("needs npm (for TimelineJS3) and Chromium")
    folder = tmp_path_factory.mktemp("timelinejs")
    command = [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", TIMELINEJS]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (folder / "timelinejs.json").write_text(timelinejs_json(sample_timeline(), CONFIG))
    (folder / "index.html").write_text(PAGE)
    server = make_server(folder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server_url(server)
    server.shutdown()
    server.server_close()


def test_timelinejs_renders_every_slide_with_each_sentence_once(embed: str) -> None:
    from playwright.sync_api import sync_playwright

    slides = json.loads(timelinejs_json(sample_timeline(), CONFIG))["events"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(embed)
            page.wait_for_function(
                f"document.querySelectorAll('.tl-slide').length === {len(slides) + 1}",
                timeout=60_000,
            )
            shown = page.evaluate(
                """() => [...document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)')]
                .map((slide) => [...slide.querySelectorAll('.tl-text-content p, blockquote')]
                  .map((block) => block.innerText.split('\\n')[0].trim()).filter(Boolean))"""
            )
        finally:
            browser.close()
    assert errors == []
    assert len(shown) == len(slides)
    for blocks in shown:
        assert blocks and len(blocks) == len(set(blocks)), blocks
    sentences = {b for blocks in shown for b in blocks}
    for entry in sample_timeline().entries:
        for event in entry.events:
            assert " ".join(event.sentence.split()) in sentences

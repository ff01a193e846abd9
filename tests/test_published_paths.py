"""What is published names input files relative to their input, never by the builder's folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from timeline.config import Config
from timeline.pipeline import build
from timeline.render.paths import published_root

SEED = "003_413b558a031f2e5a.txt"


@pytest.mark.parametrize(
    ("given", "published"),
    [
        pytest.param("seeds", "seeds", id="relative-kept-as-given"),
        pytest.param("news/2022", "news/2022", id="relative-below-here"),
        pytest.param("/home/reporter/articles", "articles", id="absolute"),
        pytest.param("/home/reporter/articles/", "articles", id="absolute-trailing-slash"),
        pytest.param("/home/reporter/wire.jsonl", "wire.jsonl", id="absolute-file"),
        pytest.param("../corpora/articles", "articles", id="outside-here"),
        pytest.param("/home/reporter/x/../articles", "articles", id="dot-dot-inside"),
    ],
)
def test_published_root(given: str, published: str) -> None:
    assert published_root(Path(given)) == published


def test_absolute_inputs_publish_no_path_of_the_builder(tmp_path: Path) -> None:
    articles = tmp_path / "private-home" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(SEEDS / SEED, articles / SEED)
    (articles / "notes.docx").write_bytes(b"PK\x03\x04 a word processor file")
    feed = tmp_path / "private-home" / "wire.jsonl"
    feed.write_text('{"id": "w1", "date": "2022-09-16", "text": "Talks ended on Friday."}\n')
    config = Config(
        inputs=(articles, feed),
        output=tmp_path / "site",
        cache=tmp_path / "cache",
        processes=1,
    )
    timeline, report = build(config)
    # The terminal names files as the user did, so they can be opened from there.
    assert [p.path for p in report.problems] == [f"{articles.as_posix()}/notes.docx"]
    assert {d.path for d in timeline.documents} == {f"{articles.as_posix()}/{SEED}", str(feed)}

    leaks = [
        path.relative_to(config.output).as_posix()
        for path in sorted(config.output.rglob("*"))
        if path.is_file() and str(tmp_path).encode() in path.read_bytes()
    ]
    assert leaks == []
    data = json.loads((config.output / "timeline.json").read_text(encoding="utf-8"))
    assert sorted(d["path"] for d in data["documents"]) == [f"articles/{SEED}", "wire.jsonl"]
    assert [p["path"] for p in data["problems"]] == ["articles/notes.docx"]
    source = (config.output / "sources" / "003_413b558a031f2e5a.html").read_text()
    assert f'<dd class="path">articles/{SEED}</dd>' in source
    assert "articles/notes.docx" in (config.output / "sources.html").read_text()

"""The render stage: pages, links, escaping, safe paths, determinism, the report."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONFIG, sample_timeline

from timeline.errors import BuildError
from timeline.render import navigation, output_path, render_site
from timeline.render.views import build_site, key_threshold, render_markdown, safe_name, safe_url
from timeline.timevalue import period

# ---------------------------------------------------------------- the hand-built fixture


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    render_site(sample_timeline(), out, CONFIG)
    return out


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same timeline split into pages of at most two entries."""
    out = tmp_path_factory.mktemp("paged")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(navigation, "PAGE_ENTRIES", 2)
        render_site(sample_timeline(), out, CONFIG)
    return out


# ---------------------------------------------------------------- HTML helpers


class _Collector(HTMLParser):
    """Links, ids, scripts and inline styles of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: list[str] = []
        self.inline_scripts = 0
        self.style_attrs = 0
        self.event_handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.links.append(values[name] or "")
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "script" and not values.get("src"):
            self.inline_scripts += 1
        if "style" in values:
            self.style_attrs += 1
        self.event_handlers += [n for n in values if n.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


# ---------------------------------------------------------------- tests


def test_render_site_writes_every_page_and_export(site: Path) -> None:
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    for name in (
        "index.html",
        "sources.html",
        "entities.html",
        "report.html",
        "timeline.json",
        "timelinejs.json",
        "timeline.ics",
        "timeline.csv",
        "static/timeline.css",
        "static/timeline.js",
        "static/print.css",
        "static/theme.css",
        "sources/003_413b558a031f2e5a.html",
    ):
        assert name in written
    assert len([w for w in written if w.startswith("sources/")]) == 5


def test_render_site_returns_sorted_written_files(tmp_path: Path) -> None:
    written = render_site(sample_timeline(), tmp_path, CONFIG)
    assert written == sorted(written)
    assert set(written) == {p for p in tmp_path.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("needle", "why"),
    [
        pytest.param('<time datetime="2001">2001</time>', "year granularity", id="year"),
        pytest.param(
            '<time datetime="2022-02">February 2022</time>', "month granularity", id="month"
        ),
        pytest.param('<time datetime="2022-09-15">Thu 15 Sep 2022</time>', "day", id="day"),
        pytest.param(
            '<time datetime="2022">Whole of 2022</time>', "a year-wide group", id="year-group"
        ),
        pytest.param("September 2022", "month header", id="month-header"),
        pytest.param(
            '<mark class="phrase">on Thursday</mark>', "dating phrase marked", id="phrase"
        ),
        pytest.param(
            "resolved against Thu 15 Sep 2022 (the publication date)", "anchor", id="anchor"
        ),
        pytest.param(
            "Sources disagree:</strong>\nThu 15 Sep 2022 according to "
            '<a class="badge" href="./sources/002_69fafef3681a4047.html" '
            'title="Xi and Putin Meet in Uzbekistan for Security Summit (Example News), '
            'Thu 15 Sep 2022">Example News</a>, <a class="badge"',
            "conflict",
            id="conflict",
        ),
        pytest.param('<span class="status expected">Expected</span>', "status", id="expected"),
        pytest.param(
            'id="entry-2022-09-15-xi-putin-talks-9e3a"', "permalink target", id="entry-id"
        ),
        pytest.param("<strong>Xi</strong>", "intro Markdown rendered", id="intro"),
        pytest.param('data-sources="s1 s3 s4"', "filter data: sources", id="data-sources"),
        pytest.param(
            '<form class="filters" id="filters" role="search" aria-label="Filter the timeline" '
            'data-root="./" data-page="1" data-pages="1"',
            "filters drawn from the first paint: the script shows nothing later (no shift)",
            id="filters-visible",
        ),
        pytest.param('<a class="skip-link" href="#main">', "skip link", id="skip-link"),
    ],
)
def test_index_shows(site: Path, needle: str, why: str) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert needle in html, why


def test_index_lists_entries_oldest_first(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<article class="entry[^"]*" id="entry-([^"]+)"', html)
    assert ids == [
        "2001-sco-founded-5d1c",
        "2022-russia-invades-ukraine-0b7e",
        "2022-02-olympics-meeting-a41f",
        "2022-02-troops-to-ukraine-77c2",
        "2022-09-15-xi-putin-talks-9e3a",
        "2022-09-16-sco-sessions-c0de",
    ]


def test_every_page_has_csp_and_no_inline_script_or_style(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 9
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in html and "script-src 'self'" in html, page
        collected = parse(page)
        assert collected.inline_scripts == 0, page
        assert collected.style_attrs == 0, page
        assert collected.event_handlers == [], page


@pytest.mark.parametrize("which", ["site", "paged_site"])
def test_internal_links_resolve(request: pytest.FixtureRequest, which: str) -> None:
    site = request.getfixturevalue(which)
    ids = {page: set(parse(page).ids) for page in site.rglob("*.html")}
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for link in parse(page).links:
            if link.startswith(("http://", "https://", "mailto:", "data:")):
                continue
            assert not link.startswith("/"), f"{page}: absolute link {link}"
            target, _, fragment = link.partition("#")
            resolved = (page.parent / target).resolve() if target else page
            assert resolved.is_file(), f"{page}: {link}"
            if fragment and resolved.suffix == ".html":
                from urllib.parse import unquote

                assert unquote(fragment) in ids[resolved], f"{page}: {link}"
            checked += 1
    assert checked > 50


def _page_entries(site: Path) -> dict[str, list[str]]:
    pages = ["index.html", *sorted(p.relative_to(site).as_posix() for p in site.glob("periods/*"))]
    return {
        page: re.findall(r'<article class="entry[^"]*" id="([^"]+)"', (site / page).read_text())
        for page in pages
    }


def test_long_timeline_is_split_into_pages_by_period(paged_site: Path) -> None:
    assert _page_entries(paged_site) == {
        "index.html": ["entry-2001-sco-founded-5d1c", "entry-2022-russia-invades-ukraine-0b7e"],
        "periods/2022-02.html": [
            "entry-2022-02-olympics-meeting-a41f",
            "entry-2022-02-troops-to-ukraine-77c2",
        ],
        "periods/2022-09.html": [
            "entry-2022-09-15-xi-putin-talks-9e3a",
            "entry-2022-09-16-sco-sessions-c0de",
        ],
    }
    index = (paged_site / "index.html").read_text(encoding="utf-8")
    middle = (paged_site / "periods" / "2022-02.html").read_text(encoding="utf-8")
    # The overview is on the first page only; every page lists all pages and steps through them.
    assert 'class="overview"' in index and 'class="overview"' not in middle
    for html, root in ((index, "./"), (middle, "../")):
        assert re.findall(r'data-page="\d+"[^>]*>([^<]+)</a>', html) == [
            "2001 – 2022 (year)",
            "Feb 2022",
            "Sep 2022",
        ]
        assert f'href="{root}periods/2022-09.html" data-page="3"' in html
    assert '<a rel="next" href="../periods/2022-09.html">' in middle
    assert '<a rel="prev" href="../index.html">' in middle
    assert "<title>Feb 2022 · Xi and Putin at the SCO summits</title>" in middle
    assert 'data-pages="3" data-chunks="1" data-shards="1"' in middle


def test_month_larger_than_a_page_is_cut_into_even_parts() -> None:
    years = build_site(sample_timeline(), CONFIG).years
    pages = navigation.paginate(years, 1)
    assert [(p.file, p.label, p.count) for p in pages] == [
        ("index.html", "2001", 1),
        ("periods/2022-all.html", "2022 (year)", 1),
        ("periods/2022-02-p1.html", "Feb 2022 (part 1)", 1),
        ("periods/2022-02-p2.html", "Feb 2022 (part 2)", 1),
        ("periods/2022-09-p1.html", "Sep 2022 (part 1)", 1),
        ("periods/2022-09-p2.html", "Sep 2022 (part 2)", 1),
    ]
    big = navigation.paginate(years, 60)
    assert [(p.file, p.count) for p in big] == [("index.html", 6)]


def test_hundreds_of_pages_link_a_window_and_a_page_of_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(navigation, "LISTED_PAGES", 3)
    monkeypatch.setattr(navigation, "PAGE_ENTRIES", 1)
    render_site(sample_timeline(), tmp_path, CONFIG)
    site = build_site(sample_timeline(), CONFIG)
    pages = navigation.paginate(site.years, 1)
    window = navigation.nearby(pages, pages[0])
    # The first page, its neighbours, the first page of each year, the last; gaps marked.
    assert [p.number if p else None for p in window] == [1, 2, 3, 4, None, 6]
    assert [p.number if p else None for p in navigation.nearby(pages, pages[5])] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a href="./periods/index.html">All 6 pages</a>' in index
    assert '<li class="gap" aria-hidden="true">…</li>' in index
    every = (tmp_path / "periods" / "index.html").read_text(encoding="utf-8")
    assert every.count('<span class="page-count">') == 6
    assert '<a href="../periods/2022-09-p2.html">Sep 2022 (part 2)</a>' in every
    names = _script_data(tmp_path / "search" / "pages-0.js")
    assert names[1] == ["periods/2022-all.html", "2022 (year)", ["y-2022", "m-2022-all"]]


def _script_data(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(
        r"window\.__timeline\.(?:chunk|text|map|pages)\(\d+,(.*)\);\n", text, re.DOTALL
    )
    assert match, path
    return json.loads(match.group(1))


def test_search_index_and_page_map_cover_every_entry(
    paged_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = list(_page_entries(paged_site).values())
    rows = _script_data(paged_site / "search" / "chunk-0.js")
    assert [(row[0], row[1]) for row in rows] == [
        (anchor, number) for number, ids in enumerate(pages, start=1) for anchor in ids
    ]
    talks = next(row for row in rows if row[0] == "entry-2022-09-15-xi-putin-talks-9e3a")
    assert talks[2:7] == [2022, "reported", 1, "s1 s3 s4", talks[6]]
    texts = _script_data(paged_site / "search" / "text-0.js")
    assert len(texts) == len(rows)  # the searchable text apart, loaded only to search words
    assert "Samarkand" in texts[rows.index(talks)]  # quoted sentences are searchable
    mapping = _script_data(paged_site / "search" / "map-0.js")
    assert mapping == {row[0]: row[1] for row in rows}
    # Many entries: several chunks and shards, each entry in the shard its hash names.
    monkeypatch.setattr(navigation, "CHUNK_ENTRIES", 4)
    monkeypatch.setattr(navigation, "SHARD_ENTRIES", 2)
    site = build_site(sample_timeline(), CONFIG)
    site = replace(site, pages=navigation.paginate(site.years, 2))
    files = navigation.data_files(site)
    assert sorted(files) == [
        "search/chunk-0.js",
        "search/chunk-1.js",
        "search/map-0.js",
        "search/map-1.js",
        "search/map-2.js",
        "search/pages-0.js",
        "search/text-0.js",
        "search/text-1.js",
    ]
    for anchor in (row[0] for row in rows):
        shard = navigation.shard(anchor, 3)
        assert f'"{anchor}":' in files[f"search/map-{shard}.js"]


def test_one_page_timeline_loads_no_search_files(site: Path) -> None:
    assert not (site / "search").exists() and not (site / "periods").exists()
    assert 'id="elsewhere"' not in (site / "index.html").read_text(encoding="utf-8")


def test_links_to_entries_point_at_their_page(paged_site: Path) -> None:
    source = (paged_site / "sources" / "003_413b558a031f2e5a.html").read_text(encoding="utf-8")
    assert 'href="../periods/2022-09.html#entry-2022-09-15-xi-putin-talks-9e3a"' in source
    entities = (paged_site / "entities.html").read_text(encoding="utf-8")
    assert 'href="./periods/2022-09.html#entry-2022-09-16-sco-sessions-c0de"' in entities


def test_no_page_grows_past_a_page_of_entries(tmp_path: Path) -> None:
    """A timeline of 1,200 entries: pages of at most PAGE_ENTRIES, no file over 1 MB."""
    timeline = sample_timeline()
    many = tuple(
        replace(entry, id=f"{entry.id}-{copy:04d}")
        for copy in range(200)
        for entry in timeline.entries
    )
    many = tuple(sorted(many, key=lambda e: (e.start, e.id)))
    render_site(replace(timeline, entries=many), tmp_path, CONFIG)
    pages = _page_entries(tmp_path)
    assert sum(len(ids) for ids in pages.values()) == len(many)
    assert max(len(ids) for ids in pages.values()) <= navigation.PAGE_ENTRIES
    assert len(pages["index.html"]) == 50  # 2001 holds 200: four even parts
    # The report keeps the 800 most important; names link the filters for their long lists.
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert report.count('<article class="entry') == 800
    assert "This report holds the 800 most important of the 1200 entries" in report
    entities = (tmp_path / "entities.html").read_text(encoding="utf-8")
    assert 'href="./index.html?entity=samarkand">All 400 entries naming Samarkand</a>' in entities
    sizes = {p: p.stat().st_size for p in tmp_path.rglob("*") if p.suffix in (".html", ".js")}
    assert max(sizes.values()) < 1_000_000, max(sizes, key=sizes.get)


def test_many_names_split_the_people_page_and_the_filter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.merge import names

    monkeypatch.setattr(navigation, "ENTITY_PAGE_NAMES", 2)
    monkeypatch.setattr(names, "FILTER_NAMES", 2)
    render_site(sample_timeline(), tmp_path, CONFIG)
    entities = build_site(sample_timeline(), CONFIG).entities
    assert len(entities) > 2
    index = (tmp_path / "entities.html").read_text(encoding="utf-8")
    assert '<details class="entity"' not in index and 'href="./entities/1.html#letter-1"' in index
    names = []
    for page in sorted((tmp_path / "entities").glob("*.html")):
        names += re.findall(r'<span class="entity-name">([^<]+)</span>', page.read_text())
    assert sorted(names) == sorted(e.name for e in entities)
    timeline = (tmp_path / "index.html").read_text(encoding="utf-8")
    form = timeline[timeline.index('id="f-entity"') : timeline.index('id="f-year"')]
    offered = set(re.findall(r'<option value="(e\d+)"', form))
    counts = {e.key: len(e.entries) for e in entities}
    assert 0 < len(offered) <= 2 and min(counts[k] for k in offered) >= 2
    assert max(c for k, c in counts.items() if k not in offered) <= min(counts[k] for k in offered)


def test_many_documents_offer_the_most_cited_in_the_source_filter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(navigation, "FILTER_SOURCES", 2)
    site = build_site(sample_timeline(), CONFIG)
    cited = {d.key: sum(d in v.docs for v in site.entries) for d in site.docs}
    assert len(site.filter_sources) == 2 and len(cited) == 5
    assert min(cited[k] for k in site.filter_sources) >= max(
        c for k, c in cited.items() if k not in site.filter_sources
    )


def test_every_page_has_its_own_meta_description(paged_site: Path) -> None:
    found = {}
    for page in sorted(paged_site.rglob("*.html")):
        match = re.search(r'<meta name="description" content="([^"]{40,300})">', page.read_text())
        assert match, page
        found[page] = match.group(1)
    assert len(set(found.values())) == len(found)


def test_source_page_marks_every_expression_and_links_its_entry(site: Path) -> None:
    html = (site / "sources" / "003_413b558a031f2e5a.html").read_text(encoding="utf-8")
    assert html.count('class="timex') == 2
    assert 'href="../index.html#entry-2022-09-15-xi-putin-talks-9e3a"' in html
    assert "Updated: 15 Sep 2022, 06:26 PM IST" in html  # how the date was found
    assert "from a date line in the text" in html
    undated = (site / "sources" / "001_1bb006a956a83ea0.html").read_text(encoding="utf-8")
    assert '<mark class="timex" id="t-' in undated  # an expression that feeds no entry
    assert "no publication date found" in undated
    assert undated.count("<p>") > 20  # paragraphs preserved


def test_sources_page_lists_undated_documents_and_problems(site: Path) -> None:
    html = (site / "sources.html").read_text(encoding="utf-8")
    assert "2 documents carry no publication date" in html
    assert (
        "seeds/notes.docx: not a text, Markdown, HTML or JSONL file; convert it to .txt or .md"
        in html
    )
    assert 'href="https://www.example.org/news/xi-putin-uzbekistan"' in html


def test_entities_page_links_entries(site: Path) -> None:
    html = (site / "entities.html").read_text(encoding="utf-8")
    assert re.search(r'Samarkand</span> <span class="entity-kind">place', html)
    assert 'href="./index.html#entry-2022-09-16-sco-sessions-c0de"' in html


def test_report_has_numbered_references_and_print_css(site: Path) -> None:
    html = (site / "report.html").read_text(encoding="utf-8")
    assert (
        '<li id="ref-3">Xi and Putin Meet in Uzbekistan for Security Summit, Example News' in html
    )
    assert '<span class="url">https://www.example.org/news/xi-putin-uzbekistan</span>' in html
    assert 'href="#ref-4">[4]</a>' in html
    assert (
        'Sources disagree: Thu 15 Sep 2022 according to <a class="ref" href="#ref-3">[3]</a>'
        in html
    )
    # Each sentence is printed once: the summary is not repeated above its own quote.
    assert '<p class="summary">' not in html
    css = (site / "static" / "print.css").read_text(encoding="utf-8")
    assert "counter(pages)" in css and "break-inside: avoid" in css


@pytest.mark.parametrize("size", [60, 1], ids=["one-page", "paged"])
def test_render_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    monkeypatch.setattr(navigation, "PAGE_ENTRIES", size)
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    render_site(sample_timeline(), first, CONFIG)
    render_site(sample_timeline(), second, CONFIG)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_canonical_links_only_with_base_url(tmp_path: Path) -> None:
    render_site(
        sample_timeline(), tmp_path, replace(CONFIG, base_url="https://user.github.io/repo/")
    )
    html = (tmp_path / "sources.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://user.github.io/repo/sources.html">' in html
    assert 'href="https://user.github.io/repo/static' not in html


def test_colours_go_into_generated_css(tmp_path: Path) -> None:
    render_site(sample_timeline(), tmp_path, replace(CONFIG, colors={"accent": "#aa0000"}))
    css = (tmp_path / "static" / "theme.css").read_text(encoding="utf-8")
    assert "--accent: #aa0000; --accent-dark: #8ab4ff;" in css


def test_user_templates_override_ours(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "static").mkdir(parents=True)
    (templates / "entities.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Who is who</h1>{% endblock %}',
        encoding="utf-8",
    )
    (templates / "static" / "extra.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    render_site(sample_timeline(), out, replace(CONFIG, templates=templates))
    assert "<h1>Who is who</h1>" in (out / "entities.html").read_text(encoding="utf-8")
    assert (out / "static" / "extra.css").is_file()
    assert "<h1>Sources</h1>" in (out / "sources.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        pytest.param("003_413b558a031f2e5a", "003_413b558a031f2e5a", id="plain-id-kept"),
        pytest.param("../../evil", "evil-", id="traversal"),
        pytest.param("a/b", "a-b-", id="slash"),
        pytest.param("a-b", "a-b", id="differs-from-slash"),
        pytest.param("", "document-", id="empty"),
        pytest.param("é", "document-", id="non-ascii"),
    ],
)
def test_safe_name(identifier: str, expected: str) -> None:
    name = safe_name(identifier)
    assert name.startswith(expected)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", name)


def test_output_path_refuses_to_leave_the_folder(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(BuildError, match=r"'\.\./site-evil/x\.html': output path leaves"):
        output_path(tmp_path / "site", "../site-evil/x.html")
    assert (
        output_path(tmp_path / "site", "sources/a.html")
        == (tmp_path / "site/sources/a.html").resolve()
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://example.org/a", "https://example.org/a", id="https"),
        pytest.param("HTTP://example.org", "HTTP://example.org", id="http-upper"),
        pytest.param("javascript:alert(1)", None, id="javascript"),
        pytest.param(" JavaScript:alert(1)", None, id="javascript-spaced"),
        pytest.param("data:text/html,<script>", None, id="data"),
        pytest.param("//evil.example/x", None, id="protocol-relative"),
        pytest.param("https://a.example/\nb", None, id="newline"),
        pytest.param(None, None, id="none"),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("markdown", "present", "absent"),
    [
        pytest.param("**bold**", "<strong>bold</strong>", "**", id="bold"),
        pytest.param("<script>alert(1)</script>", "", "<script", id="script"),
        pytest.param("[x](javascript:alert(1))", "<a", "javascript:", id="js-link"),
        pytest.param('<img src=x onerror="alert(1)">', "", "onerror", id="img-onerror"),
        pytest.param(
            "[x](https://example.org)", 'href="https://example.org"', "javascript", id="link"
        ),
    ],
)
def test_intro_markdown_is_sanitised(markdown: str, present: str, absent: str) -> None:
    html = str(render_markdown(markdown))
    assert present in html
    assert absent not in html


def test_key_entries_are_the_top_quarter() -> None:
    timeline = sample_timeline()
    assert key_threshold(timeline.entries) == 0.55
    site = build_site(timeline, CONFIG)
    assert [v.entry.id for v in site.entries if v.key] == [
        "2001-sco-founded-5d1c",
        "2022-09-15-xi-putin-talks-9e3a",
    ]


def test_week_is_drawn_as_a_range() -> None:
    timeline = sample_timeline()
    week = replace(
        timeline.entries[-1],
        id="week",
        date="2022-W37",
        start=date(2022, 9, 12),
        end=date(2022, 9, 18),
    )
    view = build_site(replace(timeline, entries=(week,)), CONFIG).entries[0]
    assert (view.when, view.span) == ("week of Mon 12 Sep 2022", "12 Sep 2022 – 18 Sep 2022")


@pytest.mark.parametrize(
    ("first", "last", "bars", "ends"),
    [
        pytest.param(
            "2022-09-01", "2022-09-30", 30, ("Thu 1 Sep 2022", "Fri 30 Sep 2022"), id="days"
        ),
        pytest.param("2020-01", "2022-09", 33, ("January 2020", "September 2022"), id="months"),
        pytest.param("1950", "2022", 73, ("1950", "2022"), id="years"),
        pytest.param("1650", "2012", 37, ("1650s", "2010s"), id="decades-for-centuries-of-history"),
        pytest.param("0800", "2012", 13, ("800–899", "2000–2099"), id="centuries"),
    ],
)
def test_overview_strip_stays_readable(first: str, last: str, bars: int, ends: tuple) -> None:
    timeline = sample_timeline()
    entries = tuple(
        replace(timeline.entries[-1], id=value, date=value, start=span.start, end=span.end)
        for value in (first, last)
        for span in [period(value)]
        if span is not None
    )
    strip = build_site(replace(timeline, entries=entries), CONFIG).bars
    assert (len(strip), strip[0].label, strip[-1].label) == (bars, *ends)
    assert [bar.count for bar in strip if bar.count] == [1, 1]


def test_coarse_and_approximate_dates_are_labelled_as_such() -> None:
    timeline = sample_timeline()
    base = timeline.entries[-1]
    about = replace(base.events[0], time=replace(base.events[0].time, value="1909", mod="APPROX"))
    entries = tuple(
        replace(base, id=value, date=value, start=span.start, end=span.end, events=events)
        for value, events in (("16", base.events), ("1909", (about,)), ("2009", base.events))
        for span in [period(value)]
        if span is not None
    )
    site = build_site(replace(timeline, entries=entries), CONFIG)
    assert [v.when for v in site.entries] == ["17th century", "about 1909", "2009"]
    headings = [g.heading for year in site.years for g in year.groups]
    assert headings == ["17th century", "Whole of 1909", "Whole of 2009"]


def test_entity_index_joins_short_names_and_kinds() -> None:
    timeline = sample_timeline()
    base = timeline.entries[-1]
    people = (("Putin", "Xi", "Australia"), ()), (("Vladimir Putin", "Xi Jinping"), ("Australia",))
    entries = tuple(
        replace(base, id=f"e{i}", actors=actors, places=places)
        for i, (actors, places) in enumerate(people)
    )
    site = build_site(replace(timeline, entries=entries), CONFIG)
    assert [(e.name, e.kind, len(e.entries)) for e in site.entities] == [
        ("Australia", "place", 2),
        ("Vladimir Putin", "actor", 2),
        ("Xi Jinping", "actor", 2),
    ]
    assert {v.entity_keys for v in site.entries} == {"e1 e2 e3"}


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    timeline = sample_timeline()
    doc = replace(
        timeline.documents[0],
        title="</script><script>alert(1)</script>",
        url="javascript:alert(1)",
        source='"><img src=x onerror=alert(1)>',
    )
    hostile = replace(timeline, documents=(doc, *timeline.documents[1:]))
    render_site(hostile, tmp_path, CONFIG)
    for page in tmp_path.rglob("*.html"):
        collected = parse(page)
        assert collected.inline_scripts == 0 and collected.event_handlers == [], page
        assert "javascript:" not in " ".join(collected.links), page
    source = (tmp_path / "sources" / "000_4fa99d7d2180e4ad.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "(not a web address; not linked)" in source


def test_pdf_report_is_written_and_deterministic(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("weasyprint", reason="pip install '.[pdf]'")
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    render_site(sample_timeline(), first, replace(CONFIG, pdf=True))
    render_site(sample_timeline(), second, replace(CONFIG, pdf=True))
    pdf = (first / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf == (second / "report.pdf").read_bytes()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    # Every page offers the PDF it was built with, by a link relative to where it is.
    for page in sorted(first.rglob("*.html")):
        root = "../" * len(page.relative_to(first).parts[1:]) or "./"
        assert f'href="{root}report.pdf"' in page.read_text(encoding="utf-8"), page


def test_pdf_is_linked_only_when_built(site: Path) -> None:
    assert not (site / "report.pdf").exists()
    for page in sorted(site.rglob("*.html")):
        assert "report.pdf" not in page.read_text(encoding="utf-8"), page


def test_pdf_first_page_starts_the_entries(site: Path) -> None:
    """The title block shares page 1 with the first entries: no cover two-thirds blank."""
    weasyprint = pytest.importorskip("weasyprint", reason="pip install 'timeline[pdf]'")
    first = weasyprint.HTML(filename=str(site / "report.html")).render().pages[0]
    boxes = [b for b in first._page_box.descendants() if getattr(b, "element", None) is not None]
    entries = [b for b in boxes if "entry" in (b.element.get("class") or "").split()]
    assert entries, "no entry on page 1"
    bottom = max(b.position_y + b.height for b in boxes if b.element_tag in ("article", "li"))
    assert bottom > 0.6 * first.height, (bottom, first.height)


def test_pdf_without_weasyprint_names_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes `import weasyprint` fail
    with pytest.raises(
        BuildError,
        match=r"report\.pdf needs WeasyPrint.*pip install weasyprint.*pip install '\.\[pdf\]'"
        r".*apt-get install libpango-1\.0-0 libpangoft2-1\.0-0",
    ):
        render_site(sample_timeline(), tmp_path, replace(CONFIG, pdf=True))

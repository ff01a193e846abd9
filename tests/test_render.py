"""The render stage: pages, links, escaping, safe paths, determinism, the report."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONFIG, sample_timeline

from timeline.errors import BuildError
from timeline.render import output_path, render_site
from timeline.render.views import build_site, key_threshold, render_markdown, safe_name, safe_url
from timeline.timevalue import period

# ---------------------------------------------------------------- the hand-built fixture


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
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
            '<form class="filters" id="filters" role="search" '
            'aria-label="Filter the timeline" hidden>',
            "filters hidden until the script shows them",
            id="filters-hidden",
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


def test_internal_links_resolve(site: Path) -> None:
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
    assert 'href="index.html#entry-2022-09-16-sco-sessions-c0de"' in html


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


def test_render_is_deterministic(tmp_path: Path) -> None:
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

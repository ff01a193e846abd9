"""The site in a real browser: headless Chromium (Debian's), driven by Playwright.

Skipped when Chromium is not installed, unless TIMELINE_REQUIRE_BROWSER=1 (CI) makes that a
failure. Never run `playwright install`: the system Chromium is used as is.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin
from urllib.request import urlopen

import pytest
from conftest import CONFIG

from timeline.config import Config
from timeline.pipeline import build
from timeline.serve import make_server, server_url

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile"
CHROMIUM = Path(os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOOK_DIALOGS = """
window.__alerts = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => { window.__alerts.push(name + ":" + String(message)); };
}
"""


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} not found: install Chromium (apt-get install chromium)"
    if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _build(inputs: Path, out: Path) -> Path:
    """Build `inputs` through the whole pipeline, as `timeline build` does."""
    config = Config(
        title=CONFIG.title,
        intro=CONFIG.intro,
        inputs=(inputs,),
        output=out,
        cache=None,
        processes=1,
    )
    build(config)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(ROOT / "seeds", tmp_path_factory.mktemp("seeds") / "site")


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds in pages of at most 4 entries, as a long timeline is split."""
    from timeline.render import navigation

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(navigation, "PAGE_ENTRIES", 4)
        return _build(ROOT / "seeds", tmp_path_factory.mktemp("paged") / "site")


@pytest.fixture(scope="module")
def paged_server(paged: Path) -> Iterator[str]:
    server = _Server(paged, "/repo/")
    yield server.url
    server.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    workdir = tmp_path_factory.mktemp("hostile")
    inputs = workdir / "input"
    shutil.copytree(HOSTILE, inputs)
    site = _build(inputs, workdir / "out" / "site")
    return workdir, site


class _Server:
    def __init__(self, site: Path, base_path: str) -> None:
        self.httpd = make_server(site, port=0, base_path=base_path)
        self.url = server_url(self.httpd, base_path)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def root_server(site: Path) -> Iterator[str]:
    server = _Server(site, "/")
    yield server.url
    server.close()


@pytest.fixture(scope="module")
def sub_server(site: Path) -> Iterator[str]:
    server = _Server(site, "/repo/")
    yield server.url
    server.close()


class Watch:
    """Console errors, page errors, failed requests and dialogs of one page."""

    def __init__(self, page: object) -> None:
        self.problems: list[str] = []
        page.on(
            "console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}")
        )
        page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on(
            "response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}")
        )
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))


def _open(browser: object, url: str, **context: object) -> tuple[object, object, Watch]:
    ctx = browser.new_context(**context)
    ctx.add_init_script(HOOK_DIALOGS)
    page = ctx.new_page()
    watch = Watch(page)
    page.goto(url)
    return ctx, page, watch


class _Entries(HTMLParser):
    """The entries of index.html with their filter data, read without a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "article" and "entry" in values.get("class", "").split():
            self.entries.append(values)


def _entries(site: Path, page: str = "index.html") -> list[dict[str, str]]:
    parser = _Entries()
    parser.feed((site / page).read_text(encoding="utf-8"))
    assert parser.entries, "the site has no entries to test with"
    return parser.entries


def _pages(site: Path) -> dict[str, list[dict[str, str]]]:
    """Each page of the timeline, in the pager's order (index.html first), to its entries."""
    html = (site / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<a href="\./([^"]+)" data-page="\d+"', html)
    assert names[0] == "index.html" and len(names) == 1 + len(list(site.glob("periods/*.html")))
    return {name: _entries(site, name) for name in names}


def _visible_ids(page: object) -> list[str]:
    return page.eval_on_selector_all(
        "article.entry", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )


# ---------------------------------------------------------------- loading


@pytest.mark.parametrize("where", ["file", "root", "subpath"])
def test_site_loads_without_errors(
    browser: object, site: Path, root_server: str, sub_server: str, where: str
) -> None:
    base = {"file": site.resolve().as_uri() + "/", "root": root_server, "subpath": sub_server}[
        where
    ]
    for page_name in ("index.html", "sources.html", "entities.html", "report.html"):
        ctx, page, watch = _open(browser, urljoin(base, page_name))
        if page_name == "index.html":
            # The script ran (under the CSP, also from file://): the filters work.
            page.wait_for_selector("#filters[data-ready]", timeout=5000)
            assert page.is_visible(".theme-toggle")
        ctx.close()
        assert watch.problems == [], f"{where} {page_name}"


def test_subpath_server_answers_only_under_its_path(browser: object, sub_server: str) -> None:
    ctx = browser.new_context()
    assert ctx.request.get(sub_server + "index.html").status == 200
    assert ctx.request.get(sub_server.replace("/repo/", "/index.html")).status == 404
    assert ctx.request.get(sub_server + "%2e%2e/%2e%2e/%2e%2e/etc/passwd").status == 404
    assert ctx.request.get(sub_server.rstrip("/"), max_redirects=0).status == 301
    ctx.close()


@pytest.mark.parametrize(
    ("host", "message"),
    [
        pytest.param("0.0.0.0", "host '0.0.0.0' is not a loopback address", id="all-interfaces"),
        pytest.param("192.168.1.5", "host '192.168.1.5' is not a loopback address", id="lan"),
    ],
)
def test_serve_listens_on_loopback_only(site: Path, host: str, message: str) -> None:
    from timeline.errors import ConfigError

    with pytest.raises(ConfigError, match=re.escape(message)):
        make_server(site, port=0, host=host)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("/", "/"), ("repo", "/repo/"), ("/repo", "/repo/"), ("/a/b/", "/a/b/"), ("", "/")],
)
def test_base_path_is_normalised(given: str, expected: str) -> None:
    from timeline.serve import normalise_base_path

    assert normalise_base_path(given) == expected


@pytest.mark.parametrize("which", ["one-page", "paged"])
def test_every_internal_link_resolves(
    browser: object, root_server: str, paged_server: str, which: str
) -> None:
    root_server = {"one-page": root_server, "paged": paged_server}[which]
    ctx = browser.new_context()
    page = ctx.new_page()
    watch = Watch(page)
    seen: set[str] = set()
    queue = [root_server + "index.html"]
    fragments: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        links = page.eval_on_selector_all("[href], [src]", "els => els.map(e => e.href || e.src)")
        for link in links:
            target, fragment = urldefrag(link)
            if not target.startswith(root_server):
                continue
            if fragment:
                fragments.append((url, target, fragment))
            if target.endswith(".html"):
                queue.append(target)
            elif target not in seen:
                seen.add(target)
                assert ctx.request.get(target).status == 200, f"{url} -> {target}"
    ids: dict[str, set[str]] = {}
    for source, target, fragment in fragments:
        if target not in ids:
            page.goto(target)
            ids[target] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        from urllib.parse import unquote

        assert unquote(fragment) in ids[target], f"{source} -> {target}#{fragment}"
    ctx.close()
    assert watch.problems == []
    assert len(seen) >= 12


# ---------------------------------------------------------------- behaviour


def test_filters_and_search(browser: object, site: Path) -> None:
    entries = _entries(site)
    ctx, page, watch = _open(browser, (site / "index.html").resolve().as_uri())
    page.wait_for_selector("#filters[data-ready]")
    assert len(_visible_ids(page)) == len(entries)

    source = entries[-1]["data-sources"].split()[0]
    page.select_option("#f-source", source)
    expected = [e["id"] for e in entries if source in e["data-sources"].split()]
    assert _visible_ids(page) == expected
    assert page.text_content("#filter-status") == (
        f"Showing {len(expected)} of {len(entries)} entries."
        if len(expected) < len(entries)
        else ""
    )
    page.click("#f-reset")
    page.wait_for_function(
        f"() => document.querySelectorAll('article.entry:not([hidden])').length == {len(entries)}"
    )

    year = entries[0]["data-year"]
    page.select_option("#f-year", year)
    assert _visible_ids(page) == [e["id"] for e in entries if e["data-year"] == year]
    page.click("#f-reset")

    with_entities = [e for e in entries if e["data-entities"]]
    if with_entities:
        entity = with_entities[0]["data-entities"].split()[0]
        page.select_option("#f-entity", entity)
        assert _visible_ids(page) == [
            e["id"] for e in entries if entity in e["data-entities"].split()
        ]
        page.click("#f-reset")

    page.check("#f-key")
    assert _visible_ids(page) == [e["id"] for e in entries if e["data-key"] == "1"]
    page.click("#f-reset")

    page.select_option("#f-status", "expected")
    assert _visible_ids(page) == [e["id"] for e in entries if e["data-status"] == "expected"]
    page.click("#f-reset")

    target = entries[-1]["id"]
    headline = page.text_content(f"#{target}-h").strip()
    page.fill("#f-search", headline)
    page.wait_for_function(
        "() => document.getElementById('filter-status').textContent !== ''"
        if len(entries) > 1
        else "() => true"
    )
    assert target in _visible_ids(page)
    page.fill("#f-search", "zzqxv nothing matches this")
    page.wait_for_selector("#no-match:not([hidden])")
    assert _visible_ids(page) == []
    assert page.is_hidden(".year")  # empty year and month sections are hidden too
    ctx.close()
    assert watch.problems == []


def test_permalink_shows_its_entry_even_when_filtered_out(browser: object, site: Path) -> None:
    entries = _entries(site)
    target = entries[-1]["id"]
    uri = (site / "index.html").resolve().as_uri()
    ctx, page, watch = _open(browser, f"{uri}#{target}")
    page.wait_for_selector("#filters[data-ready]")
    assert page.evaluate("location.hash") == f"#{target}"
    assert page.is_visible(f"#{target}")
    box = page.locator(f"#{target}").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    # Hide it with a search, then follow its permalink: the filters are cleared.
    page.evaluate("location.hash = ''")
    page.fill("#f-search", "zzqxv nothing matches this")
    page.wait_for_selector("#no-match:not([hidden])")
    page.evaluate(f"location.hash = '{target}'")
    page.wait_for_selector(f"#{target}:not([hidden])")
    assert page.input_value("#f-search") == ""
    ctx.close()
    assert watch.problems == []


def test_filtered_view_can_be_shared_by_its_address(browser: object, root_server: str) -> None:
    ctx, page, watch = _open(browser, root_server + "index.html")
    page.wait_for_selector("#filters[data-ready]")
    entity = page.eval_on_selector(
        "#f-entity", "s => s.options[s.options.length - 1].getAttribute('data-slug')"
    )
    page.select_option("#f-entity", index=page.eval_on_selector("#f-entity", "s => s.length - 1"))
    page.check("#f-key")
    page.fill("#f-search", "Putin")
    page.wait_for_function("() => location.search.includes('q=Putin')")
    address = page.url
    assert f"entity={entity}" in address and "key=1" in address, address
    shown = _visible_ids(page)
    ctx.close()

    # Someone else opens the shared address: the same filters, the same entries.
    ctx, page, watch_shared = _open(browser, address)
    page.wait_for_selector("#filters[data-ready]")
    assert page.is_checked("#f-key") and page.input_value("#f-search") == "Putin"
    assert _visible_ids(page) == shown
    page.click("#f-reset")
    page.wait_for_function("() => location.search === ''")
    ctx.close()
    # An address naming a source or name this build lacks shows everything, without errors.
    ctx, page, watch_stale = _open(browser, root_server + "index.html?entity=nobody&year=1066")
    page.wait_for_selector("#filters[data-ready]")
    assert len(_visible_ids(page)) == page.locator("article.entry").count()
    ctx.close()
    assert watch.problems == watch_shared.problems == watch_stale.problems == []


@pytest.mark.parametrize("where", ["file", "subpath"])
def test_permalink_to_index_finds_the_entry_on_its_page(
    browser: object, paged: Path, paged_server: str, where: str
) -> None:
    pages = _pages(paged)
    assert len(pages) >= 3
    last_page, entries = list(pages.items())[-1]
    target = entries[-1]["id"]
    base = {"file": paged.resolve().as_uri() + "/", "subpath": paged_server}[where]
    # An old link (index.html#entry-...) from before the timeline grew into pages.
    ctx, page, watch = _open(browser, urljoin(base, "index.html") + f"?q=&year=#{target}")
    page.wait_for_url(f"**/{last_page}*#{target}")
    page.wait_for_selector("#filters[data-ready]")
    assert page.is_visible(f"#{target}")
    box = page.locator(f"#{target}").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    # A month section's old address finds its page as well.
    month = re.findall(r'<section class="month" id="([^"]+)"', (paged / last_page).read_text())[-1]
    page.goto(urljoin(base, "index.html") + f"#{month}")
    page.wait_for_url(f"**/{last_page}#{month}")
    # An id no page holds still says so, after looking it up.
    page.goto(urljoin(base, "index.html") + "#entry-000000000000")
    page.wait_for_function(
        "() => document.getElementById('filter-status').textContent.includes('not on this')"
    )
    ctx.close()
    assert watch.problems == []


def test_filters_search_every_page(browser: object, paged: Path) -> None:
    pages = _pages(paged)
    here = pages["index.html"]
    elsewhere = [(name, e) for name, es in list(pages.items())[1:] for e in es]
    ctx, page, watch = _open(browser, (paged / "index.html").resolve().as_uri())
    page.wait_for_selector("#filters[data-ready]")
    assert page.is_hidden("#elsewhere")
    # A status present on other pages only: none here, all of them listed below.
    wanted = elsewhere[-1][1]["data-status"]
    page.select_option("#f-status", wanted)
    expected = [e["id"] for _, e in elsewhere if e["data-status"] == wanted]
    page.wait_for_selector("#elsewhere:not([hidden])")
    links = page.eval_on_selector_all("#elsewhere-list a", "as => as.map(a => a.href)")
    shown_here = [e["id"] for e in here if e["data-status"] == wanted]
    assert _visible_ids(page) == shown_here
    assert [urldefrag(link)[1] for link in links] == expected[: len(links)]
    assert len(links) == min(len(expected), 50)
    status = page.text_content("#filter-status")
    assert f"{len(expected)} more on other pages" in status, status
    # A search for one entry's headline on the last page; its link keeps the filter.
    name, target = elsewhere[-1]
    page.click("#f-reset")
    page.wait_for_selector("#elsewhere", state="hidden")
    headline = (paged / name).read_text(encoding="utf-8")
    headline = re.search(rf'id="{target["id"]}-h">([^<]+)<', headline).group(1)
    page.fill("#f-search", headline.replace("&#39;", "'").replace("&amp;", "&"))
    page.wait_for_selector(f"#elsewhere-list a[href$='#{target['id']}']")
    page.click(f"#elsewhere-list a[href$='#{target['id']}']")
    page.wait_for_url(f"**/{name}?q=*")
    page.wait_for_selector("#filters[data-ready]")
    assert page.is_visible(f"#{target['id']}")
    assert page.input_value("#f-search")  # the search came along
    ctx.close()
    assert watch.problems == []


def test_pager_walks_every_page_in_order(browser: object, paged_server: str, paged: Path) -> None:
    pages = _pages(paged)
    ctx, page, watch = _open(browser, paged_server + "index.html")
    seen = []
    while True:
        seen.append(page.url.removeprefix(paged_server))
        assert page.locator("article.entry").count() <= 4
        nxt = page.locator(".pager-bottom a[rel=next]")
        if nxt.count() == 0:
            break
        nxt.click()
        page.wait_for_load_state()
    assert seen == list(pages)
    ctx.close()
    assert watch.problems == []


def test_link_to_an_entry_that_is_gone_says_so(browser: object, site: Path) -> None:
    uri = (site / "index.html").resolve().as_uri()
    ctx, page, watch = _open(browser, f"{uri}#entry-000000000000")
    page.wait_for_selector("#filters[data-ready]")
    assert "linked entry is not on this timeline" in page.text_content("#filter-status")
    ctx.close()
    assert watch.problems == []


def test_theme_toggle_cycles_and_is_remembered(browser: object, root_server: str) -> None:
    ctx, page, watch = _open(browser, root_server + "index.html", color_scheme="light")
    page.click(".theme-toggle")
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    page.click(".theme-toggle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 22, 26)"
    page.goto(root_server + "sources.html")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    ctx.close()
    assert watch.problems == []


def test_every_entry_is_readable_without_javascript(browser: object, site: Path) -> None:
    entries = _entries(site)
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto((site / "index.html").resolve().as_uri())
    assert page.is_hidden("#filters")  # nothing that needs the script is offered
    assert _visible_ids(page) == [e["id"] for e in entries]
    for e in entries[:50]:
        headline = page.locator(f"#{e['id']}-h")
        headline.scroll_into_view_if_needed()  # off-screen entries are laid out when reached
        assert headline.inner_text().strip()
    page.click(f"#{entries[0]['id']} details summary")  # expanders work without script
    assert page.is_visible(f"#{entries[0]['id']} .mention .quote")
    ctx.close()


LAYOUT_SHIFT = """
() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const shift of list.getEntries()) { if (!shift.hadRecentInput) { total += shift.value; } }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 500);
})
"""


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 390, "height": 844}, id="phone"),
        pytest.param({"width": 1280, "height": 800}, id="desktop"),
    ],
)
def test_nothing_moves_when_the_script_runs(
    browser: object, root_server: str, viewport: dict
) -> None:
    ctx, page, watch = _open(
        browser,
        root_server + "index.html",
        viewport=viewport,
        is_mobile=viewport["width"] < 500,
    )
    page.wait_for_selector("#filters[data-ready]")
    assert page.evaluate(LAYOUT_SHIFT) <= 0.01  # Lighthouse's "good" is 0.1; we allow none
    ctx.close()
    assert watch.problems == []


def test_theme_button_is_named_by_its_visible_label(browser: object, root_server: str) -> None:
    ctx, page, watch = _open(browser, root_server + "index.html")
    page.wait_for_selector("#filters[data-ready]")
    for _ in range(3):  # WCAG 2.5.3: the accessible name contains the text a reader sees
        label = page.inner_text(".theme-toggle").strip()
        name = page.get_attribute(".theme-toggle", "aria-label")
        assert label.startswith("Theme: ") and name.startswith(label), (label, name)
        page.click(".theme-toggle")
    ctx.close()
    assert watch.problems == []


def test_filters_apply_from_the_keyboard(browser: object, site: Path) -> None:
    entries = _entries(site)
    ctx, page, watch = _open(browser, (site / "index.html").resolve().as_uri())
    page.wait_for_selector("#filters[data-ready]")
    page.focus("#f-search")
    page.keyboard.type("zzqxv nothing matches this")
    page.keyboard.press("Enter")  # submits the form: applied at once, no page load
    page.wait_for_selector("#no-match:not([hidden])")
    page.fill("#f-search", "")
    page.focus("#f-apply")
    page.keyboard.press("Enter")
    page.wait_for_selector("#no-match", state="hidden")
    assert len(_visible_ids(page)) == len(entries)
    ctx.close()
    assert watch.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(
    browser: object, root_server: str, paged_server: str, scheme: str
) -> None:
    axe_playwright = pytest.importorskip(
        "axe_playwright_python.sync_playwright", reason="pip install axe-playwright-python"
    )
    axe = axe_playwright.Axe()
    ctx = browser.new_context(color_scheme=scheme)
    page = ctx.new_page()
    pages = ["index.html", "sources.html", "entities.html", "report.html"]
    page.goto(root_server + "sources.html")
    pages.append(page.eval_on_selector(".source-list a", "a => a.getAttribute('href')"))
    page.goto(paged_server + "index.html")
    last = page.eval_on_selector_all(".page-list a", "as => as[as.length - 1].href")
    pages += [paged_server + "index.html", last]
    problems = []
    for name in pages:
        page.goto(name if name.startswith("http") else root_server + name)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    ctx.close()
    assert problems == []


def _pa11y() -> str | None:
    """pa11y's command: $PA11Y, or the copy scripts/test installs into .tools/ with npm."""
    named = os.environ.get("PA11Y") or str(ROOT / ".tools" / "node_modules" / ".bin" / "pa11y")
    return named if Path(named).exists() else shutil.which("pa11y")


def test_pa11y_finds_no_errors(root_server: str, paged_server: str, tmp_path: Path) -> None:
    """HTML_CodeSniffer (WCAG 2 AA) through pa11y, in Debian's Chromium: no errors anywhere."""
    import json
    import subprocess

    _require_browser()
    command = _pa11y()
    if command is None:
        message = "pa11y missing: scripts/test installs it (npm install --prefix .tools pa11y)"
        if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1" and shutil.which("npm"):
            pytest.fail(message)
        pytest.skip(message)
    config = tmp_path / "pa11y.json"
    launch = {"executablePath": str(CHROMIUM), "args": [*ARGS, "--headless"]}
    config.write_text(json.dumps({"standard": "WCAG2AA", "chromeLaunchConfig": launch}))
    pages = [root_server + n for n in ("index.html", "sources.html", "entities.html")]
    pages += [root_server + "report.html", paged_server + "index.html"]
    html = urlopen(paged_server + "index.html").read().decode()  # noqa: S310 - our server
    pages.append(paged_server + re.findall(r'href="\./(periods/[^"]+)"', html)[-1])
    pages.append(root_server + re.findall(r'href="\./(sources/[^"]+)"', html)[0])
    errors = []
    for url in pages:
        done = subprocess.run(
            [command, "--config", str(config), "--reporter", "json", url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.stdout.strip().startswith("["), done.stderr[-1500:]
        errors += [
            f"{url}: {i['code']} {i['selector']}"
            for i in json.loads(done.stdout)
            if i["type"] == "error"
        ]
    assert errors == []


# ---------------------------------------------------------------- hostile input


def test_hostile_corpus_runs_no_script_and_writes_nothing_outside(
    browser: object, hostile: tuple[Path, Path]
) -> None:
    workdir, site = hostile
    outside = sorted(
        p.relative_to(workdir).as_posix()
        for p in workdir.rglob("*")
        if p.is_file()
        and not p.resolve().is_relative_to(site.resolve())
        and not p.resolve().is_relative_to((workdir / "input").resolve())
    )
    assert outside == []
    assert not (workdir / "evil.html").exists() and not (workdir / "out" / "evil.html").exists()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 5
    for page_path in pages:
        html = page_path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), page_path
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.IGNORECASE), page_path
        ctx, page, watch = _open(browser, page_path.resolve().as_uri())
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.wait_for_timeout(50)
        alerts = page.evaluate("window.__alerts")
        ctx.close()
        assert alerts == [], page_path
        assert watch.problems == [], page_path

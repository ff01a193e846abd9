"""`timeline serve`: port errors in one line, and the live rebuild as you edit, on a real server
on 127.0.0.1 and in a real browser."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS

from timeline.cli import main
from timeline.config import load_config
from timeline.errors import ConfigError
from timeline.live import LiveSite, snapshot
from timeline.serve import LIVE_PREFIX, make_server

SEED = "003_413b558a031f2e5a.txt"
CHROMIUM = Path(os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium"))
WAIT = 120  # seconds for a rebuild at most, on a busy machine


def _get(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - loopback only
        return answer.read().decode("utf-8")


# ------------------------------------------------------------------ ports


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>t</title><body>hello</body>")
    return site


def test_busy_port_is_one_clear_line(built: Path, busy_port: int, capsys) -> None:
    with pytest.raises(ConfigError, match=f"port {busy_port} on 127.0.0.1 is already in use"):
        make_server(built, port=busy_port)
    assert main(["serve", str(built), "--port", str(busy_port)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"choose another port with --port, e.g. --port {busy_port + 1}" in err


def test_busy_port_is_named_before_the_first_build(
    project: Path, busy_port: int, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.pipeline

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built before the port was checked")

    monkeypatch.setattr(timeline.pipeline, "build", no_build)
    monkeypatch.chdir(project)
    assert main(["serve", "--port", str(busy_port)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: port {busy_port} on 127.0.0.1 is already in use")
    assert err.count("\n") == 1


@pytest.mark.parametrize("port", [70000, -1])
def test_out_of_range_port_is_one_clear_line(built: Path, port: int, capsys) -> None:
    assert main(["serve", str(built), "--port", str(port)]) == 1
    assert capsys.readouterr().err == (
        f"error: --port {port} is not a port number: use one from 1024 to 65535, "
        "or 0 for any free port\n"
    )


def test_serves_on_loopback_only(built: Path) -> None:
    server = make_server(built, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
    with pytest.raises(ConfigError, match="not a loopback address"):
        make_server(built, port=0, host="0.0.0.0")  # noqa: S104 - the refused case


def test_answers_only_requests_addressed_to_this_machine(built: Path) -> None:
    server = make_server(built, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        for host, status in [("localhost", 200), ("127.0.0.1", 200), ("evil.example", 403)]:
            request = urllib.request.Request(url, headers={"Host": f"{host}:80"})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
                    assert (host, answer.status) == (host, status)
            except urllib.error.HTTPError as error:
                assert (host, error.code) == (host, status)
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ watching


def test_snapshot_sees_edits_additions_and_removals_not_hidden_files(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("one")
    before = snapshot([tmp_path])
    (tmp_path / ".swp").write_text("editor scratch")
    assert snapshot([tmp_path]) == before
    article.write_text("one, edited")
    edited = snapshot([tmp_path])
    assert edited != before and set(edited) == {str(article)}
    (tmp_path / "b.md").write_text("two")
    assert set(snapshot([tmp_path])) == {str(article), str(tmp_path / "b.md")}
    article.unlink()
    assert set(snapshot([tmp_path])) == {str(tmp_path / "b.md")}


# ------------------------------------------------------------------ live rebuild


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "articles").mkdir(parents=True)
    (root / "layouts").mkdir()
    shutil.copy(SEEDS / SEED, root / "articles" / SEED)
    (root / "timeline.toml").write_text(
        'title = "Live"\ninputs = ["articles"]\ntemplates = "layouts"\n'
        f'cache = "{(tmp_path / "cache").as_posix()}"\nprocesses = 1\n'
    )
    return root


@pytest.fixture
def live(project: Path) -> Iterator[tuple[LiveSite, str]]:
    settings = project / "timeline.toml"
    site = LiveSite(load_config(settings), settings, port=0, say=lambda line: None)
    url = site.start()
    yield site, url
    site.stop()


def _wait_state(url: str, since: int) -> dict:
    """The server's state once a rebuild after version `since` has happened."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        state = json.loads(_get(_origin(url) + f"wait?since={since}"))
        if state["version"] != since:
            return state
    raise AssertionError(f"no rebuild within {WAIT} s")


def _origin(url: str) -> str:
    scheme, _, host = url.split("/", 3)[:3]
    return f"{scheme}//{host}{LIVE_PREFIX}"


def _edit(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 2  # a later time even on file systems with coarse timestamps
    os.utime(path, (later, later))


def test_edits_rebuild_a_broken_edit_keeps_the_last_good_site(
    project: Path, live: tuple[LiveSite, str]
) -> None:
    site, url = live
    page = _get(url)
    # The reload script is in the page as served, never in the files that are published.
    assert f'<script src="{LIVE_PREFIX}live.js"></script></body>' in page
    on_disk = [p.read_text() for p in site.site.rglob("*.html")]
    assert len(on_disk) > 3 and not any(LIVE_PREFIX in text for text in on_disk)
    assert "locked" not in page

    article = project / "articles" / SEED
    _edit(
        article,
        article.read_text() + "\nThe summit hall was locked on 18 September 2022.\n",
    )
    state = _wait_state(url, 0)
    assert state == {"version": 1, "error": None}
    assert "locked" in _get(url)

    # A broken template: its error is served to the page, the last good site stays.
    _edit(project / "layouts" / "index.html", "{% if %}broken{% endif %}")
    state = _wait_state(url, 1)
    assert state["version"] == 2 and "layouts/index.html" in state["error"]
    assert "locked" in _get(url)

    # Fixed: the next rebuild succeeds and clears the error.
    (project / "layouts" / "index.html").unlink()
    assert _wait_state(url, 2) == {"version": 3, "error": None}


def test_open_page_reloads_after_an_edit_and_shows_a_failed_one(
    project: Path, live: tuple[LiveSite, str]
) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} not found: install Chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    _, url = live
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            page.evaluate("window.__before_reload = true")
            article = project / "articles" / SEED
            # The page's own content-security policy is in force: the script must pass it.
            with page.expect_navigation(timeout=WAIT * 1000):
                _edit(article, article.read_text() + "\nThe hall was locked on 18 Sep 2022.\n")
            assert page.evaluate("window.__before_reload") is None
            assert "locked" in page.content()

            _edit(project / "layouts" / "index.html", "{% if %}broken{% endif %}")
            alert = page.locator("#timeline-live-error")
            alert.wait_for(timeout=WAIT * 1000)
            assert "The last edit did not build" in alert.inner_text()
            assert "layouts/index.html" in alert.inner_text()
            assert "locked" in page.content()  # the page stays as it was
        finally:
            browser.close()

"""`timeline serve` with settings: rebuild as the inputs, settings or templates change.

As `mkdocs serve` and `hugo server` do: the site is built into a temporary folder (the
published output stays as it is), served on this machine, and rebuilt after every change;
the open page reloads itself. A rebuild goes through the cache, so only changed articles are
parsed again. A rebuild that fails leaves the last good site served and its error shown in
the page.

Changes are found by polling file times and sizes twice a second rather than through a
watcher library: it needs no dependency, works the same on network shares and container
mounts where change notifications are not delivered, and a few thousand `stat` calls a
poll cost milliseconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.config import Config, load_config
from timeline.errors import TimelineError
from timeline.render.pages import TEMPLATES
from timeline.serve import LiveState, check_port, make_server, server_url

POLL_SECONDS = 0.5
SETTLE_SECONDS = 0.3  # editors save in several writes: rebuild once the files are still
Snapshot = dict[str, tuple[int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Modification time and size of every file under `paths`, hidden ones left out."""
    found: Snapshot = {}
    for root in paths:
        if root.is_file():
            _note(found, root)
            continue
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for name in files:
                if not name.startswith("."):
                    _note(found, Path(folder) / name)
    return found


def _note(found: Snapshot, path: Path) -> None:
    try:
        info = path.stat()
    except OSError:  # gone between the listing and the stat: the next poll sees it gone
        return
    found[str(path)] = (info.st_mtime_ns, info.st_size)


def watched(config: Config, settings: Path | None) -> list[Path]:
    """What a rebuild depends on: the inputs, the settings file and both template folders."""
    paths = [*config.inputs, TEMPLATES]
    if config.templates is not None:
        paths.append(config.templates)
    if settings is not None:
        paths.append(settings)
    return [path for path in paths if path.exists()]


@dataclass
class LiveSite:
    """Builds, serves and rebuilds one project; `start` returns once the first build is up."""

    config: Config
    settings: Path | None = None  # timeline.toml, read again when it changes
    port: int = 8000
    base_path: str = "/"
    today: date | None = None
    state: LiveState = field(default_factory=LiveState)
    say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)

    def start(self) -> str:
        """Build once (errors are raised: there is no good site yet), serve, start watching;
        return the address to open."""
        check_port(self.port)
        self._folder = Path(tempfile.mkdtemp(prefix="timeline-serve-"))
        self._stop = threading.Event()
        try:
            self._seen = snapshot(watched(self.config, self.settings))
            self._build(self.config)
            self._server = make_server(
                self.site, port=self.port, base_path=self.base_path, live=self.state
            )
        except BaseException:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        self._threads = [
            threading.Thread(target=self._server.serve_forever, daemon=True),
            threading.Thread(target=self._watch, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return server_url(self._server, self.base_path)

    def stop(self) -> None:
        """Stop watching and serving, and remove the temporary site."""
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        shutil.rmtree(self._folder, ignore_errors=True)

    @property
    def site(self) -> Path:
        """The folder served: a temporary one, so the published output stays as it was."""
        return self._folder / "site"

    def _served_config(self, config: Config) -> Config:
        return config.with_overrides(output=self.site, strict=False, pdf=False)

    def _build(self, config: Config) -> None:
        from timeline.pipeline import build

        started = time.perf_counter()
        _, report = build(self._served_config(config), today=self.today)
        seconds = time.perf_counter() - started
        self.say(f"rebuilt in {seconds:.1f} s: {report.summary(None)}")

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            now = snapshot(watched(self.config, self.settings))
            if now == self._seen:
                continue
            while not self._stop.wait(SETTLE_SECONDS):  # until the edit is finished
                settled = snapshot(watched(self.config, self.settings))
                if settled == now:
                    break
                now = settled
            self._seen = now
            self._rebuild()

    def _rebuild(self) -> None:
        try:
            config = load_config(self.settings) if self.settings is not None else self.config
            self._build(config)
        except Exception as error:  # noqa: BLE001 - any failure is shown, the server goes on
            message = str(error)
            if not isinstance(error, TimelineError):  # a template's error, say: name its kind
                message = f"{type(error).__name__}: {message}"
            self.say(f"rebuild failed, still serving the last good site: {message}")
            self.state.publish(message)
            return
        self.config = config
        self.state.publish(None)


def serve_live(settings: Path, *, port: int, base_path: str, today: date | None) -> None:
    """Build the project of `settings`, serve it and rebuild on every change until Ctrl+C."""
    live = LiveSite(load_config(settings), settings, port, base_path, today)
    url = live.start()
    # `kill` as well as Ctrl+C: either way the temporary site is removed.
    signal.signal(signal.SIGTERM, _interrupt)
    live.say(f"Serving {settings} at {url}, rebuilding as its files change (Ctrl+C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        live.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt

"""`timeline serve`: preview a built site on this machine, at the root or under a sub-path.

Serving under a sub-path ("/repo/") reproduces GitHub Pages project sites, so a preview
shows the same relative links that will be published. With a `LiveState` (see
`timeline.live`), every page served gets a small script that reloads it after each rebuild
and shows a failed rebuild's error; the files on disk never carry it.
"""

from __future__ import annotations

import errno
import functools
import io
import ipaddress
import json
import logging
import posixpath
import socket
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from timeline.errors import ConfigError

log = logging.getLogger(__name__)

LIVE_PREFIX = "/__timeline__/"  # the preview's own endpoints, outside any base path
WAIT_SECONDS = 20.0  # a long poll is answered at the latest after this
# Reloads the page when the site was rebuilt; shows a failed rebuild's error over the page.
# The site's content-security policy allows it: a script and a fetch from the same origin.
LIVE_SCRIPT = """\
"use strict";
(() => {
  let seen = null;
  const show = (error) => {
    let box = document.getElementById("timeline-live-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "timeline-live-error";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {position: "fixed", inset: "auto 0 0 0", margin: "0",
        padding: "1em", maxHeight: "50vh", overflow: "auto", whiteSpace: "pre-wrap",
        background: "#7a0c0c", color: "#fff", font: "14px/1.4 monospace", zIndex: "2147483647"});
      document.body.append(box);
    }
    box.textContent = "The last edit did not build; this is the last good site.\\n\\n" + error;
  };
  const poll = async () => {
    for (;;) {
      try {
        const answer = await fetch("/__timeline__/wait?since=" + (seen === null ? -1 : seen),
                                   {cache: "no-store"});
        const state = await answer.json();
        if (seen !== null && state.version !== seen && !state.error) {
          location.reload();
          return;
        }
        seen = state.version;
        show(state.error);
      } catch (error) {
        await new Promise((resolve) => setTimeout(resolve, 1000));  // the server restarts
      }
    }
  };
  poll();
})();
"""
_SCRIPT_TAG = f'<script src="{LIVE_PREFIX}live.js"></script>'.encode()


class LiveState:
    """The number of the latest rebuild and its error, if it failed; requests wait on it."""

    def __init__(self) -> None:
        self.version = 0
        self.error: str | None = None
        self._changed = threading.Condition()

    def publish(self, error: str | None) -> None:
        """Record a rebuild (None when it succeeded) and wake every waiting page."""
        with self._changed:
            self.version += 1
            self.error = error
            self._changed.notify_all()

    def wait(self, since: int, timeout: float = WAIT_SECONDS) -> tuple[int, str | None]:
        """The state once it differs from version `since`, or as it is after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != since, timeout)
            return self.version, self.error


def normalise_base_path(base_path: str) -> str:
    """ "repo" -> "/repo/"; "/" stays "/"."""
    parts = [p for p in base_path.strip().split("/") if p]
    if any(p in (".", "..") for p in parts):
        raise ConfigError(f"base path {base_path!r} must not contain '.' or '..'; use e.g. /repo/")
    return "/" + "".join(p + "/" for p in parts)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Handler(SimpleHTTPRequestHandler):
    """Static files from one folder, answering only under the base path."""

    base_path = "/"
    live: LiveState | None = None
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".ics": "text/calendar",
        ".csv": "text/csv; charset=utf-8",
    }

    def _routed(self) -> str | None:
        path = urlsplit(self.path).path
        if path == self.base_path.rstrip("/") and self.base_path != "/":
            return "redirect"
        if not path.startswith(self.base_path):
            return None
        return "/" + path[len(self.base_path) :]

    def _from_this_machine(self) -> bool:
        """A Host header naming this machine: a page elsewhere whose name was pointed at
        127.0.0.1 (DNS rebinding) must not read the articles or the build's errors."""
        host = urlsplit("//" + self.headers.get("Host", "")).hostname or ""
        return _is_loopback(host)

    def do_GET(self) -> None:
        if not self._from_this_machine():
            self.send_error(HTTPStatus.FORBIDDEN, "Open this preview as 127.0.0.1 or localhost")
        elif self.live is not None and urlsplit(self.path).path.startswith(LIVE_PREFIX):
            self._live_endpoint()
        else:
            super().do_GET()

    def _live_endpoint(self) -> None:
        url = urlsplit(self.path)
        name = url.path[len(LIVE_PREFIX) :]
        if name == "live.js":
            self._send(LIVE_SCRIPT.encode(), "text/javascript")
        elif name == "wait":
            try:
                since = int(parse_qs(url.query).get("since", ["-1"])[0])
            except ValueError:
                since = -1
            version, error = self.live.wait(since)
            self._send(
                json.dumps({"version": version, "error": error}).encode(), "application/json"
            )
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, body: bytes, content_type: str) -> None:
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page reloaded or closed while it waited: nobody to answer

    def send_head(self):  # noqa: ANN201 - signature of the base class
        if not self._from_this_machine():  # HEAD comes here without do_GET
            self.send_error(HTTPStatus.FORBIDDEN, "Open this preview as 127.0.0.1 or localhost")
            return None
        routed = self._routed()
        if routed is None:
            self.send_error(HTTPStatus.NOT_FOUND, f"Not under {self.base_path}")
            return None
        if routed == "redirect":
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.base_path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        query = urlsplit(self.path).query
        self.path = routed + (f"?{query}" if query else "")
        page = self._page()
        if self.live is not None and page is not None:
            return self._live_page(page)
        return super().send_head()

    def _page(self) -> Path | None:
        """The HTML file this request is for, if it is one."""
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?")[0].endswith("/"):
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def _live_page(self, page: Path) -> io.BytesIO:
        """The page with the reload script before </body>: only as served, never on disk."""
        body = page.read_bytes()
        at = body.rfind(b"</body>")
        body = body[:at] + _SCRIPT_TAG + body[at:] if at >= 0 else body + _SCRIPT_TAG
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        # The base class already refuses "..": normalise again so nothing leaves the folder.
        clean = posixpath.normpath(unquote(urlsplit(path).path))
        parts = [p for p in clean.split("/") if p and p not in (".", "..")]
        target = Path(self.directory).joinpath(*parts)
        return str(target)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        log.debug("%s - %s", self.address_string(), format % args)


def make_server(
    site: Path,
    *,
    port: int = 8000,
    base_path: str = "/",
    host: str = "127.0.0.1",
    live: LiveState | None = None,
) -> ThreadingHTTPServer:
    """Create (not start) the preview server; port 0 picks a free port."""
    if not _is_loopback(host):
        raise ConfigError(
            f"host {host!r} is not a loopback address: the preview server only listens on this "
            "machine; use 127.0.0.1 or ::1"
        )
    check_port(port, host)
    if not (site / "index.html").is_file():
        raise ConfigError(f"{site}: no index.html here; run `timeline build` first")
    handler = type(
        "Handler", (_Handler,), {"base_path": normalise_base_path(base_path), "live": live}
    )
    server_class = ThreadingHTTPServer
    if ":" in host:
        server_class = type("Server6", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
    try:
        return server_class((host, port), functools.partial(handler, directory=str(site.resolve())))
    except OSError as error:
        raise ConfigError(_bind_problem(host, port, error)) from None


def check_port(port: int, host: str = "127.0.0.1") -> None:
    """Fail now, with make_server's message, when `port` cannot be listened on (before a long
    first build rather than after it)."""
    if not 0 <= port <= 65535:
        raise ConfigError(
            f"--port {port} is not a port number: use one from 1024 to 65535, or 0 for any "
            "free port"
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ConfigError(_bind_problem(host, port, error)) from None


def _bind_problem(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another `timeline serve`, or another "
            f"server): stop it, or choose another port with --port, e.g. --port {port + 1}"
            if port < 65535
            else f"port {port} on {host} is already in use: choose another port with --port"
        )
    if error.errno == errno.EACCES:
        return (
            f"port {port} on {host} needs administrator rights: choose one from 1024 to 65535 "
            "with --port"
        )
    return f"cannot listen on {host} port {port} ({error.strerror or error}); try another --port"


def server_url(server: ThreadingHTTPServer, base_path: str = "/") -> str:
    """The address a browser opens for this server."""
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    return f"http://{shown}:{port}{normalise_base_path(base_path)}"


def serve(site: Path, *, port: int = 8000, base_path: str = "/", host: str = "127.0.0.1") -> None:
    """Serve the built site until interrupted, printing its address."""
    server = make_server(site, port=port, base_path=base_path, host=host)
    print(f"Serving {site} at {server_url(server, base_path)} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

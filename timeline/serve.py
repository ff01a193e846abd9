"""`timeline serve`: preview a built site on this machine, at the root or under a sub-path.

Serving under a sub-path ("/repo/") reproduces GitHub Pages project sites, so a preview
shows the same relative links that will be published.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import posixpath
import socket
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from timeline.errors import ConfigError

log = logging.getLogger(__name__)


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

    def send_head(self):  # noqa: ANN201 - signature of the base class
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
        return super().send_head()

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
    site: Path, *, port: int = 8000, base_path: str = "/", host: str = "127.0.0.1"
) -> ThreadingHTTPServer:
    """Create (not start) the preview server; port 0 picks a free port."""
    if not _is_loopback(host):
        raise ConfigError(
            f"host {host!r} is not a loopback address: the preview server only listens on this "
            "machine; use 127.0.0.1 or ::1"
        )
    if not (site / "index.html").is_file():
        raise ConfigError(f"{site}: no index.html here; run `timeline build` first")
    handler = type("Handler", (_Handler,), {"base_path": normalise_base_path(base_path)})
    server_class = ThreadingHTTPServer
    if ":" in host:
        server_class = type("Server6", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
    return server_class((host, port), functools.partial(handler, directory=str(site.resolve())))


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

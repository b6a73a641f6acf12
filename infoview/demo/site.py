"""Serve a folder of web pages on 127.0.0.1: the bundled sample site, and test fixtures.

The demo, the notebooks, the tests and the benchmarks research the bundled fictional
company site through this real HTTP server, so that nothing needs the internet
(:func:`sample_site` serves it once per process for the notebooks and the app).

A site folder may hold ``_headers.json``: ``{"/path": {"Header": "value"}}`` to send extra
or different headers for a path (a charset, a Retry-After, a content type).
"""

from __future__ import annotations

import atexit
import json
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from infoview.paths import data_dir

#: The sample person's page on the sample site.
SAMPLE_PERSON_PATH = "team/samira-okafor.html"

#: The made-up address the sample company (Kestrel Health Labs) has in the demo's store: the
#: store is made before the app serves the site, on a port that changes from run to run, so
#: the app reads this address from wherever the sample site is served at the time.
SAMPLE_SITE_HOST = "kestrel-health-labs.example"


def sample_site_dir() -> Path:
    """The bundled fictional company site."""
    return data_dir() / "sample_site"


class _Handler(SimpleHTTPRequestHandler):
    """Serves files from the site folder, logging each request and honouring the delay."""

    def __init__(self, *args, server_state: SiteServer, **kwargs):
        self._state = server_state
        super().__init__(*args, directory=str(server_state.root), **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._state._record(self.path)
        if self._state.delay:
            time.sleep(self._state.delay)
        super().do_GET()

    def end_headers(self) -> None:
        # a request too garbled to read (an https hello sent to this http server) has no path
        path = getattr(self, "path", "").split("?", 1)[0]
        for name, value in self._state.headers.get(path, {}).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # keep test output quiet
        pass


class SiteServer:
    """A running server for one site folder; use as a context manager or call ``close()``.

    Attributes:
        root: the folder served.
        url: the base URL, e.g. ``http://127.0.0.1:41234/``.
        requests: the paths requested so far, in order (thread-safe to read).
        delay: seconds every response waits before it is sent.
    """

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0, delay: float = 0.0):
        self.root = Path(root)
        if not self.root.is_dir():
            from infoview.errors import NotFound

            raise NotFound(f"No site folder at {self.root}")
        self.delay = delay
        headers_file = self.root / "_headers.json"
        self.headers = json.loads(headers_file.read_text()) if headers_file.exists() else {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, port), partial(_Handler, server_state=self))
        self._httpd.daemon_threads = True
        self.host, self.port = host, int(self._httpd.server_address[1])
        self.url = f"http://{self.host}:{self.port}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def _record(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)

    def close(self) -> None:
        """Stop serving and free the port."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SiteServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def serve(root: str | Path | None = None, host: str = "127.0.0.1", port: int = 0,
          delay: float = 0.0) -> SiteServer:
    """Serve a site folder (default: the bundled sample site) on a free loopback port.

    Args:
        root: the folder to serve; ``None`` serves the bundled sample company site.
        host: a loopback address (``127.0.0.2`` etc. give distinct hosts for politeness tests).
        port: ``0`` picks a free port.
        delay: seconds to wait before each response (simulates a slow network).

    Returns:
        A running :class:`SiteServer`; its ``url`` is the site's home page.
    """
    return SiteServer(Path(root) if root is not None else sample_site_dir(), host, port, delay)


_site_lock = threading.Lock()
_site: SiteServer | None = None


def sample_site() -> SiteServer:
    """The bundled sample site, served once per process on a free loopback port."""
    global _site
    with _site_lock:
        if _site is None:
            _site = serve()
            atexit.register(_site.close)
        return _site

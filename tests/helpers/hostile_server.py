"""A real HTTP server on loopback that misbehaves on purpose, for the fetcher's tests.

Each path is a behaviour (a huge body, a gzip bomb, a byte a second, a redirect loop, ...).
Every request is logged with its arrival time so tests can check what reached the server
and when. Used by tests/test_fetch*.py and tests/test_batch.py.
"""

from __future__ import annotations

import email.utils
import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MB = 1024 * 1024


def _bomb() -> bytes:
    """200 MB of zeros gzip-compressed to about 200 KB, built once.

    Building it takes seconds on a busy machine: tests call :func:`gzip_bomb` from a
    session fixture, before any client starts waiting, never inside a request.
    """
    if _bomb.cache is None:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = bytes(MB)
        _bomb.cache = b"".join(packer.compress(zeros) for _ in range(200)) + packer.flush()
    return _bomb.cache


_bomb.cache = None


def gzip_bomb() -> bytes:
    """The bomb /bomb serves (built on first call, then kept)."""
    return _bomb()


def needs_loopback(*hosts: str):
    """Skip a test where extra loopback addresses (127.0.0.2, ...) cannot be bound.

    Linux routes all of 127.0.0.0/8 to the loopback device; macOS only 127.0.0.1 unless
    aliases are added (``sudo ifconfig lo0 alias 127.0.0.2``).
    """
    import socket

    import pytest

    missing = []
    for host in hosts:
        try:
            with socket.socket() as probe:
                probe.bind((host, 0))
        except OSError:
            missing.append(host)
    return pytest.mark.skipif(bool(missing), reason=f"cannot bind {', '.join(missing)}: add "
                                                    "them as loopback aliases")


class Hostile:
    """A running misbehaving server: ``with Hostile(host) as srv: srv.url + "big"``.

    Attributes:
        log: ``(monotonic time, path)`` of every request, in arrival order.
        agents: the User-Agent of every request.
        client_ports: the client's port of every request (one port: one kept-alive connection).
        robots: the robots.txt body to serve, or ``None`` for a 404; ``robots_status``
            overrides the status of /robots.txt.
        routes: extra ``path -> (status, headers, body)`` answers a test may add.
        sent: bytes of body written per path by the streaming routes (/big, /big-declared)
            before the client hung up: how much a cap let through, measured by the server.
    """

    def __init__(self, host: str = "127.0.0.1"):
        self.log: list[tuple[float, str]] = []
        self.robots: str | None = None
        self.robots_status: int | None = None
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.sent: dict[str, int] = {}
        self.agents: list[str] = []
        self.client_ports: list[int] = []
        self._lock = threading.Lock()
        state = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                with state._lock:
                    state.log.append((time.monotonic(), self.path))
                    state.hits[self.path] = state.hits.get(self.path, 0) + 1
                    state.agents.append(self.headers.get("User-Agent", ""))
                    state.client_ports.append(self.client_address[1])
                try:
                    state._answer(self)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    pass  # the client hung up on purpose (caps, deadlines)

        self._httpd = _QuietServer((host, 0), Handler)
        self._httpd.daemon_threads = True
        self.host, self.port = self._httpd.server_address[:2]
        self.url = f"http://{self.host}:{self.port}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()

    def _count_sent(self, path: str, size: int) -> None:
        with self._lock:
            self.sent[path] = self.sent.get(path, 0) + size

    def paths(self) -> list[str]:
        """The paths requested so far."""
        with self._lock:
            return [path for _, path in self.log]

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path in self.routes:
            status, headers, body = self.routes[path]
            return _send(h, status, body, headers)
        if path == "/robots.txt":
            if self.robots_status is not None:
                return _send(h, self.robots_status, b"busy")
            if self.robots is None:
                return _send(h, 404, b"no robots here")
            return _send(h, 200, self.robots.encode(), {"Content-Type": "text/plain"})
        if path == "/big":            # 60 MB, no Content-Length: only the stream reveals it
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Connection", "close")
            h.end_headers()
            chunk = b"<p>" + b"a" * (64 * 1024 - 3)
            for _ in range(60 * 16):
                h.wfile.write(chunk)
                self._count_sent(path, len(chunk))
            return None
        if path == "/big-declared":   # honest Content-Length of 60 MB
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(60 * MB))
            h.end_headers()
            for _ in range(60 * 16):
                h.wfile.write(b"a" * 64 * 1024)
                self._count_sent(path, 64 * 1024)
            return None
        if path == "/bomb":
            return _send(h, 200, _bomb(), {"Content-Type": "text/html",
                                           "Content-Encoding": "gzip"})
        if path == "/gzip":
            html = "<html><body><h1>Zoë Ångström</h1></body></html>".encode()
            return _send(h, 200, gzip.compress(html),
                         {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"})
        if path == "/deflate-raw":
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = packer.compress(b"<html><body>raw deflate</body></html>") + packer.flush()
            return _send(h, 200, data, {"Content-Type": "text/html", "Content-Encoding": "deflate"})
        if path == "/drip":           # one byte a second, forever
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            for _ in range(100000):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(1.0)
            return None
        if path.startswith("/slow"):  # answers after 0.3 s
            time.sleep(0.3)
            return _send(h, 200, b"<html><body>slow</body></html>", {"Content-Type": "text/html"})
        if path == "/hang":           # accepts, never answers
            time.sleep(30)
            return None
        if path in ("/loop-a", "/loop-b"):
            other = "/loop-b" if path == "/loop-a" else "/loop-a"
            return _send(h, 302, b"", {"Location": other})
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            return _send(h, 301, b"", {"Location": f"/chain/{n + 1}"})
        if path == "/to-ok":
            return _send(h, 302, b"", {"Location": "/ok"})
        if path == "/to-linkedin":
            return _send(h, 302, b"", {"Location": "https://www.linkedin.com/in/someone"})
        if path == "/busy-once":      # 429 with Retry-After in seconds, then fine
            if self.hits[path] == 1:
                return _send(h, 429, b"slow down", {"Retry-After": "1"})
            return _send(h, 200, b"<html><body>welcome back</body></html>",
                         {"Content-Type": "text/html"})
        if path == "/busy-date":      # 503 with Retry-After as an HTTP date
            if self.hits[path] == 1:
                when = email.utils.formatdate(time.time() + 1, usegmt=True)
                return _send(h, 503, b"maintenance", {"Retry-After": when})
            return _send(h, 200, b"<html><body>back</body></html>", {"Content-Type": "text/html"})
        if path == "/busy-forever":
            return _send(h, 503, b"down", {"Retry-After": "3600"})
        if path == "/error":
            return _send(h, 500, b"<h1>Internal error</h1>", {"Content-Type": "text/html"})
        if path == "/report.pdf":
            return _send(h, 200, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                         {"Content-Type": "application/pdf"})
        if path == "/empty":
            return _send(h, 200, b"", {"Content-Type": "text/html"})
        if path == "/broken":
            return _send(h, 200, BROKEN_HTML, {"Content-Type": "text/html"})
        if path == "/no-type":
            return _send(h, 200, b"<!DOCTYPE html><html><body>untyped</body></html>", {})
        return _send(h, 200, f"<html><body><h1>page {path}</h1></body></html>".encode(),
                     {"Content-Type": "text/html; charset=utf-8"})

    def close(self) -> None:
        """Stop serving and free the port."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Hostile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # clients hanging up mid-connection is what these tests provoke


BROKEN_HTML = (b"<html><head><title>Broken <b>title</head><body><div><p>Unclosed <table><tr>"
               b"<td>cell<div></span></p></td><li>stray item<script>var x = '</div>';"
               b"<p attr=\"no end>text &amp &bogus; \x00 nul</html></html><p>after end")


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict | None = None) -> None:
    h.send_response(status)
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)

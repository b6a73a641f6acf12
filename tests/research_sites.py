"""Helpers for the research tests: fixture sites served on loopback, fast settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview.settings import Settings

SITES = Path(__file__).resolve().parent / "fixtures" / "sites"
#: The keys of ``infoview research company --json`` (DESIGN.md's contract).
CONTRACT_KEYS = {"url", "name", "description", "summary", "industry", "location", "founded",
                 "people", "news", "social", "pages", "facts", "fetched", "warnings"}
#: Fixture company sites that come with an ``expected.json``.
COMPANY_SITES = sorted(p.name for p in SITES.iterdir() if (p / "expected.json").exists())


def expected(name: str) -> dict:
    """The expected fields of a fixture site."""
    return json.loads((SITES / name / "expected.json").read_text(encoding="utf-8"))


def fast_settings(tmp_path: Path, **changes) -> Settings:
    """Settings for tests: no politeness delay, a cache file under ``tmp_path``."""
    base = Settings(host_delay=0.0, cache_path=tmp_path / "http-cache.sqlite", use_cache=False)
    return base.with_(**changes)


class SitePool:
    """Fixture sites served once per test module (stopping a server costs half a second).

    ``pool.get(name)`` returns the running server for a site with its request log cleared,
    so each test still sees only its own requests.
    """

    def __init__(self):
        self._servers: dict[str, object] = {}

    def get(self, name: str | None = None):
        from infoview.demo.site import serve

        key = name or "<sample>"
        if key not in self._servers:
            self._servers[key] = serve(SITES / name if name else None)
        server = self._servers[key]
        server.requests.clear()
        return server

    def close(self) -> None:
        import threading

        # each close waits for the server's poll interval: wait for them side by side
        threads = [threading.Thread(target=s.close) for s in self._servers.values()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self._servers.clear()


@pytest.fixture(scope="module")
def sites():
    """A :class:`SitePool` for one test module (import this fixture into the module)."""
    pool = SitePool()
    yield pool
    pool.close()

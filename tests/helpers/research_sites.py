"""Helpers for the research tests: fixture sites served on loopback, fast settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview.settings import Settings

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
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

    Ask it for a site rather than starting a server of your own: ``sites.get()`` is the
    bundled sample company, ``sites.get("team_table")`` a site of ``tests/fixtures/sites``,
    ``sites.get(folder)`` any folder of pages. Each ``get`` clears the server's request log,
    so each test still sees only its own requests.
    """

    def __init__(self):
        self._servers: dict[str, object] = {}

    def get(self, name: str | Path | None = None):
        """The server for fixture site ``name``, for a folder given as a path, or (``None``)
        for the bundled sample company."""
        from infoview.demo.site import serve

        key = str(name or "<sample>")
        if key not in self._servers:
            folder = name if isinstance(name, Path) else SITES / name if name else None
            self._servers[key] = serve(folder)
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
    """A :class:`SitePool` for one test module (conftest.py makes it visible to every module)."""
    pool = SitePool()
    yield pool
    pool.close()

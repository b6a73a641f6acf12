"""Fixtures shared by every test module, and a throwaway home for user data.

Shared here: ``store`` (an empty store in a fresh SQLite file), ``db`` (the path of a store
file that ``INFOVIEW_DB`` names, for CLI tests), ``sites`` (the fixture sites served on
loopback, one server per site for each test module, from ``helpers/research_sites.py``),
``small_frames`` (``helpers/_analytics_history.py``) and the browser (``chromium``, ``page``).
A module whose tests need records in the store overrides ``store`` with a fixture of the same
name that asks for this one and fills it. Helpers (servers, sample sites, records) live in
``tests/helpers/``, which pytest puts on the import path (``pyproject.toml``).

Browser tests use Debian's chromium (never a browser that Playwright downloads). Where it is
missing they skip with a message saying how to install it, except under ``CI=true``, where
a missing browser fails the run instead of hiding the browser tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# No test may touch the real user's data folder (database, HTTP cache, exports): point the
# user folders at a throwaway place for this process and every process it starts (CLI
# subprocesses, notebook kernels, Voila).
_USER_FOLDERS = tempfile.mkdtemp(prefix="infoview-test-home-")
os.environ["XDG_DATA_HOME"] = os.path.join(_USER_FOLDERS, "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_USER_FOLDERS, "cache")
os.environ["XDG_DOCUMENTS_DIR"] = os.path.join(_USER_FOLDERS, "Documents")
os.environ.pop("INFOVIEW_DB", None)

# Fixtures that several test modules share, made visible to all of them here instead of each
# module importing them (which would shadow the fixture with its own argument). Imported
# only now, so that nothing infoview computes at import time sees the real user folders.
from _analytics_history import small_frames  # noqa: E402, F401 (a fixture, found by name)
from research_sites import sites  # noqa: E402, F401 (a fixture, found by name)

from infoview.store import Store  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a fresh SQLite file, closed after the test."""
    with Store.open(tmp_path / "store.sqlite") as opened:
        yield opened


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The path of a store file not made yet, named by ``INFOVIEW_DB`` as a user's would be."""
    path = tmp_path / "infoview.sqlite"
    monkeypatch.setenv("INFOVIEW_DB", str(path))
    return path


CHROMIUM = os.environ.get("INFOVIEW_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MISSING_BROWSER = (
    "Debian's chromium is not installed, so the browser tests are skipped. "
    "Install it as root with: apt-get install -y chromium  (or run `make test` as root)."
)


def _browser_missing() -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(MISSING_BROWSER + " Under CI=true a skipped browser test is a failure.")
    pytest.skip(MISSING_BROWSER)


@pytest.fixture(scope="session")
def chromium():
    """A headless Playwright ``Browser`` running Debian's chromium, shared by the session."""
    if not os.path.exists(CHROMIUM):
        _browser_missing()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser page (own context) for one test."""
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def _computer_in(zone: str, monkeypatch) -> Iterator[None]:
    """This process's own time zone is ``zone`` while the test runs, as it was after."""
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def computer_in_tokyo(monkeypatch):
    """This process's own time zone is Asia/Tokyo for one test (the machines that run the
    tests are on UTC, which hides any confusion between UTC and the computer's zone)."""
    yield from _computer_in("Asia/Tokyo", monkeypatch)


@pytest.fixture
def computer_in_utc(monkeypatch):
    """This process's own time zone is UTC for one test, whatever the machine's: a test
    that names the computer's clock in its expected words."""
    yield from _computer_in("UTC", monkeypatch)

"""In a real browser: what the People page and Prepare show of a record, whole.

Seen in a browser pass: a meeting saved with seconds in its start (a debrief saved "now",
a calendar import) opened with an EMPTY time box (a browser's time box counts in minutes
and shows nothing for 14:03:27); and the People list, narrower than the Organizations
list, cut a long row at "... Northgate Community Credit Ur". Only a browser lays these
out. Served as ``infoview app`` serves a user's own store, driven by Debian's chromium;
every wait is for something to appear.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

import pytest
from browser_console import Console
from browser_layout import cut_off
from voila_server import serve_app

from infoview.cli.app import app_config
from infoview.models import Meeting, Organization, Person
from infoview.store import Store

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)

#: The values of the time boxes in sight, as the browser holds them ("" when it shows none).
TIME_BOXES = """() => [...document.querySelectorAll('input[type=time]')]
    .filter(e => e.offsetParent !== null).map(e => e.value)"""


@pytest.fixture
def served(tmp_path):
    """The app on a store holding one person with a long organization and a meeting held
    at 14:03:27 London time (in November: UTC)."""
    db = tmp_path / "mine.sqlite"
    config = app_config(argparse.Namespace(db=str(db), demo=False, out=str(tmp_path / "out")),
                        tmp_path)
    with Store.open(config.store) as store:
        store.add(Organization(name="Northgate Community Credit Union"))
        samira = store.add(Person(name="Samira Okafor", title="Head of user research",
                                  organization="Northgate Community Credit Union"))
        store.add(Meeting(person_id=samira.id, status="held", timezone="Europe/London",
                          starts_at=datetime(2026, 11, 20, 14, 3, 27, tzinfo=UTC)))
    with serve_app(tmp_path, config) as app:
        yield app


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_long_row_and_a_time_with_seconds_show_whole(chromium, served):
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        console = Console(page, served.base)
        page.goto(served.url, timeout=WAIT)
        nav = page.locator(".infoview-nav")
        nav.get_by_role("button", name="People", exact=True).click(timeout=WAIT)
        people = page.locator(".infoview-page-people")
        people.get_by_role("button", name="Choose this meeting").wait_for(timeout=WAIT)
        # Her row names her title and her whole organization, on one line or wrapped.
        assert cut_off(page) == []
        people.get_by_role("tab", name="Organizations").click()
        people.locator(".infoview-organization-card").wait_for(timeout=WAIT)
        assert cut_off(page) == []
        people.get_by_role("tab", name="People").click()
        # Her meeting's form shows its time, to the minute.
        people.get_by_role("button", name="Edit", exact=True).last.click(timeout=WAIT)
        people.get_by_role("button", name="Save changes").wait_for(timeout=WAIT)
        page.wait_for_function(f"() => ({TIME_BOXES})().includes('14:03')", timeout=WAIT)
        # So does Prepare's.
        nav.get_by_role("button", name="Prepare", exact=True).click(timeout=WAIT)
        page.locator(".infoview-page-prepare").wait_for(timeout=WAIT)
        page.wait_for_function(f"() => ({TIME_BOXES})().includes('14:03')", timeout=WAIT)
        assert console.problems == [], console.problems
    finally:
        context.close()

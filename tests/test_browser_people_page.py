"""The People page in a real browser, on the demo store: what only a browser shows.

The Organizations tab chooses the organization of the person worked on while the tab is
hidden; the kernel can say what is chosen, but only a browser shows whether the list
scrolled to it (a list of more organizations than it has rows kept its top in sight, the
choice below it). Served as ``infoview app --demo`` serves it, driven by Debian's chromium.
"""

from __future__ import annotations

import argparse

import pytest
from browser_console import Console
from voila_server import serve_app

from infoview.cli.app import app_config
from infoview.models import Organization
from infoview.store import Store

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)

#: Whether the chosen entry of the organizations list (the one in sight) is in view.
CHOICE_IN_VIEW = """() => {
    const lists = [...document.querySelectorAll('.infoview-page-people select[size]')]
        .filter(s => s.offsetParent !== null);
    if (lists.length !== 1 || lists[0].selectedIndex < 0) return false;
    const list = lists[0], option = list.options[list.selectedIndex];
    return option.offsetTop >= list.scrollTop
        && option.offsetTop + option.offsetHeight <= list.scrollTop + list.clientHeight + 1;
}"""


@pytest.fixture
def demo_app(tmp_path):
    """The app on a demo store, and the organization of the person it opens on."""
    config = app_config(argparse.Namespace(db=None, demo=True, out=str(tmp_path / "exports")),
                        tmp_path)
    with Store.open(config.store) as store:
        organizations = sorted((o.name for o in store.list(Organization)), key=str.casefold)
    with serve_app(tmp_path, config) as served:
        yield served, organizations


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_organizations_tab_shows_the_organization_of_the_person_worked_on(chromium,
                                                                               demo_app):
    served, organizations = demo_app
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        console = Console(page, served.base)
        page.goto(served.url, timeout=WAIT)
        page.locator(".infoview-nav").get_by_role("button", name="People",
                                                  exact=True).click(timeout=WAIT)
        people = page.locator(".infoview-page-people")
        page.locator(".infoview-selection b").first.wait_for(timeout=WAIT)  # Samira Okafor
        # Their meetings are on the user's clock, named once above them.
        people.locator(".infoview-zone-note").wait_for(timeout=WAIT)
        assert "your time zone (About me)" in people.locator(".infoview-zone-note").text_content()
        people.get_by_role("tab", name="Organizations").click()
        people.locator(".infoview-organization-card li", has_text="People you know there").wait_for(
            timeout=WAIT)
        organization = people.locator(".infoview-organization-card b").first.text_content()
        assert organizations.index(organization) >= 6  # below the list's six rows
        page.wait_for_function(CHOICE_IN_VIEW, timeout=WAIT)
        assert console.problems == [], console.problems
    finally:
        context.close()

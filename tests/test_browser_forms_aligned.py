"""About me and the People page's person form, at the 1100-pixel window a new user has: the
boxes start in one column, no label is cut, and a field's help sits under its box. Only a
browser lays the labels out (each box began where its own label ended: a ragged left edge).
Served as ``infoview app`` serves it, on an empty store, driven by Debian's chromium."""

from __future__ import annotations

import pytest
from browser_console import Console
from browser_layout import cut_off
from voila_server import serve_app

from infoview.app import AppConfig

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)

#: The left edges of the text boxes shown in ``root``, the labels cut short there, and the
#: left edges of the help lines under the boxes.
_EDGES = """root => {
    const shown = e => e.offsetParent !== null;
    const page = document.querySelector(root);
    const boxes = [...page.querySelectorAll('.widget-text input, .widget-textarea textarea')]
        .filter(shown).map(e => Math.round(e.getBoundingClientRect().left));
    const cut = [...page.querySelectorAll('.widget-label')].filter(shown)
        .filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent);
    return {boxes, cut};
}"""


@pytest.fixture
def lena(chromium, tmp_path):
    """A page of the app on an empty store, at 1100 pixels wide, and what its console says."""
    config = AppConfig(store=str(tmp_path / "lena.sqlite"), out_dir=str(tmp_path / "exports"))
    with serve_app(tmp_path, config) as app:
        context = chromium.new_context(viewport={"width": 1100, "height": 900})
        page = context.new_page()
        console = Console(page, app.base)
        page.goto(app.url, timeout=WAIT)
        yield page, console
        context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_about_me_and_the_person_form_line_their_boxes_up(lena):
    page, console = lena
    page.get_by_role("button", name="Fill in About me").click(timeout=WAIT)
    page.get_by_placeholder("e.g. Lena Fischer").wait_for(timeout=WAIT)
    about = page.evaluate(_EDGES, ".infoview-page-profile")
    assert len(about["boxes"]) == 9 and len(set(about["boxes"])) == 1, about
    assert about["cut"] == [] and cut_off(page) == []

    page.locator(".infoview-nav").get_by_role("button", name="People", exact=True).click()
    people = page.locator(".infoview-page-people")
    people.get_by_role("button", name="Add a person").click(timeout=WAIT)
    people.get_by_placeholder("e.g. Sam Okafor").wait_for(timeout=WAIT)
    form = page.evaluate(_EDGES, ".infoview-page-people")
    boxes = form["boxes"][1:]  # the first is the search box above the list
    assert len(boxes) == 7 and len(set(boxes)) == 1, form
    assert form["cut"] == [] and cut_off(page) == []
    help_line = people.get_by_text("Fills in the address when you open a draft")
    assert abs(help_line.bounding_box()["x"] - boxes[0]) <= 2  # under its box
    assert console.problems == [], console.problems

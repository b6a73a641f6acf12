"""Prepare's rows of several fields in a real browser: they end where the one-line fields
above and below them end, and the date's row has no empty gap before "Time" whether or not a
day is chosen (docs/screenshot.png showed both). Only a browser lays the rows out."""

from __future__ import annotations

import pytest
from voila_server import serve_app

from infoview.app import AppConfig

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)

#: The right edge of each shown text field, and the words beside the date box.
_EDGES = """() => {
  const page = document.querySelector('.infoview-page-prepare');
  const edge = e => Math.round(e.getBoundingClientRect().right);
  const field = p => edge(page.querySelector(`input[placeholder="${p}"]`));
  const place = [...page.querySelectorAll('.widget-text')].find(
      b => b.textContent.includes('Place or call link')).querySelector('input');
  return {role: field('e.g. UX researcher'), zone: field('e.g. Europe/London'),
          place: edge(place),
          words: page.querySelector('.infoview-day-words').innerText.trim()};
}"""


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(600)
def test_prepares_rows_end_with_the_fields_and_leave_no_gap(chromium, tmp_path):
    config = AppConfig(store=str(tmp_path / "s.sqlite"), out_dir=str(tmp_path / "out"))
    with serve_app(tmp_path, config) as app:
        context = chromium.new_context(viewport={"width": 1100, "height": 900})
        try:
            page = context.new_page()
            page.goto(app.url, timeout=WAIT)
            page.locator(".infoview-nav").get_by_role("button", name="Prepare",
                                                      exact=True).click(timeout=WAIT)
            page.get_by_role("button", name="Plan questions").wait_for(timeout=WAIT)
            seen = page.evaluate(_EDGES)
            # "Time zone" ran 35 px and "Place or call link" 49 px past the fields' edge
            assert seen["zone"] <= seen["role"] and seen["place"] <= seen["role"], seen
            assert seen["zone"] >= seen["role"] - 8 and seen["place"] >= seen["role"] - 8, seen
            assert seen["words"] == "no day agreed yet", seen
            page.locator(".infoview-page-prepare input[type=date]").fill("2026-12-14")
            page.wait_for_function(
                "() => document.querySelector('.infoview-day-words').innerText.trim()"
                " === 'Mon 14 Dec 2026'", timeout=WAIT)
        finally:
            context.close()

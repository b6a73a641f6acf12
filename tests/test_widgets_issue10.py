"""The rough edges a user hit in the panels (issue 10), each driven without a browser."""

from __future__ import annotations

from datetime import date, time

import pytest

from infoview.research.company import research_company
from infoview.research.person import research_person
from infoview.sample import serve
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.prepare import PreparePanel
from infoview.widgets.session import SAMPLE_PERSON_PATH
from infoview.workflow import keep_research


@pytest.fixture(scope="module")
def profiles(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache") / "http.sqlite"
    settings = Settings(host_delay=0.0, cache_path=cache)
    with serve() as site:
        return (research_company(site.url, settings=settings),
                research_person(site.url + SAMPLE_PERSON_PATH, settings=settings))


@pytest.fixture
def store(tmp_path, profiles):
    store = Store.open(tmp_path / "s.sqlite")
    keep_research(store, *profiles)
    return store


@pytest.fixture
def panel(store, tmp_path):
    return PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher",
                        industry="health tech", audience="career_changer", minutes=20)


# -- the prepare panel's first view ---------------------------------------------------------
def test_the_first_view_says_which_research_is_on_file(panel):
    note = panel.research_note.value
    assert "Research on file" in note and "Kestrel Health Labs" in note
    assert "Samira Okafor" in note


def test_a_stored_plan_opens_with_a_brief_that_shows_the_saved_research(panel, store, tmp_path):
    panel.date.value, panel.time.value = date(2026, 12, 1), time(14, 30)
    panel.plan_button.click()
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    again = PreparePanel(store, out_dir=tmp_path / "out")  # no Plan pressed
    assert again.picker.items, "the stored plan comes back"
    assert "No company research yet" not in again.preview.value
    assert "Kestrel Health Labs" in again.preview.value


def test_someone_without_research_is_told_so(panel):
    from infoview.models import Person

    other = panel.store.add(Person(name="Ola Nowak", organization="Nowhere Ltd"))
    panel.refresh_people()
    panel.person.value = other.id
    assert "No saved research" in panel.research_note.value

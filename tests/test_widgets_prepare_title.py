"""Prepare sets a title on the record and the one the person's researched page gives side
by side, and puts the page's on the record in one click.

Seen in a browser pass: Samira's LinkedIn import named her "head of user research"; her
page, researched and saved, says "Senior UX Researcher"; Prepare went on asking about the
first, saying nothing. Research never replaces a title on the record (the user may have
typed it, and the store does not keep where a title came from), so the user settles it.
Research is read from the sample site served on 127.0.0.1; the store is a real SQLite file.
"""

from __future__ import annotations

import pytest

from infoview.errors import BadInput
from infoview.flows.research import keep_research, title_to_check, use_researched_title
from infoview.models import Person
from infoview.research.company import research_company
from infoview.research.person import research_person
from infoview.settings import Settings
from infoview.widgets.prepare import PreparePanel
from infoview.widgets.session import SAMPLE_PERSON_PATH


@pytest.fixture(scope="module")
def profiles(tmp_path_factory, sites):
    cache = tmp_path_factory.mktemp("cache") / "http.sqlite"
    settings = Settings(host_delay=0.0, cache_path=cache)
    site = sites.get()
    return (research_company(site.url, settings=settings),
            research_person(site.url + SAMPLE_PERSON_PATH, settings=settings))


@pytest.fixture
def samira(store, profiles):
    """Samira as a LinkedIn import kept her, then her page researched and saved."""
    samira = store.add(Person(name="Samira Okafor", title="head of user research",
                              organization="Kestrel Health Labs"))
    keep_research(store, *profiles)
    return store.get(Person, samira.id)


def test_research_keeps_the_title_on_record_and_prepare_sets_both_side_by_side(
        store, samira, profiles, tmp_path):
    page_title = profiles[1].title
    assert page_title and page_title.casefold() != "head of user research"
    assert samira.title == "head of user research"  # research did not replace it
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    panel.person.value = samira.id
    assert panel.title_box.layout.display == ""
    said = panel.title_note.value
    assert f"Samira's page says <b>{page_title}</b>" in said
    assert "your records say <b>head of user research</b>" in said

    panel.use_title_button.click()
    assert store.get(Person, samira.id).title == page_title
    assert panel.title_box.layout.display == "none"
    assert panel.message.kind == "ok" and page_title in panel.message.text
    # Chosen again, the two agree: nothing more to say.
    again = PreparePanel(store, out_dir=tmp_path / "out")
    again.person.value = samira.id
    assert again.title_box.layout.display == "none"


def test_titles_that_agree_or_are_missing_are_not_set_side_by_side(samira, profiles):
    page = profiles[1]
    assert title_to_check(Person(name="S", title=page.title.upper()), page) is None
    assert title_to_check(Person(name="S", title=None), page) is None
    assert title_to_check(samira, None) is None
    assert title_to_check(samira, page) == page.title


def test_using_the_page_title_without_research_says_what_to_do(store):
    ada = store.add(Person(name="Ada Berg", title="Nurse"))
    with pytest.raises(BadInput, match="type it on their record"):
        use_researched_title(store, ada.id)
    assert store.get(Person, ada.id).title == "Nurse"

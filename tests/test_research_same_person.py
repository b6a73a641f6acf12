"""One person, whatever route research takes to their page.

Lena added "Sam Okafor, Kestrel Health" by hand. Researched by name, the kit found Sam's
page ("Samira Okafor" on it) and filled in Sam; researched by the page's address, Save made
a second person, "Samira Okafor". The one rule of ``match_person`` now knows a short form of
a given name at the same organization, and the person the user is working on; it still
never takes two clearly different people for one.
"""

from __future__ import annotations

import pytest
from research_sites import fast_settings

from infoview.flows.records import add_person
from infoview.flows.research import keep_research, research_for
from infoview.models import Person
from infoview.research.models import PersonProfile
from infoview.research.person import research_person
from infoview.settings import Settings
from infoview.store import Store
from infoview.store.matching import given_fits, match_person, names_fit
from infoview.widgets.app import App
from infoview.widgets.session import NotebookSession

PAGE = "team/samira-okafor.html"


@pytest.fixture(scope="module")
def samira(sites, tmp_path_factory) -> PersonProfile:
    """Sam's own page on the sample site, researched by its address (the page names her
    "Samira Okafor", of "Kestrel Health Labs")."""
    server = sites.get()
    profile = research_person(server.url + PAGE,
                              settings=fast_settings(tmp_path_factory.mktemp("cache")))
    assert (profile.name, profile.organization) == ("Samira Okafor", "Kestrel Health Labs")
    assert profile.own_page and profile.title
    return profile


def _people(store: Store) -> list[tuple[str, str | None]]:
    return [(p.name, p.organization) for p in store.list(Person)]


def test_her_page_researched_by_address_fills_in_the_sam_she_typed(tmp_path, samira):
    with Store.open(tmp_path / "lena.sqlite") as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health",
                               email="sam@kestrel.example", notes="met at the meetup"))
        kept = keep_research(store, person=samira)
        assert [p.id for p in store.list(Person)] == [sam.id], _people(store)
        assert kept.person is not None and kept.person.id == sam.id
        now = store.get(Person, sam.id)
        assert now.name == "Sam Okafor"  # the name she knows him by stays
        assert (now.email, now.notes) == ("sam@kestrel.example", "met at the meetup")
        assert now.title == samira.title and now.profile_url == samira.url
        _company, person = research_for(store, sam.id)  # the bio is Sam's to prepare with
        assert person is not None and person.bio == samira.bio
        keep_research(store, person=samira)  # saved again: still one person
        assert [p.id for p in store.list(Person)] == [sam.id]


def test_a_title_she_typed_is_not_replaced_by_the_pages(tmp_path, samira):
    with Store.open(tmp_path / "lena.sqlite") as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health",
                               title="UX lead (what he told me)"))
        keep_research(store, person=samira)
        assert store.get(Person, sam.id).title == "UX lead (what he told me)"


def test_the_pages_address_saved_on_her_finds_her_whatever_the_organization(tmp_path, samira):
    with Store.open(tmp_path / "lena.sqlite") as store:
        sam = store.add(Person(name="Sam O.", profile_url=samira.url))
        keep_research(store, person=samira)
        assert [p.id for p in store.list(Person)] == [sam.id]
        assert store.get(Person, sam.id).name == "Sam O."


def test_the_person_she_is_working_on_is_the_one_when_the_name_fits(tmp_path, samira):
    with Store.open(tmp_path / "lena.sqlite") as store:
        # No organization typed: only her choice in the app says the page is his.
        sam = store.add(Person(name="Sam Okafor"))
        kept = keep_research(store, person=samira, chosen=sam.id)
        assert kept.person.id == sam.id and len(store.list(Person)) == 1
        assert store.get(Person, sam.id).organization == "Kestrel Health Labs"  # filled in


@pytest.mark.parametrize("others", [
    [("Jo Okafor", "Kestrel Health")],           # another given name at the organization
    [("Sam Okafor", "Wren Robotics")],            # the short name at another organization
    [("Sam Okafor", None)],                        # nothing says where Sam works
    [("Sam Okafor", "Kestrel Health"), ("Sami Okafor", "Kestrel Health")],  # two fit: a guess
    [("Samira Okafor-Reyes", "Kestrel Health")],   # another family name
])
def test_clearly_different_people_or_a_guess_are_never_merged(tmp_path, samira, others):
    with Store.open(tmp_path / "lena.sqlite") as store:
        before = [store.add(Person(name=n, organization=o)).id for n, o in others]
        kept = keep_research(store, person=samira)
        assert kept.person.id not in before
        assert _people(store)[-1] == ("Samira Okafor", "Kestrel Health Labs")


def test_another_page_or_email_of_the_same_kind_is_someone_else(tmp_path, samira):
    with Store.open(tmp_path / "lena.sqlite") as store:
        other = store.add(Person(name="Sam Okafor", organization="Kestrel Health",
                                 profile_url="https://kestrel.example/team/sam-okafor"))
        kept = keep_research(store, person=samira)
        assert kept.person.id != other.id
    people = [Person(name="Sam Okafor", organization="Kestrel Health", email="sam@a.example",
                     id=1)]
    assert match_person(people, name="Samira Okafor", organization="Kestrel Health",
                        email="samira@b.example") is None
    assert match_person(people, name="Samira Okafor", organization="Kestrel Health",
                        email="SAM@a.example") is people[0]
    # A LinkedIn profile beside a bio page says nothing against her.
    people[0].profile_url = "https://www.linkedin.com/in/sam-okafor"
    assert match_person(people, name="Samira Okafor", organization="Kestrel Health Labs",
                        profile_url="https://kestrel.example/team/samira") is people[0]


def test_the_chosen_person_is_never_someone_whose_name_does_not_fit(tmp_path, samira):
    with Store.open(tmp_path / "lena.sqlite") as store:
        jo = store.add(Person(name="Jo Bell", organization="Kestrel Health"))
        kept = keep_research(store, person=samira, chosen=jo.id)
        assert kept.person.id != jo.id and store.get(Person, jo.id).name == "Jo Bell"
        assert store.get(Person, jo.id).profile_url is None


def test_the_chosen_person_decides_between_two_that_fit(tmp_path, samira):
    with Store.open(tmp_path / "lena.sqlite") as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        sami = store.add(Person(name="Sami Okafor", organization="Kestrel Health"))
        kept = keep_research(store, person=samira, chosen=sami.id)
        assert kept.person.id == sami.id and len(store.list(Person)) == 2
        assert store.get(Person, sam.id).profile_url is None


def test_which_names_fit():
    assert given_fits("sam", "samira") and given_fits("samira", "sam")
    assert given_fits("bill", "william") and given_fits("tom", "thomas")
    assert not given_fits("s", "samira")  # an initial alone is too little
    assert not given_fits("jo", "sam") and not given_fits("samira", "samantha")
    assert names_fit("Sam Okafor", "Samira Okafor") and names_fit("SAMIRA okafor", "Sam Okafor")
    assert names_fit("Samira J. Okafor", "Sam Okafor")
    assert not names_fit("Sam Okafor", "Sam Bell") and not names_fit("Okafor", "Sam Okafor")


def test_typing_a_short_name_by_hand_beside_a_researched_one_is_allowed(tmp_path):
    # Typed by hand, she knows best: only an exact twin is refused there.
    with Store.open(tmp_path / "lena.sqlite") as store:
        store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs"))
        add_person(store, name="Sam Okafor", organization="Kestrel Health")
        assert len(store.list(Person)) == 2


def test_in_the_app_the_page_researched_by_address_is_the_chosen_sams(tmp_path, sites):
    # The app, driven in the kernel: Sam is chosen in the "working on" bar; two Okafors at
    # Kestrel fit the page's "Samira", so only her choice says whose page it is.
    server = sites.get()
    with Store.open(tmp_path / "lena.sqlite") as store:
        store.add(Person(name="Sami Okafor", organization="Kestrel Health"))
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        settings = Settings(host_delay=0.0, cache_path=tmp_path / "cache.sqlite",
                            use_cache=False)
        session = NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                                  settings=settings, demo=False)
        app = App(session, background=False)
        app.choose(person_id=sam.id)
        assert "Working on: <b>Sam Okafor" in app.chosen.value
        panel = app.research
        panel.person_name.value = ""
        panel.person_url.value = server.url + PAGE
        panel.research_button.click()
        panel.wait()
        assert panel.person is not None and panel.person.name == "Samira Okafor"
        panel.save_button.click()
        assert len(store.list(Person)) == 2, _people(store)
        assert panel.saved.person.id == sam.id and app.selection.person_id == sam.id
        now = store.get(Person, sam.id)
        assert now.name == "Sam Okafor" and now.profile_url == server.url + PAGE
        assert "Saved" in panel.message.value and "Sam Okafor" in panel.message.value

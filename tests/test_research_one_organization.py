"""Research joins the organization the user typed instead of adding a second one.

Lena keeps "Kestrel Health" (typed by hand, with her own notes) and Sam at it; the site's
own name reads "Kestrel Health Labs". Saving the research, from the research panel or the
CLI, must leave one organization: hers, with what research found filled in where she left a
field empty, and nothing she typed replaced. Real fixture site on 127.0.0.1, real SQLite.
"""

from __future__ import annotations

import pytest
from research_sites import fast_settings

from infoview.cli import main
from infoview.flows.records import add_organization, add_person
from infoview.flows.research import keep_research, research_for
from infoview.models import Organization, Person, ResearchSnapshot
from infoview.research.company import research_company
from infoview.store import Store
from infoview.store.matching import match_organization
from infoview.text import org_variant
from infoview.widgets.research import ResearchPanel
from infoview.widgets.session import SAMPLE_PERSON_PATH


@pytest.fixture(scope="module")
def site(sites):
    return sites.get()


def _typed(store: Store, name: str = "Kestrel Health", **fields) -> Organization:
    org = add_organization(store, name=name, location="Bristol (by the harbour)",
                           notes="Lena's own notes", **fields)
    add_person(store, name="Sam Okafor", organization=name)
    return org


def test_the_research_panel_fills_the_organization_typed_by_hand(site, tmp_path):
    store = Store.open(tmp_path / "s.sqlite")
    typed = _typed(store)
    panel = ResearchPanel(store, settings=fast_settings(tmp_path), background=False,
                          company_url=site.url, person_url=site.url + SAMPLE_PERSON_PATH)
    panel.research()
    assert panel.company.name == "Kestrel Health Labs"
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    [org] = store.list(Organization)
    assert org.id == typed.id and org.name == "Kestrel Health"  # her name, not the site's
    assert org.location == "Bristol (by the harbour)" and org.notes == "Lena's own notes"
    assert org.website == site.url and org.industry == panel.company.industry  # filled in
    snapshots = store.list(ResearchSnapshot)
    assert {s.organization_id for s in snapshots} == {typed.id}
    person = store.get(Person, snapshots[0].person_id)
    assert person.organization == "Kestrel Health"  # one name for her and the organization
    company, found = research_for(store, person.id)
    assert company is not None and company.name == "Kestrel Health Labs" and found is not None


def test_the_cli_joins_the_organization_with_the_same_website(site, db, capsys):
    """Saved under a nickname, but with the site's address: the host says it is the same."""
    with Store.open(db) as store:
        typed = add_organization(store, name="KHL", website=site.url + "about")
    assert main(["research", "company", site.url, "--delay", "0", "--no-cache", "--save"]) == 0
    capsys.readouterr()
    with Store.open(db) as store:
        [org] = store.list(Organization)
        [snapshot] = store.list(ResearchSnapshot)
    assert (org.id, org.name, org.website) == (typed.id, "KHL", site.url + "about")
    assert snapshot.organization_id == typed.id


def test_a_person_researched_alone_joins_the_typed_organization(site, db, capsys):
    with Store.open(db) as store:
        typed = _typed(store)
    assert main(["research", "person", "--name", "Sam Okafor", "--site", site.url,
                 "--delay", "0", "--no-cache", "--save"]) == 0
    capsys.readouterr()
    with Store.open(db) as store:
        assert [o.id for o in store.list(Organization)] == [typed.id]
        [person] = store.list(Person)
        [snapshot] = store.list(ResearchSnapshot)
    assert person.organization == "Kestrel Health" and person.title == "Senior UX Researcher"
    assert snapshot.organization_id == typed.id


@pytest.mark.parametrize("other", ["Kestrel", "Kestrel Health Group", "Kestrel Care"])
def test_an_organization_that_is_not_plainly_the_same_stays_apart(site, tmp_path, other):
    """"Kestrel" is not "Kestrel Health Labs" written shorter (Health is no suffix), and a
    different ending is a different name: research adds its own organization."""
    store = Store.open(tmp_path / "s.sqlite")
    add_organization(store, name=other)
    company = research_company(site.url, settings=fast_settings(tmp_path))
    kept = keep_research(store, company=company)
    assert sorted(o.name for o in store.list(Organization)) == sorted([other,
                                                                      "Kestrel Health Labs"])
    assert kept.organization is not None and kept.organization.name == "Kestrel Health Labs"


def test_two_candidates_are_not_guessed_between(tmp_path):
    store = Store.open(tmp_path / "s.sqlite")
    add_organization(store, name="Kestrel Health", website="https://one.example/")
    add_organization(store, name="Kestrel Health Inc", website="https://one.example/x")
    orgs = store.list(Organization)
    assert match_organization(orgs, name="Kestrel Health Labs Group") is None
    assert match_organization(orgs, website="https://www.one.example/") is None
    assert match_organization(orgs, name="kestrel health").id == orgs[0].id  # exact wins


@pytest.mark.parametrize(("typed", "found", "same"), [
    ("Kestrel Health", "Kestrel Health Labs", True),
    ("kestrel-health", "KESTREL HEALTH LABS, INC.", True),
    ("The Kestrel Health Co.", "Kestrel Health Group LLC", True),
    ("Kestrel Health Ltd", "Kestrel Health", True),
    ("Kestrel", "Kestrel Health Labs", False),
    ("Kestrel Health Labs", "Kestrel Health Group", False),
    ("", "Kestrel Health", False),
])
def test_which_names_are_plainly_one_organization(typed, found, same):
    assert org_variant(typed, found) is same

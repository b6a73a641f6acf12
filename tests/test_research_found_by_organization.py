"""Research kept for an organization is found for a person whose organization plainly is
that one, written shorter or fuller: research saved under "Kestrel Health" is on file for
Ana, typed at "Kestrel Health Labs" (Prepare's "Research on file", the brief of ``infoview
prep``, the dossier), by the one organization rule the dossier and warm paths group by;
two organizations kept apart, or names that only begin alike, are never taken for one.
Real SQLite files, through the CLI and the Prepare panel."""

from __future__ import annotations

import pytest

from infoview.cli import main
from infoview.flows.dossier import build_dossier
from infoview.flows.research import keep_research, research_for, save_research
from infoview.models import Organization, Person
from infoview.research.models import CompanyProfile, PersonProfile
from infoview.store import Store
from infoview.widgets.prepare import PreparePanel

SUMMARY = "Kestrel Health builds clinic scheduling software."


def _kept(store: Store, name: str, summary: str = SUMMARY) -> Organization:
    """An organization research kept under ``name``, with its company research."""
    org = store.add(Organization(name=name, website=f"https://{len(name)}.example"))
    save_research(store, CompanyProfile(url=org.website or "", name=name, summary=summary),
                  organization_id=org.id)
    return org


@pytest.mark.parametrize(("typed", "kept"), [("Kestrel Health Labs", "Kestrel Health"),
                                             ("Kestrel Health", "Kestrel Health Labs Ltd")])
def test_research_kept_under_the_organization_is_on_file_for_a_name_written_otherwise(
        tmp_path, capsys, typed, kept):
    db = tmp_path / "store.sqlite"
    with Store.open(db) as store:
        _kept(store, kept)
        ana = store.add(Person(name="Ana Ruiz", organization=typed, title="Nurse lead"))
        company, _found = research_for(store, ana.saved_id)
        assert company is not None and company.summary == SUMMARY
        panel = PreparePanel(store, out_dir=tmp_path / "out")
        panel.person.value = ana.saved_id
        assert "Research on file" in panel.research_note.value
        assert kept in panel.research_note.value
        dossier = build_dossier(store, typed)
        assert dossier.summary == SUMMARY
    out = tmp_path / "briefs"
    assert main(["--db", str(db), "prep", "--person", str(ana.saved_id), "--out", str(out)]) == 0
    [brief] = out.glob("brief-*.md")
    text = brief.read_text(encoding="utf-8")
    assert SUMMARY in text and "No company research yet" not in text


def test_a_name_that_could_be_two_kept_organizations_finds_the_research_of_neither(store):
    _kept(store, "Kestrel Health Labs", "Labs makes lab tests.")
    _kept(store, "Kestrel Health Group", "Group runs care homes.")
    cy = store.add(Person(name="Cy Diaz", organization="Kestrel Health"))
    bo = store.add(Person(name="Bo Chen", organization="Kestrel Health Group Inc."))
    assert research_for(store, cy.saved_id)[0] is None
    company, _found = research_for(store, bo.saved_id)
    assert company is not None and company.summary == "Group runs care homes."


def test_names_that_only_begin_alike_are_two_organizations(store):
    _kept(store, "Kestrel", "Kestrel makes bicycles.")
    ana = store.add(Person(name="Ana Ruiz", organization="Kestrel Health"))
    assert research_for(store, ana.saved_id)[0] is None


SAMIRA = PersonProfile(url="https://kestrel-health.example/team/samira", name="Samira Okafor",
                       organization="Kestrel Health")


@pytest.mark.parametrize(("kept_at", "is_her"), [("Kestrel", False), (None, True),
                                                 ("Kestrel Health Labs Ltd", True)])
def test_a_person_looked_up_by_name_is_kept_only_at_an_organization_that_is_theirs(
        store, kept_at, is_her):
    """Research of "Samira Okafor" at Kestrel Health, looked up as "Sam Okafor": the Sam
    kept at "Kestrel" (a bicycle maker) is someone else; a Sam whose organization is not
    known, or is hers written fuller, is her."""
    sam = store.add(Person(name="Sam Okafor", organization=kept_at))
    kept = keep_research(store, person=SAMIRA, known_as="Sam Okafor")
    assert kept.person is not None and (kept.person.id == sam.id) == is_her
    assert (store.get(Person, sam.saved_id).profile_url == SAMIRA.url) == is_her

"""The same-person rule takes a given name that is a short form of the other ("Sam",
"Samira") for one person. "Chris Smith" kept could be Christina or Christopher: when both
are found in one place (a LinkedIn file, a debrief, a team page), neither is merged into
Chris by the short form alone; found alone, the short form still matches. Real SQLite
files, the CLI where there is one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cli_run import run

from infoview.flows.debrief import Debrief, SuggestedPerson, save_debrief
from infoview.models import Meeting, Person, Referral
from infoview.store.matching import match_person

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
CHRISTINA = ("Christina,Smith,https://www.linkedin.com/in/christina-s,,Kestrel Health,"
             "Nurse lead,01 Mar 2025\r\n")
CHRISTOPHER = ("Christopher,Smith,https://www.linkedin.com/in/chris-s,,Kestrel Health,"
               "Engineer,02 Mar 2025\r\n")


@pytest.fixture
def chris(store):
    return store.add(Person(name="Chris Smith", organization="Kestrel Health"))


def _import(capsys, store, tmp_path, *rows: str) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(HEADER + "".join(rows), encoding="utf-8")
    code, _out, err = run(capsys, "--db", str(store.path), "people", "import-linkedin", str(csv))
    assert code == 0, err


def test_two_connections_a_kept_short_form_fits_are_both_new_people(store, chris, tmp_path,
                                                                     capsys):
    _import(capsys, store, tmp_path, CHRISTINA, CHRISTOPHER)
    people = {p.name: p for p in store.list(Person)}
    assert sorted(people) == ["Chris Smith", "Christina Smith", "Christopher Smith"]
    kept = people["Chris Smith"]
    assert kept.title is None and kept.profile_url is None  # nobody else's details on Chris


def test_one_connection_the_short_form_fits_is_still_the_person_kept(store, chris, tmp_path,
                                                                      capsys):
    _import(capsys, store, tmp_path, CHRISTINA)
    [person] = store.list(Person)
    assert person.name == "Chris Smith" and person.title == "Nurse lead"


def test_two_people_suggested_in_one_debrief_are_neither_merged_into_chris(store, chris):
    sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    meeting = store.add(Meeting(person_id=sam.saved_id,
                                starts_at=datetime(2026, 12, 1, 10, tzinfo=UTC)))
    save_debrief(store, Debrief(meeting_id=meeting.saved_id, people=[
        SuggestedPerson(name="Christina Smith", organization="Kestrel Health"),
        SuggestedPerson(name="Christopher Smith", organization="Kestrel Health")]),
        now=datetime(2026, 12, 1, 12, tzinfo=UTC))
    referred = {store.get(Person, r.to_person_id).name for r in store.list(Referral)}
    assert referred == {"Christina Smith", "Christopher Smith"}


def test_a_name_written_in_full_the_same_way_still_matches_among_others():
    kept = [Person(name="Chris Smith", organization="Kestrel Health", id=1)]
    found = [("Chris Smith", "Kestrel Health"), ("Christina Smith", "Kestrel Health")]
    assert match_person(kept, name="Chris Smith", organization="Kestrel Health",
                        together=found) is kept[0]
    assert match_person(kept, name="Christina Smith", organization="Kestrel Health",
                        together=found) is None  # Chris is named on their own beside her
    assert match_person(kept, name="Christina Smith", organization="Kestrel Health",
                        together=[("Christina Smith", "Kestrel Health"),
                                  ("Cy Smith", "Kestrel Health")]) is kept[0]


@pytest.mark.parametrize(("staff", "merged"), [(["Christina Smith"], True),
                                               (["Christina Smith", "Christopher Smith"], False)])
def test_a_team_page_naming_two_that_fit_is_saved_as_a_new_person(store, chris, staff, merged):
    from infoview.flows.research import keep_research
    from infoview.research.models import CompanyProfile, PersonMention, PersonProfile

    team = "https://kestrel.example/team"
    company = CompanyProfile(url="https://kestrel.example/", name="Kestrel Health",
                             people=[PersonMention(n, None, team) for n in staff])
    page = PersonProfile(url=team, name="Christina Smith", title="Nurse lead",
                         organization="Kestrel Health", own_page=False)
    kept = keep_research(store, company, page)
    assert (kept.person.id == chris.id) is merged
    assert store.get(Person, chris.saved_id).title == ("Nurse lead" if merged else None)

"""The flows under both faces, driven through the CLI on real SQLite files and the served
sample site: research saved from the CLI is found by prep, meetings and debriefs from a
terminal, the one table of draft kinds, self-checking settings, the one matching rule."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from infoview.cli import main
from infoview.errors import BadInput
from infoview.flows import drafts
from infoview.models import CHOICES, Organization, Person, ResearchSnapshot
from infoview.settings import Settings
from infoview.store import Store
from infoview.store.linkedin import import_linkedin
from infoview.store.matching import PeopleIndex, match_person


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def counts(db):
    with Store.open(db) as store:
        return store.counts()


# ---- research --save is the notebook's Save ----------------------------------------------------

def test_research_saved_from_the_cli_is_linked_and_found_by_prep(sites, db, capsys, tmp_path):
    server = sites.get()
    code, out, _ = run(capsys, "research", "company", server.url, "--delay", "0", "--save")
    assert code == 0 and "linked to organization 1 (Kestrel Health Labs)" in out
    code, out, _ = run(capsys, "research", "person", server.url + "team/samira-okafor.html",
                       "--delay", "0", "--save")
    assert code == 0 and "person 1 (Samira Okafor" in out
    with Store.open(db) as store:
        org = store.list(Organization)[0]
        snaps = store.list(ResearchSnapshot)
        assert [(s.kind, s.organization_id) for s in snaps] == [("company", org.id),
                                                                ("person", org.id)]
        assert snaps[1].person_id == store.list(Person)[0].id
    code, out, _ = run(capsys, "people", "list", "--json")
    assert [p["name"] for p in json.loads(out)] == ["Samira Okafor"]
    code, out, _ = run(capsys, "prep", "--person", "1", "--json", "--out", str(tmp_path))
    brief = json.loads(out)["brief"]
    assert code == 0 and brief["company"]["name"] == "Kestrel Health Labs"
    assert brief["who"]["organization"] == "Kestrel Health Labs"


def test_research_person_saved_twice_is_one_person(sites, db, capsys):
    server = sites.get()
    for _ in range(2):
        assert main(["research", "person", server.url + "team/samira-okafor.html", "--delay",
                     "0", "--save"]) == 0
    capsys.readouterr()
    assert counts(db)["people"] == 1 and counts(db)["research"] == 2


# ---- meeting add | list | show, debrief ----------------------------------------------------

@pytest.fixture
def person(db):
    with Store.open(db) as store:
        return store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs",
                                title="Lead UX Researcher")).id


def test_meeting_add_list_and_show(capsys, db, person):
    code, out, _ = run(capsys, "meeting", "add", "--person", str(person), "--when",
                       "2026-12-01T10:00", "--timezone", "Europe/London", "--plan",
                       "--minutes", "20", "--json")
    added = json.loads(out)
    assert code == 0 and added["meeting"]["status"] == "scheduled"
    assert added["meeting"]["starts_at"].startswith("2026-12-01 10:00:00+00:00")
    assert len(added["questions"]) >= 3
    code, out, _ = run(capsys, "meeting", "list", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["person"]) for r in rows] == [(added["meeting"]["id"], "Samira Okafor")]
    code, out, _ = run(capsys, "meeting", "show", str(rows[0]["id"]), "--json")
    shown = json.loads(out)
    assert [q["text"] for q in shown["questions"]] == [q["text"] for q in added["questions"]]
    assert shown["person"]["name"] == "Samira Okafor" and shown["actions"] == []


@pytest.mark.parametrize("argv, message", [
    (["meeting", "add", "--person", "99"], "no person with id 99"),
    (["meeting", "add", "--person", "1", "--when", "2026-12-01T10:00"], "add --timezone"),
    (["meeting", "add", "--person", "1", "--timezone", "Mars/Olympus"], "unknown time zone"),
    (["meeting", "add", "--person", "1", "--minutes", "0"], "5 to 240 minutes"),
    (["meeting", "show", "7"], "no meeting with id 7"),
])
def test_meeting_mistakes_are_one_line_and_save_nothing(capsys, db, person, argv, message):
    before = counts(db)
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert counts(db) == before


@pytest.fixture
def meeting(capsys, db, person):
    main(["meeting", "add", "--person", str(person), "--when", "2026-01-05T10:00+00:00"])
    capsys.readouterr()
    return 1


DEBRIEF = {"meeting_id": 1, "rapport": 4, "notes": "Warm and open",
           "questions": [{"text": "How did you start?", "answer_notes": "Teaching",
                          "usefulness": 5}],
           "insights": [{"text": "Referrals matter", "tags": ["hiring"]}],
           "people": [{"name": "Tom Reyes", "organization": "Acme", "may_mention": "yes"}],
           "promises": [{"what": "Send the article", "due": "2026-01-09"}],
           "outcomes": [{"kind": "lead", "date": "2026-01-05", "notes": "UX role"}]}


def test_debrief_from_a_file_saves_everything_and_again_changes_nothing(capsys, db, meeting,
                                                                        tmp_path):
    path = tmp_path / "debrief.json"
    path.write_text(json.dumps(DEBRIEF), encoding="utf-8")
    code, out, _ = run(capsys, "debrief", str(path), "--json")
    saved = json.loads(out)
    assert code == 0 and saved["meeting"]["status"] == "held"
    assert saved["saved"] == {"answers": 1, "questions": 1, "people": 1, "promises": 1,
                              "outcomes": 1, "insights": 1}
    assert {a["kind"] for a in saved["actions"]} == {"thank_you", "contact_referral",
                                                     "tell_referrer", "promise"}
    first = counts(db)
    assert main(["debrief", str(path)]) == 0
    assert "1 answer(s), 1 person(s) suggested" in capsys.readouterr().out
    assert counts(db) == first
    code, out, _ = run(capsys, "meeting", "show", "1", "--json")
    shown = json.loads(out)
    assert shown["people"][0]["name"] == "Tom Reyes"
    assert shown["promises"][0]["due"] == "2026-01-09"


@pytest.mark.parametrize("change, message", [
    ({"rapport": 9}, "rapport must be a whole number from 1 to 5"),
    ({"peeple": []}, "unknown field 'peeple'"),
    ({"people": [{"name": "X", "email": 3}]}, "people[1].email must be text"),
    ({"promises": [{"what": "x", "due": "next week"}]},
     "promises[1].due 'next week' is not a date"),
    ({"meeting_id": "one"}, "meeting_id must be a meeting's number"),
    ({"meeting_id": 42}, "no meeting 42"),
    ({"outcomes": [{"kind": "promotion"}]}, "kind of outcome 1 must be one of"),
])
def test_a_bad_debrief_file_is_one_line_exit_2_and_saves_nothing(capsys, db, meeting, tmp_path,
                                                                  change, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**DEBRIEF, **change}), encoding="utf-8")
    before = counts(db)
    code, _, err = run(capsys, "debrief", str(path))
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert counts(db) == before


def test_a_debrief_file_that_is_not_json_says_where(capsys, db, meeting, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"meeting_id": 1,,}', encoding="utf-8")
    code, _, err = run(capsys, "debrief", str(path))
    assert code == 2 and "is not JSON (line 1" in err


def test_debrief_interactive_reads_answers_from_stdin(capsys, db, meeting, monkeypatch):
    with Store.open(db) as store:
        from infoview.flows.meetings import planned_questions

        assert planned_questions(store, 1).items == []  # no plan: only "other questions"
    answers = "\n".join([
        "How did you start?", "Teaching first", "4", "",   # one question, then end
        "Tom Reyes", "Acme", "tom@acme.example", "yes", "user", "",  # one person
        "Send the article", "user", "2026-01-09", "",                 # one promise
        "lead", "", "UX role", "",                                    # one outcome
        "Referrals matter", "hiring network", "",                     # one insight
        "5", "Good talk",
    ]) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, err = run(capsys, "debrief", "--interactive", "--meeting", "1", "--json")
    saved = json.loads(out)
    assert code == 0 and saved["saved"]["answers"] == 1 and saved["meeting"]["rapport"] == 5
    assert "People they suggested" in err  # prompts go to stderr, stdout stays JSON
    with Store.open(db) as store:
        tom = store.find_people(name="Tom Reyes")[0]
        assert tom.email == "tom@acme.example" and tom.how_known == "referral"


def test_debrief_interactive_with_a_bad_score_or_cut_input_saves_nothing(capsys, db, meeting,
                                                                          monkeypatch):
    before = counts(db)
    monkeypatch.setattr("sys.stdin", io.StringIO("How did you start?\nTeaching\nvery\n\n"
                                                 + "\n" * 5 + "\n\n"))
    code, _, err = run(capsys, "debrief", "--interactive", "--meeting", "1")
    assert code == 2 and "usefulness" in err and "must be a whole number" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("How did you start?\n"))
    code, _, err = run(capsys, "debrief", "--interactive", "--meeting", "1")
    assert code == 2 and "the input ended before the debrief was complete" in err
    assert counts(db) == before


def test_debrief_help_documents_the_file_shape(capsys):
    with pytest.raises(SystemExit):
        main(["debrief", "--help"])
    out = capsys.readouterr().out
    assert '"meeting_id": 3' in out and '"may_mention": "yes|no|unknown"' in out


# ---- one vocabulary of draft kinds --------------------------------------------------------------

def test_every_name_of_a_draft_kind_leads_to_the_same_kind():
    for names, kind in ((("confirm", "confirmation"), "confirmation"),
                        (("intro", "referred_intro"), "referred_intro"),
                        (("referrer", "referrer_update"), "referrer")):
        assert {drafts.draft_kind(n).name for n in names} == {kind}
    sent = {k.sent_as for k in drafts.DRAFT_KINDS if k.sent_as}
    assert sent <= set(CHOICES[("outreach", "kind")])


def test_a_phone_script_or_pitch_is_never_recorded_as_sent():
    assert drafts.sent_kind("request") == "request"
    assert drafts.sent_kind("confirm") == "confirmation"
    for spoken in ("phone", "pitch"):
        with pytest.raises(BadInput, match="spoken, not sent"):
            drafts.sent_kind(spoken)


def test_cli_draft_accepts_the_long_names_too(capsys, db):
    code, out, _ = run(capsys, "draft", "confirmation", "--to", "Sam", "--when",
                       "2026-12-01T10:00+00:00", "--json")
    assert code == 0 and json.loads(out)["kind"] == "confirmation"
    code, out, _ = run(capsys, "draft", "referred_intro", "--to", "Sam", "--json")
    assert code == 0 and json.loads(out)["kind"] == "referred_intro"


def test_cli_choices_come_from_the_models():
    """`meeting add` and `meeting edit` read a format with the one parser, whose choices
    are the models'."""
    from infoview.flows.records import meeting_format

    with pytest.raises(BadInput) as info:
        meeting_format("carrier_pigeon")
    for fmt in CHOICES[("meetings", "format")]:
        assert meeting_format(fmt) == fmt
        assert fmt.replace("_", " ") in str(info.value)


# ---- Settings check themselves ------------------------------------------------------------------

@pytest.mark.parametrize("change, message", [
    ({"host_delay": -1.0}, "host_delay must be 0 or more"),
    ({"max_pages": 0}, "max_pages must be 1 or more"),
    ({"workers": 0}, "workers must be 1 or more"),
    ({"page_deadline": 0}, "page_deadline must be more than 0"),
    ({"host_delay": float("nan")}, "host_delay must be 0 or more"),
    ({"max_pages": 2.5}, "max_pages must be a whole number"),
])
def test_settings_refuse_values_out_of_range(change, message):
    with pytest.raises(BadInput, match=message):
        Settings(**change)
    with pytest.raises(ValueError, match=message):  # BadInput is a ValueError too
        Settings().with_(**change)


def test_settings_keep_values_in_range():
    assert Settings(host_delay=0.0, max_pages=1, workers=1, max_retries=0).max_pages == 1


# ---- one rule for matching people ----------------------------------------------------------------

def test_match_person_tries_email_then_profile_url_then_name_and_organization():
    ada = Person(name="Ada Lovelace", organization="Engines Ltd", email="ada@engines.example",
                 id=1)
    other = Person(name="Ada Lovelace", organization="Elsewhere", id=2,
                   profile_url="https://www.linkedin.com/in/ada-l/")
    people = [ada, other]
    assert match_person(people, email="ADA@engines.example ", name="Someone") is ada
    assert match_person(people, profile_url="http://linkedin.com/in/Ada-L?trk=x") is other
    assert match_person(people, name="ada  lovelace", organization="ENGINES LTD") is ada
    assert match_person(people, name="Ada Lovelace", organization=None) is None
    assert match_person(people, email="nobody@x.example", name="Ada Lovelace",
                        organization="Elsewhere") is other
    index = PeopleIndex(people)
    new = Person(name="Grace Hopper", email="grace@navy.example", id=3)
    assert index.match(email="grace@navy.example") is None
    index.add(new)
    assert index.match(email="grace@navy.example") is new


def test_debrief_research_and_linkedin_find_the_same_person(tmp_path, db):
    from infoview.flows.debrief import Debrief, SuggestedPerson, save_debrief
    from infoview.flows.meetings import save_meeting_plan
    from infoview.flows.research import keep_research
    from infoview.models import Meeting
    from infoview.research.models import PersonProfile

    with Store.open(db) as store:
        host, meeting = save_meeting_plan(store, Person(name="Host"), Meeting(
            person_id=0, starts_at=datetime(2026, 1, 5, 10, tzinfo=UTC)))
        save_debrief(store, Debrief(meeting_id=meeting.id, people=[SuggestedPerson(
            name="Tom Reyes", profile_url="https://acme.example/team/tom")]))
        keep_research(store, person=PersonProfile(url="https://acme.example/team/tom/",
                                                  name="Thomas Reyes", title="Designer"))
        csv = tmp_path / "Connections.csv"
        csv.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                       "Tom,Reyes,https://acme.example/team/tom,,Acme,Designer,12 Mar 2024\n",
                       encoding="utf-8")
        report = import_linkedin(store, csv)
        assert (report.added, report.updated) == (0, 1)
        assert [p.name for p in store.list(Person)] == ["Host", "Tom Reyes"]

"""The user's profile typed in by hand, and people, organizations and meetings added,
corrected and deleted with undo, through the flows and the CLI, on real SQLite files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from infoview.cli import main
from infoview.errors import BadField, BadInput, NotFound
from infoview.flows.profile import load_profile, save_profile
from infoview.flows.records import (
    add_organization,
    add_person,
    delete_record,
    edit_meeting,
    edit_organization,
    edit_person,
    restore,
)
from infoview.models import (
    Action,
    Insight,
    Meeting,
    Organization,
    Outcome,
    Outreach,
    Person,
    QuestionAsked,
    Referral,
    ResearchSnapshot,
)
from infoview.store import Store

# ---- the profile ------------------------------------------------------------------------------

def test_an_empty_store_has_an_empty_profile_with_no_invented_name(store):
    profile = load_profile(store)
    assert profile.name == "" and profile.background is None and profile.schools == []


def test_saving_changes_the_fields_given_and_keeps_the_others(store):
    save_profile(store, name="  Lena   Berg ", background="ten years on a cardiac ward",
                 schools=["Uni A", "uni a", " Uni B "], profile_url="linkedin.com/in/lena-b")
    profile = save_profile(store, strengths="explaining things to worried people")
    assert profile.name == "Lena Berg" and profile.background == "ten years on a cardiac ward"
    assert profile.schools == ["Uni A", "Uni B"]  # tidied, no twice the same
    assert profile.profile_url == "https://linkedin.com/in/lena-b"
    assert load_profile(store).strengths == "explaining things to worried people"
    assert save_profile(store, schools=[], headline="").schools == []


@pytest.mark.parametrize("field,value,words", [
    ("email", "lena.example.org", "not an email address"),
    ("profile_url", "not a link", "not a web address"),
    ("timezone", "Mars/Olympus", "not a time zone"),
    ("region", "Atlantis", "not a country or region"),
    ("background", "x" * 700, "keep it under"),
])
def test_a_bad_value_names_its_field_in_plain_words_and_saves_nothing(store, field, value, words):
    save_profile(store, name="Lena Berg")
    with pytest.raises(BadField, match=words) as caught:
        save_profile(store, name="Changed", **{field: value})
    assert caught.value.field == field
    assert "--" not in str(caught.value)
    assert load_profile(store).name == "Lena Berg"


def test_a_region_is_kept_as_its_code(store):
    assert save_profile(store, region="Scotland").region == "GB-SCT"
    assert save_profile(store, region="us-ny").region == "US-NY"
    assert save_profile(store, region="GB").region == "GB-ENG"


def test_profile_cli_sets_lists_once_per_item_clears_them_and_shows_json(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite")
    assert main(["--db", db, "profile", "set", "--name", "Lena Berg", "--school", "Uni A",
                 "--school", "Uni B", "--employer", "St Mary's Hospital",
                 "--linkedin", "https://www.linkedin.com/in/lena-b"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "profile", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["schools"] == ["Uni A", "Uni B"] and shown["employers"] == ["St Mary's Hospital"]
    assert main(["--db", db, "profile", "set", "--clear", "schools"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "profile", "show"]) == 0
    out = capsys.readouterr().out
    assert "school" not in out and "Lena Berg" in out and "employer: St Mary's Hospital" in out
    assert main(["--db", db, "profile", "set", "--email", "nope"]) == 2
    assert capsys.readouterr().err.startswith("infoview: error: --email: 'nope' is not an email")


# ---- people, organizations, meetings ----------------------------------------------------------

def test_adding_someone_already_stored_is_refused_by_the_one_matching_rule(store):
    sam = add_person(store, name="Sam Okafor", organization="Kestrel Health",
                     email="sam@kestrel.example")
    with pytest.raises(BadField, match="already in your people with the same email") as caught:
        add_person(store, name="Samuel Okafor", email="SAM@kestrel.example")
    assert caught.value.field == "email"
    with pytest.raises(BadField, match="same name and organization"):
        add_person(store, name="sam  okafor", organization="kestrel health")
    assert [p.id for p in store.list(Person)] == [sam.id]


def test_editing_a_person_changes_what_is_given_and_clears_empty_texts(store):
    sam = add_person(store, name="Sam Okafor", title="Designer", phone="0117 496 0000")
    edited = edit_person(store, sam.id, title="Senior UX Researcher", phone="",
                         email="sam@kestrel.example", how_known="Friend")
    assert (edited.title, edited.phone, edited.how_known) == ("Senior UX Researcher", None, "friend")
    with pytest.raises(BadField, match="cannot be empty"):
        edit_person(store, sam.id, name="  ")
    with pytest.raises(BadField, match="How you know them must be one of") as caught:
        edit_person(store, sam.id, how_known="neighbour")
    assert caught.value.field == "how_known"
    with pytest.raises(NotFound, match="no person 42"):
        edit_person(store, 42, title="x")
    assert store.get(Person, sam.id).email == "sam@kestrel.example"


def test_organizations_are_added_and_edited_with_checked_values(store):
    org = add_organization(store, name="Kestrel Health Labs", website="kestrel.example")
    assert org.website == "https://kestrel.example"
    with pytest.raises(BadField, match="already among your organizations"):
        add_organization(store, name="kestrel health labs")
    edited = edit_organization(store, org.id, motivation=3, industry="Digital health")
    assert (edited.motivation, edited.industry) == (3, "Digital health")
    with pytest.raises(BadField, match="from 0 to 3"):
        edit_organization(store, org.id, motivation=7)


def test_editing_a_meetings_time_needs_its_zone_and_schedules_it(store):
    sam = add_person(store, name="Sam Okafor")
    meeting = store.add(Meeting(person_id=sam.id))
    with pytest.raises(BadField, match="time zone") as caught:
        edit_meeting(store, meeting.id, starts_at="2030-12-01T10:00")
    assert caught.value.field == "timezone"
    edited = edit_meeting(store, meeting.id, starts_at="2030-12-01T10:00",
                          timezone="Europe/London", minutes=30, format="in person",
                          place="Kestrel's café")
    assert edited.status == "scheduled" and edited.planned_minutes == 30
    assert edited.format == "in_person"
    assert edited.starts_at == datetime(2030, 12, 1, 10, 0, tzinfo=UTC)
    # booking it created the reminder to confirm, a day before
    (reminder,) = store.list(Action, kind="confirm")
    assert reminder.due == datetime(2030, 11, 30, 10, 0, tzinfo=UTC)
    with pytest.raises(BadField, match="from 5 to 240"):
        edit_meeting(store, meeting.id, minutes=500)


def test_people_cli_adds_and_edits(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite")
    assert main(["--db", db, "people", "add", "--name", "Sam Okafor", "--organization",
                 "Kestrel", "--title", "UX lead", "--email", "sam@kestrel.example", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added["name"] == "Sam Okafor" and added["email"] == "sam@kestrel.example"
    assert main(["--db", db, "people", "edit", str(added["id"]), "--title", "Head of UX"]) == 0
    assert "Saved Sam Okafor (Head of UX, Kestrel)" in capsys.readouterr().out
    assert main(["--db", db, "people", "edit", str(added["id"]), "--email", "bad"]) == 2
    assert "--email: 'bad' is not an email address" in capsys.readouterr().err
    assert main(["--db", db, "people", "edit", "77", "--title", "x"]) == 2
    assert "no person 77" in capsys.readouterr().err


def test_people_cli_names_every_option_at_fault_in_one_line(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite")
    assert main(["--db", db, "people", "add", "--name", "Jamie Student", "--email",
                 "jamie@school", "--profile-url", "not a link"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "--email: 'jamie@school' is not an email address" in err
    assert "--profile-url: 'not a link' is not a web address" in err


# ---- deleting with undo -----------------------------------------------------------------------

def _history(store):
    sam = store.add(Person(name="Sam Okafor", organization="Kestrel",
                           email="sam@kestrel.example"))
    jo = store.add(Person(name="Jo Smith", notes="Met through Sam Okafor at the fair"))
    meeting = store.add(Meeting(person_id=sam.id, starts_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
                                status="held"))
    store.add(Meeting(person_id=sam.id, status="requested"))
    store.add(QuestionAsked(meeting_id=meeting.id, text="How did you start?"))
    store.add(Insight(meeting_id=meeting.id, text="Clinics buy through frameworks"))
    store.add(Referral(from_person_id=sam.id, to_person_id=jo.id, meeting_id=meeting.id))
    store.add(Outreach(person_id=sam.id, sent_at=datetime(2026, 2, 20, tzinfo=UTC)))
    for what in ("Thank Sam", "Send Sam the article", "Tell Sam how it went"):
        store.add(Action(what=what, meeting_id=meeting.id, person_id=sam.id))
    store.add(ResearchSnapshot(kind="person", source_url="https://kestrel.example/sam",
                               data={"name": "Sam Okafor"}, person_id=sam.id))
    return sam, jo, meeting


def _dump(store):
    return {table: sorted(map(repr, store.execute(f"SELECT * FROM {table}")))
            for table in [*store.counts(), "exports"]}


def test_deleting_a_person_forgets_them_and_undo_puts_every_row_back_with_its_id(store):
    sam, jo, _meeting = _history(store)
    before = _dump(store)
    deleted = delete_record(store, "person", sam.id)
    assert deleted.describe() == ("Sam Okafor and 2 meetings, 1 message you sent, 3 follow-ups, "
                                  "1 question asked, 1 insight, 1 introduction, "
                                  "1 saved research page")
    assert store.list(Person) == [store.get(Person, jo.id)]
    assert "Sam" not in (store.get(Person, jo.id).notes or "")  # redacted elsewhere too
    assert "Sam Okafor" not in store.path.read_bytes().decode("latin-1")
    restore(store, deleted)
    assert _dump(store) == before
    with pytest.raises(BadInput, match="already brought back"):
        restore(store, deleted)


def test_undo_after_the_id_was_taken_brings_them_back_under_a_new_id(store):
    sam, jo, _meeting = _history(store)
    deleted = delete_record(store, "person", jo.id)
    newcomer = store.add(Person(name="Ada Ode"))
    assert newcomer.id == jo.id  # SQLite hands the free id out again
    restore(store, deleted)
    (back,) = [p for p in store.list(Person) if p.name == "Jo Smith"]
    assert back.id != jo.id
    (referral,) = store.list(Referral)
    assert referral.to_person_id == back.id  # what pointed to them follows


def test_deleting_a_meeting_takes_its_questions_and_follow_ups_and_undo_restores_links(store):
    sam, jo, meeting = _history(store)
    store.add(Outcome(kind="lead", meeting_id=meeting.id, person_id=sam.id))
    later = store.add(Meeting(person_id=sam.id, rescheduled_from=meeting.id))
    before = _dump(store)
    deleted = delete_record(store, "meeting", meeting.id)
    assert deleted.describe().startswith("the meeting with Sam Okafor on ")
    assert "3 follow-ups, 1 question asked, 1 insight, 1 outcome" in deleted.describe()
    assert store.list(Action) == [] and store.list(QuestionAsked) == []
    assert store.get(Meeting, later.id).rescheduled_from is None
    assert store.list(Referral)[0].meeting_id is None  # the suggestion itself stays
    restore(store, deleted)
    assert _dump(store) == before


def test_deleting_an_organization_unlinks_its_research_and_undo_relinks_it(store):
    org = store.add(Organization(name="Kestrel"))
    snap = store.add(ResearchSnapshot(kind="company", source_url="https://k.example",
                                      organization_id=org.id))
    deleted = delete_record(store, "organization", org.id)
    assert deleted.describe() == "Kestrel"
    assert store.get(ResearchSnapshot, snap.id).organization_id is None
    restore(store, deleted)
    assert store.get(ResearchSnapshot, snap.id).organization_id == org.id


def test_undo_keeps_an_edit_made_after_the_deletion(store):
    sam, jo, _meeting = _history(store)
    deleted = delete_record(store, "person", sam.id)
    edit_person(store, jo.id, notes="Rewritten since")
    restore(store, deleted)
    assert store.get(Person, jo.id).notes == "Rewritten since"


def test_deleting_an_unknown_kind_or_record_is_refused(store):
    with pytest.raises(BadInput, match="only a person, an organization or a meeting"):
        delete_record(store, "insight", 1)
    with pytest.raises(NotFound, match="no meeting 5"):
        delete_record(store, "meeting", 5)
    assert datetime.now(UTC) - timedelta(days=1)  # (the store is untouched)
    assert store.counts()["people"] == 0


# ---- the drafts and the brief use the profile -------------------------------------------------

def test_on_an_empty_store_drafts_invent_no_name_and_say_the_profile_is_missing(tmp_path, capsys):
    db = str(tmp_path / "empty.sqlite")
    assert main(["--db", db, "draft", "pitch", "--json"]) == 0
    pitch = json.loads(capsys.readouterr().out)
    assert pitch["body"].startswith("I'm [your name]. [your background].")
    (note,) = [w for w in pitch["warnings"] if w["code"] == "profile_missing"]
    assert "your name, your background, your strengths and what you are exploring" in note["message"]
    assert main(["--db", db, "profile", "set", "--name", "Lena Berg", "--background",
                 "ten years on a cardiac ward", "--strengths", "explaining things calmly",
                 "--exploring", "product roles in health tech",
                 "--linkedin", "https://www.linkedin.com/in/lena-b"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "draft", "pitch", "--json"]) == 0
    pitch = json.loads(capsys.readouterr().out)
    assert pitch["body"].startswith("I'm Lena Berg. Ten years on a cardiac ward.")
    assert "profile_missing" not in {w["code"] for w in pitch["warnings"]}
    assert main(["--db", db, "draft", "request", "--to", "Sam Okafor", "--json"]) == 0
    request = json.loads(capsys.readouterr().out)
    # the email signature carries the LinkedIn link from the profile
    assert request["body"].rstrip().endswith("Lena Berg\nhttps://www.linkedin.com/in/lena-b")


def test_the_brief_says_when_the_profile_cannot_make_the_introduction():
    from infoview.models import UserProfile
    from infoview.prep.brief import build_brief
    from infoview.questions.models import QuestionPlan

    plan = QuestionPlan(items=[], meeting_minutes=20, overhead_minutes=4.0)
    brief = build_brief(person=Person(name="Sam Okafor"), plan=plan, profile=UserProfile())
    assert "[your name]" not in brief.pitch
    assert any("Fill in About me" in n for n in brief.page_notes)


def test_meeting_edit_cli_schedules_a_meeting_and_names_the_option_of_a_mistake(tmp_path, capsys):
    db = str(tmp_path / "m.sqlite")
    with Store.open(db) as store:
        sam = add_person(store, name="Sam Okafor")
        meeting = store.add(Meeting(person_id=sam.id))
    assert main(["--db", db, "meeting", "edit", str(meeting.id), "--when", "2031-01-07T10:00",
                 "--timezone", "Europe/London", "--minutes", "30", "--json"]) == 0
    edited = json.loads(capsys.readouterr().out)
    assert edited["status"] == "scheduled" and edited["planned_minutes"] == 30
    assert main(["--db", db, "meeting", "edit", str(meeting.id), "--minutes", "900"]) == 2
    assert "--minutes: The length must be a whole number from 5 to 240" in capsys.readouterr().err
    assert main(["--db", db, "meeting", "edit", str(meeting.id)]) == 2
    assert "nothing to change" in capsys.readouterr().err


def test_a_profile_with_several_bad_values_names_each_field():
    from infoview.errors import BadFields
    from infoview.flows.profile import clean_fields

    with pytest.raises(BadFields) as caught:
        clean_fields(name="Lena", profile_url="linkedin lena", timezone="Atlantis")
    assert set(caught.value.problems) == {"profile_url", "timezone"}
    assert caught.value.field == "profile_url"  # the first, for callers that show one
    assert "not a web address" in str(caught.value) and "not a time zone" in str(caught.value)
    assert "\n" not in str(caught.value)  # the CLI prints it as one line


@pytest.mark.parametrize(("typed", "kept"), [("Berlin", "Europe/Berlin"), ("berlin", "Europe/Berlin"),
                                             ("New York", "America/New_York"),
                                             ("Tokyo", "Asia/Tokyo"),
                                             ("europe/london", "Europe/London")])
def test_a_city_typed_as_the_time_zone_is_read_as_its_zone(store, typed, kept):
    """Lena typed "Berlin" on About me and was refused: a city naming one zone is that zone."""
    from infoview.flows.profile import save_profile

    assert save_profile(store, timezone=typed).timezone == kept


def test_a_city_of_several_zones_names_them_under_the_time_zone_field(store, tmp_path):
    from infoview.widgets.profile import ProfileForm

    form = ProfileForm(store)
    form.form["timezone"].value = "Indianapolis"
    form.save()
    error = form.form.fields["timezone"].error.text
    assert "America/Indiana/Indianapolis" in error and "America/Indianapolis" in error
    assert store.get_profile().timezone is None
    form.form["timezone"].value = "berlin"
    form.save()
    assert form.form.message.kind == "ok" and store.get_profile().timezone == "Europe/Berlin"
    assert form.form["timezone"].value == "Europe/Berlin"  # shown as kept

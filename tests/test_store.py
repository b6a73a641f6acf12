"""The store's Python API and its DataFrame contract, on real SQLite files."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.errors import BadInput, NotFound
from infoview.models import (
    CHOICES,
    RECORD_TYPES,
    Action,
    Affiliation,
    CalendarEvent,
    Insight,
    MailMessage,
    Meeting,
    Organization,
    Outcome,
    Outreach,
    Person,
    QuestionAsked,
    Referral,
    ResearchSnapshot,
    UserProfile,
)
from infoview.store import Store
from infoview.store.schema import EARLIEST, LATEST_DATE

T0 = datetime(2024, 3, 12, 9, 30, tzinfo=UTC)


def test_open_creates_missing_folder_and_file(tmp_path):
    path = tmp_path / "new" / "deeper" / "infoview.sqlite"
    with Store.open(path) as store:
        assert store.path == path
    assert path.is_file()


def test_default_path_comes_from_infoview_db(tmp_path, monkeypatch):
    monkeypatch.setenv("INFOVIEW_DB", str(tmp_path / "env.sqlite"))
    with Store.open() as store:
        assert store.path == tmp_path / "env.sqlite"


def test_add_sets_id_and_created_at_and_get_returns_equal_record(store):
    person = store.add(Person(name="Ada Okafor", tags=["alumni", "fintech"],
                              connected_on=date(2024, 3, 12)))
    assert person.id == 1
    assert person.created_at is not None and person.created_at.tzinfo is not None
    assert store.get(Person, person.id) == person


def test_datetimes_come_back_as_utc_and_naive_ones_are_refused(store):
    person = store.add(Person(name="Bo"))
    paris = timezone(timedelta(hours=1))
    meeting = store.add(Meeting(person_id=person.id, starts_at=datetime(2024, 3, 12, 10, 30,
                                                                         tzinfo=paris)))
    back = store.get(Meeting, meeting.id)
    assert back.starts_at == T0 + timedelta(minutes=0)
    assert back.starts_at.utcoffset() == timedelta(0)
    with pytest.raises(BadInput, match="no time zone"):
        store.add(Meeting(person_id=person.id, starts_at=datetime(2024, 3, 12, 10, 30)))


def test_unknown_choice_and_missing_required_value_are_bad_input(store):
    with pytest.raises(BadInput, match="how_known"):
        store.add(Person(name="Cy", how_known="enemy"))
    with pytest.raises(BadInput, match="required"):
        store.add(Person(name=None))  # type: ignore[arg-type]
    assert store.counts()["people"] == 0


def test_reference_to_a_missing_person_is_bad_input(store):
    with pytest.raises(BadInput, match="does not exist"):
        store.add(Meeting(person_id=42))


def test_update_writes_fields_and_missing_record_is_not_found(store):
    person = store.add(Person(name="Dee"))
    person.title = "Data engineer"
    store.update(person)
    assert store.get(Person, person.id).title == "Data engineer"
    ghost = Person(name="Ghost", id=99)
    with pytest.raises(NotFound):
        store.update(ghost)
    with pytest.raises(NotFound):
        store.get(Person, 99)


def test_list_filters_on_equal_fields_and_none(store):
    a = store.add(Person(name="A", organization="Acme"))
    store.add(Person(name="B"))
    store.add_many([Meeting(person_id=a.id, status="held"), Meeting(person_id=a.id)])
    assert [p.name for p in store.list(Person, organization="Acme")] == ["A"]
    assert [p.name for p in store.list(Person, organization=None)] == ["B"]
    assert len(store.list(Meeting, person_id=a.id, status="held")) == 1
    with pytest.raises(BadInput, match="no field"):
        store.list(Person, colour="red")


def test_add_many_is_all_or_nothing(store):
    with pytest.raises(BadInput):
        store.add_many([Person(name="Ok"), Person(name="Bad", how_known="nope")])
    assert store.counts()["people"] == 0


def test_nested_transaction_failure_undoes_only_the_inner_block(store):
    with store.transaction():
        store.add(Person(name="Outer"))
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add(Person(name="Inner"))
                raise RuntimeError("boom")
    assert [p.name for p in store.list(Person)] == ["Outer"]


def test_delete_meeting_takes_its_questions_and_clears_references(store):
    p = store.add(Person(name="E"))
    m = store.add(Meeting(person_id=p.id))
    store.add(QuestionAsked(meeting_id=m.id, text="How did you start?"))
    action = store.add(Action(what="Send thanks", meeting_id=m.id))
    store.delete(Meeting, m.id)
    assert store.counts()["questions_asked"] == 0
    assert store.get(Action, action.id).meeting_id is None
    with pytest.raises(NotFound):
        store.delete(Meeting, m.id)


def test_profile_defaults_empty_and_keeps_one_row(store):
    assert store.get_profile() == UserProfile()
    store.save_profile(UserProfile(name="Me", schools=["Uni"]))
    store.save_profile(UserProfile(name="Me again"))
    assert store.get_profile().name == "Me again"
    assert store.counts()["profile"] == 1


def test_find_people_ignores_case_accents_kept_and_url_decoration(store):
    zoe = store.add(Person(name="Zoë Ørsted", organization="Nordlys AS",
                                  profile_url="https://www.linkedin.com/in/zoe-orsted/"))
    assert store.find_people(name="ZOË  ørsted") == [zoe]
    assert store.find_people(name="zoe orsted") == []
    assert store.find_people(profile_url="http://linkedin.com/in/zoe-orsted?trk=abc") == [zoe]
    assert store.find_people(name="zoë ørsted", organization="nordlys as") == [zoe]
    assert store.find_people(name="zoë ørsted", organization="Other") == []


def test_counts_name_every_table(store):
    assert set(store.counts()) == {cls.table for cls in RECORD_TYPES}


# ---- frames -------------------------------------------------------------------------------

def _fill(store: Store) -> None:
    p = store.add(Person(name="Fay", tags=["a"], connected_on=date(2023, 1, 2)))
    q = store.add(Person(name="Gus", how_known="referral"))
    org = store.add(Organization(name="Acme", motivation=4))
    m = store.add(Meeting(person_id=p.id, starts_at=T0, status="held", rapport=4))
    store.add_many([
        ResearchSnapshot(kind="company", source_url="https://acme.test/", data={"name": "Acme"},
                         fetched_at=T0, organization_id=org.id),
        Outreach(person_id=p.id, sent_at=T0),
        QuestionAsked(meeting_id=m.id, text="Q?", usefulness=5),
        Referral(from_person_id=p.id, to_person_id=q.id, meeting_id=m.id),
        Action(what="thank", kind="thank_you", due=T0 + timedelta(days=1)),
        Outcome(kind="lead", date=date(2024, 4, 1), person_id=p.id),
        Insight(meeting_id=m.id, text="Networking matters", tags=["industry"]),
        Affiliation(person_id=p.id, organization="Old Co", started_on=date(2019, 3, 1)),
        MailMessage(person_id=p.id, message_key="k1", direction="received", sent_at=T0),
        CalendarEvent(person_id=p.id, event_key="e1", meeting_id=m.id, starts_at=T0),
    ])
    store.save_profile(UserProfile(name="Me", interests=["maps"]))


def _expected_dtype(cls, f):
    key = (cls.table, f.name)
    if key in CHOICES:
        return pd.CategoricalDtype(categories=list(CHOICES[key]))
    kind = str(f.type).replace(" | None", "")
    return {"int": "Int64", "str": "string", "datetime": "datetime64[us, UTC]",
            "date": "datetime64[us]", "list[str]": object, "dict[str, Any]": object}[kind]


@pytest.mark.parametrize("filled", [True, False], ids=["filled", "empty"])
def test_frames_have_dataclass_columns_and_contract_dtypes(store, filled):
    if filled:
        _fill(store)
    frames = store.frames()
    assert set(frames) == {cls.table for cls in RECORD_TYPES}
    for cls in RECORD_TYPES:
        frame = frames[cls.table]
        assert list(frame.columns) == [f.name for f in fields(cls)]
        for f in fields(cls):
            assert frame[f.name].dtype == _expected_dtype(cls, f), (cls.table, f.name)
        assert (len(frame) > 0) == filled, cls.table


def test_frames_values_match_records(store):
    _fill(store)
    frames = store.frames()
    people = frames["people"]
    assert people.loc[0, "tags"] == ["a"]
    assert people.loc[0, "connected_on"] == pd.Timestamp("2023-01-02")
    assert people.loc[1, "how_known"] == "referral"
    assert pd.isna(people.loc[1, "title"])
    meetings = frames["meetings"]
    assert meetings.loc[0, "starts_at"] == pd.Timestamp(T0)
    assert meetings.loc[0, "rapport"] == 4
    assert frames["research"].loc[0, "data"] == {"name": "Acme"}
    assert frames["profile"].loc[0, "interests"] == ["maps"]


# ---- any value the fields allow comes back unchanged ----------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_aware = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 31),
                      timezones=st.sampled_from([UTC, timezone(timedelta(hours=-7)),
                                                 timezone(timedelta(hours=5, minutes=30))]))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_text, notes=st.none() | _text, tags=st.lists(_text, max_size=4),
       created=_aware, connected=st.none() | st.dates(EARLIEST, LATEST_DATE),
       days=st.integers(-2**63, 2**63 - 1))
def test_any_person_survives_a_save_unchanged(store, name, notes, tags, created, connected, days):
    person = Person(name=name, notes=notes, tags=tags, created_at=created,
                    connected_on=connected, keep_in_touch_days=days)
    back = store.get(Person, store.add(person).id)
    assert back == person
    assert back.created_at.tzinfo == UTC


@pytest.mark.parametrize("field, value", [
    ("connected_on", date(1, 1, 1)), ("connected_on", "9999-12-31"), ("connected_on", date(1899, 12, 31)),
    ("created_at", datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))),  # would overflow
    ("created_at", datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12)))),
    ("created_at", datetime(2199, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12)))),  # 2200 in UTC
    ("created_at", datetime(2200, 1, 1, tzinfo=UTC)),  # the fast path for UTC checks too
    ("keep_in_touch_days", 2**63), ("keep_in_touch_days", -(2**63) - 1),
])
def test_dates_outside_the_kept_years_and_numbers_past_64_bits_are_refused(tmp_path, field, value):
    with Store.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(BadInput, match=r"outside the years 1900 to 2199|too large a number"):
            store.add(Person(name="Ada", **{field: value}))
        assert store.list(Person) == []
        edge = store.add(Person(name="Ada", connected_on=EARLIEST, keep_in_touch_days=2**63 - 1,
                                created_at=datetime(2199, 12, 31, 23, 59, tzinfo=UTC)))
        assert store.get(Person, edge.id) == edge


def test_saved_id_is_the_id_of_a_saved_record_and_refuses_an_unsaved_one(tmp_path):
    person = Person(name="Ines Duarte")
    with pytest.raises(ValueError, match="not been saved"):
        _ = person.saved_id
    with Store.open(tmp_path / "s.sqlite") as store:
        saved = store.add(person)
    assert saved.saved_id == saved.id and isinstance(saved.saved_id, int)

"""Calendar import: events naming stored people become (or update) meetings; recurring,
cancelled, all-day and zoned events; bad files refused whole (real .ics files, real SQLite)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from mail_samples import ME, calendar, event

from infoview.cli import main
from infoview.errors import BadInputFile
from infoview.flows.calendar_import import import_calendar
from infoview.flows.forget import files_naming, forget_person
from infoview.models import CalendarEvent, Meeting, Person, UserProfile
from infoview.store import Store

SAM = "sam.okafor@kestrel.example"


@pytest.fixture
def store(store):
    store.save_profile(UserProfile(name="Maya Lindqvist", email=ME, timezone="Europe/Paris"))
    store.add(Person(name="Sam Okafor", email=SAM))
    store.add(Person(name="Jo Park", email="jo@park.example"))
    return store


def _person(store: Store, name: str) -> Person:
    return store.list(Person, name=name)[0]


def _write(tmp_path, text: str, name: str = "cal.ics"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_attendee_address_and_a_full_name_in_the_title_make_meetings(store, tmp_path):
    path = _write(tmp_path, calendar([
        event("a1", ";TZID=Europe/London:20240304T100000", "Catch-up",
              lines=("DTEND;TZID=Europe/London:20240304T103000",
                     f"ATTENDEE;CN=Sam:mailto:{SAM.upper()}", f"ORGANIZER:mailto:{ME}",
                     "LOCATION:https://meet.google.com/abc")),
        event("a2", ":20240306T150000Z", "Coffee with Jo Park",
              lines=("DURATION:PT30M", "LOCATION:Café Lune")),
        event("a3", ":20240307T150000Z", "Dentist"),
    ]))
    report = import_calendar(store, path)
    sam, jo = _person(store, "Sam Okafor"), _person(store, "Jo Park")
    meetings = {m.person_id: m for m in store.list(Meeting)}
    assert set(meetings) == {sam.id, jo.id}
    m = meetings[sam.id]
    assert (m.starts_at, m.timezone, m.planned_minutes, m.format, m.status) == (
        datetime(2024, 3, 4, 10, tzinfo=UTC), "Europe/London", 30, "video", "scheduled")
    j = meetings[jo.id]
    assert (j.planned_minutes, j.format, j.place) == (30, "in_person", "Café Lune")
    assert report.events == 3 and report.matched == 2 and report.added == 2


def test_past_events_are_imported_as_scheduled_never_held(store, tmp_path):
    import_calendar(store, _write(tmp_path, calendar([
        event("p1", ":20200101T100000Z", "Coffee with Sam Okafor")])))
    assert [m.status for m in store.list(Meeting)] == ["scheduled"]


def test_a_meeting_already_entered_is_updated_not_doubled(store, tmp_path):
    sam = _person(store, "Sam Okafor")
    mine = store.add(Meeting(person_id=sam.id, starts_at=datetime(2024, 3, 4, 9, tzinfo=UTC),
                             status="scheduled", notes="my notes"))
    held = store.add(Meeting(person_id=sam.id, starts_at=datetime(2024, 2, 1, 9, tzinfo=UTC),
                             status="held"))
    report = import_calendar(store, _write(tmp_path, calendar([
        event("u1", ":20240304T113000Z", "Coffee with Sam Okafor"),
        event("u2", ":20240201T100000Z", "Coffee with Sam Okafor"),
    ])))
    rows = {m.id: m for m in store.list(Meeting)}
    assert set(rows) == {mine.id, held.id}
    assert rows[mine.id].starts_at == datetime(2024, 3, 4, 11, 30, tzinfo=UTC)
    assert rows[mine.id].notes == "my notes"
    assert rows[held.id].status == "held" and rows[held.id].starts_at == held.starts_at
    assert (report.updated, report.linked, report.added) == (1, 1, 0)


def test_recurring_events_expand_with_exceptions_and_cancellations(store, tmp_path):
    path = _write(tmp_path, calendar([
        event("r1", ":20240305T100000Z", "Mentoring",
              lines=("DURATION:PT20M", "RRULE:FREQ=WEEKLY;COUNT=4",
                     "EXDATE:20240312T100000Z", f"ATTENDEE:mailto:{SAM}")),
        event("r1", ":20240320T140000Z", "Mentoring",
              lines=("RECURRENCE-ID:20240319T100000Z", "DURATION:PT20M")),
        event("r1", ":20240326T100000Z", "Mentoring",
              lines=("RECURRENCE-ID:20240326T100000Z", "STATUS:CANCELLED")),
    ]))
    report = import_calendar(store, path)
    starts = sorted(m.starts_at for m in store.list(Meeting))
    assert starts == [datetime(2024, 3, 5, 10, tzinfo=UTC), datetime(2024, 3, 20, 14, tzinfo=UTC)]
    assert report.added == 2 and report.cancelled_unknown == 1
    again = import_calendar(store, path)
    assert (again.added, again.updated, again.already) == (0, 0, 2)
    assert len(store.list(Meeting)) == 2


def test_a_cancelled_or_moved_event_follows_on_reimport(store, tmp_path):
    first = calendar([event("c1", ":20240304T100000Z", "Coffee with Sam Okafor"),
                      event("c2", ":20240305T100000Z", "Call with Jo Park")])
    import_calendar(store, _write(tmp_path, first))
    later = calendar([
        event("c1", ":20240304T100000Z", "Coffee with Sam Okafor", lines=("STATUS:CANCELLED",)),
        event("c2", ":20240306T160000Z", "Call with Jo Park"),
    ])
    report = import_calendar(store, _write(tmp_path, later))
    by_person = {m.person_id: m for m in store.list(Meeting)}
    assert by_person[_person(store, "Sam Okafor").id].status == "cancelled"
    jo = by_person[_person(store, "Jo Park").id]
    assert (jo.starts_at, jo.status, jo.format) == (
        datetime(2024, 3, 6, 16, tzinfo=UTC), "scheduled", "phone")
    assert (report.cancelled, report.updated) == (1, 1)


def test_a_meeting_the_user_deleted_is_not_brought_back(store, tmp_path):
    path = _write(tmp_path, calendar([event("d1", ":20240304T100000Z", "Coffee with Sam Okafor")]))
    import_calendar(store, path)
    store.delete(Meeting, store.list(Meeting)[0].id)
    report = import_calendar(store, path)
    assert store.list(Meeting) == [] and report.left_deleted == 1


def test_all_day_events_sit_at_noon_in_the_calendars_zone(store, tmp_path):
    report = import_calendar(store, _write(tmp_path, calendar(
        [event("ad", ";VALUE=DATE:20240710", "Lunch with Sam Okafor")],
        extra="X-WR-TIMEZONE:America/New_York\r\n")))
    (m,) = store.list(Meeting)
    assert m.starts_at == datetime(2024, 7, 10, 16, tzinfo=UTC)  # noon in New York (EDT)
    assert m.timezone == "America/New_York" and report.all_day == 1


def test_floating_times_are_read_in_the_users_zone(store, tmp_path):
    import_calendar(store, _write(tmp_path, calendar(
        [event("f1", ":20240110T100000", "Coffee with Sam Okafor")])))
    assert store.list(Meeting)[0].starts_at == datetime(2024, 1, 10, 9, tzinfo=UTC)  # Paris


def test_a_name_two_people_share_is_not_guessed_and_a_namesake_attendee_is_not_them(store, tmp_path):
    store.add(Person(name="Alex Kim", email="alex@one.example"))
    store.add(Person(name="Alex Kim", email="alex@two.example"))
    report = import_calendar(store, _write(tmp_path, calendar([
        event("n1", ":20240304T100000Z", "Lunch with Alex Kim"),
        event("n2", ":20240305T100000Z", "Coffee with Sam Okafor",
              lines=("ATTENDEE;CN=Sam Okafor:mailto:sam@another-sam.example",)),
    ])))
    assert store.list(Meeting) == []
    assert report.matched == 0 and "2 people are called that" in report.ambiguous[0]


def test_a_zone_the_file_does_not_define_refuses_it_whole(store, tmp_path):
    path = _write(tmp_path, calendar([
        event("ok", ":20240304T100000Z", "Coffee with Sam Okafor"),
        event("tz", ";TZID=Custom Zone From Somewhere:20240305T100000", "Call with Jo Park"),
    ]))
    with pytest.raises(BadInputFile, match="does not define") as info:
        import_calendar(store, path)
    assert "\n" not in str(info.value) and "Custom Zone From Somewhere" in str(info.value)
    assert store.list(Meeting) == [] and store.list(CalendarEvent) == []


def test_known_zone_names_need_no_definition(store, tmp_path):
    import_calendar(store, _write(tmp_path, calendar([
        event("w1", ";TZID=W. Europe Standard Time:20240304T100000", "Coffee with Sam Okafor"),
        event("w2", ";TZID=Asia/Tokyo:20240304T100000", "Call with Jo Park")])))
    starts = sorted(m.starts_at for m in store.list(Meeting))
    assert starts == [datetime(2024, 3, 4, 1, tzinfo=UTC), datetime(2024, 3, 4, 9, tzinfo=UTC)]


def test_not_a_calendar_is_refused(store, tmp_path):
    (tmp_path / "x.ics").write_text("hello")
    with pytest.raises(BadInputFile, match="not a calendar") as caught:
        import_calendar(store, tmp_path / "x.ics")
    # Seen in the app: "it has no BEGIN:VCALENDAR", which says nothing to someone who has
    # never seen the inside of a calendar file; the message says how to get the right one.
    assert "BEGIN:VCALENDAR" not in str(caught.value)
    assert "export" in str(caught.value).lower()


def test_folder_of_files_and_dry_run(store, tmp_path):
    folder = tmp_path / "cals"
    folder.mkdir()
    _write(folder, calendar([event("f1", ":20240304T100000Z", "Coffee with Sam Okafor")]), "a.ics")
    _write(folder, calendar([event("f2", ":20240305T100000Z", "Call with Jo Park")]), "b.ics")
    preview = import_calendar(store, folder, dry_run=True)
    assert preview.added == 2 and store.list(Meeting) == [] and store.list(CalendarEvent) == []
    assert "Would keep" in preview.kept()
    assert import_calendar(store, folder).added == 2


def test_a_re_import_preview_says_plainly_that_nothing_new_would_be_kept(store, tmp_path):
    path = _write(tmp_path, calendar([event("r1", ":20240304T100000Z", "Coffee with Sam Okafor"),
                                      event("r2", ":20240305T100000Z", "Dentist")]))
    import_calendar(store, path)
    again = import_calendar(store, path, dry_run=True)
    assert again.already == 1 and again.added == again.updated == 0
    assert again.kept() == ("Nothing new would be kept: the 1 event naming people you know "
                            "changes nothing you saved.")
    assert import_calendar(store, path).kept().startswith("Nothing new was kept")


def test_forgetting_a_person_removes_their_imported_meetings(store, tmp_path):
    import_calendar(store, _write(tmp_path, calendar([
        event("g1", ":20240304T100000Z", "Coffee with Sam Okafor"),
        event("g2", ":20240305T100000Z", "Call with Jo Park")])))
    report = forget_person(store, _person(store, "Sam Okafor").id)
    assert report.store.deleted["calendar_events"] == 1 and report.store.deleted["meetings"] == 1
    assert [e.summary for e in store.list(CalendarEvent)] == ["Call with Jo Park"]
    assert files_naming([store.path], "Sam Okafor") == [] and report.still_named_in == []


def test_cli_import_calendar(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    with Store.open(db) as s:
        s.add(Person(name="Sam Okafor", email=SAM))
    path = _write(tmp_path, calendar([event("x", ":20240304T100000Z", "Coffee with Sam Okafor")]))
    assert main(["--db", str(db), "import-calendar", str(path), "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 1
    assert main(["--db", str(db), "import-calendar", str(path)]) == 0
    assert "Meetings added: 1" in capsys.readouterr().out
    bad = _write(tmp_path, calendar([event("t", ";TZID=Nowhere/Land:20240304T100000", "x")]), "bad.ics")
    assert main(["--db", str(db), "import-calendar", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nowhere/Land" in err


def _confirm_reminders(store: Store) -> list[tuple[int | None, datetime | None]]:
    from infoview.flows.actions import CONFIRM_KIND
    from infoview.models import Action

    return [(a.meeting_id, a.due) for a in store.list(Action, kind=CONFIRM_KIND)
            if a.done_at is None]


def test_an_imported_meeting_ahead_gets_the_reminder_to_confirm_it_like_one_added(store, tmp_path):
    """The method: confirm the day before. A meeting booked with ``meeting add`` gets that
    reminder; the same meeting coming from the calendar must too, move with the event and
    go when the event is cancelled."""
    ahead = datetime.now(UTC).replace(microsecond=0, second=0, minute=0) + timedelta(days=30)
    stamp = ahead.strftime("%Y%m%dT%H%M%SZ")
    moved = ahead + timedelta(days=2)
    import_calendar(store, _write(tmp_path, calendar([
        event("r1", f":{stamp}", "Coffee with Sam Okafor"),
        event("r2", ":20200101T100000Z", "Call with Jo Park")])))
    meeting = next(m for m in store.list(Meeting) if m.starts_at and m.starts_at > datetime.now(UTC))
    assert _confirm_reminders(store) == [(meeting.id, ahead - timedelta(days=1))]
    import_calendar(store, _write(tmp_path, calendar([
        event("r1", f":{moved.strftime('%Y%m%dT%H%M%SZ')}", "Coffee with Sam Okafor")])))
    assert _confirm_reminders(store) == [(meeting.id, moved - timedelta(days=1))]
    import_calendar(store, _write(tmp_path, calendar([
        event("r1", f":{moved.strftime('%Y%m%dT%H%M%SZ')}", "Coffee with Sam Okafor",
              lines=("STATUS:CANCELLED",))])))
    assert _confirm_reminders(store) == []


def test_an_invitation_naming_someone_added_without_an_address_is_theirs(store, tmp_path):
    # Lena added Sam by hand, with no address; his invitation names him and carries his
    # address. Nothing contradicts it (no address of his is known), so it is his meeting.
    lena_sam = store.add(Person(name="Samuel Adeyemi"))
    report = import_calendar(store, _write(tmp_path, calendar([
        event("i1", ":20240312T143000Z", "Call with Samuel Adeyemi",
              lines=("ATTENDEE;CN=Samuel Adeyemi:mailto:samuel@kestrel.example",)),
    ])))
    assert report.matched == 1
    [meeting] = store.list(Meeting)
    assert meeting.person_id == lena_sam.id


def test_a_single_event_more_than_a_year_ahead_or_before_1990_is_imported(store, tmp_path):
    """Only repeating events are expanded within a window (the horizon): a one-off meeting
    booked 13 months out, or one from 1985, is still a meeting with that person."""
    far = (datetime.now(UTC) + timedelta(days=400)).replace(hour=10, minute=0, second=0,
                                                            microsecond=0)
    report = import_calendar(store, _write(tmp_path, calendar([
        event("h1", f":{far:%Y%m%dT%H%M%SZ}", "Coffee with Sam Okafor"),
        event("h2", ":19850614T090000Z", "Lunch with Jo Park")])))
    assert sorted(m.starts_at for m in store.list(Meeting)) == [
        datetime(1985, 6, 14, 9, tzinfo=UTC), far]
    assert (report.events, report.added) == (2, 2)


def test_a_repeating_event_is_still_expanded_only_up_to_the_horizon(store, tmp_path):
    report = import_calendar(store, _write(tmp_path, calendar([
        event("w1", ":20240105T100000Z", "Mentoring with Sam Okafor",
              lines=("RRULE:FREQ=YEARLY",))])))
    years = sorted(m.starts_at.year for m in store.list(Meeting))
    assert years == list(range(2024, years[-1] + 1))
    assert years[-1] <= (datetime.now(UTC) + timedelta(days=366)).year
    assert report.added == len(years)


def test_events_outside_the_years_the_store_keeps_are_named_in_the_report(store, tmp_path):
    report = import_calendar(store, _write(tmp_path, calendar([
        event("y1", ":18500101T100000Z", "Coffee with Sam Okafor"),
        event("y2", ";VALUE=DATE:22500301", "Lunch with Jo Park"),
        event("y3", ":20240304T100000Z", "Call with Jo Park")])))
    assert [m.starts_at.year for m in store.list(Meeting)] == [2024]
    said = "\n".join(report.lines())
    assert "2 events are dated outside 1900 to 2199" in said
    assert "'Coffee with Sam Okafor' (Tue 1 Jan 1850)" in said and "(Fri 1 Mar 2250)" in said
    assert report.to_dict()["out_of_range"] == report.out_of_range


def test_importing_one_event_again_says_it_in_the_singular(store, tmp_path):
    """Seen in the app: "1 had been imported before and have not changed"."""
    path = _write(tmp_path, calendar([event("one", ":20240304T100000Z", "Call",
                                            lines=(f"ATTENDEE:mailto:{SAM}",))]))
    import_calendar(store, path)
    again = import_calendar(store, path)
    assert "1 had been imported before and has not changed." in again.lines()

"""A meeting's time reads the same on every page: on the user's clock (About me's time
zone, else the computer's), the zone named once, with the meeting's own time beside it
when its zone's clock differs (the rule the People page and the line on top follow).

The computer is pinned to UTC; the meeting is set in New York at 23:30 on Thursday 3
December 2037, which is 05:30 on Friday in Berlin (About me's zone, when set) and 04:30 on
Friday in UTC (the computer's, when About me says none): every page must say Friday.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoview.models import Meeting, Person, UserProfile

NEW_YORK = ZoneInfo("America/New_York")
#: 23:30 on Thursday in New York: 04:30 UTC and 05:30 in Berlin, both on Friday.
START = datetime(2037, 12, 3, 23, 30, tzinfo=NEW_YORK)
#: The meeting's own time, said beside the user's (its day too: the clocks' days differ).
THEIRS = "(Thu 3 Dec, 23:30 in America/New_York)"
#: The user's clock: About me's zone when set, else the computer's (UTC here).
CLOCKS = {
    "Europe/Berlin": ("Fri 4 Dec 2037, 05:30", "Times are Europe/Berlin time, your time zone"),
    None: ("Fri 4 Dec 2037, 04:30", "time (UTC); set your own time zone in About me"),
}


pytestmark = pytest.mark.usefixtures("computer_in_utc")


@pytest.fixture(params=["Europe/Berlin", None], ids=["about-me-berlin", "about-me-unset"])
def mine(request, store):
    """About me's zone (set to Berlin, or left empty) and what the pages must say."""
    store.save_profile(UserProfile(name="Lena Brandt", timezone=request.param))
    return CLOCKS[request.param]


@pytest.fixture
def meeting(store) -> Meeting:
    sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    return store.add(Meeting(person_id=sam.id, status="scheduled", starts_at=START,
                             timezone="America/New_York", planned_minutes=30))


def test_homes_next_meeting_is_on_my_clock_and_my_day(store, mine, meeting):
    from infoview.widgets.home import HomePage

    said, zone = mine
    # Thursday noon UTC: the meeting is tomorrow on the user's calendar (Friday), though
    # on New York's it is tonight.
    home = HomePage(store, go=lambda _k: None, choose=lambda **_kw: None,
                    now=datetime(2037, 12, 3, 12, 0, tzinfo=UTC))
    card = home.meeting_box.children[0].value
    assert f"tomorrow, {said} {THEIRS}" in card
    notes = [c.value for c in home.meeting_box.children if "infoview-zone-note" in
             getattr(c, "value", "")]
    assert len(notes) == 1 and zone in notes[0]  # the clock named once


def test_homes_meeting_waiting_for_its_debrief_is_on_my_clock(store, mine, meeting):
    from infoview.widgets.home import HomePage

    said, zone = mine
    home = HomePage(store, go=lambda _k: None, choose=lambda **_kw: None,
                    now=datetime(2037, 12, 6, 12, 0, tzinfo=UTC))
    assert f"{said} {THEIRS} (2 days ago)" in home.meeting_box.children[0].value
    assert any(zone in getattr(c, "value", "") for c in home.meeting_box.children)


def test_prepares_meeting_list_is_on_my_clock_and_names_it(store, mine, meeting, tmp_path):
    from infoview.widgets.prepare import PreparePanel

    said, zone = mine
    panel = PreparePanel(store, out_dir=tmp_path / "out", chosen=(meeting.person_id, meeting.id))
    labels = [label for label, _value in panel.meeting.options]
    assert f"{said} {THEIRS} (day agreed)" in labels
    # The note says the list is on the user's clock and the form below on the meeting's:
    # "Times are Berlin time" above a form showing 23:30 New York read wrong.
    assert "Meetings are listed on " in panel.zone_note.value
    assert zone.removeprefix("Times are ") in panel.zone_note.value
    assert "below are the meeting&#x27;s own" in panel.zone_note.value
    # The form below edits the meeting in its own zone, and names that zone.
    assert (panel.date.value.day, panel.time.value.hour) == (3, 23)
    assert panel.timezone.value == "America/New_York"


def test_debriefs_meeting_choice_is_on_my_clock(store, mine, meeting):
    from infoview.widgets.debrief import DebriefForm

    said, zone = mine
    form = DebriefForm(store, meeting_id=meeting.id)
    assert f"{said} {THEIRS}, Sam Okafor (day agreed)" in [label for label, _v in form.meeting.options]
    assert zone in form.zone_note.value


def test_debrief_warns_of_a_meeting_still_ahead_on_my_clock(store, mine, meeting):
    from infoview.widgets.debrief import DebriefForm

    said, _zone = mine
    form = DebriefForm(store, meeting_id=meeting.id)
    form.save()
    assert f"planned for {said} {THEIRS}" in form.message.text


def test_the_companion_and_the_brief_say_my_time_first_and_theirs_beside(store, mine,
                                                                          meeting):
    from infoview.flows.meetings import meeting_brief
    from infoview.widgets.meeting import MeetingCompanion

    said, _zone = mine
    hour = said[-5:-3]  # 05 in Berlin, 04 in UTC
    brief = meeting_brief(store, meeting.id)
    label = "Europe/Berlin" if hour == "05" else "UTC"
    tzname = "CET" if hour == "05" else "UTC"
    assert brief.logistics.when == (
        f"Fri 4 Dec 2037, {hour}:30-{int(hour) + 1:02d}:00 {tzname} ({label}, your "
        "time); for them Thu 3 Dec, 23:30-00:00 EST (America/New_York)")
    assert brief.agenda[0].clock == f"{hour}:30"  # the agenda's clock is the user's too
    # The calendar file keeps the meeting's own zone: other programs convert it.
    assert brief.logistics.starts_at == START
    assert brief.logistics.starts_at.tzinfo.key == "America/New_York"
    companion = MeetingCompanion.for_meeting(store, meeting.id, clock=lambda: 0.0)
    assert brief.logistics.when in companion.title.value


def test_a_meeting_on_my_clock_shows_no_second_time():
    from infoview.times import on_my_clock

    berlin = ZoneInfo("Europe/Berlin")
    at = datetime(2037, 12, 4, 5, 30, tzinfo=berlin)
    assert on_my_clock(at, "Europe/Berlin", berlin) == "Fri 4 Dec 2037, 05:30"
    # Another zone whose clock agrees (Paris) adds nothing either; one a day behind does.
    assert on_my_clock(at, "Europe/Paris", berlin) == "Fri 4 Dec 2037, 05:30"
    assert on_my_clock(at - timedelta(hours=1), "America/New_York", berlin) == (
        "Fri 4 Dec 2037, 04:30 (Thu 3 Dec, 22:30 in America/New_York)")


def test_debriefs_missed_meeting_messages_name_it_on_my_clock(store, mine, meeting):
    from infoview.widgets.debrief import DebriefForm

    said, _zone = mine
    form = DebriefForm(store, meeting_id=meeting.id)
    form.missed_status.value = "moved"
    # The new time is typed on the user's clock, the one the page names: a week later.
    form.missed_date.value = START.date() + timedelta(days=8)
    form.missed_time.value = datetime.strptime(said[-5:], "%H:%M").time()
    form.mark_missed()
    assert f"booked again for {said.replace('Fri 4', 'Fri 11')} (Thu 10 Dec, 23:30 in" \
        in form.missed_message.text
    new = max(store.list(Meeting), key=lambda m: m.id)
    assert new.starts_at == START + timedelta(days=7)
    assert new.timezone == "America/New_York"  # the host's zone kept
    form.refresh_meetings(meeting.id)
    form.mark_missed()  # no new date typed this time: the refusal names it by one rule
    assert f"Moving the meeting on {said} {THEIRS} needs the new time" \
        in form.missed_message.text


def test_deleting_a_meeting_names_it_on_my_clock(store, mine, meeting):
    from infoview.flows.records import meeting_label

    said, _zone = mine
    assert meeting_label(store, meeting) == f"the meeting with Sam Okafor on {said} {THEIRS}"


def test_outcomes_this_week_lists_meetings_on_my_clock_with_their_own_time(store, mine, meeting):
    # Seen in the app: This week listed the New York meeting on the user's clock alone,
    # where every other page says the host's time beside it.
    from infoview.widgets.outcomes import OutcomesDashboard

    sam = store.get(Person, meeting.person_id)
    store.add(Meeting(person_id=sam.id, status="no_show", timezone="America/New_York",
                      starts_at=START - timedelta(days=2)))
    dashboard = OutcomesDashboard(store, now=START - timedelta(days=1))
    pane = dashboard.panes["This week"].value.replace("\u00a0", " ")
    said, _zone = mine
    assert f"{said} {THEIRS}" in pane  # the meeting this week
    # to rebook: two days before, so Wednesday on the user's clock, Tuesday in New York
    assert f"{said.replace('Fri 4', 'Wed 2')} (Tue 1 Dec, 23:30 in America/New_York)" in pane

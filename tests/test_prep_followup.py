"""Follow-up rules against dates computed by hand: the actions a meeting creates, 3B7 over
weekends and public holidays, keep-in-touch intervals, and due actions in a calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoview.errors import BadInput
from infoview.flows.followups import record_followups, suggest_followups
from infoview.models import Action, Meeting, Outreach, Person, Referral
from infoview.prep.followup import (
    action_key,
    add_business_days,
    due_actions_ics,
    follow_up_actions,
    is_business_day,
    keep_in_touch,
    keep_in_touch_actions,
    missing_actions,
    three_b_seven,
)

UTC = UTC
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
PEOPLE = {3: "Samira Okafor", 4: "Priya Nair", 5: "Ben Carter"}


def held_meeting(**changes) -> Meeting:
    values = dict(person_id=3, starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC), planned_minutes=20,
                  status="held", id=7)
    values.update(changes)
    return Meeting(**values)


# ---- after a meeting -----------------------------------------------------------------------

def test_meeting_creates_thank_you_due_24_hours_after_it_ended():
    (thanks,) = follow_up_actions(held_meeting(), [], now=NOW, people=PEOPLE)
    assert (thanks.kind, thanks.person_id, thanks.meeting_id) == ("thank_you", 3, 7)
    assert thanks.due == datetime(2026, 12, 2, 10, 20, tzinfo=UTC)
    assert thanks.what == "Send Samira Okafor a thank-you note"


def test_each_referral_means_contact_them_then_tell_the_referrer():
    referrals = [Referral(from_person_id=3, to_person_id=4, meeting_id=7, may_mention="yes"),
                 Referral(from_person_id=3, to_person_id=5, meeting_id=7, contact_by="host")]
    actions = follow_up_actions(held_meeting(), referrals, now=NOW, people=PEOPLE)[1:]
    assert [(a.kind, a.person_id, a.owner) for a in actions] == [
        ("contact_referral", 4, "user"), ("tell_referrer", 3, "user"),
        ("contact_referral", 5, "host"), ("tell_referrer", 3, "user")]
    assert actions[0].what == "Contact Priya Nair, suggested by Samira Okafor (you may mention Samira)"
    assert actions[0].due == datetime(2026, 12, 4, 10, 20, tzinfo=UTC)      # 3 days
    assert actions[1].what == "Tell Samira Okafor how your talk with Priya Nair went"
    assert actions[1].due == datetime(2026, 12, 22, 10, 20, tzinfo=UTC)     # 21 days
    assert actions[2].due == datetime(2026, 12, 8, 10, 20, tzinfo=UTC)      # host introduces: check in a week
    assert len({action_key(a) for a in actions}) == 4                       # two tell_referrer, told apart


def test_promises_and_advice_acted_on_become_actions():
    promise = Action(what="Samira sends the diary-study template", owner="host")
    actions = follow_up_actions(held_meeting(), [], now=NOW, people=PEOPLE,
                               promises=["Send Samira the accessibility checklist", promise, "  "],
                               advice=["join the NHS-R community"])
    kinds = [(a.kind, a.owner, a.due) for a in actions[1:]]
    week = datetime(2026, 12, 8, 10, 20, tzinfo=UTC)
    assert kinds == [("promise", "user", week), ("promise", "host", week),
                     ("report_back", "user", datetime(2026, 12, 31, 10, 20, tzinfo=UTC))]
    assert actions[-1].what == "Tell Samira Okafor how you acted on their advice: join the NHS-R community"


def test_meeting_without_a_time_counts_from_now():
    (thanks,) = follow_up_actions(held_meeting(starts_at=None), [], now=NOW)
    assert thanks.due == NOW + timedelta(hours=24)
    assert thanks.what == "Send person #3 a thank-you note"


def test_a_meeting_debriefed_before_its_planned_time_counts_from_now():
    """Saved with "Save anyway": it took place early, so the thank-you is due tomorrow, not a
    day after a planned time that never came."""
    early = held_meeting(starts_at=NOW + timedelta(days=12))
    (thanks,) = follow_up_actions(early, [], now=NOW, people=PEOPLE)
    assert thanks.due == NOW + timedelta(hours=24)


def test_re_running_proposes_nothing_already_stored():
    referrals = [Referral(from_person_id=3, to_person_id=4, meeting_id=7)]
    first = follow_up_actions(held_meeting(), referrals, now=NOW, people=PEOPLE)
    later = follow_up_actions(held_meeting(), referrals, now=NOW + timedelta(days=2), people=PEOPLE)
    assert missing_actions(later, first) == []
    more = referrals + [Referral(from_person_id=3, to_person_id=5, meeting_id=7)]
    new = missing_actions(follow_up_actions(held_meeting(), more, now=NOW, people=PEOPLE), first)
    assert [(a.kind, a.person_id) for a in new] == [("contact_referral", 5), ("tell_referrer", 3)]


# ---- business days and 3B7 -----------------------------------------------------------------

def test_business_days_skip_weekends_and_public_holidays():
    # Tue 22 Dec 2026 + 3: Wed 23, Thu 24, (Fri 25 Christmas, weekend, Mon 28 Boxing Day
    # observed) Tue 29. + 7: Wed 30, Thu 31, (Fri 1 Jan, weekend) Mon 4, Tue 5.
    assert add_business_days(date(2026, 12, 22), 3, "GB") == date(2026, 12, 29)
    assert add_business_days(date(2026, 12, 22), 7, "GB") == date(2027, 1, 5)
    # without a country only weekends are skipped
    assert add_business_days(date(2026, 12, 22), 3) == date(2026, 12, 25)
    # Fri 20 Nov 2026 + 3: Mon 23, Tue 24, Wed 25
    assert add_business_days(date(2026, 11, 20), 3) == date(2026, 11, 25)
    assert not is_business_day(date(2026, 12, 28), "GB") and is_business_day(date(2026, 12, 28))
    assert not is_business_day(date(2026, 11, 26), "US")  # Thanksgiving


def test_unknown_country_is_refused():
    with pytest.raises(BadInput, match="'XX' is not a country or region with known public holidays"):
        add_business_days(date(2026, 1, 1), 3, "XX")


def _team(*extra: Person) -> list[Person]:
    return [Person(name="Samira Okafor", organization="Kestrel Health Labs", id=3),
            Person(name="Owen Pritchard", organization="kestrel health labs", id=4),
            Person(name="Ben Carter", organization="Bayes Health", id=5), *extra]


REQUEST_SENT = datetime(2026, 12, 22, 10, 0, tzinfo=LONDON)


def _request(**changes) -> Outreach:
    values = dict(person_id=3, kind="request", sent_at=REQUEST_SENT)
    values.update(changes)
    return Outreach(**values)


def test_3b7_suggests_the_next_contact_after_3_business_days_across_christmas():
    rows = [_request()]
    assert three_b_seven(rows, _team(), today=date(2026, 12, 28), country="GB") == []
    (nxt,) = three_b_seven(rows, _team(), today=date(2026, 12, 29), country="GB")
    assert (nxt.kind, nxt.person_id) == ("next_contact", 4)
    assert nxt.due == datetime(2026, 12, 29, 9, 0, tzinfo=LONDON)
    assert "No reply from Samira Okafor after 3 business days: write to Owen Pritchard" in nxt.what


def test_3b7_suggests_a_follow_up_after_7_business_days():
    rows = [_request()]
    actions = three_b_seven(rows, _team(), today=date(2027, 1, 4), country="GB")
    assert [a.kind for a in actions] == ["next_contact"]
    actions = three_b_seven(rows, _team(), today=date(2027, 1, 5), country="GB")
    assert [(a.kind, a.person_id) for a in actions] == [("next_contact", 4), ("follow_up", 3)]
    assert actions[1].due == datetime(2027, 1, 5, 9, 0, tzinfo=LONDON)
    assert actions[1].what == ("Follow up with Samira Okafor: no reply to your request of Tue 22 Dec 2026 "
                               "after 7 business days")


def test_3b7_stops_once_there_is_a_reply():
    rows = [_request(replied_at=REQUEST_SENT + timedelta(days=5))]
    assert three_b_seven(rows, _team(), today=date(2027, 2, 1), country="GB") == []


def test_3b7_does_not_repeat_what_was_done():
    rows = [_request(), Outreach(person_id=4, kind="request", sent_at=REQUEST_SENT + timedelta(days=7)),
            Outreach(person_id=3, kind="follow_up", sent_at=REQUEST_SENT + timedelta(days=6))]
    # Samira was followed up (28 Dec) and Owen written to (29 Dec): only Owen's own clock runs.
    # Owen + 3 business days is Mon 4 Jan; + 7 would be Fri 8 Jan, still to come on Thu 7 Jan.
    actions = three_b_seven(rows, _team(), today=date(2027, 1, 7), country="GB")
    assert [(a.kind, a.person_id) for a in actions] == [("next_contact", 4)]
    assert "find someone else at kestrel health labs" in actions[0].what


def test_3b7_without_colleagues_suggests_finding_one_and_skips_people_without_an_organization():
    rows = [Outreach(person_id=5, kind="request", sent_at=REQUEST_SENT),
            Outreach(person_id=9, kind="request", sent_at=REQUEST_SENT)]
    actions = three_b_seven(rows, _team(Person(name="No Org", id=9)), today=date(2026, 12, 29), country="GB")
    assert [(a.kind, a.person_id) for a in actions] == [("next_contact", 5)]
    assert "find someone else at Bayes Health" in actions[0].what


# ---- keep in touch -------------------------------------------------------------------------

def _history(**person_changes):
    person = Person(name="Samira Okafor", id=3, **person_changes)
    meetings = [Meeting(person_id=3, status="held", starts_at=datetime(2026, 9, 1, 10, tzinfo=UTC))]
    outreach = [Outreach(person_id=3, kind="thanks", sent_at=datetime(2026, 9, 2, 18, tzinfo=UTC))]
    return [person], outreach, meetings


@pytest.mark.parametrize("today,status", [
    (date(2026, 10, 31), "ok"),        # last contact 2 Sep; ideal 60 days later is 1 Nov
    (date(2026, 11, 1), "due"),
    (date(2026, 12, 1), "due"),        # latest, 90 days later, is 1 Dec
    (date(2026, 12, 2), "overdue"),
])
def test_keep_in_touch_uses_the_ideal_and_maximum_interval(today, status):
    (state,) = keep_in_touch(*_history(), today=today)
    assert (state.last_contact, state.ideal, state.latest, state.status) == (
        date(2026, 9, 2), date(2026, 11, 1), date(2026, 12, 1), status)


def test_keep_in_touch_interval_is_per_person():
    (state,) = keep_in_touch(*_history(keep_in_touch_days=14, keep_in_touch_max_days=30),
                             today=date(2026, 9, 20))
    assert (state.ideal, state.latest, state.status) == (date(2026, 9, 16), date(2026, 10, 2), "due")


def test_any_contact_resets_the_clock():
    people, outreach, meetings = _history()
    outreach.append(Outreach(person_id=3, kind="keep_in_touch", sent_at=datetime(2026, 11, 20, tzinfo=UTC)))
    (state,) = keep_in_touch(people, outreach, meetings, today=date(2026, 12, 2))
    assert (state.last_contact, state.status) == (date(2026, 11, 20), "ok")


def test_keep_in_touch_skips_people_who_never_answered_or_met():
    people = [Person(name="Cold", id=8)]
    outreach = [Outreach(person_id=8, kind="request", sent_at=datetime(2026, 1, 5, tzinfo=UTC))]
    assert keep_in_touch(people, outreach, [], today=date(2026, 12, 1)) == []


def test_keep_in_touch_actions_only_for_due_and_overdue():
    states = keep_in_touch(*_history(), today=date(2026, 12, 2))
    (action,) = keep_in_touch_actions(states)
    assert (action.kind, action.person_id) == ("keep_in_touch", 3)
    assert action.what == ("Send Samira Okafor a short update (overdue): last contact Wed 2 Sep 2026, "
                           "at the latest by Tue 1 Dec 2026")
    assert keep_in_touch_actions(keep_in_touch(*_history(), today=date(2026, 10, 1))) == []


# ---- calendar ------------------------------------------------------------------------------

def test_due_actions_export_as_whole_day_events(tmp_path):
    from icalendar import Calendar

    actions = [Action(what="Send Samira a thank-you note", kind="thank_you", id=11,
                      due=datetime(2026, 12, 2, 10, 20, tzinfo=UTC)),
               Action(what="Already done", due=datetime(2026, 12, 3, tzinfo=UTC), done_at=NOW, id=12),
               Action(what="No date"),
               Action(what="Follow up with Ben", kind="follow_up", person_id=5,
                      due=datetime(2027, 1, 5, 9, tzinfo=LONDON))]
    path = due_actions_ics(actions, tmp_path / "due.ics")
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("dtstart"), e.decoded("dtend")) for e in events] == [
        ("Send Samira a thank-you note", date(2026, 12, 2), date(2026, 12, 3)),
        ("Follow up with Ben", date(2027, 1, 5), date(2027, 1, 6))]
    assert str(events[0]["UID"]) == "action-11@infoview"
    assert str(events[1]["UID"]).startswith("action-") and len({str(e["UID"]) for e in events}) == 2


# ---- store glue ----------------------------------------------------------------------------

def test_record_followups_saves_once_and_suggestions_skip_stored_actions(tmp_path):
    from infoview.store import Store

    with Store.open(tmp_path / "f.sqlite") as store:
        samira = store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs"))
        priya = store.add(Person(name="Priya Nair", organization="Bayes Health"))
        owen = store.add(Person(name="Owen Pritchard", organization="Kestrel Health Labs"))
        meeting = store.add(held_meeting(id=None, person_id=samira.id))
        store.add(Referral(from_person_id=samira.id, to_person_id=priya.id, meeting_id=meeting.id))
        added = record_followups(store, meeting.id, now=NOW)
        assert [a.kind for a in added] == ["thank_you", "contact_referral", "tell_referrer"]
        assert all(a.id is not None for a in added)
        assert added[1].what == "Contact Priya Nair, suggested by Samira Okafor"
        assert record_followups(store, meeting.id, now=NOW + timedelta(hours=3)) == []
        assert len(store.list(Action, meeting_id=meeting.id)) == 3

        store.add(Outreach(person_id=priya.id, kind="request", sent_at=REQUEST_SENT))
        first = suggest_followups(store, today=date(2026, 12, 29), country="GB")
        assert [(a.kind, a.person_id) for a in first] == [("next_contact", priya.id)]
        store.add_many(first)
        assert suggest_followups(store, today=date(2026, 12, 29), country="GB") == []
        assert owen.id  # Owen is at Kestrel, not at Priya's organization: not suggested

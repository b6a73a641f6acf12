"""A follow-up the kit suggests is known by which suggestion it is, never by its words.

A store saved while the suggestions had other words (the wording before ``Action.rule``)
is opened with today's words: nothing is suggested twice, nothing done or snoozed is lost,
and the calendar file's events keep their ids.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime, timedelta

from infoview.flows.actions import mark_done, open_actions, snooze
from infoview.flows.debrief import Debrief, SuggestedPerson, load_debrief, save_debrief
from infoview.flows.followups import meeting_follow_ups
from infoview.models import Action, Meeting, Outreach, Person
from infoview.prep.followup import calendar_uid, missing_actions, three_b_seven
from infoview.store import Store
from infoview.store.migrations import MIGRATIONS

NOW = datetime(2026, 9, 10, 12, 0, tzinfo=UTC)
LATER = date.today() + timedelta(days=20)  # a snooze must be to a day after today

#: The words the kit wrote before, for each suggestion (as stores saved then hold them).
OLD_WORDS = {
    "thank_you": "Send Sam Okafor a thank-you note",
    ("contact_referral", "Priya Raman"):
        "Contact Priya Raman, suggested by Sam Okafor (you may mention them)",
    ("contact_referral", "Tom Berg"):
        "Check that Sam Okafor introduced you to Tom Berg; if not, ask whether you may "
        "write to them yourself",
    ("tell_referrer", "Priya Raman"): "Tell Sam Okafor how your talk with Priya Raman went",
    ("tell_referrer", "Tom Berg"): "Tell Sam Okafor how your talk with Tom Berg went",
}


def _old_store(tmp_path):
    """A store as a user kept it before the rule column: a debrief saved, the thank-you
    done, the lead to contact snoozed, a 3B7 follow-up kept and done, all in old words."""
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        meeting = store.add(Meeting(person_id=sam.id, starts_at=NOW - timedelta(days=2),
                                    status="scheduled"))
        save_debrief(store, Debrief(meeting_id=meeting.id, rapport=4, people=[
            SuggestedPerson(name="Priya Raman", may_mention="yes"),
            SuggestedPerson(name="Tom Berg", contact_by="host")]), now=NOW)
        ana = store.add(Person(name="Ana Ruiz", organization="Acme"))
        store.add(Person(name="Omar Ali", organization="Acme"))
        store.add(Outreach(person_id=ana.id, kind="request",
                           sent_at=datetime(2026, 8, 28, 9, 0, tzinfo=UTC)))
        names = {p.id: p.name for p in store.list(Person)}
        for action in store.list(Action):
            key = action.kind if action.kind == "thank_you" else (action.kind,
                                                                   names[action.person_id])
            if action.kind == "tell_referrer":
                other = next(n for n in ("Priya Raman", "Tom Berg") if action.what.endswith(
                    f"{n} went"))
                key = ("tell_referrer", other)
            action.what = OLD_WORDS[key]
            store.update(action)
        thanks = next(a for a in store.list(Action) if a.kind == "thank_you")
        mark_done(store, thanks.id, at=NOW)
        lead = next(a for a in store.list(Action) if a.what.startswith("Contact Priya"))
        snooze(store, lead.id, LATER)
        store.add(Action(what="Follow up with Ana Ruiz: no reply to your request of 28 Aug "
                              "after 7 business days", kind="follow_up", person_id=ana.id,
                         due=datetime(2026, 9, 8, 9, 0, tzinfo=UTC), done_at=NOW))
        store.add(Action(what="Send Sam Okafor a short update (overdue): last contact 02 Sep "
                              "2026, at the latest by 01 Dec 2026", kind="keep_in_touch",
                         person_id=sam.id))
        store.add(Action(what="Tell Sam Okafor how you acted on their advice: shadow a nurse "
                              "informaticist", kind="report_back", person_id=sam.id,
                         meeting_id=meeting.id))
        meeting_id = meeting.id
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE actions DROP COLUMN rule")
    # the version before the rule column (later migrations run after it as they would)
    step = next(i for i, script in enumerate(MIGRATIONS) if "ADD COLUMN rule" in script)
    conn.execute(f"PRAGMA user_version = {step}")
    conn.commit()
    conn.close()
    return path, meeting_id


def _states(store):
    return sorted((a.kind, a.person_id, a.done_at is not None, a.snoozed_until)
                  for a in store.list(Action))


def test_a_store_saved_with_the_old_words_suggests_nothing_twice_and_keeps_done_and_snoozed(
        tmp_path):
    path, meeting_id = _old_store(tmp_path)
    with Store.open(path) as store:  # upgraded: each saved follow-up learns its rule
        before = _states(store)
        assert len(before) == 8
        # the lead still to contact says whose name it may mention at once
        saved = {a.what for a in store.list(Action)}
        assert "Contact Priya Raman, suggested by Sam Okafor (you may mention Sam)" in saved
        assert ("Check that Sam Okafor introduced you to Tom Berg; if not, ask Sam whether "
                "you may write to Tom yourself") in saved
        save_debrief(store, load_debrief(store, meeting_id), now=NOW)  # today's words
        assert _states(store) == before  # none new, none lost, done and snoozed kept
        words = sorted(a.what for a in store.list(Action, meeting_id=meeting_id))
        # the open ones say it in today's words; the done thank-you keeps its own
        assert "Contact Priya Raman, suggested by Sam Okafor (you may mention Sam)" in words
        assert ("Check that Sam Okafor introduced you to Tom Berg; if not, ask Sam whether "
                "you may write to Tom yourself") in words
        assert "Send Sam Okafor a thank-you note" in words
        # the rules of every meeting follow-up find the saved ones (advice acted on too)
        meeting = store.get(Meeting, meeting_id)
        proposed = meeting_follow_ups(store, meeting, now=NOW,
                                      advice=["Shadow a nurse informaticist"])
        assert missing_actions(proposed, store.list(Action)) == []
        # 3B7: the follow-up kept and done is not suggested again in its new words
        kinds = list(open_actions(store, now=NOW)["kind"])
        assert kinds.count("follow_up") == 0 and kinds.count("next_contact") == 1
        rules = {a.kind: a.rule for a in store.list(Action)
                 if a.kind in ("keep_in_touch", "follow_up", "report_back")}
        assert rules == {"keep_in_touch": "since 2026-09-02", "follow_up": "no reply",
                         "report_back": "advice: shadow a nurse informaticist"}


def test_a_renamed_person_does_not_make_their_follow_ups_new(store):
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, starts_at=NOW - timedelta(days=1),
                                status="scheduled"))
    save_debrief(store, Debrief(meeting_id=meeting.id, rapport=4, people=[
        SuggestedPerson(name="Priya Raman", may_mention="yes")]), now=NOW)
    lead = next(a for a in store.list(Action) if a.kind == "contact_referral")
    snooze(store, lead.id, LATER)
    sam.name = "Samuel Okafor"
    store.update(sam)
    save_debrief(store, load_debrief(store, meeting.id), now=NOW)
    (again,) = [a for a in store.list(Action) if a.kind == "contact_referral"]
    assert (again.id, again.snoozed_until) == (lead.id, LATER)
    assert again.what == ("Contact Priya Raman, suggested by Samuel Okafor "
                          "(you may mention Samuel)")
    assert len(store.list(Action)) == 3


def test_a_calendar_event_of_a_suggestion_keeps_the_id_it_had_in_the_old_words():
    team = [Person(name="Ana Ruiz", organization="Acme", id=3)]
    rows = [Outreach(person_id=3, kind="request",
                     sent_at=datetime(2026, 8, 28, 9, 0, tzinfo=UTC))]
    follow_up = three_b_seven(rows, team, today=date(2026, 9, 10))[-1]  # after "find someone"
    assert follow_up.what == ("Follow up with Ana Ruiz: no reply to your request of "
                              "Fri 28 Aug 2026 after 7 business days")
    # the id the calendar files gave it when it read "of 28 Aug"
    old = ("follow_up", None, 3, "follow up with ana ruiz: no reply to your request of "
                                 "28 aug after 7 business days")
    assert calendar_uid(follow_up) == ("action-"
                                       + hashlib.sha1(repr(old).encode()).hexdigest()[:16])
    update = Action(what="Send Sam Okafor a short update (overdue): last contact Wed 2 Sep "
                         "2026, at the latest by Tue 1 Dec 2026", kind="keep_in_touch",
                    person_id=7)
    old = ("keep_in_touch", None, 7, "send sam okafor a short update (overdue): last contact "
                                     "02 sep 2026, at the latest by 01 dec 2026")
    assert calendar_uid(update) == "action-" + hashlib.sha1(repr(old).encode()).hexdigest()[:16]
    update.id = 12
    assert calendar_uid(update) == "action-12"

"""The home page says what to do next, and follow-ups can be finished from it: Done drops one
from the week's digest, Undo brings it back, Snooze hides it until a day."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

from ipywidgets import Widget

from infoview.analytics.digest import weekly_digest
from infoview.flows.actions import followup_frames, open_actions
from infoview.models import Action, Meeting, Outreach, Person, QuestionAsked, UserProfile
from infoview.widgets.followups import FollowUp, due_words
from infoview.widgets.home import HomePage

#: The tests' moment, and the page's: the page measures "tomorrow" and "overdue by 2 days"
#: against it, not against a clock that may have passed midnight since (seen in a run that
#: crossed it).
NOW = datetime.now(UTC)


def _home(store):
    went, chosen = [], []
    page = HomePage(store, go=went.append, choose=lambda **kw: chosen.append(kw), now=NOW)
    return page, went, chosen


def _digest_whats(store) -> list[str]:
    return list(weekly_digest(followup_frames(store, now=NOW), now=NOW).due["what"])


def _shown(widget) -> str:
    """Every word a widget and those inside it show (HTML values, labels), in order."""
    own = [str(getattr(widget, "value", "") or "")] if isinstance(
        getattr(widget, "value", None), str) else []
    own += [widget.description] if getattr(widget, "description", "") else []
    return " ".join(own + [_shown(c) for c in getattr(widget, "children", ())])


def test_an_empty_store_gets_a_clear_first_step(store):
    page, went, _chosen = _home(store)
    text = " ".join(getattr(c, "value", "") for c in page.first_steps.children
                    for c in getattr(c, "children", [c]))
    assert "Welcome" in text and "Say who you are" in text and "Add a person" in text
    # Someone with a LinkedIn export is told where it goes before adding people one by one.
    assert "LinkedIn contacts under Import" in text
    buttons = [c for row in page.first_steps.children[1:] for c in row.children
               if hasattr(c, "click")]
    assert [b.description for b in buttons] == ["Fill in About me", "Add a person", "Research",
                                                "Prepare"]
    buttons[0].click()
    buttons[1].click()
    assert went == ["profile", "people"]
    assert "No meeting ahead" in page.meeting_box.children[0].value
    # Seen in the browser: "Well done" and "in touch with everyone you know" before the user
    # had done anything. With nobody in the store, say what will appear there instead.
    due = page.due.rows.children[0].value
    assert "Well done" not in due and "Nothing due this week" not in due
    assert "follow-ups appear here after your first request or meeting" in due
    touch = page.losing_touch.children[0].value
    assert "everyone you know" not in touch and "once you add people" in touch


def test_with_people_and_nothing_due_home_says_so(store):
    store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    page, _went, _chosen = _home(store)
    assert "Nothing due this week" in page.due.rows.children[0].value
    # Sam was never contacted: "you are in touch with everyone you know" was untrue
    touch = page.losing_touch.children[0].value
    assert "everyone" not in touch
    assert "Nobody you have met or heard back from is overdue" in touch
    assert "not met or heard from yet are not listed here" in touch


def test_the_next_meeting_says_tomorrow_and_opens_its_brief(store):
    store.save_profile(UserProfile(name="Lena Fischer", background="nurse"))
    sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    meeting = store.add(Meeting(person_id=sam.id, starts_at=NOW + timedelta(days=1),
                                status="scheduled", format="video", planned_minutes=20))
    page, went, chosen = _home(store)
    assert page.first_steps.children == ()  # past the first steps, and no heading over nothing
    assert page.steps_heading.layout.display == "none"
    card = page.meeting_box.children[0].value
    assert "<b>Sam Okafor (Kestrel Health)</b>: tomorrow, " in card and "video call" in card
    page.meeting_box.children[1].children[0].click()  # See the brief
    assert chosen == [{"meeting_id": meeting.id}] and went == ["prepare"]


def test_the_next_meeting_without_questions_offers_to_plan_them_not_to_see_a_brief(store):
    # Seen in the browser: the meeting came from Lena's calendar file; "See the brief" opened
    # Prepare on "No questions yet", with no brief to see.
    sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    meeting = store.add(Meeting(person_id=sam.id, starts_at=NOW + timedelta(days=1),
                                status="scheduled"))
    page, went, chosen = _home(store)
    plan = page.meeting_box.children[1].children[0]
    assert plan.description == "Plan the questions"
    plan.click()
    assert chosen == [{"meeting_id": meeting.id}] and went == ["prepare"]
    store.add(QuestionAsked(meeting_id=meeting.id, text="What does a typical week look like?",
                            position=0, asked=0))
    page.refresh()
    assert page.meeting_box.children[1].children[0].description == "See the brief"


def test_done_drops_a_follow_up_from_the_digest_and_undo_brings_it_back(store):
    sam = store.add(Person(name="Sam Okafor"))
    thanks = store.add(Action(what="Send Sam a thank-you note", person_id=sam.id,
                              due=NOW - timedelta(days=2)))
    store.add(Action(what="Send Sam the article", person_id=sam.id, due=NOW + timedelta(days=3)))
    page, _went, _chosen = _home(store)
    assert [i.what for i in page.due.items] == ["Send Sam a thank-you note", "Send Sam the article"]
    assert page.due.items[0].overdue and "overdue by 2 days" in due_words(page.due.items[0])
    assert "Send Sam a thank-you note" in _digest_whats(store)
    page.due.done_buttons[str(thanks.id)].click()
    # Said once and briefly beside the row's Undo, not the row's words again under the list.
    assert page.due.row_messages[str(thanks.id)].text == "Done."
    assert page.due.row_messages[str(thanks.id)] in page.due.rows.children[0].children
    assert page.due.message.text == ""
    assert _shown(page.due).count("Send Sam Okafor a thank-you note") == 1  # named in full
    assert store.get(Action, thanks.id).done_at is not None
    assert "Send Sam a thank-you note" not in _digest_whats(store)  # the digest dropped it
    page.due.undo_buttons[str(thanks.id)].click()
    assert store.get(Action, thanks.id).done_at is None
    assert "Send Sam a thank-you note" in _digest_whats(store)


def test_snooze_hides_a_follow_up_until_the_day_chosen(store):
    sam = store.add(Person(name="Sam Okafor"))
    article = store.add(Action(what="Send Sam the article", person_id=sam.id,
                               due=NOW + timedelta(hours=2)))
    page, _went, _chosen = _home(store)
    key = str(article.id)
    page.due.snooze_buttons[key].click()  # no day chosen yet
    # Seen in the browser: the warning stood under the whole list, far from the row; it
    # goes beside the Snooze pressed, in that row.
    note = page.due.row_messages[key]
    assert note in page.due.rows.children[0].children
    assert note.kind == "warning" and "Choose the day" in note.text
    assert page.due.message.text == ""
    page.due.snooze_days[key].value = date.today()
    page.due.snooze_buttons[key].click()
    assert note.kind == "error" and "after today" in note.text
    assert page.due.message.text == ""
    friday = date.today() + timedelta(days=4)
    page.due.snooze_days[key].value = friday
    page.due.snooze_buttons[key].click()
    assert store.get(Action, article.id).snoozed_until == friday
    assert open_actions(store).empty
    # The row stays, saying briefly where it went beside its Undo: a wrong day is not a lost
    # follow-up, and the follow-up's words are not said a second time under the list.
    said = page.due.row_messages[key]
    assert said.kind == "ok" and said.text == f"Moved to {friday:%a} {friday.day} {friday:%b}."
    assert said in page.due.rows.children[0].children and page.due.message.text == ""
    assert _shown(page.due).count("Send Sam Okafor the article") == 1
    page.due.undo_buttons[key].click()
    assert page.due.row_messages[key].text == "Back on the list."
    assert _shown(page.due).count("Send Sam Okafor the article") == 1
    # a day of another year says its year, in the message and in the row (one rule with "due")
    january = date(date.today().year + 1, 1, 5)
    page.due.snooze_days[key].value = january
    page.due.snooze_buttons[key].click()
    said = f"{january:%a} 5 Jan {january.year}"
    assert page.due.row_messages[key].text == f"Moved to {said}."
    page.due.undo_buttons[key].click()
    assert store.get(Action, article.id).snoozed_until is None
    assert list(open_actions(store)["what"]) == ["Send Sam the article"]
    assert key in page.due.done_buttons  # Done and Snooze are offered again


def test_a_follow_ups_empty_date_box_says_to_choose_a_day_where_its_words_go(store):
    # Seen in the browser: the place kept for the chosen day's words stood empty between the
    # date box and Snooze, a gap that looked like a fault in the row.
    sam = store.add(Person(name="Sam Okafor"))
    article = store.add(Action(what="Send Sam the article", person_id=sam.id,
                               due=NOW + timedelta(hours=2)))
    page, _went, _chosen = _home(store)
    day = page.due.snooze_days[str(article.id)]
    assert "choose a day" in day.words.value
    day.value = date(2026, 12, 11)
    assert "Fri 11 Dec 2026" in day.words.value and "choose a day" not in day.words.value


def test_a_follow_up_computed_from_an_unanswered_request_can_be_ticked_off(store):
    sam = store.add(Person(name="Sam Okafor", email="sam@k.example"))
    store.add(Outreach(person_id=sam.id, kind="request", channel="email",
                       sent_at=NOW - timedelta(days=15)))  # over 7 business days ago
    page, _went, _chosen = _home(store)
    [item] = [i for i in page.due.items if i.key.startswith("s")]
    assert item.what.startswith("Follow up with Sam Okafor")
    page.due.done_buttons[item.key].click()
    assert page.due.message.text == "", page.due.message.text
    assert page.due.row_messages[page.due.items[0].key].text == "Done."
    [kept] = store.list(Action)
    assert kept.done_at is not None and page.due.items[0].key == str(kept.id)


def test_people_losing_touch_are_listed_with_a_way_to_act(store):
    old = NOW - timedelta(days=200)
    ada = store.add(Person(name="Ada Berg", organization="Nordlicht", created_at=old))
    store.add(Outreach(person_id=ada.id, kind="thanks", sent_at=old, replied_at=old))
    page, went, chosen = _home(store)
    row = page.losing_touch.children[0]
    assert "Ada Berg" in row.children[0].value and "days since" in row.children[0].value
    # "Work on them" did not say what it does; its tip says what Prepare now has ready.
    assert row.children[1].description == "Choose them and open Prepare"
    assert "update" not in row.children[1].tooltip
    row.children[1].click()
    assert chosen == [{"person_id": ada.id}] and went == ["prepare"]


def test_the_worker_thread_makes_no_widget_and_wait_shows_what_it_found(store, monkeypatch):
    """Beside the first paint a worker thread works out what is due. It only computes: every
    widget (the rows of what is due) is made on the thread that owns the page, here the
    test's own, when :meth:`HomePage.wait` shows what the worker found."""
    sam = store.add(Person(name="Sam Okafor"))
    store.add(Action(what="Send Sam the article", person_id=sam.id, due=NOW + timedelta(days=3)))
    made: list[tuple[str, str]] = []
    monkeypatch.setattr(Widget, "_widget_construction_callback", lambda widget: made.append(
        (threading.current_thread().name, type(widget).__name__)))
    page = HomePage(store, go=lambda _key: None, choose=lambda **_kw: None, background=True)
    page.wait()
    assert [item.what for item in page.due.items] == ["Send Sam the article"]
    assert "DatePicker" in {kind for _thread, kind in made}, "the rows were made"
    assert {thread for thread, _kind in made} == {threading.current_thread().name}, made


def test_due_words_are_plain():
    now = datetime(2026, 12, 7, 12, tzinfo=UTC)
    assert due_words(FollowUp("1", "x", now + timedelta(days=1)), now) == "due tomorrow"
    assert due_words(FollowUp("1", "x", None), now) == "no date"
    assert due_words(FollowUp("1", "x", now + timedelta(days=4)), now) == "due Fri 11 Dec"
    # past its time earlier today: not "overdue, today"
    assert due_words(FollowUp("1", "x", now - timedelta(hours=2), overdue=True), now) \
        == "due earlier today"
    assert due_words(FollowUp("1", "x", now + timedelta(hours=2)), now) == "due today"


def test_a_follow_up_that_names_its_person_does_not_name_them_twice(store):
    sam = store.add(Person(name="Sam Okafor"))
    store.add(Action(what="Confirm the time with Sam Okafor (the day before)", person_id=sam.id,
                     due=NOW + timedelta(days=1)))
    store.add(Action(what="Send the article", person_id=sam.id, due=NOW + timedelta(days=2)))
    page, _went, _chosen = _home(store)
    assert page.due.text.splitlines() == ["Confirm the time with Sam Okafor (the day before)",
                                          "Send the article · Sam Okafor"]
    rows = [row.children[0].value for row in page.due.rows.children]
    assert rows[0].count("Sam Okafor") == 1 and rows[1].count("Sam Okafor") == 1


def test_a_meeting_already_past_is_not_called_the_next_one_but_waits_for_its_debrief(store):
    # Seen in the browser: a meeting booked for six days ago (a date typed wrong, or a call
    # not yet written up) was shown under "Your next meeting" like one still to come.
    sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    past = store.add(Meeting(person_id=sam.id, starts_at=NOW - timedelta(days=6),
                             status="scheduled", format="video", planned_minutes=20))
    page, went, chosen = _home(store)
    assert "Waiting for your debrief" in page.meeting_heading.value
    assert "Your next meeting" not in page.meeting_heading.value
    card = page.meeting_box.children[0].value
    assert "<b>Sam Okafor (Kestrel Health)</b>" in card and "6 days ago" in card
    labels = [b.description for b in page.meeting_box.children[1].children]
    assert labels == ["Write the debrief", "Change its date"]
    page.meeting_box.children[1].children[0].click()
    assert chosen == [{"meeting_id": past.id}] and went == ["debrief"]
    page.meeting_box.children[1].children[1].click()
    assert went == ["debrief", "people"]
    # Once a new meeting is booked ahead, that one is the next meeting again.
    store.add(Meeting(person_id=sam.id, starts_at=NOW + timedelta(days=2), status="scheduled",
                      format="video", planned_minutes=20))
    page.refresh()
    assert "Your next meeting" in page.meeting_heading.value


def test_a_refused_snooze_is_said_as_a_sentence_not_a_log_line(store):
    # Seen in the browser: "snoozing: snooze it to a day after today (...), not ...".
    sam = store.add(Person(name="Sam Okafor"))
    article = store.add(Action(what="Send Sam the article", person_id=sam.id,
                               due=NOW + timedelta(days=2)))
    page, _went, _chosen = _home(store)
    key = str(article.id)
    page.due.snooze_days[key].value = (NOW - timedelta(days=3)).date()
    page.due.snooze_buttons[key].click()
    note = page.due.row_messages[key]  # said beside the row's Snooze
    said = note.text
    assert note.kind == "error" and said.startswith("Snooze it to a day after")
    assert not said.startswith("snoozing") and said.endswith(".")


def test_a_past_meeting_not_yet_debriefed_shows_beside_a_later_one_already_held(store):
    # Seen in the browser: a call on the 1st was still booked (no debrief), another on the
    # 8th held; Home said "No meeting ahead" and nothing about the one waiting.
    sam = store.add(Person(name="Sam Okafor"))
    waiting = store.add(Meeting(person_id=sam.id, starts_at=NOW - timedelta(days=6),
                                status="scheduled", format="video", planned_minutes=20))
    store.add(Meeting(person_id=sam.id, starts_at=NOW - timedelta(days=1), status="held",
                      format="video", planned_minutes=20))
    page, went, chosen = _home(store)
    assert "Waiting for your debrief" in page.meeting_heading.value
    card = page.meeting_box.children[0].value
    assert "Sam Okafor" in card and "6 days ago" in card
    page.meeting_box.children[1].children[0].click()  # Write the debrief
    assert chosen == [{"meeting_id": waiting.id}] and went == ["debrief"]
    # With a meeting ahead too, both show: the next one first.
    ahead = store.add(Meeting(person_id=sam.id, starts_at=NOW + timedelta(days=2),
                              status="scheduled", format="video", planned_minutes=20))
    page.refresh()
    assert "Your next meeting" in page.meeting_heading.value
    texts = [getattr(c, "value", "") for c in page.meeting_box.children]
    assert "in 2 days" in texts[0] or ahead.starts_at.strftime("%-d") in texts[0]
    assert any("Waiting for your debrief" in t for t in texts)
    assert any("6 days ago" in t for t in texts)


def test_a_follow_up_whose_words_wrap_keeps_its_controls_on_one_line(store):
    # Seen in the browser (the demo's home page): where a follow-up's words took two lines,
    # Done and Snooze stuck to the top of the row while "or snooze until" and the day sat
    # in its middle, a staircase of controls.
    sam = store.add(Person(name="Sam Okafor"))
    long = store.add(Action(what="Follow up with Sam Okafor: no reply to your request of 13 "
                                 "Nov after 7 business days, then find someone else there",
                            person_id=sam.id, due=NOW + timedelta(days=1)))
    page, _went, _chosen = _home(store)
    [row] = page.due.rows.children
    controls = [page.due.done_buttons[str(long.id)], page.due.snooze_days[str(long.id)],
                page.due.snooze_buttons[str(long.id)]]
    assert row.layout.align_items == "center"
    for control in controls:
        assert control.layout.align_self in (None, "", "center"), control.layout.align_self
    page.due.done_buttons[str(long.id)].click()
    [row] = page.due.rows.children
    assert page.due.undo_buttons[str(long.id)].layout.align_self in (None, "", "center")


def test_a_day_since_last_in_touch_is_said_in_the_singular(store):
    """Someone last in touch a day ago reads "1 day since", not "1 days since"."""
    import pandas as pd

    page, _went, _chosen = _home(store)
    page._show_losing_touch(pd.DataFrame([{"person_id": 1, "name": "Ada Berg", "days_since": 1.0,
                                           "organization": None},
                                          {"person_id": 2, "name": "Bo Li", "days_since": 9.0,
                                           "organization": "Nordlicht"}]))
    shown = _shown(page.losing_touch)
    assert "1 day since you were last in touch" in shown
    assert "9 days since you were last in touch" in shown


def test_a_typed_promise_reads_like_the_kits_own_follow_ups(store):
    """Lena's list read "Send Sam Okafor a thank-you note" above "send Sam the article ·
    Sam Okafor": her promise is shown with a capital and the person named in its words, as
    the kit's rows name them, on Home and in the Outcomes table; the stored words stay hers."""
    from infoview.widgets.outcomes import OutcomesDashboard

    sam = store.add(Person(name="Sam Okafor"))
    store.add(Action(what="Send Sam Okafor a thank-you note", person_id=sam.id,
                     due=NOW + timedelta(days=1)))
    store.add(Action(what="send Sam the article", person_id=sam.id, due=NOW + timedelta(days=2)))
    store.add(Action(what="book the iOS workshop", person_id=sam.id, due=NOW + timedelta(days=3)))
    page, _went, _chosen = _home(store)
    assert page.due.text.splitlines() == ["Send Sam Okafor a thank-you note",
                                          "Send Sam Okafor the article",
                                          "Book the iOS workshop · Sam Okafor"]
    rows = [row.children[0].value for row in page.due.rows.children]
    assert ": Send Sam Okafor the article</span>" in rows[1] and "·" not in rows[1]
    assert "send Sam the article" in [a.what for a in store.list(Action)]
    panel = OutcomesDashboard(store, now=NOW - timedelta(days=10))
    follow_ups = panel.panes["Follow-ups"].value
    assert "Send Sam Okafor the article" in follow_ups.replace("\u00a0", " ")
    assert "send Sam the article" not in follow_ups.replace("\u00a0", " ")


def test_a_meeting_booked_for_tomorrow_asks_to_confirm_today_not_earlier_today_in_red(store):
    """Lena adds a meeting for tomorrow under People: its reminder to confirm falls due a
    day before it starts, which has passed, so it is due from the moment it was made. Home
    says "due today" in grey, not "due earlier today" in red, and saving again later does
    not move it on."""
    from infoview.flows.actions import sync_confirm_reminder
    from infoview.flows.meetings import MeetingOptions, add_meeting

    sam = store.add(Person(name="Sam Okafor"))
    start = (datetime.now(UTC) + timedelta(hours=12)).replace(microsecond=0)
    meeting, _plan = add_meeting(store, MeetingOptions(person_id=sam.id, starts_at=start,
                                                       timezone="UTC"))
    page, _went, _chosen = _home(store)
    [row] = [r for r in page.due.rows.children if "Confirm" in _shown(r)]
    words = _shown(row)
    assert "due today" in words and "earlier today" not in words, words
    assert "#b00020" not in words, "red only when it is really late"
    [reminder] = store.list(Action, kind="confirm")
    later = reminder.due + timedelta(hours=1)
    assert sync_confirm_reminder(store, meeting, now=later).due == reminder.due

"""The debrief form, fed by the meeting companion, saving through the library."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from question_fixtures import THREE_QUESTIONS

from infoview.flows.meetings import next_meeting, save_meeting_plan
from infoview.models import (
    Action,
    Insight,
    Meeting,
    Outcome,
    Person,
    QuestionAsked,
    Referral,
    UserProfile,
)
from infoview.store import Store
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.meeting import MeetingCompanion

PLAN = THREE_QUESTIONS


@pytest.fixture
def store(store):
    store.save_profile(UserProfile(name="Maya Lindqvist"))
    # Debriefed half an hour after it began (a meeting still ahead asks to confirm first).
    starts = datetime.now(UTC) - timedelta(minutes=30)
    save_meeting_plan(store, Person(name="Samira Okafor", organization="Kestrel Health Labs"),
                      Meeting(person_id=0, starts_at=starts, status="scheduled"), PLAN)
    return store


def test_planned_questions_are_listed_unasked_until_notes_come_in(store):
    form = DebriefForm(store)
    assert [q["text"] for q in form.questions] == [i.text for i in PLAN.items]
    assert not any(q["asked"].value for q in form.questions)


def test_a_question_not_asked_shows_no_usefulness_score(store):
    # Seen by Maya: "useful 0" beside every question she had not asked, read as a score.
    form = DebriefForm(store)
    first = form.questions[0]
    assert {q["usefulness"].layout.visibility for q in form.questions} == {"hidden"}
    first["asked"].value = True
    assert first["usefulness"].layout.visibility == "visible"
    assert form.questions[1]["usefulness"].layout.visibility == "hidden"
    first["asked"].value = False
    assert first["usefulness"].layout.visibility == "hidden"


def test_companion_notes_flow_into_the_form_when_its_clock_stops(store):
    meeting_id = next_meeting(store)
    companion = MeetingCompanion.for_meeting(store, meeting_id, clock=lambda: 0.0)
    assert [m.label for m in companion.marks][0] == "Greeting"
    assert any(m.closing for m in companion.marks)
    form = DebriefForm(store, companion=companion)
    companion.start()
    companion.tick(0, "Started as a nurse, moved over after a hackathon")
    companion.rows[2][1].value = "Priya in the data team"
    companion.stop_button.click()
    assert [q["asked"].value for q in form.questions] == [True, False, True]
    assert form.questions[0]["notes"].value == "Started as a nurse, moved over after a hackathon"
    assert form.notes_message.kind == "ok"  # said right under the notes button


def test_save_writes_questions_people_promises_outcomes_and_follow_ups(store):
    form = DebriefForm(store)
    form.take_notes([{"question_id": "path-01", "text": PLAN.items[0].text, "asked": True,
                      "notes": "Came from nursing"},
                     {"question_id": None, "text": "What would you read first?", "asked": True,
                      "notes": "The NHS design blog"}])
    form.questions[0]["usefulness"].value = 5
    form.people.add(name="Priya Shah", organization="Kestrel Health Labs", may_mention="yes")
    form.promises.add(what="Send the accessibility article", owner="user",
                      due=date.today() + timedelta(days=2))
    form.insights.add(text="Findings reach the roadmap in a monthly review", tags="process, roadmap")
    form.outcomes.add(kind="lead", notes="Priya may need a research assistant")
    form.rapport.value = 4
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text

    meeting = store.get(Meeting, form.meeting.value)
    assert (meeting.status, meeting.rapport) == ("held", 4)
    asked = sorted(store.list(QuestionAsked, meeting_id=meeting.id), key=lambda q: q.position)
    assert [(q.question_id, q.answer_notes, q.usefulness) for q in asked if q.asked] == [
        ("path-01", "Came from nursing", 5), (None, "The NHS design blog", None)]
    # The plan's other questions are kept, as not asked (nothing of the plan is lost).
    assert [q.question_id for q in asked if not q.asked] == ["role-01", "closing-01"]
    [priya] = store.find_people(name="Priya Shah")
    [referral] = store.list(Referral, meeting_id=meeting.id)
    assert (referral.to_person_id, referral.may_mention) == (priya.id, "yes")
    assert store.list(Insight, meeting_id=meeting.id)[0].tags == ["process", "roadmap"]
    assert [o.kind for o in store.list(Outcome, meeting_id=meeting.id)] == ["lead"]
    kinds = sorted(a.kind for a in store.list(Action, meeting_id=meeting.id))
    assert kinds == ["contact_referral", "promise", "tell_referrer", "thank_you"]
    assert "thank-you" in form.actions.text.lower()
    assert "Samira" in form.thanks_text.value and "roadmap" in form.thanks_text.value


@pytest.mark.parametrize("notes, line", [
    # Seen by Maya: "I especially valued what you told me. Through a hackathon, then a UX
    # course." The letter names the question's topic and continues with the answer.
    ("Through a hackathon, then a UX course.",
     "researcher: through a hackathon, then a UX course."),
    # Seen as a new user: "...: a hackathon got her into research." -- a note about
    # Samira in a letter to her. The letter leaves a place for her words beside the note.
    ("A hackathon got her into research",
     'researcher: [in your own words, what your note "A hackathon got her into research" '
     "meant to you]."),
])
def test_the_thank_you_says_what_the_answer_it_quotes_was_about(store, notes, line):
    form = DebriefForm(store)
    form.take_notes([{"question_id": "path-01", "text": PLAN.items[0].text, "asked": True,
                      "notes": notes}])
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert ("I especially valued what you said about how you ended up working as a UX "
            + line) in form.thanks_text.value, form.thanks_text.value


def test_a_thank_you_written_later_names_the_answers_topic_too(store):
    # The thank-you drafted from the Prepare page after the debrief is saved words the
    # answer as the debrief's own draft does.
    from infoview.flows.drafts import stored_draft, write_draft

    form = DebriefForm(store)
    form.take_notes([{"question_id": "path-01", "text": PLAN.items[0].text, "asked": True,
                      "notes": "Through a hackathon, then a UX course"}])
    form.save_button.click()
    meeting = store.get(Meeting, form.meeting.value)
    person, options = stored_draft(store, "thanks", person_id=meeting.person_id)
    body = write_draft("thanks", person, store.get_profile(), options).body
    assert ("I especially valued what you said about how you ended up working as a UX "
            "researcher: through a hackathon, then a UX course.") in body, body


def test_the_thank_you_quotes_a_question_of_her_own_that_gives_no_topic(store):
    # Seen in the app: an answer to a question of her own ("Is there ...?") fell back to
    # "I especially valued what you told me: ...", which says nothing of what she asked.
    # The debrief's draft and the one written later from the Prepare page both quote it.
    from infoview.flows.drafts import stored_draft, write_draft

    form = DebriefForm(store)
    form.take_notes([{"question_id": None, "text": "Is there a book you would recommend?",
                      "asked": True, "notes": "the service design handbook"}])
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    line = ('I especially valued your answer to "Is there a book you would recommend?": the '
            "service design handbook.")
    assert line in form.thanks_text.value, form.thanks_text.value
    assert "what you told me" not in form.thanks_text.value
    meeting = store.get(Meeting, form.meeting.value)
    person, options = stored_draft(store, "thanks", person_id=meeting.person_id)
    body = write_draft("thanks", person, store.get_profile(), options).body
    assert line in body, body


def test_saving_twice_and_reopening_edits_the_same_debrief(store):
    form = DebriefForm(store)
    form.take_notes([{"question_id": "role-01", "text": PLAN.items[1].text, "asked": True,
                      "notes": "Two studies a week"}])
    form.people.add(name="Priya Shah", organization="Kestrel Health Labs")
    form.save()
    form.save()
    again = DebriefForm(store, meeting_id=form.meeting.value)
    assert [(q["asked"].value, q["notes"].value) for q in again.questions] == [
        (False, ""), (True, "Two studies a week"), (False, "")]
    assert [r["name"].value for r in again.people.rows] == ["Priya Shah"]
    again.people.remove(0)
    again.save()
    assert store.list(Referral) == []
    assert len(store.list(Person)) == 2  # Priya stays a known person; no duplicate


def test_a_score_outside_the_scale_is_a_message_and_nothing_is_saved(store):
    form = DebriefForm(store)
    form.people.add(name="", email="")  # an empty row is ignored
    form.outcomes.add(kind="lead")
    form.outcomes.rows[0]["kind"].options = ["lead", "promotion"]
    form.outcomes.rows[0]["kind"].value = "promotion"
    form.save_button.click()
    assert form.message.kind == "error" and "outcome" in form.message.text
    assert store.get(Meeting, form.meeting.value).status == "scheduled"


def test_empty_store_says_there_is_no_meeting(tmp_path):
    form = DebriefForm(Store.open(tmp_path / "empty.sqlite"))
    assert form.meeting_message.kind == "warning" and "No meetings" in form.meeting_message.text
    assert "Prepare" in form.meeting_message.text and "notebook" not in form.meeting_message.text
    form.save_button.click()
    assert form.message.kind == "warning"


def test_a_person_with_an_email_but_no_name_is_flagged_before_saving(store):
    form = DebriefForm(store)
    form.people.add(name="Priya Shah")
    row = form.people.add()
    row["email"].value = "tom@example.org"
    # Said under the rows as soon as it is typed, with the name field marked.
    assert "Person 2 (tom@example.org) has no name" in form.people_note.value
    assert "infoview-missing" in row["name"]._dom_classes
    form.save_button.click()
    assert form.message.kind == "error"
    assert "Person 2 (tom@example.org) has no name" in form.message.text
    assert store.list(Referral) == []  # nothing saved
    row["name"].value = "Tom Reyes"
    assert form.people_note.value == "" and "infoview-missing" not in row["name"]._dom_classes
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert len(store.list(Referral)) == 2


def test_removing_the_nameless_row_clears_the_warning(store):
    form = DebriefForm(store)
    form.people.add(email="tom@example.org")
    assert form.people_note.value
    form.people.remove(0)
    assert form.people_note.value == ""


def test_the_host_introduction_choice_names_the_host(store):
    form = DebriefForm(store)
    row = form.people.add(name="Priya Shah", contact_by="host", may_mention="yes")
    assert ("Samira introduces me", "host") in row["contact_by"].options
    assert row["may_mention"].label == "yes, I may mention Samira"


def test_thank_you_draft_keeps_what_was_learned_in_the_users_words(store):
    form = DebriefForm(store)
    form.insights.add(text="Research findings reach the roadmap in a monthly review")
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    # a statement of her own is a note, not the letter's words: it no longer breaks off
    # into a sentence of its own ("what you told me. Research ..."), but sits beside a
    # marked place for her own words, which the draft's checks ask her to fill in
    assert ('what you told me: [in your own words, what your note "Research findings reach '
            'the roadmap in a monthly review" meant to you].') in form.thanks_text.value
    assert "what you told me. " not in form.thanks_text.value
    assert form.thanks_text.rows >= form.thanks_text.value.count("\n") + 1  # shown whole


def test_bringing_in_notes_before_any_were_taken_says_so(store):
    companion = MeetingCompanion.for_meeting(store, next_meeting(store), clock=lambda: 0.0)
    form = DebriefForm(store, companion=companion)
    form.notes_button.click()
    assert form.notes_message.kind == "warning" and "nothing noted yet" in form.notes_message.text
    companion.tick(0, "Came from nursing")
    form.notes_button.click()
    assert form.notes_message.kind == "ok" and "Brought in 1 question" in form.notes_message.text


def test_after_saving_the_meeting_is_listed_as_held_and_the_form_stays_as_filled(store):
    other = store.add(Person(name="Ben Okoro"))
    store.add(Meeting(person_id=other.id, starts_at=datetime(2026, 1, 5, 10, tzinfo=UTC),
                      status="requested"))
    form = DebriefForm(store)
    samira = form.meeting.value
    assert form.meeting.label.endswith("Samira Okafor (day agreed)")  # the status in plain words
    form.insights.add(text="Most studies run remotely")
    form.save()
    assert form.message.kind == "ok", form.message.text
    assert form.meeting.value == samira
    assert form.meeting.label.endswith("Samira Okafor (held)")
    labels = [label for label, _ in form.meeting.options]
    assert any(label.endswith("Ben Okoro (not agreed yet)") for label in labels)  # not saved: as was
    assert [r["text"].value for r in form.insights.rows] == ["Most studies run remotely"]


def test_a_saved_debrief_opened_again_offers_its_thank_you_and_no_other_meeting_does(store):
    # Seen in the browser: the follow-up "Send Samira a thank-you note" was due, but a reload
    # (or coming back the next evening) showed an empty thank-you box; and after saving one
    # debrief, choosing another meeting kept showing the first meeting's thank-you.
    other = store.add(Person(name="Ben Okoro"))
    ben = store.add(Meeting(person_id=other.id, starts_at=datetime(2026, 1, 5, 10, tzinfo=UTC),
                            status="requested")).id
    form = DebriefForm(store)
    samira = form.meeting.value
    form.insights.add(text="Research findings reach the roadmap in a monthly review")
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text

    again = DebriefForm(store, meeting_id=samira)  # the page reloaded
    assert "your note \"Research findings reach the roadmap" in again.thanks_text.value
    assert again.thanks_text.value.startswith("Subject:")
    again.meeting.value = ben  # not debriefed: no thank-you yet, and not Samira's
    assert again.thanks_text.value == "" and again.thanks_warnings.value == ""
    again.meeting.value = samira
    assert "Research findings reach the roadmap" in again.thanks_text.value


def test_a_snoozed_follow_up_still_shows_snoozed_when_the_debrief_is_opened_again(store):
    # Seen in the browser: "send Sam the article" snoozed to Friday came back, after a
    # reload, as "due Thu 17 Dec" with Done and Snooze, as if it had never been snoozed.
    form = DebriefForm(store)
    form.promises.add(what="Send Samira the article", due=date.today() + timedelta(days=10))
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    key = next(i.key for i in form.actions.items if i.what == "Send Samira the article")
    friday = date.today() + timedelta(days=4)
    form.actions.snooze(key, friday)

    again = DebriefForm(store, meeting_id=form.meeting.value)  # the page reloaded
    item = next(i for i in again.actions.items if i.what == "Send Samira the article")
    assert item.snoozed == friday
    assert item.key in again.actions.undo_buttons and item.key not in again.actions.done_buttons
    again.actions.undo_buttons[item.key].click()
    assert store.get(Action, int(item.key)).snoozed_until is None
    assert item.key in again.actions.done_buttons  # due again, with Done and Snooze


def test_a_debrief_saved_early_keeps_the_questions_not_asked_yet(store, tmp_path):
    """"Save anyway" pressed by mistake at minute three: the plan's other questions stay,
    shown as not asked in the debrief and still listed by the meeting companion; no count
    of questions asked includes them, and a later meeting may ask them."""
    from infoview.analytics import question_effectiveness
    from infoview.flows.meetings import asked_before

    meeting_id = next_meeting(store)
    form = DebriefForm(store, meeting_id=meeting_id)
    form.take_notes([{"question_id": "path-01", "text": PLAN.items[0].text, "asked": True,
                      "notes": "Came from nursing"}])
    form.questions[0]["usefulness"].value = 4
    form.save()
    assert form.message.kind == "ok", form.message.text
    companion = MeetingCompanion.for_meeting(store, meeting_id, clock=lambda: 0.0)
    assert [item.text for item in companion.items] == [i.text for i in PLAN.items]
    again = DebriefForm(store, meeting_id=meeting_id)
    assert [q["asked"].value for q in again.questions] == [True, False, False]
    assert again.questions_box.children[1].children[0].children[1].value.count("not asked") == 1
    assert "not asked" not in again.questions_box.children[0].children[0].children[1].value
    sam = store.get(Meeting, meeting_id).person_id
    assert asked_before(store, sam) == ["path-01"]  # the others may be asked next time
    table = question_effectiveness(store.frames())
    assert list(table["question_id"].dropna()) == ["path-01"]
    assert int(table["asked"].sum()) == 1
    from infoview.analytics import instore

    by_question, _by_category = instore.question_figures(store)  # the report's own reading
    assert list(by_question["question_id"].dropna()) == ["path-01"]
    # Ticked later and saved again, a question kept as not asked counts as asked.
    again.take_notes([{"question_id": "role-01", "text": PLAN.items[1].text, "asked": True,
                       "notes": "Two studies a week"}])
    again.save()
    assert sorted(asked_before(store, sam)) == ["path-01", "role-01"]


def test_a_lead_written_to_since_is_no_open_action_in_the_debrief_either(store):
    """A mail import showed Lena had written to Priya: Home stopped saying "Contact Priya
    Shah", but the debrief's follow-up list still showed it open."""
    from infoview.flows.actions import open_actions
    from infoview.flows.outreach_log import record_outreach

    form = DebriefForm(store)
    form.take_notes([{"question_id": "path-01", "text": PLAN.items[0].text, "asked": True,
                      "notes": "Came from nursing"}])
    form.people.add(name="Priya Shah", organization="Kestrel Health Labs")
    form.save()
    assert "Contact Priya Shah" in form.actions.text
    [priya] = store.find_people(name="Priya Shah")
    record_outreach(store, priya.id, kind="request", channel="email", subject="Hello",
                    body="Samira suggested I write to you.")  # what a mail import records
    assert "contact_referral" not in set(open_actions(store)["kind"])  # Home's rule
    again = DebriefForm(store, meeting_id=form.meeting.value)
    assert "Contact Priya Shah" not in again.actions.text
    assert "thank-you" in again.actions.text.lower()  # the other follow-ups stay


def test_an_email_that_is_no_address_is_marked_beside_it_and_nothing_is_saved(store):
    # "owen at kestrel" was saved as Owen's email: his card, vCard and mail import used it.
    form = DebriefForm(store)
    row = form.people.add(name="Owen Pritchard")
    row["email"].value = "owen at kestrel"
    assert "Person 1 (Owen Pritchard): &#x27;owen at kestrel&#x27; is not an email address" \
        in form.people_note.value
    assert "infoview-missing" in row["email"]._dom_classes
    assert "infoview-missing" not in row["name"]._dom_classes
    assert "email alone" not in form.people_note.value  # he has a name: no word about names
    form.save_button.click()
    assert form.message.kind == "error" and "not an email address" in form.message.text
    assert store.list(Referral) == [] and not any(p.name == "Owen Pritchard"
                                                  for p in store.list(Person))
    row["email"].value = "owen@kestrel.example"
    assert form.people_note.value == "" and "infoview-missing" not in row["email"]._dom_classes
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    owen = next(p for p in store.list(Person) if p.name == "Owen Pritchard")
    assert owen.email == "owen@kestrel.example"


def test_after_the_only_meetings_person_is_deleted_the_form_shows_nothing_of_theirs(store):
    # Seen by Lena: Sam deleted, the debrief's list of meetings was empty, yet his planned
    # questions and her note of what he said were still on the page.
    from infoview.flows.records import delete_record

    form = DebriefForm(store)
    form.take_notes([{"question_id": "path-01", "text": PLAN.items[0].text, "asked": True,
                      "notes": "Came from nursing via a hackathon"}])
    form.promises.add(what="send Samira the article", owner="user")
    form.notes.value = "Samira was kind"
    [samira] = store.find_people(name="Samira Okafor")
    delete_record(store, "person", samira.id)
    form.refresh_meetings()
    assert "No meetings" in form.meeting_message.text
    assert form.questions == []
    shown = repr([c for c in form.questions_box.children])
    assert "hackathon" not in shown and PLAN.items[0].text not in shown
    assert form.promises.rows == [] and form.notes.value == ""
    assert "Samira" not in form.thanks_text.value

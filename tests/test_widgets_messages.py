"""A message belongs to the action that caused it: "Saved." and its kind are gone once the
user chooses someone else, another meeting, or starts a new form, so the page never says
something about what is no longer on it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.flows.meetings import save_meeting_plan
from infoview.models import Meeting, Person
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.meeting import MeetingCompanion
from infoview.widgets.prepare import NEW, PreparePanel
from infoview.widgets.profile import ProfileForm
from infoview.widgets.records import PeoplePage

PLAN = QuestionPlan(items=[
    PlanItem("path-01", "path", "How did you end up working as a UX researcher?", 3, "top"),
    PlanItem("closing-01", "closing", "Who else would you suggest I talk to?", 1, "always"),
], meeting_minutes=20, overhead_minutes=4)


@pytest.fixture
def two(store):
    """Sam and Ada, each with a meeting that began half an hour ago."""
    starts = datetime.now(UTC) - timedelta(minutes=30)
    ids = {}
    for name in ("Sam Okafor", "Ada Berg"):
        person, meeting = save_meeting_plan(store, Person(name=name), Meeting(
            person_id=0, starts_at=starts, status="scheduled"), PLAN)
        ids[name] = (person.id, meeting.id)
    return ids


def test_people_saved_message_goes_when_another_person_is_chosen_or_a_form_opens(
        store, two, tmp_path):
    page = PeoplePage(store, cache_path=tmp_path / "cache.sqlite")
    sam, ada = two["Sam Okafor"][0], two["Ada Berg"][0]
    page.people.value = sam
    page.edit_person_button.click()
    page.person_form["title"].value = "Product manager"
    page.save_person_button.click()
    assert page.message.text == "Saved the changes to Sam Okafor."
    page.people.value = ada
    assert page.message.text == ""  # it was about Sam

    page.add_meeting_button.click()
    page.meeting_date.value = date.today() + timedelta(days=5)
    page.save_meeting_button.click()
    assert page.message.text.startswith("Added the meeting")
    page.add_person_button.click()  # a new form: the last save is not its story
    assert page.message.text == ""


def test_a_delete_asked_about_one_person_is_withdrawn_when_another_is_chosen(
        store, two, tmp_path):
    page = PeoplePage(store, cache_path=tmp_path / "cache.sqlite")
    page.people.value = two["Sam Okafor"][0]
    page.delete_person_button.click()
    assert page.deletions.asking.layout.display == ""
    page.people.value = two["Ada Berg"][0]
    # "Yes, delete" under Ada's card would have deleted Sam
    assert page.deletions.asking.layout.display == "none" and page.deletions.pending is None
    assert store.list(Person, id=two["Sam Okafor"][0])


def test_organization_saved_is_seen_and_goes_when_another_is_chosen(store, tmp_path):
    page = PeoplePage(store, cache_path=tmp_path / "cache.sqlite", out_dir=tmp_path / "out")
    for name in ("Kestrel Health", "Harbour Analytics"):
        page.add_organization_button.click()
        page.organization_form["name"].value = name
        page.save_organization_button.click()
    assert page.organization_message.text == "Saved Harbour Analytics."
    assert page.organization_form_box.layout.display == "none"  # the line is not inside it
    page.dossier_buttons["html"].click()
    assert page.file_message.kind == "ok" and page.files.value
    page.organizations.value = [v for label, v in page.organizations.options
                                if label.startswith("Kestrel Health  ·")][0]
    assert page.organization_message.text == "" and page.file_message.text == ""
    assert page.files.value == ""  # Harbour's dossier is not Kestrel's
    page.organization_message.show("Saved Kestrel Health.", "ok")
    page.add_organization_button.click()
    assert page.organization_message.text == ""


def test_prepare_forgets_the_last_save_and_exports_on_a_new_meeting_or_person(store, two,
                                                                               tmp_path):
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    panel.person.value = two["Sam Okafor"][0]
    panel.meeting.value = two["Sam Okafor"][1]
    panel.save_button.click()
    assert panel.message.text.startswith("Saved Sam Okafor")
    panel.export_buttons["md"].click()
    assert panel.export_message.kind == "ok" and panel.exports.value
    panel.meeting.value = NEW  # a new meeting: nothing of the last one's is said of it
    assert panel.message.text == "" and panel.export_message.text == ""
    assert panel.exports.value == ""

    panel.meeting.value = two["Sam Okafor"][1]
    panel.sent_message.show("Recorded: email to Sam by email on Mon 7 Dec.", "ok")
    panel.draft_message.show("Copied.", "ok")
    panel.person.value = NEW
    assert panel.sent_message.text == "" and panel.draft_message.text == ""


def test_the_debrief_forgets_notes_brought_in_for_another_meeting(store, two):
    companion = MeetingCompanion.for_meeting(store, two["Sam Okafor"][1])
    form = DebriefForm(store, meeting_id=two["Sam Okafor"][1], companion=companion)
    companion.tick(0, "started as a nurse")
    form.notes_button.click()
    assert form.notes_message.text.startswith("Brought in")
    form.meeting.value = two["Ada Berg"][1]
    assert form.notes_message.text == ""


def test_about_me_saved_goes_once_a_field_is_changed_again(store):
    form = ProfileForm(store)
    form.form["name"].value = "Lena Fischer"
    form.save_button.click()
    assert form.form.message.text.startswith("Saved.")
    form.form["background"].value = "ten years on a cardiac ward"  # not saved yet
    assert form.form.message.text == ""

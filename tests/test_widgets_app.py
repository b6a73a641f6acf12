"""The app on one page, driven without a browser: pages built on first visit, one choice of
person and meeting that every page follows, "Someone new" that starts clean."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from infoview.flows.meetings import save_meeting_plan
from infoview.models import Meeting, Person
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.app import PAGES, App
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.meeting import MeetingCompanion
from infoview.widgets.prepare import NEW
from infoview.widgets.session import NotebookSession

SOON = datetime.now(UTC) + timedelta(days=3)


def _session(tmp_path: Path, store: Store) -> NotebookSession:
    return NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "exports",
                           settings=Settings(cache_path=tmp_path / "cache.sqlite"), demo=False)


@pytest.fixture
def store(store):
    """Two people, each with a meeting and a planned question of their own."""
    from infoview.questions.models import PlanItem, QuestionPlan

    for i, (name, question) in enumerate([("Sam Okafor", "How did you start in health tech?"),
                                          ("Ada Berg", "What surprised you in your first year?")]):
        plan = QuestionPlan(items=[PlanItem(id=f"own-{i}", category="own", text=question,
                                            minutes=3, reason="")],
                            meeting_minutes=20, overhead_minutes=4)
        save_meeting_plan(store, Person(name=name, organization="Kestrel Health"),
                          Meeting(person_id=0, starts_at=SOON + timedelta(days=i),
                                  status="scheduled", place=f"https://call.example/{i}"), plan)
    return store


@pytest.fixture
def app(tmp_path, store):
    return App(_session(tmp_path, store), background=False)


def _ids(store: Store) -> dict[str, tuple[int, int]]:
    people = {p.name: p.id for p in store.list(Person)}
    return {name: (pid, store.list(Meeting, person_id=pid)[0].id) for name, pid in people.items()}


def test_the_app_opens_on_home_and_builds_a_page_only_when_it_is_visited(app):
    assert [label for label, _key in app.nav.options] == [label for _k, label in PAGES]
    assert app.nav.value == "home" and set(app.pages) == {"home"}
    app.nav.value = "outcomes"
    assert set(app.pages) == {"home", "outcomes"}
    assert app.body.children == (app.pages["outcomes"],)
    assert "infoview-page-outcomes" in app.pages["outcomes"]._dom_classes
    app.nav.value = "home"
    assert app.body.children == (app.pages["home"],)


def test_it_starts_on_the_next_meeting_and_says_so_in_plain_words(app, store):
    sam, sam_meeting = _ids(store)["Sam Okafor"]
    assert (app.selection.person_id, app.selection.meeting_id) == (sam, sam_meeting)
    assert "Working on: <b>Sam Okafor (Kestrel Health)</b>" in app.chosen.value
    assert "(day agreed)" in app.chosen.value and "id" not in app.chosen.value.lower()


def test_choosing_in_prepare_moves_the_companion_and_the_debrief(app, store):
    ids = _ids(store)
    companion = app.page("meeting")
    assert companion.items[0].text == "How did you start in health tech?"
    app.prepare.person.value = ids["Ada Berg"][0]
    assert app.selection.meeting_id == ids["Ada Berg"][1]
    assert companion.meeting_id == ids["Ada Berg"][1]
    assert companion.items[0].text == "What surprised you in your first year?"
    assert "Ada Berg" in companion.title.value
    assert app.debrief.meeting.value == ids["Ada Berg"][1]
    assert app.debrief.questions[0]["text"] == "What surprised you in your first year?"


def test_choosing_in_the_debrief_moves_prepare_and_the_companion(app, store):
    ids = _ids(store)
    app.page("prepare")  # built first, so it has to follow
    app.debrief.meeting.value = ids["Ada Berg"][1]
    assert app.prepare.person.value == ids["Ada Berg"][0]
    assert app.prepare.meeting.value == ids["Ada Berg"][1]
    assert app.companion().meeting_id == ids["Ada Berg"][1]


def test_someone_new_clears_the_choice_the_call_link_and_the_brief(app, store):
    panel = app.prepare
    assert panel.place.value == "https://call.example/0"
    panel.plan_button.click()
    assert panel.preview.value and panel.picker.items
    panel.person.value = NEW
    assert app.selection.person_id is None and "Nobody chosen" in app.chosen.value
    assert panel.place.value == "" and panel.date.value is None
    assert panel.preview.value == "" and panel.picker.items == [] and panel.brief is None
    assert app.companion().meeting_id is None
    assert "No meeting chosen" in app.companion().title.value


def test_saved_research_makes_its_person_the_choice(app, store, tmp_path):
    from types import SimpleNamespace

    ada = _ids(store)["Ada Berg"][0]
    panel = app.research
    panel.saved = SimpleNamespace(person=store.get(Person, ada), organization=None)
    app._research_saved(panel)
    assert app.selection.person_id == ada


def test_the_notebooks_companion_follows_the_meeting_chosen_in_the_debrief(store):
    """Issue: the companion kept the agenda it loaded with while the debrief below showed
    another person's questions."""
    ids = _ids(store)
    companion = MeetingCompanion.for_meeting(store, ids["Sam Okafor"][1])
    form = DebriefForm(store, meeting_id=ids["Sam Okafor"][1], companion=companion)
    form.meeting.value = ids["Ada Berg"][1]
    assert companion.meeting_id == ids["Ada Berg"][1]
    assert [item.text for item in companion.items] == ["What surprised you in your first year?"]
    companion.tick(0, "a line")
    form.notes_button.click()
    assert form.questions[0]["notes"].value == "a line"


def test_an_empty_store_chooses_nobody(tmp_path):
    app = App(_session(tmp_path, Store.open(tmp_path / "empty.sqlite")))
    assert app.selection.person_id is None and app.selection.meeting_id is None
    assert app.page("meeting").meeting_id is None
    assert app.message.text == ""


def test_deleting_the_chosen_person_clears_the_choice_and_every_list(app, store):
    ids = _ids(store)
    sam = ids["Sam Okafor"][0]
    app.page("prepare")
    app.page("debrief")
    people = app.page("people")
    assert people.people.value == sam  # the People page shows the choice
    people.delete_person_button.click()
    people.deletions.confirm_button.click()
    assert app.selection.person_id is None and "Nobody chosen" in app.chosen.value
    assert sam not in [value for _label, value in app.prepare.person.options]
    assert ids["Sam Okafor"][1] not in [value for _label, value in app.debrief.meeting.options]
    assert app.companion().meeting_id != ids["Sam Okafor"][1]
    people.deletions.undo_buttons[0].click()
    assert sam in [value for _label, value in app.prepare.person.options]


def test_a_page_shown_again_catches_up_with_what_changed_elsewhere(app, store):
    from infoview.models import Action

    sam = _ids(store)["Sam Okafor"][0]
    action = store.add(Action(what="Send Sam the article", person_id=sam,
                              due=datetime.now(UTC) + timedelta(days=1)))
    app.show("outcomes")
    assert "Send Sam Okafor the article" in app.outcomes.panes["This week"].value
    app.show("home")
    app.home.due.done_buttons[str(action.id)].click()
    app.show("outcomes")  # drawn before the tick: redrawn now
    assert "Send Sam Okafor the article" not in app.outcomes.panes["This week"].value


def _shown_text(widget) -> list[str]:
    """Every text a page shows: HTML and labels, button and field captions, choices, hints."""
    import ipywidgets as w

    found = []
    if isinstance(widget, (w.HTML, w.Label, w.HTMLMath)):  # what is read, not the markup
        text = re.sub(r"<style.*?</style>", " ", widget.value, flags=re.S)
        found.append(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    for attribute in ("description", "placeholder", "tooltip"):
        value = getattr(widget, attribute, None)
        if isinstance(value, str):
            found.append(value)
    if isinstance(widget, (w.Dropdown, w.Select, w.ToggleButtons, w.SelectMultiple)):
        found += [str(label) for label in widget._options_labels]
    if isinstance(widget, w.Tab):
        found += [str(t) for t in widget.titles]
    for child in getattr(widget, "children", ()):
        found += _shown_text(child)
    return found


DEVELOPER_TEXT = re.compile(
    r"\{'|'\w+': |From a terminal|\binfoview (?:app|people|digest|meeting|outreach|draft)\b"
    r"|--[a-z]|notebook \d|Traceback|\bNaN\b|\bNone\b|_id\b|\bno_show\b|\bin_person\b")


def test_no_page_shows_developer_text(tmp_path):
    """No dicts, terminal commands, options, ids, NaN or snake_case anywhere a user looks, on
    any page of the app with the sample history and research in it."""
    from infoview.widgets.session import start

    app = App(start("demo", sample_history=True, sample_research=True,
                    out_dir=tmp_path / "exports"))
    app.home.wait()  # what is due is worked out beside the first paint
    assert app.home.due.items and app.home.message.text == ""
    for key, _label in PAGES:
        app.show(key)
        assert app.message.text == "", (key, app.message.text)
    app.page("people").show_holdings()
    app.prepare.plan_button.click()
    for key, page in app.pages.items():
        for text in _shown_text(page):
            found = DEVELOPER_TEXT.search(text)
            assert not found, (key, found.group(0), text[max(0, found.start() - 80):found.end() + 80])


def test_notes_taken_before_the_debrief_page_opens_are_brought_in(app, store):
    companion = app.page("meeting")
    companion.tick(0, "Started in a hospital lab")
    form = app.debrief  # opened after the meeting: the notes come with it
    assert form.questions[0]["notes"].value == "Started in a hospital lab"
    assert form.notes_message.text.startswith("Brought in 1 question")


def test_the_working_on_line_follows_what_a_save_changed(app, store):
    # Seen in the browser: after the debrief was saved the line under the bar still said the
    # meeting was "(booked)", and after research renamed the organization it kept the old
    # name, on every page, until another person was chosen.
    from types import SimpleNamespace

    sam, _meeting = _ids(store)["Sam Okafor"]
    assert "(day agreed)" in app.chosen.value
    app.nav.value = "debrief"
    app.debrief.save_button.click()  # the meeting is ahead: it asks first
    app.debrief.save_button.click()
    assert app.debrief.message.kind == "ok", app.debrief.message.text
    assert "(held)" in app.chosen.value and "(day agreed)" not in app.chosen.value
    person = store.get(Person, sam)
    person.organization = "Kestrel Health Labs"
    store.update(person)
    panel = app.research
    panel.saved = SimpleNamespace(person=store.get(Person, sam), organization=None)
    app._research_saved(panel)
    assert "Sam Okafor (Kestrel Health Labs)" in app.chosen.value


def test_a_record_deleted_in_another_tab_is_named_in_plain_words_not_by_id(app, store, tmp_path):
    # Seen with two tabs: Sam deleted in one; in the other, Save person and meeting, an
    # export, a draft and the debrief all said "No person with id 1; `infoview people
    # list` shows the ids": an id and a terminal command on the page.
    from infoview.flows.records import delete_record

    sam, meeting = _ids(store)["Sam Okafor"]
    panel = app.prepare
    panel.plan_button.click()
    form = app.debrief
    with Store.open(store.path) as other_tab:
        delete_record(other_tab, "person", sam)
    panel.save_button.click()
    form.save_button.click()
    panel.export_buttons["md"].click()
    for said in (panel.message.text, form.message.text, panel.export_message.text):
        assert "no longer in your data" in said, said
        assert " id " not in said and "`" not in said and "infoview " not in said


def test_undoing_a_persons_delete_chooses_them_again_with_the_meeting_that_was_chosen(
        app, store):
    sam, _first = _ids(store)["Sam Okafor"]
    later = store.add(Meeting(person_id=sam, starts_at=SOON + timedelta(days=9),
                              status="requested"))
    app.choose(meeting_id=later.id)  # not the one choosing Sam alone would pick
    people = app.page("people")
    people.delete_person_button.click()
    people.deletions.confirm_button.click()
    assert app.selection.person_id is None and people.people.value is None

    people.deletions.undo_buttons[0].click()
    assert people.people.value == sam  # shown in the list, their card and meetings below it
    assert "Sam Okafor" in people.card.value
    assert (app.selection.person_id, app.selection.meeting_id) == (sam, later.id)
    assert "Working on: <b>Sam Okafor" in app.chosen.value


def test_after_a_delete_nobody_is_chosen_until_i_choose_even_on_opening_the_debrief(
        tmp_path, app, store):
    # Seen in the browser: Ada deleted, then just opening Debrief made Sam "Working on".
    ids = _ids(store)
    app.choose(meeting_id=ids["Ada Berg"][1])
    people = app.page("people")
    people.delete_person_button.click()
    people.deletions.confirm_button.click()
    assert app.selection.person_id is None
    app.show("debrief")
    form = app.debrief
    assert app.selection.person_id is None and "Nobody chosen yet" in app.chosen.value
    # The debrief shows the latest meeting left, and says openly that it does, and whose.
    assert form.meeting.value == ids["Sam Okafor"][1]
    note = html.unescape(app._debrief_note.value)
    assert "Nobody is chosen" in note and "Sam Okafor" in note
    app.show("prepare")  # nor does Prepare choose for her: it starts on someone new
    assert app.selection.person_id is None and app.prepare.person.value == NEW
    # A reload in the same sitting still has nobody chosen.
    again = App(_session(tmp_path, store), background=False)
    assert again.selection.person_id is None and "Nobody chosen yet" in again.chosen.value
    # Saving the debrief of the meeting shown chooses it (it is still ahead: asked first).
    form.save_button.click()
    assert app.selection.person_id is None
    form.save_button.click()
    assert app.selection.meeting_id == ids["Sam Okafor"][1], form.message.text
    assert "Working on: <b>Sam Okafor" in app.chosen.value
    assert "Nobody is chosen" not in app._debrief_note.value


def test_undoing_a_delete_on_the_people_page_alone_chooses_the_person_again(tmp_path, store):
    from infoview.widgets.records import PeoplePage

    chosen: list[dict] = []
    page = PeoplePage(store, on_choose=lambda **kw: chosen.append(kw),
                      cache_path=tmp_path / "cache.sqlite")
    ada = _ids(store)["Ada Berg"][0]
    page.people.value = ada
    page.delete_person_button.click()
    page.deletions.confirm_button.click()
    chosen.clear()
    page.deletions.undo_buttons[0].click()
    assert page.people.value == ada and chosen == [{"person_id": ada}]


def test_the_companion_shows_the_questions_saved_in_prepare_after_it_was_first_opened(app):
    # Seen in the browser: the Meeting page, opened once, still said "No questions saved for
    # this meeting" after Save person and meeting had saved them, until the page was reloaded.
    companion = app.page("meeting")
    assert [item.text for item in companion.items] == ["How did you start in health tech?"]
    app.show("prepare")
    app.prepare.plan_button.click()
    app.prepare.save_button.click()
    assert app.prepare.message.kind == "ok", app.prepare.message.text
    saved = [item.text for item in app.prepare.picker.selected()]  # own questions kept
    assert len(saved) > 1
    app.show("meeting")
    assert [item.text for item in companion.items] == saved
    assert app.body.children == (companion,)


def test_the_companion_keeps_its_notes_when_the_meeting_changes_elsewhere(app, store):
    companion = app.page("meeting")
    companion.tick(0, "Started in a hospital lab")
    app.show("prepare")
    app.prepare.plan_button.click()
    app.prepare.save_button.click()
    app.show("meeting")  # a meeting under way is never redrawn under the user's notes
    assert companion.rows[0][1].value == "Started in a hospital lab"


def test_the_debriefs_follow_ups_catch_up_with_a_tick_on_home(app, store):
    # Seen in the browser: the thank-you ticked off on Home (and the article snoozed there)
    # still showed as due, with Done and Snooze, on the Debrief page opened before.
    from infoview.models import Action

    sam, meeting = _ids(store)["Sam Okafor"]
    action = store.add(Action(what="Send Sam a thank-you note", person_id=sam,
                              meeting_id=meeting, due=datetime.now(UTC) + timedelta(hours=20)))
    app.show("debrief")
    assert "Send Sam Okafor a thank-you note" in app.debrief.actions.text.splitlines()
    app.show("home")
    app.home.wait()
    app.home.due.done_buttons[str(action.id)].click()
    app.show("debrief")
    shown = app.debrief.actions.text.splitlines()
    assert "Send Sam Okafor a thank-you note (done)" in shown
    assert "Send Sam Okafor a thank-you note" not in shown


def test_homes_done_message_goes_when_the_list_is_drawn_again(app, store):
    # Seen in the browser: "Done: Send Sam Okafor a thank-you note." still stood under
    # "Nothing due this week" after a calendar import, long after the row it spoke of went.
    from infoview.models import Action

    sam = _ids(store)["Sam Okafor"][0]
    action = store.add(Action(what="Send Sam the article", person_id=sam,
                              due=datetime.now(UTC) + timedelta(days=1)))
    app.home.refresh()
    app.home.due.done_buttons[str(action.id)].click()
    assert app.home.due.row_messages[str(action.id)].text == "Done."
    app.show("people")
    store.add(Person(name="Ada Lovelace"))  # anything changed meanwhile redraws Home
    app.show("home")
    app.home.wait()
    assert "Send Sam Okafor the article" not in app.home.due.text
    assert app.home.due.message.text == ""


def test_research_starts_from_the_chosen_persons_organization_but_keeps_a_typed_address(
        app, store):
    from infoview.models import Organization

    store.add(Organization(name="Kestrel Health", website="https://kestrel.example/"))
    store.add(Organization(name="Wren Labs", website="https://wren.example/"))
    lena = store.add(Person(name="Lena Novak", organization="Wren Labs")).id
    nobody_site = store.add(Person(name="Cal Moss", organization="Unlisted Ltd")).id
    panel = app.research  # Sam (Kestrel Health) is chosen when the app opens
    assert panel.company_url.value == "https://kestrel.example/"
    app.choose(person_id=lena)  # the address the page filled in follows the choice
    assert panel.company_url.value == "https://wren.example/"
    app.choose(person_id=nobody_site)  # no website saved: no other organization's address
    assert panel.company_url.value == ""
    panel.company_url.value = "https://typed.example/"
    app.choose(person_id=lena)  # what the user typed stays
    assert panel.company_url.value == "https://typed.example/"


def test_research_finds_the_chosen_persons_organization_written_fuller_or_in_other_case(
        app, store):
    # Seen in the app: Sam's organization typed "Kestrel Health Inc." (or "kestrel health")
    # left the company address empty, though "Kestrel Health" has its website saved.
    from infoview.models import Organization

    store.add(Organization(name="Kestrel Health", website="https://kestrel.example/"))
    fuller = store.add(Person(name="Lena Novak", organization="Kestrel Health Inc.")).id
    lower = store.add(Person(name="Cal Moss", organization="kestrel health")).id
    other = store.add(Person(name="Bo Reyes", organization="Kestrel")).id
    panel = app.research
    app.choose(person_id=fuller)
    assert panel.company_url.value == "https://kestrel.example/"
    app.choose(person_id=other)  # a shorter name is another company, perhaps: no guess
    assert panel.company_url.value == ""
    app.choose(person_id=lower)
    assert panel.company_url.value == "https://kestrel.example/"


def test_research_offers_to_find_the_chosen_person_by_name_until_their_page_is_known(
        app, store):
    # Seen in the browser: Sam Okafor was chosen, yet "Or find on their site" was empty and
    # the user had to type the name the app already knew.
    people = {p.name: p.id for p in store.list(Person)}
    panel = app.research  # Sam is chosen when the app opens
    assert panel.person_name.value == "Sam Okafor"
    app.choose(person_id=people["Ada Berg"])
    assert panel.person_name.value == "Ada Berg"
    ada = store.get(Person, people["Ada Berg"])
    ada.profile_url = "https://www.linkedin.com/in/ada-berg"  # never fetched: still look
    store.update(ada)
    sam = store.get(Person, people["Sam Okafor"])
    sam.profile_url = "https://kestrel.example/team/sam"  # their page is known already
    store.update(sam)
    app.choose(person_id=people["Sam Okafor"])
    assert panel.person_name.value == ""
    app.choose(person_id=people["Ada Berg"])
    assert panel.person_name.value == "Ada Berg"
    panel.person_name.value = "Ada Maria Berg"  # typed by the user: it stays
    app.choose(person_id=people["Sam Okafor"])
    assert panel.person_name.value == "Ada Maria Berg"


def test_homes_add_a_person_opens_the_people_page_at_its_form(tmp_path):
    # Seen in the browser: Home's "Add a person" opened the People page with no form, and
    # the new user had to find and press "Add a person" a second time.
    app = App(_session(tmp_path, Store.open(tmp_path / "empty.sqlite")), background=False)
    step = next(c for row in app.home.first_steps.children[1:] for c in row.children
                if getattr(c, "description", "") == "Add a person")
    step.click()
    people = app.pages["people"]
    assert app.nav.value == "people" and app.body.children == (people,)
    assert people.person_form_box.layout.display == ""
    assert people.save_person_button.description == "Save person"
    people.person_form["name"].value = "Sam Okafor"
    people.save_person_button.click()
    assert [p.name for p in app.store.list(Person)] == ["Sam Okafor"]


def test_the_header_says_where_my_data_is_in_plain_words(tmp_path, monkeypatch):
    """Lena finds "infoview.sqlite in Documents/infoview" in her file browser; a full path
    in code type is for developers, so it is kept only on hover."""
    from infoview.widgets.app import findable_folder

    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "Documents" / "infoview"
    folder.mkdir(parents=True)
    with Store.open(folder / "infoview.sqlite") as mine:
        app = App(NotebookSession(store=mine, db_path=folder / "infoview.sqlite",
                                  out_dir=folder / "exports",
                                  settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                                  demo=False))
        where = app.where.value
    shown = re.sub(r"<[^>]+>", "", where)
    assert "Your data: infoview.sqlite in Documents/infoview" in shown
    assert "saved in Documents/infoview/exports" in shown
    assert "<code>" not in where and str(tmp_path) not in shown
    assert f"title='{folder / 'infoview.sqlite'}'" in where      # the full path on hover
    assert findable_folder(tmp_path) == "your home folder"
    assert findable_folder(Path("/srv/shared/notes")) == "/srv/shared/notes"


def test_a_reload_comes_back_to_the_page_and_the_person_last_worked_on(tmp_path, store):
    # Seen in the browser: Lena was writing Ada's debrief, the page reloaded, and the app
    # opened on Home with Sam's meeting (the next one) chosen.
    ids = _ids(store)
    session = _session(tmp_path, store)
    app = App(session, background=False)
    assert app.selection.person_id == ids["Sam Okafor"][0]  # nothing kept yet: the next one
    app.show("debrief")
    app.choose(meeting_id=ids["Ada Berg"][1])
    again = App(session, background=False)  # the reload
    assert again.nav.value == "debrief"
    assert again.selection.meeting_id == ids["Ada Berg"][1]
    assert again.debrief.meeting.value == ids["Ada Berg"][1]
    # A person chosen without a meeting, on People: the same.
    ada = store.add(Person(name="Ada Lovelace"))
    again.show("people")
    again.choose(person_id=ada.id)
    third = App(session, background=False)
    assert (third.nav.value, third.selection.person_id) == ("people", ada.id)
    assert third.selection.meeting_id is None
    # Keeping the place is no change Outcomes must recompute for.
    third.show("outcomes")
    refreshed = []
    third.outcomes.refresh = lambda: refreshed.append(True)
    third.show("home")
    third.show("outcomes")
    assert refreshed == []
    store.add(Person(name="Someone Else"))  # a real change is still caught up with
    third.show("home")
    third.show("outcomes")
    assert refreshed == [True]


def test_a_place_whose_record_was_deleted_since_is_let_go_without_an_error(tmp_path, store):
    from infoview.flows.records import delete_record

    ids = _ids(store)
    session = _session(tmp_path, store)
    app = App(session, background=False)
    app.show("prepare")
    app.choose(meeting_id=ids["Ada Berg"][1])
    delete_record(store, "meeting", ids["Ada Berg"][1])  # in another tab, say
    again = App(session, background=False)
    assert again.nav.value == "prepare" and again.message.text == ""
    assert again.selection.person_id == ids["Ada Berg"][0]  # her, with no meeting left
    assert again.selection.meeting_id is None
    delete_record(store, "person", ids["Ada Berg"][0])
    third = App(session, background=False)
    assert third.nav.value == "prepare" and third.message.text == ""
    # Nobody, until the user chooses: not someone else picked for her (Sam's next meeting).
    assert third.selection.person_id is None and third.selection.meeting_id is None
    assert "Nobody chosen yet" in third.chosen.value


def test_the_app_comes_back_to_where_i_was_only_in_the_same_sitting(tmp_path, store):
    # Lena's story: a week later the home page tells her the meeting is tomorrow. The place
    # kept for a reload must not land her, days later, on a debrief she finished.
    from infoview.flows.app_place import SITTING

    ids = _ids(store)
    session = _session(tmp_path, store)
    start = datetime.now(UTC)  # Sam's meeting is three days on, Ada's four
    app = App(session, now=start, background=False)
    app.show("debrief")
    app.choose(meeting_id=ids["Ada Berg"][1])
    reload = App(session, now=start + SITTING - timedelta(minutes=1), background=False)
    assert reload.nav.value == "debrief"
    assert reload.selection.meeting_id == ids["Ada Berg"][1]
    # The reload is a step of the sitting: one more, as long again after it, comes back too.
    again = App(session, now=start + 2 * SITTING - timedelta(minutes=2), background=False)
    assert (again.nav.value, again.selection.meeting_id) == ("debrief", ids["Ada Berg"][1])
    # Opened in a later sitting: Home, with the meeting Home leads with chosen.
    later = start + 3 * SITTING
    evening = App(session, now=later, background=False)
    assert evening.nav.value == "home"
    assert evening.selection.meeting_id == ids["Sam Okafor"][1]
    assert evening.home.next_meeting_id == ids["Sam Okafor"][1]
    assert "Sam Okafor" in evening.chosen.value
    # Prepare, opened from there, is on that meeting too.
    evening.show("prepare")
    assert evening.prepare.meeting.value == ids["Sam Okafor"][1]
    # A week on, both meetings past and none ahead: Home, with what she worked on last
    # (Sam's meeting, in Prepare) still chosen, not the latest meeting (Ada's).
    week = App(session, now=later + timedelta(days=7), background=False)
    assert week.nav.value == "home"
    assert (week.selection.person_id, week.selection.meeting_id) == (
        ids["Sam Okafor"][0], ids["Sam Okafor"][1])


def test_typing_in_the_app_keeps_the_sitting_going(tmp_path, store):
    # An hour-long debrief typed on one page moves nothing, but each word kept is a step:
    # a reload then comes back to the debrief, not to Home.
    from infoview.flows.app_place import SITTING
    from infoview.flows.form_drafts import form_key
    from infoview.store.appstate import put_state

    ids = _ids(store)
    session = _session(tmp_path, store)
    start = datetime.now(UTC) + timedelta(days=30)  # later than anything kept on the clock
    app = App(session, now=start, background=False)
    app.show("debrief")
    app.choose(meeting_id=ids["Ada Berg"][1])
    put_state(store, form_key("person"), {"values": {"name": "Jo"}, "saved": {}},
              now=start + SITTING)
    reload = App(session, now=start + SITTING + timedelta(hours=1), background=False)
    assert (reload.nav.value, reload.selection.meeting_id) == ("debrief", ids["Ada Berg"][1])
    # Without that step, the same moment is a later sitting.
    store.execute("DELETE FROM app_state WHERE key = ?", [form_key("person")])
    store.execute("UPDATE app_state SET updated_at = ?", [start.isoformat()])
    other = App(session, now=start + SITTING + timedelta(hours=1), background=False)
    assert other.nav.value == "home"


def _widgets(root):
    """Every widget under ``root`` (children of boxes, tabs and the like)."""
    seen, todo = [], [root]
    while todo:
        widget = todo.pop()
        seen.append(widget)
        todo.extend(getattr(widget, "children", ()) or ())
    return seen


def test_every_date_box_writes_the_day_chosen_in_words_beside_it(app):
    # Seen in the browser: the date boxes read "mm/dd/yyyy" (the browser's language), so a
    # user in the UK or Germany read 07/12 as the 7th of December when it was July 12th.
    import ipywidgets as w

    from infoview.widgets.daypicker import DayPicker

    for key, _label in PAGES:
        app.show(key)
    app.debrief.promises.add()
    app.debrief.outcomes.add()
    app.debrief.happened.value = False
    app.page("people").open_meeting_form()
    boxes = [x for key in app.pages for x in _widgets(app.pages[key])]
    pickers = [x for x in boxes if isinstance(x, w.DatePicker)]
    days = {id(x.picker): x for x in boxes if isinstance(x, DayPicker)}
    assert len(pickers) >= 8  # Prepare, People, the debrief's three, Outcomes' two, Home's
    assert [p.description for p in pickers if id(p) not in days] == []
    for day in days.values():
        # Seen in the browser: the words took their own width, from nothing to "Sun 12 Jul
        # 2026", and the controls after them jumped as a day was typed. Their place is kept.
        kept = day.words.layout.width
        assert kept not in (None, "", "auto") and day.words.layout.min_width == kept
        day.picker.value = date(2026, 7, 12)  # as the browser sets it
        assert "Sun 12 Jul 2026" in day.words.value and "nowrap" in day.words.value
        assert day.words.layout.width == kept
        day.value = None
        # no day: nothing, or what the box says then ("no day agreed yet" on Prepare)
        assert (day.blank in day.words.value if day.blank else day.words.value == "")
        assert day.words.layout.width == kept
    # A box with a control after it in its row says something while empty: the place kept
    # for the words read as a gap before Snooze (Home) and before Time (People, Prepare).
    in_rows = [d for d in days.values()
               if any(d is x for x in app.pages["home"].due.snooze_days.values()) or d is
               app.page("people").meeting_date or d is app.page("prepare").date]
    assert len(in_rows) >= 2 and all(d.blank for d in in_rows)


def test_debrief_says_where_to_add_a_meeting_in_the_same_words_as_the_other_pages(app, store):
    # The note said "... or People" in words of its own; the companion and Debrief say it once.
    from infoview.flows.meetings import ADD_A_MEETING

    ines = store.add(Person(name="Ines Varga"))
    app.choose(person_id=ines.id)
    app.show("debrief")
    note = html.unescape(app._debrief_note.value)
    assert f"No meeting with the person chosen yet: {ADD_A_MEETING}." in note, note
    assert "or People" not in note

"""What Prepare says to someone who never used the kit: the question list in words, a
planned count that follows the user's edits, and a date row without an empty gap."""

from __future__ import annotations

import html
from datetime import date

import pytest

from infoview.models import Person
from infoview.questions.models import CATEGORIES
from infoview.widgets.prepare import PreparePanel


@pytest.fixture
def panel(store, tmp_path):
    store.add(Person(name="Sam Okafor", title="Product Manager", organization="Kestrel Health"))
    return PreparePanel(store, out_dir=tmp_path / "out", role="product manager",
                        industry="health tech")


def test_the_question_list_says_what_each_question_is_about_in_words(panel):
    # Seen in the browser: "(path, 3 min)", "(closing, 0.5 min)": the bank's codes.
    panel.plan_button.click()
    panel.picker.add_own("What surprised you most in your first year?", 2)
    rows = html.unescape(" ".join(row.children[-1].value
                                  for row in panel.picker.list_box.children))
    assert "(the person's path, 3 min)" in rows and "(your own question, 2 min)" in rows
    assert not any(f"({code}," in rows for code in CATEGORIES)
    assert "fixed parts" not in panel.picker.total.value
    assert "min for the greeting, purpose, your introduction and wrap-up" in \
        panel.picker.total.value


def test_the_planned_count_says_how_many_are_asked_once_the_list_is_edited(panel):
    # Seen in the browser: "Planned 7 questions" beside "6 questions" after one was unticked.
    panel.plan_button.click()
    planned = len(panel.plan.items)
    assert panel.message.text.startswith(f"Planned {planned} questions for 20 minutes.")
    panel.picker.check(1, False)
    assert f"; you left out 1, so you ask {planned - 1} questions" in panel.message.text
    panel.picker.add_own("What surprised you most in your first year?", 2)
    assert (f"; you left out 1 and added 1 of your own, so you ask {planned} questions"
            in panel.message.text)
    panel.picker.check(1, True)
    panel.picker.check(len(panel.picker.items) - 3, False)  # as planned again
    assert panel.message.text.startswith(f"Planned {planned} questions for 20 minutes.")
    assert "so you ask" not in panel.message.text


def test_another_message_is_not_replaced_by_the_planned_count(panel):
    panel.plan_button.click()
    panel.message.show("Saved Sam Okafor and the meeting.", "ok")
    panel.picker.check(1, False)
    assert panel.message.text == "Saved Sam Okafor and the meeting."


def test_the_date_row_has_no_empty_gap_while_no_day_is_chosen(panel):
    # Seen in the browser (docs/screenshot.png): the place kept for "Mon 14 Dec 2026" beside
    # the date was blank before "Time" until a day was typed.
    assert "no day agreed yet" in panel.date.words.value
    panel.date.value = date(2026, 12, 14)
    assert "Mon 14 Dec 2026" in panel.date.words.value
    assert "no day agreed yet" not in panel.date.words.value
    panel.date.value = None
    assert "no day agreed yet" in panel.date.words.value


def test_prepare_and_people_say_no_day_in_the_one_words_of_the_day_box(panel):
    # Prepare kept its own copy of "no day agreed yet": the two pages' words would drift.
    from infoview.widgets import daypicker, records_meetings

    assert panel.date.blank is daypicker.NO_DAY
    assert records_meetings.NO_DAY is daypicker.NO_DAY


def test_the_request_fields_ask_in_plain_words_and_the_draft_says_the_same(panel):
    # Seen on Prepare: "Your narrow interest" and "Your broad interest", the method's words.
    assert panel.narrow.description == "What you are exploring"
    assert panel.broad.description == "The wider field (optional)"
    panel.narrow.value = ""
    panel.draft_button.click()
    assert "[the work you are exploring]" in panel.draft_text.value
    assert "Fill in “What you are exploring” above." in panel.draft_warnings.value
    assert "narrow" not in panel.draft_text.value + panel.draft_warnings.value


def test_a_change_after_planning_says_the_questions_do_not_follow_it_yet(panel):
    # Seen in the browser: the role typed after planning, the questions still asked about
    # "your role" under "Planned 7 questions", as if they were planned for it.
    panel.plan_button.click()
    planned = panel.message.text
    panel.role.value = "UX researcher"
    assert panel.message.kind == "warning"
    assert "press Plan questions again" in panel.message.text
    panel.role.value = "product manager"  # as planned: the line says what was planned
    assert panel.message.text == planned
    panel.minutes.value = 30
    assert "press Plan questions again" in panel.message.text
    panel.plan_button.click()
    assert panel.message.text.startswith("Planned") and panel.picker.meeting_minutes == 30


def test_planning_again_keeps_the_users_own_questions(panel):
    # Planning again replaced the list, and the questions the user had typed were gone.
    panel.plan_button.click()
    panel.picker.add_own("What surprised you most in your first year?", 2)
    panel.picker.add_own("How do you decide what to build next?", 3)
    own = [i for i in panel.picker.items if i.category == "own"]
    panel.picker.check(panel.picker.items.index(own[1]), False)
    panel.picker.new_question.value = "Half typed"
    panel.minutes.value = 30
    panel.plan_button.click()
    items = panel.picker.items
    assert [i.text for i in items if i.category == "own"] == [i.text for i in own]
    assert [i.category for i in items[-2:]] == ["closing", "closing"]  # the pair stays last
    assert [panel.picker.checked[i.id] for i in own] == [True, False]
    assert panel.picker.new_question.value == "Half typed"
    assert "added 1 of your own, so you ask" in panel.message.text


def test_an_export_names_its_folder_once(panel, tmp_path):
    # Seen on Prepare: "... or find it in /tmp/.../exports." over "..., saved in
    # /tmp/.../exports": the same long folder twice, a line apart.
    panel.plan_button.click()
    path = panel.export("md")
    assert panel.export_message.text == f"Wrote {path.name}: download it below."
    shown = panel.export_message.value + panel.exports.value
    assert shown.count(str(path.parent.resolve())) == 1


def test_a_person_found_only_among_others_is_not_said_to_have_a_page_of_their_own(store,
                                                                                    tmp_path):
    # Seen in the browser: "Research on file: ... Dev Raman (their public page)" for a man
    # found only on the team page, whose brief then said "No public bio found".
    from infoview.flows.research import keep_research
    from infoview.research.models import PersonProfile
    from infoview.widgets.prepare import PreparePanel

    listed = PersonProfile(url="https://kestrel.example/team.html", name="Dev Raman",
                           title="Chief Technology Officer", organization="Kestrel Health Labs",
                           own_page=False)
    keep_research(store, None, listed)
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    note = panel.research_note.value
    assert "Dev Raman (named on a page of several people, with no bio)" in note, note
    assert "their public page" not in note

"""The preparation panel and its question picker, driven without a browser."""

from __future__ import annotations

import base64
import html
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from infoview.errors import BadInput
from infoview.flows.research import keep_research, title_to_check, use_researched_title
from infoview.models import Meeting, Person, QuestionAsked
from infoview.research.company import research_company
from infoview.research.person import research_person
from infoview.settings import Settings
from infoview.widgets.prepare import NEW, PreparePanel
from infoview.widgets.session import SAMPLE_PERSON_PATH


@pytest.fixture(scope="module")
def profiles(tmp_path_factory, sites):
    cache = tmp_path_factory.mktemp("cache") / "http.sqlite"
    settings = Settings(host_delay=0.0, cache_path=cache)
    site = sites.get()
    return (research_company(site.url, settings=settings),
            research_person(site.url + SAMPLE_PERSON_PATH, settings=settings))


@pytest.fixture
def store(store, profiles):
    keep_research(store, *profiles)
    return store


@pytest.fixture
def panel(store, tmp_path):
    return PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher",
                        industry="health tech", audience="career_changer", minutes=20)


def test_stored_person_is_offered_with_their_research(panel):
    labels = [label for label, _ in panel.person.options]
    assert "Samira Okafor (Kestrel Health Labs)" in labels
    assert panel.person.value != NEW
    assert panel.company.name == "Kestrel Health Labs"
    assert panel.person_research.name == "Samira Okafor"
    assert panel.new_person_box.layout.display == "none"


def test_plan_fits_the_minutes_and_ends_with_the_closing_pair(panel):
    panel.plan_button.click()
    assert panel.message.kind == "ok", panel.message.text
    items = panel.picker.items
    assert items and [i.category for i in items[-2:]] == ["closing", "closing"]
    assert panel.picker.total_minutes <= 20
    assert "of 20 min" in panel.picker.total.value
    assert "Samira Okafor" in panel.preview.value  # the brief preview follows the plan


def test_a_plan_without_history_says_in_plain_words_what_order_the_questions_are_in(panel):
    # Seen in the browser: "The order is the bank's", which says nothing to a new user.
    panel.use_history.value = True
    panel.plan_button.click()
    said = panel.message.text
    assert "bank" not in said
    assert ("The questions come in the suggested order, the most important first, until you "
            "have rated answers in 3 debriefs (0 so far).") in said, said
    # Said once: the next plan does not repeat it unchanged (it did, at full length).
    panel.minutes.value = 30
    panel.plan_button.click()
    assert "suggested order" not in panel.message.text, panel.message.text
    assert panel.message.text.startswith("Planned"), panel.message.text


def test_time_total_follows_checks_and_a_new_question_goes_before_the_closing_pair(panel):
    panel.plan_button.click()
    picker = panel.picker
    before = picker.total_minutes
    first = picker.items[0]
    picker.check(0, False)
    assert picker.total_minutes == pytest.approx(before - first.minutes)
    picker.list_box.children[0].children[0].value = True  # the checkbox itself
    assert picker.total_minutes == pytest.approx(before)

    picker.new_question.value = "What surprised you most in your first year here?"
    picker.new_minutes.value = 3
    picker.add_button.click()
    assert picker.items[-3].text == "What surprised you most in your first year here?"
    assert picker.total_minutes == pytest.approx(before + 3)
    assert picker.new_question.value == ""
    assert "over" in picker.total.value or picker.total_minutes <= 20


def test_reordering_moves_a_question_and_the_brief_follows(panel):
    panel.plan_button.click()
    picker = panel.picker
    first, second = picker.items[0], picker.items[1]
    picker.list_box.children[0].children[2].click()  # "move down" on the first row
    assert picker.items[:2] == [second, first]
    assert [i.id for i in panel.brief.plan.items[:2]] == [second.id, first.id]
    picker.move(0, -5)  # clamped at the top: nothing moves
    assert picker.items[0] == second


def test_linter_warnings_show_while_typing(panel):
    picker = panel.picker
    picker.new_question.value = "Do you like working here?"
    assert "Yes/no question" in picker.lint_box.value  # what she reads, not the code "closed"
    picker.new_question.value = "How much do you earn?"
    assert "salary" in picker.lint_box.value.lower()
    picker.new_question.value = "What do you enjoy most about working here?"
    assert "good" in picker.lint_box.value


def test_exports_write_files_and_show_links(panel, tmp_path):
    panel.date.value = date(2026, 12, 1)
    panel.time.value = time(14, 30)
    panel.timezone.value = "Europe/London"
    panel.plan_button.click()
    panel.picker.check(1, False)
    for fmt in ("md", "html", "ics"):
        panel.export_buttons[fmt].click()
        assert panel.export_message.kind == "ok", panel.export_message.text
    md = panel.written["md"]
    assert md.parent == tmp_path / "out" and md.exists()
    text = md.read_text()
    assert "Samira Okafor" in text
    assert panel.picker.items[1].text not in text  # the unchecked question is left out
    assert panel.written["ics"].read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "DTSTART;TZID=Europe/London:20261201T143000" in panel.written["ics"].read_text()
    shown = panel.exports.value
    assert "file://" not in shown  # browsers refuse those links from a web page
    for path in panel.written.values():  # each file downloads from the page itself
        assert f"download='{path.name}'" in shown
        encoded = base64.b64encode(path.read_bytes()).decode()
        assert f";base64,{encoded}'" in shown
    assert f"saved in <code>{tmp_path / 'out'}</code>" in shown
    assert panel.export_message.text.endswith(": download it below.")  # folder: beside link


def test_planning_takes_away_the_plan_first_message_of_an_early_export(panel):
    # Seen in the browser: Export PDF pressed before planning said "Plan the questions
    # first", and it still said so under the export buttons once the plan was made.
    panel.export_buttons["pdf"].click()
    assert panel.export_message.kind == "error" and "Plan the questions" in \
        panel.export_message.text
    panel.plan_button.click()
    assert panel.picker.items and panel.export_message.text == ""


def test_people_are_offered_by_name(store, tmp_path):
    # Seen in the browser on the sample data: ninety people in the order they were added,
    # and the one wanted hard to find.
    for name in ("Zoë Mbeki", "aoife Delgado", "Bruno Castillo"):
        store.add(Person(name=name))
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    labels = [label for label, _ in panel.person.options]
    assert labels[0] == "Someone new"
    names = labels[1:]
    assert names == sorted(names, key=str.casefold) and len(names) == len(store.list(Person))


def test_someone_new_without_a_name_is_marked_at_the_name_field(store, tmp_path):
    # Seen in the browser: "Choose a person, or type the new person's name." under the
    # buttons, the empty Name field itself not marked.
    from infoview.widgets.prepare import NEW

    panel = PreparePanel(store, out_dir=tmp_path / "out")
    panel.person.value = NEW
    panel.save_button.click()
    assert panel.new_name_error.kind == "error" and "name" in panel.new_name_error.text
    assert panel.message.kind == "error" and "marked in red" in panel.message.text
    panel.new_name.value = "Ada Berg"  # typed: the mark goes
    assert panel.new_name_error.text == ""


def test_pdf_export_writes_a_pdf(panel):
    panel.plan_button.click()
    panel.export_buttons["pdf"].click()
    assert panel.export_message.kind == "ok", panel.export_message.text
    assert panel.written["pdf"].read_bytes().startswith(b"%PDF")


def test_calendar_export_without_a_date_explains_instead_of_failing(panel):
    panel.plan_button.click()
    panel.export_buttons["ics"].click()
    assert panel.export_message.kind == "error"  # right under the export buttons
    assert "start time" in panel.export_message.text
    assert "fill in Date and Time" in panel.export_message.text  # where, in the panel's words
    assert "ics" not in panel.written


def test_export_before_planning_asks_to_plan_first(panel):
    panel.export_buttons["md"].click()
    assert panel.export_message.kind == "error" and "Plan questions" in panel.export_message.text


def test_unknown_time_zone_is_a_message(panel):
    panel.date.value = date(2026, 12, 1)
    panel.timezone.value = "Mars/Olympus"
    panel.plan_button.click()
    panel.export_buttons["md"].click()
    assert panel.export_message.kind == "error" and "time zone" in panel.export_message.text


def test_save_stores_a_new_person_meeting_and_planned_questions(store, tmp_path):
    panel = PreparePanel(store, out_dir=tmp_path / "out", role="data analyst")
    panel.person.value = NEW
    assert panel.new_person_box.layout.display == ""
    panel.new_name.value = "Tomás Reyes"
    panel.new_organization.value = "Harbour Analytics"
    panel.date.value = date(2037, 12, 3)
    panel.timezone.value = "America/New_York"
    panel.minutes.value = 15
    panel.plan_button.click()
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    [tomas] = store.find_people(name="Tomás Reyes")
    [meeting] = store.list(Meeting, person_id=tomas.id)
    assert (meeting.planned_minutes, meeting.status, meeting.role) == (15, "scheduled", "data analyst")
    assert meeting.timezone == "America/New_York"
    assert meeting.starts_at == datetime(2037, 12, 3, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    asked = sorted(store.list(QuestionAsked, meeting_id=meeting.id), key=lambda q: q.position)
    assert [q.question_id for q in asked] == [i.id for i in panel.picker.items]
    assert panel.person.value == tomas.id and panel.meeting.value == meeting.id

    panel.picker.check(0, False)  # saving again replaces the plan, no duplicates
    panel.save_button.click()
    assert len(store.list(QuestionAsked, meeting_id=meeting.id)) == len(panel.picker.selected())
    assert len(panel.picker.selected()) == len(panel.picker.items) - 1
    assert len(store.list(Person)) == 2


def test_new_person_without_a_name_is_a_message(panel):
    panel.person.value = NEW
    panel.plan_button.click()
    assert panel.message.kind == "error" and "name" in panel.message.text


def test_request_draft_shows_its_checks(panel, store):
    panel.reason.value = "I heard your talk on clinic scheduling at the Bristol UX meetup"
    panel.narrow.value = "research for digital health products"
    panel.broad.value = "UX research"
    panel.draft_button.click()
    assert panel.message.kind != "error", panel.message.text
    assert "Samira" in panel.draft_text.value
    assert "words" in panel.draft_warnings.value
    assert panel.draft.word_count < 100
    panel.draft_kind.value = "pitch"
    panel.draft_button.click()
    assert panel.draft.kind == "pitch"


def test_a_stored_meeting_comes_back_in_its_own_time_zone_with_its_plan(panel, store, tmp_path):
    panel.date.value = date(2037, 12, 1)
    panel.time.value = time(14, 30)
    panel.timezone.value = "America/New_York"
    panel.plan_button.click()
    panel.picker.check(0, False)
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    again = PreparePanel(store, out_dir=tmp_path / "out")
    assert (again.date.value, again.time.value) == (date(2037, 12, 1), time(14, 30))
    assert again.timezone.value == "America/New_York"
    assert [i.id for i in again.picker.items] == [i.id for i in panel.picker.selected()]


def test_export_buttons_name_the_formats_in_plain_words(panel):
    labels = [b.description for b in panel.export_buttons.values()]
    assert labels == ["Export as text (Markdown)", "Export Web page", "Export PDF",
                      "Export Calendar event"]


def test_a_closed_question_offers_its_open_wording_in_one_click(panel):
    picker = panel.picker
    picker.new_question.value = "Do you like working at Kestrel?"
    assert "Yes/no question" in picker.lint_box.value
    assert "title=" not in picker.lint_box.value  # the check's own code, on hover: not for her
    assert picker.use_suggestion.layout.display != "none"
    suggestion = picker.suggestion
    assert suggestion and suggestion != "Do you like working at Kestrel?"
    picker.use_suggestion.click()
    assert picker.new_question.value == suggestion
    assert "✓" in picker.lint_box.value  # the new wording passes
    assert picker.use_suggestion.layout.display == "none"


def test_the_name_typed_for_the_drafts_signs_them_and_is_kept(panel, store):
    panel.reason.value = "We both taught at Redland Green School"
    panel.narrow.value = "research for digital health products"
    panel.broad.value = "UX research"
    panel.your_name.value = "Maya Lindqvist"
    panel.your_link.value = "https://example.org/maya"
    panel.draft_button.click()
    assert "Maya Lindqvist" in panel.draft_text.value
    assert "placeholder" not in {w.code for w in panel.draft.warnings}
    assert panel.draft_text.rows >= panel.draft_text.value.count("\n") + 1  # shown whole
    assert store.get_profile().name == "Maya Lindqvist"


def test_the_brief_states_the_purpose_in_plain_words(panel):
    panel.plan_button.click()
    panel.export("md")
    assert "advice about working as a UX researcher in health tech" in panel.written["md"].read_text()


def test_questions_left_out_show_their_wording_and_the_reason(panel, tmp_path, monkeypatch):
    # The shipped bank builds on research; a question of the user's own asks what it found.
    mine = tmp_path / "mine.csv"
    mine.write_text('id,category,weight,text\nmine-01,workplace,5,"When was {company} founded?"\n',
                    encoding="utf-8")
    monkeypatch.setenv("INFOVIEW_QUESTIONS", str(mine))
    panel.plan_button.click()
    skipped = panel.picker.skipped_html.value
    assert panel.picker.skipped and "research already answers it" in skipped
    assert f"Left out ({len(panel.picker.skipped)})" in skipped
    first = panel.picker.skipped[0].id
    assert f"<i>{first}</i>" not in skipped  # the wording, not the bank id
    assert "{" not in skipped  # placeholders filled


def test_each_planned_question_shows_its_topic_and_minutes_with_the_reason_on_hover(panel):
    from infoview.widgets.picker import topic_words

    panel.plan_button.click()
    item = panel.picker.items[0]
    label = html.unescape(panel.picker.list_box.children[0].children[3].value)
    assert f"({topic_words(item.category)}, {item.minutes:g} min)" in label
    assert "title='Why: " in label and "TIARA" not in label.split("'>", 1)[1]


# -- the prepare panel's first view ---------------------------------------------------------
def test_the_first_view_says_which_research_is_on_file(panel):
    note = panel.research_note.value
    assert "Research on file" in note and "Kestrel Health Labs" in note
    assert "Samira Okafor" in note


def test_a_stored_plan_opens_with_a_brief_that_shows_the_saved_research(panel, store, tmp_path):
    panel.date.value, panel.time.value = date(2037, 12, 1), time(14, 30)
    panel.plan_button.click()
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    again = PreparePanel(store, out_dir=tmp_path / "out")  # no Plan pressed
    assert again.picker.items, "the stored plan comes back"
    assert "No company research yet" not in again.preview.value
    assert "Kestrel Health Labs" in again.preview.value


def test_someone_without_research_is_told_so(panel):
    other = panel.store.add(Person(name="Ola Nowak", organization="Nowhere Ltd"))
    panel.refresh_people()
    panel.person.value = other.id
    assert "No saved research" in panel.research_note.value


# -- the brief preview ----------------------------------------------------------------------
def test_the_brief_preview_shows_the_whole_agenda_inline_with_scoped_styles(panel):
    import re

    panel.plan_button.click()
    preview = panel.preview.value
    assert "<iframe" not in preview and "height:" not in preview.split("<style>")[0]
    for item in panel.brief.agenda:  # every step, the last one too, in the page itself
        assert re.sub(r"\s+", " ", item.text.replace("'", "&#39;")) in re.sub(r"\s+", " ", preview)
    rules = re.findall(r"^\s*([^{}\n@]+)\{", preview.split("<style>")[1].split("</style>")[0],
                       re.MULTILINE)
    assert rules and all(sel.strip().startswith(".infoview-brief") for rule in rules
                         for sel in rule.split(",")), rules
    assert "<a href=" not in preview  # links open in a new tab, the app stays open


@pytest.mark.parametrize("day, clock, words", [
    (date(2026, 3, 29), time(1, 30), "does not exist in Europe/London"),  # the clocks skip it
    (date(1, 1, 1), time(10, 0), "the year 1 is outside 1900 to 2199"),
])
def test_a_start_the_calendar_cannot_hold_is_refused_in_the_panel(panel, store, day, clock, words):
    """The form reads times by the same rules as the command line (infoview.times)."""
    before = len(store.list(Meeting))
    panel.date.value, panel.time.value, panel.timezone.value = day, clock, "Europe/London"
    panel.save_button.click()
    assert panel.message.kind == "error" and words in panel.message.text, panel.message.text
    assert len(store.list(Meeting)) == before


def test_opening_the_panel_loads_the_pdf_renderer_in_the_background(tmp_path):
    """A PDF export then finds WeasyPrint loaded (its import is most of an export's wait)."""
    import subprocess
    import sys

    code = f"""
import sys
from infoview.prep import render
from infoview.store import Store
from infoview.widgets.prepare import PreparePanel
before = "weasyprint" in sys.modules
panel = PreparePanel(Store.open({str(tmp_path / 's.sqlite')!r}), out_dir={str(tmp_path)!r})
render.warm_pdf().join(60)
print(before, "weasyprint" in sys.modules, render.warm_pdf() is render.warm_pdf())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"]


def test_a_meeting_saved_without_a_time_zone_comes_back_at_the_time_typed(
        panel, store, tmp_path, computer_in_tokyo):
    # No zone typed: the time is the computer's. Read back from the store (which keeps UTC),
    # the form must show 15:30 again, not 06:30, or the next save moves the meeting.
    panel.date.value = date(2037, 12, 1)
    panel.time.value = time(15, 30)
    panel.timezone.value = ""
    panel.plan_button.click()
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    [meeting] = store.list(Meeting)
    again = PreparePanel(store, out_dir=tmp_path / "out")
    assert (again.date.value, again.time.value) == (date(2037, 12, 1), time(15, 30))
    again.save_button.click()
    assert store.get(Meeting, meeting.id).starts_at == meeting.starts_at


def test_the_request_says_what_you_explore_as_about_me_says_it(store, tmp_path):
    # Lena wrote what she is exploring under About me; the request must not ask her for
    # "[the work you are exploring]" again. What she types in the field wins, and stays.
    from infoview.flows.profile import save_profile

    save_profile(store, name="Lena Fischer", exploring="product roles in health tech")
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    assert panel.narrow.value == "product roles in health tech"
    panel.draft_button.click()
    assert "I am exploring product roles in health tech" in panel.draft_text.value
    assert "[the work you are exploring]" not in panel.draft_text.value
    save_profile(store, exploring="clinical software product work")
    panel.sync_profile()
    assert panel.narrow.value == "clinical software product work"
    panel.narrow.value = "patient-facing apps"
    save_profile(store, exploring="something else")
    panel.sync_profile()
    assert panel.narrow.value == "patient-facing apps"


def test_a_new_meeting_is_in_my_time_zone_so_the_brief_shows_the_time_typed(store, tmp_path):
    # About me says Asia/Tokyo; the computer (these machines) is on UTC. 15:30 typed must
    # be 15:30 in the brief and the companion, which show a meeting in the user's zone.
    from infoview.flows.profile import save_profile

    save_profile(store, name="Lena Fischer", timezone="Asia/Tokyo")
    panel = PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher",
                         industry="health tech")
    assert panel.timezone.value == "Asia/Tokyo"
    panel.date.value, panel.time.value = date(2037, 12, 1), time(15, 30)
    panel.plan_button.click()
    assert "15:30-15:50" in panel.preview.value
    panel.save_button.click()
    [meeting] = store.list(Meeting)
    assert meeting.timezone == "Asia/Tokyo"
    assert meeting.starts_at == datetime(2037, 12, 1, 15, 30, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_saving_a_meeting_dated_in_the_past_asks_first(store, tmp_path):
    # Seen in the browser: Save person and meeting kept a meeting dated six days ago as
    # "booked" without a word.
    from datetime import timedelta

    panel = PreparePanel(store, out_dir=tmp_path / "out", role="data analyst")
    panel.person.value = NEW
    panel.new_name.value = "Tomás Reyes"
    panel.date.value = datetime.now().date() - timedelta(days=6)
    panel.plan_button.click()
    panel.save_button.click()
    assert store.find_people(name="Tomás Reyes") == []
    assert panel.message.kind == "warning" and "already past" in panel.message.text
    assert panel.save_button.description == "Save anyway"
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    [tomas] = store.find_people(name="Tomás Reyes")
    assert len(store.list(Meeting, person_id=tomas.id)) == 1
    assert panel.save_button.description == "Save person and meeting"


def test_the_brief_preview_follows_the_meeting_and_why_them_as_they_are_typed(panel):
    # Seen in the browser: after planning, the date, the call link and "why them" were
    # typed, the meeting saved, and the brief on the page still said "Not yet agreed" and
    # "Add your own reason for choosing them" (only an export rebuilt it).
    panel.plan_button.click()
    assert "Not yet agreed" in panel.preview.value
    panel.date.value, panel.time.value = date(2037, 12, 3), time(15, 30)
    panel.timezone.value = "Europe/London"
    assert "Thu 3 Dec 2037" in panel.preview.value and "Not yet agreed" not in panel.preview.value
    panel.place.value = "https://call.example/samira"
    assert "https://call.example/samira" in panel.preview.value
    panel.reason.value = "Your talk on testing booking forms with patients"
    assert "Your talk on testing booking forms with patients" in panel.preview.value
    assert "Add your own reason" not in panel.preview.value


def test_an_empty_industry_takes_the_one_research_found_for_the_organization(store, tmp_path,
                                                                              profiles):
    # Seen in the browser: research said "Digital health", and Prepare's Industry sat empty.
    found = profiles[0].industry
    assert found, "the sample site names its industry"
    panel = PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher")
    assert panel.company is not None and panel.industry.value == found
    typed = PreparePanel(store, out_dir=tmp_path / "out", industry="medical devices")
    assert typed.industry.value == "medical devices"      # what the user gave is kept


def test_a_host_in_another_role_is_asked_about_theirs_and_the_page_says_so(store, tmp_path):
    # Seen in the app: Lena, curious about product work, planned a call with a UX
    # researcher, and the plan asked "How did you end up working as a product manager?".
    from infoview.widgets.prepare import PreparePanel

    samira = store.add(Person(name="Samira Okafor", title="UX Researcher, Patient Apps",
                              organization="Kestrel Health"))
    panel = PreparePanel(store, out_dir=tmp_path)
    panel.person.value = samira.id
    panel.role.value = "product manager"
    note = panel.role_note.value
    assert "Samira Okafor works as a UX researcher, not as a product manager" in note
    assert "What have you seen of the work of a product manager" in note
    panel.minutes.value = 60
    panel.plan_questions()
    texts = [item.text for item in panel.picker.items]
    assert "How did you end up working as a UX researcher?" in texts
    assert not any("as a product manager" in text for text in texts)
    assert "works as a UX researcher" not in panel.message.text  # said once, under the role
    # A host in the role typed: nothing to say, the role as typed.
    panel.role.value = "UX research"
    assert panel.role_note.value == ""
    panel.role.value = "UX researcher"
    panel.plan_questions()
    assert "How did you end up working as a UX researcher?" in [i.text for i in panel.picker.items]


def test_labelled_controls_side_by_side_keep_a_space_between_them(panel):
    # Seen in the browser: "Time zone" sat glued to the time box before it ("--:-- Time
    # zone"), as "Place or call link" did to the format and "Minutes" to "You are a".
    from infoview.widgets._common import ROW_GAP

    rows = {id(c): c for c in panel.children if hasattr(c, "children")}

    def row_of(control):
        [row] = [r for r in rows.values() if control in r.children]
        return row

    for control in (panel.timezone, panel.place, panel.minutes, panel.strict):
        row = row_of(control)
        assert row.layout.grid_gap == ROW_GAP, control.description
        assert row.layout.align_items == "center"


@pytest.fixture
def samira(store, profiles):
    """Samira as research saved her, then with the title a LinkedIn import gave her, then
    her page researched and saved again.

    Seen in a browser pass: the import named her "head of user research"; her page says
    "Senior UX Researcher"; Prepare went on asking about the first, saying nothing. Research
    never replaces a title on the record (the user may have typed it, and the store does
    not keep where a title came from), so Prepare sets both side by side for the user.
    """
    [samira] = store.list(Person, name="Samira Okafor")
    samira.title = "head of user research"
    store.update(samira)
    keep_research(store, *profiles)
    return store.get(Person, samira.id)


def test_research_keeps_the_title_on_record_and_prepare_sets_both_side_by_side(
        store, samira, profiles, tmp_path):
    page_title = profiles[1].title
    assert page_title and page_title.casefold() != "head of user research"
    assert samira.title == "head of user research"  # research did not replace it
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    panel.person.value = samira.id
    assert panel.title_box.layout.display == ""
    said = panel.title_note.value
    assert f"Samira's page says <b>{page_title}</b>" in said
    assert "your records say <b>head of user research</b>" in said

    panel.use_title_button.click()
    assert store.get(Person, samira.id).title == page_title
    assert panel.title_box.layout.display == "none"
    assert panel.message.kind == "ok" and page_title in panel.message.text
    # Chosen again, the two agree: nothing more to say.
    again = PreparePanel(store, out_dir=tmp_path / "out")
    again.person.value = samira.id
    assert again.title_box.layout.display == "none"


def test_titles_that_agree_or_are_missing_are_not_set_side_by_side(samira, profiles):
    page = profiles[1]
    assert title_to_check(Person(name="S", title=page.title.upper()), page) is None
    assert title_to_check(Person(name="S", title=None), page) is None
    assert title_to_check(samira, None) is None
    assert title_to_check(samira, page) == page.title


def test_using_the_page_title_without_research_says_what_to_do(store):
    ada = store.add(Person(name="Ada Berg", title="Nurse"))
    with pytest.raises(BadInput, match="type it on their record"):
        use_researched_title(store, ada.id)
    assert store.get(Person, ada.id).title == "Nurse"


def test_research_saved_for_a_shorter_name_says_whose_page_it_is(tmp_path, profiles):
    # Seen by Lena: she added "Sam Okafor", the kit found his page (it names him Samira),
    # and Prepare said "Research on file: ... and Samira Okafor", as if about someone else.
    from infoview.store import Store

    with Store.open(tmp_path / "lena.sqlite") as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        keep_research(store, *profiles, chosen=sam.id)
        assert [p.name for p in store.list(Person)] == ["Sam Okafor"]  # no second Samira
        panel = PreparePanel(store, out_dir=tmp_path / "out", minutes=20)
        panel.person.value = sam.id
        note = panel.research_note.value
        assert "Research on file" in note and "Kestrel Health Labs" in note
        assert "their public page, which names them Samira Okafor" in note
        assert "and Samira Okafor (their public page)" not in note

"""The preparation panel: who and when, a question plan to edit, the brief, its exports,
and the outreach drafts with their checks.

The panel gathers the user's choices and hands them to the library: the question plan
comes from :func:`infoview.questions.select.select_questions`, the brief from
:func:`infoview.prep.brief.build_brief`, the files from
:func:`infoview.prep.render.export_brief`, the drafts from :mod:`infoview.prep.outreach`.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.errors import BadInput, InfoviewError
from infoview.flows import drafts
from infoview.flows.meetings import asked_before, person_to_prepare, planned_questions, save_meeting_plan
from infoview.flows.outreach_log import awaiting_reply, mark_replied, record_outreach
from infoview.flows.plans import drop_plan, keep_plan, kept_plan, last_kept_plan
from infoview.flows.profile import save_profile, user_zone
from infoview.flows.question_history import question_history
from infoview.flows.research import research_for, title_to_check, use_researched_title
from infoview.models import Meeting, Person
from infoview.prep.brief import build_brief
from infoview.prep.render import export_brief, render_html_fragment, warm_pdf
from infoview.questions.models import AUDIENCES, PlanItem, QuestionPlan, Skipped
from infoview.questions.roles import role_to_ask
from infoview.questions.select import select_questions
from infoview.store.appstate import State
from infoview.store.exports import EXPORT_FORMATS as ALL_FORMATS
from infoview.store.exports import formats_for
from infoview.text import count_of
from infoview.times import day_words, form_clock, in_zone, shown_in, start_from_fields, zone_name
from infoview.widgets._common import (
    CHANNEL_WORDS,
    FORMAT_CHOICES,
    FULL_WIDTH,
    MessageLine,
    PastStartCheck,
    bullet_list,
    button,
    control_row,
    draft_checks_html,
    esc,
    file_link,
    heading,
    on_my_clock,
    status_words,
    text,
    textarea_rows,
    zone_note,
)
from infoview.widgets.daypicker import DayPicker
from infoview.widgets.draftbox import DraftActions, draft_box
from infoview.widgets.picker import QuestionPicker
from infoview.widgets.profile import ABOUT_ME_FIELDS

if TYPE_CHECKING:  # pragma: no cover
    from infoview.flows.outreach_log import Waiting
    from infoview.prep.brief import Brief
    from infoview.prep.outreach import Draft
    from infoview.research.models import CompanyProfile, PersonProfile
    from infoview.store import Store

log = logging.getLogger(__name__)

NEW = 0  # the dropdown value meaning "someone new" / "a new meeting"
#: Said beside the date box while no day is chosen (the brief says "Not yet agreed").
NO_DAY = "no day agreed yet"
#: Said once a field the plan was made for changes after planning.
PLAN_OUTDATED = ("The questions below were planned before your last change to the role, "
                 "industry, audience, minutes or learning from debriefs: press Plan questions "
                 "again to plan for it (your own questions stay).")
EXPORT_FORMATS = formats_for("brief")
#: What each export button says: the formats by the names a reader knows them by.
EXPORT_LABELS = {f.name: f.label for f in ALL_FORMATS}
#: The export buttons' words: "Markdown" alone means nothing to most readers.
EXPORT_BUTTONS = {f.name: f"Export {f.label}" for f in ALL_FORMATS} | {
    "md": "Export as text (Markdown)"}
#: The drafts the panel offers, labelled and named as in the one table of draft kinds.
DRAFT_KINDS = drafts.panel_kinds("prepare")
CHANNELS = tuple((words, channel) for channel, words in CHANNEL_WORDS.items())
CHANNEL_LABELS = {value: label for label, value in CHANNELS}
_WIDE = {"description_width": "initial"}




class PreparePanel(w.VBox):
    """Prepare one meeting: plan the questions, preview and export the brief, draft emails.

    Args:
        store: the open store (people, meetings and research come from it).
        out_dir: where exports are written.
        role, industry, audience, minutes: initial values of those fields.

    Attributes:
        plan: the plan as selected by the library (before the user's edits), or ``None``.
        brief: the last brief built from the edited plan, or ``None``.
        written: ``{format: Path}`` of the files exported so far.
        draft: the last outreach ``Draft`` written, or ``None``.
        waiting: the chosen person's messages awaiting a reply (``Waiting`` items), as listed.
        replied_buttons: the "They replied" button of each, by outreach id.
    """

    def __init__(self, store: Store, *, out_dir: str | Path, role: str = "", industry: str = "",
                 audience: str = "anyone", minutes: int = 20,
                 chosen: tuple[int | None, int | None] | None = None):
        self.store = store
        #: The meeting the user chose elsewhere while the panel loads a person: shown, and a
        #: plan kept for another of their meetings is not picked up over it.
        self._wanted_meeting: int | None = None
        #: What the panel showed of the stored meeting (after loading or saving it): an
        #: "edit" that leaves the plan so is nothing to keep.
        self._saved_state: dict | None = None
        self.out_dir = Path(out_dir)
        self.plan: QuestionPlan | None = None
        self.brief: Brief | None = None
        self.written: dict[str, Path] = {}
        self.draft: Draft | None = None
        self._quiet = False
        self.company: CompanyProfile | None = None
        self.person_research: PersonProfile | None = None

        # Who and when.
        self.person = w.Dropdown(description="Person", style=_WIDE, layout=w.Layout(width="60%"))
        #: What research is on file for the chosen person, shown before anything is planned.
        self.research_note = w.HTML()
        #: Says when their researched page gives another title than their record, with
        #: the one click that puts the page's on the record (research never replaces it).
        self.title_note = w.HTML()
        self.use_title_button = button("Use the title from their page",
                                       tooltip="put it on their record, in place of the one "
                                               "there now")
        self.title_box = w.VBox([self.title_note, self.use_title_button],
                                layout=w.Layout(display="none"))
        self.new_name = text("Name")
        #: Says, right under the name field, that it is needed.
        self.new_name_error = MessageLine()
        self.new_name_error.clear_on_change(self.new_name, self.person)
        self.new_title = text("Title")
        self.new_organization = text("Organization")
        self.new_person_box = w.VBox([self.new_name, self.new_name_error, self.new_title,
                                      self.new_organization])
        self.meeting = w.Dropdown(description="Meeting", style=_WIDE, layout=w.Layout(width="60%"))
        #: Which clock the meetings listed are on, named once under the list (as on People).
        self.zone_note = w.HTML()
        self.date = DayPicker(description="Date", style=_WIDE, blank=NO_DAY)
        self.time = w.TimePicker(description="Time", value=time(10, 0), style=_WIDE)
        self.timezone = text("Time zone", "", "e.g. Europe/London", width="40%")
        self.format = w.Dropdown(description="Format", options=FORMAT_CHOICES,
                                 value="video", style=_WIDE)
        self.place = text("Place or call link")
        self.role = text("Role you are curious about", role, "e.g. UX researcher")
        #: Says, under the role, when the host's title names another one: the questions
        #: about a role then ask about theirs (a UX researcher was asked how they ended up
        #: working as a product manager).
        self.role_note = w.HTML()
        self.industry = text("Industry", industry, "e.g. health tech")
        self.audience = w.Dropdown(description="You are a", value=audience, style=_WIDE,
                                   options=[(a.replace("_", " "), a) for a in AUDIENCES])
        self.minutes = w.IntSlider(description="Minutes", value=minutes, min=10, max=60, step=5,
                                   style=_WIDE)
        self.reason = text("Why them (your words)", "", "e.g. I read your article on ...")
        #: Whether the plan learns from the user's debriefs (questions rated useful in
        #: meetings like this one move up, poorly rated ones down or out).
        self.use_history = w.Checkbox(description="Learn from my debriefs", value=True,
                                      indent=False)
        self.plan_button = button("Plan questions", "primary")
        self.save_button = button("Save person and meeting", "success")
        self._past = PastStartCheck()  # a start already past is questioned once
        self.drop_button = button("Drop this plan", tooltip="forget the plan you were editing "
                                  "and start again from the meeting as saved")
        self.drop_button.layout.display = "none"
        self.drop_button.on_click(lambda _b: self.drop_kept_plan())
        self.message = MessageLine()
        #: The line "Planned 7 questions ..." in parts (opening, notes, kind), and as shown.
        self._planned: tuple[str, str, str] = ("", "", "ok")
        self._planned_words = ""
        #: What the questions shown were planned for (``_plan_basis``); ``None`` for a plan
        #: loaded from the store or kept from before.
        self._planned_for: tuple | None = None

        self.picker = QuestionPicker(on_change=self._plan_edited)
        self.preview = w.HTML()
        self.export_buttons = {fmt: button(EXPORT_BUTTONS[fmt],
                                           tooltip=f"write the brief as a .{fmt} file")
                               for fmt in EXPORT_FORMATS}
        self.exports = w.HTML()
        #: Says how an export went, right under the export buttons.
        self.export_message = MessageLine()

        self.draft_kind = w.Dropdown(description="Draft", options=DRAFT_KINDS, value="request",
                                     style=_WIDE)
        profile = store.get_profile()
        # What About me says the user is exploring, until they type their own words here.
        self._exploring = profile.exploring or ""
        # What the request says the user explores, and the wider field it sits in (the
        # draft's words; "narrow" and "broad interest" were the method's).
        self.narrow = text("What you are exploring", self._exploring,
                           "e.g. research for digital health products")
        self.broad = text("The wider field (optional)", "", "e.g. UX research")
        self.strict = w.Checkbox(description="75 words at most", value=False, indent=False)
        self.your_name = text("Your name (signs the drafts)", profile.name or "", "e.g. Maya Lindqvist",
                              width="60%")
        self.your_link = text("Your profile link", profile.profile_url or "",
                              "e.g. a portfolio or any page about your work", width="60%")
        self.draft_button = button("Write draft", "primary")
        self.draft_text = w.Textarea(rows=4, layout=w.Layout(width=FULL_WIDTH))
        self.draft_warnings = w.HTML()
        self.draft_actions = DraftActions(self.draft_text, self._recipient, "request")
        #: Says how writing the draft went, under its button.
        self.draft_message = MessageLine()
        #: Says how recording a message sent, or a reply, went, beside those buttons.
        self.sent_message = MessageLine()
        self.channel = w.Dropdown(description="Sent by", options=CHANNELS, value="email", style=_WIDE)
        self.sent_button = button("I sent it", "success",
                                  tooltip="record the draft above as sent today, for the follow-ups")
        self.waiting: list[Waiting] = []
        self.replied_buttons: dict[int, w.Button] = {}
        self.waiting_box = w.VBox()

        self.person.observe(lambda _c: self._person_changed(), names="value")
        self.meeting.observe(lambda _c: self._meeting_changed(), names="value")
        self.plan_button.on_click(lambda _b: self.plan_questions())
        self.save_button.on_click(lambda _b: self.save_meeting())
        for fmt, btn in self.export_buttons.items():
            btn.on_click(lambda _b, fmt=fmt: self.export(fmt))
        self.draft_button.on_click(lambda _b: self.write_draft())
        self.sent_button.on_click(lambda _b: self.record_sent())
        self.use_title_button.on_click(lambda _b: self.use_page_title())

        super().__init__([
            heading("Who and when"),
            self.person, self.research_note, self.title_box, self.new_person_box, self.meeting,
            self.zone_note,
            control_row(self.date, self.time, self.timezone),
            control_row(self.format, self.place),
            heading("What you want to learn"),
            self.role, self.role_note, self.industry,
            control_row(self.audience, self.minutes, self.use_history),
            self.reason,
            w.HBox([self.plan_button, self.save_button, self.drop_button]), self.message,
            heading("Questions: check, uncheck, reorder, add your own"),
            self.picker,
            heading("The brief"),
            w.HBox(list(self.export_buttons.values())), self.export_message, self.exports,
            self.preview,
            heading("Outreach drafts"),
            control_row(self.draft_kind, self.strict), self.narrow, self.broad, self.your_name,
            self.your_link, self.draft_button,
            self.draft_message, self.draft_warnings, draft_box(self.draft_text, self.draft_actions),
            control_row(self.channel, self.sent_button), self.sent_message,
            heading("Waiting for a reply"), self.waiting_box,
        ])
        #: Set when the panel opened on a plan kept from before (a reload loses nothing).
        self.restored: State | None = None
        self._loading = 0  # > 0 while the panel fills itself: that is no edit to keep
        for field in (self.new_name, self.new_title, self.new_organization, self.date,
                      self.time, self.timezone, self.format, self.place, self.role,
                      self.industry, self.audience, self.minutes, self.reason, self.use_history,
                      self.draft_kind,
                      self.narrow, self.broad, self.draft_text):
            field.observe(lambda _c: self.keep(), names="value")
        for field in (self.role, self.person, self.new_name, self.new_title):
            field.observe(lambda _c: self._show_role_note(), names="value")
        for field in (self.role, self.industry, self.audience, self.minutes, self.use_history):
            field.observe(lambda _c: self._basis_edited(), names="value")
        # What the brief says about the meeting follows these as they are typed.
        for field in (self.date, self.time, self.timezone, self.format, self.place,
                      self.reason):
            field.observe(lambda _c: self._refresh_preview(), names="value")
        if chosen is None:
            self.refresh_people()
            self._open_last_kept_plan()
        else:  # the user chose a person or meeting elsewhere: that choice is shown
            with self.message.guard("reading the store"):
                self._fill_people(select=chosen[0] or NEW)
            self._wanted_meeting = chosen[1]
            try:
                self._person_changed()
            finally:
                self._wanted_meeting = None
        warm_pdf()  # a PDF export then finds WeasyPrint loaded instead of waiting a second

    # -- choices from the store --------------------------------------------------------------
    def choose(self, person_id: int | None, meeting_id: int | None) -> None:
        """Show the person and meeting the user chose on another page. A plan kept for
        another of the person's meetings is not picked up over the meeting chosen (it
        exported the calendar file of the meeting it was kept for)."""
        person = person_id or NEW
        if person not in {value for _label, value in self.person.options}:
            self.refresh_people()  # someone added on another page
        self._wanted_meeting = meeting_id
        try:
            if self.person.value != person:
                self.person.value = person
            elif (meeting_id is not None and self.meeting.value != meeting_id
                    and meeting_id in {value for _label, value in self.meeting.options}):
                self.meeting.value = meeting_id
        finally:
            self._wanted_meeting = None

    def refresh_people(self) -> None:
        """Reload the people dropdown from the store (after research was saved elsewhere)."""
        with self.message.guard("reading the store"):
            self._fill_people()
        self._person_changed()

    @contextmanager
    def _quietly(self):
        """Change dropdowns without their observers reloading the rest of the panel."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _fill_people(self, select: int | None = None) -> None:
        # By name, as the People page lists them: in the order they were added, someone
        # was hard to find among ninety.
        people = sorted(self.store.list(Person), key=lambda p: (p.name.casefold(), p.id or 0))
        if select is None:
            select = person_to_prepare(self.store) or NEW
        with self._quietly():
            self.person.options = [("Someone new", NEW)] + [
                (f"{p.name}{' (' + p.organization + ')' if p.organization else ''}", p.id)
                for p in people]
            self.person.value = select

    def _fill_meetings(self, select: int | None = None) -> None:
        new = self.person.value in (NEW, None)
        meetings = [] if new else self.store.list(Meeting, person_id=self.person.value)
        mine = user_zone(self.store)
        with self._quietly():
            self.meeting.options = [("A new meeting", NEW)] + [
                (f"{on_my_clock(m.starts_at, m.timezone, mine) if m.starts_at else 'no time set'}"
                 f" ({status_words(m.status)})", m.id) for m in meetings]
            # The form below edits a meeting on its own zone's clock, named beside it.
            self.zone_note.value = (zone_note(self.store, mine, "Meetings are listed on",
                                              " The date and time below are the meeting's "
                                              "own, in the time zone beside them.")
                                    if any(m.starts_at for m in meetings) else "")
            known = {m.id for m in meetings} | {NEW}
            self.meeting.value = select if select in known else (
                meetings[-1].id if meetings else NEW)

    def _person_changed(self) -> None:
        if self._quiet:
            return
        new = self.person.value in (NEW, None)
        self.new_person_box.layout.display = "" if new else "none"
        self._forget_previous_person()
        with self._filling(), self.message.guard("reading the store"):
            # Research first: a stored meeting's plan builds the brief preview at once, and
            # that brief must already show the research saved for this person.
            self._load_research()
            self._fill_meetings(self._meeting_to_show())
            self._meeting_changed()  # picks up the plan kept for that meeting, if one is
            self._show_waiting()
        self._show_role_note()

    def _meeting_to_show(self) -> int | None:
        """The meeting to show for the person just chosen: the one the user chose, else the
        one whose plan was being edited, else (``None``) their latest."""
        if self._wanted_meeting is not None:
            return self._wanted_meeting
        if self.person.value in (NEW, None):
            return None
        state = kept_plan(self.store, self._person_id())
        return None if state is None else (state.value.get("meeting") or NEW)

    def _meeting_changed(self) -> None:
        if self._quiet:
            return
        # What was said of the last meeting (saved, exported) is not said of this one.
        self.message.clear()
        self.export_message.clear()
        self.written = {}
        self.exports.value = ""
        self._saved_state = None
        if self.meeting.value in (NEW, None):
            with self._filling():  # emptied by the panel: no edit of the user's to keep
                self._clear_meeting_fields()
                self._industry_from_research()
        else:
            with self._filling(), self.message.guard("reading the meeting"):
                self._show_meeting(self.meeting.value)
                self._industry_from_research()
                self._saved_state = self.plan_state()
        with self.message.guard("reading the plan you were editing"):
            self._pick_up_kept_plan()

    def _forget_previous_person(self) -> None:
        """Clear what belonged to the person chosen before: their plan, brief, exports and
        draft (a new person must not inherit someone else's questions or call link)."""
        self._planned_for = None
        self.plan = self.brief = self.draft = None
        self.written = {}
        self.picker.clear()
        self.preview.value = self.exports.value = ""
        self.draft_text.value = ""
        self.draft_warnings.value = ""
        for line in (self.message, self.export_message, self.draft_message, self.sent_message):
            line.clear()

    def _clear_meeting_fields(self) -> None:
        """Empty the time and place of "a new meeting" (the last meeting's call link and
        date are not the new one's); what to learn and the plan stay. The time zone starts
        as the user's own (About me), the one the brief shows a time without a zone in."""
        self.date.value = None
        self.time.value = time(10, 0)
        self.timezone.value = self.store.get_profile().timezone or ""
        self.place.value = ""
        self.format.value = "video"

    def _industry_from_research(self) -> None:
        """An empty Industry takes the one research found for the organization ("Digital
        health"), as the brief would anyway; one the user typed or saved is kept."""
        if not self.industry.value.strip():
            self.industry.value = getattr(self.company, "industry", None) or ""

    def _show_meeting(self, meeting_id: int) -> None:
        """Fill the fields, and the picker with its planned questions, from a stored meeting."""
        meeting = self.store.get(Meeting, meeting_id)
        # One stored without a zone shows, and is saved again, in the user's (About me).
        if meeting.starts_at is not None:
            local = in_zone(meeting.starts_at, meeting.timezone, user_zone(self.store))
            self.date.value = local.date()
            self.time.value = form_clock(local)
        self.timezone.value = meeting.timezone or self.store.get_profile().timezone or ""
        self.format.value = meeting.format
        self.place.value = meeting.place or ""
        self.minutes.value = max(10, min(60, meeting.planned_minutes))
        self.role.value = meeting.role or self.role.value
        self.industry.value = meeting.industry or self.industry.value
        # The host's own reason: another meeting's is not theirs (none kept: none typed).
        self.reason.value = meeting.reason or ""
        if meeting.audience in {value for _label, value in self.audience.options}:
            self.audience.value = meeting.audience
        plan = planned_questions(self.store, meeting.saved_id)
        if plan.items:
            self._planned_for = None
            self.plan = plan
            self.picker.set_plan(plan)

    def _load_research(self) -> None:
        """The newest stored research about the chosen person and their organization."""
        self.company = self.person_research = None
        self.title_box.layout.display = "none"
        if self.person.value in (NEW, None):
            self.research_note.value = ""
            return
        chosen: str | None = None
        with self.message.guard("reading research"):
            self.company, self.person_research = research_for(self.store, self.person.value)
            chosen = self.store.get(Person, self.person.value).name
        self.picker.research = self.company
        self.research_note.value = _research_note(self.company, self.person_research, chosen)
        self._show_title_note()

    def _show_title_note(self) -> None:
        """Set the title on their record and the one their researched page gives side by
        side when they differ ("Samira's page says Senior UX Researcher; your records say
        Head of user research"): the brief and the questions use the record's."""
        with self.message.guard("reading their record"):
            person = self.store.get(Person, self.person.value)
            page = title_to_check(person, self.person_research)
        if not page:
            return
        self.title_note.value = (
            f"<div class='infoview-title-note' style='color:#8a5300'>"
            f"{esc(_first_name(person.name))}'s page says <b>{esc(page)}</b>; your records "
            f"say <b>{esc(person.title)}</b>. The brief and the questions use your records: "
            "if the page is newer, use its title.</div>")
        self.use_title_button.description = "Use the title from their page"
        self.title_box.layout.display = ""

    def use_page_title(self) -> None:
        """Put the researched page's title on the chosen person's record (what "Use the
        title from their page" does), and say so."""
        if self.person.value in (NEW, None):
            return
        with self.message.guard("changing their title"):
            person = use_researched_title(self.store, self.person.value)
            self.title_box.layout.display = "none"
            self._show_role_note()
            self.message.show(f"{person.name}'s title is now {person.title} on their record.",
                              "ok")

    # -- the records the library works on ----------------------------------------------------
    def current_person(self):
        """The chosen person, or an unsaved ``Person`` from the "someone new" fields."""
        if self.person.value not in (NEW, None):
            return self.store.get(Person, self.person.value)
        name = self.new_name.value.strip()
        if not name:
            # Marked where it is typed, with a pointer to it from under the buttons.
            self.new_name_error.show("Type their name here (or choose someone under Person).",
                                     "error")
            raise BadInput("not done yet: the new person's name is needed (marked in red "
                           "above), or choose someone under Person")
        return Person(name=name, title=self.new_title.value.strip() or None,
                      organization=self.new_organization.value.strip() or None)

    def current_meeting(self, person_id: int | None = None):
        """The meeting as the fields describe it (an unsaved ``Meeting`` for a new one)."""
        if self.meeting.value not in (NEW, None):
            meeting = self.store.get(Meeting, self.meeting.value)
        else:
            meeting = Meeting(person_id=person_id or 0, status="requested")
        meeting.starts_at = self._starts_at()
        meeting.timezone = zone_name(self.timezone.value)  # a city as its IANA zone
        meeting.format = self.format.value
        meeting.place = self.place.value.strip() or None
        meeting.planned_minutes = int(self.minutes.value)
        meeting.role = self.role.value.strip() or None
        meeting.industry = self.industry.value.strip() or None
        meeting.reason = self.reason.value.strip() or None
        meeting.audience = self.audience.value
        return meeting

    def _starts_at(self) -> datetime | None:
        return start_from_fields(self.date.value, self.time.value, self.timezone.value)

    # -- actions -----------------------------------------------------------------------------
    def plan_questions(self) -> None:
        """Ask the library for a plan fitting the minutes (what "Plan questions" does)."""
        with self.message.guard("planning"):
            person = self.current_person()
            asked = self._asked_before(person)
            self.plan = select_questions(
                role=self.role.value.strip() or None, industry=self.industry.value.strip() or None,
                company=person.organization or getattr(self.company, "name", None),
                person=person.name, audience=self.audience.value, minutes=int(self.minutes.value),
                research=self.company, asked=asked,
                history=question_history(self.store) if self.use_history.value else None,
                host_title=person.title)
            self.picker.set_plan(self.plan, values={
                # the role the plan's questions name (the host's own, when theirs differs)
                "role": role_to_ask(self.role.value, person.title, person.name).role,
                "industry": self.industry.value.strip() or None,
                "company": person.organization or getattr(self.company, "name", None),
                "person": person.name}, keep_own=True)
            if self.export_message.kind == "error":  # "Plan the questions first": done now
                self.export_message.clear()
            left_out = len(getattr(self.plan, "skipped", []) or [])
            why = f" ({left_out} left out: see why under the questions)" if left_out else ""
            said = " ".join([n for n in self.plan.notes if n != self._role_note()]
                            + self.plan.warnings)  # the role's note is under the role
            self._planned_for = self._plan_basis()
            self._planned = (f"Planned {count_of(len(self.plan.items), 'question')} for "
                             f"{count_of(self.minutes.value, 'minute')}{why}",
                             f" {said}" if said else "",
                             "warning" if self.plan.warnings else "ok")
            self._show_planned()

    def _plan_basis(self) -> tuple:
        """What a plan is made for: the fields Plan questions reads besides the person."""
        return (self.role.value.strip(), self.industry.value.strip(), self.audience.value,
                self.minutes.value, self.use_history.value)

    def _basis_edited(self) -> None:
        """Say, once a field the plan was made for changes, that the questions below do
        not follow it until Plan questions is pressed again (they still asked about "your
        role" after the role was typed); changed back, the line says what was planned."""
        if self._quiet or self._loading or self._planned_for is None:
            return
        if self._plan_basis() != self._planned_for:
            self.message.show(PLAN_OUTDATED, "warning")
        elif self.message.text == PLAN_OUTDATED:
            self._show_planned()

    def _show_planned(self) -> None:
        """Say what was planned, and once the list is edited, how many questions are asked
        now: "Planned 7 questions" beside "6 questions" over the list read as a mistake."""
        opening, said, kind = self._planned
        planned = [item.id for item in self.plan.items] if self.plan else []
        chosen = [item.id for item in self.picker.selected()]
        dropped = len(set(planned) - set(chosen))
        added = len(set(chosen) - set(planned))
        if dropped or added:  # "7 planned, 7 asked" after a swap says what was swapped
            changes = " and ".join(([f"left out {dropped}"] if dropped else [])
                                   + ([f"added {added} of your own"] if added else []))
            opening += (f"; you {changes}, so you ask {count_of(len(chosen), 'question')} "
                        "(counted above the list)")
        self._planned_words = opening + "." + said
        self.message.show(self._planned_words, kind)

    def _host(self) -> tuple[str | None, str | None]:
        """The chosen person's title and name (a new person's as typed)."""
        if self.person.value in (NEW, None):
            return self.new_title.value.strip() or None, self.new_name.value.strip() or None
        person = self.store.get(Person, self.person.value)
        return person.title, person.name

    def _role_note(self) -> str | None:
        title, name = self._host()
        return role_to_ask(self.role.value, title, name).note

    def _show_role_note(self) -> None:
        """Say under the role when the plan asks about the host's own role instead."""
        if self._quiet:
            return
        note = None
        with self.message.guard("reading the person"):
            note = self._role_note()
        self.role_note.value = (f"<div class='infoview-role-note' style='color:#8a5300;"
                                f"font-size:0.9em;margin:0 0 6px 0'>{esc(note)}</div>"
                                if note else "")

    def _asked_before(self, person) -> list[str]:
        return asked_before(self.store, person.id) if person.id else []

    def save_meeting(self) -> None:
        """Store the person (when new) and the meeting with its planned questions; a start
        already past is questioned first (the second press saves it)."""
        with self.message.guard("saving"):
            person = self.current_person()
            meeting = self.current_meeting(person.id)
            before = (self.store.get(Meeting, meeting.id).starts_at if meeting.id is not None
                      else None)
            question = self._past.question(meeting.starts_at, meeting.timezone, before)
            if question is not None:
                self.save_button.description = "Save anyway"
                self.message.show(f"Not saved yet: {question}", "warning")
                return
            self.save_button.description = "Save person and meeting"
            plan = self.picker.plan() if self.picker.items else None
            was = self._person_id()
            person, meeting = save_meeting_plan(self.store, person, meeting, plan)
            drop_plan(self.store, was)  # kept for good now: no longer a plan in progress
            drop_plan(self.store, person.id)
            self.restored = None
            self.drop_button.layout.display = "none"
            # Keep the user's edits on screen; only the choices learn the new records.
            self._fill_people(select=person.id)
            self._fill_meetings(select=meeting.id)
            self._saved_state = self.plan_state()  # a draft written next is no plan edit
            self.new_person_box.layout.display = "none"
            if plan is not None and meeting.status == "held":
                # Its debrief recorded what was asked: the plan does not replace that.
                self.message.show(f"Saved {person.name} and the meeting. This meeting was "
                                  "held, so its questions stay as its debrief recorded them; "
                                  "the plan here was not kept with it (to plan another "
                                  "meeting with them, choose 'A new meeting' above).",
                                  "warning")
                return
            self.message.show(f"Saved {person.name} and the meeting with its questions. Next: "
                              "the meeting companion, then the debrief.", "ok")

    def build(self) -> Brief:
        """Build the brief from the fields and the edited plan; shows it and returns it."""
        if not self.picker.items:
            raise BadInput("plan the questions first (press Plan questions)")
        person = self.current_person()
        meeting = self.current_meeting(person.id)
        self.brief = brief = build_brief(
            person=person, company=self.company, person_research=self.person_research,
            plan=self.picker.plan(), meeting=meeting, profile=self.store.get_profile(),
            reason=self.reason.value.strip() or None)
        self._show_preview(brief)
        return brief

    def export(self, fmt: str) -> Path | None:
        """Write the brief as ``fmt`` (md, html, pdf or ics) and show a link to the file."""
        with self.export_message.guard(f"exporting the {EXPORT_LABELS[fmt]}"):
            if fmt == "ics" and self.date.value is None:
                raise BadInput("a calendar event needs the meeting's start time: fill in Date "
                               "and Time under 'Who and when', then export again")
            brief = self.build()
            # creates the folder, or says why not; the store's registry notes the file
            path = export_brief(brief, self.out_dir, fmt, store=self.store)
            self.written[fmt] = Path(path)
            self.exports.value = bullet_list(f"{esc(EXPORT_LABELS[k])}: {file_link(p)}"
                                             for k, p in self.written.items())
            self.export_message.show(f"Wrote {Path(path).name}: download it below, or find it "
                                     f"in {Path(path).parent}.", "ok")
            return Path(path)
        return None

    def write_draft(self):
        """Write the chosen outreach draft and show its checks' warnings."""
        with self.draft_message.guard("writing the draft"):
            person = self.current_person()
            profile = self._profile_from_fields()
            kind = self.draft_kind.value
            options = drafts.DraftOptions(
                reason=self.reason.value.strip() or None, narrow=self.narrow.value.strip() or None,
                broad=self.broad.value.strip() or None, strict=self.strict.value,
                # The minutes asked for in a request; a phone script asks for its own 15.
                minutes=int(self.minutes.value) if kind == "request" else None,
                meeting=self.current_meeting(person.id) if kind == "confirmation" else None)
            if person.id is not None:  # what the store knows: who suggested them, and may I say so
                person, options = drafts.stored_draft(self.store, kind, person_id=person.id,
                                                      options=options)
                if self.plan is not None and self.plan.items:
                    options.plan_ready = True  # the plan on screen counts
            draft = drafts.write_draft(kind, person, profile, options)
            self.draft = draft
            self.draft_actions.kind = kind
            self.draft_message.clear()
            self.draft_text.value = draft.text
            self.draft_text.rows = textarea_rows(draft.text)
            self.draft_warnings.value = draft_checks_html(draft, self.check_fields())
            return draft
        return None

    def check_fields(self) -> dict[str, tuple[str, str]]:
        """Where each fact a draft may lack is filled in, as this page sees it: its own
        fields above, the rest on About me and the People page (see
        :func:`~infoview.widgets._common.fill_places`)."""
        here, saved = "above", "above, then save the meeting"
        return ABOUT_ME_FIELDS | {
            "your_name": (self.your_name.description, here),
            "your_link": (self.your_link.description, here),
            "interest": (self.narrow.description, here),
            "why_them": (self.reason.description, here),
            "their_name": (self.new_name.description, here),
            "meeting_time": (self.date.description, saved),
            "meeting_place": (self.place.description, saved),
            "their_phone": ("Phone", "of this person on the People page"),
            "their_organization": ("Organization", "of this person on the People page"),
        }

    def record_sent(self):
        """Record the draft as sent today on the chosen channel (what "I sent it" does).

        The subject and text are taken from the draft box as it stands, edits included.
        """
        with self.sent_message.guard("recording the message"):
            if self.person.value in (NEW, None):
                raise BadInput("save the person first (Save person and meeting), then record "
                               "the message you sent them")
            kind = drafts.sent_kind(self.draft_kind.value)
            subject, body = drafts.split_subject(self.draft_text.value)
            if not body:
                raise BadInput("write the draft first (Write draft), or paste the message you sent")
            row = record_outreach(self.store, self.person.value, kind=kind,
                                  channel=self.channel.value, subject=subject, body=body)
            person = self.store.get(Person, row.person_id)
            self.sent_message.show(f"Recorded: {kind} to {_first_name(person.name)} by "
                              f"{self.channel.label} on {_day(row.sent_at, user_zone(self.store))}.",
                                   "ok")
            self._show_waiting()
            return row
        return None

    def record_reply(self, outreach_id: int):
        """Record that a message was answered today (what "They replied" does)."""
        with self.sent_message.guard("recording the reply"):
            row = mark_replied(self.store, outreach_id)
            name = _first_name(self.store.get(Person, row.person_id).name)
            self.sent_message.show(f"Recorded: {name} replied on "
                                   f"{_day(row.replied_at, user_zone(self.store))}.", "ok")
            self._show_waiting()
            return row
        return None

    def _show_waiting(self) -> None:
        """List the chosen person's messages awaiting a reply, each with its button."""
        self.waiting, self.replied_buttons = [], {}
        if self.person.value not in (NEW, None):
            with self.sent_message.guard("reading the messages sent"):
                self.waiting = awaiting_reply(self.store, person_id=self.person.value)
        rows = []
        for item in self.waiting:
            row = item.outreach
            days = item.business_days
            label = (f"{row.kind.replace('_', ' ')} by {CHANNEL_LABELS.get(row.channel, row.channel)}, "
                     f"sent {_day(row.sent_at, user_zone(self.store))}"
                     + (f" ({days} business day{'s' if days != 1 else ''} ago)" if days else ""))
            btn = button("They replied", tooltip="record their reply as received today")
            btn.on_click(lambda _b, oid=row.id: self.record_reply(oid))
            self.replied_buttons[row.saved_id] = btn
            rows.append(w.HBox([w.HTML(esc(label)), btn]))
        self.waiting_box.children = rows or [w.HTML("<i>No message awaits a reply.</i>")]

    def _recipient(self) -> tuple[str | None, str | None]:
        """The chosen person's email and name, for the draft's mail link and file name."""
        if self.person.value in (NEW, None):
            return None, self.new_name.value.strip() or None
        person = self.store.get(Person, self.person.value)
        return person.email, person.name

    def _profile_from_fields(self):
        """The user's profile with the name and link typed here, saved when they changed,
        so later drafts (the thank-you after the meeting too) are signed without asking."""
        profile = self.store.get_profile()
        name, url = self.your_name.value.strip(), self.your_link.value.strip() or None
        if (name, url) != (profile.name or "", profile.profile_url):
            profile = save_profile(self.store, name=name, profile_url=url)
        return profile

    def sync_profile(self) -> None:
        """Show the name, the link and what the user is exploring as the profile holds them
        now (About me may have changed them since the panel was made)."""
        profile = self.store.get_profile()
        self.your_name.value = profile.name or ""
        self.your_link.value = profile.profile_url or ""
        if self.narrow.value.strip() in ("", self._exploring):  # not the user's own words
            self.narrow.value = profile.exploring or ""
        self._exploring = profile.exploring or ""

    # -- display -----------------------------------------------------------------------------
    def _plan_edited(self) -> None:
        self.keep()  # first: the brief takes a moment, and a reload may come before it is done
        if self._planned_words and self.message.text == self._planned_words:
            self._show_planned()  # the line still says what was planned: it follows the edit
        if self.picker.items:
            with self.message.guard("updating the brief"):
                self.build()

    def _refresh_preview(self) -> None:
        """Rebuild the brief shown after a field it shows changed (once there is a plan)."""
        if self._quiet or self._loading or not self.picker.items or self.brief is None:
            return
        try:
            self.build()
        except InfoviewError:
            pass  # half-typed (a time zone being typed): the brief shown stays as it was

    # -- the plan being edited survives a reload ----------------------------------------------
    def _person_id(self) -> int | None:
        return None if self.person.value in (NEW, None) else self.person.value

    def plan_state(self) -> dict:
        """What the panel holds, as plain values: the person, the meeting's fields, the
        questions with their order and ticks, the draft."""
        picker = self.picker
        return {
            "person": self._person_id(), "new_name": self.new_name.value,
            "new_title": self.new_title.value, "new_organization": self.new_organization.value,
            "meeting": None if self.meeting.value in (NEW, None) else self.meeting.value,
            "date": self.date.value.isoformat() if self.date.value else None,
            "time": self.time.value.strftime("%H:%M") if self.time.value else None,
            "timezone": self.timezone.value, "format": self.format.value,
            "place": self.place.value, "role": self.role.value, "industry": self.industry.value,
            "audience": self.audience.value, "minutes": self.minutes.value,
            "reason": self.reason.value, "use_history": self.use_history.value,
            "meeting_minutes": picker.meeting_minutes, "overhead_minutes": picker.overhead_minutes,
            "items": [item.to_dict() for item in picker.items],
            "checked": dict(picker.checked), "own": picker._own,
            "skipped": [{"id": x.id, "reason": x.reason} for x in picker.skipped],
            "draft_kind": self.draft_kind.value, "narrow": self.narrow.value,
            "broad": self.broad.value, "draft_text": self.draft_text.value,
        }

    def keep(self) -> None:
        """Keep the plan being edited in the store (after every change, once there is a
        plan), so that a reload or a closed tab loses nothing."""
        if self._quiet or self._loading or not self.picker.items:
            return
        with self.message.guard("keeping your plan"):
            state = self.plan_state()
            saved = self._saved_state
            if saved is not None and _plan_part(state) == _plan_part(saved):
                # The plan is the meeting's as saved: only a draft written since is kept
                # (marked saved: picked up without a note), and nothing when there is none.
                if all(state[name] == saved.get(name) for name in _DRAFT_FIELDS):
                    drop_plan(self.store, self._person_id())
                    return
                state["saved"] = True
            keep_plan(self.store, self._person_id(), state)

    def _open_last_kept_plan(self) -> None:
        """On opening: go back to the plan changed last, if one is kept."""
        with self.message.guard("reading the plan you were editing"):
            state = last_kept_plan(self.store)
            if state is None:
                return
            person = state.value.get("person")
            if person is not None and person not in {v for _l, v in self.person.options}:
                return  # its person was deleted since; forgetting removes such plans
            meeting = state.value.get("meeting") or NEW
            if self.person.value != (person or NEW):
                self.person.value = person or NEW  # loads that person; picks the plan up
            elif (self.meeting.value != meeting
                    and meeting in {v for _l, v in self.meeting.options}):
                self.meeting.value = meeting  # shows that meeting; picks the plan up
            else:
                self._pick_up_kept_plan()

    def _pick_up_kept_plan(self) -> None:
        """Show the plan kept for the person and meeting shown, if there is one (a plan kept
        for another of their meetings is not this one's)."""
        state = kept_plan(self.store, self._person_id())
        shown = None if self.meeting.value in (NEW, None) else self.meeting.value
        if state is not None and state.value.get("meeting") != shown:
            state = None
        if state is not None and state.value.get("saved"):
            # The plan as saved, with a draft written since: the draft comes back, quietly.
            with self._filling():
                for name in _DRAFT_FIELDS:
                    widget = getattr(self, name)
                    if name != "draft_kind" or state.value.get(name) in {
                            v for _l, v in widget.options}:
                        widget.value = state.value.get(name) or ""
                self.draft_text.rows = textarea_rows(self.draft_text.value)
            state = None
        self.restored = state
        self.drop_button.layout.display = "none" if state is None else ""
        if state is None:
            return
        self._apply_state(state.value)
        when = shown_in(state.updated_at, user_zone(self.store))
        self.message.show(f"Picked up the plan you were editing ({_day(when, when.tzinfo)}, "
                          f"{when:%H:%M}). Save person and meeting keeps it for good; Drop "
                          "this plan starts again.", "info")

    def _apply_state(self, v: dict) -> None:
        with self._filling():
            with self._quietly():
                meeting = v.get("meeting")
                if meeting in {value for _l, value in self.meeting.options}:
                    self.meeting.value = meeting
            for name in ("new_name", "new_title", "new_organization", "timezone", "place",
                         "role", "industry", "reason", "narrow", "broad", "draft_text"):
                getattr(self, name).value = v.get(name) or ""
            self.date.value = date.fromisoformat(v["date"]) if v.get("date") else None
            self.time.value = (time.fromisoformat(v["time"]) if v.get("time") else time(10, 0))
            for name in ("format", "audience", "draft_kind"):
                widget = getattr(self, name)
                if v.get(name) in {value for _l, value in widget.options}:
                    widget.value = v[name]
            self.minutes.value = int(v.get("minutes") or self.minutes.value)
            self.use_history.value = bool(v.get("use_history", True))
            self.draft_text.rows = textarea_rows(self.draft_text.value)
            items = [PlanItem(**item) for item in v.get("items", [])]
            plan = QuestionPlan(items=items, meeting_minutes=int(v.get("meeting_minutes") or 20),
                                overhead_minutes=float(v.get("overhead_minutes") or 0),
                                skipped=[Skipped(**x) for x in v.get("skipped", [])])
            self._planned_for = None
            self.plan = plan
            self.picker.set_plan(plan)
            for index, item in enumerate(items):
                if not v.get("checked", {}).get(item.id, True):
                    self.picker.check(index, False)
            self.picker._own = int(v.get("own") or 0)

    @contextmanager
    def _filling(self):
        """The panel fills its fields from the store (not an edit of the user's to keep)."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    def drop_kept_plan(self) -> None:
        """Forget the plan being edited (what "Drop this plan" does) and show the meeting
        as saved."""
        with self.message.guard("dropping the plan"):
            drop_plan(self.store, self._person_id())
            self.restored = None
            self.drop_button.layout.display = "none"
            self.picker.clear()
            self.preview.value = ""
            self._meeting_changed()
            self.message.show("Dropped the plan you were editing.", "ok")

    def _show_preview(self, brief: Brief) -> None:
        # Inline, not in a fixed-height iframe: the whole agenda shows, with no inner
        # scrollbar; the fragment's styles are scoped to its own box and every scraped value
        # in it is escaped by the template.
        self.preview.value = ("<div style='border:1px solid #ccc;padding:4px 0'>"
                              f"{render_html_fragment(brief)}</div>")


#: The fields of the outreach draft, kept with the plan but not part of it.
_DRAFT_FIELDS = ("draft_kind", "narrow", "broad", "draft_text")


def _plan_part(state: dict) -> dict:
    """What a kept state says of the meeting and its plan (the draft left out)."""
    return {name: value for name, value in state.items()
            if name not in _DRAFT_FIELDS and name != "saved"}


def _research_note(company, person, chosen: str | None = None) -> str:
    """One line saying which saved research the brief will use (or that there is none).

    A page that names the person otherwise than the user did ("Samira" for "Sam") is
    theirs: said as their page, which names them so, not as someone else's research."""
    found = []
    if company is not None:
        facts = len(getattr(company, "facts", []) or [])
        found.append(f"{esc(company.name or company.url)} (its website"
                     + (f", {facts} fact{'s' if facts != 1 else ''}" if facts else "") + ")")
    if person is not None:
        if chosen and person.name and person.name != chosen:
            found.append(f"their public page, which names them {esc(person.name)}")
        else:
            found.append(f"{esc(person.name or person.url)} (their public page)")
    if not found:
        return ("<div class='infoview-research-note' style='color:#8a5300'>No saved research "
                "for this person or their organization yet: research them first (Research), "
                "or plan without it.</div>")
    return ("<div class='infoview-research-note' style='color:#1b5e20'>Research on file: "
            + " and ".join(found) + ".</div>")


def _first_name(name: str) -> str:
    return (name or "").split()[0] if (name or "").split() else name


def _day(moment: datetime | None, zone: tzinfo | None = None) -> str:
    """``Tue 24 Nov`` in ``zone`` (the user's; else the computer's), ``Mon 24 Nov 2025``
    for another year (``""`` for no moment): :func:`~infoview.times.day_words`, which
    leaves out the current year by the same rule everywhere."""
    if moment is None:
        return ""
    local = shown_in(moment, zone)
    return day_words(local, year=local.year != datetime.now(zone).year)

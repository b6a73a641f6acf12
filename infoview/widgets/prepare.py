"""The preparation panel: who and when, a question plan to edit, the brief, its exports,
and the outreach drafts with their checks.

The panel gathers the user's choices and hands them to the library: the question plan
comes from :func:`infoview.questions.select.select_questions`, the brief from
:func:`infoview.prep.brief.build_brief`, the files from
:func:`infoview.prep.render.export_brief`, the drafts from :mod:`infoview.prep.outreach`.

This module makes the widgets and lays them out; what each part does is a mixin of its own:
:mod:`~infoview.widgets.prepare_who` (the person and meeting),
:mod:`~infoview.widgets.prepare_plan` (planning the questions),
:mod:`~infoview.widgets.prepare_kept` (the plan being edited survives a reload),
:mod:`~infoview.widgets.prepare_brief` (the brief and its exports) and
:mod:`~infoview.widgets.prepare_drafts` (the outreach drafts).
"""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.meetings import save_meeting_plan
from infoview.flows.plans import drop_plan
from infoview.models import Meeting
from infoview.prep.render import warm_pdf
from infoview.questions.models import AUDIENCES, QuestionPlan
from infoview.store.appstate import State
from infoview.widgets._common import (
    FORMAT_CHOICES,
    FULL_WIDTH,
    MessageLine,
    PastStartCheck,
    button,
    control_row,
    heading,
    text,
)
from infoview.widgets.daypicker import NO_DAY, DayPicker
from infoview.widgets.draftbox import DraftActions, draft_box
from infoview.widgets.picker import QuestionPicker
from infoview.widgets.prepare_brief import EXPORT_BUTTONS, EXPORT_FORMATS, BriefExports
from infoview.widgets.prepare_drafts import CHANNELS, DRAFT_KINDS, OutreachDrafts
from infoview.widgets.prepare_kept import KeptPlan
from infoview.widgets.prepare_plan import QuestionPlanning
from infoview.widgets.prepare_who import NEW, WhoAndWhen

if TYPE_CHECKING:  # pragma: no cover
    from infoview.flows.outreach_log import Waiting
    from infoview.prep.brief import Brief
    from infoview.prep.outreach import Draft
    from infoview.research.models import CompanyProfile, PersonProfile
    from infoview.store import Store

_WIDE = {"description_width": "initial"}
#: How wide a one-line field is (``text``'s default): rows of several end where it does.
FIELD_WIDTH = "95%"


class PreparePanel(WhoAndWhen, QuestionPlanning, KeptPlan, BriefExports, OutreachDrafts,
                   w.VBox):
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
        #: Says, under "You are a", which of these fields were filled in from About me.
        self.about_me_note = w.HTML()
        #: What About me filled in for a new plan, by field ("role", "audience").
        self._from_about_me: dict[str, str] = {}
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
        #: The plan's notes already said on this page: a note is said once, not on every plan.
        self._notes_said: set[str] = set()

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
            _to_the_edge(control_row(self.date, self.time, self.timezone)),
            _to_the_edge(control_row(self.format, self.place)),
            heading("What you want to learn"),
            self.role, self.role_note, self.industry,
            control_row(self.audience, self.minutes, self.use_history), self.about_me_note,
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
        for field in (self.role, self.audience):
            field.observe(lambda _c: self._show_about_me_note(), names="value")
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


def _to_the_edge(row: w.HBox) -> w.HBox:
    """``row`` as wide as the one-line fields above and below it, its last field taking
    what is left: "Time zone" and "Place or call link" ran past the fields' right edge."""
    row.layout.width = FIELD_WIDTH
    last = row.children[-1]
    last.layout.width = "auto"
    last.layout.flex = "1 1 auto"
    return row

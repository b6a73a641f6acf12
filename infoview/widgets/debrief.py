"""The debrief form: what each question earned, who was suggested, what was promised,
what came of it; saved in one go with :func:`infoview.flows.debrief.save_debrief`.

The planned questions come from the meeting (saved by the preparation step), the notes
from the meeting companion (:meth:`DebriefForm.take_notes`), and saving again edits the
same debrief rather than adding a second one.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.debrief import (
    AnsweredQuestion,
    Debrief,
    DebriefOutcome,
    KeyInsight,
    Promise,
    SuggestedPerson,
    load_debrief,
    save_debrief,
)
from infoview.flows.meetings import ADD_A_MEETING
from infoview.flows.profile import user_zone
from infoview.models import CHOICES, Meeting, Person
from infoview.times import local_day, starts_in_future
from infoview.widgets._common import (
    FULL_WIDTH,
    LABEL_GAP,
    MessageLine,
    button,
    control_row,
    count_of,
    esc,
    heading,
    meeting_state,
    on_my_clock,
    zone_note,
)
from infoview.widgets.daypicker import DayPicker
from infoview.widgets.debrief_after import AfterTheSave
from infoview.widgets.debrief_fields import (
    DRAFT_KINDS,
    DRAFT_LABELS,
    FORM_STYLE,
    HAPPENED,
    MISSED,
    MISSED_CHOICES,
    NO_FOLLOW_UPS_YET,
    WIDE,
    meeting_label,
    outcome_given,
    saved_summary,
    score,
    score_only_if_asked,
    slider,
    small_text,
)
from infoview.widgets.debrief_kept import KeptDebrief
from infoview.widgets.debrief_missed import MissedMeeting
from infoview.widgets.debrief_notes import CompanionNotes
from infoview.widgets.debrief_people import SuggestedPeople
from infoview.widgets.draftbox import DraftActions, draft_box
from infoview.widgets.followups import FollowUpList
from infoview.widgets.plan_offer import unsaved_plan_offer
from infoview.widgets.rows import RowList

if TYPE_CHECKING:  # pragma: no cover
    from infoview.prep.outreach import Draft
    from infoview.store import Store

__all__ = ["DRAFT_KINDS", "DebriefForm", "saved_summary"]


class DebriefForm(KeptDebrief, CompanionNotes, SuggestedPeople, MissedMeeting,
                  AfterTheSave, w.VBox):
    """Record one meeting's debrief and save it.

    Args:
        store: the open store.
        meeting_id: the meeting to debrief; ``None`` picks the most recent one.
        notes: the meeting companion's :meth:`~infoview.widgets.meeting.MeetingCompanion.to_debrief`
            output, merged into the planned questions.
        companion: a :class:`~infoview.widgets.meeting.MeetingCompanion`: its notes come in
            when its clock is stopped, or with the "Bring in the meeting notes" button.

    Attributes:
        questions: one dict per planned question: ``asked`` (Checkbox), ``notes`` (Textarea),
            ``usefulness`` (slider, 0 = no score) and the question's ``text``, ``question_id``,
            ``category``.
        extra_questions, insights, people, promises, outcomes: :class:`RowList` s.
        saved: the meeting as saved last, or ``None``.
    """

    def __init__(self, store: Store, *, meeting_id: int | None = None, notes: list[dict] | None = None,
                 companion=None):
        self.store = store
        self.companion = companion
        self.saved: Meeting | None = None
        self.questions: list[dict] = []
        self.meeting = w.Dropdown(description="Meeting", style=WIDE, layout=w.Layout(width="70%"))
        #: Which clock the meetings listed are on, named once under the list (as on People).
        self.zone_note = w.HTML()
        self.questions_box = w.VBox()
        self.extra_questions = RowList(lambda: {
            "text": small_text("another question you asked", "340px"),
            "notes": small_text("what they said", "300px"),
            "usefulness": slider("useful"),
        }, "Add a question you asked")
        self.insights = RowList(lambda: {
            # takes the row's free width: a sentence learned was cut off in a box of 420px
            "text": w.Text(placeholder="something you learned",
                           layout=w.Layout(flex="1 1 420px", min_width="420px")),
            "tags": small_text("tags, comma separated"),
        }, "Add an insight")
        self._host = "the host"
        self.people = RowList(self._person_row, "Add a person they suggested",
                              on_change=self.check_people)
        self.people_note = w.HTML()
        self.promises = RowList(lambda: {
            "what": small_text("what was promised", "340px"),
            "owner": w.Dropdown(options=[("I promised", "user"), ("they promised", "host")],
                                value="user", layout=w.Layout(width="150px")),
            "due": DayPicker(description="due", style=WIDE),
        }, "Add a promise")
        self.outcomes = RowList(lambda: {
            # No kind until the user picks one: a row added and left alone is no "lead".
            "kind": w.Dropdown(options=[("what came of it?", ""),
                                        *((k, k) for k in CHOICES[("outcomes", "kind")])],
                               value="",
                               layout=w.Layout(width="160px")),
            "date": DayPicker(description="on", style=WIDE),
            "notes": small_text("details", "300px"),
        }, "Add an outcome")
        # Unset until the user chooses: a slider would start at a score nobody gave.
        self.rapport = w.ToggleButtons(
            options=[(str(n), n) for n in range(1, 6)], value=None,
            style={"button_width": "36px"},
            tooltips=["no rapport", "", "", "", "great rapport"],
            layout=w.Layout(width="auto"))
        # Its own label: the buttons' own description sat above them, the row broken in two.
        self.rapport_label = w.HTML("Rapport (how well you got on, 1 to 5)")
        self.rapport_clear = button("not rated", tooltip="clear the rapport score")
        self.rapport_clear.on_click(lambda _b: setattr(self.rapport, "value", None))
        self.notes = w.Textarea(placeholder="Anything else worth remembering", rows=2,
                                layout=w.Layout(width=FULL_WIDTH))
        self.save_button = button("Save debrief", "success")
        #: Shown while the form holds a debrief picked up after a reload, not yet saved.
        self.drop_draft_button = button("Drop my unsaved changes",
                                        tooltip="show the debrief as it was last saved")
        self.drop_draft_button.layout.display = "none"
        self.drop_draft_button.on_click(lambda _b: self.drop_draft())
        self._loading = False  # the form is being filled from the store: nothing to keep
        self._confirming: int | None = None  # the future meeting "Save anyway" would save
        self.message = MessageLine()
        #: This meeting's follow-ups, each with Done (and Undo) and Snooze.
        self.actions = FollowUpList(store, self._meeting_followups,
                                    empty=NO_FOLLOW_UPS_YET, on_change=self._show_thanks_checks)
        self.actions.add_class("infoview-followups")
        # Empty until the debrief is saved: a blank box with no word looked broken.
        self.thanks_text = w.Textarea(
            rows=4, layout=w.Layout(width=FULL_WIDTH),
            placeholder="The thank-you note is written here once you save the debrief: it "
                        "names what you learned and the promises you keep.")
        #: The note as last written by the kit, and for which meeting: a note the user
        #: changed since is theirs, and saving the debrief again keeps it.
        self._thanks_written: tuple[int | None, str] = (None, "")
        self._thanks_draft: Draft | None = None
        self.thanks_warnings = w.HTML()
        self.thanks_actions = DraftActions(self.thanks_text, self._host_contact, "thanks")

        # Most meetings happened: the form opens on that. One that did not is marked here
        # instead of debriefed, on purpose: "It did not happen" opens the row, whose reason
        # starts unchosen (it opened with "host did not show" chosen, one press from done).
        self.happened = w.ToggleButtons(options=HAPPENED, value=True,
                                        style={"button_width": "auto"},
                                        layout=w.Layout(width="auto"))
        self.happened.observe(lambda _c: self._show_missed_row(), names="value")
        self.missed_status = w.Dropdown(options=MISSED_CHOICES, value="",
                                        description="Why:", style=WIDE,
                                        layout=w.Layout(width="260px"))
        # The new time (needed to move it; optional to book it again after a cancellation).
        self.missed_date = DayPicker(description="new date", style=WIDE)
        self.missed_time = w.TimePicker(description="at", value=time(10, 0), style=WIDE)
        self.missed_button = button("Mark the meeting", "warning")
        self.missed_button.on_click(lambda _b: self.mark_missed())
        #: Says how marking went, right under the button.
        self.missed_message = MessageLine()
        self.missed_warnings = w.HTML()
        self.missed_text = w.Textarea(rows=1, layout=w.Layout(width=FULL_WIDTH))
        self.missed_actions = DraftActions(self.missed_text, self._host_contact, "reschedule")
        self.missed_box = draft_box(self.missed_text, self.missed_actions, self.missed_warnings)
        self.missed_box.layout.display = "none"
        self.missed_row = w.HBox([self.missed_status, self.missed_date, self.missed_time,
                                  self.missed_button], layout=w.Layout(flex_flow="row wrap"))
        self.missed_row.layout.display = "none"
        # A meeting added without a date is asked, once it happened, on what day: without
        # one, no page could say how long ago she met them (the box opens on today).
        self.held_on = DayPicker(description="It happened on", style=WIDE)
        self.held_row = control_row(self.held_on, w.HTML(
            "<span style='color:#555'>(the meeting was saved without a date)</span>"))
        self.held_row.layout.display = "none"

        self.notes_button = button("Bring in the meeting notes", "info")
        self.notes_button.layout.display = "" if companion is not None else "none"
        self.notes_button.on_click(lambda _b: self.take_companion_notes())
        #: Says what came in from the companion, right under its button.
        self.notes_message = MessageLine()
        #: Says why a meeting cannot be shown, right under the meeting list.
        self.meeting_message = MessageLine()
        self.plan_message = MessageLine()  # beside the button saving the plan from Prepare
        if companion is not None:
            companion.stop_button.on_click(lambda _b: self.take_companion_notes())
        self._relabelling = False  # new labels for the same meetings: nothing to reload
        self.meeting.observe(lambda _c: None if self._relabelling else self.load(), names="value")
        self.meeting.observe(lambda _c: self._companion_follows(), names="value")
        self.meeting.observe(lambda _c: self._reset_confirm(), names="value")
        self.save_button.on_click(lambda _b: self.save())
        #: What is debriefed of a meeting that happened: hidden while "It did not happen" is
        #: chosen (the questions and Save debrief stayed under the row marking it missed).
        self.debrief_part = w.VBox([
            self.notes_button, self.notes_message,
            heading("Planned questions: what was said, how useful (0 = no score)"),
            self.questions_box, self.extra_questions,
            heading("Key insights"), self.insights,
            heading("People they suggested"), self.people, self.people_note,
            heading("Promises (yours and theirs)"), self.promises,
            heading("Outcomes"), self.outcomes,
            control_row(self.rapport_label, self.rapport, self.rapport_clear, gap=LABEL_GAP),
            self.notes, w.HBox([self.save_button, self.drop_draft_button]),
            self.message,
        ])
        self.thanks_part = w.VBox([
            heading(DRAFT_LABELS["thanks"]),
            draft_box(self.thanks_text, self.thanks_actions, self.thanks_warnings),
        ])
        super().__init__([
            w.HTML(FORM_STYLE), heading("Debrief"), self.meeting, self.zone_note, self.meeting_message,
            control_row(w.HTML("Did the meeting take place?"), self.happened, gap=LABEL_GAP),
            self.held_row, self.missed_row, self.missed_message, self.missed_box,
            self.debrief_part, heading("Follow-ups"), self.actions, self.thanks_part,
        ])
        # Whatever is typed is kept as it is typed, so that a reload loses none of it.
        for rows in self._row_lists():
            rows.on_change = self._rows_changed(rows.on_change)
        self._watch(self.rapport, self.notes)
        self.refresh_meetings(meeting_id)
        if notes:
            self.take_notes(notes)

    # -- loading -----------------------------------------------------------------------------
    def refresh_meetings(self, select: int | None = None) -> None:
        """Reload the meeting choices; select ``select`` or the most recent meeting."""
        with self.meeting_message.guard("reading the store"):
            meetings = self._meeting_options()
            if not meetings:
                self.meeting_message.show(f"No meetings yet: {ADD_A_MEETING}.", "warning")
                self._clear_form()
                return
            value = select if select is not None else meetings[-1][1]
            if self.meeting.value == value:
                self.load()
            else:
                self.meeting.value = value

    def _clear_form(self) -> None:
        """Empty every field: the last meeting is gone (its person deleted), and nothing of
        it, its questions, answers, promises or thank-you, may stay on the page."""
        self._loading = True
        try:
            self.questions = []
            self.questions_box.children = []
            for rows in self._row_lists():
                rows.clear()
            self.rapport.value = None
            self.notes.value = ""
            self.thanks_text.value, self.thanks_warnings.value = "", ""
            self._show_actions()
            self.message.clear()
            self.notes_message.clear()
        finally:
            self._loading = False

    def _meeting_options(self) -> list[tuple[str, int]]:
        """Sets the dropdown's choices, oldest meeting first, labelled with date, host and
        status; returns them."""
        names = {p.saved_id: p.name for p in self.store.list(Person)}
        meetings = sorted(self.store.list(Meeting),
                          key=lambda m: (m.starts_at is not None, m.starts_at or 0, m.id))
        mine = user_zone(self.store)
        self.meeting.options = [(meeting_label(m, names, mine), m.id) for m in meetings]
        self.zone_note.value = (zone_note(self.store, mine)
                                if any(m.starts_at for m in meetings) else "")
        return list(self.meeting.options)

    def _relabel_meetings(self) -> None:
        """Update the labels (a saved meeting is held now) keeping the choice and the form."""
        chosen = self.meeting.value
        self._relabelling = True
        try:
            self._meeting_options()
            self.meeting.value = chosen
        finally:
            self._relabelling = False

    def load(self) -> None:
        """Show the chosen meeting's debrief as saved (or its plan, before a first save), or
        the debrief that was being written for it when the page was left unsaved."""
        if self.meeting.value is None:
            return
        self._loading = True
        try:
            self._load()
        finally:
            self._loading = False
        self._pick_up_draft()

    def _plan_saved(self, count: int) -> None:
        """The plan kept on Prepare was saved with the meeting: show its questions to debrief
        (what was typed here is kept as a draft and picked up again)."""
        self.load()
        self.meeting_message.show(f"Saved {count_of(count, 'question')} with this meeting.",
                                  "ok")

    def _load(self) -> None:
        with self.meeting_message.guard("loading the debrief"):
            debrief = load_debrief(self.store, self.meeting.value)
            self._host = self._host_first_name()
            self.questions = []
            boxes = []
            held = self.store.get(Meeting, self.meeting.value).status == "held"
            for q in debrief.questions:
                # Once saved, the debrief says which were asked; a planned question it kept
                # as not asked says so (saved early, the rest of the plan is still here).
                not_asked = (" <span class='infoview-not-asked' style='color:#666'>"
                             "(not asked)</span>" if held and not q.asked else "")
                row = {
                    "text": q.text, "question_id": q.question_id, "category": q.category,
                    "asked": w.Checkbox(value=bool(q.answer_notes or q.usefulness
                                                   or (held and q.asked)),
                                        description="asked", indent=False,
                                        layout=w.Layout(width="70px")),
                    "notes": w.Textarea(value=q.answer_notes or "", rows=1,
                                        placeholder="what they said",
                                        layout=w.Layout(width=FULL_WIDTH)),
                    "usefulness": slider("useful", q.usefulness),
                }
                self.questions.append(row)
                score_only_if_asked(row["asked"], row["usefulness"])
                self._watch(row["asked"], row["notes"], row["usefulness"])
                # The question takes the free width, so every slider lines up on the right.
                boxes.append(w.VBox([
                    w.HBox([row["asked"], w.HTML(f"<b>{esc(q.text)}</b>{not_asked}",
                                                 layout=w.Layout(flex="1 1 auto")),
                            row["usefulness"]], layout=w.Layout(align_items="center")),
                    row["notes"]]))
            self.questions_box.children = boxes or unsaved_plan_offer(
                self.store, self.meeting.value, self.plan_message, self._plan_saved) or [w.HTML(
                "<i>No planned questions stored for this meeting; add the ones you asked below.</i>")]
            for rows in (self.extra_questions, self.insights, self.people, self.promises,
                         self.outcomes):
                rows.clear()
            for i in debrief.insights:
                self.insights.add(text=i.text, tags=", ".join(i.tags))
            for p in debrief.people:
                self.people.add(name=p.name, title=p.title or "", organization=p.organization or "",
                                email=p.email or "", may_mention=p.may_mention,
                                contact_by=p.contact_by)
            for promise in debrief.promises:
                due = promise.due.date() if isinstance(promise.due, datetime) else promise.due
                self.promises.add(what=promise.what, owner=promise.owner, due=due)
            for o in debrief.outcomes:
                self.outcomes.add(kind=o.kind, date=o.date, notes=o.notes or "")
            self.rapport.value = debrief.rapport or None
            self.notes.value = debrief.notes or ""
            self._show_actions()
            # A debrief saved earlier keeps its thank-you at hand (to copy it later, after a
            # reload); a meeting not debriefed yet shows none, never another meeting's.
            if self.store.get(Meeting, self.meeting.value).status == "held":
                self._draft_thanks(debrief)
            else:
                self.thanks_text.value, self.thanks_warnings.value = "", ""
            status = self.store.get(Meeting, self.meeting.value).status
            self.missed_status.value = status if status in MISSED else ""
            self.happened.value = status not in MISSED
            today = local_day(datetime.now(UTC), user_zone(self.store))
            self.held_on.picker.max = today  # never a day still ahead
            # a debrief saved before without a day opens empty: saving it again must not
            # date a meeting of months ago today without being told
            self.held_on.value = None if status == "held" else today
            self._show_missed_row()
            self.message.clear()
            self.missed_message.clear()
            self.notes_message.clear()  # notes brought in were another meeting's

    # -- saving ------------------------------------------------------------------------------
    def to_debrief(self):
        """The form's content as a :class:`~infoview.flows.debrief.Debrief` (nothing saved)."""
        questions = [
            AnsweredQuestion(text=r["text"], question_id=r["question_id"], category=r["category"],
                             answer_notes=r["notes"].value.strip() or None,
                             usefulness=score(r["usefulness"].value))
            for r in self.questions if r["asked"].value]
        questions += [AnsweredQuestion(text=v["text"], category="own",
                                       answer_notes=v["notes"] or None,
                                       usefulness=score(v["usefulness"]))
                      for v in self.extra_questions.values() if v["text"]]
        return Debrief(
            meeting_id=self.meeting.value,
            questions=questions,
            insights=[KeyInsight(text=v["text"], tags=[t.strip() for t in v["tags"].split(",")
                                                       if t.strip()])
                      for v in self.insights.values() if v["text"]],
            people=[SuggestedPerson(name=v["name"], title=v["title"] or None,
                                    organization=v["organization"] or None,
                                    email=v["email"] or None, may_mention=v["may_mention"],
                                    contact_by=v["contact_by"])
                    for v in self.people.values() if v["name"] or v["email"]],
            promises=[Promise(what=v["what"], owner=v["owner"], due=v["due"])
                      for v in self.promises.values() if v["what"]],
            rapport=self.rapport.value or None,
            outcomes=[DebriefOutcome(kind=v["kind"], date=v["date"], notes=v["notes"] or None)
                      for v in self.outcomes.values() if outcome_given(v)],
            notes=self.notes.value.strip() or None,
        )

    def save(self, *, confirm: bool = False) -> None:
        """Save the debrief (what "Save debrief" does), then show follow-ups and a thank-you.

        Saving marks the meeting held. For a meeting whose start is still ahead, the first
        press only says so and turns the button into "Save anyway"; the second (or
        ``confirm=True``) saves.
        """
        # The library's message already says the debrief was not saved.
        with self.message.guard():
            if self.meeting.value is None:
                self.message.show("Choose a meeting first." if self.meeting.options else
                                  f"No meeting to debrief yet: {ADD_A_MEETING}, then come "
                                  "back here.", "warning")
                return
            problems = self.check_people() + self._outcome_problems()
            if problems:
                self.message.show("Not saved yet: " + " ".join(problems), "error")
                return
            meeting = self.store.get(Meeting, self.meeting.value)
            if meeting.status in MISSED:
                # Said here in the page's words: the library's names the meeting by number
                # and points to a terminal command.
                self.message.show(
                    "Not saved: this meeting is marked as not having happened "
                    f"({meeting_state(meeting)}), so it has no debrief. Choose the "
                    "meeting booked in its place above, or, if you met after all, add the "
                    "meeting you held under People.", "error")
                return
            # Held already (saved once, e.g. by the first click of a double click): saving
            # again only edits the debrief, so there is nothing to ask.
            if (meeting.starts_at is not None and starts_in_future(meeting.starts_at)
                    and meeting.status != "held" and not confirm
                    and self._confirming != meeting.id):
                self._confirming = meeting.id
                self.save_button.description = "Save anyway (mark it held)"
                self.message.show(
                    f"Not saved yet: this meeting is planned for "
                    f"{on_my_clock(meeting.starts_at, meeting.timezone, user_zone(self.store))}, "
                    "which is still "
                    "ahead, and saving a debrief marks it held. Press Save anyway if it took "
                    "place early, or choose the meeting you held.", "warning")
                return
            held_on = self.held_on.value if meeting.starts_at is None else None
            if meeting.starts_at is None and held_on is None and meeting.status != "held":
                self.message.show("Not saved yet: say on what day the meeting took place "
                                  "(the box under \"It happened\").", "error")
                return
            self._reset_confirm()
            again = meeting.status == "held"
            debrief = self.to_debrief()
            skipped = self._empty_rows()
            self.saved = save_debrief(self.store, debrief, held_on=held_on)  # drops what was kept
            self._show_missed_row()  # dated now: nothing more to ask
            self.drop_draft_button.layout.display = "none"
            self._relabel_meetings()
            self._show_actions()
            self.notes_message.clear()  # "... then save" is done with
            kept = self._draft_thanks(debrief, keep_edits=True)
            self.message.show(saved_summary(debrief, skipped, again=again) + (
                " Your changes to the thank-you note are kept." if kept else ""), "ok")

    def _outcome_problems(self) -> list[str]:
        """Outcomes with a date or details but no kind chosen: saying which is needed."""
        return [f"Outcome {number} ({v['notes'] or v['date']}) does not say what came of it: "
                f"choose {', '.join(CHOICES[('outcomes', 'kind')][:-1])} or "
                f"{CHOICES[('outcomes', 'kind')][-1]}, or remove the row with ✕."
                for number, v in enumerate(self.outcomes.values(), 1)
                if not v["kind"] and (v["notes"] or v["date"])]

    def _reset_confirm(self) -> None:
        self._confirming = None
        self.save_button.description = "Save debrief"

    def _empty_rows(self) -> dict[str, int]:
        """Rows left empty, which saving skips: ``{what they are: how many}``."""
        empty = {
            "question": sum(1 for v in self.extra_questions.values() if not v["text"]),
            "insight": sum(1 for v in self.insights.values() if not v["text"]),
            "person": sum(1 for v in self.people.values() if not (v["name"] or v["email"])),
            "promise": sum(1 for v in self.promises.values() if not v["what"]),
            "outcome": sum(1 for v in self.outcomes.values() if not outcome_given(v)),
        }
        return {k: n for k, n in empty.items() if n}

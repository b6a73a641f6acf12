"""The debrief form: what each question earned, who was suggested, what was promised,
what came of it; saved in one go with :func:`infoview.flows.debrief.save_debrief`.

The planned questions come from the meeting (saved by the preparation step), the notes
from the meeting companion (:meth:`DebriefForm.take_notes`), and saving again edits the
same debrief rather than adding a second one.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from traitlets import TraitError

from infoview.flows.debrief import (
    AnsweredQuestion,
    Debrief,
    DebriefOutcome,
    KeyInsight,
    Promise,
    SuggestedPerson,
    email_problem,
    load_debrief,
    save_debrief,
)
from infoview.flows.drafts import missed_meeting_draft, panel_kinds
from infoview.flows.followups import meeting_actions
from infoview.flows.meeting_notes import (
    drop_debrief_draft,
    keep_debrief_draft,
    kept_debrief_draft,
)
from infoview.flows.meeting_status import mark_meeting
from infoview.flows.meetings import thanks_draft
from infoview.flows.profile import user_zone
from infoview.models import CHOICES, Meeting, Person
from infoview.times import local_day, shown_in, start_from_fields, starts_in_future
from infoview.widgets._common import (
    FULL_WIDTH,
    LABEL_GAP,
    MessageLine,
    button,
    control_row,
    count_of,
    draft_checks_html,
    esc,
    heading,
    on_my_clock,
    status_words,
    textarea_rows,
    zone_note,
)
from infoview.widgets.daypicker import DayPicker
from infoview.widgets.draftbox import DraftActions, draft_box
from infoview.widgets.followups import FollowUp, FollowUpList, action_followups
from infoview.widgets.profile import ABOUT_ME_FIELDS
from infoview.widgets.rows import RowList

if TYPE_CHECKING:  # pragma: no cover
    from infoview.prep.outreach import Draft
    from infoview.store import Store

log = logging.getLogger(__name__)

#: The drafts this panel writes (the thank-you note, the reschedule and no-show notes),
#: labelled as in the one table of draft kinds.
DRAFT_KINDS = panel_kinds("debrief")
_DRAFT_LABELS = {name: label for label, name in DRAFT_KINDS}

_WIDE = {"description_width": "initial"}
_NOT_RATED = 0  # slider position meaning "no score"
# Marks a field the form needs filled in; the style travels with the form (no notebook CSS).
_MISSING_CLASS = "infoview-missing"
_STYLE = (f"<style>.{_MISSING_CLASS} input {{border-color:#b00020 !important;"
          "background:#fdecea !important}</style>")


#: Whether the meeting took place: the form opens on "It happened".
_HAPPENED = (("It happened", True), ("It did not happen", False))
#: Why a meeting did not happen, chosen on purpose ("" until one is).
_MISSED_CHOICES = (("choose why", ""), ("they did not show", "no_show"),
                   ("it was cancelled", "cancelled"), ("it was moved", "moved"))
_MISSED = {value for _words, value in _MISSED_CHOICES if value}


def _score(value: int) -> int | None:
    return None if value == _NOT_RATED else int(value)


def _slider(description: str, value: int | None = None) -> w.IntSlider:
    return w.IntSlider(value=value or _NOT_RATED, min=0, max=5, description=description,
                       style=_WIDE, tooltip="1 = not useful, 5 = very useful; 0 = no score",
                       layout=w.Layout(width="260px"))


def _score_only_if_asked(asked: w.Checkbox, usefulness: w.IntSlider) -> None:
    """Show a question's usefulness only while it is ticked as asked: a question not asked
    has no usefulness, and a slider at "useful 0" beside it read as a score (seen by Maya)."""
    def show(_change: Any = None) -> None:
        usefulness.layout.visibility = "visible" if asked.value else "hidden"

    asked.observe(show, names="value")
    show()


def _small_text(placeholder: str, width: str = "180px") -> w.Text:
    return w.Text(placeholder=placeholder, layout=w.Layout(width=width))


#: The form's lists of rows, by the names their kept values go under.
_ROW_NAMES = ("extra_questions", "insights", "people", "promises", "outcomes")


def _day(value: Any) -> date | None:
    """A kept date (``"2026-12-17"``) back as a day; ``None`` for none or nonsense."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _set(widgets: dict[str, Any], values: dict[str, Any]) -> None:
    """Set each widget named in ``values``; a kept value a widget no longer takes (a choice
    since renamed) is left out rather than lose the rest."""
    for name, value in values.items():
        widget = widgets.get(name)
        if widget is None or not hasattr(widget, "value"):
            continue
        try:
            widget.value = value
        except (TraitError, TypeError, ValueError):
            log.info("left out a kept value of %s the form no longer takes", name)


def saved_summary(debrief, skipped: dict[str, int] | None = None, *,
                  again: bool = False) -> str:
    """What a save kept, counted: answers, people suggested, promises, outcomes, insights,
    and the empty rows it skipped (``{"insight": 1, ...}``); ``again`` for a debrief saved
    before (a second save said the very words of the first, as if nothing had happened)."""
    parts = [count_of(len(debrief.questions), "answer"),
             count_of(len(debrief.people), "person suggested", "people suggested"),
             count_of(len(debrief.promises), "promise"),
             count_of(len(debrief.outcomes), "outcome"),
             count_of(len(debrief.insights), "insight")]
    text = ("Saved your changes to the debrief: it now holds " if again
            else "Saved the debrief: ") + ", ".join(parts) + "."
    if skipped:
        rows = sum(skipped.values())
        which = ", ".join(count_of(n, kind, "people" if kind == "person" else None)
                          for kind, n in skipped.items())
        text += f" Skipped {count_of(rows, 'empty row')} ({which}): nothing was typed in them."
    return text


def _outcome_given(row: dict) -> bool:
    """Whether an outcome row says what came of it (a row left as added does not)."""
    return bool(row["kind"])


def _meeting_label(meeting, names: dict[int, str], mine: tzinfo | None = None) -> str:
    when = (f"{on_my_clock(meeting.starts_at, meeting.timezone, mine)}, "
            if meeting.starts_at else "")
    return f"{when}{names.get(meeting.person_id, '?')} ({status_words(meeting.status)})"


class DebriefForm(w.VBox):
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
        self.meeting = w.Dropdown(description="Meeting", style=_WIDE, layout=w.Layout(width="70%"))
        #: Which clock the meetings listed are on, named once under the list (as on People).
        self.zone_note = w.HTML()
        self.questions_box = w.VBox()
        self.extra_questions = RowList(lambda: {
            "text": _small_text("another question you asked", "340px"),
            "notes": _small_text("what they said", "300px"),
            "usefulness": _slider("useful"),
        }, "Add a question you asked")
        self.insights = RowList(lambda: {
            # takes the row's free width: a sentence learned was cut off in a box of 420px
            "text": w.Text(placeholder="something you learned",
                           layout=w.Layout(flex="1 1 420px", min_width="420px")),
            "tags": _small_text("tags, comma separated"),
        }, "Add an insight")
        self._host = "the host"
        self.people = RowList(self._person_row, "Add a person they suggested",
                              on_change=self.check_people)
        self.people_note = w.HTML()
        self.promises = RowList(lambda: {
            "what": _small_text("what was promised", "340px"),
            "owner": w.Dropdown(options=[("I promised", "user"), ("they promised", "host")],
                                value="user", layout=w.Layout(width="150px")),
            "due": DayPicker(description="due", style=_WIDE),
        }, "Add a promise")
        self.outcomes = RowList(lambda: {
            # No kind until the user picks one: a row added and left alone is no "lead".
            "kind": w.Dropdown(options=[("what came of it?", ""),
                                        *((k, k) for k in CHOICES[("outcomes", "kind")])],
                               value="",
                               layout=w.Layout(width="160px")),
            "date": DayPicker(description="on", style=_WIDE),
            "notes": _small_text("details", "300px"),
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
                                    empty="No follow-ups yet: they appear when the debrief "
                                          "is saved.", on_change=self._show_thanks_checks)
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
        self.happened = w.ToggleButtons(options=_HAPPENED, value=True,
                                        style={"button_width": "auto"},
                                        layout=w.Layout(width="auto"))
        self.happened.observe(lambda _c: self._show_missed_row(), names="value")
        self.missed_status = w.Dropdown(options=_MISSED_CHOICES, value="",
                                        description="Why:", style=_WIDE,
                                        layout=w.Layout(width="260px"))
        # The new time (needed to move it; optional to book it again after a cancellation).
        self.missed_date = DayPicker(description="new date", style=_WIDE)
        self.missed_time = w.TimePicker(description="at", value=time(10, 0), style=_WIDE)
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
        self.held_on = DayPicker(description="It happened on", style=_WIDE)
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
        if companion is not None:
            companion.stop_button.on_click(lambda _b: self.take_companion_notes())
        self._relabelling = False  # new labels for the same meetings: nothing to reload
        self.meeting.observe(lambda _c: None if self._relabelling else self.load(), names="value")
        self.meeting.observe(lambda _c: self._companion_follows(), names="value")
        self.meeting.observe(lambda _c: self._reset_confirm(), names="value")
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([
            w.HTML(_STYLE), heading("Debrief"), self.meeting, self.zone_note, self.meeting_message,
            control_row(w.HTML("Did the meeting take place?"), self.happened, gap=LABEL_GAP),
            self.held_row, self.missed_row,
            self.missed_message, self.missed_box, self.notes_button, self.notes_message,
            heading("Planned questions: what was said, how useful (0 = no score)"),
            self.questions_box, self.extra_questions,
            heading("Key insights"), self.insights,
            heading("People they suggested"), self.people, self.people_note,
            heading("Promises (yours and theirs)"), self.promises,
            heading("Outcomes"), self.outcomes,
            control_row(self.rapport_label, self.rapport, self.rapport_clear, gap=LABEL_GAP),
            self.notes, w.HBox([self.save_button, self.drop_draft_button]),
            self.message,
            heading("Follow-ups"), self.actions,
            heading(_DRAFT_LABELS["thanks"]),
            draft_box(self.thanks_text, self.thanks_actions, self.thanks_warnings),
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
                self.meeting_message.show("No meetings yet: add one under Prepare (Save person "
                                          "and meeting).", "warning")
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
        self.meeting.options = [(_meeting_label(m, names, mine), m.id) for m in meetings]
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
                    "usefulness": _slider("useful", q.usefulness),
                }
                self.questions.append(row)
                _score_only_if_asked(row["asked"], row["usefulness"])
                self._watch(row["asked"], row["notes"], row["usefulness"])
                # The question takes the free width, so every slider lines up on the right.
                boxes.append(w.VBox([
                    w.HBox([row["asked"], w.HTML(f"<b>{esc(q.text)}</b>{not_asked}",
                                                 layout=w.Layout(flex="1 1 auto")),
                            row["usefulness"]], layout=w.Layout(align_items="center")),
                    row["notes"]]))
            self.questions_box.children = boxes or [w.HTML(
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
            self.missed_status.value = status if status in _MISSED else ""
            self.happened.value = status not in _MISSED
            today = local_day(datetime.now(UTC), user_zone(self.store))
            self.held_on.picker.max = today  # never a day still ahead
            # a debrief saved before without a day opens empty: saving it again must not
            # date a meeting of months ago today without being told
            self.held_on.value = None if status == "held" else today
            self._show_missed_row()
            self.message.clear()
            self.missed_message.clear()
            self.notes_message.clear()  # notes brought in were another meeting's

    # -- the debrief being written, kept until it is saved -----------------------------------
    def _row_lists(self) -> tuple[RowList, ...]:
        return (self.extra_questions, self.insights, self.people, self.promises, self.outcomes)

    def _rows_changed(self, before):
        """A RowList's ``on_change`` that also watches its new rows and keeps the form."""
        def changed() -> None:
            if before is not None:
                before()
            for rows in self._row_lists():
                for row in rows.rows:
                    self._watch(*row.values())
            self._keep_draft()
        return changed

    def _watch(self, *controls: w.Widget) -> None:
        for control in controls:
            if not getattr(control, "_infoview_kept", False):
                control._infoview_kept = True
                control.observe(lambda _c: self._keep_draft(), names="value")

    def form_state(self) -> dict[str, Any]:
        """What the form holds, as plain JSON values (what a reload gives back)."""
        def plain(value: Any) -> Any:
            return value.isoformat() if isinstance(value, date) else value

        return {
            "questions": [{"question_id": r["question_id"], "text": r["text"],
                           "asked": r["asked"].value, "notes": r["notes"].value,
                           "usefulness": r["usefulness"].value} for r in self.questions],
            **{name: [{k: plain(v) for k, v in row.items()} for row in rows.values()]
               for name, rows in zip(_ROW_NAMES, self._row_lists(), strict=True)},
            "rapport": self.rapport.value, "notes": self.notes.value,
        }

    def _keep_draft(self) -> None:
        if self._loading or self.meeting.value is None:
            return
        with self.message.guard("keeping what you typed"):
            keep_debrief_draft(self.store, self.meeting.value, self.form_state())

    def _pick_up_draft(self) -> None:
        """Put back the debrief that was being written for the chosen meeting, if any."""
        state = None
        with self.message.guard("reading what you typed before"):
            state = kept_debrief_draft(self.store, self.meeting.value)
        self.drop_draft_button.layout.display = "none" if state is None else ""
        if state is None:
            return
        self._loading = True
        try:
            self._restore(state.value["form"])
        finally:
            self._loading = False
        when = shown_in(state.updated_at, user_zone(self.store))
        self.message.show(f"Picked up the debrief you were writing ({when.day} {when:%b, %H:%M}"
                          "), not saved yet: Save debrief keeps it; Drop my unsaved changes "
                          "shows it as last saved.", "info")

    def _restore(self, form: dict[str, Any]) -> None:
        for kept in form.get("questions", []):
            row = next((r for r in self.questions
                        if (kept.get("question_id") and r["question_id"] == kept["question_id"])
                        or r["text"] == kept.get("text")), None)
            if row is not None:
                _set(row, {"asked": bool(kept.get("asked")), "notes": kept.get("notes") or "",
                           "usefulness": kept.get("usefulness") or _NOT_RATED})
        for name, rows in zip(_ROW_NAMES, self._row_lists(), strict=True):
            rows.clear()
            for kept in form.get(name, []):
                if isinstance(kept, dict):
                    _set(rows.add(), {k: _day(v) if k in ("due", "date") else v
                                      for k, v in kept.items()})
        _set({"rapport": self.rapport, "notes": self.notes},
             {"rapport": form.get("rapport"), "notes": form.get("notes") or ""})

    def drop_draft(self) -> None:
        """Forget what was typed since the last save (what "Drop my unsaved changes" does)."""
        with self.message.guard("dropping your changes"):
            if self.meeting.value is not None:
                drop_debrief_draft(self.store, self.meeting.value)
            self.load()
            self.message.show("Dropped the changes: the debrief shows as last saved.", "ok")

    def _companion_follows(self) -> None:
        """Switch the meeting companion to the meeting chosen here, so that its questions and
        agenda are this meeting's (a companion made without a store cannot switch)."""
        companion, chosen = self.companion, self.meeting.value
        if (companion is None or chosen is None or getattr(companion, "store", None) is None
                or companion.meeting_id == chosen):
            return
        with self.notes_message.guard("opening the meeting in the companion"):
            companion.load_meeting(chosen)

    def take_companion_notes(self) -> int:
        """Bring in the companion's notes, switching to the companion's meeting first.

        Always answers in the message line: what came in, that nothing was noted yet, or
        that everything noted is already in the form. Returns how many questions changed.
        """
        if self.companion is None:
            self.notes_message.show("No meeting companion on this page: type what was said into "
                              "the questions below.", "warning")
            return 0
        wanted = self.companion.meeting_id
        if wanted is not None and wanted != self.meeting.value:
            self.meeting.value = wanted
        notes = self.companion.to_debrief()
        asked = sum(1 for note in notes if note["asked"])
        if not asked:
            self.notes_message.show("The meeting companion has nothing noted yet: tick the questions "
                              "asked (a line of notes each), then bring the notes in.", "warning")
            return 0
        changed = self.take_notes(notes)
        if not changed:
            self.notes_message.show(f"Nothing new in the meeting notes: the {count_of(asked, 'question')}"
                              " noted there are already in the form.", "info")
            return 0
        self.notes_message.show(f"Brought in {count_of(changed, 'question')} from the meeting: check the "
                          "notes, score each answer, then save.", "ok")
        return changed

    def take_notes(self, notes: list[dict]) -> int:
        """Merge the meeting companion's notes into the planned questions.

        A note is matched to a planned question by its bank id, else by its text; a note for
        a question that is not in the list becomes an extra question (once: bringing the
        same notes in again changes nothing).

        Returns:
            How many questions were ticked, given new notes or added.
        """
        changed = 0
        for note in notes:
            if not note.get("asked") and not note.get("notes"):
                continue
            text, line = note.get("text", ""), note.get("notes") or ""
            row = next((r for r in self.questions
                        if (note.get("question_id") and r["question_id"] == note["question_id"])
                        or r["text"] == text), None)
            if row is None:
                extra = next((r for r in self.extra_questions.rows if r["text"].value == text),
                             None)
                if extra is None:
                    self.extra_questions.add(text=text, notes=line)
                    changed += 1
                elif line and extra["notes"].value != line:
                    extra["notes"].value = line
                    changed += 1
                continue
            before = (row["asked"].value, row["notes"].value)
            row["asked"].value = True
            if line:
                row["notes"].value = line
            changed += (row["asked"].value, row["notes"].value) != before
        return changed

    def _host_contact(self) -> tuple[str | None, str | None]:
        """The chosen meeting's host: email and name, for the drafts' mail link."""
        if self.meeting.value is None:
            return None, None
        meeting = self.store.get(Meeting, self.meeting.value)
        host = self.store.get(Person, meeting.person_id)
        return host.email, host.name

    # -- people suggested --------------------------------------------------------------------
    def _host_first_name(self) -> str:
        meeting = self.store.get(Meeting, self.meeting.value)
        host = self.store.get(Person, meeting.person_id) if meeting.person_id else None
        return (host.name.split() or ["the host"])[0] if host and host.name else "the host"

    def _person_row(self) -> dict:
        """The fields of one person suggested; name and email are checked as they are typed."""
        labels = {"yes": f"yes, I may mention {self._host}", "no": f"no, leave {self._host} out",
                  "unknown": f"mention {self._host}? not asked"}
        row = {
            # wide enough for a title such as "Senior Director of Clinical Product Operations";
            # the row wraps, so the two choices go on a line of their own
            "name": _small_text("name (needed)", "180px"), "title": _small_text("title", "300px"),
            "organization": _small_text("organization", "240px"),
            "email": _small_text("email", "200px"),
            "may_mention": w.Dropdown(options=[(labels.get(c, c), c) for c in
                                               CHOICES[("referrals", "may_mention")]],
                                      value="unknown", layout=w.Layout(width="230px")),
            "contact_by": w.Dropdown(options=[("I contact them", "user"),
                                              (f"{self._host} introduces me", "host")],
                                     value="user", layout=w.Layout(width="190px")),
        }
        for name in ("name", "email", "title", "organization"):
            row[name].observe(lambda _c: self.check_people(), names="value")
        return row

    def check_people(self) -> list[str]:
        """Say, under the rows, which person suggested cannot be saved yet (details but
        no name, or an email that is no address), and mark that field; returns those
        problems."""
        problems, nameless = [], False
        for number, row in enumerate(self.people.rows, 1):
            details = [row[k].value.strip() for k in ("email", "title", "organization")]
            name = row["name"].value.strip()
            missing = any(details) and not name
            nameless = nameless or missing
            if missing:
                problems.append(f"Person {number} ({next(d for d in details if d)}) has no name: "
                                "type their name, or remove the row with ✕.")
            wrong = email_problem(row["email"].value)
            if wrong is not None:
                problems.append(f"Person {number} ({name or 'no name yet'}): {wrong}")
            for key, bad in (("name", missing), ("email", wrong is not None)):
                (row[key].add_class if bad else row[key].remove_class)(_MISSING_CLASS)
        self.people_note.value = (
            "<div class='infoview-warning' style='color:#b00020'>"
            + "<br>".join(esc(p) for p in problems)
            + (" A person suggested is saved with a name (the email alone is not enough)."
               if nameless else "")
            + "</div>" if problems else "")
        return problems

    # -- saving ------------------------------------------------------------------------------
    def to_debrief(self):
        """The form's content as a :class:`~infoview.flows.debrief.Debrief` (nothing saved)."""
        questions = [
            AnsweredQuestion(text=r["text"], question_id=r["question_id"], category=r["category"],
                             answer_notes=r["notes"].value.strip() or None,
                             usefulness=_score(r["usefulness"].value))
            for r in self.questions if r["asked"].value]
        questions += [AnsweredQuestion(text=v["text"], category="own",
                                       answer_notes=v["notes"] or None,
                                       usefulness=_score(v["usefulness"]))
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
                      for v in self.outcomes.values() if _outcome_given(v)],
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
                                  "No meeting to debrief yet: add one under Prepare (Save "
                                  "person and meeting), then come back here.", "warning")
                return
            problems = self.check_people() + self._outcome_problems()
            if problems:
                self.message.show("Not saved yet: " + " ".join(problems), "error")
                return
            meeting = self.store.get(Meeting, self.meeting.value)
            if meeting.status in _MISSED:
                # Said here in the page's words: the library's names the meeting by number
                # and points to a terminal command.
                self.message.show(
                    "Not saved: this meeting is marked as not having happened "
                    f"({status_words(meeting.status)}), so it has no debrief. Choose the "
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
            "outcome": sum(1 for v in self.outcomes.values() if not _outcome_given(v)),
        }
        return {k: n for k, n in empty.items() if n}

    def _show_missed_row(self) -> None:
        """The row to mark a meeting missed shows once "It did not happen" is chosen; the
        day it happened is asked while "It happened" is, of a meeting without a date."""
        self.missed_row.layout.display = "none" if self.happened.value else ""
        self.held_row.layout.display = "" if self._asks_day() else "none"

    def _asks_day(self) -> bool:
        """Whether saving needs the day the meeting happened: "It happened" is chosen for
        a meeting saved without a date."""
        if not self.happened.value or self.meeting.value is None:
            return False
        return self.store.get(Meeting, self.meeting.value).starts_at is None

    def mark_missed(self) -> None:
        """Mark the chosen meeting no-show, cancelled or moved (what "Mark the meeting"
        does), book the new time when one is given, and show the message to send. Nothing
        is marked until a reason is chosen."""
        with self.missed_message.guard("marking the meeting"):
            if self.meeting.value is None:
                self.missed_message.show("Choose a meeting first.", "warning")
                return
            if self.missed_status.value not in _MISSED:
                self.missed_message.show(
                    "Not marked: choose why it did not happen (they did not show, it was "
                    "cancelled, or it was moved), then press Mark the meeting.", "error")
                return
            marked = self.meeting.value
            # The new time is read on the user's clock, the one this page names and lists
            # the meetings on (About me's zone, else the computer's); the meeting booked
            # keeps its own zone, and the message says both times.
            to = start_from_fields(self.missed_date.value, self.missed_time.value,
                                   self.store.get_profile().timezone)
            change = mark_meeting(self.store, marked, self.missed_status.value, to=to)
            draft = missed_meeting_draft(self.store, marked)
            self.missed_date.value = None
            self.refresh_meetings(change.new_meeting.id if change.new_meeting else marked)
            self.missed_actions.kind = draft.kind
            self.missed_text.value = draft.text
            self.missed_text.rows = textarea_rows(draft.text)
            self.missed_box.layout.display = ""
            self.missed_warnings.value = draft_checks_html(draft, self.check_fields())
            booked = ""
            new = change.new_meeting
            if new is not None and new.starts_at is not None:
                when = on_my_clock(new.starts_at, new.timezone, user_zone(self.store))
                booked = f", and booked again for {when}"
            self.missed_message.show(
                f"Marked the meeting {status_words(change.meeting.status)}{booked}. The "
                f"message to send ({_DRAFT_LABELS[draft.kind].lower()}) is below.", "ok")

    def _show_actions(self) -> None:
        self.actions.refresh()

    def _meeting_followups(self) -> list[FollowUp]:
        """The chosen meeting's follow-ups, done ones included; the host's own promises
        say so (it is their move)."""
        if self.meeting.value is None:
            return []
        actions = meeting_actions(self.store, self.meeting.value)
        names = {p.saved_id: p.name for p in self.store.list(Person)}
        items = action_followups(actions, names)
        for item, action in zip(items, actions, strict=True):
            if action.owner == "host":
                item.what += f" ({self._host}'s move)"
        return items

    def check_fields(self) -> dict[str, tuple[str, str]]:
        """Where each fact a draft may lack is filled in, as this page sees it (see
        :func:`~infoview.widgets._common.fill_places`): what was learned here, the
        user's name and link on About me."""
        return ABOUT_ME_FIELDS | {"learned": ("Key insights", "above, then save the debrief")}

    def _draft_thanks(self, debrief, *, keep_edits: bool = False) -> bool:
        """Write the thank-you note for ``debrief``; with ``keep_edits``, a note the user
        changed for this meeting stays as they wrote it. Returns whether it was kept."""
        draft = thanks_draft(self.store, debrief)
        meeting, written = self._thanks_written
        text = self.thanks_text.value
        edited = (keep_edits and meeting == debrief.meeting_id and text.strip() != ""
                  and text != written)
        if edited:
            self.thanks_warnings.value = ("<p>Kept as you changed it (the checks read only "
                                          "the note the kit writes).</p>")
            return True
        self.thanks_text.value = draft.text
        self.thanks_text.rows = textarea_rows(draft.text)
        self._thanks_written = (debrief.meeting_id, draft.text)
        self._thanks_draft = draft
        self._show_thanks_checks()
        return False

    def _show_thanks_checks(self) -> None:
        """Show what the checks found in the thank-you note written last, leaving out
        "send it now" once its follow-up is ticked as sent (it told Lena to send again)."""
        draft = self._thanks_draft
        if draft is None or self.thanks_text.value != draft.text:
            return
        sent = any(a.kind == "thank_you" and a.done_at is not None
                   for a in meeting_actions(self.store, self._thanks_written[0]))
        if sent:
            draft = replace(draft, warnings=[x for x in draft.warnings if x.code != "late_thanks"])
        self.thanks_warnings.value = draft_checks_html(draft, self.check_fields())

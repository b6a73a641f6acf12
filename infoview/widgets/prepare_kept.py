"""The plan being edited survives a page reload: kept in the store after every change,
picked up when the panel opens again, dropped on request.

A mixin of :class:`~infoview.widgets.prepare.PreparePanel`, which makes the widgets it
uses (see its ``__init__``); :class:`~infoview.widgets.prepare_parts.PrepareParts` names them.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, time

from infoview.flows.plans import (
    drop_plan,
    keep_plan,
    kept_plan,
    last_kept_plan,
    meeting_for_unsaved_plan,
    unsaved_questions,
)
from infoview.flows.profile import user_zone
from infoview.questions.models import PlanItem, QuestionPlan, Skipped
from infoview.text import count_of
from infoview.times import shown_in
from infoview.widgets._common import textarea_rows
from infoview.widgets.prepare_parts import PrepareParts
from infoview.widgets.prepare_who import NEW, _day

#: The fields of the outreach draft, kept with the plan but not part of it.
_DRAFT_FIELDS = ("draft_kind", "narrow", "broad", "draft_text")


class KeptPlan(PrepareParts):
    """Keeping the plan being edited, a part of :class:`PreparePanel`."""

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
            meeting = (state.value.get("meeting")
                       or meeting_for_unsaved_plan(self.store, person) or NEW)
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
        adopted = (state is not None and shown is not None and state.value.get("meeting") is None
                   and bool(unsaved_questions(self.store, shown)))
        if state is not None and state.value.get("meeting") != shown and not adopted:
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
        if adopted:
            self._adopt(state.value)
            return
        self._apply_state(state.value)
        when = shown_in(state.updated_at, user_zone(self.store))
        self.message.show(f"Picked up the plan you were editing ({_day(when, when.tzinfo)}, "
                          f"{when:%H:%M}). Save person and meeting keeps it for good; Drop "
                          "this plan starts again.", "info")

    def _adopt(self, v: dict) -> None:
        """Show the plan made for "a new meeting" with the stored meeting shown (added
        since on People, with no questions): its questions and what to learn, with the
        meeting's own time, place and length (the questions measured against that length),
        and say plainly that they are not saved with it yet."""
        meeting_fields = ("meeting", "date", "time", "timezone", "format", "place", "minutes")
        shown = self._saved_state or {}  # the stored meeting shown, as read
        length = {"meeting_minutes": shown["minutes"]} if shown.get("minutes") else {}
        self._apply_state(v | {name: shown.get(name) for name in meeting_fields} | length)
        count = count_of(len(self.picker.selected()), "question")
        self.message.show(f"The {count} you planned for a new meeting are shown with this "
                          "meeting but not saved with it yet: Save person and meeting keeps "
                          "them with it.", "warning")

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


def _plan_part(state: dict) -> dict:
    """What a kept state says of the meeting and its plan (the draft left out)."""
    return {name: value for name, value in state.items()
            if name not in _DRAFT_FIELDS and name != "saved"}

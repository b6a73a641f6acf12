"""The debrief being written, kept as it is typed until it is saved: a reload, a closed
tab or another page loses none of it (part of :class:`~infoview.widgets.debrief.DebriefForm`).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import ipywidgets as w
from traitlets import TraitError

from infoview.flows.meeting_notes import drop_debrief_draft, keep_debrief_draft, kept_debrief_draft
from infoview.flows.profile import user_zone
from infoview.times import shown_in
from infoview.widgets.debrief_fields import NOT_RATED
from infoview.widgets.debrief_state import DebriefState
from infoview.widgets.rows import RowList

log = logging.getLogger(__name__)


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


class KeptDebrief(DebriefState):
    """Keeps the form's content in the store as it changes, and puts it back."""

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
                           "usefulness": kept.get("usefulness") or NOT_RATED})
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

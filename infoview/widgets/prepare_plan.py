"""The question plan on the prepare panel: planning, the line that says what was planned
(and whether the list or the fields changed since), the note under the role.

A mixin of :class:`~infoview.widgets.prepare.PreparePanel`, which makes the widgets it
uses (see its ``__init__``); :class:`~infoview.widgets.prepare_parts.PrepareParts` names them.
"""

from __future__ import annotations

from infoview.flows.meetings import asked_before
from infoview.flows.question_history import question_history
from infoview.questions.roles import role_to_ask
from infoview.questions.select import select_questions
from infoview.text import count_of
from infoview.widgets._common import esc
from infoview.widgets.prepare_parts import PrepareParts

#: Said once a field the plan was made for changes after planning.
PLAN_OUTDATED = ("The questions below were planned before your last change to the role, "
                 "industry, audience, minutes or learning from debriefs: press Plan questions "
                 "again to plan for it (your own questions stay).")


class QuestionPlanning(PrepareParts):
    """Planning the questions, a part of :class:`PreparePanel`."""

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
            notes = [n for n in self.plan.notes  # the role's note is under the role
                     if n and n != self._role_note() and n not in self._notes_said]
            self._notes_said.update(notes)
            said = " ".join(notes + self.plan.warnings)
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

    def _plan_edited(self) -> None:
        self.keep()  # first: the brief takes a moment, and a reload may come before it is done
        if self._planned_words and self.message.text == self._planned_words:
            self._show_planned()  # the line still says what was planned: it follows the edit
        if self.picker.items:
            with self.message.guard("updating the brief"):
                self.build()

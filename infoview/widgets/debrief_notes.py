"""The meeting companion's notes brought into the debrief (part of
:class:`~infoview.widgets.debrief.DebriefForm`).
"""

from __future__ import annotations

from infoview.widgets._common import count_of
from infoview.widgets.debrief_state import DebriefState


class CompanionNotes(DebriefState):
    """Brings the companion's ticks and lines of notes into the form."""

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

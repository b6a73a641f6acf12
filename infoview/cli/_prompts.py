"""``infoview debrief --interactive``: the debrief asked for one line at a time.

The answers are gathered into the same JSON form a debrief file has
(:data:`~infoview.flows.debrief.DEBRIEF_JSON_SHAPE`), so both are checked and saved by the
same code. Prompts go to stderr (stdout stays for ``--json``); an empty line skips a value
or ends a list; the end of the input before the last question saves nothing.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from infoview.errors import BadInput
from infoview.models import Meeting, Person

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


def _ask(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise BadInput("the input ended before the debrief was complete; nothing was saved")
    return line.strip()


def _number(text: str) -> int | str | None:
    """A whole number typed as such; other text stays text (the check then names it)."""
    if not text:
        return None
    return int(text) if text.lstrip("-").isdigit() else text


def _rows(title: str, first: str, more: list[tuple[str, str]]) -> list[dict[str, str]]:
    """A list of rows: ``first`` asked until left empty, each followed by ``more``."""
    rows: list[dict[str, str]] = []
    sys.stderr.write(f"\n{title} (leave {first} empty to finish)\n")
    while True:
        value = _ask(f"  {first}: ")
        if not value:
            return rows
        row = {first: value}
        for key, prompt in more:
            answer = _ask(f"    {prompt}: ")
            if answer:
                row[key] = answer
        rows.append(row)


def ask_debrief(store: Store, meeting_id: int | None = None) -> dict:
    """Ask for a meeting's debrief on the terminal; returns it in its JSON form (unsaved)."""
    from infoview.flows.meetings import next_meeting, planned_questions

    if meeting_id is None:
        suggested = next_meeting(store)
        answer = _ask(f"Meeting id{f' [{suggested}]' if suggested else ''}: ")
        number = _number(answer) if answer else suggested
        if not isinstance(number, int):
            raise BadInput(f"the meeting id must be a number, not {answer!r}: see "
                           "'infoview meeting list'")
        meeting_id = number
    meeting = store.get(Meeting, meeting_id)
    host = store.get(Person, meeting.person_id)
    sys.stderr.write(f"Debrief of meeting {meeting_id} with {host.name}\n")
    questions = []
    for item in planned_questions(store, meeting_id).items:
        sys.stderr.write(f"\nQ: {item.text}\n")
        said = _ask("  what they said (empty: not asked): ")
        if not said:
            continue
        questions.append({"text": item.text, "question_id": item.id if not item.id.startswith(
            "asked-") else None, "category": item.category, "answer_notes": said,
            "usefulness": _number(_ask("  how useful, 1-5: "))})
    questions += [{**row, "usefulness": _number(row.get("usefulness", ""))}
                  for row in _rows("Other questions you asked", "text",
                                   [("answer_notes", "what they said"),
                                    ("usefulness", "how useful, 1-5")])]
    people = _rows("People they suggested", "name",
                   [("organization", "organization"), ("email", "email"),
                    ("may_mention", "may you mention them: yes, no or unknown"),
                    ("contact_by", "who makes contact: user (you) or host")])
    promises = _rows("Promises", "what", [("owner", "whose: user (you) or host"),
                                          ("due", "due, YYYY-MM-DD")])
    outcomes = _rows("Outcomes", "kind", [("date", "date, YYYY-MM-DD"), ("notes", "notes")])
    insights = [{"text": row["text"], "tags": row.get("tags", "").replace(",", " ").split()}
                for row in _rows("Insights", "text", [("tags", "tags, separated by spaces")])]
    rapport = _number(_ask("\nRapport, 1-5 (empty: not rated): "))
    notes = _ask("Notes on the meeting (one line, optional): ") or None
    return {"meeting_id": meeting_id, "rapport": rapport, "notes": notes,
            "questions": questions, "people": people, "promises": promises,
            "outcomes": outcomes, "insights": insights}

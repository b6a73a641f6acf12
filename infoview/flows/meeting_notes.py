"""Notes taken during a meeting, kept until its debrief is saved.

The meeting companion keeps what was ticked and noted after every change, so that a page
reload, a closed tab or a stopped app in the middle of a call loses nothing: opened again,
the companion shows the notes, and the debrief brings them in as before. One entry is kept
per meeting (``companion:3``), listing the host, so that forgetting the host removes it
(:func:`infoview.store.appstate.forget_states`); saving the meeting's debrief removes it
(the notes are the debrief's from then on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infoview.models import Meeting
from infoview.store.appstate import delete_state, get_state, put_state

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: Every kept entry of meeting notes has a key starting with this.
PREFIX = "companion:"

#: What is kept of each planned question: its id and wording (to match it again), whether
#: it was ticked, and the line of notes.
_FIELDS = ("question_id", "text", "ticked", "notes")


def notes_key(meeting_id: int) -> str:
    """The key of the notes kept for ``meeting_id``."""
    return f"{PREFIX}{meeting_id}"


def keep_notes(store: Store, meeting_id: int, notes: list[dict[str, Any]]) -> None:
    """Keep the notes of ``meeting_id``: one dict per planned question with ``question_id``,
    ``text``, ``ticked`` and ``notes``; with nothing ticked or noted, nothing is kept."""
    rows = [{name: note.get(name) for name in _FIELDS} for note in notes]
    if not any(row["ticked"] or row["notes"] for row in rows):
        delete_state(store, notes_key(meeting_id))
        return
    meeting = store.get(Meeting, meeting_id)
    put_state(store, notes_key(meeting_id), {"person_id": meeting.person_id, "notes": rows},
              [meeting.person_id] if meeting.person_id else [])


def kept_notes(store: Store, meeting_id: int) -> list[dict[str, Any]]:
    """The notes kept for ``meeting_id`` (``[]`` when none). Notes kept for a meeting of
    another host (its number given to a new meeting since) are not this meeting's."""
    state = get_state(store, notes_key(meeting_id))
    if state is None:
        return []
    found = store.list(Meeting, id=meeting_id)
    if not found or found[0].person_id != state.value.get("person_id"):
        return []
    return [dict(row) for row in state.value.get("notes", []) if isinstance(row, dict)]


def drop_notes(store: Store, meeting_id: int) -> bool:
    """Forget the notes kept for ``meeting_id`` (its debrief was saved); whether any were."""
    return delete_state(store, notes_key(meeting_id))

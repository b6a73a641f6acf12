"""Notes on a meeting being written, kept until its debrief is saved.

The meeting companion keeps what was ticked and noted after every change, and the debrief
form keeps what is typed into it, so that a page reload, a closed tab or a stopped app in
the middle of a call or of a debrief loses nothing: opened again, each shows what it held.
One entry of each kind is kept per meeting (``companion:3``, ``debrief:3``), listing the
host, so that forgetting the host removes them
(:func:`infoview.store.appstate.forget_states`); saving the meeting's debrief removes both
(what they held is the debrief's from then on). The companion's clock is kept with its
notes, by the wall clock, so that a reload in the middle of a call carries on counting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from infoview.models import Meeting
from infoview.store.appstate import State, delete_state, get_state, put_state

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: Every kept entry of meeting notes has a key starting with this.
PREFIX = "companion:"
#: Every kept debrief being written has a key starting with this.
DEBRIEF_PREFIX = "debrief:"

#: What is kept of each planned question: its id and wording (to match it again), whether
#: it was ticked, and the line of notes.
_FIELDS = ("question_id", "text", "ticked", "notes")


def _keep(store: Store, key: str, value: dict[str, Any], meeting_id: int) -> None:
    """Keep ``value`` under ``key`` with the meeting's host (listed, and stored with it)."""
    meeting = store.get(Meeting, meeting_id)
    put_state(store, key, {"person_id": meeting.person_id, **value},
              [meeting.person_id] if meeting.person_id else [])


def _kept(store: Store, key: str, meeting_id: int) -> State | None:
    """What is kept under ``key``, unless kept for a meeting of another host (its number
    given to a new meeting since)."""
    state = get_state(store, key)
    if state is None:
        return None
    found = store.list(Meeting, id=meeting_id)
    if not found or found[0].person_id != state.value.get("person_id"):
        return None
    return state


def notes_key(meeting_id: int) -> str:
    """The key of the notes kept for ``meeting_id``."""
    return f"{PREFIX}{meeting_id}"


@dataclass(frozen=True)
class ClockState:
    """Where the companion's clock is: the seconds it has counted (pauses left out) and
    whether it is counting now."""

    seconds: float
    running: bool


def keep_notes(store: Store, meeting_id: int, notes: list[dict[str, Any]],
               clock: ClockState | None = None, *, now: datetime | None = None) -> None:
    """Keep the notes of ``meeting_id``: one dict per planned question with ``question_id``,
    ``text``, ``ticked`` and ``notes``, and the clock (as of ``now``, by the wall clock: a
    new kernel's own timer starts again from nothing). With nothing ticked or noted and
    the clock not started, nothing is kept."""
    rows = [{name: note.get(name) for name in _FIELDS} for note in notes]
    value: dict[str, Any] = {"notes": rows}
    if clock is not None:
        value["clock"] = {"seconds": max(0.0, float(clock.seconds)), "running": clock.running,
                          "at": (now or datetime.now(UTC)).astimezone(UTC).isoformat()}
    if clock is None and not any(row["ticked"] or row["notes"] for row in rows):
        delete_state(store, notes_key(meeting_id))
        return
    _keep(store, notes_key(meeting_id), value, meeting_id)


def kept_clock(store: Store, meeting_id: int, *, now: datetime | None = None) -> ClockState | None:
    """The companion's clock kept for ``meeting_id`` as it stands ``now``: a clock kept
    running has counted on since (the meeting went on while the page was away); ``None``
    when it was never started (or was reset)."""
    state = _kept(store, notes_key(meeting_id), meeting_id)
    kept = state.value.get("clock") if state is not None else None
    if not isinstance(kept, dict):
        return None
    try:
        seconds = float(kept["seconds"])
        at = datetime.fromisoformat(str(kept["at"]))
    except (KeyError, TypeError, ValueError):
        return None  # not written by keep_notes: start afresh rather than stop the page
    running = bool(kept.get("running"))
    if running:
        seconds += max(0.0, ((now or datetime.now(UTC)) - at).total_seconds())
    return ClockState(max(0.0, seconds), running)


def kept_notes(store: Store, meeting_id: int) -> list[dict[str, Any]]:
    """The notes kept for ``meeting_id`` (``[]`` when none). Notes kept for a meeting of
    another host (its number given to a new meeting since) are not this meeting's."""
    state = _kept(store, notes_key(meeting_id), meeting_id)
    if state is None:
        return []
    return [dict(row) for row in state.value.get("notes", []) if isinstance(row, dict)]


def drop_notes(store: Store, meeting_id: int) -> bool:
    """Forget the notes and the debrief draft kept for ``meeting_id`` (its debrief was
    saved); whether any were."""
    dropped = delete_state(store, notes_key(meeting_id))
    return drop_debrief_draft(store, meeting_id) or dropped


def debrief_key(meeting_id: int) -> str:
    """The key of the debrief being written for ``meeting_id``."""
    return f"{DEBRIEF_PREFIX}{meeting_id}"


def keep_debrief_draft(store: Store, meeting_id: int, form: dict[str, Any]) -> None:
    """Keep what the debrief form of ``meeting_id`` holds (plain JSON values)."""
    _keep(store, debrief_key(meeting_id), {"form": form}, meeting_id)


def kept_debrief_draft(store: Store, meeting_id: int) -> State | None:
    """The debrief being written for ``meeting_id`` (``.value["form"]``, and when it was
    last changed), or ``None``."""
    state = _kept(store, debrief_key(meeting_id), meeting_id)
    return state if state is not None and isinstance(state.value.get("form"), dict) else None


def drop_debrief_draft(store: Store, meeting_id: int) -> bool:
    """Forget the debrief being written for ``meeting_id``; whether there was one."""
    return delete_state(store, debrief_key(meeting_id))

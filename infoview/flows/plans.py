"""A question plan being edited, kept until it is saved or dropped.

The preparation panel keeps what the user has typed and chosen (the person, the meeting's
fields, the questions with their order and ticks, the draft) after every change, so that a
page reload, a closed tab or a stopped app loses nothing. One plan is kept per person
(``prepare:3``), plus one for someone not saved yet (``prepare:new``); saving the meeting,
or dropping the plan, removes it. Forgetting a person removes the plans naming them
(:func:`infoview.flows.forget.forget_person`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infoview.models import Meeting, Person, QuestionAsked
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.store.appstate import State, delete_state, get_state, latest_state, put_state

if TYPE_CHECKING:
    from infoview.store import Store

#: Every kept plan's key starts with this.
PREFIX = "prepare:"


def plan_key(person_id: int | None) -> str:
    """The key of the plan for ``person_id`` (``None``: someone not saved yet)."""
    return f"{PREFIX}{person_id if person_id else 'new'}"


def keep_plan(store: Store, person_id: int | None, plan: dict[str, Any]) -> None:
    """Keep ``plan`` (plain JSON values) as the plan being made for ``person_id``."""
    put_state(store, plan_key(person_id), plan, [person_id] if person_id else [])


def kept_plan(store: Store, person_id: int | None) -> State | None:
    """The plan being made for ``person_id``, or ``None``."""
    return get_state(store, plan_key(person_id))


def last_kept_plan(store: Store) -> State | None:
    """The plan changed last, whoever it is for (the panel opens on it)."""
    return latest_state(store, PREFIX)


def drop_plan(store: Store, person_id: int | None) -> bool:
    """Forget the plan being made for ``person_id`` (saved, or dropped by the user)."""
    return delete_state(store, plan_key(person_id))


def unsaved_questions(store: Store, meeting_id: int) -> list[PlanItem]:
    """The questions planned on Prepare for this meeting's person and saved with no meeting
    yet (a plan kept for "a new meeting", or for this one), when the meeting has none saved
    and was not held; ``[]`` otherwise. A meeting added on another page (People) thus
    finds the plan made for it instead of losing it."""
    meeting = store.get(Meeting, meeting_id)
    if meeting.status == "held" or store.list(QuestionAsked, meeting_id=meeting_id):
        return []
    state = kept_plan(store, meeting.person_id)
    if state is None or state.value.get("saved") or \
            state.value.get("meeting") not in (None, meeting_id):
        return []
    checked = state.value.get("checked") or {}
    return [PlanItem(**item) for item in state.value.get("items", [])
            if checked.get(item.get("id"), True)]


def save_unsaved_questions(store: Store, meeting_id: int) -> int:
    """Save :func:`unsaved_questions` as the meeting's planned questions and forget the plan
    kept for them (kept for good now); how many were saved."""
    from infoview.flows.meetings import save_meeting_plan

    items = unsaved_questions(store, meeting_id)
    if not items:
        return 0
    meeting = store.get(Meeting, meeting_id)
    person = store.get(Person, meeting.person_id)
    save_meeting_plan(store, person, meeting,
                      QuestionPlan(items=items, meeting_minutes=meeting.planned_minutes,
                                   overhead_minutes=0))
    drop_plan(store, meeting.person_id)
    return len(items)


def meeting_for_unsaved_plan(store: Store, person_id: int | None) -> int | None:
    """The person's latest meeting that a plan kept for "a new meeting" belongs with (one
    with no questions saved, added since on another page), or ``None``."""
    state = kept_plan(store, person_id) if person_id else None
    if state is None or state.value.get("meeting") is not None:
        return None
    meetings = [m for m in store.list(Meeting, person_id=person_id)
                if unsaved_questions(store, m.saved_id)]
    return meetings[-1].saved_id if meetings else None

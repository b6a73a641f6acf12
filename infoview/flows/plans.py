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

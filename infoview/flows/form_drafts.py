"""What is typed into About me and the People form, kept until it is saved.

A reload, a closed tab or a stopped app between typing and pressing Save lost it; the
Debrief and the Meeting companion already keep theirs (:mod:`infoview.flows.meeting_notes`).
Each form keeps one entry in the app's state: About me one (``form:about-me``), the People
form one per person being edited (``form:person:12``) or added (``form:person:new``). An
entry about a stored person lists them, so that forgetting them removes it
(:func:`infoview.store.appstate.forget_states`). Saving the form, or dropping what was
typed, removes the entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infoview.models import Person
from infoview.store.appstate import State, delete_state, get_state, latest_state, put_state

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: The key of what is typed into About me.
PROFILE_KEY = "form:about-me"
#: Every kept People form has a key starting with this.
PERSON_PREFIX = "form:person:"


def person_form_key(person_id: int | None) -> str:
    """The key of the People form typed for ``person_id`` (``None``: a new person)."""
    return f"{PERSON_PREFIX}{'new' if person_id is None else person_id}"


def keep_form(store: Store, key: str, values: dict[str, Any], saved: dict[str, Any],
              person_id: int | None = None) -> None:
    """Keep ``values`` (plain JSON values) under ``key``; values no different from
    ``saved`` (what the form shows as stored) are nothing to keep, and let go of any."""
    if values == saved:
        delete_state(store, key)
        return
    value: dict[str, Any] = {"values": values}
    if person_id is not None:
        value["person_id"] = person_id
    put_state(store, key, value, [person_id] if person_id is not None else [])


def kept_form(store: Store, key: str) -> State | None:
    """What was typed under ``key`` and not saved (``.value["values"]``), or ``None``."""
    state = get_state(store, key)
    return state if state is not None and isinstance(state.value.get("values"), dict) else None


def kept_person_form(store: Store) -> tuple[int | None, State] | None:
    """The People form typed last and not saved: the person it is for (``None``: a new
    one) and what was typed; ``None`` when there is none, or its person is gone."""
    state = latest_state(store, PERSON_PREFIX)
    if state is None or not isinstance(state.value.get("values"), dict):
        return None
    person_id = state.value.get("person_id")
    if person_id is None:
        return None, state
    if not store.list(Person, id=person_id):
        delete_state(store, state.key)  # deleted since: nothing of theirs is kept
        return None
    return int(person_id), state


def drop_form(store: Store, key: str) -> bool:
    """Forget what was typed under ``key``; whether anything was."""
    return delete_state(store, key)

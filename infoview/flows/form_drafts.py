"""What is typed into About me and the People page's forms, kept until it is saved.

A reload, a closed tab or a stopped app between typing and pressing Save lost it; the
Debrief and the Meeting companion already keep theirs (:mod:`infoview.flows.meeting_notes`).
Each form keeps one entry in the app's state: About me one (``form:about-me``); the
person, organization and meeting forms one per record being edited (``form:person:12``,
``form:organization:3``, ``form:meeting:7``) or added (``form:person:new``,
``form:organization:new``, ``form:meeting:new:12`` for a new meeting with person 12). An
entry about a stored person lists them, so that forgetting them removes it
(:func:`infoview.store.appstate.forget_states`). Saving the form, Cancel, or dropping what
was typed, removes the entry; opening the same form again offers it
(:func:`offered_form`).

What was typed for a record that is gone since (deleted, or the person the new meeting was
for) is let go when next looked at; so is what was typed for a new person or organization
once one of that name has been saved since, by the form or another way (research, an
import): the typing was for them, and they are stored now.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from infoview.models import Meeting, Organization, Person
from infoview.store.appstate import State, delete_state, get_state, latest_state, put_state
from infoview.store.matching import match_organization
from infoview.text import name_key

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: The key of what is typed into About me.
PROFILE_KEY = "form:about-me"
#: Every kept form has a key starting with this.
FORM_PREFIX = "form:"
#: The records the People page's forms add or edit, by the kind in their keys.
_MODELS: dict[str, type] = {"person": Person, "organization": Organization,
                            "meeting": Meeting}


def form_key(kind: str, record_id: int | None = None, *, person_id: int | None = None) -> str:
    """The key of the ``kind`` form (``person``, ``organization``, ``meeting``) typed for
    ``record_id``, or for a new record (a new meeting: with ``person_id``)."""
    if record_id is not None:
        return f"{FORM_PREFIX}{kind}:{record_id}"
    if kind == "meeting":
        return f"{FORM_PREFIX}meeting:new:{person_id}"
    return f"{FORM_PREFIX}{kind}:new"


def read_form_key(key: str) -> tuple[str, int | None, int | None]:
    """``(kind, record_id, person_id)`` of a key :func:`form_key` made (``record_id`` is
    ``None`` for a new record; ``person_id`` is the new meeting's person, else ``None``)."""
    kind, _sep, rest = key.removeprefix(FORM_PREFIX).partition(":")
    if rest.startswith("new"):
        person = rest.removeprefix("new").lstrip(":")
        return kind, None, int(person) if person.isdigit() else None
    return kind, int(rest) if rest.isdigit() else None, None


def keep_form(store: Store, key: str, values: dict[str, Any], saved: dict[str, Any],
              person_id: int | None = None) -> None:
    """Keep ``values`` (plain JSON values) under ``key``; values no different from
    ``saved`` (what the form shows as stored) are nothing to keep, and let go of any."""
    if values == saved:
        delete_state(store, key)
        return
    # What the form showed as saved goes with it: picked up later, only the fields typed
    # over it come back, not the rest over a change saved meanwhile (typed_over).
    value: dict[str, Any] = {"values": values, "saved": saved}
    if person_id is not None:
        value["person_id"] = person_id
    put_state(store, key, value, [person_id] if person_id is not None else [])


def typed_over(state: State) -> dict[str, Any]:
    """Of what was typed and kept in ``state``, the fields the user changed from what the
    form showed as saved then; all of them for an entry kept without that."""
    values, saved = state.value["values"], state.value.get("saved")
    if not isinstance(saved, dict):
        return dict(values)
    return {name: value for name, value in values.items()
            if name not in saved or saved[name] != value}


def kept_form(store: Store, key: str) -> State | None:
    """What was typed under ``key`` and not saved (``.value["values"]``), or ``None``."""
    state = get_state(store, key)
    return state if state is not None and isinstance(state.value.get("values"), dict) else None


def offered_form(store: Store, key: str) -> State | None:
    """What was typed under ``key`` (a :func:`form_key`) and not saved, to offer when the
    form opens again; ``None`` when there is none, or it is let go now (its record or
    person is gone, or the new person or organization it was typed for is saved since)."""
    state = kept_form(store, key)
    if state is None:
        return None
    if _settled(store, key, state):
        delete_state(store, key)
        return None
    return state


def latest_form(store: Store, kind: str) -> State | None:
    """The ``kind`` form typed last and not saved (what a reload opens again), or ``None``."""
    prefix = f"{FORM_PREFIX}{kind}:"
    while (state := latest_state(store, prefix)) is not None:
        if offered_form(store, state.key) is not None:
            return state
        delete_state(store, state.key)  # let go (or malformed): look at the one before
    return None


def _settled(store: Store, key: str, state: State) -> bool:
    """Whether what was typed under ``key`` has nothing left to be for (About me's
    typing is for no record: it always is)."""
    if key == PROFILE_KEY:
        return False
    kind, record_id, person_id = read_form_key(key)
    model = _MODELS.get(kind)
    if model is None:
        return True
    if record_id is not None:
        return not store.list(model, id=record_id)
    if kind == "meeting":
        return person_id is None or not store.list(Person, id=person_id)
    typed = state.value["values"].get("name")
    if not isinstance(typed, str) or not typed.strip():
        return False
    stored: list[Any] = store.list(model)
    since = [r for r in stored if r.created_at is not None
             and _aware(r.created_at) >= state.updated_at]
    if kind == "person":
        return any(name_key(p.name) == name_key(typed) for p in since)
    return match_organization(since, name=typed) is not None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def drop_form(store: Store, key: str) -> bool:
    """Forget what was typed under ``key``; whether anything was."""
    return delete_state(store, key)

"""What the app keeps while the user works: a question plan being edited survives a reload.

Entries are JSON values under a key (``prepare:3`` for the plan being made for person 3,
``prepare:new`` for someone not saved yet), with the ids of the people they concern. They
are working copies, not records: they stay out of exports of the store, and forgetting a
person removes every entry that lists them or names them (:func:`forget_states`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from infoview.models import Person
from infoview.store.mentions import Mentions

if TYPE_CHECKING:
    from infoview.store.core import Store


@dataclass
class State:
    """One kept entry: its key, value, the people it concerns and when it last changed."""

    key: str
    value: dict[str, Any]
    person_ids: list[int]
    updated_at: datetime


def _row(row: tuple) -> State:
    key, value, person_ids, updated = row
    return State(key, json.loads(value), [int(i) for i in json.loads(person_ids)],
                 datetime.fromisoformat(updated))


def put_state(store: Store, key: str, value: dict[str, Any],
              person_ids: list[int] | tuple[int, ...] = (), *,
              now: datetime | None = None) -> None:
    """Keep ``value`` (plain JSON values) under ``key``, replacing what was there."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).isoformat()
    store.execute(
        "INSERT INTO app_state (key, value, person_ids, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
        "person_ids = excluded.person_ids, updated_at = excluded.updated_at",
        [key, json.dumps(value, ensure_ascii=False), json.dumps(sorted(set(person_ids))), stamp])


def get_state(store: Store, key: str) -> State | None:
    """The entry under ``key``, or ``None``."""
    rows = store.execute("SELECT key, value, person_ids, updated_at FROM app_state "
                         "WHERE key = ?", [key])
    return _row(rows[0]) if rows else None


def latest_state(store: Store, prefix: str) -> State | None:
    """The entry changed last among those whose key starts with ``prefix``."""
    rows = store.execute("SELECT key, value, person_ids, updated_at FROM app_state "
                         "WHERE substr(key, 1, ?) = ? ORDER BY updated_at DESC, id DESC "
                         "LIMIT 1", [len(prefix), prefix])
    return _row(rows[0]) if rows else None


def delete_state(store: Store, key: str) -> bool:
    """Remove the entry under ``key``; whether there was one."""
    found = store.execute("SELECT id FROM app_state WHERE key = ?", [key])
    store.execute("DELETE FROM app_state WHERE key = ?", [key])
    return bool(found)


def states_naming(store: Store, person: Person) -> list[State]:
    """The entries that list ``person`` or whose text names them (a plan typed for them
    before they were saved names them without listing them)."""
    mentions = Mentions(person)
    rows = store.execute("SELECT key, value, person_ids, updated_at FROM app_state")
    return [state for state in map(_row, rows)
            if person.id in state.person_ids or mentions(json.dumps(state.value,
                                                                   ensure_ascii=False))]


def forget_states(store: Store, person: Person) -> int:
    """Remove every entry that lists or names ``person``; returns how many."""
    found = states_naming(store, person)
    for state in found:
        delete_state(store, state.key)
    return len(found)

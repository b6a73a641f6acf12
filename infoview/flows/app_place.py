"""Where the user was in the app: the page shown and the person and meeting chosen last,
kept so that a reload, or the app opened again next week, comes back there instead of on
the next meeting.

One entry in the app's state (``app:place``) holds the page's key and the two ids. It
lists no person: it says nothing about anyone (ids, no names or text), so it is no working
copy about them and "What I hold about them" has nothing to say of it; a person or meeting
deleted since is simply let go when the place is read (:func:`last_place`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoview.models import Meeting, Person
from infoview.store.appstate import get_state, put_state

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: The key the place is kept under.
PLACE_KEY = "app:place"


@dataclass(frozen=True)
class Place:
    """A page of the app (its key) and the person and meeting chosen there."""

    page: str | None = None
    person_id: int | None = None
    meeting_id: int | None = None


def keep_place(store: Store, place: Place) -> None:
    """Keep ``place`` as where the user is now (replacing the one kept before)."""
    put_state(store, PLACE_KEY, {"page": place.page, "person": place.person_id,
                                 "meeting": place.meeting_id})


def last_place(store: Store) -> Place | None:
    """Where the user was last, with what is gone since let go: a meeting deleted leaves
    its person (who chose it), a person deleted leaves the page alone; ``None`` when
    nothing was kept."""
    state = get_state(store, PLACE_KEY)
    if state is None:
        return None
    value = state.value

    def number(name: str) -> int | None:
        found = value.get(name)
        return found if isinstance(found, int) and not isinstance(found, bool) else None

    page = value.get("page") if isinstance(value.get("page"), str) else None
    person, meeting = number("person"), number("meeting")
    found = store.list(Meeting, id=meeting) if meeting is not None else []
    if found:
        person = found[0].person_id  # a meeting's host, as choosing it chooses
    else:
        meeting = None
    if person is not None and not store.list(Person, id=person):
        person = meeting = None
    return Place(page, person, meeting)

"""Where the user was in the app: the page shown and the person and meeting chosen last,
kept so that a reload, or the tab opened again in the same sitting, comes back there
instead of on the next meeting.

Only in the same sitting: the app opened again after :data:`SITTING` without a step in it
(a week later, say) opens on Home, which says what is due and which meeting comes next,
with that meeting chosen (:func:`reopen_place`). A step is anything the app keeps as the
user works: a page or choice changed, a plan, debrief, form or meeting note typed.

One entry in the app's state (``app:place``) holds the page's key and the two ids. It
lists no person: it says nothing about anyone (ids, no names or text), so it is no working
copy about them and "What I hold about them" has nothing to say of it; a person or meeting
deleted since is simply let go when the place is read (:func:`last_place`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from infoview.flows.meetings import meeting_ahead
from infoview.models import Meeting, Person
from infoview.store.appstate import get_state, latest_state, put_state

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: The key the place is kept under.
PLACE_KEY = "app:place"

#: How long after the user's last step in the app opening it again still comes back to
#: where they were: a reload, a tab closed and opened again, a lunch break; a morning's
#: work picked up in the evening, or next week, starts on Home instead.
SITTING = timedelta(hours=4)


@dataclass(frozen=True)
class Place:
    """A page of the app (its key) and the person and meeting chosen there."""

    page: str | None = None
    person_id: int | None = None
    meeting_id: int | None = None


def keep_place(store: Store, place: Place, *, now: datetime | None = None) -> None:
    """Keep ``place`` as where the user is ``now`` (default: now), replacing the one kept
    before."""
    put_state(store, PLACE_KEY, {"page": place.page, "person": place.person_id,
                                 "meeting": place.meeting_id}, now=now)


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


def last_step(store: Store) -> datetime | None:
    """When the user last did something the app keeps (moved, chose, typed a plan, a
    debrief, a form, a meeting note); ``None`` when it kept nothing yet."""
    state = latest_state(store, "")
    return state.updated_at if state is not None else None


def reopen_place(store: Store, now: datetime | None = None) -> tuple[Place | None, bool]:
    """Where the app opens at ``now`` (default: now), and whether that is where the user
    was (``True``: their own choice, restored) or the app's guess.

    Within :data:`SITTING` of the user's last step (:func:`last_step`): the place kept
    last, as :func:`last_place` reads it. Later: Home, with the meeting Home leads with
    chosen, and with none ahead the person and meeting chosen last (nothing newer to
    point to). ``(None, False)`` when nothing was kept: the caller opens as the first time.
    """
    place = last_place(store)
    if place is None:
        return None, False
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    stepped = last_step(store)
    if stepped is not None and moment - stepped <= SITTING:
        return place, True
    ahead = meeting_ahead(store, moment)
    if ahead is not None:
        return Place("home", ahead.person_id, ahead.id), False
    return Place("home", place.person_id, place.meeting_id), False

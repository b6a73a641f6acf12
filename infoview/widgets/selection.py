"""The person and meeting the user is working on, shared by every page of the app.

The user picks a person or a meeting once (on the People page, in Prepare, in the debrief,
by saving research) and every other step follows: the preparation panel shows that person,
the meeting companion and the debrief that meeting. :class:`Selection` holds the choice as
two traits, so pages observe it instead of calling each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from traitlets import HasTraits, Int

from infoview.flows.meetings import next_meeting
from infoview.flows.profile import user_zone
from infoview.models import Meeting, Person
from infoview.widgets._common import esc, meeting_state, on_my_clock

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


class Selection(HasTraits):
    """Who and which meeting the app is about (``None``: nobody / no meeting yet)."""

    person_id = Int(None, allow_none=True)
    meeting_id = Int(None, allow_none=True)

    def choose(self, store: Store, *, person_id: int | None = None,
               meeting_id: int | None = None) -> None:
        """Choose a meeting (its host comes with it) or a person (with their next meeting,
        else their latest, else none). Observers hear of both changes together."""
        if meeting_id is not None:
            person_id = store.get(Meeting, meeting_id).person_id
        elif person_id is not None:
            meeting_id = next_meeting(store, person_id=person_id)
        with self.hold_trait_notifications():
            self.person_id = person_id
            self.meeting_id = meeting_id

    def clear(self) -> None:
        """Nobody chosen (someone new is being entered, or the person was deleted)."""
        with self.hold_trait_notifications():
            self.person_id = None
            self.meeting_id = None

    def describe_html(self, store: Store) -> str:
        """One line for the top of the app: who and which meeting, in plain words."""
        if self.person_id is None:
            # ("and every step follows" said nothing to a new user)
            return ("<span class='infoview-selection'>Nobody chosen yet: choose or add a "
                    "person under <b>People</b> (or <b>Prepare</b>), and every page works on "
                    "them.</span>")
        person = store.get(Person, self.person_id)
        who = esc(person.name) + (f" ({esc(person.organization)})" if person.organization
                                  else "")
        meeting = ""
        if self.meeting_id is not None:
            m = store.get(Meeting, self.meeting_id)
            # on the user's clock, as the People page lists it (with its own time beside)
            when = (on_my_clock(m.starts_at, m.timezone, user_zone(store)) if m.starts_at
                    else "no time set")
            meeting = f" · meeting: {esc(when)} ({esc(meeting_state(m))})"
        else:
            meeting = " · no meeting with them yet"
        return f"<span class='infoview-selection'>Working on: <b>{who}</b>{meeting}</span>"

"""A meeting that did not happen: marked no-show, cancelled or moved instead of debriefed,
with the message to send (part of :class:`~infoview.widgets.debrief.DebriefForm`).
"""

from __future__ import annotations

from infoview.flows.drafts import missed_meeting_draft
from infoview.flows.meeting_status import mark_meeting
from infoview.flows.profile import user_zone
from infoview.models import Meeting
from infoview.times import start_from_fields
from infoview.widgets._common import draft_checks_html, meeting_state, on_my_clock, textarea_rows
from infoview.widgets.debrief_fields import DRAFT_LABELS, MISSED, NO_FOLLOW_UPS_YET
from infoview.widgets.debrief_state import DebriefState


class MissedMeeting(DebriefState):
    """Marks the chosen meeting missed, and asks the day of one saved without a date."""

    def _show_missed_row(self) -> None:
        """The row to mark a meeting missed shows once "It did not happen" is chosen, in
        place of the debrief and the thank-you; the day it happened is asked while "It
        happened" is, of a meeting without a date."""
        self.missed_row.layout.display = "none" if self.happened.value else ""
        for part in (self.debrief_part, self.thanks_part):  # nothing to debrief nor thank
            part.layout.display = "" if self.happened.value else "none"
        empty = (NO_FOLLOW_UPS_YET if self.happened.value
                 else "No follow-ups for this meeting.")  # no debrief is coming to add them
        if self.actions.empty != empty:
            self.actions.empty = empty
            self.actions.show(self.actions.items)
        self.held_row.layout.display = "" if self._asks_day() else "none"

    def _asks_day(self) -> bool:
        """Whether saving needs the day the meeting happened: "It happened" is chosen for
        a meeting saved without a date."""
        if not self.happened.value or self.meeting.value is None:
            return False
        return self.store.get(Meeting, self.meeting.value).starts_at is None

    def mark_missed(self) -> None:
        """Mark the chosen meeting no-show, cancelled or moved (what "Mark the meeting"
        does), book the new time when one is given, and show the message to send. Nothing
        is marked until a reason is chosen."""
        with self.missed_message.guard("marking the meeting"):
            if self.meeting.value is None:
                self.missed_message.show("Choose a meeting first.", "warning")
                return
            if self.missed_status.value not in MISSED:
                self.missed_message.show(
                    "Not marked: choose why it did not happen (they did not show, it was "
                    "cancelled, or it was moved), then press Mark the meeting.", "error")
                return
            marked = self.meeting.value
            # The new time is read on the user's clock, the one this page names and lists
            # the meetings on (About me's zone, else the computer's); the meeting booked
            # keeps its own zone, and the message says both times.
            to = start_from_fields(self.missed_date.value, self.missed_time.value,
                                   self.store.get_profile().timezone)
            change = mark_meeting(self.store, marked, self.missed_status.value, to=to)
            draft = missed_meeting_draft(self.store, marked)
            self.missed_date.value = None
            self.refresh_meetings(change.new_meeting.id if change.new_meeting else marked)
            self.missed_actions.kind = draft.kind
            self.missed_text.value = draft.text
            self.missed_text.rows = textarea_rows(draft.text)
            self.missed_box.layout.display = ""
            self.missed_warnings.value = draft_checks_html(draft, self.check_fields())
            booked = ""
            new = change.new_meeting
            if new is not None and new.starts_at is not None:
                when = on_my_clock(new.starts_at, new.timezone, user_zone(self.store))
                booked = f", and booked again for {when}"
            self.missed_message.show(
                f"Marked the meeting {meeting_state(change.meeting)}{booked}. The "
                f"message to send ({DRAFT_LABELS[draft.kind].lower()}) is below.", "ok")

"""What follows a saved debrief: its follow-ups and the thank-you note (part of
:class:`~infoview.widgets.debrief.DebriefForm`).
"""

from __future__ import annotations

from dataclasses import replace

from infoview.flows.followups import meeting_actions
from infoview.flows.meetings import thanks_draft
from infoview.models import Meeting, Person
from infoview.widgets._common import draft_checks_html, textarea_rows
from infoview.widgets.debrief_state import DebriefState
from infoview.widgets.followups import FollowUp, action_followups
from infoview.widgets.profile import ABOUT_ME_FIELDS


class AfterTheSave(DebriefState):
    """The meeting's follow-ups and its thank-you note, with the host's address."""

    def _host_contact(self) -> tuple[str | None, str | None]:
        """The chosen meeting's host: email and name, for the drafts' mail link."""
        if self.meeting.value is None:
            return None, None
        meeting = self.store.get(Meeting, self.meeting.value)
        host = self.store.get(Person, meeting.person_id)
        return host.email, host.name

    def _show_actions(self) -> None:
        self.actions.refresh()

    def _meeting_followups(self) -> list[FollowUp]:
        """The chosen meeting's follow-ups, done ones included; the host's own promises
        say so (it is their move)."""
        if self.meeting.value is None:
            return []
        actions = meeting_actions(self.store, self.meeting.value)
        names = {p.saved_id: p.name for p in self.store.list(Person)}
        items = action_followups(actions, names)
        for item, action in zip(items, actions, strict=True):
            if action.owner == "host":
                item.what += f" ({self._host}'s move)"
        return items

    def check_fields(self) -> dict[str, tuple[str, str]]:
        """Where each fact a draft may lack is filled in, as this page sees it (see
        :func:`~infoview.widgets._common.fill_places`): what was learned here, the
        user's name and link on About me."""
        return ABOUT_ME_FIELDS | {"learned": ("Key insights", "above, then save the debrief")}

    def _draft_thanks(self, debrief, *, keep_edits: bool = False) -> bool:
        """Write the thank-you note for ``debrief``; with ``keep_edits``, a note the user
        changed for this meeting stays as they wrote it. Returns whether it was kept."""
        draft = thanks_draft(self.store, debrief)
        meeting, written = self._thanks_written
        text = self.thanks_text.value
        edited = (keep_edits and meeting == debrief.meeting_id and text.strip() != ""
                  and text != written)
        if edited:
            self.thanks_warnings.value = ("<p>Kept as you changed it (the checks read only "
                                          "the note the kit writes).</p>")
            return True
        self.thanks_text.value = draft.text
        self.thanks_text.rows = textarea_rows(draft.text)
        self._thanks_written = (debrief.meeting_id, draft.text)
        self._thanks_draft = draft
        self._show_thanks_checks()
        return False

    def _show_thanks_checks(self) -> None:
        """Show what the checks found in the thank-you note written last, leaving out
        "send it now" once its follow-up is ticked as sent (it told Lena to send again)."""
        draft, meeting_id = self._thanks_draft, self._thanks_written[0]
        if draft is None or meeting_id is None or self.thanks_text.value != draft.text:
            return
        sent = any(a.kind == "thank_you" and a.done_at is not None
                   for a in meeting_actions(self.store, meeting_id))
        if sent:
            draft = replace(draft, warnings=[x for x in draft.warnings if x.code != "late_thanks"])
        self.thanks_warnings.value = draft_checks_html(draft, self.check_fields())

"""The outreach drafts on the prepare panel: written with their checks, recorded as sent,
and the messages awaiting a reply.

A mixin of :class:`~infoview.widgets.prepare.PreparePanel`, which makes the widgets it
uses (see its ``__init__``); :class:`~infoview.widgets.prepare_parts.PrepareParts` names them.
"""

from __future__ import annotations

import ipywidgets as w

from infoview.errors import BadInput
from infoview.flows import drafts
from infoview.flows.outreach_log import awaiting_reply, mark_replied, record_outreach
from infoview.flows.profile import save_profile, user_zone
from infoview.models import Person
from infoview.prep.outreach import Draft
from infoview.widgets._common import (
    CHANNEL_WORDS,
    button,
    draft_checks_html,
    esc,
    textarea_rows,
)
from infoview.widgets.prepare_parts import PrepareParts
from infoview.widgets.prepare_who import NEW, _day, _first_name
from infoview.widgets.profile import ABOUT_ME_FIELDS

#: The drafts the panel offers, labelled and named as in the one table of draft kinds.
DRAFT_KINDS = drafts.panel_kinds("prepare")

CHANNELS = tuple((words, channel) for channel, words in CHANNEL_WORDS.items())

CHANNEL_LABELS = {value: label for label, value in CHANNELS}


class OutreachDrafts(PrepareParts):
    """The outreach drafts, a part of :class:`PreparePanel`."""

    def write_draft(self):
        """Write the chosen outreach draft and show its checks' warnings."""
        with self.draft_message.guard("writing the draft"):
            person = self.current_person()
            profile = self._profile_from_fields()
            kind = self.draft_kind.value
            if kind == "update":
                return self._show_draft(kind, self._update_draft(person))
            options = drafts.DraftOptions(
                reason=self.reason.value.strip() or None, narrow=self.narrow.value.strip() or None,
                broad=self.broad.value.strip() or None, strict=self.strict.value,
                # The minutes asked for in a request; a phone script asks for its own 15.
                minutes=int(self.minutes.value) if kind == "request" else None,
                meeting=self.current_meeting(person.id) if kind == "confirmation" else None)
            if person.id is not None:  # what the store knows: who suggested them, and may I say so
                person, options = drafts.stored_draft(self.store, kind, person_id=person.id,
                                                      options=options)
                if self.plan is not None and self.plan.items:
                    options.plan_ready = True  # the plan on screen counts
            return self._show_draft(kind, drafts.write_draft(kind, person, profile, options))
        return None

    def _update_draft(self, person: Person) -> Draft:
        """The keep-in-touch note to ``person``, as ``infoview draft update`` writes it."""
        if person.id is None:
            raise BadInput("a keep-in-touch note is for someone you have met: choose them "
                           "under Person above")
        return drafts.update_draft(self.store, person.id, strict=self.strict.value)

    def _show_draft(self, kind: str, draft: Draft) -> Draft:
        """Put ``draft`` in the draft box, its checks above it."""
        self.draft = draft
        self.draft_actions.kind = kind
        self.draft_message.clear()
        self.draft_text.value = draft.text
        self.draft_text.rows = textarea_rows(draft.text)
        self.draft_warnings.value = draft_checks_html(draft, self.check_fields())
        return draft

    def offer_update(self) -> None:
        """For someone met before and with no meeting scheduled (as Home's "Losing touch"
        lists them), choose and write the keep-in-touch note, ready to copy; a draft
        already in the box (kept from before) stays."""
        if self.draft_text.value.strip():
            return
        with self.draft_message.guard("writing the keep-in-touch note"):
            if self.person.value not in (NEW, None) and drafts.update_is_due(
                    self.store, self.person.value):
                self.draft_kind.value = "update"
                self.write_draft()
            elif self.draft_kind.value == "update":  # chosen for the one before: not for them
                self.draft_kind.value = "request"

    def check_fields(self) -> dict[str, tuple[str, str]]:
        """Where each fact a draft may lack is filled in, as this page sees it: its own
        fields above, the rest on About me and the People page (see
        :func:`~infoview.widgets._common.fill_places`)."""
        here, saved = "above", "above, then save the meeting"
        return ABOUT_ME_FIELDS | {
            "your_name": (self.your_name.description, here),
            "your_link": (self.your_link.description, here),
            "interest": (self.narrow.description, here),
            "why_them": (self.reason.description, here),
            "their_name": (self.new_name.description, here),
            "meeting_time": (self.date.description, saved),
            "meeting_place": (self.place.description, saved),
            "their_phone": ("Phone", "of this person on the People page"),
            "their_organization": ("Organization", "of this person on the People page"),
            # A keep-in-touch note's: what the debrief of a meeting with them recorded.
            "advice": ("Key insights", "in the Debrief of your meeting with them"),
            "results": ("Outcomes", "in the Debrief of your meeting with them"),
        }

    def record_sent(self):
        """Record the draft as sent today on the chosen channel (what "I sent it" does).

        The subject and text are taken from the draft box as it stands, edits included.
        """
        with self.sent_message.guard("recording the message"):
            if self.person.value in (NEW, None):
                raise BadInput("save the person first (Save person and meeting), then record "
                               "the message you sent them")
            kind = drafts.sent_kind(self.draft_kind.value)
            subject, body = drafts.split_subject(self.draft_text.value)
            if not body:
                raise BadInput("write the draft first (Write draft), or paste the message you sent")
            row = record_outreach(self.store, self.person.value, kind=kind,
                                  channel=self.channel.value, subject=subject, body=body)
            person = self.store.get(Person, row.person_id)
            self.sent_message.show(f"Recorded: {kind} to {_first_name(person.name)} by "
                              f"{self.channel.label} on {_day(row.sent_at, user_zone(self.store))}.",
                                   "ok")
            self._show_waiting()
            return row
        return None

    def record_reply(self, outreach_id: int):
        """Record that a message was answered today (what "They replied" does)."""
        with self.sent_message.guard("recording the reply"):
            row = mark_replied(self.store, outreach_id)
            name = _first_name(self.store.get(Person, row.person_id).name)
            self.sent_message.show(f"Recorded: {name} replied on "
                                   f"{_day(row.replied_at, user_zone(self.store))}.", "ok")
            self._show_waiting()
            return row
        return None

    def _show_waiting(self) -> None:
        """List the chosen person's messages awaiting a reply, each with its button."""
        self.waiting, self.replied_buttons = [], {}
        if self.person.value not in (NEW, None):
            with self.sent_message.guard("reading the messages sent"):
                self.waiting = awaiting_reply(self.store, person_id=self.person.value)
        rows = []
        for item in self.waiting:
            row = item.outreach
            days = item.business_days
            label = (f"{row.kind.replace('_', ' ')} by {CHANNEL_LABELS.get(row.channel, row.channel)}, "
                     f"sent {_day(row.sent_at, user_zone(self.store))}"
                     + (f" ({days} business day{'s' if days != 1 else ''} ago)" if days else ""))
            btn = button("They replied", tooltip="record their reply as received today")
            btn.on_click(lambda _b, oid=row.id: self.record_reply(oid))
            self.replied_buttons[row.saved_id] = btn
            rows.append(w.HBox([w.HTML(esc(label)), btn]))
        self.waiting_box.children = rows or [w.HTML("<i>No message awaits a reply.</i>")]

    def _recipient(self) -> tuple[str | None, str | None]:
        """The chosen person's email and name, for the draft's mail link and file name."""
        if self.person.value in (NEW, None):
            return None, self.new_name.value.strip() or None
        person = self.store.get(Person, self.person.value)
        return person.email, person.name

    def _profile_from_fields(self):
        """The user's profile with the name and link typed here, saved when they changed,
        so later drafts (the thank-you after the meeting too) are signed without asking."""
        profile = self.store.get_profile()
        name, url = self.your_name.value.strip(), self.your_link.value.strip() or None
        if (name, url) != (profile.name or "", profile.profile_url):
            profile = save_profile(self.store, name=name, profile_url=url)
        return profile

    def sync_profile(self) -> None:
        """Show the name, the link and what the user is exploring as the profile holds them
        now (About me may have changed them since the panel was made)."""
        profile = self.store.get_profile()
        self.your_name.value = profile.name or ""
        self.your_link.value = profile.profile_url or ""
        if self.narrow.value.strip() in ("", self._exploring):  # not the user's own words
            self.narrow.value = profile.exploring or ""
        self._exploring = profile.exploring or ""

"""The People page's meeting form: a meeting with the chosen person added, or corrected,
by hand (its date in words, its time zone, a start already past asked about once).

Part of :class:`~infoview.widgets.records.PeoplePage` (which mixes it in); a new meeting
goes through :func:`infoview.flows.meetings.add_meeting`, a change through
:func:`infoview.flows.records.edit_meeting`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from datetime import date, time, tzinfo
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from traitlets import TraitError

from infoview.errors import BadField, BadInput
from infoview.flows.form_drafts import form_key
from infoview.flows.meetings import MeetingOptions, add_meeting
from infoview.flows.profile import as_sentence, user_zone
from infoview.flows.records import edit_meeting
from infoview.models import Meeting
from infoview.times import form_clock, in_zone, start_from_fields
from infoview.widgets._common import (
    FORMAT_CHOICES,
    MessageLine,
    PastStartCheck,
    button,
    meeting_state,
    on_my_clock,
)
from infoview.widgets.daypicker import NO_DAY, DayPicker
from infoview.widgets.forms import Form, FormField, form_box, text_input
from infoview.widgets.keptforms import AS_SAVED, KeptTyping

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

FORMATS = FORMAT_CHOICES
_WIDE = {"description_width": "initial"}




def meeting_line(meeting: Meeting, mine: tzinfo) -> str:
    """When (on the user's clock, ``mine``: About me's zone, with the meeting's own time
    when its zone's clock differs), how, how long and its state."""
    when = (on_my_clock(meeting.starts_at, meeting.timezone, mine) if meeting.starts_at
            else "no time set yet")
    how = dict((v, k) for k, v in FORMATS).get(meeting.format, meeting.format)
    state = meeting_state(meeting)
    return f"{when}, {how}, {meeting.planned_minutes} minutes ({state})"


class MeetingForm:
    """The meeting form of the People page, mixed into :class:`PeoplePage`: built by
    :meth:`_build_meeting_form`, opened by :meth:`open_meeting_form`, saved by
    :meth:`save_meeting`."""

    # What the page it is part of provides.
    store: Store
    message: MessageLine
    people: w.Select
    _show_person: Callable[[], None]
    _choose_meeting: Callable[[int], None]
    _gone: Callable[[str], AbstractContextManager[None]]
    _changed: Callable[[], None]

    def _build_meeting_form(self, store: Store) -> None:
        """Make the form (hidden until opened) and keep what is typed into it."""
        self._editing_meeting: int | None = None
        # "no day agreed yet" where the day's words go: empty, their place was a gap before Time
        self.meeting_date = DayPicker(description="Date", style=_WIDE, blank=NO_DAY)
        self.meeting_time = w.TimePicker(description="Time", value=time(10, 0), style=_WIDE)
        self.meeting_form = Form([
            FormField("starts_at", w.HBox([self.meeting_date, self.meeting_time]),
                      "Leave the date empty while the time is not agreed yet."),
            FormField("timezone", text_input("Time zone", "e.g. Europe/London (empty: this "
                                             "computer's)", width="60%")),
            FormField("format", w.Dropdown(description="Format", options=FORMATS,
                                           value="video", style=_WIDE)),
            FormField("planned_minutes", w.BoundedIntText(description="Minutes", value=20,
                                                          min=5, max=240, style=_WIDE,
                                                          layout=w.Layout(width="160px")),
                      "Ask for 15-20 minutes by phone or video, 20-30 over coffee."),
            FormField("place", text_input("Place or call link", "an address, or the link "
                                          "of the video call")),
            FormField("role", text_input("Role you are curious about", "e.g. product manager")),
            FormField("industry", text_input("Industry", "e.g. health tech")),
        ])
        self.save_meeting_button = button("Save meeting", "success")
        self._past = PastStartCheck()  # a start already past is questioned once
        self.cancel_meeting_button = button("Cancel")
        self.drop_meeting_button = button("Drop my unsaved changes",
                                          tooltip="show the meeting as last saved")
        self.meeting_form_box = form_box("Meeting", self.meeting_form, self.save_meeting_button,
                                         self.cancel_meeting_button, self.drop_meeting_button)
        self.meeting_typing = KeptTyping(
            store, self.meeting_form, self.meeting_form_box, self.drop_meeting_button,
            lambda: self.open_meeting_form(self._editing_meeting),
            read=self._meeting_values, write=self._put_meeting_values,
            inputs=[self.meeting_date, self.meeting_time,
                    *(f.input for name, f in self.meeting_form.fields.items()
                      if name != "starts_at")])

    def _wire_meeting_form(self) -> None:
        self.cancel_meeting_button.on_click(lambda _b: self.meeting_typing.cancel())
        self.save_meeting_button.on_click(lambda _b: self.save_meeting())

    def open_meeting_form(self, meeting_id: int | None = None) -> None:
        """Open the meeting form empty (for the chosen person) or filled (Edit)."""
        self._editing_meeting = meeting_id
        self.message.clear()
        form = self.meeting_form
        form.clear_errors()
        meeting = self.store.get(Meeting, meeting_id) if meeting_id is not None else None
        # A new meeting, or one stored without a zone, is in the user's own time zone
        # (About me) until they say otherwise; its time shows in the zone the form names.
        zone_name = (meeting.timezone if meeting else None) or self.store.get_profile().timezone
        with self.meeting_typing.loading():
            if meeting is not None and meeting.starts_at is not None:
                local = in_zone(meeting.starts_at, meeting.timezone, user_zone(self.store))
                self.meeting_date.value = local.date()
                self.meeting_time.value = form_clock(local)
            else:
                self.meeting_date.value = None
                self.meeting_time.value = time(10, 0)
            form["timezone"].value = zone_name or ""
            form["format"].value = meeting.format if meeting else "video"
            form["planned_minutes"].value = meeting.planned_minutes if meeting else 20
            for name in ("place", "role", "industry"):
                form[name].value = (getattr(meeting, name) if meeting else None) or ""
        self.save_meeting_button.description = "Save changes" if meeting else "Save meeting"
        self._past.reset()
        self.meeting_form_box.layout.display = ""
        person_id = meeting.person_id if meeting else self.people.value
        self.meeting_typing.opened(
            form_key("meeting", meeting_id, person_id=person_id) if person_id is not None
            else None, person_id, save_label=self.save_meeting_button.description,
            as_saved=AS_SAVED["meeting" if meeting else "new meeting"])

    def _meeting_values(self) -> dict[str, Any]:
        """What the meeting form holds, as plain values (the date and time as text)."""
        day, clock = self.meeting_date.value, self.meeting_time.value
        return {"date": day.isoformat() if day else None,
                "time": clock.strftime("%H:%M") if clock else None,
                **self.meeting_form.values("timezone", "format", "planned_minutes", "place",
                                           "role", "industry")}

    def _put_meeting_values(self, values: dict[str, Any]) -> None:
        """Put back the values given (those typed over the form as saved; the rest stay)."""
        if "date" in values:
            with suppress(TypeError, ValueError):
                self.meeting_date.value = date.fromisoformat(values["date"]) if values.get(
                    "date") else None
        if "time" in values:
            with suppress(TypeError, ValueError):
                self.meeting_time.value = time.fromisoformat(values["time"]) if values.get(
                    "time") else None
        for name, field in self.meeting_form.fields.items():
            if name != "starts_at" and values.get(name) is not None:
                with suppress(TraitError):  # a choice or a length the form does not take
                    field.value = values[name]

    def save_meeting(self) -> Meeting | None:
        """Add the meeting, or save its changes (what the form's save button does)."""
        form = self.meeting_form
        with form.guard("saving the meeting"):
            if self._editing_meeting is None and self.people.value is None:
                raise BadInput("choose the person the meeting is with, in the list above")
            zone_name = form["timezone"].value or None
            try:
                start = start_from_fields(self.meeting_date.value, self.meeting_time.value,
                                          zone_name)
            except BadInput as exc:
                raise BadField(as_sentence(str(exc)), "timezone") from exc
            values = {"format": form["format"].value,
                      "place": form["place"].value or None, "role": form["role"].value or None,
                      "industry": form["industry"].value or None}
            before = (self.store.get(Meeting, self._editing_meeting).starts_at
                      if self._editing_meeting is not None else None)
            question = self._past.question(start, zone_name, before)
            if question is not None:
                form["starts_at"].show_error(question)
                form.message.show("Not saved yet: see the date above.", "warning")
                self.save_meeting_button.description = "Save anyway"
                return None
            self.save_meeting_button.description = ("Save meeting" if self._editing_meeting
                                                    is None else "Save changes")
            if self._editing_meeting is None:
                meeting, _plan = add_meeting(self.store, MeetingOptions(
                    person_id=self.people.value, starts_at=start, timezone=zone_name,
                    minutes=int(form["planned_minutes"].value), **values))
                words = f"Added the meeting: {meeting_line(meeting, user_zone(self.store))}."
            else:
                with self._gone("This meeting"):
                    meeting = edit_meeting(self.store, self._editing_meeting, starts_at=start,
                                           timezone=zone_name or "",
                                           planned_minutes=form["planned_minutes"].value,
                                           **values)
                words = f"Saved the meeting: {meeting_line(meeting, user_zone(self.store))}."
            self.meeting_typing.drop()  # saved: nothing typed is left to keep
            self._show_person()
            self.message.show(words, "ok")
            self._changed()
            self._choose_meeting(meeting.saved_id)
            return meeting
        return None

"""Who and when on the prepare panel: the person and meeting chosen, their fields filled
from the store, and the person and meeting records the library works on.

A mixin of :class:`~infoview.widgets.prepare.PreparePanel`, which makes the widgets it
uses (see its ``__init__``); :class:`~infoview.widgets.prepare_parts.PrepareParts` names them.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, time, tzinfo

from infoview.errors import BadInput
from infoview.flows.meetings import person_to_prepare, planned_questions
from infoview.flows.plans import kept_plan, meeting_for_unsaved_plan
from infoview.flows.profile import user_zone
from infoview.flows.profile_prep import prep_defaults
from infoview.flows.research import research_for, title_to_check, use_researched_title
from infoview.models import Meeting, Person
from infoview.times import day_words, form_clock, in_zone, shown_in, start_from_fields, zone_name
from infoview.widgets._common import (
    esc,
    meeting_state,
    on_my_clock,
    zone_note,
)
from infoview.widgets.prepare_parts import PrepareParts

NEW = 0  # the dropdown value meaning "someone new" / "a new meeting"


class WhoAndWhen(PrepareParts):
    """The person and meeting chosen, a part of :class:`PreparePanel`."""

    def choose(self, person_id: int | None, meeting_id: int | None) -> None:
        """Show the person and meeting the user chose on another page. A plan kept for
        another of the person's meetings is not picked up over the meeting chosen (it
        exported the calendar file of the meeting it was kept for)."""
        person = person_id or NEW
        if person not in {value for _label, value in self.person.options}:
            self.refresh_people()  # someone added on another page
        self._wanted_meeting = meeting_id
        try:
            if self.person.value != person:
                self.person.value = person
            elif (meeting_id is not None and self.meeting.value != meeting_id
                    and meeting_id in {value for _label, value in self.meeting.options}):
                self.meeting.value = meeting_id
        finally:
            self._wanted_meeting = None

    def refresh_people(self) -> None:
        """Reload the people dropdown from the store (after research was saved elsewhere)."""
        with self.message.guard("reading the store"):
            self._fill_people()
        self._person_changed()

    @contextmanager
    def _quietly(self):
        """Change dropdowns without their observers reloading the rest of the panel."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _fill_people(self, select: int | None = None) -> None:
        # By name, as the People page lists them: in the order they were added, someone
        # was hard to find among ninety.
        people = sorted(self.store.list(Person), key=lambda p: (p.name.casefold(), p.id or 0))
        if select is None:
            select = person_to_prepare(self.store) or NEW
        with self._quietly():
            self.person.options = [("Someone new", NEW)] + [
                (f"{p.name}{' (' + p.organization + ')' if p.organization else ''}", p.id)
                for p in people]
            self.person.value = select

    def _fill_meetings(self, select: int | None = None) -> None:
        new = self.person.value in (NEW, None)
        meetings = [] if new else self.store.list(Meeting, person_id=self.person.value)
        mine = user_zone(self.store)
        with self._quietly():
            self.meeting.options = [("A new meeting", NEW)] + [
                (f"{on_my_clock(m.starts_at, m.timezone, mine) if m.starts_at else 'no time set'}"
                 f" ({meeting_state(m)})", m.id) for m in meetings]
            # The form below edits a meeting on its own zone's clock, named beside it.
            self.zone_note.value = (zone_note(self.store, mine, "Meetings are listed on",
                                              " The date and time below are the meeting's "
                                              "own, in the time zone beside them.")
                                    if any(m.starts_at for m in meetings) else "")
            known = {m.id for m in meetings} | {NEW}
            self.meeting.value = select if select in known else (
                meetings[-1].id if meetings else NEW)

    def _person_changed(self) -> None:
        if self._quiet:
            return
        new = self.person.value in (NEW, None)
        self.new_person_box.layout.display = "" if new else "none"
        self._forget_previous_person()
        with self._filling(), self.message.guard("reading the store"):
            # Research first: a stored meeting's plan builds the brief preview at once, and
            # that brief must already show the research saved for this person.
            self._load_research()
            self._fill_meetings(self._meeting_to_show())
            self._meeting_changed()  # picks up the plan kept for that meeting, if one is
            self._show_waiting()
            self.offer_update()  # someone met before: the keep-in-touch note is the next step
        self._show_role_note()

    def _meeting_to_show(self) -> int | None:
        """The meeting to show for the person just chosen: the one the user chose, else the
        one whose plan was being edited, else (``None``) their latest."""
        if self._wanted_meeting is not None:
            return self._wanted_meeting
        if self.person.value in (NEW, None):
            return None
        state = kept_plan(self.store, self._person_id())
        if state is None:
            return None
        # A plan made for "a new meeting" goes with the meeting added since (on People).
        return (state.value.get("meeting")
                or meeting_for_unsaved_plan(self.store, self._person_id()) or NEW)

    def _meeting_changed(self) -> None:
        if self._quiet:
            return
        # What was said of the last meeting (saved, exported) is not said of this one.
        self.message.clear()
        self.export_message.clear()
        self.written = {}
        self.exports.value = ""
        self._saved_state = None
        if self.meeting.value in (NEW, None):
            with self._filling():  # emptied by the panel: no edit of the user's to keep
                self._clear_meeting_fields()
                self._industry_from_research()
                self._fill_from_about_me()
        else:
            with self._filling(), self.message.guard("reading the meeting"):
                self._show_meeting(self.meeting.value)
                self._industry_from_research()
                self._saved_state = self.plan_state()
        with self.message.guard("reading the plan you were editing"):
            self._pick_up_kept_plan()

    def _forget_previous_person(self) -> None:
        """Clear what belonged to the person chosen before: their plan, brief, exports and
        draft (a new person must not inherit someone else's questions or call link)."""
        self._planned_for = None
        self.plan = self.brief = self.draft = None
        self.written = {}
        self.picker.clear()
        self.preview.value = self.exports.value = ""
        self.draft_text.value = ""
        self.draft_warnings.value = ""
        for line in (self.message, self.export_message, self.draft_message, self.sent_message):
            line.clear()

    def _clear_meeting_fields(self) -> None:
        """Empty the time and place of "a new meeting" (the last meeting's call link and
        date are not the new one's); what to learn and the plan stay. The time zone starts
        as the user's own (About me), the one the brief shows a time without a zone in."""
        self.date.value = None
        self.time.value = time(10, 0)
        self.timezone.value = self.store.get_profile().timezone or ""
        self.place.value = ""
        self.format.value = "video"

    def _industry_from_research(self) -> None:
        """An empty Industry takes the one research found for the organization ("Digital
        health"), as the brief would anyway; one the user typed or saved is kept."""
        if not self.industry.value.strip():
            self.industry.value = getattr(self.company, "industry", None) or ""

    def _fill_from_about_me(self) -> None:
        """A new plan's empty role and "You are a" still at "anyone" take what About me
        says (a nurse exploring product roles: a career changer curious about product
        manager); what the user typed, and a plan kept from before, stay."""
        said = prep_defaults(self.store.get_profile())
        if said.role and not self.role.value.strip():
            self.role.value = said.role
            self._from_about_me["role"] = said.role
        if said.audience and self.audience.value in ("anyone", self._from_about_me.get(
                "audience")):
            self.audience.value = said.audience
            self._from_about_me["audience"] = said.audience
        self._show_about_me_note()

    def _show_about_me_note(self) -> None:
        """Say under the fields which of them came from About me (while they still say it)."""
        came = [label for name, label, field in (
                    ("audience", "You are a", self.audience),
                    ("role", "Role you are curious about", self.role))
                if name in self._from_about_me
                and field.value == self._from_about_me[name]]
        self.about_me_note.value = (
            "<div class='infoview-about-me-note' style='color:#555;font-size:0.9em;"
            f"margin:0 0 6px 0'>{' and '.join(f'<b>{esc(c)}</b>' for c in came)} came from "
            f"what you wrote under About me; change {'them' if len(came) > 1 else 'it'} here "
            "if this meeting is about something else.</div>"
            if came else "")

    def _show_meeting(self, meeting_id: int) -> None:
        """Fill the fields, and the picker with its planned questions, from a stored meeting."""
        meeting = self.store.get(Meeting, meeting_id)
        # One stored without a zone shows, and is saved again, in the user's (About me).
        if meeting.starts_at is not None:
            local = in_zone(meeting.starts_at, meeting.timezone, user_zone(self.store))
            self.date.value = local.date()
            self.time.value = form_clock(local)
        self.timezone.value = meeting.timezone or self.store.get_profile().timezone or ""
        self.format.value = meeting.format
        self.place.value = meeting.place or ""
        self.minutes.value = max(10, min(60, meeting.planned_minutes))
        self.role.value = meeting.role or self.role.value
        self.industry.value = meeting.industry or self.industry.value
        # The host's own reason: another meeting's is not theirs (none kept: none typed).
        self.reason.value = meeting.reason or ""
        if meeting.audience in {value for _label, value in self.audience.options}:
            self.audience.value = meeting.audience
        plan = planned_questions(self.store, meeting.saved_id)
        if plan.items:
            self._planned_for = None
            self.plan = plan
            self.picker.set_plan(plan)

    def _load_research(self) -> None:
        """The newest stored research about the chosen person and their organization."""
        self.company = self.person_research = None
        self.title_box.layout.display = "none"
        if self.person.value in (NEW, None):
            self.research_note.value = ""
            return
        chosen: str | None = None
        with self.message.guard("reading research"):
            self.company, self.person_research = research_for(self.store, self.person.value)
            chosen = self.store.get(Person, self.person.value).name
        self.picker.research = self.company
        self.research_note.value = _research_note(self.company, self.person_research, chosen)
        self._show_title_note()

    def _show_title_note(self) -> None:
        """Set the title on their record and the one their researched page gives side by
        side when they differ ("Samira's page says Senior UX Researcher; your records say
        Head of user research"): the brief and the questions use the record's."""
        with self.message.guard("reading their record"):
            person = self.store.get(Person, self.person.value)
            page = title_to_check(person, self.person_research)
        if not page:
            return
        self.title_note.value = (
            f"<div class='infoview-title-note' style='color:#8a5300'>"
            f"{esc(_first_name(person.name))}'s page says <b>{esc(page)}</b>; your records "
            f"say <b>{esc(person.title)}</b>. The brief and the questions use your records: "
            "if the page is newer, use its title.</div>")
        self.use_title_button.description = "Use the title from their page"
        self.title_box.layout.display = ""

    def use_page_title(self) -> None:
        """Put the researched page's title on the chosen person's record (what "Use the
        title from their page" does), and say so."""
        if self.person.value in (NEW, None):
            return
        with self.message.guard("changing their title"):
            person = use_researched_title(self.store, self.person.value)
            self.title_box.layout.display = "none"
            self._show_role_note()
            self.message.show(f"{person.name}'s title is now {person.title} on their record.",
                              "ok")

    def current_person(self):
        """The chosen person, or an unsaved ``Person`` from the "someone new" fields."""
        if self.person.value not in (NEW, None):
            return self.store.get(Person, self.person.value)
        name = self.new_name.value.strip()
        if not name:
            # Marked where it is typed, with a pointer to it from under the buttons.
            self.new_name_error.show("Type their name here (or choose someone under Person).",
                                     "error")
            raise BadInput("not done yet: the new person's name is needed (marked in red "
                           "above), or choose someone under Person")
        return Person(name=name, title=self.new_title.value.strip() or None,
                      organization=self.new_organization.value.strip() or None)

    def current_meeting(self, person_id: int | None = None):
        """The meeting as the fields describe it (an unsaved ``Meeting`` for a new one)."""
        if self.meeting.value not in (NEW, None):
            meeting = self.store.get(Meeting, self.meeting.value)
        else:
            meeting = Meeting(person_id=person_id or 0, status="requested")
        meeting.starts_at = self._starts_at()
        meeting.timezone = zone_name(self.timezone.value)  # a city as its IANA zone
        meeting.format = self.format.value
        meeting.place = self.place.value.strip() or None
        meeting.planned_minutes = int(self.minutes.value)
        meeting.role = self.role.value.strip() or None
        meeting.industry = self.industry.value.strip() or None
        meeting.reason = self.reason.value.strip() or None
        meeting.audience = self.audience.value
        return meeting

    def _starts_at(self) -> datetime | None:
        return start_from_fields(self.date.value, self.time.value, self.timezone.value)

    def _host(self) -> tuple[str | None, str | None]:
        """The chosen person's title and name (a new person's as typed)."""
        if self.person.value in (NEW, None):
            return self.new_title.value.strip() or None, self.new_name.value.strip() or None
        person = self.store.get(Person, self.person.value)
        return person.title, person.name

    def _person_id(self) -> int | None:
        return None if self.person.value in (NEW, None) else self.person.value


def _research_note(company, person, chosen: str | None = None) -> str:
    """One line saying which saved research the brief will use (or that there is none).

    A page that names the person otherwise than the user did ("Samira" for "Sam") is
    theirs: said as their page, which names them so, not as someone else's research."""
    found = []
    if company is not None:
        facts = len(getattr(company, "facts", []) or [])
        found.append(f"{esc(company.name or company.url)} (its website"
                     + (f", {facts} fact{'s' if facts != 1 else ''}" if facts else "") + ")")
    if person is not None:
        if chosen and person.name and person.name != chosen:
            found.append(f"their public page, which names them {esc(person.name)}")
        elif getattr(person, "own_page", True):
            found.append(f"{esc(person.name or person.url)} (their public page)")
        else:  # found only among others ("their public page" promised a bio it lacks)
            found.append(f"{esc(person.name or person.url)} (named on a page of several "
                         "people, with no bio)")
    if not found:
        return ("<div class='infoview-research-note' style='color:#8a5300'>No saved research "
                "for this person or their organization yet: research them first (Research), "
                "or plan without it.</div>")
    return ("<div class='infoview-research-note' style='color:#1b5e20'>Research on file: "
            + " and ".join(found) + ".</div>")


def _first_name(name: str) -> str:
    return (name or "").split()[0] if (name or "").split() else name


def _day(moment: datetime | None, zone: tzinfo | None = None) -> str:
    """``Tue 24 Nov`` in ``zone`` (the user's; else the computer's), ``Mon 24 Nov 2025``
    for another year (``""`` for no moment): :func:`~infoview.times.day_words`, which
    leaves out the current year by the same rule everywhere."""
    if moment is None:
        return ""
    local = shown_in(moment, zone)
    return day_words(local, year=local.year != datetime.now(zone).year)

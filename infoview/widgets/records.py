"""The People page: the people, organizations and meetings the user keeps, typed in and
corrected by hand, and deleted (asking first, with Undo).

Every change goes through :mod:`infoview.flows.records` (and
:func:`infoview.flows.meetings.add_meeting` for a new meeting); a value it refuses shows
under the field that holds it. Choosing a person here makes them the person every page of
the app works on (``on_choose``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from traitlets import TraitError

from infoview.errors import BadField, BadInput, NotFound
from infoview.flows.form_drafts import form_key, latest_form, read_form_key
from infoview.flows.meetings import MeetingOptions, add_meeting
from infoview.flows.profile import as_sentence, user_zone
from infoview.flows.records import (
    add_organization,
    add_person,
    edit_meeting,
    edit_organization,
    edit_person,
)
from infoview.flows.research import find_organization, people_at, people_by_organization
from infoview.models import Meeting, Organization, Person
from infoview.times import in_zone, start_from_fields
from infoview.widgets._common import (
    FORMAT_CHOICES,
    WANTED_WORDS,
    MessageLine,
    PastStartCheck,
    bullet_list,
    button,
    count_of,
    esc,
    file_link,
    heading,
    link,
    on_my_clock,
    status_words,
    zone_note,
)
from infoview.widgets.daypicker import DayPicker
from infoview.widgets.deletions import Deletions
from infoview.widgets.forms import Form, FormField, text_input
from infoview.widgets.holdings import HoldingsPanel
from infoview.widgets.keptforms import KeptTyping

if TYPE_CHECKING:  # pragma: no cover
    from infoview.flows.records import Deleted
    from infoview.store import Store

#: How one knows a person, in plain words (stored as the short word).
HOW_KNOWN = (("a friend", "friend"), ("a colleague, now or before", "colleague"),
             ("from my school or university (alumni)", "alumni"),
             ("someone introduced us (a referral)", "referral"), ("met at an event", "event"),
             ("no connection yet (cold)", "cold"))
MOTIVATION = tuple((words, score) for score, words in WANTED_WORDS.items())
FORMATS = FORMAT_CHOICES
_WIDE = {"description_width": "initial"}
#: What "Drop my unsaved changes" brings a form back to, by what it was opened for.
_AS_SAVED = {"person": "the person as last saved", "organization":
             "the organization as last saved", "meeting": "the meeting as last saved",
             "new": "an empty form", "new meeting": "the form as it first opened"}


def _form_box(title: str, form: Form, save: w.Button, cancel: w.Button,
              *more: w.Button) -> w.VBox:
    """A form under its heading with its buttons and its message line, hidden until
    opened."""
    return w.VBox([heading(title), *form.fields.values(), w.HBox([save, cancel, *more]),
                   form.message], layout=w.Layout(display="none"))


def _organization_row(org: Organization, known: list[Person]) -> str:
    """An organization's row in the list: its name, how much the user wants it (the
    form's words) and whom they know there."""
    wanted = WANTED_WORDS.get(org.motivation or 0, WANTED_WORDS[0])
    parts = [org.name, f"want it: {wanted}"]
    if known:
        names = [p.name for p in known]
        more = f" and {len(names) - 2} more" if len(names) > 2 else ""
        parts.append("you know " + ", ".join(names[:2]) + more)
    return "  ·  ".join(parts)


def _person_label(person: Person) -> str:
    extra = ", ".join(x for x in (person.title, person.organization) if x)
    return person.name + (f" ({extra})" if extra else "")


def _meeting_line(meeting: Meeting, mine: tzinfo) -> str:
    """When (on the user's clock, ``mine``: About me's zone, with the meeting's own time
    when its zone's clock differs), how, how long and its state."""
    when = (on_my_clock(meeting.starts_at, meeting.timezone, mine) if meeting.starts_at
            else "no time set yet")
    how = dict((v, k) for k, v in FORMATS).get(meeting.format, meeting.format)
    return (f"{when}, {how}, {meeting.planned_minutes} minutes "
            f"({status_words(meeting.status)})")


class PeoplePage(w.VBox):
    """People and organizations, with their meetings: list, add, edit, delete.

    Args:
        store: the open store.
        on_choose: called with a person's id when one is chosen in the list (the app makes
            them its choice), or with a meeting id as ``meeting_id=``.
        on_change: called with no arguments after anything was added, changed, deleted or
            brought back (the app's other pages reload their lists).
        cache_path: the HTTP cache file forgetting a person also cleans.
        out_dir: where the contact cards and an organization's dossier are written (``None``
            hides those buttons).

    Attributes:
        people: the list of people (a ``Select``; its value is a person's id).
        person_form, organization_form, meeting_form: the forms (``Form`` objects).
        deletions: asks before deleting a person or a meeting, and offers Undo.
        organization_deletions: the same for organizations, on their own tab.
        holdings: what is held about the chosen person.
    """

    def __init__(self, store: Store, *, on_choose: Callable[..., None] | None = None,
                 on_change: Callable[[], None] | None = None,
                 cache_path: str | Path | None = None, out_dir: str | Path | None = None):
        self.store = store
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.on_choose = on_choose
        self.on_change = on_change
        self._editing_person: int | None = None
        self._editing_meeting: int | None = None
        self._editing_organization: int | None = None
        self._quiet = False
        #: The person chosen last (here or by the app), chosen again once a search that hid
        #: them is emptied.
        self._last_chosen: int | None = None
        #: The meeting the user works on (the app's choice, or "Work on it" here).
        self.meeting_id: int | None = None
        #: What was chosen when a record was deleted, by ``(kind, id)``: Undo chooses it again.
        self._chosen_when_deleted: dict[tuple[str, int], tuple[int | None, int | None]] = {}

        # -- people ---------------------------------------------------------------------
        self.find = w.Text(placeholder="Find a person by name or organization",
                           layout=w.Layout(width="320px"), continuous_update=True)
        self.people = w.Select(options=[], rows=8, layout=w.Layout(width="420px"))
        self.add_person_button = button("Add a person", "primary")
        self.card = w.HTML()
        self.edit_person_button = button("Edit")
        self.delete_person_button = button("Delete", "danger")
        self.hold_button = button("What I hold about them")
        self.person_buttons = w.HBox([self.edit_person_button, self.hold_button,
                                      self.delete_person_button])
        self.person_form = Form([
            FormField("name", text_input("Name", "e.g. Sam Okafor")),
            FormField("organization", text_input("Organization", "e.g. Kestrel Health")),
            FormField("title", text_input("Job title", "e.g. Product manager")),
            FormField("email", text_input("Email", "e.g. sam@kestrel.example"),
                      "Fills in the address when you open a draft in your mail program."),
            FormField("phone", text_input("Phone", "")),
            FormField("profile_url", text_input("Profile link", "e.g. their LinkedIn page"),
                      "Kept as a link for you to open; LinkedIn pages are never fetched."),
            # Wide enough for its longest choice beside its label (the default width showed
            # "no connection yet (colc").
            FormField("how_known", w.Dropdown(description="How you know them",
                                              options=HOW_KNOWN, value="cold", style=_WIDE,
                                              layout=w.Layout(width="60%")),
                      "Warm contacts (a friend, a colleague, an introduction) answer far more "
                      "often than cold ones; the outcomes page compares them."),
            FormField("notes", text_input("Notes", "anything worth remembering", lines=3)),
        ])
        self.save_person_button = button("Save person", "success")
        self.cancel_person_button = button("Cancel")
        #: Shown while the form holds typing picked up after a reload, not yet saved.
        self.drop_person_button = button("Drop my unsaved changes",
                                         tooltip="show the person as last saved")
        self.person_form_box = _form_box("Person", self.person_form, self.save_person_button,
                                         self.cancel_person_button, self.drop_person_button)
        # Whatever is typed into a form is kept as it is typed, so that a reload loses none
        # of it; opening the same form again offers it back.
        self.person_typing = KeptTyping(
            store, self.person_form, self.person_form_box, self.drop_person_button,
            lambda: self.open_person_form(self._editing_person))

        # -- their meetings --------------------------------------------------------------
        self.meetings_box = w.VBox()
        #: Which clock the meetings' times are on (About me's zone), said once above them.
        self.zone_note = w.HTML()
        self.add_meeting_button = button("Add a meeting with them")
        self.meeting_date = DayPicker(description="Date", style=_WIDE)
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
        self.meeting_form_box = _form_box("Meeting", self.meeting_form, self.save_meeting_button,
                                         self.cancel_meeting_button, self.drop_meeting_button)
        self.meeting_typing = KeptTyping(
            store, self.meeting_form, self.meeting_form_box, self.drop_meeting_button,
            lambda: self.open_meeting_form(self._editing_meeting),
            read=self._meeting_values, write=self._put_meeting_values,
            inputs=[self.meeting_date, self.meeting_time,
                    *(f.input for name, f in self.meeting_form.fields.items()
                      if name != "starts_at")])

        # -- organizations ---------------------------------------------------------------
        # Each row names how much the user wants it and whom they know there, so that twelve
        # targets are compared without opening twelve cards.
        self.organizations = w.Select(options=[], rows=6, layout=w.Layout(width="640px"))
        #: How much the user wants the chosen organization, set here in one step (the words
        #: of the form's own choice); saved as soon as it is changed.
        self.quick_motivation = w.Dropdown(description="How much you want to work there",
                                           options=MOTIVATION, value=0, style=_WIDE,
                                           layout=w.Layout(width="420px"), disabled=True)
        #: The openings the user saw there, set beside the score in one step (the form's
        #: own words); saved as soon as it is changed, that field alone.
        self.quick_postings = w.BoundedIntText(description="Relevant openings seen", value=0,
                                               min=0, max=10000, style=_WIDE,
                                               layout=w.Layout(width="260px"), disabled=True)
        self.add_organization_button = button("Add an organization", "primary")
        self.organization_card = w.HTML()
        self.organization_card.add_class("infoview-organization-card")
        self.edit_organization_button = button("Edit")
        self.delete_organization_button = button("Delete", "danger")
        self.dossier_buttons = {
            fmt: button(f"Dossier as {label}", tooltip="everything you hold about it on one "
                        "page, for a job interview there")
            for fmt, label in (("html", "a web page"), ("pdf", "PDF"))}
        self.vcard_button = button("Download my contacts (vCard)",
                                   tooltip="every person, for your address book")
        #: Says how writing a dossier went, beside its buttons.
        self.file_message = MessageLine()
        #: Says an organization was saved (the form it was saved from is closed by then).
        self.organization_message = MessageLine()
        self.files = w.HTML()
        #: The contact cards' download link, under the People tab's message.
        self.people_files = w.HTML()
        for control in (*self.dossier_buttons.values(), self.vcard_button):
            control.layout.display = "" if out_dir is not None else "none"
        self.organization_form = Form([
            FormField("name", text_input("Name", "e.g. Kestrel Health")),
            FormField("website", text_input("Website", "e.g. https://kestrel.example"),
                      "Research starts from here."),
            FormField("industry", text_input("Industry", "e.g. health tech")),
            FormField("location", text_input("Location", "e.g. Bristol")),
            FormField("motivation", w.Dropdown(description="How much you want to work there",
                                               options=MOTIVATION, value=0, style=_WIDE,
                                               layout=w.Layout(width="60%")),
                      "Ranks your target list (Outcomes, Targets) with the openings you saw "
                      "and the people you know there."),
            FormField("postings", w.BoundedIntText(description="Relevant openings seen",
                                                   value=0, min=0, max=10000, style=_WIDE,
                                                   layout=w.Layout(width="260px"))),
            FormField("notes", text_input("Notes", "why it interests you", lines=3)),
        ])
        self.save_organization_button = button("Save organization", "success")
        self.cancel_organization_button = button("Cancel")
        self.drop_organization_button = button("Drop my unsaved changes",
                                               tooltip="show the organization as last saved")
        self.organization_form_box = _form_box("Organization", self.organization_form,
                                               self.save_organization_button,
                                               self.cancel_organization_button,
                                               self.drop_organization_button)
        self.organization_typing = KeptTyping(
            store, self.organization_form, self.organization_form_box,
            self.drop_organization_button,
            lambda: self.open_organization_form(self._editing_organization))

        self.message = MessageLine()
        self.deletions = Deletions(store, cache_path=cache_path, on_change=self._deleted,
                                   on_undo=self._brought_back)
        self.organization_deletions = Deletions(store, on_change=self._deleted,
                                                on_undo=self._organization_back)
        self.holdings = HoldingsPanel(store, cache_path=cache_path, deletions=self.deletions,
                                      pick=False)
        self.holdings.children = self.holdings.children[1:]  # its own person list is not used
        self.holdings.layout.display = "none"

        self._wire()
        people_tab = w.VBox([
            w.HBox([self.find, self.add_person_button, self.vcard_button]), self.people,
            self.message, self.people_files,
            self.card, self.person_buttons, self.deletions, self.person_form_box,
            self.holdings, heading("Their meetings"), self.zone_note, self.meetings_box,
            self.add_meeting_button, self.meeting_form_box])
        organizations_tab = w.VBox([
            self.add_organization_button, self.organizations,
            w.HBox([self.quick_motivation, self.quick_postings]),
            self.organization_card,
            w.HBox([self.edit_organization_button, self.delete_organization_button,
                    *self.dossier_buttons.values()]),
            self.organization_deletions, self.organization_message, self.file_message,
            self.files, self.organization_form_box])
        self.tabs = w.Tab(children=[people_tab, organizations_tab],
                          titles=("People", "Organizations"))
        self.tabs.observe(lambda _c: self._reveal_choice(), names="selected_index")
        super().__init__([heading("People and organizations"), self.tabs])
        self.refresh()
        self._pick_up_forms()

    def _wire(self) -> None:
        self.find.observe(lambda _c: self._fill_people(), names="value")
        self.people.observe(lambda _c: self._person_chosen(), names="value")
        self.add_person_button.on_click(lambda _b: self.open_person_form())
        self.edit_person_button.on_click(lambda _b: self.open_person_form(self.people.value))
        self.cancel_person_button.on_click(lambda _b: self.person_typing.cancel())
        self.save_person_button.on_click(lambda _b: self.save_person())
        self.delete_person_button.on_click(lambda _b: self._ask_delete("person",
                                                                       self.people.value))
        self.hold_button.on_click(lambda _b: self.show_holdings())
        self.add_meeting_button.on_click(lambda _b: self.open_meeting_form())
        self.cancel_meeting_button.on_click(lambda _b: self.meeting_typing.cancel())
        self.save_meeting_button.on_click(lambda _b: self.save_meeting())
        self.organizations.observe(lambda _c: self._organization_chosen(), names="value")
        self.quick_motivation.observe(lambda _c: self.set_motivation(), names="value")
        self.quick_postings.observe(lambda _c: self.set_postings(), names="value")
        self.add_organization_button.on_click(lambda _b: self.open_organization_form())
        self.edit_organization_button.on_click(
            lambda _b: self.open_organization_form(self.organizations.value))
        self.cancel_organization_button.on_click(lambda _b: self.organization_typing.cancel())
        self.save_organization_button.on_click(lambda _b: self.save_organization())
        self.delete_organization_button.on_click(lambda _b: self._ask_delete_organization())
        for fmt, control in self.dossier_buttons.items():
            control.on_click(lambda _b, fmt=fmt: self.write_dossier(fmt))
        self.vcard_button.on_click(lambda _b: self.write_vcards())

    # -- lists ----------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        """Reload both lists from the store, keeping (or making) a choice."""
        with self.message.guard("reading the store"):
            self._fill_people(select)
            self._fill_organizations()

    def _fill_people(self, select: int | None = None) -> None:
        wanted = self.find.value.strip().casefold()
        everyone = self.store.list(Person)
        people = [p for p in everyone if not wanted or wanted in _person_label(p).casefold()]
        people.sort(key=lambda p: p.name.casefold())
        if select is not None:
            self._last_chosen = select
        # The person chosen stays chosen through a search that hid them for a while.
        keep = next((k for k in (select, self.people.value, self._last_chosen)
                     if k is not None), None)
        self._quiet = True
        try:
            self.people.options = [(_person_label(p), p.id) for p in people]
            ids = [p.id for p in people]
            self.people.value = keep if keep in ids else None
        finally:
            self._quiet = False
        self._show_person()
        if not everyone:
            self.card.value = ("<p class='infoview-no-people'><i>No people yet: press Add a "
                               "person to add the first.</i></p>")
        elif not people:
            self.card.value = (f"<p class='infoview-no-people'><i>Nobody's name, title or "
                               f"organization holds “{esc(self.find.value.strip())}”: "
                               "empty the search box to see everyone.</i></p>")

    def _fill_organizations(self, select: int | None = None) -> None:
        keep = select if select is not None else self.organizations.value
        organizations = sorted(self.store.list(Organization), key=lambda o: o.name.casefold())
        known = people_by_organization(self.store)
        self._quiet = True  # a reload, not the user choosing: what was said stays
        try:
            self.organizations.options = [(_organization_row(o, known.get(o.id or 0, [])),
                                           o.id) for o in organizations]
            self.organizations.value = keep if keep in [o.id for o in organizations] else None
        finally:
            self._quiet = False
        self._show_organization()

    def choose(self, person_id: int | None, meeting_id: int | None = None) -> None:
        """Show ``person_id`` as chosen in the list (the app's choice moved elsewhere), and
        remember ``meeting_id``, the meeting worked on."""
        self.meeting_id = meeting_id
        self._last_chosen = person_id
        if person_id != self.people.value:
            if self.find.value and person_id is not None:
                self.find.value = ""
            self._quiet = True
            try:
                ids = [value for _label, value in self.people.options]
                self.people.value = person_id if person_id in ids else None
            finally:
                self._quiet = False
            self._moved_on()
            self._show_person()
            self._follow_organization()

    def _person_chosen(self) -> None:
        if self._quiet:
            return
        self._last_chosen = self.people.value
        self._moved_on()
        self._show_person()
        self._follow_organization()
        if self.people.value is not None and self.on_choose is not None:
            self.on_choose(person_id=self.people.value)

    def _follow_organization(self) -> None:
        """The Organizations tab shows the chosen person's organization (found by the rule
        research attaches by: "Kestrel Health Inc." is Kestrel Health); with none stored,
        the organization chosen there stays."""
        chosen = self.people.value
        person = self.store.list(Person, id=chosen) if chosen is not None else []
        org = find_organization(self.store, person[0].organization) if person else None
        if org is not None and org.id != self.organizations.value and \
                org.id in {value for _label, value in self.organizations.options}:
            self.organizations.value = org.id  # as if chosen there: the last one's words go

    def _reveal_choice(self) -> None:
        """Scroll the list of the tab just shown to what is chosen in it. A list chosen in
        while its tab was hidden (the person's organization, followed) kept its scroll at
        the top, the choice out of sight: the browser scrolls to a choice only when it is
        made on a list it shows, so the choice is made again."""
        select = self.organizations if self.tabs.selected_index == 1 else self.people
        chosen = select.value
        if chosen is None:
            return
        self._quiet = True
        try:
            select.value = None
            select.value = chosen
        finally:
            self._quiet = False

    def _moved_on(self) -> None:
        """Another person is chosen: what was said, or asked, about the last one goes."""
        self.message.clear()
        self.people_files.value = ""
        self.deletions.withdraw()

    def _show_person(self) -> None:
        chosen = self.people.value
        self.person_buttons.layout.display = "none" if chosen is None else ""
        self.add_meeting_button.layout.display = "none" if chosen is None else ""
        self.holdings.layout.display = "none"
        self._close(self.meeting_form_box)
        self.zone_note.value = ""
        if chosen is None:
            self.card.value = ""
            self.meetings_box.children = [w.HTML("<i>Choose a person to see their meetings.</i>")]
            return
        person = self.store.get(Person, chosen)
        known = dict((v, k) for k, v in HOW_KNOWN).get(person.how_known, person.how_known)
        lines = [f"{label}: {link(value) if label == 'Profile link' else esc(value)}"
                 for label, value in (
                     ("Job title", person.title), ("Organization", person.organization),
                     ("Email", person.email), ("Phone", person.phone),
                     ("Profile link", person.profile_url), ("How you know them", known),
                     ("Notes", person.notes)) if value]
        self.card.value = (f"<div class='infoview-person-card'><b>{esc(person.name)}</b>"
                           f"{bullet_list(lines, 'Nothing but their name yet.')}</div>")
        rows: list[w.Widget] = []
        mine = user_zone(self.store)
        meetings = sorted(self.store.list(Meeting, person_id=chosen),
                          key=lambda m: (m.starts_at is None, m.starts_at or 0, m.id))
        # The clock is named once, above the list, not on every line.
        self.zone_note.value = (zone_note(self.store, mine)
                                if any(m.starts_at is not None for m in meetings) else "")
        for meeting in meetings:
            work = button("Work on it", tooltip="prepare, hold and debrief this meeting")
            edit = button("Edit")
            delete = button("Delete", "danger")
            work.on_click(lambda _b, mid=meeting.id: self._choose_meeting(mid))
            edit.on_click(lambda _b, mid=meeting.id: self.open_meeting_form(mid))
            delete.on_click(lambda _b, mid=meeting.id: self._ask_delete("meeting", mid))
            rows.append(w.HBox([w.HTML(esc(_meeting_line(meeting, mine)),
                                       layout=w.Layout(flex="1 1 auto")), work, edit, delete],
                               layout=w.Layout(align_items="center")))
        self.meetings_box.children = rows or [w.HTML("<i>No meetings with them yet.</i>")]

    def _choose_meeting(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        if self.on_choose is not None:
            self.on_choose(meeting_id=meeting_id)

    def show_holdings(self) -> None:
        """Show everything held about the chosen person, readably, with a delete button."""
        if self.people.value is not None:
            self.holdings.layout.display = ""
            self.holdings.show(self.people.value)

    # -- people ---------------------------------------------------------------------------
    def open_person_form(self, person_id: int | None = None) -> None:
        """Open the form empty (Add a person) or filled with a person (Edit)."""
        self._editing_person = person_id
        self.message.clear()  # a new form: the last save is not its story
        form = self.person_form
        form.clear_errors()
        person = self.store.get(Person, person_id) if person_id is not None else None
        with self.person_typing.loading():
            for name, field in form.fields.items():
                value = getattr(person, name, None) if person is not None else None
                field.value = value if value is not None else ("cold" if name == "how_known"
                                                               else "")
        self.save_person_button.description = "Save changes" if person else "Save person"
        self.person_form_box.layout.display = ""
        self.person_typing.opened(form_key("person", person_id), person_id,
                                  save_label=self.save_person_button.description,
                                  as_saved=_AS_SAVED["person" if person else "new"])

    def _pick_up_forms(self) -> None:
        """Open again the forms typed into and not saved (before a reload or a closed tab):
        the person form typed last; the meeting form typed last, when it is about the same
        person (or no person form was kept); the organization form typed last, its tab
        shown when it was typed after the others. Whoever a form is about is chosen."""
        person_state = meeting_state = organization_state = None
        with self.message.guard("reading what you typed before"):
            person_state = latest_form(self.store, "person")
            meeting_state = latest_form(self.store, "meeting")
            organization_state = latest_form(self.store, "organization")
        meeting_id = None
        if person_state is not None:
            person_id = read_form_key(person_state.key)[1]
            if person_id is not None:
                self._fill_people(select=person_id)
            self.open_person_form(person_id)
        if meeting_state is not None:
            _kind, meeting_id, person_id = read_form_key(meeting_state.key)
            if meeting_id is not None:
                person_id = self.store.get(Meeting, meeting_id).person_id
            if self.people.value in (None, person_id):
                self._fill_people(select=person_id)
                self.open_meeting_form(meeting_id)
            else:
                meeting_state = meeting_id = None  # kept, and offered on that meeting's form
        self._follow_organization()  # the person picked up is chosen: so is their organization
        if organization_state is not None:
            organization_id = read_form_key(organization_state.key)[1]
            if organization_id is not None:
                self._fill_organizations(select=organization_id)
            self.open_organization_form(organization_id)
            others = [s.updated_at for s in (person_state, meeting_state) if s is not None]
            if not others or organization_state.updated_at > max(others):
                self.tabs.selected_index = 1
        if self.on_choose is not None and (person_state or meeting_state):
            # the app works on whom the form is about, so it stays chosen here
            if meeting_id is not None:
                self.on_choose(meeting_id=meeting_id)
            elif self.people.value is not None:
                self.on_choose(person_id=self.people.value)

    def save_person(self) -> Person | None:
        """Add the person, or save the changes (what the form's save button does)."""
        with self.person_form.guard("saving the person"):
            values = self.person_form.values()
            if self._editing_person is None:
                person = add_person(self.store, **values)
                words = f"Added {person.name}."
            else:
                # Only what was changed in the form: research saved meanwhile (their title),
                # or another tab, changed the rest, and the form's old values would undo it.
                changed = self.person_typing.changed(values)
                with self._gone(values.get("name") or "This person"):
                    person = edit_person(self.store, self._editing_person, **changed)
                words = f"Saved the changes to {person.name}."
            self.person_typing.drop()  # saved: nothing typed is left to keep
            self._close(self.person_form_box)
            self.find.value = ""
            self._fill_people(select=person.id)
            self._fill_organizations()
            self._follow_organization()
            self.message.show(words, "ok")
            self._changed()
            if self.on_choose is not None:
                self.on_choose(person_id=person.id)
            return person
        return None

    # -- meetings -------------------------------------------------------------------------
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
                self.meeting_time.value = local.time().replace(tzinfo=None)
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
            as_saved=_AS_SAVED["meeting" if meeting else "new meeting"])

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
                words = f"Added the meeting: {_meeting_line(meeting, user_zone(self.store))}."
            else:
                with self._gone("This meeting"):
                    meeting = edit_meeting(self.store, self._editing_meeting, starts_at=start,
                                           timezone=zone_name or "",
                                           planned_minutes=form["planned_minutes"].value,
                                           **values)
                words = f"Saved the meeting: {_meeting_line(meeting, user_zone(self.store))}."
            self.meeting_typing.drop()  # saved: nothing typed is left to keep
            self._show_person()
            self.message.show(words, "ok")
            self._changed()
            self._choose_meeting(meeting.saved_id)
            return meeting
        return None

    # -- organizations --------------------------------------------------------------------
    def _organization_chosen(self) -> None:
        """Another organization: the last one's messages and dossier links go, and a delete
        asked about it is withdrawn."""
        if self._quiet:
            return
        self._forget_organization_messages()
        self.organization_deletions.withdraw()
        self._show_organization()

    def _ask_delete_organization(self) -> None:
        """Ask before deleting the organization chosen; "Saved Kestrel Health." and its
        dossier links were the last action's, and stayed under "Deleted Kestrel Health"."""
        self._forget_organization_messages()
        self.organization_deletions.ask("organization", self.organizations.value)

    def _forget_organization_messages(self) -> None:
        self.organization_message.clear()
        self.file_message.clear()
        self.files.value = ""

    def _show_organization(self) -> None:
        chosen = self.organizations.value
        # Every button here acts on the organization chosen: none is offered before one is
        # (the dossier buttons looked ready and answered "choose one first").
        for control in (self.edit_organization_button, self.delete_organization_button,
                        self.quick_motivation, self.quick_postings,
                        *self.dossier_buttons.values()):
            control.disabled = chosen is None
        self._quiet, quiet = True, self._quiet
        try:  # showing the chosen one's score and openings is no change of them
            shown = self.store.get(Organization, chosen) if chosen is not None else None
            self.quick_motivation.value = (shown.motivation or 0) if shown else 0
            self.quick_postings.value = (shown.postings or 0) if shown else 0
        finally:
            self._quiet = quiet
        if chosen is None:
            self.organization_card.value = (
                "<p class='infoview-no-organization'><i>Choose an organization in the list to "
                "see what you hold about it, edit it or make its dossier.</i></p>"
                if self.organizations.options else
                "<p class='infoview-no-organization'><i>No organizations yet: press Add an "
                "organization, or save research on a company's website (Research).</i></p>")
            return
        org = self.store.get(Organization, chosen)
        wanted = WANTED_WORDS.get(org.motivation) if org.motivation is not None else None
        facts = (("Website", org.website), ("Industry", org.industry),
                 ("Location", org.location),
                 ("How much you want to work there", wanted if org.motivation else None),
                 ("Relevant openings seen", org.postings), ("Notes", org.notes))
        # the website opens from here (a new tab), as the person's profile link does
        lines = [f"{label}: {link(str(value)) if label == 'Website' else esc(value)}"
                 for label, value in facts if value]
        people = [p.name for p in people_at(self.store, org)]
        if people:
            lines.append("People you know there: " + esc(", ".join(people)))
        self.organization_card.value = (f"<b>{esc(org.name)}</b>"
                                        + bullet_list(lines, "Nothing but its name yet."))

    def set_motivation(self) -> None:
        """Save how much the user wants the chosen organization, as chosen beside the list
        (no form to open): its row and card say it at once."""
        self._save_from_list(
            "how much you want it", motivation=self.quick_motivation.value,
            said=lambda org: (f"Saved: {org.name}, {WANTED_WORDS[org.motivation]}."
                              if org.motivation else f"Saved: {org.name} is not scored."))

    def set_postings(self) -> None:
        """Save how many relevant openings the user saw at the chosen organization, as
        typed beside the list (no form to open), and that field alone."""
        self._save_from_list(
            "the openings you saw", postings=self.quick_postings.value,
            said=lambda org: (f"Saved: {org.name}, "
                              f"{count_of(org.postings or 0, 'relevant opening')} seen."))

    def _save_from_list(self, what: str, *, said: Callable[[Organization], str],
                        **field: Any) -> None:
        """Save one field of the chosen organization from a choice beside the list, then
        show its row again and say ``said(org)`` beside it."""
        chosen = self.organizations.value
        if self._quiet or chosen is None:
            return
        self._forget_organization_messages()
        with self.organization_message.guard(f"saving {what}"):
            with self._gone("This organization"):
                org = edit_organization(self.store, chosen, **field)
            self._fill_organizations(org.saved_id)
            self.organization_message.show(said(org), "ok")
            self._changed()

    def open_organization_form(self, organization_id: int | None = None) -> None:
        """Open the organization form empty (Add) or filled (Edit)."""
        self._editing_organization = organization_id
        self._forget_organization_messages()
        form = self.organization_form
        form.clear_errors()
        org = (self.store.get(Organization, organization_id) if organization_id is not None
               else None)
        with self.organization_typing.loading():
            for name, field in form.fields.items():
                value = getattr(org, name) if org else None
                field.value = (value or 0) if name in ("postings", "motivation") else (value or "")
        self.organization_form_box.layout.display = ""
        self.organization_typing.opened(
            form_key("organization", organization_id), None,
            save_label="Save organization",
            as_saved=_AS_SAVED["organization" if org else "new"])

    def save_organization(self) -> Organization | None:
        """Add the organization, or save its changes."""
        with self.organization_form.guard("saving the organization"):
            values = self.organization_form.values()
            scores = {name: values.pop(name) for name in ("motivation", "postings")}
            if self._editing_organization is None:
                org = add_organization(self.store, **values)
            else:
                with self._gone(values.get("name") or "This organization"):
                    org = edit_organization(self.store, self._editing_organization, **values)
            org = edit_organization(self.store, org.saved_id, **scores)
            self.organization_typing.drop()  # saved: nothing typed is left to keep
            self._close(self.organization_form_box)
            self._fill_organizations()
            self.organizations.value = org.id
            self.organization_message.show(f"Saved {org.name}.", "ok")
            self._changed()
            return org
        return None

    # -- files to take away ----------------------------------------------------------------
    def write_dossier(self, fmt: str) -> Path | None:
        """Write the chosen organization's dossier and offer it for download."""
        from infoview.flows.dossier import build_dossier
        from infoview.prep.dossier import export_dossier

        with self.file_message.guard("writing the dossier"):
            if self.organizations.value is None or self.out_dir is None:
                raise BadInput("choose an organization in the list first")
            dossier = build_dossier(self.store, self.organizations.value)
            path = export_dossier(dossier, self.out_dir, fmt, store=self.store)
            self.files.value = f"<p>{file_link(path)}</p>"  # it says the folder too
            self.file_message.show(f"Wrote the dossier of {dossier.name}: download it below.",
                                   "ok")
            return path
        return None

    def write_vcards(self) -> Path | None:
        """Write every person as a contact card (one .vcf file) and offer it for download."""
        from infoview.store.exchange import export_vcards

        with self.message.guard("writing the contact cards"):
            if self.out_dir is None:
                return None
            self.people_files.value = ""
            if not self.store.list(Person):
                self.message.show("No one to write yet: add a person first.", "info")
                return None
            path = self.out_dir / "infoview-people.vcf"
            count = export_vcards(self.store, path)
            # beside the message, not in place of the chosen person's card
            self.people_files.value = f"<p>{file_link(path)}</p>"
            self.message.show(f"Wrote {count} contact card{'s' if count != 1 else ''}: "
                              f"download {'them' if count != 1 else 'it'} below.", "ok")
            return path
        return None

    # -- after changes --------------------------------------------------------------------
    @contextmanager
    def _gone(self, label: str) -> Iterator[None]:
        """A record deleted meanwhile (in another tab or window) is named by ``label`` and
        the lists reload, instead of the library's "there is no person 2"."""
        try:
            yield
        except NotFound:
            self._fill_people()
            self._fill_organizations()
            raise NotFound(f"{label} is no longer in your store: deleted meanwhile, perhaps "
                           "in another tab or window. Nothing was saved.") from None

    @staticmethod
    def _close(box: w.VBox) -> None:
        box.layout.display = "none"

    def _ask_delete(self, kind: str, record_id: int | None) -> None:
        """Ask before deleting, remembering who and which meeting were chosen then."""
        if record_id is None:
            return
        self.message.clear()  # "Added the meeting: ..." was the last action's, not this one's
        self._chosen_when_deleted[(kind, record_id)] = (self.people.value, self.meeting_id)
        self.deletions.ask(kind, record_id)

    def _brought_back(self, deleted: Deleted) -> None:
        """After Undo: a person comes back chosen, with the meeting chosen when they were
        deleted; a meeting that was the one worked on is chosen again."""
        person, meeting = self._chosen_when_deleted.pop((deleted.kind, deleted.record_id),
                                                        (None, None))
        if deleted.kind == "person":
            person = deleted.record_id
        elif deleted.kind != "meeting" or meeting != deleted.record_id:
            return
        with self.message.guard("choosing again"):
            if person is None or not self.store.list(Person, id=person):
                return
            self._fill_people(select=person)
            if meeting is not None and self.store.list(Meeting, id=meeting):
                self._choose_meeting(meeting)
            elif self.on_choose is not None:
                self.on_choose(person_id=person)

    def _organization_back(self, deleted: Deleted) -> None:
        """After Undo: the organization brought back is chosen again."""
        with self.organization_message.guard("choosing again"):
            self._fill_organizations(select=deleted.record_id)

    def _deleted(self) -> None:
        self.holdings.clear()
        self.holdings.layout.display = "none"
        self.refresh()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


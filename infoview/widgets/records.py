"""The People page: the people, organizations and meetings the user keeps, typed in and
corrected by hand, and deleted (asking first, with Undo).

Every change goes through :mod:`infoview.flows.records` (and
:func:`infoview.flows.meetings.add_meeting` for a new meeting); a value it refuses shows
under the field that holds it. Choosing a person here makes them the person every page of
the app works on (``on_choose``).

The page is in three modules, by what it shows: the People tab here, the meeting form under
it in :mod:`~infoview.widgets.records_meetings`, the Organizations tab in
:mod:`~infoview.widgets.records_organizations` (each a class :class:`PeoplePage` mixes in).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.errors import NotFound
from infoview.flows.form_drafts import form_key, latest_form, read_form_key
from infoview.flows.profile import user_zone
from infoview.flows.records import add_person, edit_person, meeting_label
from infoview.flows.research import find_organization
from infoview.models import HOW_KNOWN_WORDS, Meeting, Person
from infoview.widgets._common import (
    LIST_STYLE,
    MessageLine,
    bullet_list,
    button,
    esc,
    file_link,
    heading,
    link,
    record_list,
    zone_note,
)
from infoview.widgets.deletions import Deletions
from infoview.widgets.forms import Form, FormField, form_box, text_input
from infoview.widgets.holdings import HoldingsPanel
from infoview.widgets.keptforms import AS_SAVED, KeptTyping
from infoview.widgets.records_meetings import MeetingForm, meeting_line
from infoview.widgets.records_organizations import OrganizationsTab

if TYPE_CHECKING:  # pragma: no cover
    from infoview.flows.records import Deleted
    from infoview.store import Store

#: How one knows a person, in plain words (stored as the short word).
HOW_KNOWN = tuple((words, known) for known, words in HOW_KNOWN_WORDS.items())
_WIDE = {"description_width": "initial"}


def _person_label(person: Person) -> str:
    extra = ", ".join(x for x in (person.title, person.organization) if x)
    return person.name + (f" ({extra})" if extra else "")


class PeoplePage(OrganizationsTab, MeetingForm, w.VBox):
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
        self.people = record_list(rows=8)
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
        ]).align_labels()
        self.save_person_button = button("Save person", "success")
        self.cancel_person_button = button("Cancel")
        #: Shown while the form holds typing picked up after a reload, not yet saved.
        self.drop_person_button = button("Drop my unsaved changes",
                                         tooltip="show the person as last saved")
        self.person_form_box = form_box("Person", self.person_form, self.save_person_button,
                                         self.cancel_person_button, self.drop_person_button)
        # Whatever is typed into a form is kept as it is typed, so that a reload loses none
        # of it; opening the same form again offers it back.
        self.person_typing = KeptTyping(
            store, self.person_form, self.person_form_box, self.drop_person_button,
            lambda: self.open_person_form(self._editing_person))

        # "Download my contacts (vCard)" said neither what is written nor what "vCard" is
        self.vcard_button = button("Save everyone for my address book",
                                   tooltip="writes one contact-card file (.vcf) with everyone "
                                   "here, to download and open in your address book or phone")
        #: The contact cards' download link, under the People tab's message.
        self.people_files = w.HTML()

        # -- their meetings --------------------------------------------------------------
        self.meetings_box = w.VBox()
        #: Which clock the meetings' times are on (About me's zone), said once above them.
        self.zone_note = w.HTML()
        self.add_meeting_button = button("Add a meeting with them")
        self._build_meeting_form(store)  # the meeting form (records_meetings)

        # -- organizations (records_organizations) ----------------------------------------
        self._build_organizations(store, out_dir)

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
        organizations_tab = self._organizations_tab()
        self.tabs = w.Tab(children=[people_tab, organizations_tab],
                          titles=("People", "Organizations"))
        self.tabs.observe(lambda _c: self._reveal_choice(), names="selected_index")
        title = heading("People and organizations")
        title.value = LIST_STYLE + title.value  # the lists' long rows wrap
        super().__init__([title, self.tabs])
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
        self._wire_meeting_form()
        self._wire_organizations()
        self.vcard_button.on_click(lambda _b: self.write_vcards())

    # -- lists ----------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        """Reload both lists from the store, keeping (or making) a choice."""
        with self.message.guard("reading your saved people"):
            self._fill_people(select)
            self._fill_organizations()
            self.deletions.show_stopped()

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
        # An empty list is a blank box the size of eight rows above "No people yet"; nor
        # is there anyone to download as contacts
        self.people.layout.display = "" if everyone else "none"
        self.vcard_button.layout.display = "" if everyone and self.out_dir is not None \
            else "none"
        if not everyone:
            self.card.value = ("<p class='infoview-no-people'><i>No people yet: press Add a "
                               "person to add the first.</i></p>")
        elif not people:
            self.card.value = (f"<p class='infoview-no-people'><i>Nobody's name, title or "
                               f"organization holds “{esc(self.find.value.strip())}”: "
                               "empty the search box to see everyone.</i></p>")

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

    def shown_again(self) -> None:
        """The user came back from another page: what was said (or asked) here before they
        left is no longer news ("Saved the changes to Sam Okafor." stood there as if just
        said). The session's deletions stay listed, each with its Undo."""
        self._moved_on()
        self._forget_organization_messages()
        self.organization_deletions.withdraw()

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
            # "Work on it" did not say what happens: it chooses the meeting for the pages
            work = button("Choose this meeting",
                          tooltip="Prepare, Meeting and Debrief then work on this meeting")
            edit = button("Edit")
            delete = button("Delete", "danger")
            work.on_click(lambda _b, mid=meeting.id: self.work_on_meeting(mid))
            edit.on_click(lambda _b, mid=meeting.id: self.open_meeting_form(mid))
            delete.on_click(lambda _b, mid=meeting.id: self._ask_delete("meeting", mid))
            rows.append(w.HBox([w.HTML(esc(meeting_line(meeting, mine)),
                                       layout=w.Layout(flex="1 1 auto")), work, edit, delete],
                               layout=w.Layout(align_items="center")))
        self.meetings_box.children = rows or [w.HTML("<i>No meetings with them yet.</i>")]

    def work_on_meeting(self, meeting_id: int) -> None:
        """Make the meeting the one the pages work on, and say so (what "Choose this
        meeting" does: the header's change, far above, went unseen)."""
        with self.message.guard("choosing the meeting"):
            self._choose_meeting(meeting_id)
            label = meeting_label(self.store, self.store.get(Meeting, meeting_id))
            self.message.show(f"Prepare, Meeting and Debrief now work on {label}.", "ok")

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
                                  as_saved=AS_SAVED["person" if person else "new"])

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
            self.message.show(f"Wrote {count} contact card{'s' if count != 1 else ''} into "
                              "one file: download it below, then open it in your address "
                              "book or phone to add them.", "ok")
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
            raise NotFound(f"{label} is no longer among your saved people: deleted meanwhile, perhaps "
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

    def _deleted(self) -> None:
        self.holdings.clear()
        self.holdings.layout.display = "none"
        self.refresh()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


"""The app: one page with a navigation bar over every step, sharing one choice of person.

``infoview app`` shows :class:`App` (``notebooks/00_app.ipynb``). Its pages are the panels
of the other notebooks plus a home page, the user's profile and the records: Home, About
me, People, Research, Prepare, Meeting (the companion), Debrief, Outcomes. A page is built
the first time it is opened, so the app paints quickly and pays only for what is used.

The person and meeting worked on live in one :class:`~infoview.widgets.selection.Selection`:
choosing them anywhere (People, Prepare, the debrief, saving research) moves every other
page to them, and "Someone new" in Prepare clears it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.errors import InfoviewError
from infoview.flows.app_place import Place, keep_place, reopen_place
from infoview.flows.meetings import ADD_A_MEETING, next_meeting
from infoview.models import Meeting, Person
from infoview.widgets._common import MessageLine, esc
from infoview.widgets.selection import Selection

if TYPE_CHECKING:
    from infoview.widgets.meeting import MeetingCompanion
    from infoview.widgets.session import NotebookSession

log = logging.getLogger(__name__)

#: The pages, in the order of the navigation bar: (key, label).
PAGES = (("home", "Home"), ("profile", "About me"), ("people", "People"),
         ("research", "Research"), ("prepare", "Prepare"), ("meeting", "Meeting"),
         ("debrief", "Debrief"), ("outcomes", "Outcomes"), ("imports", "Import"))

_NEW = 0  # the preparation panel's "Someone new" / "A new meeting"

_STYLE = """<style>
.infoview-app { max-width: 1100px; }
.infoview-app .infoview-nav .widget-toggle-button { width: auto; padding: 0 14px; }
.infoview-app h2.infoview-title { margin: 4px 0 0 0; }
.infoview-app .infoview-where { color: #555; font-size: 0.9em; }
</style>"""


def findable_folder(folder: Path) -> str:
    """A folder as a user finds it in their file browser: "Documents/infoview" inside
    their home folder, rather than "/home/lena/Documents/infoview" in code type; a folder
    elsewhere keeps its full path, the only way to find it."""
    try:
        inside = Path(folder).expanduser().resolve().relative_to(Path.home().resolve())
    except (ValueError, OSError, RuntimeError):
        return str(folder)
    return inside.as_posix() if inside.parts else "your home folder"


class App(w.VBox):
    """The whole kit on one page.

    Args:
        session: a :class:`~infoview.widgets.session.NotebookSession` (the store, the export
            folder, research settings).
        now: the moment "due" and "overdue" are measured against (default: now); tests pass
            one.
        page: the page to open first (a key of :data:`PAGES`); by default the one the
            user was on last when they were in the app within the last few hours (a
            reload, or the tab opened again, comes back there, with the person and meeting
            chosen then), else Home (see :func:`~infoview.flows.app_place.reopen_place`).
        background: the home page works out what is due in a worker thread, so the app
            shows at once (``app.home.wait()`` waits for it); tests pass ``False``.

    Attributes:
        selection: the person and meeting every page follows.
        pages: the pages built so far, by key (``app.page("prepare")`` builds one).
        nav: the navigation bar (its ``value`` is the key of the page shown).
    """

    def __init__(self, session: NotebookSession, *, now: datetime | None = None,
                 page: str | None = None, background: bool = True):
        self.session = session
        self.store = session.store
        self.now = now
        self.background = background
        self.selection = Selection()
        self.pages: dict[str, w.Widget] = {}
        self._builders: dict[str, Callable[[], w.Widget]] = {
            "home": self._build_home, "profile": self._build_profile,
            "people": self._build_people, "research": self._build_research,
            "prepare": self._build_prepare, "meeting": self._build_meeting,
            "debrief": self._build_debrief, "outcomes": self._build_outcomes,
            "imports": self._build_imports,
        }
        self._labels = dict(PAGES)
        self._companion: MeetingCompanion | None = None
        self._seen: dict[str, int] = {}  # the store's write count when each page was drawn
        self._reloading = False  # lists reloading after a change: their defaults choose nothing
        self._debrief_note = w.HTML()
        #: Whether the user chose a person or meeting since the app opened (the choice it
        #: opened on is only its guess: a plan being edited may win over that, not over this).
        self._user_chose = False

        self.nav = w.ToggleButtons(options=[(label, key) for key, label in PAGES], value=None,
                                   style={"button_width": "auto"})
        self.nav.add_class("infoview-nav")
        self.where = w.HTML(self._where_html())
        self.chosen = w.HTML()
        self.message = MessageLine()
        self.body = w.VBox()
        self.nav.observe(lambda change: self.show(change["new"]), names="value")
        self.selection.observe(lambda _c: self._selection_changed(),
                               names=["person_id", "meeting_id"])
        super().__init__([w.HTML(_STYLE + "<h2 class='infoview-title'>infoview</h2>"),
                          self.where, self.nav, self.chosen, self.message, self.body])
        self.add_class("infoview-app")
        #: Where the user is, as kept last (``None`` until the app has opened).
        self._place: Place | None = None
        place = None
        with self.message.guard("reading your saved data"):
            place, restored = reopen_place(self.store, now)
            if restored and place is not None:
                # The same sitting: opening again is a step in it (a reload later on
                # still comes back here).
                self._restamp(place)
            if place is not None and place.person_id is not None:
                # Where the user was, their own choice, which a plan kept for someone else
                # does not take over; opened in a later sitting, only the app's guess.
                self._user_chose = restored
                self.selection.choose(self.store, person_id=place.person_id,
                                      meeting_id=place.meeting_id)
            elif restored:
                # Nobody chosen when the user was last here (the person was deleted, or
                # someone new was being entered): nobody still, until they choose.
                self._user_chose = True
            else:
                # Else where the user is likely to be: the next meeting (else the latest).
                meeting = next_meeting(self.store, now)
                if meeting is not None:
                    self.selection.choose(self.store, meeting_id=meeting)
        self._show_chosen()
        if page is None:
            page = (place.page if place is not None and place.page in self._builders
                    else "home")
        self.nav.value = page
        self._place = self._here()

    # -- pages --------------------------------------------------------------------------
    def add_page(self, key: str, label: str, build: Callable[[], w.Widget]) -> None:
        """Add a page to the navigation bar (the import panel for mail and calendar files is
        mounted this way); ``build`` makes its widget on the first visit."""
        self._builders[key] = build
        self._labels[key] = label
        self.nav.options = [*self.nav.options, (label, key)]

    def show(self, key: str | None) -> None:
        """Open the page ``key`` (building it on the first visit)."""
        if key is None:
            return
        if self.nav.value != key:
            self.nav.value = key  # comes back here through the observer
            return
        self.message.clear()
        self._show_chosen()  # a save on the page left may have changed what it says
        if key not in self.pages:
            self.body.children = [w.HTML(f"<p><i>Opening {esc(self._labels[key])} ...</i></p>")]
        with self.message.guard(f"opening {self._labels[key]}"):
            built = key in self.pages
            page = self.page(key)
            if built:
                self._catch_up(key, page)
                # what the page said before the user left it was about then, not now
                getattr(page, "shown_again", lambda: None)()
            self._seen[key] = self.store.changes
            self.body.children = [page]
        self._keep_place()

    def page(self, key: str) -> w.Widget:
        """The page ``key``, built now if it was not yet."""
        if key not in self.pages:
            self.pages[key] = self._builders[key]()
            self.pages[key].add_class(f"infoview-page-{key}")  # tests find a page's buttons
        return self.pages[key]

    def _catch_up(self, key: str, page: w.Widget) -> None:
        """Redraw a page shown before when the store changed since (a follow-up ticked
        off on Home must be gone from Outcomes' week)."""
        if self._seen.get(key) == self.store.changes:
            return
        if key == "prepare":
            page.sync_profile()  # the signature follows About me
        elif key == "profile":
            page.load()
        elif key in ("home", "people", "outcomes"):
            page.refresh()
        elif key == "meeting":
            page.catch_up()  # questions saved under Prepare since it was drawn
        elif key == "debrief":
            page.children[-1].actions.refresh()  # follow-ups ticked off or snoozed on Home

    def _where_html(self) -> str:
        s = self.session
        if s.demo:
            store = ("You are trying infoview on sample data, kept only until the app "
                     "stops.")
        else:
            db = Path(s.db_path)
            store = (f"Your data: <span title='{esc(db)}'><b>{esc(db.name)}</b> in "
                     f"{esc(findable_folder(db.parent))}</span>, on this computer.")
        out = Path(s.out_dir)
        return (f"<div class='infoview-where'>{store} Files you export are saved in "
                f"<span title='{esc(out)}'>{esc(findable_folder(out))}</span>, and each can "
                "be downloaded from the page where you made it.</div>")

    # -- the shared choice ----------------------------------------------------------------
    def choose(self, *, person_id: int | None = None, meeting_id: int | None = None) -> None:
        """Work on this person or meeting from now on, on every page."""
        self._user_chose = True
        with self.message.guard("choosing"):
            if person_id is None and meeting_id is None:
                self.selection.clear()
            else:
                self.selection.choose(self.store, person_id=person_id, meeting_id=meeting_id)

    def _show_chosen(self) -> None:
        with self.message.guard("reading your saved data"):
            self.chosen.value = self.selection.describe_html(self.store)

    def _here(self) -> Place:
        return Place(self.nav.value, self.selection.person_id, self.selection.meeting_id)

    def _keep_place(self) -> None:
        """Keep the page and the choice shown now, for a reload to come back to. Keeping
        it is no change a page must catch up with: pages up to date stay so."""
        here = self._here()
        if self._place is None or here == self._place:
            return  # still opening, or nothing moved
        before = self.store.changes
        try:
            keep_place(self.store, here, now=self.now)
        except InfoviewError:
            log.info("could not keep where the user is", exc_info=True)
            return
        self._place = here
        after = self.store.changes
        self._seen = {key: after if seen == before else seen for key, seen in self._seen.items()}

    def _restamp(self, place: Place) -> None:
        """Keep ``place`` again as of now, the app being opened there (before any page is
        drawn, so no page has a change to catch up with)."""
        try:
            keep_place(self.store, place, now=self.now)
        except InfoviewError:
            log.info("could not keep where the user is", exc_info=True)

    def _selection_changed(self) -> None:
        self._keep_place()
        self._show_chosen()
        with self.message.guard("following the choice"):
            self._prepare_follows()
            self._meeting_follows()
            people = self.pages.get("people")
            if people is not None:
                people.choose(self.selection.person_id, self.selection.meeting_id)
            research = self.pages.get("research")
            if research is not None:
                research.follow_person(self.selection.person_id)

    def _prepare_follows(self) -> None:
        panel = self.pages.get("prepare")
        if panel is None:
            return
        panel.choose(self.selection.person_id, self.selection.meeting_id)

    def _meeting_follows(self) -> None:
        meeting = self.selection.meeting_id
        if self._companion is not None and self._companion.meeting_id != meeting:
            self._companion.load_meeting(meeting)
        form = self.pages.get("debrief")
        if form is not None:
            form = form.children[-1]
            if meeting is not None and form.meeting.value != meeting:
                if meeting not in {value for _label, value in form.meeting.options}:
                    form.refresh_meetings(meeting)
                else:
                    form.meeting.value = meeting
        self._say_debrief_meeting()

    def _say_debrief_meeting(self) -> None:
        """Say above the debrief which meeting it shows when that is not the meeting worked
        on: nobody is chosen (the list's latest is shown, and is not chosen for the user),
        or the person chosen has no meeting yet."""
        page = self.pages.get("debrief")
        shown = page.children[-1].meeting if page is not None else None
        words = ""
        if self.selection.person_id is None and shown is not None and shown.value is not None:
            words = (f"Nobody is chosen, so this shows the latest meeting in the list: "
                     f"{esc(shown.label)}. Pick the meeting to debrief in the list (its person "
                     "becomes the one you work on), or choose a person under People.")
        elif self.selection.person_id is not None and self.selection.meeting_id is None:
            words = (f"No meeting with the person chosen yet: {esc(ADD_A_MEETING)}. Below is "
                     "the last meeting you chose.")
        self._debrief_note.value = (f"<p class='infoview-warning' style='color:#8a5300'>"
                                    f"{words}</p>" if words else "")

    # -- builders -------------------------------------------------------------------------
    def _build_home(self) -> w.Widget:
        from infoview.widgets.home import HomePage

        return HomePage(self.store, go=self.show, choose=self.choose, now=self.now,
                        background=self.background, add_person=self.add_person)

    def add_person(self) -> None:
        """Open the People page with its form to add a person (Home's "Add a person": it
        opened the page alone, and the user pressed "Add a person" a second time)."""
        self.show("people")
        with self.message.guard("opening the form"):
            self.page("people").open_person_form()

    def _build_profile(self) -> w.Widget:
        from infoview.widgets.profile import ProfileForm

        return ProfileForm(self.store)

    def _build_people(self) -> w.Widget:
        from infoview.widgets.records import PeoplePage

        page = PeoplePage(self.store, on_choose=self.choose, on_change=self.records_changed,
                          cache_path=self.session.settings.cache_path,
                          out_dir=self.session.out_dir)
        page.choose(self.selection.person_id, self.selection.meeting_id)
        return page

    def records_changed(self) -> None:
        """After a person, organization or meeting was added, changed, deleted or brought
        back: the choice drops what is gone, and the other pages' lists reload."""
        with self.message.guard("reloading the lists"):
            person, meeting = self.selection.person_id, self.selection.meeting_id
            if person is not None and not self.store.list(Person, id=person):
                self.selection.clear()
            elif meeting is not None and not self.store.list(Meeting, id=meeting):
                self.selection.choose(self.store, person_id=person)
            self._reloading = True
            try:
                prepare = self.pages.get("prepare")
                if prepare is not None:
                    prepare.refresh_people()
                    self._prepare_follows()
                debrief = self.pages.get("debrief")
                if debrief is not None:
                    debrief.children[-1].refresh_meetings(self.selection.meeting_id)
            finally:
                self._reloading = False
            self._say_debrief_meeting()
            if self._companion is not None and self._companion.meeting_id is not None and \
                    not self.store.list(Meeting, id=self._companion.meeting_id):
                self._companion.load_meeting(self.selection.meeting_id)
            self._show_chosen()

    def _build_research(self) -> w.Widget:
        from infoview.widgets.research import ResearchPanel

        s = self.session
        panel = ResearchPanel(self.store, settings=s.settings_for, company_url=s.company_url,
                              person_url=s.person_url, stand_ins=s.stand_ins,
                              demo=s.demo)
        panel.follow_person(self.selection.person_id)
        # Runs after the panel's own Save handler: the person researched becomes the choice.
        panel.save_button.on_click(lambda _b: self._research_saved(panel))
        return panel

    def _research_saved(self, panel) -> None:
        kept = panel.saved
        if kept is not None and kept.person is not None:
            self.choose(person_id=kept.person.id)
        self._show_chosen()  # the same person, whose organization research may have named

    def _build_prepare(self) -> w.Widget:
        from infoview.widgets.prepare import PreparePanel

        chosen = ((self.selection.person_id, self.selection.meeting_id) if self._user_chose
                  else None)  # else the panel opens on the plan being edited, if one is
        panel = PreparePanel(self.store, out_dir=self.session.out_dir, chosen=chosen)
        self.pages["prepare"] = panel  # so that following the choice finds it
        if self.selection.person_id is None or panel.restored is not None:
            # Nobody chosen yet, or a plan was being edited: the panel's choice is the app's.
            self._prepare_chose(panel)
        else:
            self._prepare_follows()
        panel.person.observe(lambda _c: self._prepare_chose(panel), names="value")
        panel.meeting.observe(lambda _c: self._prepare_chose(panel), names="value")
        # Runs after the panel's own Save handler: the meeting's new time, in the line.
        panel.save_button.on_click(lambda _b: self._show_chosen())
        return panel

    def _prepare_chose(self, panel) -> None:
        if self._reloading:
            return
        person = panel.person.value
        meeting = panel.meeting.value
        if person in (_NEW, None):
            self.choose()
        elif meeting not in (_NEW, None):
            self.choose(meeting_id=meeting)
        elif person != self.selection.person_id or self.selection.meeting_id is not None:
            with self.selection.hold_trait_notifications():
                self.selection.person_id = person
                self.selection.meeting_id = None

    def companion(self) -> MeetingCompanion:
        """The meeting companion (made on first use; the Meeting and Debrief pages share it)."""
        if self._companion is None:
            from infoview.widgets.meeting import MeetingCompanion

            self._companion = MeetingCompanion.for_meeting(self.store, self.selection.meeting_id)
        return self._companion

    def _build_meeting(self) -> w.Widget:
        return self.companion()

    def _build_debrief(self) -> w.Widget:
        from infoview.widgets.debrief import DebriefForm

        companion = self.companion()
        form = DebriefForm(self.store, meeting_id=self.selection.meeting_id, companion=companion)
        if companion.meeting_id == form.meeting.value and any(
                note["asked"] for note in companion.to_debrief()):
            form.take_companion_notes()  # noted before this page was first opened
        form.meeting.observe(lambda change: self._debrief_chose(change["new"]), names="value")
        # After the form's own handlers: a saved debrief marks the meeting held, a missed
        # one marks it so; the line under the bar says the meeting's state.
        # Saving the debrief of the meeting shown is choosing it, when nobody was.
        form.save_button.on_click(lambda _b: self._debrief_saved(form))
        form.missed_button.on_click(lambda _b: self._show_chosen())
        page = w.VBox([self._debrief_note, form])
        self.pages["debrief"] = page  # so that the note above it finds the form
        # Nobody chosen: the form shows the latest meeting and says so above it, but does
        # not choose it (its person may be anyone; the user chooses).
        self._meeting_follows()
        return page

    def _debrief_saved(self, form) -> None:
        if (self.selection.person_id is None and form.saved is not None
                and form.saved.id == form.meeting.value):
            self._debrief_chose(form.meeting.value)
        self._show_chosen()

    def _debrief_chose(self, meeting: int | None) -> None:
        if not self._reloading and meeting is not None and meeting != self.selection.meeting_id:
            self.choose(meeting_id=meeting)
        self._say_debrief_meeting()

    def _build_outcomes(self) -> w.Widget:
        from infoview.widgets.outcomes import OutcomesDashboard

        dashboard = OutcomesDashboard(self.store, now=self.now, out_dir=self.session.out_dir)
        # What is held about a person, and deleting them, live on the People page here.
        dashboard.holdings.layout.display = "none"
        return dashboard

    def _build_imports(self) -> w.Widget:
        from infoview.widgets.imports import ImportPanel

        panel = ImportPanel(self.store, out_dir=self.session.out_dir)
        # After an import, the people and meetings it added show on every page.
        panel.import_button.on_click(lambda _b: self.records_changed())
        return panel

    # -- convenient handles for tests and notebooks ---------------------------------------
    @property
    def research(self):
        """The research panel (built on first use)."""
        return self.page("research")

    @property
    def prepare(self):
        """The preparation panel (built on first use)."""
        return self.page("prepare")

    @property
    def debrief(self):
        """The debrief form (built on first use)."""
        return self.page("debrief").children[-1]

    @property
    def outcomes(self):
        """The outcomes dashboard (built on first use)."""
        return self.page("outcomes")

    @property
    def home(self):
        """The home page."""
        return self.page("home")

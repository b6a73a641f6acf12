"""The app's home page: what to do next.

On a new store it leads through the first steps (say who you are, add a person, research
their organization). Later it says what matters today: the next meeting and its brief,
what is due this week (with Done and Snooze), who is losing touch, and the last research.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from infoview.flows.actions import followup_frames
from infoview.flows.drafts import update_is_due
from infoview.flows.meetings import awaiting_debrief, meeting_ahead
from infoview.flows.plans import kept_plan
from infoview.flows.profile import load_profile, user_zone
from infoview.models import Meeting, Person, QuestionAsked, ResearchSnapshot
from infoview.text import count_of
from infoview.times import shown_in
from infoview.widgets._common import MessageLine, button, esc, heading, on_my_clock, zone_note
from infoview.widgets.followups import FollowUpList, open_followups

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


def on_kernel_thread(fn: Callable[[], None]) -> None:
    """Run ``fn`` on the kernel's own thread once it is free (widgets are made and changed
    there only). Outside a kernel (tests, scripts) there is no such thread and nothing
    runs: the thread that owns the widgets does the work itself (``HomePage.wait``)."""
    try:
        from IPython import get_ipython

        loop = getattr(getattr(get_ipython(), "kernel", None), "io_loop", None)
    except ImportError:
        loop = None
    if loop is not None:
        loop.add_callback(fn)


_CARD = ("border:1px solid #ccc;border-radius:6px;padding:6px 10px;margin:4px 0 8px 0;"
         "max-width:900px")


def _ago(moment: datetime, now: datetime) -> str:
    """"yesterday": days counted on the calendar of ``now``'s zone (the user's)."""
    days = (now.date() - shown_in(moment, now.tzinfo).date()).days
    return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"


def when_words(starts_at: datetime, zone: str | None, now: datetime,
               mine: tzinfo | None = None) -> str:
    """``tomorrow, Tue 3 Dec 2026, 10:00``: the day in words when it is close, on the
    calendar of ``mine`` (the user's zone; else the computer's). The time is on that clock
    too, with the meeting's own beside it when its zone's clock differs (as People lists it)."""
    said = on_my_clock(starts_at, zone, mine)
    days = (shown_in(starts_at, mine).date() - shown_in(now, mine).date()).days
    lead = {0: "today", 1: "tomorrow"}.get(days)
    return f"{lead}, {said}" if lead else said


#: The follow-ups list with nothing in it, once there are people and when there are none.
DUE_EMPTY = "Nothing due this week. Well done."
DUE_EMPTY_NO_PEOPLE = ("Nothing due yet: follow-ups appear here after your first request "
                       "or meeting.")
#: "Losing touch" with nobody in it, likewise.
#: The list holds only people met or heard back from: "you are in touch with everyone you
#: know" was said while someone added had never been contacted at all.
TOUCH_EMPTY = ("Nobody you have met or heard back from is overdue for a word. People you "
               "have not met or heard from yet are not listed here.")
TOUCH_EMPTY_NO_PEOPLE = ("Nobody yet: once you add people, those you have not been in touch "
                         "with for a while appear here.")
#: What a person's button under "Losing touch" does, on hover.
PICK_TIP = ("Makes them the person every page works on and opens Prepare, where a "
            "keep-in-touch note to them is written, ready to copy.")
#: The same for someone not met yet, or with a meeting scheduled (no note is written).
PICK_TIP_UNMET = ("Makes them the person every page works on and opens Prepare, to plan a "
                  "meeting or draft a message to them.")


class HomePage(w.VBox):
    """What to do next, with a button for each step.

    Args:
        store: the open store.
        go: opens a page of the app by its key (``"people"``, ``"prepare"``, ...).
        choose: makes a person or meeting the app's choice (``choose(meeting_id=3)``).
        add_person: opens the form to add a person (the first step's button), else that
            button opens the People page.
        now: the moment "today" is measured against (default: now).
        background: work out what is due and who is losing touch in a worker thread, so
            the page shows at once (the app's first paint does not wait for the analytics);
            what it finds is shown once a browser shows the page, and :meth:`wait` blocks
            until it is found and shows it.

    Attributes:
        due: the follow-ups due within a week, or overdue (a
            :class:`~infoview.widgets.followups.FollowUpList`).
        next_meeting_id: the meeting shown as next, or ``None``.
    """

    def __init__(self, store: Store, *, go: Callable[[str], None], choose: Callable[..., None],
                 now: datetime | None = None, background: bool = False,
                 add_person: Callable[[], None] | None = None):
        self.store = store
        self.go = go
        self.add_person = add_person
        self.choose = choose
        self.now = now
        self.next_meeting_id: int | None = None
        self.message = MessageLine()
        self.first_steps = w.VBox()
        self.meeting_box = w.VBox()
        self._thread: threading.Thread | None = None
        #: What the worker thread found, until it is shown: ``(due, late)`` or its error.
        self._found: tuple[list, Any] | Exception | None = None
        self._seen = False  # a browser has shown this page (see _view_changed)
        #: Whether the store holds anyone yet: "well done" before any work is not true.
        self._has_people = True
        self.due = FollowUpList(store, self._due_items, now=now, empty=DUE_EMPTY,
                                on_change=self._due_changed, load_now=False)
        self.losing_touch = w.VBox()
        self.research_box = w.VBox()
        #: Shown while there are first steps to take; past them the page opens on the meeting.
        self.steps_heading = heading("What to do next")
        #: "Your next meeting", or "Waiting for your debrief" when the meeting shown is past.
        self.meeting_heading = heading("Your next meeting")
        super().__init__([
            self.steps_heading, self.message, self.first_steps,
            self.meeting_heading, self.meeting_box,
            heading("Due this week, and overdue"), self.due,
            heading("Losing touch"), self.losing_touch,
            heading("Your last research"), self.research_box,
        ], _view_count=0)  # 0, not None: the browser reports each view of the page it shows
        self.observe(self._view_changed, names="_view_count")
        self.refresh(background=background)

    def _moment(self) -> datetime:
        return self.now or datetime.now(UTC)

    def _my_moment(self) -> datetime:
        """Now on the user's clock (About me's zone): "today" is their day."""
        return self._moment().astimezone(user_zone(self.store))

    def _due_items(self):
        return open_followups(self.store, now=self.now, days=7)

    def refresh(self, *, background: bool = False) -> None:
        """Recompute everything the page says (the app calls it when the page is opened).

        With ``background``, what is due and who is losing touch are worked out in a
        worker thread (they need the analytics), and say so until they are shown. The
        thread only computes. Its findings are shown on the kernel's own thread, and only
        once the browser has shown this page: the rows are new widgets, and a browser still
        connecting to the kernel hears of some and not of those they hold, and draws a
        broken widget ("widget model not found").
        """
        self._join()
        self._found = None  # an earlier worker's findings are out of date
        self.due.message.clear()  # "Done: ..." spoke of a row that is drawn again now
        with self.message.guard("reading your saved data"):
            self._show_first_steps()
            self._show_next_meeting()
            self._show_research()
        if not background:
            self._show_analytics(*self._analytics())
            return
        waiting = "<p><i>Looking ...</i></p>"
        self.due.rows.children = [w.HTML(waiting)]
        self.losing_touch.children = [w.HTML(waiting)]
        self._thread = threading.Thread(target=self._work, daemon=True, name="infoview-home")
        # Started once the kernel's thread is free: the analytics load pandas (a second of
        # CPU), which would otherwise compete with the kernel sending the page's widgets.
        on_kernel_thread(self._start_work)

    def wait(self, timeout: float | None = None) -> None:
        """Block until what is due and who is losing touch are worked out, and show them
        (call it on the thread that owns the widgets: the kernel's, or a script's)."""
        self._join(timeout)
        self._show_found(now=True)

    def _join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._start_work()   # asked for before the kernel's thread came to it
            self._thread.join(timeout)

    def _start_work(self) -> None:
        thread = self._thread
        if thread is not None and thread.ident is None:
            thread.start()

    def _work(self) -> None:
        """The worker thread: computes, and makes or changes no widget."""
        try:
            self._found = self._analytics()
        except Exception as exc:  # noqa: BLE001 - shown on the page by _show_found
            self._found = exc
        on_kernel_thread(self._show_found)

    def _view_changed(self, change: dict) -> None:
        """The browser drew this page (its view count rose): it holds every widget made
        so far, so the findings can be shown now."""
        if change["new"]:
            self._seen = True
            self._show_found()

    def _show_found(self, now: bool = False) -> None:
        """Show what the worker found, on the widgets' own thread: once a browser has shown
        the page, or ``now``."""
        if self._found is None or not (now or self._seen):
            return
        found, self._found = self._found, None
        with self.message.guard("reading your follow-ups"):
            if isinstance(found, Exception):
                raise found
            self._show_analytics(*found)

    def _analytics(self) -> tuple[list, Any]:
        """What is due, and who is losing touch (as the weekly digest counts them)."""
        from infoview.analytics.digest import weekly_digest

        now = self._moment()
        late = weekly_digest(followup_frames(self.store, now=now), now=now).losing_touch
        return self._due_items(), late

    def _show_analytics(self, due: list, late: Any) -> None:
        with self.message.guard("showing your follow-ups"):
            self.due.show(due)
            self._show_losing_touch(late)

    # -- sections --------------------------------------------------------------------------
    def _step(self, done: bool, text: str, label: str, page: str,
              then: Callable[[], None] | None = None) -> w.HBox:
        """One first step: its words, and a button that opens ``page`` (or runs ``then``,
        which opens the page at the step itself, e.g. the form to add a person)."""
        mark = "✓" if done else "○"
        colour = "#1b5e20" if done else "#1f4e79"
        go = button(label, "" if done else "primary")
        go.on_click(lambda _b: then() if then is not None else self.go(page))
        return w.HBox([w.HTML(f"<span style='color:{colour};font-size:1.1em'>{mark}</span> "
                              f"{text}", layout=w.Layout(width="520px")), go],
                      layout=w.Layout(align_items="center"))

    def _show_first_steps(self) -> None:
        profile = load_profile(self.store)
        has_people = bool(self.store.list(Person))
        self._has_people = has_people
        self.due.empty = DUE_EMPTY if has_people else DUE_EMPTY_NO_PEOPLE
        researched = bool(self.store.list(ResearchSnapshot))
        has_meeting = bool(self.store.list(Meeting))
        if profile.name and has_people and has_meeting:
            self.first_steps.children = []
            self.steps_heading.layout.display = "none"  # a heading over nothing reads as a fault
            return
        self.steps_heading.layout.display = ""
        steps = [
            self._step(bool(profile.name and profile.background),
                       "<b>Say who you are</b>: your background, strengths, what you are "
                       "exploring. Every draft uses it.", "Fill in About me", "profile"),
            self._step(has_people, "<b>Add a person</b> you would like to talk to (or bring "
                       "in your LinkedIn contacts under Import).",
                       "Add a person", "people", self.add_person),
            self._step(researched, "<b>Research their organization</b> from its website, "
                       "so you ask what the website does not say.", "Research", "research"),
            self._step(has_meeting, "<b>Plan the meeting</b>: questions that fit the minutes "
                       "you have, a one-page brief, the request email.", "Prepare", "prepare"),
        ]
        # "Welcome" only to someone who has done nothing yet (it greeted a user whose
        # profile was filled in, after they deleted the one person they had)
        intro = ("<p>Welcome. Four steps get you to your first informational interview; each "
                 "takes a minute or two.</p>" if not (has_people or profile.name) else
                 "<p>Next steps:</p>")
        self.first_steps.children = [w.HTML(intro), *steps]

    def _show_next_meeting(self) -> None:
        """The next meeting (with its brief and the companion), and below it the latest one
        whose time is past but that waits for its debrief (or a corrected date)."""
        now = self._moment()
        meeting = meeting_ahead(self.store, now)
        waiting = awaiting_debrief(self.store, now)
        parts: list[w.Widget] = []
        if meeting is not None:
            self.next_meeting_id = meeting.id
            parts += self._next_card(meeting, now)
        else:
            self.next_meeting_id = None
        if waiting:
            if parts:
                parts.append(heading("Waiting for your debrief"))
            parts += self._waiting_card(waiting, self._my_moment())
        title = ("Your next meeting" if meeting is not None or not waiting
                 else "Waiting for your debrief")
        self.meeting_heading.value = heading(title).value
        if any(m.starts_at is not None
               for m in ([meeting] if meeting is not None else []) + waiting[:1]):
            # The clock is named once, under the cards, as the People page names it.
            parts.append(w.HTML(zone_note(self.store, user_zone(self.store))))
        self.meeting_box.children = parts or [w.HTML(
            "<p><i>No meeting ahead. When someone says yes, add the meeting under "
            "People (or save it in Prepare).</i></p>")]

    def _who_how(self, meeting: Meeting) -> tuple[str, str, str]:
        person = self.store.get(Person, meeting.person_id)
        who = esc(person.name) + (f" ({esc(person.organization)})" if person.organization
                                  else "")
        how = {"video": "video call", "phone": "phone call", "in_person": "in person"}.get(
            meeting.format, meeting.format)
        place = f", {esc(meeting.place)}" if meeting.place else ""
        return who, esc(how), place

    def _next_card(self, meeting: Meeting, now: datetime) -> list[w.Widget]:
        who, how, place = self._who_how(meeting)
        when = (when_words(meeting.starts_at, meeting.timezone, now, user_zone(self.store))
                if meeting.starts_at else "no time agreed yet")
        # A meeting added by hand or from the calendar has no questions yet: Prepare then
        # shows an empty plan, which is no brief to "see".
        planned = (bool(self.store.list(QuestionAsked, meeting_id=meeting.id))
                   or kept_plan(self.store, meeting.person_id) is not None)
        brief = (button("See the brief", "primary", tooltip="the questions and the one-page "
                        "brief, ready to download") if planned else
                 button("Plan the questions", "primary", tooltip="no questions planned for it "
                        "yet: Prepare plans them for the minutes you have, and the brief"))
        brief.on_click(lambda _b, mid=meeting.id: self._open(mid, "prepare"))
        companion = button("Open the meeting companion")
        companion.on_click(lambda _b, mid=meeting.id: self._open(mid, "meeting"))
        return [w.HTML(
            f"<div class='infoview-next-meeting' style='{_CARD}'><b>{who}</b>: "
            f"{esc(when)}, {how}, {meeting.planned_minutes} minutes{place}.</div>"),
            w.HBox([brief, companion])]

    def _waiting_card(self, waiting: list[Meeting], now: datetime) -> list[w.Widget]:
        meeting = waiting[0]
        assert meeting.starts_at is not None  # awaiting_debrief lists dated meetings only
        who, how, place = self._who_how(meeting)
        said = on_my_clock(meeting.starts_at, meeting.timezone, now.tzinfo)
        more = len(waiting) - 1
        debrief = button("Write the debrief", "primary", tooltip="what you learned, the "
                         "people suggested and the follow-ups, or that it did not happen")
        debrief.on_click(lambda _b, mid=meeting.id: self._open(mid, "debrief"))
        redate = button("Change its date", tooltip="the date was typed wrong, or the meeting "
                        "moved: correct it under People")
        redate.on_click(lambda _b, mid=meeting.id: self._open(mid, "people"))
        return [w.HTML(
            f"<div class='infoview-waiting-meeting' style='{_CARD}'><b>{who}</b>: "
            f"{esc(said)} ({esc(_ago(meeting.starts_at, now))}), {how}{place}. How did it go? "
            "Write the debrief while you remember it; if the date is wrong, change it."
            + (f" {more} more {'meeting waits' if more == 1 else 'meetings wait'} for a "
               "debrief: see Debrief." if more else "") + "</div>"),
            w.HBox([debrief, redate])]

    def _open(self, meeting_id: int, page: str) -> None:
        self.choose(meeting_id=meeting_id)
        self.go(page)

    def _show_losing_touch(self, late: Any) -> None:
        rows = []
        for row in late.head(5).itertuples() if len(late) else ():
            days = int(row.days_since) if row.days_since == row.days_since else None
            since = (f"{count_of(days, 'day')} since you were last in touch" if days
                     else "no contact yet")
            # "Work on them" did not say what it does; Prepare writes them an update.
            pid = int(row.person_id)
            pick = button("Choose them and open Prepare",
                          tooltip=PICK_TIP if update_is_due(self.store, pid) else PICK_TIP_UNMET)
            pick.on_click(lambda _b, pid=pid: self._pick_person(pid))
            rows.append(w.HBox([w.HTML(f"<b>{esc(row.name)}</b>"
                                       + (f" ({esc(row.organization)})"
                                          if isinstance(row.organization, str) else "")
                                       + f": {esc(since)}", layout=w.Layout(width="520px")),
                                pick], layout=w.Layout(align_items="center")))
        more = len(late) - len(rows)
        if more > 0:
            rows.append(w.HTML(f"<p style='color:#555'>and {more} more: see Outcomes, This "
                               "week.</p>"))
        from infoview.analytics.memory import undated_line

        # Met on a day never written down: not "in touch with everyone"; after a list of
        # the late ones, one line more.
        note = undated_line(late, others_late=bool(rows))
        if note and rows:
            rows.append(w.HTML(f"<p style='color:#555'>{esc(note)}</p>"))
        quiet = note or (TOUCH_EMPTY if self._has_people else TOUCH_EMPTY_NO_PEOPLE)
        self.losing_touch.children = rows or [w.HTML(f"<p><i>{esc(quiet)}</i></p>")]

    def _pick_person(self, person_id: int) -> None:
        self.choose(person_id=person_id)
        self.go("prepare")

    def _show_research(self) -> None:
        snapshots = [s for s in self.store.list(ResearchSnapshot) if s.kind == "company"]
        if not snapshots:
            self.research_box.children = [w.HTML(
                "<p><i>Nothing researched yet: the Research page reads an organization's "
                "website in a minute.</i></p>")]
            return
        newest = max(snapshots, key=lambda s: (s.fetched_at is not None,
                                               s.fetched_at or datetime.min.replace(tzinfo=UTC),
                                               s.id))
        name = newest.data.get("name") or newest.source_url
        facts = len(newest.data.get("facts") or [])
        people = len(newest.data.get("people") or [])
        when = f", {_ago(newest.fetched_at, self._my_moment())}" if newest.fetched_at else ""
        self.research_box.children = [w.HTML(
            f"<p><b>{esc(name)}</b>{esc(when)}: {facts} fact{'s' if facts != 1 else ''} and "
            f"{people} {'person' if people == 1 else 'people'} found.</p>")]

    def _due_changed(self) -> None:
        with self.message.guard("reading your saved data"):
            self._show_losing_touch(self._analytics()[1])

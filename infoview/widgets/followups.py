"""Follow-ups the user can finish: each with Done and Snooze to a day (and Undo for both).

The list comes from :func:`infoview.flows.actions.open_actions` (what is due, the one list
every face shows) or from a meeting's own actions; ticking and snoozing go through
:func:`~infoview.flows.actions.mark_done` and :func:`~infoview.flows.actions.snooze`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.actions import mark_done, open_actions, pd_missing, snooze
from infoview.flows.followups import followup_words
from infoview.flows.profile import user_zone
from infoview.models import Action
from infoview.times import aware, day_words, shown_in
from infoview.widgets._common import MessageLine, button, esc
from infoview.widgets.daypicker import DayPicker

#: Said beside a follow-up's empty date box, where the chosen day's words go: the kept place
#: sat empty between the box and Snooze, a gap that looked like a fault.
CHOOSE_DAY = "choose a day"

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


@dataclass
class FollowUp:
    """One follow-up as the list shows it.

    Attributes:
        key: what :func:`mark_done` and :func:`snooze` take (a stored id as text, or the
            key of a follow-up computed from unanswered messages).
        what: what to do.
        due: when, or ``None``.
        who: the person it concerns (``""`` when none).
        overdue: past its due time.
        done: ticked off already.
        snoozed: the day it was just snoozed to (its row offers Undo until redrawn).
        made: when it was stored, if it was.
    """

    key: str
    what: str
    due: datetime | None = None
    who: str = ""
    overdue: bool = False
    done: bool = False
    snoozed: date | None = None
    made: datetime | None = None


def open_followups(store: Store, *, now: datetime | None = None,
                   days: float | None = None) -> list[FollowUp]:
    """What is due (within ``days``, overdue included), soonest first."""
    table = open_actions(store, now=now, days=days)
    made = {a.id: a.created_at for a in store.list(Action, done_at=None)} if len(table) else {}
    items = []
    for row in table.itertuples():
        due = None if pd_missing(row.due) else row.due.to_pydatetime()
        items.append(FollowUp(key=str(row.key), what=str(row.what), due=due,
                              who="" if pd_missing(row.person) else str(row.person),
                              overdue=bool(row.overdue),
                              made=None if pd_missing(row.id) else made.get(int(row.id))))
    return items


def action_followups(actions: Iterable, names: dict[int, str],
                     now: datetime | None = None) -> list[FollowUp]:
    """Stored actions (e.g. one meeting's), done ones included; one snoozed past today is
    shown snoozed (with Undo), as the what-is-due lists hide it, not as due on its old day."""
    moment = now or datetime.now(UTC)
    today = moment.astimezone(UTC).date()  # the day the what-is-due lists measure snoozes by
    return [FollowUp(key=str(a.id), what=a.what, due=a.due,
                     who=names.get(a.person_id, "") if a.person_id else "",
                     overdue=a.done_at is None and a.due is not None and a.due < moment,
                     done=a.done_at is not None, made=a.created_at,
                     snoozed=a.snoozed_until if a.done_at is None and a.snoozed_until is not None
                     and a.snoozed_until > today else None)
            for a in actions]


def shown(item: FollowUp) -> tuple[str, str]:
    """A row's words and the person still to name after them, as every follow-up list
    shows them (:func:`infoview.flows.followups.followup_words`)."""
    return followup_words(item.what, item.who)


def due_words(item: FollowUp, now: datetime | None = None, zone: tzinfo | None = None) -> str:
    """"overdue by 3 days", "due earlier today", "due today", "due tomorrow", "due Fri 12 Dec": days on the
    calendar of ``zone`` (the user's, from About me; else the computer's)."""
    if item.due is None:
        return "no date"
    moment = shown_in(now or datetime.now(UTC), zone)
    day = shown_in(item.due, zone).date()
    late = (moment.date() - day).days
    if item.overdue and late > 0:
        return f"overdue by {late} day{'s' if late != 1 else ''}"
    if day == moment.date():
        return "due earlier today" if is_late(item, now, zone) else "due today"
    if day == moment.date() + timedelta(days=1):
        return "due tomorrow"
    return f"due {list_day(day, moment)}"


def is_late(item: FollowUp, now: datetime | None = None, zone: tzinfo | None = None) -> bool:
    """Past its due time, and late for the user: one made after its due time (a reminder to
    confirm a meeting booked for tomorrow) is "due today" on the day it was made, not
    "due earlier today" in red seconds after; from the next day on it is overdue."""
    if not item.overdue or item.due is None:
        return False
    if item.made is None or aware(item.made) < aware(item.due):
        return True
    today = shown_in(now or datetime.now(UTC), zone).date()
    return shown_in(item.due, zone).date() != today


def list_day(day: date, moment: datetime) -> str:
    """A day as the follow-ups write it ("Fri 12 Dec"): the year is left out for days of
    ``moment``'s year, said for others ("Mon 4 Jan 2027"), in every line of the list."""
    return day_words(day, year=day.year != moment.year)


class FollowUpList(w.VBox):
    """Rows of follow-ups with Done, Undo and Snooze.

    Args:
        store: the open store.
        load: returns the follow-ups to show (called by :meth:`refresh`).
        empty: what to say when there are none.
        on_change: called with no arguments after one is done, undone or snoozed.
        now: the moment "overdue" is measured against (default: now).
        load_now: load the list at once (``False``: the owner calls :meth:`refresh`).

    Attributes:
        items: the follow-ups shown, in order.
        done_buttons, undo_buttons, snooze_buttons, snooze_days: controls by key.
    """

    def __init__(self, store: Store, load: Callable[[], list[FollowUp]], *,
                 empty: str = "Nothing due.", on_change: Callable[[], None] | None = None,
                 now: datetime | None = None, load_now: bool = True):
        self.store = store
        self.load = load
        self.empty = empty
        self.on_change = on_change
        self.now = now
        self.items: list[FollowUp] = []
        self.done_buttons: dict[str, w.Button] = {}
        self.undo_buttons: dict[str, w.Button] = {}
        self.snooze_buttons: dict[str, w.Button] = {}
        self.snooze_days: dict[str, DayPicker] = {}
        #: One line in each row, beside the button pressed rather than under the whole
        #: list: what went wrong with its Snooze, or what became of it ("Done.").
        self.row_messages: dict[str, MessageLine] = {}
        #: What to say beside a row when it is next drawn (its Undo just pressed), by key.
        self._said: dict[str, tuple[str, str]] = {}
        self.rows = w.VBox()
        self.message = MessageLine()
        super().__init__([self.rows, self.message])
        self.add_class("infoview-followup-list")
        if load_now:
            self.refresh()

    @property
    def text(self) -> str:
        """The follow-ups shown, one per line, as plain text (for tests and notebooks)."""
        lines = []
        for item in self.items:
            words, who = shown(item)
            lines.append(f"{words}{' · ' + who if who else ''}{' (done)' if item.done else ''}")
        return "\n".join(lines)

    def refresh(self) -> None:
        """Reload the follow-ups and redraw."""
        with self.message.guard("reading the follow-ups"):
            self.show(self.load())

    def show(self, items: list[FollowUp]) -> None:
        """Show ``items`` (loaded elsewhere, e.g. beside the first paint)."""
        self.items = list(items)
        self._draw()

    def _draw(self) -> None:
        self.done_buttons, self.undo_buttons = {}, {}
        self.snooze_buttons, self.snooze_days, self.row_messages = {}, {}, {}
        zone = user_zone(self.store)
        rows = [self._row(item, zone) for item in self.items]
        self.rows.children = rows or [w.HTML(f"<p><i>{esc(self.empty)}</i></p>")]

    def _row(self, item: FollowUp, zone: tzinfo | None = None) -> w.HBox:
        when = due_words(item, self.now, zone)
        colour = "#b00020" if is_late(item, self.now, zone) and not item.done else "#555"
        words, name = shown(item)
        who = f" <span style='color:#555'>· {esc(name)}</span>" if name else ""
        # What became of a row is said once, briefly, beside its Undo ("Done.", "Moved to
        # Fri 11 Dec."), not by a line under the list that repeats the row's own words.
        note = MessageLine(layout=w.Layout(max_width="260px"))
        self.row_messages[item.key] = note
        if item.done:
            text = f"<s>{esc(words)}</s>"
            note.show("Done.", "ok")
        elif item.snoozed is not None:
            text = f"<span style='color:#555'>{esc(words)}</span>"
            day = list_day(item.snoozed, shown_in(self.now or datetime.now(UTC), zone))
            note.show(f"Moved to {day}.", "ok")
        else:
            text = f"<span style='color:{colour}'>{esc(when)}</span>: {esc(words)}"
        said = self._said.pop(item.key, None)
        if said is not None:
            note.show(*said)
        label = w.HTML(f"<span class='infoview-followup'>{text}{who}</span>",
                       layout=w.Layout(flex="1 1 auto"))
        if item.done or item.snoozed is not None:
            undo = button("Undo", tooltip="not done after all: bring it back" if item.done
                          else "not snoozed after all: bring it back now")
            undo.on_click(lambda _b, key=item.key: self.undo(key))
            self.undo_buttons[item.key] = undo
            controls: list[w.Widget] = [note, undo]
        else:
            done = button("Done", "success", tooltip="tick it off")
            done.on_click(lambda _b, key=item.key: self.done(key))
            day = DayPicker(layout=w.Layout(width="150px"), blank=CHOOSE_DAY)
            later = button("Snooze", tooltip="hide it until the day chosen beside")
            later.on_click(lambda _b, key=item.key: self.snooze(key))
            self.done_buttons[item.key] = done
            self.snooze_days[item.key] = day
            self.snooze_buttons[item.key] = later
            controls = [done, w.HTML("&nbsp;or snooze until"), day, later, note]
        for control in controls:
            control.layout.flex = "0 0 auto"
            control.layout.align_self = "center"  # a row whose words wrap keeps one line
        return w.HBox([label, *controls], layout=w.Layout(align_items="center"))

    # -- actions ------------------------------------------------------------------------
    def done(self, key: str) -> None:
        """Tick the follow-up off (what its Done button does); its row says "Done." beside
        the Undo it offers."""
        note = self._clear_notes(key)
        with note.guard("ticking it off"):
            action = mark_done(self.store, key)
            self._replace(key, str(action.id), done=True)
            self._changed()

    def undo(self, key: str) -> None:
        """Bring a follow-up ticked off or snoozed back (what its Undo button does); its
        row, open again, says so."""
        note = self._clear_notes(key)
        with note.guard("bringing it back"):
            item = next((i for i in self.items if i.key == key), None)
            if item is not None and item.snoozed is not None:
                snooze(self.store, key, None)  # awake again, due as before
            else:
                mark_done(self.store, key, undo=True)
            self._said[key] = ("Back on the list.", "ok")
            self._replace(key, key, done=False)
            self._changed()

    def snooze(self, key: str, until: date | None = None) -> None:
        """Hide the follow-up until the day chosen in its row (what Snooze does); the row
        stays, saying the day it moved to, with Undo in case the day was a slip."""
        note = self._clear_notes(key)
        with note.guard("snoozing"):
            day = until or self.snooze_days[key].value
            if day is None:
                note.show("Choose the day it should come back first.", "warning")
                return
            action = snooze(self.store, key, day)
            self._replace(key, str(action.id), done=False, snoozed=day)
            self._changed()

    def _clear_notes(self, key: str) -> MessageLine:
        """The note beside row ``key`` (the list's own line when it has none), with every
        other note cleared: a word about another row's button is out of date."""
        self.message.clear()
        for note in self.row_messages.values():
            note.clear()
        return self.row_messages.get(key) or self.message

    def _replace(self, key: str, new_key: str, *, done: bool,
                 snoozed: date | None = None) -> None:
        for item in self.items:
            if item.key == key:
                item.key, item.done, item.snoozed = new_key, done, snoozed
        self._draw()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

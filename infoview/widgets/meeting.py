"""The meeting companion: a clock against the agenda, questions to tick off, notes.

Made for calls and video meetings, where a second window can keep time. The clock is
injectable (``clock=`` returns seconds, like :func:`time.monotonic`), so tests move time by
hand; in a browser a hidden ``Play`` widget ticks once a second and the kernel redraws.
Stop pauses (the host takes a call), Start resumes where the clock stopped, and Reset sets
it back to zero for another meeting.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.meeting_notes import ClockState, keep_notes, kept_clock, kept_notes
from infoview.flows.meetings import ADD_A_MEETING, meeting_brief
from infoview.widgets._common import (
    FULL_WIDTH,
    MessageLine,
    button,
    count_of,
    esc,
    flag_html,
    heading,
)
from infoview.widgets.plan_offer import unsaved_plan_offer

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: Signals, from calm to urgent; ``signal`` holds one of them.
SIGNALS = ("", "closing", "wrap_up", "over")


@dataclass
class AgendaMark:
    """One step of the agenda, starting at ``minute``; ``closing`` marks the closing pair."""

    minute: float
    label: str
    closing: bool = False
    text: str = ""


def agenda_from(items: Sequence) -> list[AgendaMark]:
    """Agenda marks from the brief's agenda (:class:`~infoview.prep.brief.AgendaItem` s with
    ``start``, ``label``, ``text`` and ``kind``) or from ``(minute, label)`` pairs."""
    marks = []
    for item in items:
        if isinstance(item, (tuple, list)):
            label = str(item[1])
            marks.append(AgendaMark(float(item[0]), label, "closing" in label.lower()))
        else:
            marks.append(AgendaMark(float(item.start), item.label,
                                    getattr(item, "kind", "") == "closing",
                                    getattr(item, "text", "") or ""))
    return sorted(marks, key=lambda m: m.minute)


#: The longest agenda line's text shown whole; a longer one is cut at a word.
AGENDA_DETAIL = 100


def _agenda_detail(text: str) -> str:
    """An agenda step's text on one line of the agenda: whole up to :data:`AGENDA_DETAIL`
    characters, else cut at the last word that fits, with "…" (cut at 70 characters, the
    greeting lost its point, "say you will finish by ...", and words were cut in two,
    "working as a UX resea...")."""
    if len(text) <= AGENDA_DETAIL:
        return text
    cut = text[:AGENDA_DETAIL - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def _time_left(minutes: float) -> str:
    """The minutes left as the banner says them: whole minutes, and "less than a minute"
    for the last one (at 19:30 of 20 it said "0 minutes left")."""
    whole = round(minutes)
    return count_of(whole, "minute") if whole >= 1 else "less than a minute"


class MeetingCompanion(w.VBox):
    """Keeps time during a meeting and collects a line of notes per planned question.

    Args:
        plan: the :class:`~infoview.questions.models.QuestionPlan` (or a list of plan items).
        agenda: the brief's agenda (see :func:`agenda_from`); ``None`` shows the questions only.
        minutes: the promised length; defaults to the plan's ``meeting_minutes``.
        warn_before: minutes before the end at which the wrap-up signal shows.
        clock: seconds since an arbitrary point (default :func:`time.monotonic`).
        wall: the time of day now (default: now, UTC); the clock is kept by it, so that
            a reload in the middle of a meeting carries on from where it was.
        meeting_id: the stored meeting, passed on by :meth:`to_debrief`.
        store: the open store, which :meth:`load_meeting` reads another meeting from (the
            debrief form and the app switch the companion to the meeting chosen there).

    Attributes:
        rows: one ``(checkbox, notes)`` pair per planned question, in plan order.
        signal: ``""``, ``"closing"`` (time for the closing pair), ``"wrap_up"`` (a few
            minutes left) or ``"over"`` (past the promised end).
    """

    def __init__(self, plan=(), agenda: Sequence | None = None, *, minutes: int | None = None,
                 warn_before: float = 3.0, clock: Callable[[], float] = time.monotonic,
                 meeting_id: int | None = None, store: Store | None = None,
                 wall: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.warn_before = warn_before
        self.clock = clock
        self.wall = wall
        self.store = store
        self.meeting_id: int | None = None
        self.items: list = []
        self.minutes = 20.0
        self.marks: list[AgendaMark] = []
        self.started_at: float | None = None
        self.stopped_at: float | None = None
        self.paused_seconds = 0.0  # time spent stopped since the start, left off the clock
        self.signal = ""

        self.title = w.HTML()
        self.start_button = button("Start the clock", "success")
        self.stop_button = button("Stop", tooltip="pause the clock; Resume carries on from here")
        self.reset_button = button("Reset", tooltip="set the clock back to zero (stop it first)")
        self.clock_label = w.HTML()
        self.bar = w.FloatProgress(min=0, max=20, value=0, layout=w.Layout(width=FULL_WIDTH))
        self.banner = MessageLine()
        self.agenda_html = w.HTML()
        # Ticks in the browser once a second; hidden, driven by start/stop. The browser
        # starts its timer only when it sees ``playing`` turn on, never for a ticker that
        # was made already playing (a clock picked up after a reload): each new view of it
        # (``_view_count``, reported by the browser) is told again.
        self.ticker = w.Play(interval=1000, min=0, max=24 * 3600, value=0,
                             layout=w.Layout(display="none"), _view_count=0)
        self.ticker.observe(lambda _c: self._ticker_shown(), names="_view_count")
        self.rows: list[tuple[w.Checkbox, w.Text]] = []
        self.questions_box = w.VBox()
        #: Says the notes taken earlier were picked up (after a reload, say).
        self.notes_message = MessageLine()
        #: Says how saving the questions planned on Prepare with this meeting went.
        self.save_message = MessageLine()
        self._restoring = False  # notes being put back: nothing new to keep
        self.start_button.on_click(lambda _b: self.start())
        self.stop_button.on_click(lambda _b: self.stop())
        self.reset_button.on_click(lambda _b: self.reset())
        self.ticker.observe(lambda _c: self.refresh(), names="value")
        super().__init__([
            heading("Meeting companion"), self.title,
            w.HBox([self.start_button, self.stop_button, self.reset_button, self.clock_label]),
            self.bar, self.banner, self.agenda_html,
            heading("Planned questions: tick each one asked, note a line"),
            self.notes_message, self.questions_box, self.ticker,
        ])
        self.show(plan, agenda, minutes=minutes, meeting_id=meeting_id)

    @classmethod
    def for_meeting(cls, store: Store, meeting_id: int | None, **kwargs) -> MeetingCompanion:
        """A companion for a stored meeting: its planned questions and its brief's agenda
        (``None``: a companion that says to choose a meeting)."""
        companion = cls(store=store, **kwargs)
        companion.load_meeting(meeting_id)
        return companion

    def load_meeting(self, meeting_id: int | None) -> None:
        """Show the stored meeting ``meeting_id`` (needs ``store``): its host, questions
        and agenda, with the clock at zero; ``None`` shows no meeting."""
        if meeting_id is None or self.store is None:
            self.show((), None, meeting_id=None)
            self.title.value = (f"<i>No meeting chosen: choose one under Prepare or Debrief, "
                                f"or {esc(ADD_A_MEETING)}.</i>")
            return
        brief = meeting_brief(self.store, meeting_id)
        self.show(brief.plan, brief.agenda, meeting_id=meeting_id)
        when = f", {brief.logistics.when}" if brief.logistics.when else ""
        self.title.value = f"<b>With {esc(brief.who.name)}</b>{esc(when)}"
        self._pick_up_notes()
        self._pick_up_clock()

    def _pick_up_clock(self) -> None:
        """Set the clock where it was before a reload (a clock left running has counted
        on since: the meeting went on)."""
        if self.store is None or self.meeting_id is None:
            return
        kept = kept_clock(self.store, self.meeting_id, now=self.wall())
        if kept is None:
            return
        now = self.clock()
        self.started_at, self.paused_seconds = now - kept.seconds, 0.0
        self.stopped_at = None if kept.running else now
        self._play(kept.running)
        self.refresh()
        mm, ss = divmod(int(kept.seconds), 60)
        # Said for a reload and for a meeting chosen again under Debrief alike (it said
        # "before the page was opened again" when only the meeting had been switched).
        going = ("goes on from {}, as you left it running" if kept.running
                 else "is stopped at {}, as you left it")
        self.notes_message.show(" ".join(filter(None, [
            self.notes_message.text if self.notes_message.kind else "",
            f"The clock {going.format(f'{mm:02d}:{ss:02d}')}."])), "info")

    def _pick_up_notes(self) -> None:
        """Put back the notes kept for this meeting (taken before a reload or a closed tab),
        matched to the planned questions by id, else by wording."""
        if self.store is None or self.meeting_id is None:
            return
        kept = kept_notes(self.store, self.meeting_id)
        found = 0
        self._restoring = True
        try:
            for note in kept:
                index = next((i for i, item in enumerate(self.items)
                              if (note.get("question_id") and getattr(item, "id", None)
                                  == note["question_id"]) or item.text == note.get("text")),
                             None)
                if index is None or not (note.get("ticked") or note.get("notes")):
                    continue
                box, line = self.rows[index]
                box.value = bool(note.get("ticked"))
                line.value = str(note.get("notes") or "")
                found += 1
        finally:
            self._restoring = False
        if found:
            self.notes_message.show(f"Picked up the notes you took earlier ("
                                    f"{count_of(found, 'question')}): they stay until the "
                                    "debrief is saved.", "info")

    def _keep_notes(self) -> None:
        """Keep what is ticked and noted now, and the clock, so that a reload loses none
        of it."""
        if self._restoring or self.store is None or self.meeting_id is None:
            return
        notes = [dict(note, ticked=box.value)
                 for note, (box, _line) in zip(self.to_debrief(), self.rows, strict=True)]
        clock = (None if self.started_at is None
                 else ClockState(self.elapsed_minutes * 60.0, self.running))
        with self.notes_message.guard("keeping your notes"):
            keep_notes(self.store, self.meeting_id, notes, clock, now=self.wall())

    def _noted(self, tick: w.Checkbox, line: str) -> None:
        """A line of notes typed under a question: it was asked, so its box is ticked
        (a question noted but left unticked looked not asked, though the debrief takes it
        as asked); then what is noted is kept."""
        if line.strip() and not tick.value:
            tick.value = True  # keeps the notes, through the box's own observer
            return
        self._keep_notes()

    def catch_up(self) -> None:
        """Read the meeting again from the store (its questions may have been saved under
        Prepare since), unless the clock has started or a question was noted: a meeting
        under way is never redrawn under the user's notes."""
        if self.started_at is not None or self.meeting_id is None:
            return
        if any(note["asked"] for note in self.to_debrief()):
            return
        self.load_meeting(self.meeting_id)

    def show(self, plan, agenda: Sequence | None = None, *, minutes: int | None = None,
             meeting_id: int | None = None) -> None:
        """Show ``plan`` (a ``QuestionPlan`` or a list of plan items) and its agenda, with
        the clock stopped at zero and no notes: the companion of another meeting."""
        self.items = list(getattr(plan, "items", plan))
        self.minutes = float(minutes or getattr(plan, "meeting_minutes", 0) or 20)
        self.meeting_id = meeting_id
        # a companion of the store with no meeting chosen has no clock to start
        idle = self.store is not None and meeting_id is None
        for part in (self.start_button, self.stop_button, self.reset_button, self.clock_label,
                     self.bar, self.banner):
            part.layout.display = "none" if idle else ""
        self.marks = agenda_from(agenda or [])
        self.bar.max = self.minutes
        self.title.value = ""
        self.notes_message.clear()  # notes picked up were another meeting's
        self.rows = []
        row_boxes = []
        for item in self.items:
            tick = w.Checkbox(value=False, indent=False, layout=w.Layout(width="28px"))
            label = w.HTML(f"{esc(item.text)} <small>({item.minutes:g} min)</small>"
                           f"{flag_html(item.text)}")
            notes = w.Text(placeholder="a line of notes", layout=w.Layout(width=FULL_WIDTH))
            tick.observe(lambda _c: self._keep_notes(), names="value")
            notes.observe(lambda _c, tick=tick: self._noted(tick, _c["new"]), names="value")
            self.rows.append((tick, notes))
            row_boxes.append(w.VBox([w.HBox([tick, label]), notes],
                                    layout=w.Layout(margin="0 0 6px 0")))
        self.questions_box.children = row_boxes or self._no_questions()
        self._zero()

    def _no_questions(self) -> list[w.Widget]:
        """What the companion says of a meeting with no questions saved: the plan made for
        it on Prepare but not saved with it (the meeting added on People) is offered with
        one button that saves it here."""
        offer = (unsaved_plan_offer(self.store, self.meeting_id, self.save_message,
                                    self._planned_saved)
                 if self.store is not None and self.meeting_id is not None else [])
        return offer or [w.HTML("<i>No questions saved for this meeting: plan them under "
                                "Prepare and press Save person and meeting, or note what you "
                                "ask in the debrief.</i>")]

    def _planned_saved(self, count: int) -> None:
        """Show the meeting with the questions just saved from Prepare's plan."""
        if self.meeting_id is not None:
            self.load_meeting(self.meeting_id)
        self.notes_message.show(f"Saved {count_of(count, 'question')} with this meeting.", "ok")

    # -- the clock ---------------------------------------------------------------------
    @property
    def elapsed_minutes(self) -> float:
        """Minutes the clock has run since :meth:`start`, pauses left out (frozen while
        stopped); 0 before the start and after :meth:`reset`."""
        if self.started_at is None:
            return 0.0
        end = self.stopped_at if self.stopped_at is not None else self.clock()
        return max(0.0, (end - self.started_at - self.paused_seconds) / 60.0)

    @property
    def closing_at(self) -> float:
        """The minute at which the closing pair should be asked."""
        marks = [m.minute for m in self.marks if m.closing]
        return min(marks) if marks else max(0.0, self.minutes - self.warn_before)

    @property
    def running(self) -> bool:
        """Whether the clock is counting now (started, and not stopped since)."""
        return self.started_at is not None and self.stopped_at is None

    def _play(self, on: bool) -> None:
        """Make the browser's ticker tick (or not). Turned on from off, so that a browser
        already showing it starts its timer (it does on that change only)."""
        if on:
            self.ticker.playing = False
        self.ticker.playing = on

    def _ticker_shown(self) -> None:
        """A browser drew the ticker anew (the page opened after a reload): a clock
        running is set going there, or it would show the same second until Stop."""
        if self.running:
            self._play(True)

    def start(self) -> None:
        """Start the clock, or resume it after :meth:`stop` from where it stopped."""
        if self.started_at is None:
            self.started_at = self.clock()
        elif self.stopped_at is not None:
            self.paused_seconds += self.clock() - self.stopped_at
        self.stopped_at = None
        self.ticker.playing = True
        self.refresh()
        self._keep_notes()

    def stop(self) -> None:
        """Stop (pause) the clock; the elapsed time stays shown until Start resumes it."""
        if self.running:
            self.stopped_at = self.clock()
        self.ticker.playing = False
        self.refresh()
        self._keep_notes()

    def reset(self) -> None:
        """Stop the clock and set it back to zero; the notes stay."""
        self._zero()
        self._keep_notes()

    def _zero(self) -> None:
        self.started_at = self.stopped_at = None
        self.paused_seconds = 0.0
        self.ticker.playing = False
        self.refresh()

    def current_mark(self) -> AgendaMark | None:
        """The agenda step the meeting should be in now."""
        now = self.elapsed_minutes
        current = None
        for mark in self.marks:
            if mark.minute <= now:
                current = mark
        return current

    def refresh(self) -> None:
        """Redraw the clock, the signal and the agenda for the current time."""
        now = self.elapsed_minutes
        self.signal = self._signal(now)
        mm, ss = divmod(int(now * 60), 60)
        total = int(self.minutes)
        self.clock_label.value = f"<b style='font-size:1.3em'>{mm:02d}:{ss:02d}</b> of {total}:00"
        self.bar.value = min(now, self.minutes)
        self.bar.bar_style = {"": "info", "closing": "warning", "wrap_up": "warning",
                              "over": "danger"}[self.signal]
        left = self.minutes - now
        self.start_button.description = ("Resume the clock" if self.stopped_at is not None
                                         else "Start the clock")
        self.start_button.disabled = self.running
        self.stop_button.disabled = not self.running  # nothing to stop before the start
        # Only a stopped clock is reset: one press beside Stop, mid-call, lost the time.
        self.reset_button.disabled = self.started_at is None or self.running
        if self.started_at is None:
            self.banner.show(f"Press start when the meeting begins ({total} minutes promised).")
        elif self.stopped_at is not None:
            self.banner.show(f"Clock stopped at {mm:02d}:{ss:02d}: Resume carries on from there, "
                             "Reset starts again from zero.", "info")
        elif self.signal == "over":
            self.banner.show(f"Past the {total} minutes you promised: thank them and end, "
                             "unless they offer more time.", "error")
        elif self.signal == "wrap_up":
            words = _time_left(left)
            self.banner.show(f"{words[:1].upper()}{words[1:]} left: ask the closing pair now, "
                             "then wrap up on time.", "warning")
        elif self.signal == "closing":
            self.banner.show("Time for the closing pair: who else should I talk to, and may I "
                             "mention your name?", "warning")
        else:
            self.banner.show(f"On track: {_time_left(left)} left.", "ok")
        self.agenda_html.value = self._agenda_html()

    def _signal(self, now: float) -> str:
        if self.started_at is None:
            return ""
        if now >= self.minutes:
            return "over"
        if now >= self.minutes - self.warn_before:
            return "wrap_up"
        if now >= self.closing_at:
            return "closing"
        return ""

    def _agenda_html(self) -> str:
        if not self.marks:
            return ""
        current = self.current_mark() if self.started_at is not None else None
        lines = []
        for mark in self.marks:
            detail = _agenda_detail(mark.text)
            # On the clock's own face (mm:ss), not "1.5′": the user reads one against the other.
            mm, ss = divmod(round(mark.minute * 60), 60)
            text = f"{mm:02d}:{ss:02d} {esc(mark.label)}" + (f": {esc(detail)}" if detail else "")
            lines.append(f"<b>▶ {text}</b>" if mark is current else f"&nbsp;&nbsp;{text}")
        return "<div style='font-family:monospace'>" + "<br>".join(lines) + "</div>"

    # -- the notes -----------------------------------------------------------------------
    def tick(self, index: int, notes: str = "") -> None:
        """Mark question ``index`` (0-based, plan order) as asked, with a line of notes."""
        box, line = self.rows[index]
        box.value = True
        if notes:
            line.value = notes

    def to_debrief(self) -> list[dict]:
        """What was noted, ready for the debrief form: one dict per planned question.

        Each dict has ``question_id``, ``category``, ``text``, ``position`` (1-based plan
        order), ``asked`` (ticked, or notes written) and ``notes``; questions not asked
        stay in the list so the debrief can still record them as skipped.
        """
        out = []
        for position, (item, (box, line)) in enumerate(zip(self.items, self.rows, strict=True), start=1):
            notes = line.value.strip()
            out.append({
                "question_id": getattr(item, "id", None),
                "category": getattr(item, "category", None),
                "text": item.text,
                "position": position,
                "asked": bool(box.value or notes),
                "notes": notes,
            })
        return out

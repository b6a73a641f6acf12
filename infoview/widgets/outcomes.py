"""The outcomes dashboard: filters, headline figures, the funnel, the referral tree and the
other plots, and the table of due and overdue follow-ups.

Every figure and table comes from :mod:`infoview.analytics`, computed on the store's
DataFrames (``Store.frames()``); the panel only chooses the filters and shows the results.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

import infoview.analytics as a
from infoview.analytics import message
from infoview.analytics.display import (
    DOOR_OPENER_HEADERS,
    INTRODUCERS_HEADING,
    REFERRAL_KEY,
    health_in_words,
    outcome_words,
    reply_times_in_words,
)
from infoview.analytics.funnel import funnel_wide
from infoview.analytics.headline import figure_label, format_figure, headline_figures
from infoview.analytics.memory import LEVEL_WORDS
from infoview.analytics.plots import figure_png_base64, is_message_figure
from infoview.analytics.questions import average_text
from infoview.analytics.report import write_report
from infoview.flows.actions import followup_frames
from infoview.flows.followups import followup_words
from infoview.flows.outcome_sheets import write_outcome_sheets
from infoview.flows.profile import user_zone
from infoview.models import CHOICES, MAY_MENTION_WORDS, OWNER_WORDS, Meeting
from infoview.times import day_words, on_my_clock
from infoview.widgets._common import (
    CHANNEL_WORDS,
    WANTED_WORDS,
    WHOLE_ROWS_CLASS,
    WHOLE_ROWS_STYLE,
    MessageLine,
    button,
    esc,
    file_link,
    frame_html,
    heading,
    on_clock,
    status_words,
)
from infoview.widgets.daypicker import DayPicker
from infoview.widgets.holdings import HoldingsPanel

if TYPE_CHECKING:  # pragma: no cover
    from infoview.analytics.digest import Digest
    from infoview.store import Store

log = logging.getLogger(__name__)

_WIDE = {"description_width": "initial"}
TAB_TITLES = ("Funnel", "Replies", "Referrals", "Questions", "Activity", "Follow-ups", "This week",
              "Targets")


#: What each way of splitting the funnel means, shown under the filters while it is chosen
#: ("overall" needs no words). Only the help of the grouping in use is on the page.
GROUPING_HELP = {
    "channel": "By channel: how you first wrote to each person (email, LinkedIn, phone "
               "or other); people you have not written to yet are counted as not contacted.",
    "warmth": "By warmth: how close you were to each person before you wrote (a referral "
              "or a friend is warm, an alumnus less so, a stranger is cold). Warm messages "
              "are answered far more often.",
}
_HELP_STYLE = "color:#555;font-size:0.85em;margin:2px 0 6px 0"


def grouping_help(grouping: str) -> str:
    """The words under the filters for the funnel's ``grouping`` (``""`` when it needs none)."""
    words = GROUPING_HELP.get(grouping)
    return f"<div style='{_HELP_STYLE}'>{esc(words)}</div>" if words else ""


#: How the target list is made, above it.
TARGETS_HELP = ("<p style='color:#555;font-size:0.9em'>Your target list, the organizations "
                "most worth your time first. Each is ranked by the people you know there, how "
                "much you want to work there (set under People, Organizations, Edit) and the "
                "relevant openings you saw (Openings seen). "
                "People found counts everyone you saved who works there, known to you "
                "or not. An organization your people work at is listed even before you add it "
                "(with no score until you do). The top five are the ones to work on now; the "
                "rest wait until one of them is done.</p>")


def _plain_statuses(frame):
    """The statuses of a table in plain words ("they did not show", not ``no_show``)."""
    if frame is None or not len(frame) or "status" not in frame.columns:
        return frame
    return frame.assign(status=frame["status"].astype(str).map(status_words))


def _image(fig) -> str:
    # 120 dpi: the plots' small print (labels, counts on bars) stays readable on screen.
    return (f"<img style='max-width:100%' alt='plot' "
            f"src='data:image/png;base64,{figure_png_base64(fig, dpi=120)}'>")


def _figure_unless_empty(fig, table) -> str:
    """The figure, or nothing when it holds only a sentence and ``table`` under it is empty
    too: the table then says that it has nothing to show, and the picture would repeat it."""
    if is_message_figure(fig) and (table is None or len(table) == 0):
        return ""
    return _image(fig)


def actions_view(actions, now: datetime | None = None, zone: tzinfo | None = None):
    """Follow-ups (a :func:`~infoview.analytics.followup.due_actions` table) as a reader
    wants them: when, how late, what, with whom, whose move (ids and internal kinds left out).
    Notebooks show it under their panels; the dashboard's Follow-ups tab shows it too. The
    days are the user's (``zone``, from About me) when it is given."""
    import pandas as pd

    if actions is None or len(actions) == 0:
        return actions
    actions = on_clock(actions, zone)
    moment = pd.Timestamp(now or datetime.now(UTC))
    moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment
    # Days on the calendar, as the "due" column shows them: a follow-up due on the 1st is
    # six days late on the 7th at any hour (a difference of moments, floored, said seven).
    today = (moment.tz_convert(zone) if zone is not None else moment).date()

    def status(row) -> str:
        days = (row["due"].date() - today).days if pd.notna(row["due"]) else None
        if row["overdue"]:
            late = -days if days is not None else 0
            return "overdue" + (f" by {late} day{'s' if late != 1 else ''}" if late else "")
        return "due today" if not days else f"due in {days} day{'s' if days != 1 else ''}"

    def keep(text: str) -> str:  # short cells stay on one line
        return text.replace(" ", "\u00a0")

    return pd.DataFrame({
        "due": [keep(day_words(d)) if pd.notna(d) else "" for d in actions["due"]],
        "status": [keep(status(row)) for _, row in actions.iterrows()],
        # Worded as the Home and Debrief lists word them; the person has their own column.
        "what": [followup_words(str(what), "" if pd.isna(who) else str(who))[0]
                 for what, who in zip(actions["what"], actions["name"], strict=True)],
        "with": actions["name"].fillna("").astype(str),
        "whose move": actions["owner"].astype(str).map(OWNER_WORDS).fillna(""),
    })


#: The target list's columns as the Targets tab shows them: (column, header). Advocacy
#: (yes or no) is left out: the count of people known there says it and more.
_TARGET_COLUMNS = (("rank", "Rank"), ("name", "Organization"), ("industry", "Industry"),
                   ("batch", "Work on it"), ("motivation", "How much you want it"),
                   ("postings", "Openings seen"), ("advocates", "People you know there"),
                   ("people_found", "People found"), ("contacted", "Contacted"),
                   ("met", "Met"))


def targets_view(frame):
    """The target list (:func:`~infoview.analytics.targets.targets`) as a reader wants it:
    whether to work on each organization now or later, in words (``batch`` is the
    analytics' name for the top few), and plain headers."""
    if frame is None or len(frame) == 0:
        return frame
    shown = frame.assign(batch=frame["batch"].map({True: "now", False: "later"}),
                         motivation=frame["motivation"].map(WANTED_WORDS).fillna(""))
    return shown[[c for c, _h in _TARGET_COLUMNS]].rename(columns=dict(_TARGET_COLUMNS))


#: Columns of each digest section as the "This week" tab shows them.
_DIGEST_COLUMNS = {
    "Meetings this week": ["starts_at", "name", "format", "place"],
    "Losing touch": ["name", "organization", "last_contact", "last_what", "days_since", "level"],
    "Leads not yet contacted": ["name", "organization", "referrer", "may_mention", "referred_at"],
    "Missed meetings to rebook": ["starts_at", "name", "status", "meeting_id"],
}


def _whole_days(days) -> str:
    """A span in days as the whole days gone by (``99.3`` → ``"99"``); blank when unknown."""
    import math

    try:
        number = float(days)
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(number) or math.isinf(number) else str(int(number))


def _calendar_days(frame, zone: tzinfo | None):
    """``frame`` with its moments written as the Due column writes days ("Wed 15 Jul
    2026"; a meeting's start with its time too, "Mon 14 Dec 2026, 14:00"), on the user's
    clock: one tab had "2026-07-15" beside "Tue 17 Nov 2026", and a meeting without its hour."""
    import pandas as pd

    frame = on_clock(frame, zone)
    written = {}
    for column in frame.columns:
        if not isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            continue
        clock = column == "starts_at"
        written[column] = [(day_words(d) + (f", {d:%H:%M}" if clock else "")).replace(
            " ", "\u00a0") if pd.notna(d) else "" for d in frame[column]]
    return frame.assign(**written) if written else frame


def _meeting_starts(frame, zone: tzinfo | None, meeting_zones: Mapping[int, str | None]) -> list[str]:
    """Each meeting's start as every page writes it (:func:`~infoview.times.on_my_clock`):
    on the user's clock, with the meeting's own time beside it when its zone's clock
    differs; the user's part kept on one line."""
    import pandas as pd

    written = []
    for meeting, start in zip(frame["meeting_id"], frame["starts_at"], strict=True):
        if pd.isna(start):
            written.append("")
            continue
        mine, sep, theirs = on_my_clock(start, meeting_zones.get(int(meeting)),
                                        zone).partition(" (")
        written.append(mine.replace(" ", "\u00a0") + sep + theirs)
    return written


def digest_html(digest, now: datetime | None = None, zone: tzinfo | None = None,
                meeting_zones: Mapping[int, str | None] | None = None) -> str:
    """The weekly digest (:func:`~infoview.analytics.digest.weekly_digest`) as the tab shows
    it: one heading and table per section, the losing-touch levels in words, the days on
    the calendar of ``zone`` (the user's) when it is given; a meeting's start with its own
    time beside it when ``meeting_zones`` (its zone, by meeting) says its clock differs.

    What is due is split as the printed digest splits it: what is overdue under "Overdue",
    the rest of the week under "Due this week", each counted, none listed twice (the tab
    said "Due this week (3)" of two follow-ups overdue and one due on Friday)."""
    if digest is None:
        return ""
    parts = []
    for title, frame in digest.sections().items():
        if title == "Due this week":
            parts.append(_due_html(frame, now, zone))
            continue
        if len(frame):
            shown = _calendar_days(frame[_DIGEST_COLUMNS[title]], zone)
            if "starts_at" in shown.columns and "meeting_id" in frame.columns:
                shown = shown.assign(starts_at=_meeting_starts(frame, zone, meeting_zones or {}))
            if title == "Missed meetings to rebook":
                shown = _plain_statuses(shown)
            if title == "Losing touch":
                # whole days, as a person counts them ("99", not "99.3")
                shown = shown.assign(level=shown["level"].map(LEVEL_WORDS),
                    days_since=shown["days_since"].map(_whole_days)).rename(columns={
                    "last_what": "what it was", "days_since": "days ago",
                    "level": "keep in touch gap"})
            if title == "Leads not yet contacted":
                shown = shown.assign(may_mention=shown["may_mention"].astype(object).replace(
                    MAY_MENTION_WORDS)).rename(columns={
                        "referrer": "suggested by", "may_mention": "may mention their name",
                        "referred_at": "suggested on"})
        else:
            shown = frame
        parts.append(f"<h4>{esc(title)} ({len(frame)})</h4>"
                     + frame_html(shown, message(frame) or "Nothing this week.", zone=zone))
        if title == "Losing touch" and len(frame):  # one line after the list: met on a day
            from infoview.analytics.memory import undated_line  # never recorded

            note = undated_line(frame, others_late=True)
            if note:
                parts.append(f"<p>{esc(note)}</p>")
    return "".join(parts)


def _due_html(due, now: datetime | None, zone: tzinfo | None) -> str:
    """The digest's follow-ups due (:func:`~infoview.analytics.followup.due_actions`) as two
    counted lists: "Overdue", then "Due this week"."""
    late = due.loc[due["overdue"].astype(bool)] if len(due) else due
    coming = due.loc[~due["overdue"].astype(bool)] if len(due) else due
    empty = message(due)  # nothing due at all: the digest says in what window
    return (f"<h4>Overdue ({len(late)})</h4>"
            + frame_html(actions_view(late, now, zone), "Nothing is overdue.", zone=zone)
            + f"<h4>Due this week ({len(coming)})</h4>"
            + frame_html(actions_view(coming, now, zone),
                         empty or "Nothing else is due in the coming week.", zone=zone))


class OutcomesDashboard(w.VBox):
    """Outcomes across all meetings, filtered by date range and channel.

    Args:
        store: the open store.
        now: the moment "overdue" is measured against (default: now); tests pass one.
        refresh: compute everything at once; ``False`` shows the panel first and leaves
            the figures to :meth:`refresh` (a notebook shows the controls without waiting).
        out_dir: where "Save report" writes the self-contained HTML report; the button
            is hidden without it.

    Attributes:
        headline: ``{label: number}`` of the headline figures shown.
        tables: ``{name: DataFrame}`` behind each tab (``funnel``, ``replies``,
            ``door_openers``, ``questions``, ``activity``, ``health``, ``actions``, ``targets``,
            ``meeting_statuses``).
        figures: ``{name: matplotlib Figure}`` shown in the tabs.
        digest: the :class:`~infoview.analytics.digest.Digest` the "This week" tab shows.
    """

    def __init__(self, store: Store, *, now: datetime | None = None, refresh: bool = True,
                 out_dir: str | Path | None = None):
        self.store = store
        self.now = now
        self.headline: dict[str, float | int | None] = {}
        self.tables: dict = {}
        self.figures: dict = {}
        self.digest: Digest | None = None
        #: The filters the figures on the page were computed for (``None`` before any).
        self.shown_filters: dict | None = None
        self.since = DayPicker(description="From", style=_WIDE)
        self.until = DayPicker(description="to", style=_WIDE)
        channels = CHOICES[("outreach", "channel")]
        self.channels = w.SelectMultiple(options=[(CHANNEL_WORDS.get(c, c), c) for c in channels],
                                         value=channels, rows=len(channels),
                                         description="Channels", style=_WIDE)
        self.channels.add_class(WHOLE_ROWS_CLASS)
        channels_hint = w.HTML("<div style='color:#555;font-size:0.85em;line-height:1.3;"
                               "width:11em'>Highlighted channels count. Ctrl-click (⌘-click "
                               "on a Mac) to add or drop one.</div>")
        self.funnel_by = w.Dropdown(options=[("overall", "overall"), ("by channel", "channel"),
                                             ("by warmth", "warmth")], value="overall",
                                    description="Funnel", style=_WIDE)
        self.grouping_help = w.HTML(grouping_help(self.funnel_by.value))
        self.refresh_button = button("Update", "primary")
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.report_button = button("Save report", tooltip="one self-contained HTML page")
        self.report_button.layout.display = "" if out_dir is not None else "none"
        self.sheets_button = button("Save tables for a spreadsheet",
                                    tooltip="the people and the follow-ups, as CSV files "
                                            "Excel opens")
        self.sheets_button.layout.display = self.report_button.layout.display
        self.report_link = w.HTML()
        self.sheets_link = w.HTML()
        self.report_path: Path | None = None
        #: The spreadsheet files last saved (people, follow-ups).
        self.sheet_paths: list[Path] = []
        self.report_button.on_click(lambda _b: self.save_report())
        self.sheets_button.on_click(lambda _b: self.save_sheets())
        self.message = MessageLine()
        self.headline_html = w.HTML()
        self.panes = {title: w.HTML() for title in TAB_TITLES}
        self.tabs = w.Tab(children=list(self.panes.values()), titles=TAB_TITLES)
        self.refresh_button.on_click(lambda _b: self.refresh())

        self.holdings = HoldingsPanel(store)  # "what do you hold about me?"
        # The funnel's grouping is one quick choice: apply it at once. Dates and channels are
        # often changed several at a time, so they wait for Update, and say so.
        self.funnel_by.observe(lambda _c: self._grouping_changed(), names="value")
        for control in (self.since, self.until, self.channels):
            control.observe(lambda _c: self._filters_changed(), names="value")
        super().__init__([
            w.HTML(WHOLE_ROWS_STYLE), heading("Outcomes"),
            w.HBox([self.since, self.until, self.funnel_by]),
            w.HBox([self.channels, channels_hint, self.refresh_button, self.report_button,
                    self.sheets_button]),
            self.grouping_help,
            self.message, self.report_link, self.sheets_link, self.headline_html, self.tabs,
            self.holdings,
        ])
        if refresh:
            self.refresh()
        else:
            self.message.show("Computing the figures ... (or press Update)")

    def _grouping_changed(self) -> None:
        self.grouping_help.value = grouping_help(self.funnel_by.value)
        if self.tables:  # before the first Update there is nothing to regroup
            self.refresh()

    def _filters_changed(self) -> None:
        # a file saved for the old filters no longer matches the page: its link goes
        self.report_link.value = self.sheets_link.value = ""
        self.message.show("Filters changed: press Update to apply them.", "info")

    def filters(self) -> dict:
        """The filters as the analytics take them (``channels=None`` when all are chosen)."""
        chosen = list(self.channels.value)
        all_chosen = set(chosen) == {channel for _words, channel in self.channels.options}
        return {"since": self.since.value, "until": self.until.value,
                "channels": None if all_chosen else chosen}

    def refresh(self) -> None:
        """Recompute every figure and table for the current filters (the Update button)."""
        with self.message.guard("computing the outcomes"):
            if not self.channels.value:
                self.message.show("Choose at least one channel.", "warning")
                return
            # the actions as every face counts them (computed 3B7 follow-ups included)
            frames = followup_frames(self.store, now=self.now)
            f = self.filters()
            dates = {"since": f["since"], "until": f["until"]}
            t, figs = {}, {}
            by = None if self.funnel_by.value == "overall" else self.funnel_by.value
            t["funnel"] = a.funnel(frames, by=by, **f)
            figs["funnel"] = a.plot_funnel(frames, by=by, **f)
            t["replies"] = a.reply_rates(frames, by="channel", **f)
            figs["replies"] = a.plot_reply_rates(frames, by="channel", **f)
            t["door_openers"] = a.door_openers(frames, top=10)
            figs["referrals"] = a.plot_referral_graph(frames)
            t["questions"] = a.question_effectiveness(frames, **dates)
            figs["questions"] = a.plot_question_effectiveness(frames, **dates)
            t["activity"] = a.activity_by_week(frames, **f)
            figs["activity"] = a.plot_activity(frames, **f)
            t["health"] = a.follow_up_health(frames, now=self.now, **dates)
            t["actions"] = a.due_actions(frames, now=self.now, days=14)
            t["targets"] = a.targets(frames)
            t["meeting_statuses"] = a.meeting_statuses(frames, **dates)
            self.digest = a.weekly_digest(frames, now=self.now)
            self.tables, self.figures = t, figs
            self.shown_filters = f
            self.headline = self._headline(frames, f)
            self._show(a)
            self.message.show(f"Updated at {datetime.now(user_zone(self.store)):%H:%M:%S}.",
                              "ok")

    def _ready_to_save(self) -> bool:
        """Whether a file can be saved for the filters shown: an export folder is given,
        and filters changed but not applied are applied first (a report of October beside
        the page's all-time figures would disagree with it)."""
        if self.out_dir is None:
            self.message.show("No export folder was given for the report.", "error")
            return False
        if self.filters() != self.shown_filters:
            self.refresh()
        return self.filters() == self.shown_filters  # else the message says why not

    def save_sheets(self) -> list[Path]:
        """Write the people and the follow-ups for the current filters as CSV files a
        spreadsheet opens (:func:`~infoview.flows.outcome_sheets.write_outcome_sheets`),
        and show a link to each."""
        with self.message.guard("saving the tables"):
            if not self._ready_to_save():
                return []
            assert self.out_dir is not None  # checked above
            self.sheet_paths = write_outcome_sheets(self.store, self.out_dir, now=self.now,
                                                    **self.filters())
            self.sheets_link.value = "Tables for a spreadsheet: " + "; ".join(
                file_link(path) for path in self.sheet_paths)
            self.message.show("Saved for the filters shown.", "ok")
            return self.sheet_paths
        return []

    def save_report(self) -> Path | None:
        """Write the outcomes report for the current filters and show a link to it."""
        with self.message.guard("saving the report"):
            if not self._ready_to_save():
                return None
            assert self.out_dir is not None  # checked above
            frames = followup_frames(self.store, now=self.now)
            self.report_path = write_report(frames, self.out_dir / "outcomes-report.html",
                                            now=self.now, store=self.store,
                                            zone=user_zone(self.store), **self.filters())
            self.report_link.value = f"Report: {file_link(self.report_path)}"
            # the link names the file; the line above it says only what it is for
            self.message.show("Saved for the filters shown.", "ok")
            return self.report_path
        return None

    def _meeting_zones(self) -> dict[int, str | None]:
        """The time zone of each meeting the week lists, as saved with it."""
        if self.digest is None:
            return {}
        ids = {int(i) for frame in (self.digest.meetings, self.digest.missed)
               if "meeting_id" in frame.columns for i in frame["meeting_id"]}
        return {meeting.saved_id: meeting.timezone for i in sorted(ids)
                for meeting in self.store.list(Meeting, id=i)}  # none if deleted meanwhile

    def _headline(self, frames, filters: dict) -> dict:
        return headline_figures(frames, now=self.now, **filters)

    def _show(self, a) -> None:
        cards = []
        for label, value in self.headline.items():
            shown = format_figure(label, value)
            alert = label == "overdue actions" and value
            cards.append(
                f"<div class='infoview-card' style='display:inline-block;margin:4px 10px 4px 0;"
                f"padding:6px 10px;border:1px solid #ccc;border-radius:6px;"
                f"{'background:#fdecea;' if alert else ''}'><div style='font-size:1.4em;"
                f"font-weight:bold'>{esc(shown)}</div><div>{esc(figure_label(label, value))}</div></div>")
        self.headline_html.value = "".join(cards)
        t, figs = self.tables, self.figures
        mine = user_zone(self.store)  # days as the user's calendar has them
        empty = "Nothing to show yet for this selection."
        by = None if self.funnel_by.value == "overall" else self.funnel_by.value
        funnel = funnel_wide(t["funnel"], by) if by else t["funnel"]  # a row per group
        statuses = _plain_statuses(t["meeting_statuses"])
        if len(statuses):  # headed as the report heads them
            statuses = statuses.rename(columns={"count": "meetings", "rebooked": "booked again"})
        self.panes["Funnel"].value = (_figure_unless_empty(figs["funnel"], t["funnel"])
                                      + frame_html(outcome_words(funnel),
                                                   a.message(t["funnel"]) or empty)
                                      + "<h4>Meetings by status</h4>"
                                      + frame_html(statuses,
                                                   a.message(t["meeting_statuses"]) or empty))
        self.panes["Replies"].value = (_figure_unless_empty(figs["replies"], t["replies"])
                                       + frame_html(reply_times_in_words(t["replies"]),
                                                    a.message(t["replies"]) or empty))
        tree = _figure_unless_empty(figs["referrals"], t["door_openers"])
        if tree and not is_message_figure(figs["referrals"]):
            tree += f"<p style='color:#555;font-size:0.9em'>{esc(REFERRAL_KEY)}</p>"
        openers = t["door_openers"]
        if len(openers):
            openers = openers.rename(columns=DOOR_OPENER_HEADERS)
        self.panes["Referrals"].value = (tree + f"<h4>{esc(INTRODUCERS_HEADING)}</h4>"
                                         + frame_html(openers,
                                                      a.message(t["door_openers"]) or empty))
        questions = t["questions"]
        if len(questions):  # the id repeats the question; the text says it
            questions = questions[["text", "category", "asked", "rated", "mean_usefulness"]]
            # one decimal, as the chart above it writes each average
            questions = questions.assign(
                mean_usefulness=[average_text(m) for m in questions["mean_usefulness"]])
        self.panes["Questions"].value = (_figure_unless_empty(figs["questions"], questions)
                                         + frame_html(questions, a.message(t["questions"]) or empty))
        self.panes["Activity"].value = (_figure_unless_empty(figs["activity"], t["activity"])
                                        or frame_html(None, a.message(t["activity"]) or empty))
        self.panes["Follow-ups"].value = (frame_html(outcome_words(health_in_words(t["health"])))
                                          + "<h4>Due in the next two weeks or overdue</h4>"
                                          + frame_html(actions_view(t["actions"], self.now, mine),
                                                       a.message(t["actions"]) or empty))
        self.panes["This week"].value = digest_html(self.digest, self.now, mine,
                                                    self._meeting_zones())
        self.panes["Targets"].value = TARGETS_HELP + frame_html(
            targets_view(t["targets"]), a.message(t["targets"]) or empty)

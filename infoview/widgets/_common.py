"""Pieces every panel shares: a message line that shows errors, HTML helpers, links.

Panels never let an :class:`~infoview.errors.InfoviewError` escape a callback as a
traceback: :meth:`MessageLine.guard` catches it and shows its message inside the panel.
Everything shown as HTML is escaped here, because most of it was scraped from the web.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from infoview.analytics.display import readable_frame
from infoview.errors import BadInputFile, InfoviewError, NotFound
from infoview.flows.fields import as_sentence
from infoview.models import CHANNEL_WORDS as CHANNEL_WORDS
from infoview.models import STATUS_WORDS as STATUS_WORDS
from infoview.questions.lint import flag_note
from infoview.text import count_of as count_of  # the one plural rule, for the pages
from infoview.times import describe_start, starts_in_future, zone_label
from infoview.times import on_my_clock as on_my_clock  # the one rule, for the pages
from infoview.userfiles import size_words

if TYPE_CHECKING:  # pragma: no cover
    from infoview.models import Meeting
    from infoview.store import Store

log = logging.getLogger(__name__)

_COLOURS = {"info": "#1f4e79", "ok": "#1b5e20", "warning": "#8a5300", "error": "#b00020"}

#: The width of a field that should fill its row: 100% plus the widget's own margins would
#: stick out past the panel's right edge.
FULL_WIDTH = "calc(100% - 8px)"
_LINK_STYLE = "color:#1a5fb4;text-decoration:underline"
_CELL_STYLE = "padding:3px 14px 3px 0;vertical-align:top;text-align:left"
#: A list box (``Select``, ``SelectMultiple``) that shows its rows whole. ipywidgets pads the
#: top of the box, which the browser's height for ``rows`` does not count: the last row
#: ("other" of the Outcomes page's channels) was cut off at the bottom.
WHOLE_ROWS_CLASS = "infoview-whole-rows"
WHOLE_ROWS_STYLE = (f"<style>.{WHOLE_ROWS_CLASS} select {{height:auto !important;"
                    "padding:4px 0 !important;}</style>")


#: The width of a list of records (people, organizations): one rule for both, wide enough
#: for "Samira Okafor (Head of user research, Northgate Community Credit Union)".
LIST_WIDTH = "640px"
LIST_CLASS = "infoview-list"
#: A row longer still wraps onto a second line instead of being cut off at the edge.
LIST_STYLE = (f"<style>.{LIST_CLASS} select option {{white-space:normal;"
              "overflow-wrap:anywhere;}</style>")


def record_list(rows: int) -> w.Select:
    """A list of records ``rows`` rows high, :data:`LIST_WIDTH` wide (never wider than the
    page), whose long rows wrap (with :data:`LIST_STYLE` on the page) and whose chosen row
    shows in full on hover."""
    records = w.Select(options=[], rows=rows, layout=w.Layout(width=LIST_WIDTH, max_width="100%"))
    records.add_class(LIST_CLASS)

    def _hover(_change: object = None) -> None:
        records.tooltip = records.label or None

    records.observe(_hover, names=["value", "options"])
    return records


#: A meeting's format as a reader says it: (label, stored value), for dropdowns.
FORMAT_CHOICES = (("video call", "video"), ("phone call", "phone"), ("in person", "in_person"))


#: How much the user wants an organization, in the words of its form (People,
#: Organizations) and of the target list, not the score the ranking uses.
WANTED_WORDS = {0: "not scored yet", 1: "a little", 2: "quite a lot", 3: "very much"}


def status_words(status: str) -> str:
    """A meeting's status in plain words ("no_show" is "they did not show")."""
    return STATUS_WORDS.get(status, status.replace("_", " "))


def meeting_state(meeting: Meeting) -> str:
    """A meeting's status as the lists of meetings say it: :func:`status_words`, except that
    one agreed with no time set is "agreed to meet" ("day agreed" would not be so)."""
    if meeting.status == "scheduled" and meeting.starts_at is None:
        return "agreed to meet"
    return status_words(meeting.status)


def esc(value: Any) -> str:
    """``value`` as text that is safe inside HTML (``None`` becomes an empty string)."""
    return "" if value is None else html.escape(str(value))


def zone_words(store: Store, mine: tzinfo, what: str = "Times are") -> str:
    """Which clock the times on the page are on, said once: About me's zone, else the
    computer's (and where to set it). ``what`` says which times, where a page also shows
    some on another clock ("Meetings are listed on")."""
    label = zone_label(mine)
    if store.get_profile().timezone:
        return f"{what} {label} time, your time zone (About me)."
    return f"{what} this computer's time ({label}); set your own time zone in About me."


def zone_note(store: Store, mine: tzinfo, what: str = "Times are", more: str = "") -> str:
    """:func:`zone_words` (and ``more`` after it) as the small grey line a page shows once,
    above or under the meeting times it lists."""
    return (f"<span class='infoview-zone-note' style='color:#555'>"
            f"{esc(zone_words(store, mine, what) + more)}</span>")


def link(url: str | None, text: str | None = None) -> str:
    """An HTML link that opens in a new tab; only http(s) URLs become links (a browser
    refuses ``file://`` links from a web page: files are offered by :func:`file_link`)."""
    if not url:
        return esc(text)
    label = esc(text or url)
    if not str(url).startswith(("http://", "https://")):
        return label
    # Voila's and JupyterLab's styles leave links looking like plain text: colour them.
    return (f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer" '
            f'style="{_LINK_STYLE}">{label}</a>')


#: Files up to this size are offered for download inside the page itself; a larger one is
#: only named with its folder (the page would carry it whole).
DOWNLOAD_LIMIT = 25 * 1024 * 1024
_MIME = {".md": "text/markdown", ".html": "text/html", ".pdf": "application/pdf",
         ".ics": "text/calendar", ".vcf": "text/vcard", ".txt": "text/plain",
         ".csv": "text/csv", ".json": "application/json"}


def download_link(data: bytes, name: str, label: str | None = None) -> str:
    """A link that downloads ``data`` as a file called ``name``.

    The bytes travel inside the link (a ``data:`` address with the ``download`` attribute),
    so it works the same in Voila and in JupyterLab, with no server route and no
    ``file://`` link (which browsers refuse to open from a web page).
    """
    import base64

    mime = _MIME.get(Path(name).suffix.lower(), "application/octet-stream")
    encoded = base64.b64encode(data).decode("ascii")
    return (f"<a class='infoview-download' download='{esc(name)}' "
            f"href='data:{mime};base64,{encoded}' style='{_LINK_STYLE}'>"
            f"{esc(label or 'Download ' + name)}</a>")


def file_link(path: Path) -> str:
    """A written file as the page offers it: a link that downloads it, and the folder it
    was saved in (a file too large to carry in the page gets the folder only)."""
    path = Path(path).resolve()
    where = f"saved in <code>{esc(path.parent)}</code>"
    try:
        size = path.stat().st_size
        if size > DOWNLOAD_LIMIT:
            return f"<b>{esc(path.name)}</b> ({size_words(size)}), {where}"
        return f"{download_link(path.read_bytes(), path.name)}, {where}"
    except OSError as exc:
        return f"<b>{esc(path.name)}</b> could not be read back ({esc(exc.strerror)}), {where}"


def bullet_list(items: Iterable[str], empty: str = "Nothing here.") -> str:
    """An HTML list of already-escaped items, or a plain sentence when there are none."""
    items = list(items)
    if not items:
        return f"<p><i>{esc(empty)}</i></p>"
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def column_label(name: str) -> str:
    """A column name as a reader would write it: ``source_url`` becomes "Source",
    ``mean_usefulness`` "Mean usefulness"."""
    words = str(name).replace("_", " ").strip()
    if words.endswith(" url") and words != "url":
        words = words[:-4]
    return words[:1].upper() + words[1:]


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def fill_places(warning, fields: dict[str, tuple[str, str]]) -> str:
    """The fields that fix ``warning`` and where they are, as a page names them ("“Your
    name” and “Your profile link” above"), or ``""`` when no field of the app fixes it.

    ``fields`` maps each fact a draft may lack (:func:`infoview.prep.checks.gaps`) to the
    field's label and where it is, as this page sees it (``("Your name", "on About me")``);
    fields in one place are named together.
    """
    from infoview.prep.checks import gaps

    places: dict[str, list[str]] = {}
    for gap in gaps(warning):
        if gap in fields:
            label, place = fields[gap]
            labels = places.setdefault(place, [])
            if f"“{label}”" not in labels:
                labels.append(f"“{label}”")
    return " and ".join(f"{_listed(labels)} {place}" for place, labels in places.items())


def warning_words(warning, fields: dict[str, tuple[str, str]]) -> str:
    """A draft's warning as the page says it: the check's message and where to fix it.

    The note that the profile lacks something (``profile_missing``) is said once, naming
    the fields, not "fill in your profile" and then "Fill in ... on About me" after it; and
    a link is "a page about your work", which she may not have (no LinkedIn assumed).
    """
    from infoview.prep.checks import gaps
    from infoview.prep.outreach import PROFILE_PLACEHOLDERS

    places = fill_places(warning, fields)
    lacking = [PROFILE_PLACEHOLDERS[m] for m in warning.stands_for if m in PROFILE_PLACEHOLDERS]
    if warning.code != "profile_missing" or not places or not lacking:
        return warning.message + (f" Fill in {places}." if places else "")
    held = "a placeholder" if len(lacking) == 1 else "placeholders"
    words = f"The draft holds {held} for {_listed(lacking)}: fill in {places}"
    if "your_link" in gaps(warning):
        words += ", or take the link's line out if you have no such page"
    return words + "."


def draft_checks_html(draft, fields: dict[str, tuple[str, str]] | None = None) -> str:
    """A draft's word count and what its checks found, each as a plain sentence and nothing
    else (no check's code, not even on hover: "no_connection_first" means nothing to most
    readers); ``fields`` names the field that fixes a check (see :func:`warning_words`), so
    the user knows where to go."""
    items = (f"⚠ {esc(warning_words(x, fields or {}))}" for x in draft.warnings)
    return (f"<p>{count_of(draft.word_count, 'word')}.</p>"
            + bullet_list(items, "The checks found nothing to fix."))


def table_html(rows: list[dict[str, Any]], columns: list[str], empty: str = "Nothing to show.",
               links: Iterable[str] = (), labels: dict[str, str] | None = None) -> str:
    """A small HTML table of ``rows`` (dicts); columns named in ``links`` render as links.

    Headers are ``labels[column]`` when given, else :func:`column_label` of the column.
    """
    if not rows:
        return f"<p><i>{esc(empty)}</i></p>"
    link_cols, labels = set(links), labels or {}
    head = "".join(f"<th style='{_CELL_STYLE}'>{esc(labels.get(c) or column_label(c))}</th>"
                   for c in columns)
    body = []
    for row in rows:
        cells = []
        for col in columns:
            value = row.get(col)
            shown = link(value) if col in link_cols else esc(value)
            cells.append(f"<td style='{_CELL_STYLE}'>{shown}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='infoview-table'><tr>{head}</tr>{''.join(body)}</table>"


def on_clock(frame, zone: tzinfo | None):
    """``frame`` with its moments (time-zone-aware columns) moved to ``zone``, the user's:
    a table shows the day as the user's calendar has it, not UTC's."""
    if zone is None or frame is None or len(frame) == 0:
        return frame
    import pandas as pd

    moved = {c: frame[c].dt.tz_convert(zone) for c in frame.columns
             if isinstance(frame[c].dtype, pd.DatetimeTZDtype)}
    return frame.assign(**moved) if moved else frame


def frame_html(frame, empty: str = "Nothing to show.", max_rows: int = 50,
               zone: tzinfo | None = None) -> str:
    """A pandas DataFrame as escaped HTML with readable headers and numbers (shares as
    percentages, no ``NaN``: see :func:`infoview.analytics.display.readable_frame`), id
    columns left out, or a plain sentence when it is empty. Its moments are shown in
    ``zone`` (the user's, see :func:`on_clock`) when one is given."""
    if frame is None or len(frame) == 0:
        return f"<p><i>{esc(empty)}</i></p>"
    # Record ids mean nothing to a reader; the names beside them say who or what.
    shown = on_clock(frame.head(max_rows), zone)
    shown = readable_frame(shown[[c for c in shown.columns
                                  if not (c == "id" or str(c).endswith("_id"))]])
    shown = shown.rename(columns={c: column_label(c) for c in shown.columns})
    return shown.to_html(escape=True, index=False, border=0, na_rep="").replace(
        "<td>", f"<td style='{_CELL_STYLE}'>").replace("<th>", f"<th style='{_CELL_STYLE}'>")


def flag_html(question: str) -> str:
    """The linter's warning on a question the user kept anyway, as a small marked note
    (``""`` for a clean question); the picker and the meeting companion show it."""
    note = flag_note(question)
    return (f" <small class='infoview-flag' style='color:#8a5300'>{esc(note)}</small>"
            if note else "")


def heading(text: str) -> w.HTML:
    """A small section heading."""
    return w.HTML(f"<h4 style='margin:6px 0 2px 0'>{esc(text)}</h4>")


class MessageLine(w.HTML):
    """One line under a panel's buttons: progress notes, results, and errors.

    ``kind`` is the last kind shown (``info``, ``ok``, ``warning``, ``error``) and ``text``
    the plain text, so tests can read what the user saw.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.kind = ""
        self.text = ""

    def show(self, text: str, kind: str = "info") -> None:
        """Show ``text`` (plain text, escaped here) in the colour of ``kind``."""
        self.kind, self.text = kind, text
        colour = _COLOURS.get(kind, "inherit")
        self.value = f"<div class='infoview-{kind}' style='color:{colour}'>{esc(text)}</div>"

    def clear(self) -> None:
        """Show nothing."""
        self.kind, self.text, self.value = "", "", ""

    def clear_on_change(self, *controls: w.Widget) -> None:
        """Show nothing once one of ``controls`` changes value: a message belongs to the
        action that caused it ("Saved." no longer holds once a field is edited again)."""
        for control in controls:
            control.observe(lambda _c: self.clear(), names="value")

    @contextmanager
    def guard(self, doing: str = "") -> Iterator[None]:
        """Run a callback's body; an ``InfoviewError`` becomes a red message, not a traceback.

        Other exceptions are programming errors: they are shown too (a widget callback
        has nowhere better to report them) and logged with their traceback.
        """
        try:
            yield
        except InfoviewError as exc:
            # The library's message says what went wrong and what to do, as a sentence of its
            # own ("doing: the message" read like a log line: "snoozing: snooze it to ...").
            self.show(page_words(exc), "error")
        except Exception as exc:  # noqa: BLE001 - a callback must not die silently
            log.exception("unexpected error in a widget callback")
            self.show(f"Something went wrong{' while ' + doing if doing else ''}: "
                      f"{type(exc).__name__}: {exc}", "error")


def page_words(exc: InfoviewError) -> str:
    """A library error as the page says it: a sentence; a stored record that is gone (deleted
    meanwhile, in another tab or window) in words, without the id and the command to list
    ids that the message gives a terminal. An error whose message is already a sentence that
    opens with a name the user wrote (a file's: ``as_written``, or a file's problem) keeps that
    name as it is ("all mail.mbox", not "All mail.mbox")."""
    if getattr(exc, "as_written", False) or (isinstance(exc, BadInputFile) and exc.path):
        words = str(exc).strip()
        return words if words.endswith((".", "?", "!")) else words + "."
    record = getattr(exc, "record", None)
    if isinstance(exc, NotFound) and record:
        return (f"This {record} is no longer in your data: deleted meanwhile, perhaps in "
                "another tab or window. Nothing was saved; reload the page to see what is "
                "there now.")
    return as_sentence(str(exc))


#: The space between controls side by side ("Time" and "Time zone" after it): without it a
#: control's label sits glued to the box before it. A label and its own control (a
#: question and its choice) sit closer: ``LABEL_GAP``.
ROW_GAP = "16px"
LABEL_GAP = "8px"


def control_row(*controls: w.Widget, gap: str = ROW_GAP) -> w.HBox:
    """``controls`` side by side on one line, centred on it, ``gap`` apart: the one way the
    panels lay out a row of labelled controls."""
    return w.HBox(list(controls), layout=w.Layout(align_items="center", grid_gap=gap))


def button(description: str, style: str = "", tooltip: str = "", width: str = "auto") -> w.Button:
    """A button with the look used throughout the panels."""
    # align_self keeps a button its own size in a VBox, which would stretch it full width.
    return w.Button(description=description, button_style=style, tooltip=tooltip or description,
                    layout=w.Layout(width=width, align_self="flex-start"))


def textarea_rows(value: str, least: int = 4, most: int = 30) -> int:
    """Rows a Textarea needs to show ``value`` whole (long lines wrap at about 100 characters)."""
    lines = sum(1 + len(line) // 100 for line in (value or "").splitlines())
    return max(least, min(most, lines + 1))


def text(description: str, value: str = "", placeholder: str = "", width: str = "95%") -> w.Text:
    """A labelled text field whose label is not cut short."""
    return w.Text(value=value, description=description, placeholder=placeholder,
                  style={"description_width": "initial"}, layout=w.Layout(width=width))


class RunsInBackground:
    """A panel whose long work (reading websites) runs on a thread of its own, so the page
    stays live; it sets ``_thread`` when a run starts."""

    _thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        """True while a run is going."""
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the current run has finished (no-op when none is running)."""
        if self._thread is not None:
            self._thread.join(timeout)


def _minute(moment: datetime) -> datetime:
    """``moment`` to the minute, as a form's time box holds it."""
    return moment.replace(second=0, microsecond=0)


class PastStartCheck:
    """Asks once before a meeting is saved with a start already past (a year typed wrong
    reads like a meeting to come); the same start saved again is what the user means.

    ``question(start, zone, before)`` returns the words to show beside the date the first
    time a past start is saved, ``None`` when it may be saved: it is ahead, it is the one
    already asked about, or it is the meeting's start as stored (``before``).
    """

    def __init__(self) -> None:
        self._asked: datetime | None = None

    def reset(self) -> None:
        """Forget the start asked about (a form opened anew)."""
        self._asked = None

    def question(self, start: datetime | None, zone: str | None,
                 before: datetime | None = None) -> str | None:
        # The form shows whole minutes: a start stored with seconds comes back without them
        # and is still the start as stored.
        if start is None or starts_in_future(start) or (
                before is not None and _minute(start) == _minute(before)):
            return None
        if self._asked == start:
            self._asked = None
            return None
        self._asked = start
        return (f"{describe_start(start, zone)} is already past. If the meeting took place "
                "then, press Save anyway: it will wait for its debrief. Otherwise correct "
                "the date.")

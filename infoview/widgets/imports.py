"""The import panel: the user's mail, calendar and LinkedIn exports, previewed before anything
is kept.

One panel for all three. The user picks what to import (mail, calendar or LinkedIn contacts),
uploads the file or
types its path (a large mailbox is better given by path: an upload passes through the
browser), and presses **Preview**: the import runs as a dry run and the panel shows, in
plain words, what would be recorded and what would not. **Import** then writes exactly
that (it stays disabled until a preview of the same input has been shown). For mail, the
people the user writes to who are not in the store are listed with a tick box each: those
ticked are added, and their messages imported, by the same **Import**.

The work is :func:`infoview.flows.mail_import.import_mail` and
:func:`infoview.flows.calendar_import.import_calendar` and
:func:`infoview.flows.linkedin_import.import_linkedin_file` (which, after a LinkedIn import,
also says whom the user knows at their organizations); this panel only collects the input
and shows the reports. Errors appear beside the control that caused them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.app import UPLOAD_LIMIT
from infoview.errors import BadInput
from infoview.models import Person
from infoview.userfiles import size_words
from infoview.widgets._common import (
    LABEL_GAP,
    MessageLine,
    bullet_list,
    button,
    control_row,
    esc,
    heading,
    text,
)

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from infoview.flows.calendar_import import CalendarImportReport
    from infoview.flows.linkedin_import import LinkedInImportReport
    from infoview.flows.mail_import import MailImportReport
    from infoview.flows.question_file import QuestionFileReport
    from infoview.store import Store

#: The upload button's words. ipywidgets always adds the number of files chosen, "(0)",
#: which reads as a fault and cannot be turned off (jupyter-widgets/ipywidgets#2904): the
#: button's own text is hidden and these words are drawn in its place by the style below.
UPLOAD_WORDS = "Upload a file"
_UPLOAD_CLASS = "infoview-upload"
_UPLOAD_STYLE = (f"<style>.widget-upload.{_UPLOAD_CLASS} {{font-size:0 !important;}}"
                 f".widget-upload.{_UPLOAD_CLASS} i {{font-size:var(--jp-widgets-font-size,13px);"
                 "margin-right:4px;}"
                 f".widget-upload.{_UPLOAD_CLASS}::after {{content:'{UPLOAD_WORDS}';"
                 "font-size:var(--jp-widgets-font-size,13px);}</style>")

#: The panel's class, and that of the box its refusal of a large upload is written in: the
#: app's page script (upload_limit.js in infoview's Voila template) looks for both.
PANEL_CLASS = "infoview-import-panel"
REFUSAL_CLASS = "infoview-upload-refusal"
_REFUSAL_COLOUR = "#b00020"

_KINDS = (("Mail (mbox, .eml, Maildir)", "mail"), ("Calendar (.ics)", "calendar"),
          ("LinkedIn contacts (.csv or .zip)", "linkedin"), ("My own questions (.csv)", "questions"))


# What the path field suggests, for the kind of file chosen (a mail export is no calendar).
_EXAMPLE_PATHS = {"mail": "e.g. /home/you/Takeout/Mail/All mail.mbox",
                  "calendar": "e.g. /home/you/Downloads/calendar.ics",
                  "linkedin": "e.g. /home/you/Downloads/Connections.csv",
                  "questions": "e.g. /home/you/Documents/my-questions.csv"}

#: What each kind of import keeps, above the controls.
_WHAT_IS_KEPT = {
    "mail": "Only messages with people you saved under People are kept: for each its date, subject "
            "and direction (not its text, unless you ask). Nothing is kept about anyone "
            "else.",
    "calendar": "Only events with people you saved under People are kept: for each its time and "
                "title. Nothing is kept about anything else.",
    "linkedin": "Your contacts from LinkedIn: download Connections.csv (LinkedIn: Settings, "
                "Data privacy, Get a copy of your data, Connections), or the whole archive "
                "LinkedIn sends you (a .zip file, which fills in About me too). Everyone in "
                "it is added under People as someone you know; people already there are "
                "only filled in. Nothing is sent anywhere.",
    "questions": "Your own questions for the question bank, in a spreadsheet saved as CSV: "
                 "start from the file below, which explains its columns. A copy is kept "
                 "beside your data and every plan made under Prepare draws on it; adding "
                 "another file replaces it.",
}


class ImportPanel(w.VBox):
    """Import mail or a calendar, with a preview first (see the module docstring).

    Args:
        store: the open store.
        out_dir: where the question file to start from is written (the default export
            folder when ``None``).

    Attributes:
        kind: ``"mail"`` or ``"calendar"``.
        path: a file or folder path (used when nothing is uploaded).
        upload: an uploaded file (read in memory, never written to disk).
        me: the user's own addresses (mail), prefilled from their profile.
        bodies_for: people whose message text is kept too (mail).
        offered: correspondents not in the store, to tick for adding (mail).
        preview_button, import_button: the two steps.
        input_message: errors about the file (beside the path); ``message``: the outcome.
        preview: what would be recorded; ``result``: what was.
        report: the last report (preview or import).
    """

    def __init__(self, store: Store, out_dir: Path | None = None):
        self.store = store
        self.report: (MailImportReport | CalendarImportReport | LinkedInImportReport
                      | QuestionFileReport | None) = None
        self._previewed: tuple | None = None
        self._previewed_people: tuple = ()  # the people the last preview matched against
        self._imported: tuple | None = None  # the input imported last (a second click's)
        self._boxes: list[tuple[w.Checkbox, str]] = []
        # Labelled beside it: the buttons' own description sat above them on a line of its
        # own, and the mail button's text was cut ("Mail (mbox, .eml, M...").
        self.kind = w.ToggleButtons(options=_KINDS, value="mail",
                                    style={"button_width": "auto"},
                                    layout=w.Layout(width="auto"))
        self.path = text("File or folder", placeholder=_EXAMPLE_PATHS["mail"])
        self.upload = w.FileUpload(accept=".mbox,.eml,.ics,.mbx,.csv,.zip", multiple=False,
                                   description=UPLOAD_WORDS,
                                   tooltip="choose a mailbox, calendar or LinkedIn file on "
                                           "this computer")
        self.upload.add_class(_UPLOAD_CLASS)  # its count hidden: see UPLOAD_WORDS
        #: Names the file uploaded (the upload button itself only counts files).
        self.upload_note = w.HTML()
        #: Beside the upload button: in the app's page a file too large is refused here
        #: before it is read (see the app's upload_limit.js), which cut the connection.
        self.upload_refusal = w.HTML(_refusal_box(), layout=w.Layout(align_self="center"))
        #: Says, before anyone tries, how large an upload may be, and (in the words of the
        #: kind chosen) whether the file is copied.
        self.upload_help = w.HTML(_upload_help("mail"))
        self.input_message = MessageLine()
        self.me = text("Your email addresses", value=store.get_profile().email or "",
                       placeholder="you@example.org (several: separate with commas)")
        self.bodies_for = w.SelectMultiple(description="Keep the text of messages with",
                                           options=[], rows=4,
                                           style={"description_width": "initial"},
                                           layout=w.Layout(width="60%"))
        #: Beside the list: how to choose in it, and what choosing nobody means (a list
        #: that takes several needs Ctrl-click, which nothing on the page said).
        self.bodies_hint = w.HTML(
            "<div class='infoview-bodies-hint' style='color:#555;font-size:0.85em;"
            "line-height:1.3;max-width:18em;margin-left:8px'>Nobody chosen: no message's text "
            "is kept. Click a name to keep the text of messages with them; Ctrl-click "
            "(⌘-click on a Mac) to choose more, or to leave one out again.</div>")
        self.mail_options = w.VBox([self.me, w.HBox([self.bodies_for, self.bodies_hint],
                                                    layout=w.Layout(align_items="flex-start"))])
        self.preview_button = button("Preview", "info", "show what would be recorded, "
                                     "without keeping anything")
        self.import_button = button("Import", "success", "record what the preview shows")
        self.import_button.disabled = True
        self.message = MessageLine()
        self.preview = w.HTML()
        self.offered = w.VBox([])
        self.result = w.HTML()
        #: After a LinkedIn preview or import: whom the user knows at their organizations.
        self.known = w.HTML()
        self.intro = w.HTML(_intro("mail"))
        from infoview.paths import default_exports_dir
        from infoview.widgets.questionfiles import QuestionFileHelp

        #: For a question file: one to start from, its columns in words, the bank's ids.
        self.question_help = QuestionFileHelp(
            store, out_dir if out_dir is not None else default_exports_dir())
        self.kind.observe(lambda _c: self._kind_chosen(), names="value")
        self.path.observe(lambda _c: self._path_typed(), names="value")
        self.upload.observe(lambda _c: self._uploaded(), names="value")
        self.me.observe(lambda _c: self._changed(), names="value")
        self.bodies_for.observe(lambda _c: self._changed(), names="value")
        self.preview_button.on_click(lambda _b: self.show_preview())
        self.import_button.on_click(lambda _b: self.run_import())
        super().__init__([
            heading("Import your mail, calendar, LinkedIn contacts or questions"),
            self.intro,
            control_row(w.HTML("What to import:"), self.kind, gap=LABEL_GAP),
            self.question_help,
            w.HTML(_UPLOAD_STYLE), w.HBox([self.path, self.upload, self.upload_refusal]),
            self.upload_help, self.upload_note,
            self.input_message,
            self.mail_options,
            w.HBox([self.preview_button, self.import_button]), self.message, self.preview,
            self.offered, self.result, self.known,
        ])
        self.add_class(PANEL_CLASS)
        self.refresh_people()

    # ---- input -------------------------------------------------------------------------

    def refresh_people(self) -> None:
        """Fill the list of people whose message text may be kept (those still chosen stay
        chosen; the list is only redrawn when the people changed)."""
        options = [(p.name, p.id) for p in self.store.list(Person)]
        if list(self.bodies_for.options) != options:
            ids = {pid for _name, pid in options}
            chosen = tuple(pid for pid in self.bodies_for.value if pid in ids)
            self.bodies_for.options = options
            self.bodies_for.value = chosen
        self.mail_options.layout.display = "" if self.kind.value == "mail" else "none"
        self.question_help.layout.display = "" if self.kind.value == "questions" else "none"

    def shown_again(self) -> None:
        """Back from another page: the list of people is the store's now (someone added
        under People was missing from it, someone deleted still offered), and a preview
        made before the people changed is not what Import would record: it goes."""
        stale = self._previewed is not None and self._people_now() != self._previewed_people
        self.refresh_people()
        if stale:
            self._changed()
            self.message.show("Your people changed since this preview (under People): press "
                              "Preview again to see what would be recorded now.", "info")

    def _people_now(self) -> tuple:
        """What matching reads of the store: each person's name and addresses, and yours."""
        return (tuple((p.id, p.name, p.email) for p in self.store.list(Person)),
                self.store.get_profile().email)

    def _kind_chosen(self) -> None:
        """Another kind of file: the words on what becomes of the file are that kind's
        (a question file is copied beside the data; an export is read where it is)."""
        self.upload_help.value = _upload_help(self.kind.value)
        self.upload_refusal.value = _refusal_box(self.kind.value)
        self._changed()

    def _changed(self) -> None:
        """Any change of input needs a new preview before importing; the last preview,
        which was of other input, goes."""
        self._previewed = self._imported = None
        self.import_button.disabled = True
        self.mail_options.layout.display = "" if self.kind.value == "mail" else "none"
        self.question_help.layout.display = "" if self.kind.value == "questions" else "none"
        self.path.placeholder = _EXAMPLE_PATHS.get(self.kind.value, "")
        self.intro.value = _intro(self.kind.value)
        self.input_message.clear()
        self._clear_preview()

    def _clear_preview(self) -> None:
        self.preview.value = ""
        self.known.value = ""
        self.offered.children = ()
        self._boxes = []

    def _path_typed(self) -> None:
        """A path typed replaces a file uploaded before (one input at a time)."""
        if self.path.value.strip() and self.upload.value:
            self.upload.value = ()  # comes back through _uploaded
        self._changed()

    def _uploaded(self) -> None:
        """An upload replaces the path typed; the note under the field names the file."""
        files = self.upload.value
        if files:
            item = files[0] if isinstance(files, (list, tuple)) else next(iter(files.values()))
            size = item.get("size") or len(item["content"])
            self.upload_note.value = (f"<div style='color:#555;font-size:0.9em'>Uploaded: "
                                      f"{esc(item['name'])} ({size_words(size)}). Typing a "
                                      "path above reads that file instead.</div>")
            if self.path.value:
                self.path.value = ""
        else:
            self.upload_note.value = ""
        self._changed()

    def _source(self):
        """The path typed, or the uploaded file as (name, bytes)."""
        files = self.upload.value
        if files:
            item = files[0] if isinstance(files, (list, tuple)) else next(iter(files.values()))
            content = item["content"]
            if len(content) > UPLOAD_LIMIT:
                raise UploadTooLarge(upload_refusal(item["name"], upload_size_words(len(content)),
                                                    self.kind.value))
            return (item["name"], content.tobytes() if hasattr(content, "tobytes") else bytes(content))
        if not self.path.value.strip():
            if self.kind.value == "linkedin":
                raise BadInput("give your LinkedIn Connections.csv or the archive (.zip), or "
                               "upload it")
            if self.kind.value == "questions":
                raise BadInput("give your question file (.csv), or upload it")
            raise BadInput("give the file or folder your mail or calendar program exported, "
                           "or upload a file")
        return self.path.value.strip()

    def _options(self) -> dict:
        if self.kind.value != "mail":
            return {}
        me = [a for a in self.me.value.replace(";", ",").split(",") if a.strip()]
        return {"me": me, "bodies_for": list(self.bodies_for.value)}

    def _key(self, source) -> tuple:
        options = self._options()
        return (self.kind.value, source if isinstance(source, str) else source[0],
                tuple(options.get("me", ())), tuple(options.get("bodies_for", ())))

    def _run(self, source, *, dry_run: bool, add: list[str] | None = None
             ) -> MailImportReport | CalendarImportReport | LinkedInImportReport | \
            QuestionFileReport:
        from infoview.flows.calendar_import import import_calendar
        from infoview.flows.linkedin_import import import_linkedin_file
        from infoview.flows.mail_import import import_mail

        if self.kind.value == "linkedin":
            return import_linkedin_file(self.store, source, dry_run=dry_run)
        if self.kind.value == "questions":
            from infoview.flows.question_file import add_question_file

            return add_question_file(self.store.path, source, dry_run=dry_run)
        if self.kind.value == "mail":
            return import_mail(self.store, source, dry_run=dry_run, add=add or [],
                               **self._options())
        return import_calendar(self.store, source, dry_run=dry_run)

    # ---- the two steps -------------------------------------------------------------------

    def show_preview(self):
        """Read the input as a dry run and show what would be recorded."""
        self.result.value = ""
        self.message.clear()
        self._clear_preview()
        with self.input_message.guard():
            source = self._source()
            self.message.show("Reading…")
            self.report = self._run(source, dry_run=True)
            self._previewed = self._key(source)
            self._previewed_people = self._people_now()
            self.preview.value = _lines_html("If you import this:", _lines(self.report))
            self._offer(getattr(self.report, "offered", []))
            self.known.value = _known_html(self.report)
            hint = self._why_nothing(self.report)
            # Nothing matched and nobody offered: Import would keep nothing (it was there to
            # press, and said it kept 0 messages with 0 people).
            self.import_button.disabled = bool(hint) and not getattr(self.report, "offered", [])
            if hint:
                self.message.show(hint, "warning")
            else:
                self.message.show("Nothing has been kept yet. Press Import to record this.",
                                  "info")
            return self.report
        self.message.clear()
        return None

    def _why_nothing(self, report) -> str:
        """When a mail preview matched nobody: why, and what to do, in a sentence or two
        (messages are matched by address, which people added by hand often lack)."""
        from infoview.flows.mail_import import MailImportReport

        if not isinstance(report, MailImportReport) or report.matched:
            return ""
        parts = ["No message in this file is with anyone you saved under People."]
        missing = [p.name for p in self.store.list(Person) if not p.email]
        named = report.addresses_named
        for name in [n for n in missing if n in named][:5]:
            parts.append(f"{name} has no email address saved, and this file has mail with "
                         f"{name} at {named[name]}: add that address to {name} under People "
                         "(Edit), then press Preview again.")
        missing = [n for n in missing if n not in named]
        if missing:
            names = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more"
                                              if len(missing) > 5 else "")
            parts.append(f"Messages are matched by email address, and {names} "
                         f"{'has' if len(missing) == 1 else 'have'} none yet: add it under "
                         "People (Edit), then press Preview again.")
        if not self._options().get("me") and not report.offered:
            parts.append("Type your own address above too: then the messages you sent count, "
                         "and the people you write to most are offered to add.")
        return " ".join(parts)

    def _offer(self, offered) -> None:
        boxes = [w.Checkbox(value=False, description=f"{c.name or c.address} <{c.address}> "
                            f"({c.messages} messages)", indent=False,
                            layout=w.Layout(width="auto")) for c in offered]
        self._boxes = [(box, c.address) for box, c in zip(boxes, offered, strict=True)]
        self.offered.children = ([w.HTML("<p>People you write to who are not saved under People yet. "
                                         "Tick those to add (their messages are imported "
                                         "too):</p>")] + boxes) if boxes else []

    @property
    def chosen(self) -> list[str]:
        """The addresses of the offered correspondents ticked for adding."""
        return [address for box, address in self._boxes if box.value]

    def run_import(self):
        """Record what the preview showed (and add the ticked correspondents)."""
        with self.input_message.guard():
            source = self._source()
            if self._previewed is None and self._imported == self._key(source):
                return self.report  # the second click of a double click: imported already
            if self._previewed is None or self._previewed != self._key(source):
                raise BadInput("press Preview first, to see what will be recorded")
            with self.message.guard("importing"):
                self.report = self._run(source, dry_run=False, add=self.chosen)
                # what the message line above says is not said twice
                done = [line for line in _lines(self.report) if line != self.report.kept()]
                self.result.value = _lines_html("Done:", done)
                self.known.value = _known_html(self.report)
                self.preview.value = ""
                self.offered.children = []
                self._boxes = []
                self.import_button.disabled = True
                self._previewed, self._imported = None, self._key(source)
                self.message.show(self.report.kept(), "ok")
                self.refresh_people()
                if self.kind.value == "questions":  # the bank's list shows the new ones
                    self.question_help.refresh()
                return self.report
        return None


class UploadTooLarge(BadInput):
    """An upload larger than an upload can carry. Its message opens with the file's name,
    which the page shows as the user wrote it ("mail.mbox", not "Mail.mbox")."""

    as_written = True


def upload_size_words(size: int) -> str:
    """The size of an upload refused as too large: :func:`~infoview.userfiles.size_words`,
    or "just over" the limit when the two read the same ("100 MB, more than the 100 MB"
    said nothing). The page's script (``upload_limit.js``) writes the same."""
    words, limit = size_words(size), size_words(UPLOAD_LIMIT)
    return f"just over {limit}" if words == limit and size > UPLOAD_LIMIT else words


#: What becomes of a file whose path is typed, by kind of import: an export is read where
#: it is (only what the words above the controls say is kept); a question file is copied
#: beside the user's data, since every plan draws on it after.
_WHERE_READ = {"questions": "it is read from there, and a copy is kept beside your data"}
_READ_IN_PLACE = "it is read where it is, nothing is copied"


def _upload_help(kind: str) -> str:
    """The line under the upload button: how large an upload may be, what to do with a
    larger file, and whether it is copied (true for ``kind``)."""
    return ("<div style='color:#555;font-size:0.85em'>Upload a file of up to "
            f"{size_words(UPLOAD_LIMIT)}; for a larger one, type its path in File or "
            f"folder ({_WHERE_READ.get(kind, _READ_IN_PLACE)}).</div>")


def upload_refusal(name: str, size: str, kind: str = "mail") -> str:
    """What the page says of an upload too large, ``name`` and ``size`` as the page has them
    (the app's page fills them in before the file is read, the panel after), with what
    becomes of a ``kind`` file whose path is typed."""
    return (f"{name} is {size}, more than the {size_words(UPLOAD_LIMIT)} an upload can "
            f"carry: type its path in File or folder instead "
            f"({_WHERE_READ.get(kind, _READ_IN_PLACE)}).")


def _refusal_box(kind: str = "mail") -> str:
    """The empty box beside the upload button that the app's page writes a refusal into,
    with the limit and the words it needs, and the button's name for a screen reader
    (the page gives it to the button: ipywidgets' own text ends in a count of files)."""
    return (f"<div class='{REFUSAL_CLASS}' role='alert' data-limit='{UPLOAD_LIMIT}' "
            f"data-refusal='{esc(upload_refusal('{name}', '{size}', kind))}' "
            f"data-button='{esc(UPLOAD_WORDS)}' "
            f"style='color:{_REFUSAL_COLOUR};font-size:0.9em;line-height:1.35;max-width:28em'>"
            "</div>")


def _lines(report) -> list[str]:
    """The report's lines; a mail report's correspondents are shown as tick boxes instead."""
    from infoview.flows.mail_import import MailImportReport

    return report.lines(offered=False) if isinstance(report, MailImportReport) else report.lines()


def _lines_html(title: str, lines: list[str]) -> str:
    return f"<p><b>{esc(title)}</b></p>" + bullet_list(esc(line.strip()) for line in lines)


def _intro(kind: str) -> str:
    """The paragraph above the controls: what importing this kind of file keeps."""
    return f"<p>{esc(_WHAT_IS_KEPT.get(kind, ''))}</p>"


def _known_html(report) -> str:
    """After a LinkedIn preview or import: whom the user knows at their organizations (the
    reason to import contacts at all); nothing for mail and calendar."""
    from infoview.flows.linkedin_import import LinkedInImportReport

    if not isinstance(report, LinkedInImportReport):
        return ""
    lines = report.known_lines()
    return (f"<div class='infoview-known-at'><p><b>{esc(report.known_words())}</b></p>"
            + (bullet_list(esc(line) for line in lines) if lines else "") + "</div>")

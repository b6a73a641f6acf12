"""The brief on the prepare panel: built from the fields and the edited plan, shown in
the page, exported as files the user can download.

A mixin of :class:`~infoview.widgets.prepare.PreparePanel`, which makes the widgets it
uses (see its ``__init__``); :class:`~infoview.widgets.prepare_parts.PrepareParts` names them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import BadInput, InfoviewError
from infoview.prep.brief import build_brief
from infoview.prep.render import export_brief, render_html_fragment
from infoview.store.exports import EXPORT_FORMATS as ALL_FORMATS
from infoview.store.exports import formats_for
from infoview.widgets._common import (
    bullet_list,
    esc,
    file_link,
)
from infoview.widgets.prepare_parts import PrepareParts

if TYPE_CHECKING:  # pragma: no cover
    from infoview.prep.brief import Brief


EXPORT_FORMATS = formats_for("brief")

#: What each export button says: the formats by the names a reader knows them by.
EXPORT_LABELS = {f.name: f.label for f in ALL_FORMATS}

#: The export buttons' words: "Markdown" alone means nothing to most readers.
EXPORT_BUTTONS = {f.name: f"Export {f.label}" for f in ALL_FORMATS} | {
    "md": "Export as text (Markdown)"}


class BriefExports(PrepareParts):
    """The brief and its exports, a part of :class:`PreparePanel`."""

    def build(self) -> Brief:
        """Build the brief from the fields and the edited plan; shows it and returns it."""
        if not self.picker.items:
            raise BadInput("plan the questions first (press Plan questions)")
        person = self.current_person()
        meeting = self.current_meeting(person.id)
        self.brief = brief = build_brief(
            person=person, company=self.company, person_research=self.person_research,
            plan=self.picker.plan(), meeting=meeting, profile=self.store.get_profile(),
            reason=self.reason.value.strip() or None)
        self._show_preview(brief)
        return brief

    def export(self, fmt: str) -> Path | None:
        """Write the brief as ``fmt`` (md, html, pdf or ics) and show a link to the file."""
        with self.export_message.guard(f"exporting the {EXPORT_LABELS[fmt]}"):
            if fmt == "ics" and self.date.value is None:
                raise BadInput("a calendar event needs the meeting's start time: fill in Date "
                               "and Time under 'Who and when', then export again")
            brief = self.build()
            # creates the folder, or says why not; the store's registry notes the file
            path = export_brief(brief, self.out_dir, fmt, store=self.store)
            self.written[fmt] = Path(path)
            self.exports.value = bullet_list(f"{esc(EXPORT_LABELS[k])}: {file_link(p)}"
                                             for k, p in self.written.items())
            # The folder is said once, beside the link (it was said twice, a line apart).
            self.export_message.show(f"Wrote {Path(path).name}: download it below.", "ok")
            return Path(path)
        return None

    def _refresh_preview(self) -> None:
        """Rebuild the brief shown after a field it shows changed (once there is a plan)."""
        if self._quiet or self._loading or not self.picker.items or self.brief is None:
            return
        try:
            self.build()
        except InfoviewError:
            pass  # half-typed (a time zone being typed): the brief shown stays as it was

    def _show_preview(self, brief: Brief) -> None:
        # Inline, not in a fixed-height iframe: the whole agenda shows, with no inner
        # scrollbar; the fragment's styles are scoped to its own box and every scraped value
        # in it is escaped by the template.
        self.preview.value = ("<div style='border:1px solid #ccc;padding:4px 0'>"
                              f"{render_html_fragment(brief)}</div>")

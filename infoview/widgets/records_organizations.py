"""The People page's Organizations tab: the organizations the user keeps, each with how
much they want it and the openings seen (set beside the list in one step), whom they know
there, a form to add or correct one, and its dossier to take away.

Part of :class:`~infoview.widgets.records.PeoplePage` (which mixes it in); every change goes
through :mod:`infoview.flows.records`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from infoview.errors import BadInput
from infoview.flows.form_drafts import form_key
from infoview.flows.records import add_organization, edit_organization
from infoview.flows.research import people_at, people_by_organization
from infoview.models import Organization, Person
from infoview.widgets._common import (
    WANTED_WORDS,
    MessageLine,
    bullet_list,
    button,
    count_of,
    esc,
    file_link,
    link,
    record_list,
)
from infoview.widgets.forms import Form, FormField, form_box, text_input
from infoview.widgets.keptforms import AS_SAVED, KeptTyping

if TYPE_CHECKING:  # pragma: no cover
    from infoview.flows.records import Deleted
    from infoview.store import Store
    from infoview.widgets.deletions import Deletions

MOTIVATION = tuple((words, score) for score, words in WANTED_WORDS.items())
_WIDE = {"description_width": "initial"}


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


class OrganizationsTab:
    """The Organizations tab of the People page, mixed into :class:`PeoplePage`: built by
    :meth:`_build_organizations`, laid out by :meth:`_organizations_tab`."""

    # What the page it is part of provides.
    store: Store
    out_dir: Path | None
    _quiet: bool
    organization_deletions: Deletions
    _gone: Callable[[str], AbstractContextManager[None]]
    _changed: Callable[[], None]
    _close: Callable[[w.VBox], None]

    def _build_organizations(self, store: Store, out_dir: str | Path | None) -> None:
        """Make the tab's list, card, one-step choices, buttons and form."""
        self._editing_organization: int | None = None
        # Each row names how much the user wants it and whom they know there, so that twelve
        # targets are compared without opening twelve cards.
        self.organizations = record_list(rows=6)
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
        #: Says how writing a dossier went, beside its buttons.
        self.file_message = MessageLine()
        #: Says an organization was saved (the form it was saved from is closed by then).
        self.organization_message = MessageLine()
        self.files = w.HTML()
        for control in self.dossier_buttons.values():
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
        self.organization_form_box = form_box("Organization", self.organization_form,
                                               self.save_organization_button,
                                               self.cancel_organization_button,
                                               self.drop_organization_button)
        self.organization_typing = KeptTyping(
            store, self.organization_form, self.organization_form_box,
            self.drop_organization_button,
            lambda: self.open_organization_form(self._editing_organization))

    def _organizations_tab(self) -> w.VBox:
        return w.VBox([
            self.add_organization_button, self.organizations,
            w.HBox([self.quick_motivation, self.quick_postings]),
            self.organization_card,
            w.HBox([self.edit_organization_button, self.delete_organization_button,
                    *self.dossier_buttons.values()]),
            self.organization_deletions, self.organization_message, self.file_message,
            self.files, self.organization_form_box])

    def _wire_organizations(self) -> None:
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
            as_saved=AS_SAVED["organization" if org else "new"])

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

    def _organization_back(self, deleted: Deleted) -> None:
        """After Undo: the organization brought back is chosen again."""
        with self.organization_message.guard("choosing again"):
            self._fill_organizations(select=deleted.record_id)

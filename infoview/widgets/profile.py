"""About me: the user's own profile, typed in once, used by every draft and brief.

The form saves through :func:`infoview.flows.profile.save_profile`; a value it refuses (an
email that is not one, a link that is not a web address) is shown under that field. What
is typed is kept as it is typed (:mod:`infoview.flows.form_drafts`) until it is saved, so a
reload loses none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.form_drafts import PROFILE_KEY, drop_form, keep_form, kept_form
from infoview.flows.profile import load_profile, missing_parts, save_profile
from infoview.models import UserProfile
from infoview.widgets._common import button, esc, heading
from infoview.widgets.forms import Form, FormField, text_input
from infoview.widgets.keptforms import picked_up_words

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: Fields of the form: (name, label, placeholder, lines, help).
FIELDS = (
    ("name", "Your name", "e.g. Lena Fischer", 1, "Signs your emails."),
    ("background", "Your background, in one line", "e.g. ten years as a cardiac nurse", 1,
     "Opens your introduction: where you come from."),
    ("strengths", "What you are good at", "e.g. explaining things to worried people", 1,
     "One or two strengths your host can remember you by."),
    ("exploring", "What you are exploring", "e.g. product roles in health tech", 1,
     "The kind of work you are curious about now."),
    ("schools", "Schools", "one per line", 3,
     "Shared schools are common ground: the kit points them out in the brief."),
    ("employers", "Past employers", "one per line", 3,
     "Shared employers are common ground too."),
    ("email", "Your email", "e.g. lena@example.org", 1, "Goes under your signature."),
    ("profile_url", "Your LinkedIn (or portfolio) link", "e.g. https://www.linkedin.com/in/...",
     1, "Goes under your signature, so people can see who you are."),
    ("timezone", "Your time zone", "e.g. Europe/Berlin (empty: this computer's)", 1,
     "Decides what 'today' and 'tomorrow' mean for your follow-ups."),
)
LIST_FIELDS = ("schools", "employers")
_LABELS = {name: label for name, label, *_rest in FIELDS}
#: The facts a draft may lack that About me holds (see :func:`infoview.prep.checks.gaps`),
#: with the field's label and where it is: what a draft's check says to fill in.
ABOUT_ME_FIELDS: dict[str, tuple[str, str]] = {
    gap: (_LABELS[name], "on About me") for gap, name in (
        ("your_name", "name"), ("your_link", "profile_url"), ("background", "background"),
        ("strengths", "strengths"), ("exploring", "exploring"))}


class ProfileForm(w.VBox):
    """Fill in who you are; Save keeps it in the store.

    Attributes:
        form: the :class:`~infoview.widgets.forms.Form` (``form["email"]`` is a field).
        save_button: saves the profile.
        saved: the profile as saved last, or ``None``.
    """

    def __init__(self, store: Store):
        self.store = store
        self.saved: UserProfile | None = None
        self.form = Form([FormField(name, text_input(label, placeholder, lines=lines), help)
                          for name, label, placeholder, lines, help in FIELDS])
        self.save_button = button("Save my profile", "success")
        self.save_button.on_click(lambda _b: self.save())
        #: Shown while the form holds typing picked up after a reload, not yet saved.
        self.drop_button = button("Drop my unsaved changes",
                                  tooltip="show your profile as last saved")
        self.drop_button.layout.display = "none"
        self.drop_button.on_click(lambda _b: self.drop_changes())
        self.missing = w.HTML()
        self._loading = False
        self._saved_values: dict[str, str] = {}
        self.form.message.clear_on_change(*(f.input for f in self.form.fields.values()))
        self.form.message.layout = w.Layout(flex="1 1 20em", margin="0 0 0 8px")
        super().__init__([
            heading("About me"),
            w.HTML("<p>Tell infoview who you are once: your drafts, your introduction and "
                   "each brief use it. Nothing here leaves this computer.</p>"),
            # The message beside the buttons, where the user is looking: under them it fell
            # below the fold of a 900-pixel window, and "Saved." went unseen.
            *self.form.fields.values(),
            w.HBox([self.save_button, self.drop_button, self.form.message],
                   layout=w.Layout(align_items="center", flex_flow="row wrap")),
            self.missing,
        ])
        self.load()
        # Whatever is typed is kept as it is typed, so that a reload loses none of it.
        for field in self.form.fields.values():
            field.input.observe(lambda _c: self._keep(), names="value")
        self._pick_up()

    def load(self) -> None:
        """Fill the fields from the stored profile."""
        profile = load_profile(self.store)
        self._loading = True
        try:
            for name, field in self.form.fields.items():
                value = getattr(profile, name, None)
                field.value = "\n".join(value or []) if name in LIST_FIELDS else (value or "")
        finally:
            self._loading = False
        self._saved_values = self._typed()
        self._show_missing(profile)

    def _typed(self) -> dict[str, str]:
        return {name: field.value for name, field in self.form.fields.items()}

    def _keep(self) -> None:
        if self._loading:
            return
        with self.form.message.guard("keeping what you typed"):
            keep_form(self.store, PROFILE_KEY, self._typed(), self._saved_values)

    def _pick_up(self) -> None:
        """Put back what was typed and not saved (before a reload or a closed tab)."""
        state = kept_form(self.store, PROFILE_KEY)
        self.drop_button.layout.display = "none" if state is None else ""
        if state is None:
            return
        kept = state.value["values"]
        self._loading = True
        try:
            for name, field in self.form.fields.items():
                if isinstance(kept.get(name), str):
                    field.value = kept[name]
        finally:
            self._loading = False
        self.form.message.show(picked_up_words(self.store, state.updated_at, "Save my profile",
                                               "your profile as last saved"), "info")

    def drop_changes(self) -> None:
        """Forget what was typed since the last save (what "Drop my unsaved changes" does)."""
        with self.form.guard("dropping your changes"):
            drop_form(self.store, PROFILE_KEY)
            self.load()
            self.drop_button.layout.display = "none"
            self.form.message.show("Dropped the changes: your profile shows as last saved.",
                                   "ok")

    def save(self) -> None:
        """Save the fields changed here since the profile was shown (what "Save my profile"
        does). The others are left as stored: a change saved meanwhile in another tab is
        kept, not put back to what this page showed when it opened."""
        with self.form.guard("saving your profile"):
            changed = [name for name, value in self._typed().items()
                       if value != self._saved_values.get(name)]
            shown = self._saved_values
            values = {name: self.form[name].lines() if name in LIST_FIELDS
                      else self.form[name].value for name in changed}
            self.saved = save_profile(self.store, **values)
            drop_form(self.store, PROFILE_KEY)  # saved: nothing typed is left to keep
            self.drop_button.layout.display = "none"
            self.load()  # shows the values as stored (a link completed, lists tidied)
            elsewhere = [_LABELS[name] for name, value in self._saved_values.items()
                         if name not in changed and value != shown.get(name)]
            also = (" Also showing what was saved meanwhile on another page: "
                    f"{', '.join(elsewhere)}." if elsewhere else "")
            self.form.message.show("Saved. Your drafts and briefs use it from now on." + also,
                                   "ok")

    def _show_missing(self, profile) -> None:
        missing = missing_parts(profile)
        self.missing.value = (
            "<p class='infoview-missing-parts' style='color:#8a5300'>Drafts still leave a gap "
            f"for {esc(', '.join(missing))}: fill these in to close it.</p>" if missing else "")

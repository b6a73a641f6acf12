"""About me: the user's own profile, typed in once, used by every draft and brief.

The form saves through :func:`infoview.flows.profile.save_profile`; a value it refuses (an
email that is not one, a link that is not a web address) is shown under that field. What
is typed is kept as it is typed (:mod:`infoview.flows.form_drafts`) until it is saved, so a
reload loses none of it, by the :class:`~infoview.widgets.keptforms.KeptTyping` every form
of the app keeps its typing with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.form_drafts import PROFILE_KEY
from infoview.flows.profile import load_profile, missing_parts, save_profile
from infoview.models import UserProfile
from infoview.widgets._common import button, esc, heading
from infoview.widgets.forms import Form, FormField, text_input
from infoview.widgets.keptforms import KeptTyping

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
    ("email", "Your email", "e.g. lena@example.org", 1,
     "Tells a mail or calendar import which messages and invitations are yours."),
    ("profile_url", "Your profile link", "e.g. a portfolio or any page about your work", 1,
     "Goes under your signature, so people can see who you are (leave it empty if you have "
     "no such page)."),
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


#: What Save says when nothing was typed since the profile was shown.
_NOTHING_TO_SAVE = "Nothing to save: nothing was changed since your profile was last saved."
_EMPTY_FORM = "Nothing to save yet: type at least your name, then press Save my profile."


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
        self._saved_words = ""
        self.form = Form([FormField(name, text_input(label, placeholder, lines=lines), help)
                          for name, label, placeholder, lines, help in FIELDS]).align_labels()
        self.save_button = button("Save my profile", "success")
        self.save_button.on_click(lambda _b: self.save())
        #: Shown while the form holds typing picked up after a reload, not yet saved.
        self.drop_button = button("Drop my unsaved changes",
                                  tooltip="show your profile as last saved")
        self.missing = w.HTML()
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
        #: Whatever is typed is kept as it is typed, so that a reload loses none of it: the
        #: same keeper as the People page's forms, for the one form About me is.
        self.kept = KeptTyping(store, self.form, self, self.drop_button, reopen=self.load)
        self.load()

    def load(self) -> None:
        """Fill the fields from the stored profile, then put back what was typed and not
        saved (before a reload, a closed tab, or a visit to another page), saying so."""
        profile = load_profile(self.store)
        with self.kept.loading():
            for name, field in self.form.fields.items():
                value = getattr(profile, name, None)
                field.value = "\n".join(value or []) if name in LIST_FIELDS else (value or "")
        self._show_missing(profile)
        self.kept.opened(PROFILE_KEY, None, save_label="Save my profile",
                         as_saved="your profile as last saved")

    def shown_again(self) -> None:
        """Back from another page: "Saved." was news then, not now (an error about a field
        still wrong stays beside it)."""
        if self.form.message.kind in ("ok", "info"):
            self.form.message.clear()

    def drop_changes(self) -> None:
        """Forget what was typed since the last save (what "Drop my unsaved changes" does)."""
        self.kept.drop_changes()

    def save(self) -> None:
        """Save the fields changed here since the profile was shown (what "Save my profile"
        does). The others are left as stored: a change saved meanwhile in another tab is
        kept, not put back to what this page showed when it opened."""
        said_saved = self.form.message.kind == "ok"  # (the guard clears the message)
        with self.form.guard("saving your profile"):
            changed = list(self.kept.changed(self.form.values()))
            if not changed:
                # "Saved." for an empty form told a new user something was kept; the second
                # click of a double click leaves the first one's "Saved." standing
                if said_saved:
                    self.form.message.show(self._saved_words, "ok")
                else:
                    self.form.message.show(_NOTHING_TO_SAVE if any(self.form.values().values())
                                           else _EMPTY_FORM, "info")
                return
            shown = self.kept.saved_values
            values = {name: self.form[name].lines() if name in LIST_FIELDS
                      else self.form[name].value for name in changed}
            self.saved = save_profile(self.store, **values)
            self.kept.drop()  # saved: nothing typed is left to keep
            self.load()  # shows the values as stored (a link completed, lists tidied)
            elsewhere = [_LABELS[name] for name, value in self.kept.saved_values.items()
                         if name not in changed and value != shown.get(name)]
            also = (" Also showing what was saved meanwhile on another page: "
                    f"{', '.join(elsewhere)}." if elsewhere else "")
            self._saved_words = "Saved. Your drafts and briefs use it from now on." + also
            self.form.message.show(self._saved_words, "ok")

    def _show_missing(self, profile) -> None:
        missing = missing_parts(profile)
        self.missing.value = (
            "<p class='infoview-missing-parts' style='color:#8a5300'>Drafts still leave a gap "
            f"for {esc(', '.join(missing))}: fill these in to close it.</p>" if missing else "")

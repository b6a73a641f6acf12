"""About me's Save says what happened: "Saved." only when something was, and it stays put
through a double click (seen: an empty form answered "Saved. Your drafts and briefs use it
from now on.", which told a new user something was kept)."""

from __future__ import annotations

from infoview.settings import Settings
from infoview.widgets.app import App
from infoview.widgets.profile import ProfileForm
from infoview.widgets.session import NotebookSession


def test_saving_an_empty_profile_says_what_to_type_not_saved(store):
    form = ProfileForm(store)
    form.save_button.click()
    assert form.form.message.kind == "info"
    assert form.form.message.text.startswith("Nothing to save yet: type at least your name")
    assert store.get_profile().name in (None, "")


def test_a_double_click_on_save_leaves_saved_standing(store):
    form = ProfileForm(store)
    form.form["name"].value = "Lena Fischer"
    form.save_button.click()
    form.save_button.click()  # the second click of a double click
    assert form.form.message.text == "Saved. Your drafts and briefs use it from now on."
    assert store.get_profile().name == "Lena Fischer"


def test_save_with_nothing_changed_since_says_so(store):
    form = ProfileForm(store)
    form.form["name"].value = "Lena Fischer"
    form.save_button.click()
    form.form["name"].value = "Lena"
    form.form["name"].value = "Lena Fischer"  # typed back as saved: the message went
    form.save_button.click()
    assert form.form.message.text == ("Nothing to save: nothing was changed since your "
                                      "profile was last saved.")


def test_saved_is_gone_after_a_visit_to_another_page(store, tmp_path):
    app = App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                              demo=False), background=False)
    app.show("profile")
    form = app.page("profile")
    form.form["name"].value = "Lena Fischer"
    form.save_button.click()
    assert form.form.message.kind == "ok"
    app.show("home")
    app.show("profile")
    assert form.form.message.text == ""
    assert form.form["name"].value == "Lena Fischer"


def test_about_me_and_the_person_form_start_their_boxes_in_one_column(store, tmp_path):
    # Seen at 1100 px: each box began where its own label ended, a ragged left edge.
    from infoview.widgets.records import PeoplePage

    for form in (ProfileForm(store).form, PeoplePage(store).person_form):
        widths = {f.input.style.description_width for f in form.fields.values()}
        assert len(widths) == 1 and widths != {"initial"}, widths

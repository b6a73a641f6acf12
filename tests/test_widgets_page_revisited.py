"""Coming back to a page: what it said before the user left was about then, not now.

Seen in the browser: "Saved the changes to Sam Okafor." still stood on the People page after
a visit to Home, read as if just said; so did "Deleted Sam Okafor ..." above the list of the
session's deletions (which stays, with its Undo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview.models import Person
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.app import App
from infoview.widgets.session import NotebookSession


@pytest.fixture
def app(tmp_path: Path, store: Store) -> App:
    store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    session = NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "exports",
                              settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                              demo=False)
    return App(session, background=False)


def _people_on_sam(app: App, store: Store):
    """The People page, open, with Sam chosen."""
    app.show("people")
    people = app.page("people")
    people.people.value = store.list(Person, name="Sam Okafor")[0].id
    return people


def _give_sam_an_address(app: App, store: Store):
    people = _people_on_sam(app, store)
    people.edit_person_button.click()
    people.person_form["email"].value = "sam@kestrel.example"
    people.save_person_button.click()
    return people


def _away_and_back(app: App, key: str) -> None:
    app.show("home")
    app.show(key)


def test_a_saved_message_on_people_is_gone_after_a_visit_to_another_page(app, store):
    people = _give_sam_an_address(app, store)
    assert people.message.text == "Saved the changes to Sam Okafor."
    _away_and_back(app, "people")
    assert people.message.text == ""
    assert "sam@kestrel.example" in people.card.value  # what was saved still shows


def test_a_deletion_stays_undoable_but_its_message_goes_after_a_visit_elsewhere(app, store):
    people = _people_on_sam(app, store)
    people.delete_person_button.click()
    people.deletions.confirm_button.click()
    assert people.deletions.message.text.startswith("Deleted Sam Okafor")
    _away_and_back(app, "people")
    assert people.deletions.message.text == ""
    assert [b.description for b in people.deletions.undo_buttons] == ["Undo"]
    people.deletions.undo_buttons[0].click()
    assert [p.name for p in store.list(Person)] == ["Sam Okafor"]


def test_an_organization_saved_message_goes_after_a_visit_elsewhere(app):
    app.show("people")
    people = app.page("people")
    people.tabs.selected_index = 1
    people.add_organization_button.click()
    people.organization_form["name"].value = "Harbour Analytics"
    people.save_organization_button.click()
    assert people.organization_message.text == "Saved Harbour Analytics."
    _away_and_back(app, "people")
    assert people.organization_message.text == ""


def test_the_people_list_shows_only_once_there_is_someone_in_it(tmp_path):
    # Seen on a new store: a blank box eight rows high above "No people yet".
    from infoview.widgets.records import PeoplePage

    # Nor a button to download nobody's contact card.
    with Store.open(tmp_path / "new.sqlite") as store:
        page = PeoplePage(store, out_dir=tmp_path / "exports")
        shown = (page.people.layout.display, page.vcard_button.layout.display)
        assert shown == ("none", "none")
        assert "No people yet" in page.card.value
        page.add_person_button.click()
        page.person_form["name"].value = "Sam Okafor"
        page.save_person_button.click()
        assert (page.people.layout.display, page.vcard_button.layout.display) == ("", "")
        assert len(page.people.options) == 1
        page.delete_person_button.click()
        page.deletions.confirm_button.click()
        assert (page.people.layout.display, page.vcard_button.layout.display) == ("none", "none")


def test_the_import_page_follows_people_added_and_deleted_meanwhile(app, store, tmp_path):
    # Seen: Ada, added under People after the Import page was first opened, was missing
    # from "Keep the text of messages with"; Sam, deleted, was still offered there.
    app.show("imports")
    panel = app.page("imports")
    assert [name for name, _id in panel.bodies_for.options] == ["Sam Okafor"]
    people = _people_on_sam(app, store)
    people.add_person_button.click()
    people.person_form["name"].value = "Ada Berg"
    people.save_person_button.click()
    people.people.value = store.list(Person, name="Sam Okafor")[0].id
    people.delete_person_button.click()
    people.deletions.confirm_button.click()
    app.show("imports")
    assert [name for name, _id in panel.bodies_for.options] == ["Ada Berg"]


def _previewed(app: App, folder: Path):
    """The Import page, open, after a preview of a mailbox with one message from Sam."""
    from mail_samples import ME, at, mbox, message

    path = mbox(folder / "mail.mbox", [message("Sam <sam@kestrel.example>", ME, "Hi", at(4),
                                               "a@k")])
    app.show("imports")
    panel = app.page("imports")
    panel.path.value = str(path)
    panel.me.value = ME
    panel.preview_button.click()
    return panel


def test_a_preview_made_before_the_people_changed_goes_and_says_why(app, store, tmp_path):
    panel = _previewed(app, tmp_path)
    assert "No message in this file is with anyone you saved under People" in panel.message.text
    _give_sam_an_address(app, store)  # the preview above is no longer true
    app.show("imports")
    assert panel.preview.value == "" and panel.import_button.disabled
    assert "press Preview again" in panel.message.text
    panel.preview_button.click()
    assert "1 message is to or from people you saved." in panel.preview.value


def test_coming_back_with_no_change_keeps_the_preview(app, tmp_path):
    panel = _previewed(app, tmp_path)
    shown = panel.preview.value
    assert shown
    _away_and_back(app, "imports")
    assert panel.preview.value == shown


def test_a_delete_asked_before_leaving_is_not_waiting_on_return(app, store):
    # "Yes, delete" still stood under Sam's card after a visit elsewhere, a click away
    people = _people_on_sam(app, store)
    people.delete_person_button.click()
    assert people.deletions.asking.layout.display == ""
    _away_and_back(app, "people")
    assert people.deletions.asking.layout.display == "none"
    assert people.deletions.pending is None and store.list(Person)

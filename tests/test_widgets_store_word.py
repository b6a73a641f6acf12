"""The word "store" is the kit's (the CLI's, the README's), not a new user's: Home, About me,
People and Import say "your saved people" or "your data" ("Only messages with people in
your store are kept", "1 names a person in your store", "The store kept ..." were seen)."""

from __future__ import annotations

import re
from pathlib import Path

from mail_samples import ME, at, mbox, message

from infoview.models import Person
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.app import App
from infoview.widgets.session import NotebookSession

STORE = re.compile(r"\bstored?\b", re.IGNORECASE)


def _words(widget) -> list[str]:
    """Every text a widget and those inside it show or offer (values, labels, tips)."""
    found = [str(getattr(widget, name, "") or "") for name in (
        "value", "description", "placeholder", "tooltip")
        if isinstance(getattr(widget, name, None), str)]
    found += [str(label) for label in getattr(widget, "_options_labels", ()) or ()]
    for child in getattr(widget, "children", ()) or ():
        found += _words(child)
    return found


def test_home_about_me_people_and_import_never_say_store(tmp_path: Path, store: Store):
    sam = store.add(Person(name="Sam Okafor", email="sam@kestrel.example"))
    app = App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                              demo=False), background=False)
    for key in ("home", "profile", "people"):
        app.show(key)
    people = app.page("people")
    people.choose(sam.id)
    people.vcard_button.click()
    people.open_meeting_form()
    app.show("imports")
    panel = app.page("imports")
    panel.path.value = str(mbox(tmp_path / "mail.mbox", [
        message(f"Sam <{'sam@kestrel.example'}>", ME, "Hi", at(4), "a@k"),
        message("Kim <kim@else.example>", ME, "Hello", at(5), "b@e"),
        message(f"Lena <{ME}>", "kim@else.example", "Re: Hello", at(6), "c@e")]))
    panel.me.value = ME
    panel.preview_button.click()
    assert "Sam Okafor" in panel.preview.value  # the preview was made
    panel.import_button.click()
    shown = [app.where, app.chosen, *(app.page(k) for k in ("home", "profile", "people",
                                                            "imports"))]
    file = store.path  # the header names the user's file ("store.sqlite" here): its name
    said = [text for widget in shown for text in _words(widget)
            if STORE.search(text.replace(str(file.parent), "").replace(file.name, ""))]
    assert said == []


def test_a_person_deleted_in_another_tab_is_gone_from_your_data_not_your_store(
        tmp_path: Path, store: Store):
    # "This person is no longer in your store: deleted meanwhile ..." was what Prepare said
    # after Sam was deleted in another tab: the CLI's word, on an app page.
    from infoview.flows.records import delete_record

    sam = store.add(Person(name="Sam Okafor", email="sam@kestrel.example"))
    app = App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                              demo=False), background=False)
    app.choose(person_id=sam.id)
    app.show("prepare")
    panel = app.page("prepare")
    with Store.open(store.path) as other_tab:
        delete_record(other_tab, "person", sam.id)
    panel.save_button.click()
    said = panel.message.text
    assert "no longer in your data" in said, said
    assert not STORE.search(said), said

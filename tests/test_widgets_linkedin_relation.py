"""LinkedIn connections imported in the app are marked as what the import knows: a LinkedIn
connection, or a colleague when their company is an employer in About me; the request
draft then opens with that (never "nothing found to open with" beside a card that says
colleague). A real SQLite file; the app driven without a browser."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from infoview.models import Person, UserProfile
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.app import App
from infoview.widgets.session import NotebookSession

CONNECTIONS = Path(__file__).parent / "data" / "Connections.csv"


def _upload(data: bytes) -> tuple:
    return ({"name": "Connections.csv", "type": "", "size": len(data),
             "content": memoryview(data), "last_modified": datetime(2024, 3, 1, tzinfo=UTC)},)


def test_connections_are_marked_as_what_the_import_knows_and_the_request_opens_with_it(
        tmp_path):
    with Store.open(tmp_path / "mine.sqlite") as store:
        store.save_profile(UserProfile(name="Lena Fischer", employers=["Northwind Health"]))
        hand = store.add(Person(name="Kwame Mensah", organization="Lumen Grid Analytics, Inc.",
                                how_known="friend"))  # set by hand before: left as it is
        app = App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                                  settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                                  demo=False), background=False)
        imports = app.page("imports")
        imports.kind.value = "linkedin"
        imports.upload.value = _upload(CONNECTIONS.read_bytes())
        imports.preview_button.click()
        imports.import_button.click()
        assert imports.message.kind == "ok", imports.message.text
        people = {p.name: p for p in store.list(Person)}
        assert people["Priya Raman"].how_known == "colleague"  # Northwind Health, as Lena
        assert people["Amara Okafor"].how_known == "linkedin"
        assert store.get(Person, hand.id).how_known == "friend"

        amara = people["Amara Okafor"]
        app.choose(person_id=amara.id)
        card = app.page("people").card.value
        assert "a LinkedIn connection" in card and "colleague" not in card

        prepare = app.page("prepare")
        prepare.draft_button.click()
        text = prepare.draft_text.value
        assert "We are connected on LinkedIn" in text, text
        codes = {w.code for w in prepare.draft.warnings}
        assert "no_reason" not in codes and "Nothing was found" not in prepare.draft_warnings.value

        app.choose(person_id=people["Priya Raman"].id)
        prepare.draft_button.click()
        assert "Northwind Health" in prepare.draft_text.value, prepare.draft_text.value
        assert "connected on LinkedIn" not in prepare.draft_text.value

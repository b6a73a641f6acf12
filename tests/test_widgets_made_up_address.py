"""An example address (ending in ``.example``) typed in the user's own store: the app says in
plain words that it belongs to no real website and to type the real one, never that it
belongs to the demo (nor that the user "made it up")."""

from __future__ import annotations

from pathlib import Path

from infoview.models import Organization
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.app import App
from infoview.widgets.session import NotebookSession


def _app(tmp_path: Path, store: Store, *, demo: bool) -> App:
    return App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "exports",
                               settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                               demo=demo), background=False)


def test_a_made_up_address_outside_the_demo_is_not_called_the_demos(tmp_path):
    with Store.open(tmp_path / "mine.sqlite") as store:
        store.add(Organization(name="Northwind Clinics", website="https://northwind.example"))
        batch = _app(tmp_path, store, demo=False).page("research").batch
        batch.sites.value = "northwind.example\nlumen.example"
        batch.run_button.click()
        said = batch.error.text
    assert "demo" not in said
    assert "Left out Northwind Clinics, lumen.example:" in said
    assert "their addresses end in .example, which is kept for examples" in said
    assert "made up" not in said and "made-up" not in said  # plain words, no blame
    assert "Type the organization's real website." in said
    assert said.count("\n") == 0


def test_the_demos_made_up_organizations_are_still_named_as_the_demos(tmp_path):
    with Store.open(tmp_path / "demo.sqlite") as store:
        batch = _app(tmp_path, store, demo=True).page("research").batch
        batch.sites.value = "lumen.example"
        batch.run_button.click()
        assert "a sample organization of the demo" in batch.error.text

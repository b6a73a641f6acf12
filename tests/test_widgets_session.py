"""The notebooks' first cell: which store, which export folder, which sample."""

from __future__ import annotations

import pytest

from infoview.errors import BadInput
from infoview.models import Person
from infoview.paths import default_exports_dir
from infoview.widgets.session import start


def test_demo_is_a_fresh_throwaway_store_with_the_sample_site():
    session = start("demo")
    assert session.demo and session.db_path.name == "demo.sqlite"
    assert "infoview-demo-" in str(session.db_path.parent)
    # Its exports outlive it: the demo subfolder of the user's exports folder.
    assert session.out_dir == default_exports_dir(demo=True)
    assert not session.out_dir.is_relative_to(session.db_path.parent)
    assert session.company_url.startswith("http://127.0.0.1:")
    assert session.person_url.endswith("team/samira-okafor.html")
    assert session.settings_for(session.company_url).host_delay == 0  # our own loopback site
    assert session.settings_for("https://example.org/").host_delay == session.settings.host_delay > 0
    assert session.settings.cache_path.parent == session.db_path.parent  # nothing outside the demo
    assert start("demo").db_path != session.db_path


def test_mine_is_the_store_infoview_db_points_at_and_is_never_filled(tmp_path, monkeypatch):
    monkeypatch.setenv("INFOVIEW_DB", str(tmp_path / "real.sqlite"))
    session = start("mine", sample_history=True, sample_research=True)
    assert not session.demo and session.db_path == tmp_path / "real.sqlite"
    assert session.company_url == ""  # a real store starts with empty fields
    assert session.store.list(Person) == []
    assert "Using your store" in session.describe()


def test_a_path_is_used_as_given_and_out_dir_wins(tmp_path):
    session = start(str(tmp_path / "a" / "b.sqlite"), out_dir=tmp_path / "out")
    assert session.db_path == tmp_path / "a" / "b.sqlite" and session.db_path.exists()
    assert session.out_dir == tmp_path / "out"


def test_demo_history_fills_only_an_empty_demo_store():
    session = start("demo", sample_site_urls=False, sample_history=True)
    assert len(session.store.list(Person)) > 50
    assert "sample history" in session.describe()


def test_an_empty_store_choice_is_refused():
    with pytest.raises(BadInput, match="demo"):
        start("  ")

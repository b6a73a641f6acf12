"""Someone met on a day never recorded, said the same way by ``infoview digest`` and the
app: alone, the note the app shows instead of "nobody"; beside people who are late, one
line after the list. On real SQLite files; the CLI through ``main()``, the panels without a
browser."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from infoview.analytics.memory import undated_note
from infoview.cli import main
from infoview.models import Meeting, Person
from infoview.widgets.home import HomePage
from infoview.widgets.outcomes import OutcomesDashboard

AS_OF = "2026-12-07T18:00:00+00:00"
NOW = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


@pytest.fixture
def sam(store):
    """Sam, met once on a day nobody wrote down."""
    person = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    store.add(Meeting(person_id=person.id, starts_at=None, status="held"))
    return person


@pytest.fixture
def ada(store):
    """Ada, met long ago and never since: late."""
    person = store.add(Person(name="Ada Berg", organization="Northwind"))
    store.add(Meeting(person_id=person.id, starts_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
                      status="held"))
    return person


def _digest(store, capsys, *extra: str) -> str:
    capsys.readouterr()
    assert main(["--db", str(store.path), "digest", "--as-of", AS_OF, *extra]) == 0
    return capsys.readouterr().out


def test_the_digest_says_what_the_app_says_of_someone_met_on_an_unknown_day(store, sam,
                                                                           capsys):
    out = _digest(store, capsys)
    note = undated_note(1)
    assert "Losing touch: nobody" not in out
    assert f"Losing touch: {note[0].upper() + note[1:]}" in out
    page = HomePage(store, go=lambda _key: None, choose=lambda **_kw: None)
    assert note[1:] in page.losing_touch.children[0].value  # the same sentence


def test_late_people_and_unknown_days_are_both_said_in_the_app_and_the_digest(
        store, sam, ada, capsys):
    out = _digest(store, capsys)
    lines = out.splitlines()
    start = lines.index(next(x for x in lines if x.startswith("Losing touch: 1")))
    assert lines[start + 1].strip().startswith("Ada Berg (Northwind)")
    line = "Also, 1 person you met has no day recorded for the meeting"
    assert lines[start + 2].strip().startswith(line)
    page = HomePage(store, go=lambda _key: None, choose=lambda **_kw: None)
    shown = [getattr(c, "value", "") or c.children[0].value for c in page.losing_touch.children]
    assert "Ada Berg" in shown[0] and line in shown[-1] and len(shown) == 2
    week = OutcomesDashboard(store, now=NOW).panes["This week"].value
    assert "Losing touch (1)" in week and line in week
    # the JSON keeps its rows: the late person only
    data = json.loads(_digest(store, capsys, "--json"))
    assert [row["name"] for row in data["losing_touch"]] == ["Ada Berg"]


def test_without_an_unknown_day_nothing_more_is_said(store, ada, capsys):
    out = _digest(store, capsys)
    assert "no day recorded" not in out
    page = HomePage(store, go=lambda _key: None, choose=lambda **_kw: None)
    assert len(page.losing_touch.children) == 1

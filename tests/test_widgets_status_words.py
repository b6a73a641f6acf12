"""A meeting's state in words a new user understands, the same on every page.

Lena read "(booked)" in the header and on Prepare (booked with whom? is the day agreed?)
and "(asked for)" beside a meeting she had only asked for: the states are now "day agreed"
and "not agreed yet", and a meeting agreed with no time set is "agreed to meet".
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from infoview.models import Meeting, Person
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.app import App
from infoview.widgets.session import NotebookSession

DAY = datetime(2037, 12, 3, 14, 30, tzinfo=UTC)


def _app(tmp_path: Path, store: Store) -> App:
    return App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                               settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                               demo=False), background=False)


def _everywhere(app: App, person_id: int, meeting_id: int) -> list[str]:
    """The header, Prepare's meeting list and People's meeting lines, for one meeting."""
    app.choose(meeting_id=meeting_id)
    app.show("prepare")
    prepare = app.page("prepare")
    app.show("people")
    people = app.page("people")
    people.choose(person_id, meeting_id)
    return [app.chosen.value, prepare.meeting.label,
            *(row.children[0].value for row in people.meetings_box.children)]


def test_a_meeting_with_its_day_agreed_says_so_on_every_page(tmp_path, store):
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, status="scheduled", starts_at=DAY))
    said = _everywhere(_app(tmp_path, store), sam.id, meeting.id)
    assert all("(day agreed)" in text for text in said), said
    assert not any("booked" in text for text in said), said


def test_a_meeting_only_asked_for_is_not_agreed_yet(tmp_path, store):
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, status="requested", starts_at=DAY))
    said = _everywhere(_app(tmp_path, store), sam.id, meeting.id)
    assert all("(not agreed yet)" in text for text in said), said
    assert not any("asked for" in text for text in said), said


def test_a_meeting_agreed_with_no_time_set_does_not_claim_a_day(tmp_path, store):
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, status="scheduled"))
    said = _everywhere(_app(tmp_path, store), sam.id, meeting.id)
    assert all("(agreed to meet)" in text for text in said), said

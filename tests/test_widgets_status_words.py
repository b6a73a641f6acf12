"""A meeting's state in words a new user understands, the same on every page.

Lena read "(booked)" in the header and on Prepare (booked with whom? is the day agreed?)
and "(asked for)" beside a meeting she had only asked for: the states are now "day agreed"
and "not agreed yet", and a meeting agreed with no time set is "agreed to meet".
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(("status", "starts_at", "said", "not_said"), [
    ("scheduled", DAY, "(day agreed)", "booked"),
    ("requested", DAY, "(not agreed yet)", "asked for"),
    ("scheduled", None, "(agreed to meet)", "day agreed"),  # no time set: no day claimed
])
def test_a_meetings_state_says_whether_the_day_is_agreed_on_every_page(
        tmp_path, store, status, starts_at, said, not_said):
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, status=status, starts_at=starts_at))
    shown = _everywhere(_app(tmp_path, store), sam.id, meeting.id)
    assert all(said in text for text in shown), shown
    assert not any(not_said in text for text in shown), shown


def test_debrief_lists_a_meeting_agreed_with_no_time_as_agreed_to_meet(store):
    """The Debrief list said "day agreed" beside a meeting with no day set."""
    from infoview.widgets.debrief import DebriefForm

    sam = store.add(Person(name="Sam Okafor"))
    store.add(Meeting(person_id=sam.id, status="scheduled", starts_at=None))
    form = DebriefForm(store)
    labels = [label for label, _v in form.meeting.options]
    assert labels == ["Sam Okafor (agreed to meet)"], labels

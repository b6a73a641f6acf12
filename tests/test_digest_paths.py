"""``infoview digest --json`` prints the same text, byte for byte, whether each person's
latest touch and the people the user keeps in touch with are found in one pass over the
touches (``memory._touch_summary``, what the digest, the report and the app run) or by the
plain rule (every touch gathered and sorted, ``memory.last_touch``; the people met or who
replied picked from the meetings and the messages): on stores hypothesis draws, with rows
deleted after they were saved, and on hand-made stores with ties in times, people never
touched, touches in other time zones and missing values.
"""

from __future__ import annotations

import io
import tempfile
from contextlib import redirect_stdout
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _store_histories import histories, save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plain_touches import plain_related

from infoview.analytics import memory
from infoview.cli import _common
from infoview.demo.history import generate_sample
from infoview.flows.outcomes import store_digest
from infoview.models import Action, Meeting, Outreach, Person
from infoview.store import Store

NOW = datetime(2026, 3, 31, 18, tzinfo=UTC)


def plain_touch_summary(frames, now=None):
    """The latest touches and the people related, by the plain rule (the reference)."""
    latest = memory.last_touch(frames, now=now).set_index("person_id")
    latest.index = latest.index.astype("int64")
    return latest, np.array(sorted(plain_related(frames, now)), dtype=np.int64)


def printed(store: Store, now: datetime, days: float, ascii_only: bool) -> str:
    """What ``infoview digest --json`` prints for this store, as of ``now``."""
    digest = store_digest(store, now=now, days=days)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out):
        patch.setattr(_common, "json_ascii_only", lambda: ascii_only)
        _common.print_json(digest.to_dict(ascii_only=ascii_only))
    return out.getvalue()


def assert_same_text_both_ways(store: Store, now: datetime, days: float = 7) -> str:
    """The digest's text with the summary of the touches and with the plain rule."""
    texts = []
    for summary in (memory._touch_summary, plain_touch_summary):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(memory, "_touch_summary", summary)
            texts.append([printed(store, now, days, ascii_only) for ascii_only in (False, True)])
    assert texts[0] == texts[1]
    return texts[0][0]


def test_the_plain_rule_can_be_told_apart(tmp_path):
    """The comparison sees a difference: a digest that forgot the meetings held says less."""
    with Store.open(tmp_path / "s.sqlite") as store:
        ada = store.add(Person(name="Ada"))
        store.add(Meeting(person_id=ada.id, status="held", starts_at=NOW - timedelta(days=200)))
        assert '"name": "Ada"' in assert_same_text_both_ways(store, NOW)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(memory, "RELATING", ("reply received",))
            assert '"name": "Ada"' not in printed(store, NOW, 7, False)


@pytest.mark.parametrize("days", [-400, -40, 0, 20])
def test_the_sample_digest_is_the_same_text_both_ways(tmp_path, days):
    with Store.open(tmp_path / "sample.sqlite") as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
        text = assert_same_text_both_ways(store, NOW + timedelta(days=days))
    if days >= 0:
        assert '"level": "overdue"' in text


def test_ties_untouched_people_zones_and_missing_values(tmp_path):
    """Touches of several kinds at one moment (written in different zones), a person with
    no touch at all, touches without a time or a person, a meeting held in the future."""
    moment = datetime(2025, 11, 3, 9, 30, tzinfo=UTC)
    east = timezone(timedelta(hours=14))
    with Store.open(tmp_path / "s.sqlite") as store:
        ada, bea, cy, dee = (store.add(Person(name=n, organization=o, keep_in_touch_days=d))
                             for n, o, d in [("Ada", "Kestrel", 30), ("Bea", None, 60),
                                             ("Cy", "kestrel ", 0), ("Dee", "Acme", 10)])
        meeting = store.add(Meeting(person_id=ada.id, status="held", starts_at=moment))
        store.add(Outreach(person_id=ada.id, kind="request", sent_at=moment.astimezone(east),
                           replied_at=moment))
        store.add(Action(what="Thank Ada", kind="thank_you", meeting_id=meeting.id,
                         done_at=moment.astimezone(east)))
        store.add(Outreach(person_id=bea.id, kind="other", sent_at=None, replied_at=moment))
        store.add(Outreach(person_id=cy.id, kind="request", sent_at=moment, replied_at=None))
        store.add(Meeting(person_id=cy.id, status="held", starts_at=NOW + timedelta(days=3)))
        store.add(Action(what="Nobody's", kind="promise", done_at=moment))
        store.add(Meeting(person_id=dee.id, status="held", starts_at=None))
        text = assert_same_text_both_ways(store, NOW)
    assert '"last_what": "message sent"' in text  # the first kind gathered wins a tie
    assert '"name": "Cy"' not in text.split('"losing_touch"')[1].split('"leads"')[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories(), data=st.data())
def test_any_store_prints_the_same_digest_both_ways(history, data):
    with tempfile.TemporaryDirectory() as folder, \
            save(history, Path(folder) / "s.sqlite") as store:
        # some rows deleted after they were saved (ids with gaps, touches gone)
        for record_type, table in ((Outreach, "outreach"), (Meeting, "meetings"),
                                   (Action, "actions")):
            ids = [row[0] for row in store.execute(f"SELECT id FROM {table}")]
            for record_id in data.draw(st.lists(st.sampled_from(ids), unique=True,
                                                max_size=2) if ids else st.just([])):
                store.delete(record_type, record_id)
        assert_same_text_both_ways(store, history.now)
        assert_same_text_both_ways(store, history.now + timedelta(days=45), days=30)


def test_the_frames_the_summary_reads_may_lack_a_table():
    """A caller's frames without meetings or messages: the summary is that of the rest."""
    people = pd.DataFrame({"id": pd.array([1, 2], dtype="Int64")})
    outreach = pd.DataFrame({
        "person_id": pd.array([1, 2], dtype="Int64"), "kind": ["request", "other"],
        "sent_at": pd.to_datetime(["2026-01-01T10:00Z", "2026-02-01T10:00Z"], utc=True),
        "replied_at": pd.to_datetime([None, "2026-02-02T10:00Z"], utc=True)})
    frames = {"people": people, "outreach": outreach}
    fast, plain = memory._touch_summary(frames, NOW), plain_touch_summary(frames, NOW)
    pd.testing.assert_frame_equal(fast[0], plain[0].sort_index(), check_index_type=False)
    assert fast[1].tolist() == plain[1].tolist() == [2]

"""A meeting held on a day never recorded (added without a date, then debriefed as having
happened): the person was met, and every page says so. The funnel and the Outcomes headline
count them as met; the keep-in-touch status lists them with the day unknown (never "no
meetings held"), and no page calls them late, since no clock can run without a day. On real
SQLite files; the panels driven without a browser."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
import pytest

from infoview import analytics
from infoview.analytics import followup
from infoview.analytics.digest import weekly_digest
from infoview.analytics.memory import undated_note
from infoview.cli import main
from infoview.flows.followups import suggest_followups
from infoview.models import Meeting, Outreach, Person
from infoview.prep.followup import keep_in_touch
from infoview.widgets.home import HomePage
from infoview.widgets.outcomes import OutcomesDashboard

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


@pytest.fixture
def sam(store):
    """Sam, met once on a day nobody wrote down; nothing else logged about him."""
    person = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    store.add(Meeting(person_id=person.id, starts_at=None, status="held"))
    return person


def test_someone_met_on_an_unknown_day_is_kept_in_touch_with_the_day_unknown(store, sam):
    frames = store.frames()
    funnel = dict(zip(analytics.funnel(frames)["stage"], analytics.funnel(frames)["count"],
                      strict=True))
    assert funnel["met"] == 1
    status = analytics.keep_in_touch_status(frames, now=NOW)
    assert list(status["name"]) == ["Sam Okafor"]
    row = status.iloc[0]
    assert row["last_what"] == "meeting held, day not recorded"
    assert pd.isna(row["last_contact"]) and pd.isna(row["days_since"])
    assert pd.isna(row["ideal_by"]) and row["level"] == "ok"  # never called late
    late = analytics.losing_touch(frames, now=NOW)
    said = analytics.message(late)
    assert late.empty and "no meetings held" not in said
    assert "1 person you met has no day recorded" in said and "Debrief" in said
    # the digest (and its JSON) and the record-based rule of the follow-ups agree
    digest = weekly_digest(frames, now=NOW)
    assert digest.counts()["losing_touch"] == 0 and digest.to_dict()["losing_touch"] == []
    assert keep_in_touch(store.list(Person), store.list(Outreach), store.list(Meeting),
                         today=NOW.date()) == []
    assert not [a for a in suggest_followups(store, today=NOW.date())
                if a.kind == "keep_in_touch"]


def test_a_dated_touch_still_runs_the_clock_of_someone_met_on_an_unknown_day(store, sam):
    # the request went out long ago; the meeting's day is unknown: they were met, and the
    # last day known is the request's
    store.add(Outreach(person_id=sam.id, channel="email", sent_at=datetime(2026, 6, 1, 9,
                                                                            tzinfo=UTC)))
    late = analytics.losing_touch(store.frames(), now=NOW)
    assert list(late["name"]) == ["Sam Okafor"]
    assert late.iloc[0]["last_what"] == "message sent" and late.iloc[0]["level"] == "overdue"


def test_outcomes_and_home_agree_that_sam_was_met(store, sam):
    dashboard = OutcomesDashboard(store, now=NOW)
    assert dashboard.message.kind == "ok", dashboard.message.text
    assert dashboard.headline["met"] == 1
    week = dashboard.panes["This week"].value
    assert "Losing touch (0)" in week and "no meetings held" not in week
    assert "1 person you met has no day recorded for the meeting" in week
    page = HomePage(store, go=lambda _key: None, choose=lambda **_kw: None)
    touch = page.losing_touch.children[0].value
    assert "in touch with everyone you know" not in touch
    assert "Nobody is late, but 1 person you met has no day recorded" in touch


def test_a_meeting_debriefed_before_its_planned_start_counts_as_met_today(store):
    # booked for tomorrow, held early and debriefed today: the panel showed 1 meeting held
    # while Losing touch said "no meetings held yet"
    from infoview.flows.debrief import Debrief, save_debrief

    rae = store.add(Person(name="Rae Lin"))
    tomorrow = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)
    meeting = store.add(Meeting(person_id=rae.saved_id, starts_at=tomorrow))
    save_debrief(store, Debrief(meeting_id=meeting.saved_id), now=NOW)
    frames = store.frames()
    status = analytics.keep_in_touch_status(frames, now=NOW)
    assert list(status["name"]) == ["Rae Lin"]
    row = status.iloc[0]
    assert row["last_what"] == "meeting held" and row["last_contact"] == pd.Timestamp(NOW)
    assert row["days_since"] == 0 and row["level"] == "ok"
    late = analytics.losing_touch(frames, now=NOW)
    assert late.empty and "no meetings held" not in analytics.message(late)
    dashboard = OutcomesDashboard(store, now=NOW)
    assert dashboard.headline["met"] == 1
    week = dashboard.panes["This week"].value
    assert "Losing touch (0)" in week and "no meetings held" not in week
    # once the planned start has passed, the clock runs from it as from any meeting
    later = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
    again = analytics.keep_in_touch_status(frames, now=later).iloc[0]
    assert again["last_contact"] == pd.Timestamp(tomorrow) and again["level"] == "due"


# The digest says what the app says: alone, the note the app shows instead of "nobody";
# beside people who are late, one line after the list.
AS_OF = "2026-12-07T18:00:00+00:00"


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


def _health(store, now=NOW) -> dict:
    table = analytics.follow_up_health(store.frames(), now=now)
    return dict(zip(table["check"], table["value"], strict=True))


def test_a_thank_you_for_a_meeting_on_an_unknown_day_is_never_counted_late(store, tmp_path,
                                                                          capsys):
    # Sam's meeting, added without a day, debriefed through the CLI: the report said
    # "share of thank-yous on time: 0%" at once, and still after the thank-you was ticked
    from infoview.flows.actions import mark_done
    from infoview.models import Action

    sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    meeting = store.add(Meeting(person_id=sam.saved_id, starts_at=None))
    debrief = tmp_path / "debrief.json"
    debrief.write_text(json.dumps({"meeting_id": meeting.saved_id, "notes": "good talk"}))
    assert main(["--db", str(store.path), "debrief", str(debrief)]) == 0
    health = _health(store)
    assert health["meetings held"] == 1 and health["thank-yous within 24 h"] == 0
    assert health[followup.NOT_MEASURED_ROW] == 1
    assert health["share of thank-yous on time"] == followup.NOT_MEASURED_SHARE
    # its follow-up is still asked for: due a day after the debrief, as any thank-you
    [thanks] = [a for a in store.list(Action) if a.kind == "thank_you"]
    assert thanks.due is not None
    mark_done(store, thanks.saved_id)
    assert _health(store)["share of thank-yous on time"] == followup.NOT_MEASURED_SHARE
    # beside a dated meeting, only that one is measured: Ada, never thanked, is late
    ada = store.add(Person(name="Ada Berg"))
    store.add(Meeting(person_id=ada.saved_id, starts_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
                      status="held"))
    health = _health(store)
    assert health["meetings held"] == 2 and health[followup.NOT_MEASURED_ROW] == 1
    assert health["share of thank-yous on time"] == 0.0
    report = tmp_path / "report.html"
    assert main(["--db", str(store.path), "report", "--out", str(report)]) == 0
    page = report.read_text()
    assert followup.NOT_MEASURED_ROW in page
    store.add(Outreach(person_id=ada.saved_id, kind="thanks", channel="email",
                       sent_at=datetime(2026, 12, 1, 18, tzinfo=UTC)))
    assert _health(store)["share of thank-yous on time"] == 1.0

"""Times are shown in the time zone set in About me, not in the computer's: someone in Tokyo
whose laptop says UTC reads "Prepared 14:26", not "05:26", and "yesterday" means their
yesterday.

The computer's zone is pinned to UTC for these tests (``TZ``), and About me says
Asia/Tokyo (UTC+9 all year): every moment below is picked so that the two disagree, on the
hour or on the day.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoview.models import Action, Meeting, Organization, Person, ResearchSnapshot, UserProfile
from infoview.widgets.home import HomePage

TOKYO = ZoneInfo("Asia/Tokyo")
#: 16:00 UTC: already 01:00 the next day in Tokyo.
NOW = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("computer_in_utc")


@pytest.fixture
def store(store):
    store.save_profile(UserProfile(name="Maya Lindqvist", timezone="Asia/Tokyo"))
    return store


def _on_tokyo_clock(hour: int, minute: int) -> bool:
    """Whether ``hour:minute`` is Tokyo's time now, give or take two minutes (the page was
    drawn a moment ago); UTC's is nine hours off."""
    tokyo = datetime.now(TOKYO)
    gap = abs(hour * 60 + minute - (tokyo.hour * 60 + tokyo.minute)) % 1440
    return min(gap, 1440 - gap) <= 2


def _home(store) -> HomePage:
    return HomePage(store, go=lambda _k: None, choose=lambda **_kw: None, now=NOW)


def test_the_brief_says_when_it_was_prepared_in_my_zone(store):
    from infoview.prep.brief import build_brief
    from infoview.prep.render import render_markdown
    from infoview.questions.models import PlanItem, QuestionPlan

    plan = QuestionPlan(items=[PlanItem("own-1", "own", "How did you start?", 3, "")],
                        meeting_minutes=20, overhead_minutes=4)
    brief = build_brief(person=Person(name="Sam Okafor"), plan=plan,
                        profile=store.get_profile(), now=datetime(2026, 12, 7, 5, 26, tzinfo=UTC))
    assert "Prepared Mon 7 Dec 2026, 14:26" in render_markdown(brief)


def test_the_dossier_is_dated_on_my_day(store):
    from infoview.flows.dossier import build_dossier
    from infoview.prep.dossier import render_dossier

    org = store.add(Organization(name="Kestrel Health"))
    dossier = build_dossier(store, org.id, now=NOW)
    assert "Prepared Tue 8 Dec 2026" in render_dossier(dossier, "md")


def test_home_counts_days_on_my_calendar(store):
    # Fetched at 23:00 Tokyo time on the 7th: yesterday there (it is the 8th), today in UTC.
    store.add(ResearchSnapshot(kind="company", source_url="https://kestrel.example",
                               data={"name": "Kestrel Health", "facts": [], "people": []},
                               fetched_at=datetime(2026, 12, 7, 14, 0, tzinfo=UTC)))
    sam = store.add(Person(name="Sam Okafor"))
    # 10:00 on the 8th in Tokyo (01:00 UTC): today for the user, "tomorrow" by UTC's day.
    store.add(Meeting(person_id=sam.id, starts_at=datetime(2026, 12, 8, 1, 0, tzinfo=UTC),
                      status="scheduled"))
    # 17:00 on the 8th in Tokyo is due today; by UTC's day, tomorrow.
    store.add(Action(what="Send Sam the article", person_id=sam.id,
                     due=datetime(2026, 12, 8, 8, 0, tzinfo=UTC)))
    home = _home(store)
    assert "Kestrel Health</b>, yesterday" in home.research_box.children[0].value
    card = home.meeting_box.children[0].value
    assert "today, Tue 8 Dec 2026, 10:00" in card  # a meeting with no zone of its own
    assert ">due today</span>: Send Sam Okafor the article" in home.due.rows.children[0].children[0].value


def test_meetings_without_a_zone_show_in_mine_on_people_and_in_the_line_on_top(store,
                                                                                tmp_path):
    from infoview.settings import Settings
    from infoview.widgets.app import App
    from infoview.widgets.session import NotebookSession

    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, status="scheduled",
                                starts_at=datetime.now(UTC).replace(hour=1, minute=0, second=0,
                                                                    microsecond=0)
                                + timedelta(days=3)))
    app = App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "c.sqlite"), demo=False),
              background=False)
    app.choose(meeting_id=meeting.id)
    assert ", 10:00 (day agreed)" in app.chosen.value
    people = app.page("people")
    rows = people.meetings_box.children
    assert ", 10:00," in rows[0].children[0].value
    people.open_meeting_form(meeting.id)  # the form shows the same time, and says where
    assert people.meeting_time.value.hour == 10
    assert people.meeting_form["timezone"].value == "Asia/Tokyo"


def test_outcomes_say_when_they_were_updated_on_my_clock(store):
    from infoview.widgets.outcomes import OutcomesDashboard

    dashboard = OutcomesDashboard(store)
    shown = re.search(r"Updated at (\d\d):(\d\d)", dashboard.message.text)
    assert shown, dashboard.message.text
    assert _on_tokyo_clock(int(shown[1]), int(shown[2]))


def test_the_outcomes_follow_ups_are_due_on_my_day(store):
    from infoview.analytics.followup import due_actions
    from infoview.widgets.outcomes import actions_view

    sam = store.add(Person(name="Sam Okafor"))
    store.add(Action(what="Send Sam the article", person_id=sam.id,
                     due=datetime(2026, 12, 8, 20, 0, tzinfo=UTC)))  # the 9th in Tokyo
    view = actions_view(due_actions(store.frames(), now=NOW, days=14), NOW,
                        zone=TOKYO)
    assert view["due"].iloc[0].replace("\u00a0", " ") == "Wed 9 Dec 2026"


def test_a_plan_picked_up_says_when_on_my_clock(store, tmp_path):
    from infoview.flows.plans import keep_plan
    from infoview.widgets.prepare import PreparePanel

    sam = store.add(Person(name="Sam Okafor"))
    keep_plan(store, sam.id, {"person": sam.id, "items": [], "reason": "a talk"})
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    shown = re.search(r"\((\w{3} \d+ \w+), (\d\d):(\d\d)\)", panel.message.text)
    assert shown, panel.message.text
    assert _on_tokyo_clock(int(shown[2]), int(shown[3]))


def test_what_is_held_is_dated_on_my_day(store):
    from infoview.flows.forget import what_is_held
    from infoview.widgets.holdings import holdings_html

    sam = store.add(Person(name="Sam Okafor", created_at=datetime(2026, 12, 7, 20, 0,
                                                                  tzinfo=UTC)))
    shown = holdings_html(what_is_held(store, sam.id), zone=TOKYO)
    assert "Tue 8 Dec 2026" in shown and "7 Dec 2026" not in shown


def test_a_recorded_message_is_dated_on_my_day():
    from infoview.widgets.prepare_who import _day

    assert _day(datetime(2026, 12, 7, 20, 0, tzinfo=UTC), TOKYO).startswith("Tue 8 Dec")  # day_words

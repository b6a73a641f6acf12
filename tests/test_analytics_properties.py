"""Every analytic, the report and the digest work on any store the kit can produce.

Hypothesis builds stores in real SQLite files through ``Store.add`` (the route every command,
panel and ``db import`` takes), with what real stores hold: tables left empty, one row,
missing industries, times and scores, every status and kind ``CHOICES`` allows, text that
looks like a missing value (``"nan"``, ``"None"``, ``""``), names in any script, far dates
and odd time zones, self-referrals and cycles, meetings that replace each other. Each
example then runs every analytic and checks a few facts that hold whatever the data.

The report (seven plots) is slower, so it gets fewer examples than the tables. Hypothesis
keeps the examples that failed (in ``.hypothesis/``) and tries them first next time.
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview import analytics
from infoview.analytics.digest import weekly_digest
from infoview.analytics.headline import headline_figures
from infoview.analytics.report import build_report
from infoview.cli import main
from infoview.models import (
    CHOICES,
    Action,
    Affiliation,
    Insight,
    Meeting,
    Organization,
    Outcome,
    Outreach,
    Person,
    QuestionAsked,
    Referral,
    ResearchSnapshot,
    UserProfile,
)
from infoview.store import Store
from infoview.store.schema import EARLIEST, LATEST_DATE

#: Examples per run of the table test (the report and the commands get a fifth and an eighth:
#: each example costs a second or more). A thorough hunt before a release:
#: INFOVIEW_PROPERTY_EXAMPLES=2000 pytest tests/test_analytics_properties.py
EXAMPLES = int(os.environ.get("INFOVIEW_PROPERTY_EXAMPLES", "30"))

pytestmark = [pytest.mark.filterwarnings("ignore::UserWarning"),  # matplotlib: glyphs missing
              pytest.mark.timeout(max(300, EXAMPLES * 3)), pytest.mark.slow]

# ---- the pieces a store is made of --------------------------------------------------------

#: Text that pandas or a careless parser might read as a missing value or a number.
NA_LIKE = ["", " ", "nan", "NaN", "None", "null", "NULL", "NA", "<NA>", "N/A", "inf", "-0",
           "1e309", "0", "True"]
ODD_TEXT = st.one_of(
    st.sampled_from(NA_LIKE),
    st.sampled_from(["Zoë Ørsted", "李小龍", "محمد", "Ana\u200bBell", "a\nb", "<b>x</b>", "=1+1",
                     "$\\frac{$", "a$b$c", "50% & $5",
                     "Acme", "ACME ", "acme, inc.", "Kestrel Health"]),
    st.text(min_size=1, max_size=12),
)
MAYBE_TEXT = st.none() | ODD_TEXT

ZONES = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)),
                         ZoneInfo("Europe/London"), ZoneInfo("Etc/GMT+12"), ZoneInfo("Asia/Kolkata"),
                         ZoneInfo("America/St_Johns")])
# Far dates within the range the store keeps (a day inside it, so that any zone stays inside).
FAR = st.sampled_from([EARLIEST + timedelta(days=1), LATEST_DATE - timedelta(days=1),
                       date(1970, 1, 1), date(2038, 1, 19)])
NEAR = st.dates(min_value=date(2025, 10, 1), max_value=date(2026, 6, 30))
DAYS = st.one_of(NEAR, NEAR, NEAR, FAR)  # mostly near each other, sometimes far apart


@st.composite
def datetimes(draw) -> datetime:
    day = draw(DAYS)
    hour, minute = draw(st.integers(0, 23)), draw(st.sampled_from([0, 30, 59]))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=draw(ZONES))


MAYBE_TIME = st.none() | datetimes()
MAYBE_DATE = st.none() | DAYS


def choice(table: str, column: str):
    return st.sampled_from(CHOICES[(table, column)])


def ref(n: int):
    """A reference to one of ``n`` records (``None`` when there is none)."""
    return st.none() if n == 0 else st.integers(0, n - 1)


def maybe_ref(n: int):
    return st.none() | ref(n)


@dataclass
class History:
    """Records to save, with references as positions in the lists they point into."""

    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    rows: list[tuple[str, dict]] = field(default_factory=list)  # (kind, fields with refs)
    profile: UserProfile | None = None
    now: datetime = datetime(2026, 3, 10, 12, tzinfo=UTC)

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        return (f"History(now={self.now!r}, people={self.people!r}, "
                f"organizations={self.organizations!r}, rows={self.rows!r}, profile={self.profile!r})")


@st.composite
def histories(draw) -> History:
    h = History(now=draw(datetimes()))
    for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3, 5]))):
        h.people.append(Person(
            name=draw(ODD_TEXT), organization=draw(MAYBE_TEXT), title=draw(MAYBE_TEXT),
            email=draw(st.none() | st.sampled_from(["a@b.example", "A@B.EXAMPLE", ""])),
            profile_url=draw(st.none() | st.sampled_from(["https://www.linkedin.com/in/x", ""])),
            how_known=draw(choice("people", "how_known")), tags=draw(st.lists(ODD_TEXT, max_size=2)),
            keep_in_touch_days=draw(st.sampled_from([0, 1, 60, 36500, 2**31])),
            keep_in_touch_max_days=draw(st.sampled_from([0, 1, 90, 36500, 2**62])),
            connected_on=draw(MAYBE_DATE), created_at=draw(MAYBE_TIME)))
    for _ in range(draw(st.sampled_from([0, 1, 3]))):
        h.organizations.append(Organization(
            name=draw(ODD_TEXT), industry=draw(MAYBE_TEXT),
            motivation=draw(st.none() | st.integers(-1, 5)), postings=draw(st.none() | st.integers(-1, 9)),
            created_at=draw(MAYBE_TIME)))
    n_people, n_orgs = len(h.people), len(h.organizations)
    if n_people:
        n_meetings = draw(st.sampled_from([0, 1, 1, 2, 4]))
        for i in range(n_meetings):
            h.rows.append(("meeting", dict(
                person=draw(ref(n_people)), starts_at=draw(MAYBE_TIME),
                timezone=draw(st.none() | st.sampled_from(["Europe/London", "Etc/GMT+12", "Mars/Base"])),
                format=draw(choice("meetings", "format")), status=draw(choice("meetings", "status")),
                planned_minutes=draw(st.sampled_from([1, 20, 240])), industry=draw(MAYBE_TEXT),
                role=draw(MAYBE_TEXT), rapport=draw(st.none() | st.integers(1, 5)),
                rescheduled_from=draw(maybe_ref(i)))))
        for _ in range(draw(st.sampled_from([0, 1, 3]))):
            sent = draw(MAYBE_TIME)
            h.rows.append(("outreach", dict(
                person=draw(ref(n_people)), channel=draw(choice("outreach", "channel")),
                kind=draw(choice("outreach", "kind")), sent_at=sent,
                replied_at=draw(st.none() | st.just(sent) | datetimes()))))
        for _ in range(draw(st.sampled_from([0, 1, 3]))):
            h.rows.append(("referral", dict(
                from_person=draw(ref(n_people)), to_person=draw(ref(n_people)),
                meeting=draw(maybe_ref(n_meetings)), may_mention=draw(choice("referrals", "may_mention")),
                contact_by=draw(choice("referrals", "contact_by")), created_at=draw(MAYBE_TIME))))
        for _ in range(draw(st.sampled_from([0, 1, 3]))):
            h.rows.append(("action", dict(
                what=draw(ODD_TEXT), kind=draw(choice("actions", "kind")),
                owner=draw(choice("actions", "owner")), due=draw(MAYBE_TIME), done_at=draw(MAYBE_TIME),
                meeting=draw(maybe_ref(n_meetings)), person=draw(maybe_ref(n_people)),
                created_at=draw(MAYBE_TIME))))
        for _ in range(draw(st.sampled_from([0, 1, 2]))):
            h.rows.append(("outcome", dict(
                kind=draw(choice("outcomes", "kind")), date=draw(MAYBE_DATE),
                person=draw(maybe_ref(n_people)), meeting=draw(maybe_ref(n_meetings)),
                organization=draw(maybe_ref(n_orgs)))))
        for _ in range(draw(st.sampled_from([0, 1, 2]))):
            h.rows.append(("affiliation", dict(
                person=draw(ref(n_people)), organization=draw(ODD_TEXT),
                kind=draw(choice("affiliations", "kind")), status=draw(choice("affiliations", "status")),
                source=draw(choice("affiliations", "source")), started_on=draw(MAYBE_DATE))))
        if n_meetings:
            for _ in range(draw(st.sampled_from([0, 1, 3]))):
                h.rows.append(("question", dict(
                    meeting=draw(ref(n_meetings)), text=draw(ODD_TEXT),
                    question_id=draw(st.none() | st.sampled_from(["path-01", "nope", ""])),
                    category=draw(st.none() | st.sampled_from(["path", "closing", "unheard-of", "",
                                                               "$\\frac{$"])),
                    position=draw(st.none() | st.integers(0, 30)),
                    usefulness=draw(st.none() | st.integers(1, 5)))))
            for _ in range(draw(st.sampled_from([0, 1, 3]))):
                h.rows.append(("insight", dict(
                    meeting=draw(ref(n_meetings)), text=draw(ODD_TEXT),
                    tags=draw(st.lists(ODD_TEXT, max_size=3)))))
    for _ in range(draw(st.sampled_from([0, 0, 1]))):
        h.rows.append(("research", dict(
            kind=draw(choice("research", "kind")), source_url="https://kestrel.example/",
            data=draw(st.sampled_from([{}, {"name": None, "people": []},
                                       {"url": "https://kestrel.example/", "name": "Kestrel",
                                        "people": [{"name": "Zoë", "title": None}]}])),
            fetched_at=draw(MAYBE_TIME), person=draw(maybe_ref(n_people)),
            organization=draw(maybe_ref(n_orgs)))))
    if draw(st.booleans()):
        h.profile = UserProfile(name=draw(st.sampled_from(["", "Lena", "李"])),
                                schools=draw(st.lists(ODD_TEXT, max_size=2)))
    return h


def save(history: History, path: Path) -> Store:
    """The history in a new SQLite file, through the store's own checks."""
    store = Store.open(path)
    people = [store.add(p).id for p in history.people]
    orgs = [store.add(o).id for o in history.organizations]
    meetings: list[int] = []

    def at(ids, position):
        return None if position is None else ids[position]

    for kind, f in history.rows:
        f = dict(f)
        if kind == "meeting":
            person, earlier = f.pop("person"), f.pop("rescheduled_from")
            meeting = store.add(Meeting(person_id=people[person], rescheduled_from=at(meetings, earlier),
                                        **f))
            meetings.append(meeting.id)
        elif kind == "outreach":
            store.add(Outreach(person_id=people[f.pop("person")], **f))
        elif kind == "referral":
            store.add(Referral(from_person_id=people[f.pop("from_person")],
                               to_person_id=people[f.pop("to_person")],
                               meeting_id=at(meetings, f.pop("meeting")), **f))
        elif kind == "action":
            store.add(Action(meeting_id=at(meetings, f.pop("meeting")),
                             person_id=at(people, f.pop("person")), **f))
        elif kind == "outcome":
            store.add(Outcome(person_id=at(people, f.pop("person")),
                              meeting_id=at(meetings, f.pop("meeting")),
                              organization_id=at(orgs, f.pop("organization")), **f))
        elif kind == "affiliation":
            store.add(Affiliation(person_id=people[f.pop("person")], **f))
        elif kind == "question":
            store.add(QuestionAsked(meeting_id=meetings[f.pop("meeting")], **f))
        elif kind == "insight":
            store.add(Insight(meeting_id=meetings[f.pop("meeting")], **f))
        elif kind == "research":
            store.add(ResearchSnapshot(person_id=at(people, f.pop("person")),
                                       organization_id=at(orgs, f.pop("organization")), **f))
    if history.profile is not None:
        store.save_profile(history.profile)
    return store


def frames_of(history: History):
    with tempfile.TemporaryDirectory() as folder, save(history, Path(folder) / "s.sqlite") as store:
        return store.frames()


PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rows(history: History, kind: str) -> list[dict]:
    return [f for k, f in history.rows if k == kind]


# ---- the properties -------------------------------------------------------------------------

@PROPERTY
@given(histories())
def test_every_table_analytic_works_on_any_store(history):
    frames = frames_of(history)
    now = history.now
    results = {
        "funnel": analytics.funnel(frames),
        "funnel by channel": analytics.funnel(frames, by="channel"),
        "funnel by warmth": analytics.funnel(frames, by="warmth"),
        "levels": analytics.person_levels(frames),
        "reply rates": analytics.reply_rates(frames),
        "reply rates by warmth": analytics.reply_rates(frames, by="warmth"),
        "chains": analytics.chain_depths(frames),
        "door openers": analytics.door_openers(frames),
        "thank-yous": analytics.thank_you_timeliness(frames, now=now),
        "overdue": analytics.overdue_actions(frames, now=now),
        "due": analytics.due_actions(frames, now=now),
        "promises": analytics.open_promises(frames, now=now),
        "leads": analytics.uncontacted_leads(frames),
        "stale": analytics.stale_contacts(frames, now=now),
        "health": analytics.follow_up_health(frames, now=now),
        "questions": analytics.question_effectiveness(frames),
        "categories": analytics.category_effectiveness(frames),
        "activity": analytics.activity_by_week(frames),
        "learned": analytics.insights_by_industry(frames),
        "targets": analytics.targets(frames),
        "statuses": analytics.meeting_statuses(frames),
        "touches": analytics.touches(frames, now=now),
        "keep in touch": analytics.keep_in_touch_status(frames, now=now),
        "losing touch": analytics.losing_touch(frames, now=now),
    }
    for name, result in results.items():
        assert len(result) or analytics.message(result), name  # empty results say so in words

    # facts that hold whatever the data
    funnel = results["funnel"].set_index("stage")["count"]
    assert (funnel["identified"] if len(funnel) else 0) == len(history.people)
    for rate in results["reply rates"].get("answer_rate", []):
        assert math.isnan(rate) or 0 <= rate <= 1
    insights = _rows(history, "insight")
    counted = results["learned"]["insights"].sum() if len(results["learned"]) else 0
    assert counted == len(insights)  # every insight is filed under some industry, "unknown" at worst
    sent = [r for r in _rows(history, "outreach") if r["sent_at"] is not None]
    weeks = results["activity"]
    assert (weeks["outreach"].sum() if len(weeks) else 0) == len(sent)
    assert len(results["targets"]) == len(history.organizations)
    assert results["targets"]["batch"].sum() == min(5, len(history.organizations))
    summary = analytics.network_summary(frames)
    assert summary["deepest_chain"] == analytics.max_chain_depth(frames) >= 0
    assert analytics.referral_graph(frames).number_of_nodes() == summary["people_in_chains"]
    head = headline_figures(frames, now=now)
    assert head["people"] == len(history.people)

    digest = weekly_digest(frames, now=now)
    counts = digest.counts()
    assert counts["losing_touch"] == len(results["losing touch"])
    assert set(digest.to_dict()) >= {"as_of", "counts", "due", "leads", "missed"}


@settings(max_examples=max(6, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_report_renders_for_any_store(history):
    frames = frames_of(history)
    html = build_report(frames, now=history.now)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "Targets (LAMP list)" in html
    assert "<script" not in html  # whatever the names hold


@settings(max_examples=max(4, EXAMPLES // 8), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_the_digest_with_drafts_and_the_report_commands_work_on_any_store(history, capsys):
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "s.sqlite"
        save(history, db).close()
        as_of = history.now.astimezone(UTC).date().isoformat()
        assert main(["--db", str(db), "digest", "--as-of", as_of, "--drafts", "--json"]) == 0
        assert main(["--db", str(db), "digest", "--as-of", as_of]) == 0
        assert main(["--db", str(db), "report", "--out", str(Path(folder) / "r.html")]) == 0
        assert main(["--db", str(db), "targets", "--json"]) == 0
        assert main(["--db", str(db), "actions", "--due"]) == 0
    capsys.readouterr()

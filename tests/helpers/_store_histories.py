"""Stores built by hypothesis: what real stores hold, with the oddities a store can have.

Moved out of ``test_analytics_properties.py`` so that other tests (the analytics computed
in SQL against those computed from frames) draw the same stores. ``save`` writes a
history through ``Store.add`` (the route every command, panel and ``db import`` takes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

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

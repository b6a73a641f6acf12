"""Small histories for the analytics tests, saved in real SQLite files, with answers worked by hand.

``small_history``: seven people, enough to check every stage of the funnel, the answer
rates, follow-up health, questions and activity. The expected figures are written in the
tests next to each assertion, with the reasoning.

Calendar facts used by the tests: 2026-03-01 is a Sunday (ISO week 2026-W09, which starts
Monday 23 February); 2026-03-02 .. 2026-03-08 is week 2026-W10.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from infoview.models import (
    Action,
    Insight,
    Meeting,
    Organization,
    Outcome,
    Outreach,
    Person,
    QuestionAsked,
    Referral,
)
from infoview.store import Store

UTC = UTC
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
PLUS_ONE = timezone(timedelta(hours=1))
PLUS_TEN = timezone(timedelta(hours=10))


def utc(day: int, hour: int = 0, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def open_store(tmp_path, name: str = "history.sqlite") -> Store:
    return Store.open(tmp_path / name)


def small_history(store: Store) -> dict[str, int]:
    """The history the funnel, reply, follow-up, question and activity tests share.

    People (warmth; first message):
      Ana  friend   email     03-01 09:00, answered 03-02 09:00 (1.0 day); met 03-03 10:00 (30 min)
      Ben  alumni   linkedin  03-01 10:00, answered 03-04 10:00 (3.0 days); met 03-06 15:00 (20 min)
      Cal  cold     linkedin  03-02 08:00, no answer
      Dee  cold     email     03-02 08:00, no answer; a follow-up 03-05 (not an asking message)
      Eve  referral email     03-06 09:00+01:00 = 08:00 UTC (referred_intro), answered 20:00 UTC
                              (0.5 day); meeting scheduled for 03-12
      Fay  event    never contacted (added 02-20)
      Gus  referral never contacted (added 03-06), suggested by Ben
    Referrals: Ana -> Eve (meeting 1), Ben -> Gus (meeting 2).
    Outcomes: a lead from Ben's meeting; an application naming Ana.
    Thanks: to Ana 03-04 08:30 UTC; to Ben 03-09 01:20+10:00 = 03-08 15:20 UTC.
    """
    add = store.add
    ana = add(Person(name="Ana Ruiz", organization="Kestrel Health Labs", how_known="friend",
                     keep_in_touch_days=5, keep_in_touch_max_days=30, created_at=utc(20, month=2)))
    ben = add(Person(name="Ben Okoro", organization="Granite Ledger", how_known="alumni",
                     created_at=utc(20, month=2)))
    cal = add(Person(name="Cal Moss", organization="Orchard Learning", how_known="cold",
                     created_at=utc(20, month=2)))
    dee = add(Person(name="Dee Park", organization="Orchard Learning", how_known="cold",
                     created_at=utc(20, month=2)))
    eve = add(Person(name="Eve Lund", organization="Kestrel Health Labs", how_known="referral",
                     created_at=utc(3, 12)))
    fay = add(Person(name="Fay Quinn", how_known="event", created_at=utc(20, month=2)))
    gus = add(Person(name="Gus Hale", how_known="referral", created_at=utc(6, 16)))
    add(Organization(name="granite ledger", industry="fintech", motivation=3, postings=2))

    add(Outreach(person_id=ana.id, channel="email", sent_at=utc(1, 9), replied_at=utc(2, 9)))
    add(Outreach(person_id=ben.id, channel="linkedin", sent_at=utc(1, 10), replied_at=utc(4, 10)))
    add(Outreach(person_id=cal.id, channel="linkedin", sent_at=utc(2, 8)))
    add(Outreach(person_id=dee.id, channel="email", sent_at=utc(2, 8)))
    add(Outreach(person_id=dee.id, channel="email", kind="follow_up", sent_at=utc(5, 8)))
    add(Outreach(person_id=eve.id, channel="email", kind="referred_intro",
                 sent_at=datetime(2026, 3, 6, 9, 0, tzinfo=PLUS_ONE), replied_at=utc(6, 20)))
    add(Outreach(person_id=ana.id, channel="email", kind="thanks", sent_at=utc(4, 8, 30)))
    add(Outreach(person_id=ben.id, channel="email", kind="thanks",
                 sent_at=datetime(2026, 3, 9, 1, 20, tzinfo=PLUS_TEN)))

    m1 = add(Meeting(person_id=ana.id, starts_at=utc(3, 10), planned_minutes=30, status="held",
                     industry="digital health"))
    m2 = add(Meeting(person_id=ben.id, starts_at=utc(6, 15), planned_minutes=20, status="held"))
    add(Meeting(person_id=eve.id, starts_at=utc(12, 10), status="scheduled"))

    add(Referral(from_person_id=ana.id, to_person_id=eve.id, meeting_id=m1.id, created_at=utc(3, 11)))
    add(Referral(from_person_id=ben.id, to_person_id=gus.id, meeting_id=m2.id, may_mention="yes",
                 created_at=utc(6, 16)))
    add(Outcome(kind="lead", meeting_id=m2.id, date=date(2026, 3, 6)))
    add(Outcome(kind="application", person_id=ana.id, date=date(2026, 3, 8)))

    # actions: overdue promise, open host promise, a done follow-up, an unticked thank-you
    add(Action(what="Send Ana the article", kind="promise", owner="user", due=utc(5, 12),
               meeting_id=m1.id, person_id=ana.id))
    add(Action(what="Ben sends the job link", kind="promise", owner="host", due=utc(15, 12),
               meeting_id=m2.id, person_id=ben.id))
    add(Action(what="Call Cal", kind="follow_up", due=utc(9, 12), done_at=utc(9, 13), person_id=cal.id))
    add(Action(what="Thank Ben", kind="thank_you", due=utc(7, 15, 20), meeting_id=m2.id))

    # questions: path-01 rated 4 and 2; role-02 rated 5 and not rated; the user's own question 2 and 3
    for meeting, scores in ((m1, (4, 5, 2)), (m2, (2, None, 3))):
        add(QuestionAsked(meeting_id=meeting.id, text="How did you start?", question_id="path-01",
                          category="path", usefulness=scores[0]))
        add(QuestionAsked(meeting_id=meeting.id, text="What do you decide?", question_id="role-02",
                          category="role", usefulness=scores[1]))
        add(QuestionAsked(meeting_id=meeting.id, text="What surprised you? " if meeting is m2
                          else "What surprised you?", usefulness=scores[2]))
    add(Insight(meeting_id=m1.id, text="Referrals fill most junior roles", tags=["hiring"]))
    add(Insight(meeting_id=m1.id, text="Learn the health data standards", tags=["skills", "hiring"]))
    add(Insight(meeting_id=m2.id, text="Contract roles are a way in", tags=["entry"]))
    return {"ana": ana.id, "ben": ben.id, "cal": cal.id, "dee": dee.id, "eve": eve.id,
            "fay": fay.id, "gus": gus.id, "m1": m1.id, "m2": m2.id}


@pytest.fixture()
def small_frames(tmp_path):
    """The frames of :func:`small_history`, saved in a SQLite file under ``tmp_path``."""
    store = open_store(tmp_path)
    small_history(store)
    yield store.frames()
    store.close()

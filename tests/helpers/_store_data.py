"""A store holding every kind of record with every field set, for the store's tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from infoview.models import (
    Action,
    Affiliation,
    CalendarEvent,
    Insight,
    MailMessage,
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
from infoview.store.erase import delete_person

T0 = datetime(2024, 3, 12, 9, 30, 15, 123456, tzinfo=UTC)
TARGET = "Alice Wonderly"


def fill_everything(store: Store) -> dict[str, int]:
    """Three people (Alice the target, Bob who referred her, Carol she referred) and every
    record type around them; returns the ids by role."""
    alice = store.add(Person(
        name=TARGET, title="=Staff Engineer", organization="Acme, Inc.",
        email="alice@example.org", phone="+1 555 0100",
        profile_url="https://www.linkedin.com/in/alice-wonderly/", location="Zürich",
        how_known="referral", tags=["fintech", "-maybe"], notes="Quotes \"hello\", and more",
        keep_in_touch_days=30, keep_in_touch_max_days=45, connected_on=date(2022, 2, 28),
        created_at=T0))
    bob = store.add(Person(name="Bob Brown", how_known="friend",
                                  notes=f"Knows {TARGET} from school"))
    carol = store.add(Person(name="Carol Chen", organization="@Handle Co"))
    gone = store.add(Person(name="Temp"))
    delete_person(store, gone.id)  # leaves a gap in the ids, which must survive export/import
    org = store.add(Organization(name="Acme, Inc.", website="https://acme.test",
                                 industry="Payments", location="Remote", motivation=5,
                                 postings=3, notes="LAMP top 5", created_at=T0))
    meet_a = store.add(Meeting(person_id=alice.id, starts_at=T0, timezone="Europe/Zurich",
                                       format="in_person", place="Café Ünter", planned_minutes=30,
                                       status="held", role="Data engineer", industry="Payments",
                                       rapport=4, notes="Good chat"))
    meet_b = store.add(Meeting(person_id=bob.id, starts_at=T0 - timedelta(days=7),
                                       notes=f"Bob suggested {TARGET.upper()} at Acme"))
    store.add_many([
        ResearchSnapshot(kind="person", source_url="https://www.linkedin.com/in/alice-wonderly",
                         data={"name": TARGET, "links": {}}, fetched_at=T0),
        ResearchSnapshot(kind="person", source_url="https://alice.example/about",
                         data={"name": TARGET}, fetched_at=T0, person_id=alice.id),
        ResearchSnapshot(kind="company", source_url="https://acme.test/team",
                         data={"name": "Acme", "people": [{"name": TARGET, "title": "Staff"}],
                               "founded": None, "n": 3.5},
                         fetched_at=T0, organization_id=org.id),
        Outreach(person_id=alice.id, channel="linkedin", kind="request", sent_at=T0,
                 replied_at=T0 + timedelta(hours=5), subject="Hello", body="Dear Alice",
                 notes="first"),
        Outreach(person_id=bob.id, subject="Thanks", body="Thank you"),
        QuestionAsked(meeting_id=meet_a.id, text="What surprised you?", question_id="q-7",
                      category="career", position=1, answer_notes="-the pace", usefulness=5),
        QuestionAsked(meeting_id=meet_b.id, text="Who else should I talk to?"),
        Referral(from_person_id=bob.id, to_person_id=alice.id, meeting_id=meet_b.id,
                 may_mention="yes", contact_by="host", notes="warm intro", created_at=T0),
        Referral(from_person_id=alice.id, to_person_id=carol.id, meeting_id=meet_a.id),
        Action(what="Send thanks", kind="thank_you", owner="user", due=T0,
               done_at=T0 + timedelta(days=1), meeting_id=meet_a.id, person_id=alice.id,
               created_at=T0),
        Action(what="Tell Bob how it went", kind="tell_referrer", person_id=bob.id,
               meeting_id=meet_a.id),
        Action(what="Update CV"),
        Outcome(kind="interview", date=date(2024, 4, 2), person_id=alice.id,
                meeting_id=meet_a.id, organization_id=org.id, notes="onsite"),
        Outcome(kind="lead", date=date(2024, 4, 3), organization_id=org.id),
        Insight(meeting_id=meet_a.id, text="Team values SQL", tags=["skill", "company"]),
        Insight(meeting_id=meet_b.id, text="Fintech is hiring", tags=["industry"]),
        Affiliation(person_id=alice.id, organization="Old Co", kind="work", status="past",
                    title="Analyst", started_on=date(2018, 1, 1), finished_on=date(2020, 6, 1),
                    source="linkedin", source_url="https://www.linkedin.com/in/alice-wonderly",
                    notes="before Acme", created_at=T0),
        MailMessage(person_id=alice.id, message_key="0f" * 32, direction="received",
                    sent_at=T0 + timedelta(hours=5), subject="Re: Hello", outreach_id=1,
                    created_at=T0),
        CalendarEvent(person_id=alice.id, event_key="1e" * 32, meeting_id=meet_a.id,
                      starts_at=T0, summary="Coffee with Alice", effect="updated",
                      created_at=T0),
    ])
    store.save_profile(UserProfile(name="Me Myself", email="me@example.org", phone="123",
                                   profile_url="https://me.example", headline="Analyst",
                                   background="Stats", strengths="SQL", exploring="Data eng",
                                   schools=["Uni A"], employers=["Old Co"], places=["Lyon"],
                                   interests=["maps", "=cmd"], timezone="Europe/Paris"))
    return {"alice": alice.id, "bob": bob.id, "carol": carol.id, "org": org.id,
            "meeting_alice": meet_a.id, "meeting_bob": meet_b.id}

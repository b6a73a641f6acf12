"""Records shared by the prep tests: a meeting with Samira Okafor of the fictional Kestrel
Health Labs, the research about them, the user's profile and a 20-minute question plan.

Functions (not module constants) so that each test gets fresh, mutable records.
"""

from __future__ import annotations

from datetime import UTC, datetime

from infoview.models import Meeting, Person, UserProfile
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.research.models import CompanyProfile, Fact, NewsItem, PersonMention, PersonProfile

SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned'</script>"


def company(description: str | None = None) -> CompanyProfile:
    team = "https://kestrel.example/team.html"
    return CompanyProfile(
        url="https://kestrel.example/",
        name="Kestrel Health Labs",
        description=description or "Kestrel Health Labs builds patient-scheduling and "
        "remote-monitoring software for clinics.",
        location="Bristol, UK", founded="2015", industry="Digital health",
        people=[PersonMention("Imogen Hartley", "Chief Executive Officer", team),
                PersonMention("Dev Raman", "Chief Technology Officer", team),
                PersonMention("Aisling Byrne", "Head of Clinical Safety", team),
                PersonMention("Tomasz Wójcik", "VP Engineering", team),
                PersonMention("Samira Okafor", "Senior UX Researcher", team)],
        news=[NewsItem("We are now a certified B Corporation", "2025-03-14", "https://kestrel.example/news/b-corp.html"),
              NewsItem("Kestrel Book 3.0 adds a cancellation waiting list", "2024-11-05", "https://kestrel.example/news/book-3.html"),
              NewsItem("Kestrel Watch joins the NHS remote monitoring framework", "2025-09-18", "https://kestrel.example/news/nhs.html"),
              NewsItem("An undated post", None, "https://kestrel.example/news/undated.html"),
              NewsItem("Kestrel raises £6m for remote monitoring", "2025-06-02", "https://kestrel.example/news/series-a.html")],
        facts=[Fact("Staff volunteer with Code Club Bristol on Fridays.", "https://kestrel.example/about.html")],
        pages={"about": "https://kestrel.example/about.html", "team": team},
    )


def person_research() -> PersonProfile:
    return PersonProfile(
        url="https://kestrel.example/team/samira-okafor.html", name="Samira Okafor",
        title="Senior UX Researcher", organization="Kestrel Health Labs", location="Bristol, UK",
        bio="Samira leads user research with patients and nurses. She studied psychology at "
            "the University of Bristol and spent six years in NHS service design.")


def person(**changes) -> Person:
    values = dict(name="Samira Okafor", title="Senior UX Researcher", organization="Kestrel Health Labs",
                  email="samira@kestrel.example", phone="+44 117 496 0123",
                  profile_url="https://www.linkedin.com/in/samira-okafor-example", how_known="referral", id=3)
    values.update(changes)
    return Person(**values)


def profile() -> UserProfile:
    return UserProfile(
        name="Alex Morgan", email="alex@example.org", profile_url="https://www.linkedin.com/in/alex-morgan-example",
        background="I studied psychology at the University of Bristol and spent three years "
                   "running customer research for a retail bank",
        strengths="interviewing people, turning messy notes into clear findings, and statistics",
        exploring="user research roles in digital health",
        schools=["University of Bristol"], employers=["NHS"], places=["Bristol", "Leeds"],
        interests=["code club", "sailing"], timezone="Europe/London")


def plan(minutes: int = 20) -> QuestionPlan:
    items = [
        PlanItem("path-1", "path", "How did you come to user research at Kestrel Health Labs?", 3, "core"),
        PlanItem("role-1", "role",
                 "What does a typical week look like for a senior UX researcher?", 3, "core"),
        PlanItem("workplace-1", "workplace",
                 "How do research findings reach the product roadmap?", 2, "core"),
        PlanItem("industry-1", "industry",
                 "Which changes in digital health matter most to your team?", 3, "core"),
        PlanItem("advice-1", "advice", "What would you do next in my position?", 3, "core"),
        PlanItem("closing-1", "closing", "Who else would you suggest I talk to?", 1, "closing pair"),
        PlanItem("closing-2", "closing", "May I mention your name when I contact them?", 0.5, "closing pair"),
    ]
    return QuestionPlan(items=items, meeting_minutes=minutes, overhead_minutes=4.0)


def meeting(**changes) -> Meeting:
    values = dict(person_id=3, starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
                  timezone="Europe/London", format="video", place="https://meet.example.org/kestrel-abc",
                  planned_minutes=20, status="scheduled", role="UX research", industry="digital health", id=7)
    values.update(changes)
    return Meeting(**values)


NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def brief(**changes):
    """The default brief of the tests (keyword arguments override build_brief's)."""
    from infoview.prep.brief import build_brief

    values = dict(person=person(), company=company(), person_research=person_research(), plan=plan(),
                  meeting=meeting(), profile=profile(), reason="Her talk on remote usability testing "
                  "at UX Bristol", referred_by="Tom Reyes", now=NOW)
    values.update(changes)
    return build_brief(**values)

"""A small company research result shared by the question tests (bank, lint, select, CLI),
and the three-question plan the meeting and debrief widget tests hold a meeting with."""

from __future__ import annotations

from infoview.questions.models import PlanItem, QuestionPlan
from infoview.research.models import CompanyProfile, Fact, PersonMention

KESTREL = CompanyProfile(
    url="https://kestrel.example/",
    name="Kestrel Health Labs",
    description="Kestrel Health Labs builds patient-scheduling software for clinics. "
                "It was started by two nurses.",
    industry="health technology",
    founded="2014",
    location="Leeds, United Kingdom",
    people=[PersonMention("Ada Byrne", "Chief Executive Officer", "https://kestrel.example/team"),
            PersonMention("Tom Reyes", "Support engineer", "https://kestrel.example/team")],
    facts=[Fact("About 120 people work at Kestrel across two offices.", "https://kestrel.example/about"),
           Fact("Our booking app is used by 900 clinics.", "https://kestrel.example/products")],
    pages={"about": "https://kestrel.example/about"},
)


#: A twenty-minute plan of three questions (two top ones and the closing one).
THREE_QUESTIONS = QuestionPlan(items=[
    PlanItem("path-01", "path", "How did you end up working as a UX researcher?", 3, "top"),
    PlanItem("role-01", "role", "What does a typical week look like for you?", 3, "top"),
    PlanItem("closing-01", "closing", "Who else would you suggest I talk to?", 1, "always"),
], meeting_minutes=20, overhead_minutes=4)

"""A small company research result shared by the question tests (bank, lint, select, CLI)."""

from __future__ import annotations

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

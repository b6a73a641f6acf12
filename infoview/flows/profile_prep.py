"""What About me says that Prepare can start from: who the user is (the audience of the
questions) and the role they are curious about.

Lena wrote under About me that she is a nurse exploring product roles, yet Prepare said
"You are a: anyone" with an empty role. :func:`prep_defaults` reads the profile's own
words; it guesses nothing it cannot find there (no role when what she explores names none).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from infoview.models import UserProfile

_STUDENT = re.compile(r"\b(student|studying|undergraduate|graduat(e|ing)|my degree|"
                      r"university|college)\b", re.IGNORECASE)
_CHANGER = re.compile(r"\b(chang(e|ing) (careers?|fields?)|career chang(e|er|ing)|"
                      r"switch(ing)? (careers?|fields?|to|into)|mov(e|ing) into|"
                      r"transition(ing)?( into| to)?|pivot(ing)?|new field)\b", re.IGNORECASE)
_SEEKER = re.compile(r"\b(job ?seeker|job search|looking for (a|my next) (job|role|position)|"
                     r"between jobs|laid off|unemployed|out of work)\b", re.IGNORECASE)
#: Where the work named ends in "product roles in health tech".
_BEFORE = re.compile(r"\s+(?:in|at|for|within|around|across|with)\s+.*$", re.IGNORECASE)
_GENERIC = re.compile(r"\s+(roles?|jobs?|positions?|work|careers?|paths?)$", re.IGNORECASE)
_LEAD = re.compile(r"^(a|an|the|some|moving into|working in|a career in)\s+", re.IGNORECASE)
#: A field named as the work, and the person who does it.
_WHO_DOES: dict[str, str] = {
    "product": "product manager", "product management": "product manager",
    "user research": "user researcher", "ux research": "UX researcher",
    "ux": "UX designer", "ux design": "UX designer", "design": "designer",
    "product design": "product designer", "data science": "data scientist",
    "data analysis": "data analyst", "data engineering": "data engineer",
    "software engineering": "software engineer", "engineering": "engineer",
    "marketing": "marketer", "project management": "project manager",
    "consulting": "consultant", "research": "researcher",
}
#: Endings of words naming a person doing a job ("researcher", "analyst", "manager").
_PERSON = re.compile(r"(er|or|ist|ian|ant|ent|lead|owner|officer|nurse|coach)$", re.IGNORECASE)


class PrepDefaults(NamedTuple):
    """What Prepare starts from: ``audience`` (one of the question audiences) and ``role``;
    ``None`` where About me does not say."""

    audience: str | None
    role: str | None


def prep_defaults(profile: UserProfile) -> PrepDefaults:
    """The audience and the role About me says, for a new plan on Prepare."""
    about = " ".join(filter(None, (profile.headline, profile.background, profile.exploring)))
    return PrepDefaults(_audience(about, profile), role_from_exploring(profile.exploring))


def _audience(about: str, profile: UserProfile) -> str | None:
    if _SEEKER.search(about):
        return "job_seeker"
    if _STUDENT.search(" ".join(filter(None, (profile.headline, profile.background)))):
        return "student"
    if _CHANGER.search(about):
        return "career_changer"
    # Working in one field and exploring another: "a nurse", exploring product roles.
    if profile.background and profile.exploring and not _overlaps(profile.background,
                                                                  profile.exploring):
        return "career_changer"
    return None


def _overlaps(one: str, other: str) -> bool:
    words = {w for w in re.findall(r"[a-z]{4,}", one.lower())}
    return bool(words & set(re.findall(r"[a-z]{4,}", other.lower())))


def role_from_exploring(exploring: str | None) -> str | None:
    """The role named in what the user explores ("product roles in health tech" ->
    "product manager", "UX researcher jobs" -> "UX researcher"); ``None`` when it names
    none (``"something else"``)."""
    text = " ".join((exploring or "").split()).strip(" .,;")
    text = _LEAD.sub("", _BEFORE.sub("", text))
    text = _GENERIC.sub("", text).strip()
    if not text or len(text.split()) > 4:
        return None
    if text.lower() in _WHO_DOES:
        return _WHO_DOES[text.lower()]
    return text if _PERSON.search(text.split()[-1]) else None

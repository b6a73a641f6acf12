"""The brief, built from the store or from pages researched now.

:func:`brief_from_store` is what ``infoview prep --meeting|--person`` and a script use;
:func:`brief_from_urls` is ``infoview prep --company-url``. Both end in the pure
:func:`infoview.prep.brief.build_brief`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from infoview.errors import BadInput
from infoview.flows.meetings import asked_before
from infoview.flows.question_history import question_history
from infoview.flows.research import load_research
from infoview.models import Meeting, Person, Referral, UserProfile
from infoview.prep.brief import Brief, build_brief
from infoview.questions.learn import QuestionHistory
from infoview.questions.select import select_questions
from infoview.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


def referrer_of(store: Store, person: Person) -> Person | None:
    """Who introduced the user to ``person`` (the latest referral to them), if anyone."""
    referrals = store.list(Referral, to_person_id=person.id)
    return store.get(Person, referrals[-1].from_person_id) if referrals else None


def brief_from_store(store: Store, *, meeting_id: int | None = None,
                     person_id: int | None = None, minutes: int | None = None,
                     role: str | None = None, industry: str | None = None,
                     audience: str = "anyone", reason: str | None = None,
                     now: datetime | None = None, use_history: bool = True) -> Brief:
    """Build the brief for a stored meeting (or a person's next meeting) from the store.

    Loads the person, the latest research snapshots, the user's profile, who referred
    them, and the questions already asked of them in earlier held meetings (which the new
    plan leaves out), then selects questions and calls :func:`build_brief`.

    Args:
        meeting_id: the meeting; or ``person_id`` to use that person's latest meeting that
            is not held or cancelled (or none, if there is no such meeting).
        minutes: meeting length; defaults to the meeting's planned minutes, else 20.
        role, industry: for the question plan; default to the meeting's, then to what the
            person record and research say.
        use_history: let the plan learn from the user's debriefs (see
            :func:`infoview.flows.question_history.question_history`).

    Raises:
        BadInput: neither or both of ``meeting_id`` and ``person_id`` given.
        NotFound: no such meeting or person.
    """
    meeting: Meeting | None
    if meeting_id is not None and person_id is None:
        meeting = store.get(Meeting, meeting_id)
        person = store.get(Person, meeting.person_id)
    elif person_id is not None and meeting_id is None:
        person = store.get(Person, person_id)
        upcoming = [m for m in store.list(Meeting, person_id=person.id)
                    if m.status in ("requested", "scheduled")]
        meeting = upcoming[-1] if upcoming else None
    else:
        raise BadInput("give either a meeting id or a person id")
    company, person_research = load_research(store, person)
    # 0 is a length like any other (and refused as one), not "use the default"
    if minutes is None:
        minutes = getattr(meeting, "planned_minutes", None) or 20
    role = role or getattr(meeting, "role", None) or person.title
    industry = industry or getattr(meeting, "industry", None) or getattr(company, "industry", None)
    plan = select_questions(role=role, industry=industry, company=person.organization,
                            person=person.name, audience=audience, minutes=minutes,
                            research=company,
                            asked=asked_before(store, person.saved_id,
                                               except_meeting=getattr(meeting, "id", None)),
                            history=question_history(store) if use_history else None,
                            host_title=person.title)
    return build_brief(person=person, company=company, person_research=person_research,
                       plan=plan, meeting=meeting, profile=store.get_profile(), reason=reason,
                       referred_by=referrer_of(store, person), now=now)


@dataclass
class UrlBriefOptions:
    """What ``infoview prep --company-url`` takes.

    Attributes:
        company_url: the company's home page, researched now.
        person_url: a public page about the person, researched now (optional).
        name: the person's name, when no page says it.
        role, industry, audience, minutes, reason: as for :func:`brief_from_store`.
        refresh: fetch again rather than read the HTTP cache.
        history: the user's debriefs for the plan to learn from, or ``None``.
    """

    company_url: str
    person_url: str | None = None
    name: str | None = None
    role: str | None = None
    industry: str | None = None
    audience: str = "anyone"
    minutes: int | None = None
    reason: str | None = None
    refresh: bool = False
    history: QuestionHistory | None = None


def brief_from_urls(options: UrlBriefOptions, *, settings: Settings | None = None,
                    profile: UserProfile | None = None) -> Brief:
    """Research a company (and a person) now, plan the questions and build the brief.

    Args:
        options: the pages and the plan's settings.
        settings: research settings (politeness, cache).
        profile: the user's profile (common ground, the pitch); ``None`` for an empty one.
    """
    # Research loads lxml and the extractors: only when a brief is built from pages.
    from infoview.research.company import research_company
    from infoview.research.fetch import Fetcher
    from infoview.research.person import research_person

    # One fetcher for both pages: one per-host gate, so a person's page on the company's
    # site waits the politeness delay after the company's last request, like any other.
    with Fetcher(settings) as fetcher:
        company = research_company(options.company_url, fetcher=fetcher, refresh=options.refresh)
        person_research = (research_person(options.person_url, fetcher=fetcher,
                                           refresh=options.refresh)
                           if options.person_url else None)
    name = options.name or getattr(person_research, "name", None) or "[their name]"
    person = Person(name=name, organization=company.name,
                    title=getattr(person_research, "title", None))
    role = options.role or person.title
    plan = select_questions(role=role, industry=options.industry or company.industry,
                            company=company.name, person=name, audience=options.audience,
                            minutes=20 if options.minutes is None else options.minutes,
                            research=company, history=options.history,
                            host_title=person.title)
    return build_brief(person=person, company=company, person_research=person_research,
                       plan=plan, profile=profile or UserProfile(), reason=options.reason)

"""The prep brief: everything the user needs on one page before an informational interview.

:func:`build_brief` is pure: it takes records (the person, research results, a question
plan, the meeting, the user's profile) and returns a :class:`Brief`, which the renderers in
:mod:`infoview.prep.render` turn into Markdown, HTML, PDF or a calendar event.
:func:`infoview.flows.prep.brief_from_store` gathers those records from the store first.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from infoview.errors import BadInput
from infoview.models import HOW_KNOWN_WORDS
from infoview.prep.ground import CommonGround, Gap, find_common_ground, find_gaps, research_sources
from infoview.prep.outreach import PROFILE_PLACEHOLDERS
from infoview.prep.outreach import pitch as pitch_draft
from infoview.questions.bank import _article
from infoview.questions.models import MEETING_OVERHEAD
from infoview.text import mid_sentence
from infoview.times import day_words, user_tz, zone_label
from infoview.times import zone as _zone
from infoview.times import zone_name as _iana

if TYPE_CHECKING:  # pragma: no cover
    from infoview.models import Meeting, Person, UserProfile
    from infoview.questions.models import QuestionPlan
    from infoview.research.models import CompanyProfile, PersonProfile

log = logging.getLogger(__name__)

#: Asked at the end of every meeting when the plan does not already hold them.
CLOSING_PAIR: tuple[str, str] = (
    "Is there anyone else you think I should speak with?",
    "Would it be all right to mention your name when I get in touch with them?",
)

#: The introduction in a brief whose About me is empty: a line to write it on by hand (and
#: in place of each part a partly filled About me lacks).
WRITE_ON = "_" * 40
#: What matters on the day, in the order it matters.
REMINDERS: tuple[str, ...] = (
    "Arrive (or join the call) five minutes early.",
    "Take written notes; ask before recording anything.",
    "Keep time yourself and finish when you said you would, unless they offer more.",
    "Do not hand over a CV unless they ask for one.",
    "Send a thank-you note today or tomorrow.",
)

_NEWS_ITEMS = 3
_LEADERS = 4
_FORMAT_NAMES = {"phone": "Phone call", "video": "Video call", "in_person": "In person"}


@dataclass
class Who:
    """The person the user is meeting, and how the user came to them."""

    name: str
    title: str | None = None
    organization: str | None = None
    profile_url: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    how_known: str | None = None
    referred_by: str | None = None

    @property
    def named(self) -> bool:
        """Whether the name is known (not the placeholder "[their name]")."""
        return bool(self.name.strip()) and not self.name.lstrip().startswith("[")

    @property
    def first_name(self) -> str:
        """The first word of the name, for greetings (a placeholder stays whole)."""
        return self.name.split()[0] if self.named else self.name


@dataclass
class CompanyBrief:
    """The company in a few lines, each fact as research found it."""

    name: str | None
    url: str | None
    what: str | None
    location: str | None
    founded: str | None
    industry: str | None
    leadership: list[dict[str, Any]] = field(default_factory=list)
    news: list[dict[str, Any]] = field(default_factory=list)
    #: Facts from the reports the site links: ``{"text", "source", "url"}``, source being
    #: "Annual report 2024, p. 3" and url the PDF opened at that page.
    documents: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AgendaItem:
    """One step of the meeting.

    Attributes:
        start: minutes from the start of the meeting.
        minutes: planned length.
        label: short name (``Greeting``, ``Question 3``...).
        text: what to say or ask.
        kind: ``fixed``, ``question`` or ``closing``.
        clock: the wall-clock time of ``start`` (``HH:MM``) when the meeting time is known.
    """

    start: float
    minutes: float
    label: str
    text: str
    kind: str = "fixed"
    clock: str | None = None

    @property
    def mark(self) -> str:
        """The minute mark, e.g. ``0:00`` or ``12:30``."""
        seconds = round(self.start * 60)
        return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass
class Logistics:
    """When, where and how the meeting happens."""

    starts_at: datetime | None
    ends_at: datetime | None
    timezone: str | None
    when: str
    format: str
    place: str | None
    link: str | None
    minutes: int
    host_email: str | None = None
    host_phone: str | None = None


@dataclass
class Brief:
    """Everything on one page before the meeting. Build it with :func:`build_brief`."""

    who: Who
    reason: str | None
    common_ground: list[CommonGround]
    company: CompanyBrief | None
    gaps: list[Gap]
    plan: QuestionPlan
    agenda: list[AgendaItem]
    logistics: Logistics
    reminders: list[str]
    pitch: str
    generated_at: datetime
    meeting_id: int | None = None
    person_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    #: Reminders for the app's page (fill in About me), never printed or exported.
    page_notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The brief's heading."""
        org = f" ({self.who.organization})" if self.who.organization else ""
        return f"Informational interview with {self.who.name}{org}"

    def question_label(self, text: str) -> str:
        """The agenda label ("Question 3") of a planned question's text, for cross-references."""
        return next((item.label for item in self.agenda if item.text == text), "a planned question")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (datetimes stay datetimes; ``print_json`` turns them into text)."""
        data = asdict(self)
        data["title"] = self.title
        data["plan"] = self.plan.to_list() if hasattr(self.plan, "to_list") else data["plan"]
        for item, agenda in zip(data["agenda"], self.agenda, strict=True):
            item["mark"] = agenda.mark
        return data


def _zone_name(meeting, profile) -> str | None:
    """The IANA name of the meeting's zone (a city kept as typed before it was read as
    one, "Berlin", is written out as Europe/Berlin: calendar programs know only those)."""
    if meeting is not None and meeting.timezone:
        return _iana(meeting.timezone)
    start = getattr(meeting, "starts_at", None)
    key = getattr(getattr(start, "tzinfo", None), "key", None)
    return key or _iana(getattr(profile, "timezone", None))


def _logistics(meeting, person, profile, minutes: int) -> Logistics:
    fmt = getattr(meeting, "format", None) or "video"
    place = getattr(meeting, "place", None)
    link = place if place and place.startswith(("http://", "https://")) else None
    zone_name = _zone_name(meeting, profile)
    start = getattr(meeting, "starts_at", None)
    end = None
    when = "Not yet agreed"
    if start is not None:
        if start.tzinfo is None:
            raise BadInput("the meeting's start time has no time zone: store it with one "
                           "(e.g. 2026-12-01T10:00+00:00) or set the meeting's timezone")
        zone = _zone(zone_name)
        if zone is not None:
            start = start.astimezone(zone)
        end = start + timedelta(minutes=minutes)
        when = _when_words(start, minutes, zone_name, user_tz(getattr(profile, "timezone", None)))
    return Logistics(
        starts_at=start, ends_at=end, timezone=zone_name, when=when,
        format=_FORMAT_NAMES.get(fmt, fmt), place=None if link else place, link=link,
        minutes=minutes, host_email=person.email, host_phone=person.phone,
    )


def _when_words(start: datetime, minutes: int, zone_name: str | None, mine: tzinfo) -> str:
    """When the meeting is, for its brief (read by the user), days in day_words as on
    every page: its own zone's day and
    times, or, when the user's clock (``mine``: About me's zone, else the computer's) says
    another time, theirs first ("your time"), then the meeting's own ("for them"), the one
    the host speaks of; the day is said again when the two clocks are on different days."""
    end = start + timedelta(minutes=minutes)
    # The zone's name, else its offset from UTC, unless the abbreviation said it ("UTC
    # (UTC offset +0000)" said one thing twice).
    plain = start.tzname() in ("UTC", "GMT") and not zone_name
    own = (f"{start:%H:%M}-{end:%H:%M} {start.tzname() or ''}"
           + ("" if plain else f" ({zone_name or 'UTC offset ' + start.strftime('%z')})"))
    here = start.astimezone(mine)
    if here.utcoffset() == start.utcoffset():
        return " ".join(f"{day_words(start)}, {own}".split())
    there = end.astimezone(mine)
    day = f"{day_words(start, year=False)}, " if start.date() != here.date() else ""
    return " ".join((f"{day_words(here)}, {here:%H:%M}-{there:%H:%M} "
                     f"{here.tzname() or ''} ({zone_label(mine, here)}, your time); "
                     f"for them {day}{own}").split())


def _interest(meeting, profile) -> str:
    """What the meeting is about, as it reads after "advice about": "working as a UX
    researcher in health tech", "product roles", "working in digital health" (typed
    capitals kept only where they are names: "AI", "UX", "NHS")."""
    role, industry = getattr(meeting, "role", None), getattr(meeting, "industry", None)
    role = re.sub(r"^(a|an)\s+", "", " ".join((role or "").split()), flags=re.IGNORECASE) or None
    role = mid_sentence(role) if role else None  # "advice about working as a product manager"
    industry = mid_sentence(" ".join(industry.split())) if industry else None
    if role and not role.lower().endswith(("role", "roles")):
        # A job title reads as work someone does: "working as a UX researcher".
        role = f"working as {_article(role, capital=False)} {role}"
    if role and industry:
        return f"{role} in {industry}"
    if role or industry:
        return role or f"working in {industry}"
    return getattr(profile, "exploring", None) or "this field"


def _agenda(plan, who: Who, interest: str, pitch: str, start: datetime | None) -> list[AgendaItem]:
    """Lay the fixed parts and the planned questions end to end, with minute marks.

    The fixed parts take the minutes of :data:`~infoview.questions.models.MEETING_OVERHEAD`,
    scaled to the plan's ``overhead_minutes`` when a plan was made with another overhead.
    """
    total_fixed = sum(part.minutes for part in MEETING_OVERHEAD)
    overhead = getattr(plan, "overhead_minutes", None) or total_fixed
    fixed = {part.key: part.minutes * overhead / total_fixed for part in MEETING_OVERHEAD}
    questions = [i for i in plan.items if i.category != "closing"]
    closing = [i for i in plan.items if i.category == "closing"]
    end_clock = (start + timedelta(minutes=plan.meeting_minutes)).strftime("%H:%M") if start else None
    finish = f"by {end_clock}" if end_clock else f"within {plan.meeting_minutes} minutes"
    steps: list[tuple[float, str, str, str]] = [
        (fixed["greeting"], "Greeting", f"Greet {who.first_name} and thank them for their time; "
         f"say you will finish {finish}.", "fixed"),
        (fixed["purpose"], "Purpose", f"You are here for information and advice about {interest}, "
         "not to ask for a job. Say you have a few questions.", "fixed"),
    ]
    steps += [(q.minutes, f"Question {n}", q.text, "question") for n, q in enumerate(questions, 1)]
    steps.append((fixed["self_introduction"], "About you",
                  f"If asked, your 30-second introduction: {pitch or WRITE_ON}", "fixed"))
    if closing:
        steps += [(q.minutes, "Closing", q.text, "closing") for q in closing]
    else:
        steps += [(0.5, "Closing", text, "closing") for text in CLOSING_PAIR]
    steps.append((fixed["wrap_up"], "Wrap-up", f"Thank them, repeat any promise you made, "
                  f"and end {finish}.", "fixed"))
    agenda, at = [], 0.0
    for minutes, label, text, kind in steps:
        clock = (start + timedelta(minutes=at)).strftime("%H:%M") if start else None
        agenda.append(AgendaItem(start=at, minutes=minutes, label=label, text=text,
                                 kind=kind, clock=clock))
        at += minutes
    return agenda


def _company_brief(company) -> CompanyBrief | None:
    if company is None:
        return None
    dated = sorted((n for n in company.news if n.date), key=lambda n: n.date, reverse=True)
    news = (dated + [n for n in company.news if not n.date])[:_NEWS_ITEMS]
    return CompanyBrief(
        name=company.name, url=company.url, what=company.description or company.summary,
        location=company.location, founded=company.founded, industry=company.industry,
        leadership=[{"name": p.name, "title": p.title, "source_url": p.source_url}
                    for p in company.staff()[:_LEADERS]],
        news=[{"title": n.title, "date": n.date, "url": n.url} for n in news],
        documents=_document_facts(company),
    )


#: Kinds of report facts the brief shows, in this order, and how many in all.
_DOCUMENT_KINDS = ("headcount", "revenue", "funding", "priorities", "markets")
_DOCUMENT_FACTS = 5


def _document_facts(company) -> list[dict[str, Any]]:
    """One fact of each kind from the reports research read, cited with document and page."""
    rows = []
    for kind in _DOCUMENT_KINDS:
        for document in getattr(company, "documents", None) or []:
            prose_first = sorted(document.facts, key=lambda f: "(from a table" in f.text)
            fact = next((f for f in prose_first if f.kind == kind), None)
            if fact is not None:
                rows.append({"text": fact.text, "source": f"{document.label()}, p. {fact.page}",
                             "url": document.page_url(fact.page)})
                break
    return rows[:_DOCUMENT_FACTS]


#: The parts of the profile the introduction in the agenda is made of, in plain words.
_PITCH_PARTS = (("name", "your name"), ("background", "your background"),
                ("strengths", "your strengths"), ("exploring", "what you are exploring"))


def _pitch(profile) -> str:
    """The introduction for the agenda, with a line to write on where About me lacks a part:
    a printed brief holds no "[your background]" (the page's note says what to fill in)."""
    body = pitch_draft(profile).body
    for mark in PROFILE_PLACEHOLDERS:
        body = body.replace(mark, WRITE_ON)
    return body


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _name_of(referrer) -> str | None:
    if referrer is None:
        return None
    return referrer if isinstance(referrer, str) else getattr(referrer, "name", None)


def build_brief(*, person: Person, company: CompanyProfile | None = None,
                person_research: PersonProfile | None = None, plan: QuestionPlan,
                meeting: Meeting | None = None, profile: UserProfile | None = None,
                reason: str | None = None, referred_by: Person | str | None = None,
                now: datetime | None = None) -> Brief:
    """Assemble the brief for one meeting.

    Args:
        person: the :class:`~infoview.models.Person` being met.
        company: their organisation's :class:`~infoview.research.models.CompanyProfile`.
        person_research: their :class:`~infoview.research.models.PersonProfile`.
        plan: the :class:`~infoview.questions.models.QuestionPlan` for the meeting.
        meeting: the :class:`~infoview.models.Meeting` (time, format, place), if agreed.
        profile: the user's :class:`~infoview.models.UserProfile` (common ground, pitch).
        reason: the user's own words on why this person.
        referred_by: who suggested them (a ``Person`` or a name).
        now: when the brief is made (defaults to the current time); it is shown in the
            user's zone (``profile.timezone``, else the computer's).

    Returns:
        The :class:`Brief`. Missing research makes gaps, never an error.
    """
    # "Prepared 14:26" on the user's clock (About me's zone), not UTC's or the server's.
    now = (now or datetime.now(UTC)).astimezone(user_tz(getattr(profile, "timezone", None)))
    minutes = int(plan.meeting_minutes or (meeting.planned_minutes if meeting is not None else 20))
    who = Who(
        name=person.name,
        title=person.title or getattr(person_research, "title", None),
        organization=person.organization or getattr(person_research, "organization", None)
        or getattr(company, "name", None),
        profile_url=person.profile_url or getattr(person_research, "url", None),
        email=person.email, phone=person.phone,
        location=person.location or getattr(person_research, "location", None),
        how_known=HOW_KNOWN_WORDS.get(person.how_known or "", person.how_known),
        referred_by=_name_of(referred_by),
    )
    logistics = _logistics(meeting, person, profile, minutes)
    missing = [label for name, label in _PITCH_PARTS
               if not getattr(profile, name, None)] if profile is not None else []
    empty = profile is None or len(missing) == len(_PITCH_PARTS)
    # A printed brief never tells its reader to use the app: with nothing in About me the
    # introduction is a line to write on, and the reminder is a note for the page only.
    pitch = "" if empty else _pitch(profile)
    # The agenda's clock times are the user's, as the brief's "when" says first.
    agenda = _agenda(plan, who, _interest(meeting, profile), pitch, logistics.starts_at
                     and logistics.starts_at.astimezone(now.tzinfo))
    warnings: list[str] = []
    page_notes: list[str] = []
    if empty:
        page_notes.append("Fill in About me (your background, your strengths, what you are "
                          "exploring) to get your introduction in the agenda; until then a "
                          "printed brief leaves a line to write it on.")
    elif missing:
        page_notes.append(f"About me lacks {_and(missing)}: your introduction in the agenda "
                          "needs it; fill it in on About me. Until then a printed brief "
                          "leaves a line to write it on.")
    planned = agenda[-1].start + agenda[-1].minutes
    if planned > minutes + 0.01:
        warnings.append(f"The agenda takes {planned:g} minutes but the meeting has {minutes}: "
                        "drop a question or ask for more time.")
    ground = find_common_ground(profile, research_sources(person, person_research, company))
    return Brief(
        who=who, reason=reason, common_ground=ground, company=_company_brief(company),
        gaps=find_gaps(company, person_research, plan, title=who.title), plan=plan, agenda=agenda,
        logistics=logistics, reminders=list(REMINDERS), pitch=pitch, generated_at=now,
        meeting_id=getattr(meeting, "id", None), person_id=person.id, warnings=warnings,
        page_notes=page_notes,
    )

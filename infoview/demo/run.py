"""The whole flow, offline, on the bundled sample, and the throwaway stores it fills.

:func:`run_demo` is what ``infoview demo`` runs: it serves the fictional Kestrel Health
Labs site on loopback, researches the company and Samira Okafor's team page, fills a
throwaway store with the sample history, plans a 20-minute meeting with Samira, and writes
the brief (Markdown, HTML, PDF, calendar), the emails, the outcomes report and the
company's dossier into one folder.

:func:`fill_demo_store` fills the notebooks' throwaway store (through
:func:`infoview.widgets.session.start`) and :func:`make_demo_store` the one of
``infoview app --demo``, so every face shows the same sample: the history of
:func:`infoview.demo.history.generate_sample`, and the bundled site researched and kept
with a meeting planned, as if the research and preparation steps had been used.

Nothing here reaches the internet, and nothing is ever called on a store the user chose.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from infoview.demo.history import generate_sample
from infoview.demo.site import SAMPLE_PERSON_PATH, sample_site, serve
from infoview.errors import InfoviewError
from infoview.flows.dossier import build_dossier
from infoview.flows.drafts import checks_text, save_draft
from infoview.flows.meetings import save_meeting_plan
from infoview.flows.prep import brief_from_store
from infoview.flows.profile import user_zone
from infoview.flows.question_history import question_history
from infoview.flows.research import keep_research
from infoview.models import Meeting, Person, UserProfile
from infoview.paths import default_cache_path
from infoview.prep.dossier import export_dossier
from infoview.questions.select import select_questions
from infoview.research.company import research_company
from infoview.research.fetch import Fetcher
from infoview.research.models import CompanyProfile, PersonProfile
from infoview.research.person import research_person
from infoview.settings import Settings
from infoview.store import Store
from infoview.store.exports import formats_for, write_export
from infoview.userfiles import writing

log = logging.getLogger(__name__)

def demo_profile() -> UserProfile:
    """The demo's user: a fictional teacher moving into UX research, as in the user stories."""
    return UserProfile(
        name="Maya Lindqvist", email="maya.lindqvist@example.org",
        profile_url="https://example.org/maya-lindqvist",
        headline="Secondary-school teacher moving into UX research",
        background="eight years teaching science to teenagers, running classroom studies of "
                   "how students learn",
        strengths="interviewing people, turning messy observations into clear findings, "
                  "explaining things plainly",
        exploring="UX research in health technology",
        schools=["University of Bristol"], employers=["Cotham School"], places=["Bristol"],
        interests=["accessibility", "patient experience"], timezone="Europe/London",
    )


@dataclass(frozen=True)
class DemoMeeting:
    """The meeting the demo plans with the sample person."""

    role: str = "UX researcher"
    industry: str = "health tech"
    audience: str = "career_changer"
    minutes: int = 20
    zone: str = "Europe/London"
    days_ahead: int = 7
    at: time = time(14, 0)
    place: str = "https://meet.example.org/kestrel-samira"


DEMO_MEETING = DemoMeeting()
DEMO_DB_NAME = "demo.sqlite"


@dataclass
class DemoResult:
    """What the demo wrote, and a few figures to print."""

    out: Path
    database: Path
    files: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    company: str | None = None
    person: str | None = None
    warnings: list[str] = field(default_factory=list)


def plan_sample_meeting(store: Store, company: CompanyProfile, person: PersonProfile, *,
                        today: date | None = None) -> tuple[Person, Meeting]:
    """Keep the sample research and plan the demo meeting with the sample person.

    Saves the demo profile when the store has none, the research as an organization, a
    person and snapshots, and a scheduled 20-minute video meeting a week ahead with its
    question plan. Returns ``(person record, meeting record)``.
    """
    if not store.get_profile().name:
        store.save_profile(demo_profile())
    kept = keep_research(store, company=company, person=person)
    sample = kept.person
    if sample is None or sample.id is None:
        raise InfoviewError("the sample person's page named nobody; the bundled site is damaged")
    plan_of = DEMO_MEETING
    zone = ZoneInfo(plan_of.zone)
    day = (today or datetime.now(zone).date()) + timedelta(days=plan_of.days_ahead)
    meeting = Meeting(
        person_id=sample.id, starts_at=datetime.combine(day, plan_of.at, zone),
        timezone=plan_of.zone, format="video", place=plan_of.place,
        planned_minutes=plan_of.minutes, status="scheduled",
        role=plan_of.role, industry=plan_of.industry)
    plan = select_questions(role=plan_of.role, industry=plan_of.industry,
                            company=company.name, person=sample.name,
                            audience=plan_of.audience, minutes=plan_of.minutes,
                            research=company, history=question_history(store),
                            host_title=sample.title)
    return save_meeting_plan(store, sample, meeting, plan)


def _fresh_database(out: Path) -> Path:
    """The demo's own database in ``out``, emptied: the demo never reuses old results."""
    db = out / DEMO_DB_NAME
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def _write_drafts(store: Store, person: Person, meeting: Meeting, folder: Path) -> dict[str, Path]:
    """The request, confirmation and thank-you emails, one file each, and their checks."""
    from infoview.prep import outreach

    profile = store.get_profile()
    day = meeting.starts_at.date() if meeting.starts_at else None  # the sample's has a time
    drafts = {
        "request": outreach.request(
            person, profile, reason="Your team page says you enjoy talking with people moving "
            "into health-tech research, and I am one of them",
            narrow="UX research for digital health products", broad="user research"),
        "confirmation": outreach.confirmation(person, profile, meeting),
        "thanks": outreach.thanks(
            person, profile, learned="how you run research sessions with receptionists and nurses",
            meeting_date=day, send_date=day),
    }
    written = {}
    # Each email alone in its file, ready to paste; their checks go into a file of their own.
    for kind, draft in drafts.items():
        written[f"email: {kind}"] = save_draft(draft, folder / f"{kind}.txt", store=store,
                                               person_ids=[person.id])
    checks = "\n".join(checks_text(draft, f"{kind}.txt") for kind, draft in drafts.items())
    written["email checks"] = write_export(store, folder / "checks.txt", checks, kind="draft",
                                           person_ids=[person.id])
    return written


def run_demo(out: str | Path, *, seed: int = 7, today: date | None = None) -> DemoResult:
    """Run the whole flow offline on the bundled sample and write the results into ``out``.

    Args:
        out: the folder for the results (created); its ``demo.sqlite`` is replaced.
        seed: the sample history's random seed.
        today: the last day of the sample history (default: today).

    Returns:
        A :class:`DemoResult` listing every file written.
    """
    from infoview.analytics.report import write_report
    from infoview.prep.render import export_brief

    out = Path(out).expanduser()
    with writing(out / DEMO_DB_NAME):
        out.mkdir(parents=True, exist_ok=True)
        database = _fresh_database(out)
    result = DemoResult(out=out, database=database)
    # The loopback server is ours: no politeness delay needed, and no cache to go stale.
    settings = Settings(host_delay=0.0, use_cache=False)
    with serve() as server, Fetcher(settings) as fetcher:   # one fetcher for the whole run
        company = research_company(server.url, fetcher=fetcher)
        person = research_person(server.url + SAMPLE_PERSON_PATH, fetcher=fetcher)
    result.company, result.person = company.name, person.name
    result.warnings += company.warnings + person.warnings
    with Store.open(result.database) as store:
        generate_sample(store, seed=seed, today=today)
        person_record, meeting = plan_sample_meeting(store, company, person, today=today)
        brief = brief_from_store(store, meeting_id=meeting.id, audience=DEMO_MEETING.audience)
        for fmt in formats_for("brief"):
            try:
                result.files[f"brief ({fmt})"] = export_brief(brief, out / f"brief.{fmt}", fmt,
                                                                  store=store)
            except InfoviewError as exc:  # e.g. no PDF renderer on this machine
                result.warnings.append(f"brief ({fmt}) not written: {exc}")
        result.files.update(_write_drafts(store, person_record, meeting, out / "emails"))
        result.files["outcomes report"] = write_report(store.frames(), out / "report.html",
                                                           store=store, zone=user_zone(store))
        # What was learned at the company across the sample's meetings there.
        dossier = build_dossier(store, company.name or "Kestrel Health Labs")
        for fmt in formats_for("dossier", binary=False):  # the brief already shows a PDF
            result.files[f"dossier ({fmt})"] = export_dossier(dossier, out / f"dossier.{fmt}",
                                                              fmt, store=store)
        result.counts = store.counts()
    log.info("demo written to %s", out)
    return result


def fill_demo_store(store: Store, *, history: bool = False, company_url: str = "",
                    person_url: str = "", settings: Settings | None = None,
                    seed: int = 7) -> list[str]:
    """Fill a demo store with sample data; returns a sentence per thing added.

    Args:
        store: the throwaway store.
        history: add the sample history (when the store holds no people yet, so sample
            data never mixes with real).
        company_url, person_url: the sample site's pages; when given, research them, keep
            the result, plan a meeting with the sample person and fill in a sample profile.
        settings: research settings; the sample site is served by this very process on
            loopback, so it is fetched without a politeness delay.
        seed: the seed of the sample history (the same seed gives the same history).
    """
    notes = []
    if history and not store.list(Person):
        generate_sample(store, seed=seed)
        notes.append(f"Filled with the sample history (seed {seed}).")
    if company_url:
        local = (settings or Settings()).with_(host_delay=0.0)
        with Fetcher(local) as fetcher:   # one fetcher (one robots.txt, one cache) for both
            company = research_company(company_url, fetcher=fetcher)
            person = research_person(person_url or company_url + SAMPLE_PERSON_PATH,
                                     fetcher=fetcher)
        kept, _meeting = plan_sample_meeting(store, company, person)
        notes.append(f"Filled with the sample research and a meeting planned with {kept.name}.")
    for note in notes:
        log.info("demo store %s: %s", store.path, note)
    return notes


def make_demo_store(path: str | Path) -> Path:
    """A store at ``path`` holding the sample history, the sample research and a planned
    meeting, shared by the four notebooks of ``infoview app --demo``."""
    path = Path(path)
    site = sample_site()
    with Store.open(path) as store:
        fill_demo_store(store, history=True, company_url=site.url,
                        person_url=site.url + SAMPLE_PERSON_PATH,
                        settings=Settings(cache_path=default_cache_path(path)))
    return path

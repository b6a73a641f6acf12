"""A deterministic, realistic history of informational interviews, for demos, notebooks and tests.

:func:`generate_sample` fills a store with about six months of job-search networking: some
90 people (friends, colleagues, alumni, event contacts, cold contacts, LinkedIn connections
and people referred by earlier hosts), about 150 messages, about 50 held meetings whose
debriefs go through :func:`infoview.flows.debrief.save_debrief`, referral chains up to four
introductions deep, target organizations with motivation and postings, follow-up actions
(a diligent user's: nearly all done, a couple a few days overdue, a few due in the coming
days after a meeting held the evening before) and outcomes up to an offer. Times are set
in the hosts' own time zones.

Everything random comes from one ``random.Random(seed)``; with the same ``seed`` and
``today`` the same history comes out, record for record. The notes on each answer come from
``data/sample_answers.csv`` (written for the sample: a few per bank question, a few for
answers rated poorly), drawn by a second generator seeded from ``seed``, so that they vary
without changing the rest of the history. All names are invented.
"""

from __future__ import annotations

import csv
import heapq
import logging
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from infoview.flows.debrief import (
    AnsweredQuestion,
    Debrief,
    DebriefOutcome,
    KeyInsight,
    Promise,
    SuggestedPerson,
    save_debrief,
)
from infoview.models import Action, Meeting, Organization, Outcome, Outreach, Person, Referral

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)

UTC = UTC
DAYS_OF_HISTORY = 180
MAX_PEOPLE = 84
MAX_DEPTH = 4
# A diligent user's open actions: only those due in the last RECENT_DAYS may still be open,
# at most KEPT_OVERDUE of them (besides the two of _last_fortnight's meeting nine days ago).
RECENT_DAYS = 21
KEPT_OVERDUE = 2

# name, industry, location, time zone, motivation (0-3), postings (0-3)
ORGANIZATIONS = [
    ("Kestrel Health Labs", "digital health", "Bristol", "Europe/London", 3, 2),
    ("Harbourline Energy", "renewable energy", "Aberdeen", "Europe/London", 3, 1),
    ("Meridian Civic Data", "govtech", "London", "Europe/London", 3, 3),
    ("Lumen Robotics", "robotics", "Berlin", "Europe/Berlin", 2, 2),
    ("Orchard Learning", "edtech", "Manchester", "Europe/London", 2, 3),
    ("Foxglove Biotech", "biotech", "Cambridge", "Europe/London", 2, 1),
    ("Granite Ledger", "fintech", "New York", "America/New_York", 2, 2),
    ("Pinecrest Climate", "climate nonprofit", "Toronto", "America/Toronto", 3, 0),
    ("Saltmarsh Games", "games", "Dundee", "Europe/London", 1, 2),
    ("Copperleaf Studio", "design agency", "Lisbon", "Europe/Lisbon", 1, 1),
    ("Cobalt Transit", "transport", "Singapore", "Asia/Singapore", 1, 0),
    ("Tidewater Bank", "banking", "London", "Europe/London", 0, 3),
    ("Quillon Legal Tech", "legal tech", "Edinburgh", "Europe/London", 1, 0),
    ("Bramblewood Foods", "food", "Leeds", "Europe/London", 0, 1),
]
OTHER_PLACES = [("Avonmouth University", "Europe/London"), ("Freelance", "Europe/London"),
                ("Northgate Council", "Europe/London"), ("Wrenfield Consulting", "America/New_York")]
FIRST = ["Amara", "Ben", "Chen", "Dara", "Elif", "Farid", "Greta", "Hugo", "Isla", "Jonas",
         "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sanjay", "Tessa",
         "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoë", "Aoife", "Bruno", "Carmen", "Dmitri",
         "Esme", "Femi", "Gita", "Hamish", "Ines", "Jae", "Kasia", "Luca", "Maya", "Niall"]
LAST = ["Adeyemi", "Brennan", "Castillo", "Dubois", "Eriksen", "Fraser", "Gallagher", "Haddad",
        "Ishikawa", "Jovanović", "Kowalski", "Lindqvist", "Mbeki", "Novak", "O'Connell",
        "Petrov", "Quint", "Rahman", "Sato", "Thorne", "Usman", "Varga", "Whitlock", "Yilmaz",
        "Zhang", "Achebe", "Bauer", "Costa", "Delgado", "Ferrante"]
TITLES = ["UX Researcher", "Product Manager", "Data Analyst", "Software Engineer", "Policy Advisor",
          "Clinical Data Scientist", "Service Designer", "Operations Lead", "Head of Research",
          "Recruiter", "Programme Manager", "Content Strategist", "Engineering Manager"]
# warmth: (how many seed people, chance that a request gets an answer on email)
WARMTH = {"friend": (9, 0.92), "colleague": (10, 0.85), "alumni": (14, 0.75),
          "event": (8, 0.6), "cold": (12, 0.35), "referral": (0, 0.9)}
# answer chance relative to email, and how the user reaches each warmth
CHANNEL_FACTOR = {"email": 1.0, "phone": 1.0, "linkedin": 0.45}
CHANNELS_BY_WARMTH = {"friend": ["email", "phone"], "colleague": ["email", "linkedin"],
                      "alumni": ["linkedin", "email"], "event": ["email", "linkedin"],
                      "cold": ["linkedin", "linkedin", "email"], "referral": ["email", "email", "linkedin"]}
CATEGORY_USEFULNESS = {"closing": 4.4, "advice": 4.0, "role": 3.8, "feedback": 3.6,
                       "industry": 3.4, "path": 3.2, "workplace": 3.0, "resources": 2.7}
INSIGHTS = [
    ("Most junior hires in {industry} come through referrals, not job boards.", "hiring"),
    ("A short portfolio of two real projects beats a long list of courses.", "portfolio"),
    ("The team at {org} values people who can explain data to clinicians and managers.", "skills"),
    ("Regulation shapes the roadmap in {industry}: learn the main rules before applying.", "regulation"),
    ("Contract roles are a common first step into {industry}.", "entry"),
    ("Hiring peaks in January and September; apply a month before.", "timing"),
    ("Volunteering with a community group counted as experience for the host's first role.", "entry"),
    ("Ask about the team's research process: it differs a lot between employers.", "questions"),
]
PROMISES = [("user", "Send my portfolio link"), ("host", "Forward the internal job posting"),
            ("user", "Share the article we discussed"), ("host", "Introduce me to the hiring manager"),
            ("user", "Report back after the next interview")]
FALLBACK_QUESTIONS = [(f"{c}-0{i}", c, f"A sample {c} question ({i})?")
                      for c in CATEGORY_USEFULNESS for i in (1, 2, 3)]


@dataclass(order=True)
class _Contact:
    """A person waiting to be approached, ordered by when the user gets to them."""

    when: datetime
    order: int
    person_id: int = 0
    depth: int = 0


def _answer_notes() -> dict[str, list[str]]:
    """Notes the sample's user might have taken, by question id; under a category's name,
    notes for a question with none of its own; under ``low``, notes on a poor answer."""
    from infoview.paths import data_dir

    notes: dict[str, list[str]] = {}
    try:
        with open(data_dir() / "sample_answers.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                notes.setdefault(row["question_id"], []).append(row["note"])
    except OSError:
        log.warning("sample answer notes unreadable; the sample's answers carry none")
    return notes


def _questions() -> list[tuple[str, str, str]]:
    """``(id, category, text)`` from the shipped question bank (built-in stand-ins without it)."""
    try:
        from infoview.questions.bank import fill_placeholders, load_bank
    except ImportError:
        return FALLBACK_QUESTIONS
    try:
        bank = load_bank()
    except Exception:  # a broken user bank must not break the demo
        log.warning("question bank unreadable; the sample uses stand-in questions", exc_info=True)
        return FALLBACK_QUESTIONS
    values = {"role": "UX researcher", "industry": "digital health", "profession": "UX research"}
    return [(q.id, q.category, fill_placeholders(q.text, values)) for q in bank if not q.never]


def _start(meeting: Meeting) -> datetime:
    """When a sample meeting starts: the builder books every meeting at a time."""
    if meeting.starts_at is None:
        raise ValueError(f"sample meeting {meeting.id} has no start time")
    return meeting.starts_at


class _Builder:
    """Builds the history step by step; all randomness comes from ``self.rng``."""

    def __init__(self, store: Store, rng: random.Random, now: datetime,
                 notes_rng: random.Random | None = None):
        self.store, self.rng, self.now = store, rng, now
        # Answer notes draw from their own generator: the history stays the same with them.
        self.notes_rng = notes_rng or random.Random(0)
        self.notes = _answer_notes()
        self.start = now - timedelta(days=DAYS_OF_HISTORY)
        self.names = [f"{first} {last}" for first in FIRST for last in LAST]
        rng.shuffle(self.names)
        self.orgs: dict[str, Organization] = {}
        self.zones = {name: zone for name, _, _, zone, _, _ in ORGANIZATIONS} | dict(OTHER_PLACES)
        self.queue: list[_Contact] = []
        self.queued: set[int] = set()
        self.counter = 0
        self.people = 0
        self.questions = _questions()
        self.met: list[int] = []  # person ids met, in order
        self.leaves: list[int] = []  # people met who suggested nobody
        # Samira Okafor's line of introductions: always answered, met and passed on, so
        # that the sample always holds a chain of MAX_DEPTH introductions.
        self.line: set[int] = set()
        self.meetings: list[Meeting] = []

    # -- people --------------------------------------------------------------------------
    def _org_name(self) -> str:
        if self.rng.random() < 0.8:
            return self.rng.choice(ORGANIZATIONS)[0]
        return self.rng.choice(OTHER_PLACES)[0]

    def person(self, how_known: str, *, name: str | None = None, organization: str | None = None,
               title: str | None = None, created: datetime | None = None) -> Person:
        name = name or self.names.pop()
        org = organization or self._org_name()
        slug = name.lower().replace(" ", ".").replace("'", "")
        linkedin = how_known in ("alumni", "colleague", "cold") and self.rng.random() < 0.5
        person = Person(
            name=name, title=title or self.rng.choice(TITLES), organization=org,
            email=f"{slug}@example.org" if how_known != "cold" or self.rng.random() < 0.5 else None,
            profile_url=f"https://www.linkedin.com/in/{slug.replace('.', '-')}" if linkedin else None,
            how_known=how_known, tags=["linkedin"] if linkedin else [],
            connected_on=((self.start - timedelta(days=self.rng.randint(30, 900))).date()
                          if linkedin else None),
            created_at=created or self.start + timedelta(days=self.rng.randint(0, 20)),
            keep_in_touch_days=60, keep_in_touch_max_days=90,
        )
        self.people += 1
        return self.store.add(person)

    def enqueue(self, person: Person, when: datetime, depth: int) -> None:
        if person.id in self.queued:
            return  # suggested again by someone else: approached once all the same
        self.queued.add(person.saved_id)
        self.counter += 1
        heapq.heappush(self.queue, _Contact(when, self.counter, person.saved_id, depth))

    # -- one person's story ----------------------------------------------------------------
    def approach(self, contact: _Contact) -> None:
        rng = self.rng
        person = self.store.get(Person, contact.person_id)
        when = contact.when
        if when >= self.now:
            return  # not approached yet: an identified person, or a lead still to contact
        channel = rng.choice(CHANNELS_BY_WARMTH[person.how_known])
        kind = "referred_intro" if person.how_known == "referral" else "request"
        chance = WARMTH[person.how_known][1] * CHANNEL_FACTOR[channel]
        if person.id in self.line:
            channel, chance = "email", 1.0
        replied = rng.random() < chance
        delay = timedelta(hours=rng.uniform(2, 60) if channel != "linkedin" else rng.uniform(20, 240))
        reply_at = when + delay if replied and when + delay < self.now else None
        self.store.add(Outreach(person_id=person.saved_id, channel=channel, kind=kind, sent_at=when,
                                replied_at=reply_at, subject="A short conversation about your work?"))
        self._mark_contacted(person, when)
        if reply_at is None:
            if rng.random() < 0.35 and when + timedelta(days=8) < self.now:
                late = rng.random() < chance / 3  # a nudge rarely turns a cold silence round
                self.store.add(Outreach(person_id=person.saved_id, channel=channel, kind="follow_up",
                                        sent_at=when + timedelta(days=8),
                                        replied_at=when + timedelta(days=9, hours=3) if late else None))
            return
        self.meet(person, reply_at, contact.depth)

    def _mark_contacted(self, person: Person, when: datetime) -> None:
        for action in self.store.list(Action, person_id=person.id, kind="contact_referral"):
            if action.done_at is None:
                action.done_at = when
                self.store.update(action)

    def meet(self, person: Person, reply_at: datetime, depth: int) -> None:
        rng = self.rng
        zone = ZoneInfo(self.zones.get(person.organization or "", "Europe/London"))
        day = (reply_at + timedelta(days=rng.randint(3, 12))).astimezone(zone).date()
        starts = datetime.combine(day, time(rng.choice([9, 10, 11, 13, 14, 16]), rng.choice([0, 30])), zone)
        fmt = rng.choice(["video", "video", "phone", "in_person"])
        meeting = self.store.add(Meeting(
            person_id=person.saved_id, starts_at=starts, timezone=zone.key, format=fmt,
            planned_minutes=30 if fmt == "in_person" else 20, status="scheduled",
            role=person.title, industry=self._industry(person.organization),
            place="a café near their office" if fmt == "in_person" else None))
        if starts + timedelta(hours=1) > self.now:
            return
        if rng.random() < 0.05 and person.id not in self.line:
            meeting.status = "cancelled"
            self.store.update(meeting)
            return
        self.debrief(meeting, person, depth)

    def _industry(self, organization: str | None) -> str | None:
        for name, industry, *_ in ORGANIZATIONS:
            if name == organization:
                return industry
        return None

    # -- the debrief -----------------------------------------------------------------------
    def debrief(self, meeting: Meeting, host: Person, depth: int) -> None:
        rng = self.rng
        end = _start(meeting) + timedelta(minutes=meeting.planned_minutes)
        rapport = 5 if host.id in self.line else rng.choices([2, 3, 4, 5], weights=[1, 3, 5, 3])[0]
        asked = self._asked(host)
        industry = meeting.industry or "this field"
        insights = [KeyInsight(text.format(industry=industry, org=host.organization), [industry, tag])
                    for text, tag in rng.sample(INSIGHTS, rng.randint(1, 3))]
        suggested = self._suggestions(host, rapport, depth)
        self._closing_notes(asked, suggested)
        promised = rng.sample(PROMISES, rng.choice([0, 1, 1, 2]))
        dues = [end + timedelta(days=rng.randint(2, 14)) for _ in promised]
        promises = [Promise(what, owner, due=due)
                    for (owner, what), due in zip(promised, dues, strict=True)]
        for promise, due in zip(promises, dues, strict=True):
            if due < self.now and rng.random() < 0.75:
                promise.done_at = due - timedelta(days=1)
        outcomes = [DebriefOutcome("lead", notes="A team that may hire soon")] if rng.random() < 0.2 else []
        save_debrief(self.store, Debrief(meeting.saved_id, asked, insights, suggested, promises, rapport,
                                         outcomes, notes=f"Talked with {host.name} about {industry}."),
                     now=end + timedelta(hours=2))
        self.meetings.append(meeting)
        self.met.append(host.saved_id)
        self._thank(meeting, host, end)
        referrals = self.store.list(Referral, meeting_id=meeting.id)
        if not referrals:
            self.leaves.append(host.saved_id)
        for i, referral in enumerate(referrals):
            other = self.store.get(Person, referral.to_person_id)
            if i == 0 and host.id in self.line:
                self.line.add(other.saved_id)
            if other.id in self.line or rng.random() < 0.85:
                self.enqueue(other, end + timedelta(days=rng.uniform(1, 10)), depth + 1)

    def _asked(self, host: Person) -> list[AnsweredQuestion]:
        rng = self.rng
        body = [q for q in self.questions if q[1] != "closing"]
        closing = [q for q in self.questions if q[1] == "closing"]
        picked = rng.sample(body, min(len(body), rng.randint(4, 7))) + closing
        asked = []
        for qid, category, text in picked:
            # each question has its own steady quality, so some reliably beat others
            quality = random.Random(f"{qid}").uniform(-0.8, 0.8)
            score = round(CATEGORY_USEFULNESS.get(category, 3.2) + quality + rng.gauss(0, 0.7))
            score = max(1, min(5, score))
            asked.append(AnsweredQuestion(text, qid, category,
                                          self._note(qid, category, score, host), score))
        return asked

    def _note(self, qid: str, category: str, score: int, host: Person) -> str | None:
        """What the user noted of an answer: a thin note for a poor one, else one written
        for the question (or its category). The closing pair's are set by
        :meth:`_closing_notes`, once the people suggested are known."""
        choices = self.notes.get("low" if score <= 2 else qid) or self.notes.get(category)
        if category == "closing" or not choices:
            return None
        return self.notes_rng.choice(choices).format(org=host.organization or "their company")

    def _closing_notes(self, asked: list[AnsweredQuestion],
                       suggested: list[SuggestedPerson]) -> None:
        """The closing pair's answers, as the debrief's people suggested make them."""
        names = [s.name for s in suggested]
        refused = [s.name for s in suggested if s.may_mention == "no"]
        for q in asked:
            if q.question_id == "closing-01":
                q.answer_notes = (f"Suggested {', '.join(names[:-1])} and {names[-1]}."
                                  if len(names) > 1 else f"Suggested {names[0]}." if names
                                  else "Nobody came to mind; they will write if someone does.")
            elif q.question_id == "closing-02":
                q.answer_notes = ("Nobody to mention yet." if not names else
                                  f"Yes, except with {', '.join(refused)}: I will not use "
                                  "their name there." if refused else
                                  "Yes, happy for me to use their name.")

    def _suggestions(self, host: Person, rapport: int, depth: int) -> list[SuggestedPerson]:
        rng = self.rng
        if depth >= MAX_DEPTH or rapport < 3 or self.people >= MAX_PEOPLE:
            return []
        count = rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]
        if host.id in self.line:
            count = max(count, 1)
        out = []
        for i in range(count):
            if self.leaves and rng.random() < 0.1 and not (i == 0 and host.id in self.line):
                # Someone already met, suggested a second time: still one person. Only people
                # who passed on no names qualify, so no chain grows past MAX_DEPTH.
                known = self.store.get(Person, rng.choice(self.leaves))
                if known.id != host.id:
                    out.append(SuggestedPerson(known.name, known.title, known.organization,
                                               may_mention="yes"))
                continue
            name = self.names.pop()
            org = host.organization if rng.random() < 0.4 else self._org_name()
            out.append(SuggestedPerson(
                name, rng.choice(TITLES), org,
                email=(f"{name.lower().replace(' ', '.').replace(chr(39), '')}@example.org"
                       if rng.random() < 0.7 else None),
                may_mention=rng.choices(["yes", "unknown", "no"], weights=[6, 2, 1])[0],
                contact_by=rng.choices(["user", "host"], weights=[4, 1])[0]))
            self.people += 1
        return out

    def _thank(self, meeting: Meeting, host: Person, end: datetime) -> None:
        rng = self.rng
        hours = rng.choices([rng.uniform(1, 20), rng.uniform(26, 72)], weights=[4, 1])[0]
        sent = end + timedelta(hours=hours)
        if sent >= self.now:
            return  # not yet: the action stays open, due in the coming hours
        self.store.add(Outreach(person_id=host.saved_id, channel="email", kind="thanks", sent_at=sent,
                                subject="Thank you for your time"))
        for action in self.store.list(Action, meeting_id=meeting.id, kind="thank_you"):
            action.done_at = sent
            self.store.update(action)
        for action in self.store.list(Action, meeting_id=meeting.id, kind="tell_referrer"):
            if rng.random() < 0.85 and action.due and action.due < self.now:
                action.done_at = action.due - timedelta(days=2)
                self.store.update(action)

    # -- the whole history -----------------------------------------------------------------
    def run(self) -> None:
        rng = self.rng
        for name, industry, location, _, motivation, postings in ORGANIZATIONS:
            self.orgs[name] = self.store.add(Organization(
                name=name, industry=industry, location=location, motivation=motivation,
                postings=postings, website=f"https://{name.lower().replace(' ', '-')}.example",
                created_at=self.start))
        samira = self.person("alumni", name="Samira Okafor", organization="Kestrel Health Labs",
                             title="Senior UX Researcher", created=self.start)
        self.line.add(samira.saved_id)
        self.enqueue(samira, self.start + timedelta(days=3), 0)
        for how_known, (count, _) in WARMTH.items():
            for _ in range(count):
                offset = timedelta(days=rng.uniform(2, DAYS_OF_HISTORY - 1))
                p = self.person(how_known, created=self.start + offset * rng.random())
                # a few stay identified only: found, not yet written to
                if rng.random() < 0.9:
                    self.enqueue(p, self.start + offset, 0)
        while self.queue:
            self.approach(heapq.heappop(self.queue))
        self._keep_in_touch()
        self._later_outcomes()
        self._settle_actions()
        self._last_fortnight()
        self._missed_and_moved()

    def _settle_actions(self) -> None:
        """Mark done what a diligent user has dealt with: everything due before the last few
        weeks, and all but the latest couple of recent ones, each at a plausible moment."""
        rng = self.rng
        recent = self.now - timedelta(days=RECENT_DAYS)
        late = sorted(((a.due, a) for a in self.store.list(Action)
                       if a.done_at is None and a.due is not None and a.due < self.now),
                      key=lambda pair: (pair[0], pair[1].id), reverse=True)
        kept = [a for due, a in late if due >= recent and a.kind != "thank_you"][:KEPT_OVERDUE]
        for due, action in late:
            if action in kept:
                continue
            if action.kind in ("promise", "tell_referrer"):
                early = timedelta(days=rng.uniform(0, 4))
            else:  # a check on a host's introduction, a lead weighed up: done on the day
                early = timedelta(hours=rng.uniform(0, 20))
            action.done_at = max(due - early, action.created_at or due)
            self.store.update(action)

    def _last_fortnight(self) -> None:
        """Two recent meetings, so the action list reads like Maya's: one held nine days ago
        whose promise and lead are now a few days overdue, and one held yesterday evening
        (UTC: in the past on the clock all day today) whose thank-you is due later today and
        whose two leads are still to contact."""
        for days_ago, at, leads in ((9, time(9, 0), 1), (1, time(18, 30), 2)):
            held = datetime.combine((self.now - timedelta(days=days_ago)).date(), at, UTC)
            person = self.person(self.rng.choice(["colleague", "alumni"]), created=held - timedelta(days=20))
            zone = ZoneInfo(self.zones.get(person.organization or "", "Europe/London"))
            self.store.add(Outreach(person_id=person.saved_id, channel="email", kind="request",
                                    sent_at=held - timedelta(days=8), replied_at=held - timedelta(days=6),
                                    subject="A short conversation about your work?"))
            meeting = self.store.add(Meeting(
                person_id=person.saved_id, starts_at=held.astimezone(zone), timezone=zone.key, format="video",
                planned_minutes=20, status="scheduled", role=person.title,
                industry=self._industry(person.organization)))
            end = held + timedelta(minutes=20)
            suggested = [SuggestedPerson(name, self.rng.choice(TITLES), self._org_name(), may_mention="yes")
                         for name in (self.names.pop() for _ in range(leads))]
            self.people += leads
            promise = Promise("Send my portfolio link", "user", due=end + timedelta(days=4))
            asked = self._asked(person)
            self._closing_notes(asked, suggested)
            save_debrief(self.store, Debrief(meeting.saved_id, asked, [], suggested, [promise], 4,
                                             notes=f"Talked with {person.name}."),
                         now=end + timedelta(hours=1))
            self.meetings.append(meeting)
            self.met.append(person.saved_id)
            if leads == 1:  # the older meeting: thanked the same day
                self._thank(meeting, person, end)

    def _missed_and_moved(self) -> None:
        """A meeting the host asked to move two days later (then held at the new time), and
        a host who did not show three days ago, not yet booked again: what the digest and
        the funnel's meeting statuses show. Runs last, so the rest of the history is the
        same with or without it."""
        earlier = [m for m in self.meetings[:-2] if m.starts_at and m.person_id not in self.line]
        if earlier:
            held = self.store.get(Meeting, self.rng.choice(earlier).saved_id)  # as the debrief saved it
            moved = self.store.add(Meeting(
                person_id=held.person_id, starts_at=_start(held) - timedelta(days=2),
                timezone=held.timezone, format=held.format, place=held.place,
                planned_minutes=held.planned_minutes, status="moved", role=held.role,
                industry=held.industry,
                notes="They asked to move it: a clash with a team offsite."))
            held.rescheduled_from = moved.id
            self.store.update(held)
        missed = datetime.combine((self.now - timedelta(days=3)).date(), time(14, 0), UTC)
        person = self.person("alumni", created=missed - timedelta(days=25))
        zone = ZoneInfo(self.zones.get(person.organization or "", "Europe/London"))
        self.store.add(Outreach(person_id=person.saved_id, channel="email", kind="request",
                                sent_at=missed - timedelta(days=12),
                                replied_at=missed - timedelta(days=10),
                                subject="A short conversation about your work?"))
        self.store.add(Meeting(
            person_id=person.saved_id, starts_at=missed.astimezone(zone), timezone=zone.key,
            format="video", planned_minutes=20, status="no_show", role=person.title,
            industry=self._industry(person.organization),
            notes="Waited fifteen minutes on the call; no word from them."))

    def _keep_in_touch(self) -> None:
        for person_id in self.met[: len(self.met) * 2 // 3]:
            if self.rng.random() < 0.35:
                self.store.add(Outreach(person_id=person_id, channel="email", kind="keep_in_touch",
                                        sent_at=self.now - timedelta(days=self.rng.randint(5, 40)),
                                        subject="How your advice helped"))

    def _later_outcomes(self) -> None:
        """Applications, an interview and an offer: what the best conversations led to."""
        good = [m for m in self.meetings if m.rapport and m.rapport >= 4] or self.meetings
        kestrel = [m for m in self.meetings if m.industry == "digital health"] or good
        chosen = kestrel[0]
        org = self.orgs.get("Kestrel Health Labs")
        steps = [("application", 10), ("interview", 24), ("offer", 38)]
        for kind, days in steps:
            when = _start(chosen) + timedelta(days=days)
            if when < self.now:
                self.store.add(Outcome(kind=kind, date=when.date(), person_id=chosen.person_id,
                                       meeting_id=chosen.id, organization_id=org.id if org else None))
        for m in self.rng.sample(good, min(3, len(good))):
            if m is not chosen:
                self.store.add(Outcome(kind="application", date=(_start(m) + timedelta(days=12)).date(),
                                       person_id=m.person_id, meeting_id=m.id))


def generate_sample(store: Store, *, seed: int = 7, today: date | None = None) -> dict[str, int | str]:
    """Fill ``store`` with a realistic sample history, in one transaction.

    Args:
        store: an open store (ideally empty: the sample adds, it never replaces).
        seed: the random seed; the same seed and ``today`` give the same history.
        today: the last day of the history (default: today, in UTC).

    Returns:
        A summary: ``seed``, ``today``, and the number of records per table.
    """
    today = today or datetime.now(UTC).date()
    now = datetime.combine(today, time(18, 0), UTC)
    builder = _Builder(store, random.Random(seed), now, random.Random(f"answer notes {seed}"))
    with store.transaction():
        builder.run()
    counts = store.counts()
    summary: dict[str, int | str] = {"seed": seed, "today": today.isoformat(), **counts,
                                     "held_meetings": len(builder.meetings)}
    log.info("sample history: %s", summary)
    return summary

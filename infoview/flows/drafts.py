"""Outreach drafts: the one table of draft kinds, and writing any of them from options.

The panel and ``infoview draft`` used to name the same drafts differently (``confirm`` and
``confirmation``, ``intro`` and ``referred_intro``, ``referrer`` and ``referrer_update``)
and each chose the drafting function itself. :data:`DRAFT_KINDS` holds every kind once:
the name the checks use, the command-line name, the label, the outreach kind a sent
draft is recorded as (``None`` for the spoken ones, which are never recorded as sent), and
the panels that offer it. :func:`write_draft` is the one dispatch; :func:`stored_draft`
fills a draft's options from the store (the keep-in-touch update's advice and results, the
meeting a reschedule or a no-show note concerns) and :func:`check_text` checks the user's
own text against the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.errors import BadInput
from infoview.flows.draft_kinds import DRAFT_KINDS, DraftKind
from infoview.models import (
    CHOICES,
    USEFUL_SCORE,
    Action,
    Insight,
    Meeting,
    Organization,
    Outcome,
    Outreach,
    Person,
    QuestionAsked,
    Referral,
    UserProfile,
)
from infoview.prep import outreach, updates
from infoview.prep.checks import (
    DraftWarning,
    check_draft,
    count_words,
    length_warning,
    one_per_gap,
    permission_warnings,
)
from infoview.prep.ground import CommonGround, ground_sentence, strongest_ground
from infoview.prep.outreach import Draft, _when_text
from infoview.text import count_of, fold

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store.core import Store


_BY_ANY_NAME: dict[str, DraftKind] = {
    **{a: k for k in DRAFT_KINDS for a in k.aliases},
    **{k.name: k for k in DRAFT_KINDS}, **{k.command: k for k in DRAFT_KINDS},
}


def panel_kinds(panel: str) -> tuple[tuple[str, str], ...]:
    """``(label, name)`` of the drafts a notebook panel (``prepare``, ``debrief``) offers."""
    return tuple((k.label, k.name) for k in DRAFT_KINDS if panel in k.panels)


def kind_for_status(status: str) -> DraftKind:
    """The draft a meeting marked ``status`` calls for (``no_show``: the no-show note;
    ``cancelled``, ``moved``: a reschedule).

    Raises:
        BadInput: the meeting is not marked missed, cancelled or moved.
    """
    for kind in DRAFT_KINDS:
        if status in kind.statuses:
            return kind
    raise BadInput(f"a meeting marked {status!r} needs no reschedule or no-show note: mark it "
                   "first (infoview meeting mark ID no-show|cancelled|moved)")


def draft_kind(name: str) -> DraftKind:
    """The draft kind called ``name`` by any of its names (``confirm``, ``confirmation``...).

    Raises:
        BadInput: no kind goes by that name.
    """
    found = _BY_ANY_NAME.get((name or "").strip().lower())
    if found is None:
        raise BadInput(f"unknown draft kind {name!r}: use one of "
                       f"{', '.join(k.command for k in DRAFT_KINDS)}")
    return found


def sent_kind(name: str) -> str:
    """The outreach kind a sent draft of kind ``name`` is recorded as.

    Raises:
        BadInput: the draft is spoken (a phone script, the 30-second introduction), so
            there is no message to record.
    """
    kind = draft_kind(name)
    if kind.sent_as is None:
        what = "your 30-second introduction" if kind.name == "pitch" else "a phone script"
        raise BadInput(f"{what} is spoken, not sent: choose the draft you sent (a request or "
                       "a confirmation); a call you made is recorded with the request draft "
                       "and the phone as the way it was sent")
    return kind.sent_as


@dataclass
class DraftOptions:
    """What a draft may be written from; each kind uses the fields it needs.

    Attributes:
        reason: why this person (the talk, article or shared connection).
        ground: the common ground found with them (:func:`stored_draft` fills it for a
            request, an intro and a phone script when no reason is given; ``None``: not
            looked for); the strongest leads when no referrer may be named.
        narrow, broad: the user's interest, narrowly and broadly.
        minutes: the length asked for.
        coffee, near: ask for a coffee (near a place) instead of a call.
        strict: hold a request to 75 words.
        referrer, may_mention: who made the introduction, and whether they may be named.
        meeting: the meeting to confirm.
        learned, promises: for a thank-you (and a referrer note: ``learned``).
        meeting_date, send_date: for a thank-you.
        contact, how_it_went: for a referrer note.
        advice, results, last_met: for a keep-in-touch update (what they advised, what came
            of it, when you last met).
        new_times: for a reschedule or a no-show note: the times to offer.
    """

    reason: str | None = None
    narrow: str | None = None
    broad: str | None = None
    minutes: int | None = None
    coffee: bool = False
    near: str | None = None
    strict: bool = False
    referrer: Person | str | None = None
    may_mention: str = "unknown"
    meeting: Meeting | None = None
    learned: str | None = None
    #: What the question ``learned`` answered was about, when it is an answer.
    topic: str | None = None
    #: The question ``learned`` answered, quoted when it gives no ``topic``.
    question: str | None = None
    promises: Sequence[str] = field(default_factory=list)
    meeting_date: date | None = None
    send_date: date | None = None
    contact: Person | str | None = None
    how_it_went: str | None = None
    advice: Sequence[str] = field(default_factory=list)
    results: Sequence[str] = field(default_factory=list)
    last_met: date | None = None
    new_times: Sequence[Any] = field(default_factory=list)
    referrers: Sequence[tuple[str, str]] = field(default_factory=list)
    plan_ready: bool | None = None
    ground: Sequence[CommonGround] | None = None


#: The drafts that open with why this person.
_ASKING = ("request", "referred_intro", "phone")


def _lead(name: str, o: DraftOptions) -> CommonGround | None:
    """The common ground a draft opens with: none when a reason was typed or a referrer
    who may be named opens it."""
    if name not in _ASKING or o.reason or not o.ground or (
            name != "phone" and o.referrer and o.may_mention == "yes"):
        return None
    return strongest_ground(o.ground)


def _store_checks(draft: Draft, o: DraftOptions) -> Draft:
    """The checks only the store can feed, on any draft: a referrer named without their
    permission (stored, whatever was given here), and a request sent before its questions
    are ready."""
    have = {(w.code, w.message) for w in draft.warnings}
    extra = [w for w in permission_warnings(draft.text, o.referrers)
             if (w.code, w.message) not in have]
    if draft.kind in ("request", "referred_intro") and o.plan_ready is False:
        extra.append(DraftWarning("no_plan", "No questions are prepared for this person yet: "
                                  "plan them before you send this, since a meeting can be "
                                  "offered at short notice."))
    draft.warnings = [*draft.warnings, *extra]
    return draft


def _ground_checks(name: str, o: DraftOptions) -> list[DraftWarning]:
    """What to verify in an opening the kit wrote from common ground, or that none was
    found (only for a draft the kit wrote: the user's own text has its own reason)."""
    out: list[DraftWarning] = []
    lead = _lead(name, o)
    if lead is not None and lead.kind == "connection":
        pass  # the user's own LinkedIn connection: nothing found on a page to check
    elif lead is not None:
        out.append(DraftWarning("ground_to_check", f"The opening rests on what was found in "
                                f"{lead.where} (\"{lead.excerpt}\"), matching the {lead.kind} "
                                f"{lead.value} of your profile: make sure it is true before "
                                "you send it, or write your own reason."))
    elif name in _ASKING and not o.reason and o.ground is not None and not (
            name != "phone" and o.referrer and o.may_mention == "yes"):
        out.append(DraftWarning("no_reason", "Nothing was found to open with: nobody who "
                                "may be named suggested them, and research shows no school, "
                                "employer, place or interest you share with them. Say why "
                                "them in your own words: their talk, an article, a shared "
                                "connection."))
    return out


def write_draft(kind: str, person: Person | None, profile: UserProfile,
                options: DraftOptions | None = None) -> Draft:
    """Write a draft of ``kind`` (any of its names) to ``person``, with its checks.

    Raises:
        BadInput: an unknown kind, an out-of-range length, a confirmation without a meeting.
    """
    o = options or DraftOptions()
    name = draft_kind(kind).name
    draft = _write(name, person, profile, o)
    draft.warnings = [*draft.warnings, *_ground_checks(name, o)]
    draft = _store_checks(draft, o)
    draft.warnings = one_per_gap(draft.warnings)
    return draft


def _write(name: str, person: Person | None, profile: UserProfile, o: DraftOptions) -> Draft:
    if name == "pitch":
        return outreach.pitch(profile)
    lead = _lead(name, o)
    asking: dict[str, Any] = dict(reason=o.reason or (lead and ground_sentence(lead)),
                                  narrow=o.narrow, broad=o.broad, minutes=o.minutes,
                                  coffee=o.coffee, near=o.near, strict=o.strict)
    if name == "request":
        return outreach.request(person, profile, referrer=o.referrer, may_mention=o.may_mention,
                                **asking)
    if name == "referred_intro":
        if o.may_mention not in CHOICES[("referrals", "may_mention")]:
            raise BadInput(f"may_mention must be one of "
                           f"{', '.join(CHOICES[('referrals', 'may_mention')])}")
        return outreach.referred_intro(person, profile, referrer=o.referrer,
                                       may_mention=o.may_mention, **asking)
    if name == "phone":
        return outreach.phone_script(person, profile, reason=asking["reason"], narrow=o.narrow,
                                     broad=o.broad, minutes=15 if o.minutes is None else o.minutes)
    if name == "confirmation":
        if o.meeting is None:
            raise BadInput("a confirmation needs the meeting: its time, format and place")
        return outreach.confirmation(person, profile, o.meeting)
    if name == "thanks":
        return outreach.thanks(person, profile, learned=o.learned, promises=list(o.promises),
                               meeting_date=o.meeting_date, send_date=o.send_date,
                               topic=o.topic, question=o.question)
    if name == "update":
        return _strict(updates.keep_in_touch_update(person, profile, advice=o.advice,
                                                    results=o.results, last_met=o.last_met), o)
    if name == "reschedule":
        return _strict(updates.reschedule(person, profile, o.meeting, new_times=o.new_times,
                                          reason=o.reason), o)
    if name == "no_show":
        return _strict(updates.no_show(person, profile, o.meeting, new_times=o.new_times), o)
    return outreach.referrer_note(o.referrer or person, o.contact, profile,
                                  how_it_went=o.how_it_went, learned=o.learned)


def _when(meeting: Meeting | None) -> str | None:
    return _when_text(meeting) if meeting is not None else None


def _strict(draft: Draft, o: DraftOptions) -> Draft:
    """The draft held to the strict length when asked for (the builders of the
    keep-in-touch drafts check at the usual length)."""
    if o.strict:
        kept = [w for w in draft.warnings if w.code != "too_long"]
        too_long = length_warning(draft.word_count, draft.kind, strict=True)
        draft.warnings = kept + ([too_long] if too_long else [])
    return draft


# ---- what a draft needs from the store ------------------------------------------------------

@dataclass
class UpdateMaterial:
    """What an update to one person can report.

    Attributes:
        advice: their insights and useful answers, newest meeting first.
        results: what came of it, as clauses after "I".
        last_met: the day of the latest meeting held with them.
    """

    advice: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    last_met: date | None = None


_RESULT_WORDS = {
    "lead": "followed up a lead from our talk",
    "application": "applied to {org}",
    "interview": "had an interview at {org}",
    "offer": "received an offer from {org}",
}


#: Question categories whose answers are about the host (their path, role, workplace) or
#: name the next people to talk to: useful, but not advice the user can say they acted on.
NOT_ADVICE = frozenset({"path", "role", "workplace", "closing"})


def update_material(store: Store, person_id: int) -> UpdateMaterial:
    """Gather, for one person, what they advised and what came of it (nothing is saved)."""
    person = store.get(Person, person_id)
    held = sorted(
        (m for m in store.list(Meeting, person_id=person_id) if m.status == "held"),
        key=lambda m: (m.starts_at is not None, m.starts_at or datetime.min, m.id),
        reverse=True,
    )
    material = UpdateMaterial(
        last_met=held[0].starts_at.date() if held and held[0].starts_at else None
    )
    for meeting in held:
        material.advice += [i.text for i in store.list(Insight, meeting_id=meeting.id)]
        useful = sorted(
            (
                q
                for q in store.list(QuestionAsked, meeting_id=meeting.id)
                if (q.usefulness or 0) >= USEFUL_SCORE and q.answer_notes
                and q.category not in NOT_ADVICE
            ),
            key=lambda q: -(q.usefulness or 0),
        )
        material.advice += [q.answer_notes for q in useful if q.answer_notes]
    material.advice = list(dict.fromkeys(material.advice))
    orgs = {o.id: o.name for o in store.list(Organization)}
    meeting_ids = {m.id for m in held}
    outcomes = [
        o
        for o in store.list(Outcome)
        if o.meeting_id in meeting_ids or (o.person_id == person_id and o.meeting_id is None)
    ]
    level = {"offer": 0, "interview": 1, "application": 2, "lead": 3}
    for outcome in sorted(outcomes, key=lambda o: level.get(o.kind, 9)):
        org = orgs.get(outcome.organization_id) or person.organization or "[the organization]"
        material.results.append(_RESULT_WORDS.get(outcome.kind, "followed it up").format(org=org))
    for referral in store.list(Referral, from_person_id=person_id):
        other = store.get(Person, referral.to_person_id)
        if any(m.status == "held" for m in store.list(Meeting, person_id=other.id)):
            material.results.append(f"spoke with {other.name}, whom you suggested")
        elif store.list(Outreach, person_id=other.id):
            material.results.append(f"wrote to {other.name}, whom you suggested")
    material.results = list(dict.fromkeys(material.results))
    return material


def stored_referrers(store: Store, person_id: int) -> list[tuple[str, str]]:
    """``(name, may_mention)`` of everyone who suggested this person, newest first: what
    every message to them is checked against."""
    referrals = sorted(store.list(Referral, to_person_id=person_id),
                       key=lambda r: r.id or 0, reverse=True)
    return [(store.get(Person, r.from_person_id).name, r.may_mention) for r in referrals]


def _from_last_debrief(store: Store, person_id: int,
                       meeting: Meeting | None = None
                       ) -> tuple[str | None, str | None, str | None, list[str]]:
    """What a thank-you names from ``meeting`` (default: the latest meeting held with the
    person), as the debrief form's thank-you does: the first insight (else the first answer
    noted, with what its question was about and the question) as what was learned, and
    the user's promises."""
    held = [m for m in store.list(Meeting, person_id=person_id) if m.status == "held"]
    if meeting is not None:
        held = [meeting]
    if not held:
        return None, None, None, []
    latest = max(held, key=lambda m: (m.starts_at is not None, m.starts_at or datetime.min,
                                      m.id or 0))
    learned = next((i.text for i in store.list(Insight, meeting_id=latest.id)), None)
    topic = question = None
    answer = next((q for q in store.list(QuestionAsked, meeting_id=latest.id)
                   if q.answer_notes), None)
    if learned is None and answer is not None:
        learned, topic = answer.answer_notes, outreach.question_topic(answer.text,
                                                                     answer.category)
        question = answer.text
    promises = [a.what for a in store.list(Action, meeting_id=latest.id, kind="promise")
                if a.owner == "user"]
    return learned, topic, question, promises


def last_met_on(store: Store, person_id: int) -> date | None:
    """The day (in the meeting's own time zone) of the latest meeting held with a person."""
    held = [m for m in store.list(Meeting, person_id=person_id)
            if m.status == "held" and m.starts_at is not None]
    if not held:
        return None
    latest = max(held, key=lambda m: m.starts_at or datetime.min)
    from infoview.times import in_zone

    assert latest.starts_at is not None  # held above keeps only meetings with a start
    try:
        return in_zone(latest.starts_at, latest.timezone).date()
    except BadInput:
        return latest.starts_at.date()


def has_question_plan(store: Store, person_id: int) -> bool:
    """Whether questions are prepared for a meeting with this person not held yet."""
    return any(store.list(QuestionAsked, meeting_id=m.id)
               for m in store.list(Meeting, person_id=person_id)
               if m.status in ("requested", "scheduled"))


def stored_draft(store: Store, kind: str, *, person_id: int | None = None,
                 meeting_id: int | None = None,
                 options: DraftOptions | None = None) -> tuple[Person | None, DraftOptions]:
    """The recipient and options of a draft of ``kind``, filled from the store.

    For any draft to a stored person: everyone who suggested them, with their permission to
    be named (checked whatever else was given). A keep-in-touch update gets their advice,
    what came of it and when you last met (:func:`update_material`); a thank-you the day
    of the latest meeting held (and today as the day it goes); a request whether questions
    are prepared yet; a first message to someone referred the latest referrer, unless given;
    a confirmation, a reschedule or a no-show note the meeting ``meeting_id`` and its host
    (a reschedule or no-show also the time of the meeting booked in its place, offered as
    the new time unless ``options`` already offers times).

    Raises:
        BadInput: the kind needs a person or a meeting that is not given.
        NotFound: no such person or meeting.
    """
    k = draft_kind(kind)
    o = options or DraftOptions()
    meeting = store.get(Meeting, meeting_id) if meeting_id is not None else None
    if k.needs == "meeting":
        if meeting is None:
            raise BadInput(f"a {k.command} draft needs the meeting: give --meeting ID")
        o.meeting = meeting
        if not o.new_times:
            o.new_times = [m.starts_at for m in store.list(Meeting, person_id=meeting.person_id)
                           if m.rescheduled_from == meeting.id and m.starts_at]
    if person_id is None and meeting is not None:
        person_id = meeting.person_id
    if person_id is None:
        if k.needs == "person":
            raise BadInput(f"a {k.command} draft needs the person: give --person ID")
        return None, o
    person = store.get(Person, person_id)
    if k.name == "confirmation" and meeting is not None and o.meeting is None:
        o.meeting = meeting
    if k.name == "update":
        material = update_material(store, person_id)
        o.advice = o.advice or material.advice
        o.results = o.results or material.results
        o.last_met = o.last_met or material.last_met
    stored = stored_referrers(store, person_id)
    o.referrers = [*stored, *o.referrers]
    if k.name == "referred_intro" and stored:
        # The referrer and their permission as given, else as stored (a permission given
        # here words the draft; the stored one is checked all the same).
        o.referrer = o.referrer or stored[0][0]
        if o.may_mention == "unknown":
            given = fold(_name_of(o.referrer))
            o.may_mention = next((may for name, may in stored if fold(name) == given), "unknown")
    if k.name == "thanks" and o.meeting_date is None and meeting is not None and meeting.starts_at:
        from infoview.times import in_zone

        try:  # the day of the meeting given, in its own zone
            o.meeting_date = in_zone(meeting.starts_at, meeting.timezone).date()
        except BadInput:  # a zone name no longer known
            o.meeting_date = meeting.starts_at.date()
    if k.name == "thanks" and o.meeting_date is None:
        o.meeting_date = last_met_on(store, person_id)
        o.send_date = o.send_date or (date.today() if o.meeting_date else None)
    if k.name == "thanks":
        learned, topic, question, promises = _from_last_debrief(store, person_id, meeting)
        if not o.learned:
            o.learned, o.topic = learned, o.topic or topic
            o.question = o.question or question
        o.promises = list(o.promises) or promises
    if k.name == "request" and stored and not o.reason and o.referrer is None:
        # Why this person: whoever suggested them, named only with their permission.
        o.referrer, o.may_mention = next(
            ((name, may) for name, may in stored if may == "yes"), stored[0])
    if k.name in _ASKING and not o.reason:
        o.ground = common_ground(store, person)
        if not o.ground and person is not None and linkedin_connection(person):
            o.ground = [CommonGround("connection", "LinkedIn", "your LinkedIn connections")]
    if k.name in ("request", "referred_intro"):
        o.plan_ready = has_question_plan(store, person_id)
    return person, o


def linkedin_connection(person: Person) -> bool:
    """Whether the user is connected with ``person`` on LinkedIn, by what the import
    recorded: marked so, or tagged ``linkedin`` with the day they connected."""
    return person.how_known == "linkedin" or (
        "linkedin" in person.tags and person.connected_on is not None)


def common_ground(store: Store, person: Person) -> list[CommonGround]:
    """What the user's profile shares with a stored person, as the brief finds it: their
    saved research (their page, their company's) and the store's record of them."""
    from infoview.flows.research import load_research
    from infoview.prep.ground import find_common_ground, research_sources

    company, found = load_research(store, person)
    return find_common_ground(store.get_profile(), research_sources(person, found, company))


def missed_meeting_draft(store: Store, meeting_id: int, *, strict: bool = False) -> Draft:
    """The message a missed meeting's status calls for (:func:`kind_for_status`), to its
    host, with its checks: what ``infoview meeting mark --draft`` and the debrief panel show."""
    kind = kind_for_status(store.get(Meeting, meeting_id).status)
    person, options = stored_draft(store, kind.name, meeting_id=meeting_id,
                                   options=DraftOptions(strict=strict))
    return write_draft(kind.name, person, store.get_profile(), options)


def update_draft(store: Store, person_id: int, *, strict: bool = False) -> Draft:
    """The keep-in-touch update to a stored person, from what they advised and what came of
    it, with its checks: what ``infoview digest --drafts`` and ``infoview draft update`` show."""
    person, options = stored_draft(store, "update", person_id=person_id,
                                   options=DraftOptions(strict=strict))
    return write_draft("update", person, store.get_profile(), options)


def update_is_due(store: Store, person_id: int) -> bool:
    """Whether a keep-in-touch note is the next message to a stored person: they were met
    (a meeting held) and no meeting with them is scheduled now (a confirmation would be)."""
    meetings = store.list(Meeting, person_id=person_id)
    return (any(m.status == "held" for m in meetings)
            and not any(m.status == "scheduled" for m in meetings))


def draft_file_text(draft: Draft) -> str:
    """The text of a draft as saved to a file: the subject line and the message, ready to
    paste into a mail program. Its checks are for the user, not the recipient, so they are
    never part of it (:func:`checks_text` gives them apart)."""
    return draft.text.rstrip() + "\n"


def checks_text(draft: Draft, title: str | None = None) -> str:
    """A draft's checks as plain lines ("- ..."), under a title, for a file of their own."""
    lines = [f"{title or draft.kind} ({count_of(draft.word_count, 'word')})"]
    lines += [f"- {w.message}" for w in draft.warnings] or ["- no warnings"]
    return "\n".join(lines) + "\n"


def save_draft(draft: Draft, path: str | Path, *, store: Store | None = None,
               person_ids: Sequence[int | None] = ()) -> Path:
    """Write a draft to a text file (subject and message only, whole or not at all); with
    ``store``, the file is recorded among the exports naming ``person_ids``."""
    from infoview.store.exports import write_export

    return write_export(store, path, draft_file_text(draft), kind="draft",
                        person_ids=person_ids)


def split_subject(text: str) -> tuple[str | None, str]:
    """``(subject, body)`` of a draft that may start with a ``Subject:`` line."""
    text = (text or "").strip()
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:"):].strip() or None, rest.strip()
    return None, text


def check_text(kind: str, text: str, *, strict: bool = False,
               options: DraftOptions | None = None) -> Draft:
    """Check the user's own text as a draft of ``kind`` (a first ``Subject:`` line is the
    subject); returns it as a :class:`~infoview.prep.outreach.Draft` with its warnings.

    With ``options`` (:func:`stored_draft`'s, and what the user gave), a request is checked
    for its reason and interests, a referred intro and every message to someone suggested
    for naming a referrer without permission, a thank-you for the day it goes, an update for
    the advice and the results the store knows, a reschedule or a no-show note for naming
    its meeting.
    """
    name = draft_kind(kind).name
    subject, body = split_subject(text)
    o = options or DraftOptions()
    check: dict[str, Any] = {}
    if name == "update":
        check = {"advice": o.advice, "results": o.results} if options is not None else {}
    elif name in ("reschedule", "no_show"):
        check = {"when": _when(o.meeting)} if options is not None else {}
    elif name in ("request", "referred_intro", "phone"):
        check = {"reason": o.reason, "narrow": o.narrow, "broad": o.broad}
        if name == "referred_intro" and o.referrer:
            check |= {"referrer_name": _name_of(o.referrer), "may_mention": o.may_mention}
    elif name == "thanks":
        check = {"learned": o.learned, "promises": list(o.promises),
                 "meeting_date": o.meeting_date,
                 "send_date": o.send_date or (date.today() if o.meeting_date else None)}
    elif name == "confirmation" and o.meeting is not None:
        check = {"place": o.meeting.place}
    elif name == "referrer":
        check = {"contact_name": _name_of(o.contact)}
    draft = Draft(subject=subject, body=body, kind=name, word_count=count_words(body),
                  warnings=check_draft(body, name, subject=subject, strict=strict, **check))
    draft = _store_checks(draft, o)
    draft.warnings = one_per_gap(draft.warnings)
    return draft


def _name_of(thing: Person | str | None) -> str | None:
    return thing if isinstance(thing, str) or thing is None else thing.name

"""Follow-up rules: what to do after a meeting, after an unanswered request, and over time.

Pure functions (records in, :class:`~infoview.models.Action` records out, nothing saved),
so the rules can be tested with hand-computed dates; :mod:`infoview.flows.followups`
loads the records from the store, applies the rules and saves what is new.

Re-running a rule must not duplicate work: every action a rule proposes has a stable
identity, :func:`action_key` (``kind``, ``meeting_id``, ``person_id`` and which suggestion
it is, ``Action.rule``: "thank-you", "about 12", "no reply" ...), never its words, so the
words can change (a better sentence, a person renamed) without suggesting again what the
user finished or snoozed. :func:`missing_actions` keeps only the proposed actions whose key
is not already stored, which is what a re-saved debrief needs::

    existing = store.list(Action, meeting_id=meeting.id)
    store.add_many(missing_actions(follow_up_actions(meeting, referrals, now=now,
                                                    people=people), existing))
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.models import Action, Meeting, Outreach, Person, Referral
from infoview.text import fold
from infoview.times import day_words

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

THANK_YOU_HOURS = 24
CONTACT_REFERRAL_DAYS = 3
HOST_INTRODUCTION_DAYS = 7
TELL_REFERRER_DAYS = 21
#: A promise given without a date: the user's falls due a week after the meeting, a host's
#: after two (then a gentle reminder is fair).
PROMISE_DAYS = 7
HOST_PROMISE_DAYS = 14
REPORT_BACK_DAYS = 30
#: Business days of the 3B7 routine: the next contact after 3, a follow-up after 7.
NEXT_CONTACT_BUSINESS_DAYS = 3
FOLLOW_UP_BUSINESS_DAYS = 7
#: Outreach kinds that ask for a meeting (the ones 3B7 watches).
REQUEST_KINDS = ("request", "referred_intro")
_DUE_HOUR = time(9, 0)


def action_key(action: Action) -> tuple:
    """The identity of a follow-up: same key, same piece of work.

    A suggestion of the rules here is known by which one it is (``rule``), whatever its
    words; the user's own (a promise, a note) by its folded words."""
    which = ("rule", fold(action.rule)) if action.rule else ("words", fold(action.what))
    return (action.kind, action.meeting_id, action.person_id, which)


def missing_actions(proposed: Iterable[Action], existing: Iterable[Action]) -> list[Action]:
    """The proposed actions not already among ``existing`` (done or not), in order."""
    have = {action_key(a) for a in existing}
    out = []
    for action in proposed:
        key = action_key(action)
        if key not in have:
            have.add(key)
            out.append(action)
    return out


def _name(people: Mapping | None, person_id: int | None) -> str:
    found = (people or {}).get(person_id)
    if found is None:
        return f"person #{person_id}"
    return found if isinstance(found, str) else found.name


def _first(name: str) -> str:
    """The first word of a name, as a sentence that already gave the whole name says it
    again ("you may mention Sam")."""
    words = name.split()
    return words[0] if words and not name.startswith("person #") else name


def meeting_end(meeting: Meeting, now: datetime) -> datetime:
    """When the meeting ended: its start plus planned minutes, or ``now`` when the start is
    unknown or still ahead (a meeting debriefed before its planned start took place early,
    and its thank-you is due a day after now, not a day after a time that never came)."""
    if meeting.starts_at is None or meeting.starts_at > now:
        return now
    return meeting.starts_at + timedelta(minutes=meeting.planned_minutes or 0)


def follow_up_actions(meeting: Meeting, referrals: Iterable[Referral], *, now: datetime,
                     promises: Iterable[str | Action] = (), advice: Iterable[str] = (),
                     people: Mapping[int, Person | str] | None = None) -> list[Action]:
    """The actions a held meeting creates.

    * a thank-you to the host, due 24 hours after the meeting ended;
    * per referral: contact the suggested person (or, when the host makes the
      introduction, check that it happened), then tell the host how that talk went;
    * per promise: keep it (default due in a week);
    * per piece of advice the user acts on: report back to the host (due in a month).

    Args:
        meeting: the meeting held (``id`` and ``person_id`` set).
        referrals: the people the host suggested.
        now: the current time (timezone-aware); due dates count from the meeting's end.
        promises: texts (or ready :class:`Action` records) of what the user promised.
        advice: advice the user means to act on.
        people: person id -> ``Person`` (or name), to name people in the texts; without it
            people are named by id. The words are not part of :func:`action_key`
            (``rule`` is), so a person renamed does not make a follow-up new.
    """
    host_id = meeting.person_id
    host = _name(people, host_id)
    end = meeting_end(meeting, now)

    def make(what, kind, due, person_id, rule, owner="user"):
        return Action(what=what, kind=kind, owner=owner, due=due, meeting_id=meeting.id,
                      person_id=person_id, created_at=now, rule=rule)

    actions = [make(f"Send {host} a thank-you note", "thank_you",
                    end + timedelta(hours=THANK_YOU_HOURS), host_id, "thank-you")]
    for referral in referrals:
        other = _name(people, referral.to_person_id)
        if referral.contact_by == "host":
            actions.append(make(f"Check that {host} introduced you to {other}; if not, ask "
                                f"{_first(host)} whether you may write to {_first(other)} "
                                "yourself", "contact_referral",
                                end + timedelta(days=HOST_INTRODUCTION_DAYS),
                                referral.to_person_id, "introduction", owner="host"))
        else:
            mention = (f" (you may mention {_first(host)})" if referral.may_mention == "yes"
                       else "")
            actions.append(make(f"Contact {other}, suggested by {host}{mention}",
                                "contact_referral", end + timedelta(days=CONTACT_REFERRAL_DAYS),
                                referral.to_person_id, "contact"))
        actions.append(make(f"Tell {host} how your talk with {other} went", "tell_referrer",
                            end + timedelta(days=TELL_REFERRER_DAYS), host_id,
                            f"about {referral.to_person_id}"))
    for promise in promises:
        if isinstance(promise, Action):
            actions.append(Action(**{**promise.to_dict(), "kind": promise.kind if promise.kind != "other"
                                     else "promise", "meeting_id": promise.meeting_id or meeting.id,
                                     "person_id": promise.person_id or host_id,
                                     "due": promise.due or end + timedelta(days=PROMISE_DAYS),
                                     "created_at": promise.created_at or now}))
        elif str(promise).strip():
            actions.append(make(str(promise).strip(), "promise",
                                end + timedelta(days=PROMISE_DAYS), host_id, None))
    for item in advice:
        if str(item).strip():
            actions.append(make(f"Tell {host} how you acted on their advice: {str(item).strip()}",
                                "report_back", end + timedelta(days=REPORT_BACK_DAYS), host_id,
                                f"advice: {str(item).strip()}"))
    return actions


# ---- 3B7: unanswered requests ---------------------------------------------------------------

def _holiday_calendar(country: str | None, subdiv: str | None = None):
    """The public holidays of a region (``GB``, ``GB-SCT``, ``US-NY``, "Scotland"), or of
    ``country`` and ``subdiv`` given apart; :mod:`infoview.businessdays` reads the region."""
    from infoview.businessdays import holiday_calendar

    if country and subdiv:
        country = f"{country}-{subdiv}"
    return holiday_calendar(country)


def is_business_day(day: date, country: str | None = None, *, calendar=None) -> bool:
    """Monday to Friday, and not a public holiday of ``country`` (a region, when given)."""
    from infoview.businessdays import is_business_day as business

    return business(day, _holiday_calendar(country) if calendar is None else calendar)


def add_business_days(start: date, count: int, country: str | None = None, *, calendar=None) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself is not counted)."""
    from infoview.businessdays import add_business_days as add

    return add(start, count, _holiday_calendar(country) if calendar is None else calendar)


def _at_nine(day: date, like: datetime | None, zone=None) -> datetime:
    tz = zone or (like.tzinfo if like and like.tzinfo else UTC)
    return datetime.combine(day, _DUE_HOUR, tzinfo=tz)


def _by_person(rows: Iterable[Outreach]) -> dict[int, list[Outreach]]:
    out: dict[int, list[Outreach]] = {}
    for row in rows:
        out.setdefault(row.person_id, []).append(row)
    return out


#: Meeting statuses that show a person answered a request (a meeting was agreed).
ANSWERED_STATUSES = ("scheduled", "held", "no_show", "cancelled", "moved")


def _answered(person_id: int, sent: datetime, mine: list[Outreach],
              meetings: Mapping[int, list[Meeting]]) -> bool:
    """Whether a person answered a request sent at ``sent``: a reply recorded on any message
    to them, or a meeting agreed with them since (a meeting held is an answer even when
    the reply itself was never logged)."""
    if any(r.replied_at for r in mine):
        return True
    return any(m.status in ANSWERED_STATUSES and (m.starts_at is None or m.starts_at >= sent)
               for m in meetings.get(person_id, []))


def three_b_seven(outreach_rows: Iterable[Outreach], people: Iterable[Person] | Mapping[int, Person],
                  *, today: date, country: str | None = None,
                  meetings: Iterable[Meeting] = (), zone=None, since: date | None = None,
                  keep: Collection[int] = ()) -> list[Action]:
    """The 3B7 routine for requests that got no reply.

    After 3 business days without a reply, contact the next person at the same
    organisation (someone not yet written to; or find one, when nobody is left). After 7
    business days, follow up with the first person, unless a follow-up was already sent.
    Weekends and the region's public holidays are not business days, and days are the
    user's own: a request sent on Monday morning in Tokyo counts from that Monday.

    Args:
        outreach_rows: every outreach record (requests, replies, follow-ups).
        people: the people records (a list or an id -> Person mapping).
        today: the day the routine is run for (in the user's time zone).
        country: the holiday region (``GB``, ``GB-SCT``, ``US-NY``, "Scotland"), or ``None``.
        meetings: the meetings; a meeting agreed with someone answers their request.
        zone: the user's time zone (a ``tzinfo``); ``None`` reads each request's own.
        since: only requests sent from this day on (a large history has years of them)...
        keep: ...and those to these people, whatever the day.

    Returns:
        Suggested actions due by ``today`` (not saved), oldest request first.
    """
    by_id: dict[int | None, Person] = ({pid: p for pid, p in people.items()}
                                       if isinstance(people, Mapping) else {p.id: p for p in people})
    calendar = _holiday_calendar(country)
    rows = _by_person(outreach_rows)

    @cache
    def due_days(day: date) -> tuple[date, date]:  # many requests share a day
        return (add_business_days(day, NEXT_CONTACT_BUSINESS_DAYS, calendar=calendar),
                add_business_days(day, FOLLOW_UP_BUSINESS_DAYS, calendar=calendar))

    by_org: dict[str, list[Person]] = {}  # built once: a large network has thousands
    for p in by_id.values():
        key = fold(p.organization)
        if key:
            by_org.setdefault(key, []).append(p)
    by_person: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_person.setdefault(meeting.person_id, []).append(meeting)

    # Per organization, once (an organization of hundreds was walked for each request): its
    # people never written to, in order, and its two latest messages from different people.
    @cache
    def never_written(org: str) -> list[Person]:
        return [p for p in by_org.get(org, []) if p.id not in rows]

    @cache
    def latest_two(org: str) -> list[tuple[datetime, int | None]]:
        last = []
        for p in by_org.get(org, []):
            sent_times = [r.sent_at for r in rows.get(p.id or 0, []) if r.sent_at]
            if sent_times:
                last.append((max(sent_times), p.id))
        return sorted(last, key=lambda pair: pair[0], reverse=True)[:2]

    def _written_since(org: str, person_id: int, sent: datetime) -> bool:
        """Whether anyone else at ``org`` was written to at or after ``sent``."""
        return any(at >= sent for at, pid in latest_two(org) if pid != person_id)
    suggestions: list[tuple[datetime, Action]] = []
    for person_id, mine in rows.items():
        person = by_id.get(person_id)
        requested = [r.sent_at for r in mine if r.kind in REQUEST_KINDS and r.sent_at is not None]
        if person is None or not requested:
            continue
        sent = min(requested)  # the first request
        if since is not None and sent.date() < since - timedelta(days=1) and person_id not in keep:
            continue  # long before the window (a day's margin for the time zone)
        if _answered(person_id, sent, mine, by_person):
            continue
        sent_day = sent.astimezone(zone).date() if zone is not None else sent.date()
        if since is not None and sent_day < since and person_id not in keep:
            continue
        org = fold(person.organization)
        third, seventh = due_days(sent_day)
        if today >= third and org and not _written_since(org, person_id, sent):
            fresh = never_written(org)  # never the person themselves: they were written to
            if fresh:
                nxt = fresh[0]
                what = (f"No reply from {person.name} after 3 business days: write to {nxt.name}, "
                        f"also at {person.organization}")
                suggestions.append((sent, Action(what=what, kind="next_contact",
                                                 due=_at_nine(third, sent, zone), person_id=nxt.id,
                                                 rule=f"after {person_id}")))
            else:
                what = (f"No reply from {person.name} after 3 business days: find someone else "
                        f"at {person.organization} to write to")
                suggestions.append((sent, Action(what=what, kind="next_contact",
                                                 due=_at_nine(third, sent, zone), person_id=person_id,
                                                 rule="find someone")))
        followed_up = any(r.kind == "follow_up" and r.sent_at and r.sent_at > sent for r in mine)
        if today >= seventh and not followed_up:
            what = (f"Follow up with {person.name}: no reply to your request of "
                    f"{day_words(sent_day)} after 7 business days")
            suggestions.append((sent, Action(what=what, kind="follow_up",
                                             due=_at_nine(seventh, sent, zone), person_id=person_id,
                                             rule="no reply")))
    return [action for _, action in sorted(suggestions, key=lambda pair: pair[0])]


# ---- keep in touch --------------------------------------------------------------------------

@dataclass
class KeepInTouch:
    """Where one person stands against their keep-in-touch interval.

    ``status`` is ``ok`` (before the ideal date), ``due`` (between the ideal and the
    latest date) or ``overdue`` (past the latest date).
    """

    person_id: int
    name: str
    last_contact: date
    ideal: date
    latest: date
    status: str


def keep_in_touch(people: Iterable[Person], outreach_rows: Iterable[Outreach],
                  meetings: Iterable[Meeting], *, today: date,
                  actions: Iterable[Action] = ()) -> list[KeepInTouch]:
    """Each person the user has a relationship with, against their interval, from records.

    The rule is :func:`infoview.analytics.memory.keep_in_touch_status`, the kit's only one
    (the digest, the outcomes panel and the report use it too): a relationship means a
    meeting was held or they replied at least once (people who never answered belong to
    3B7, not here), and every logged interaction resets the clock: a message sent or
    received, a meeting held (its debrief), a note logged as a message, a follow-up action
    done. The intervals are ``Person.keep_in_touch_days`` (ideal) and
    ``keep_in_touch_max_days`` (latest), about 2 and 3 months by default.
    """
    import pandas as pd  # the rule is pandas-backed; loaded when asked

    tables = {"people": people, "outreach": outreach_rows, "meetings": meetings,
              "actions": actions}
    frames = {}
    for name, rows in tables.items():
        # Records not saved yet have no id: number them below zero, apart from stored ones.
        records = [{**r.to_dict(), "id": r.id if r.id is not None else -n}
                   for n, r in enumerate(rows, 1)]
        if records:
            frames[name] = pd.DataFrame(records)
    return keep_in_touch_from_frames(frames, today=today)


def keep_in_touch_from_frames(frames, *, today: date) -> list[KeepInTouch]:
    """:func:`keep_in_touch` over the store's frames (``store.frames()``), as of the end of
    ``today`` (UTC), longest silence first."""
    import pandas as pd

    from infoview.analytics.memory import keep_in_touch_status

    status = keep_in_touch_status(frames, now=datetime.combine(today, time(23, 59, 59),
                                                               UTC))
    # someone met on a day never recorded has no clock to measure (and is never late)
    return [KeepInTouch(int(row.person_id), str(row.name), row.last_contact.date(),
                        row.ideal_by.date(), row.latest_by.date(), str(row.level))
            for row in status.itertuples() if not pd.isna(row.last_contact)]


def keep_in_touch_actions(statuses: Iterable[KeepInTouch]) -> list[Action]:
    """An action for each person who is due or overdue for a short update."""
    out = []
    for s in statuses:
        if s.status == "ok":
            continue
        late = " (overdue)" if s.status == "overdue" else ""
        out.append(Action(
            what=f"Send {s.name} a short update{late}: last contact {day_words(s.last_contact)}, "
                 f"at the latest by {day_words(s.latest)}",
            kind="keep_in_touch", due=_at_nine(s.ideal, None), person_id=s.person_id,
            rule=f"since {s.last_contact.isoformat()}"))
    return out


# ---- calendar export ------------------------------------------------------------------------

def due_actions_ics(actions: Iterable[Action], path: str | Path, *, stamp: datetime | None = None,
                    store: Store | None = None) -> Path:
    """Write the open actions that have a due date as whole-day events on that date.

    With ``store``, the file is recorded in its exports registry with the people named.

    Done actions and actions without a due date are left out. UIDs come from the action's
    id (or, unsaved, :func:`calendar_uid`), so re-importing updates the events.
    """
    from infoview.prep.ics import calendar_bytes, make_event, new_calendar
    from infoview.store.exports import write_export

    cal = new_calendar()
    count = 0
    people = []
    for action in actions:
        if action.done_at is not None or action.due is None:
            continue
        people.append(action.person_id)
        day = action.due.date()
        cal.add_component(make_event(uid=f"{calendar_uid(action)}@infoview", summary=action.what, start=day,
                                     end=day + timedelta(days=1), stamp=stamp,
                                     description=f"infoview follow-up ({action.kind.replace('_', ' ')})"))
        count += 1
    log.info("%d due actions written to %s", count, path)
    return write_export(store, path, calendar_bytes(cal), kind="calendar", person_ids=people)


_DAY_WORDS = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) "
                        r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?: (\d{4}))?\b")


def calendar_uid(action: Action) -> str:
    """The id of an action's event in a calendar file: ``action-<id>`` once saved; for a
    suggestion not saved (a 3B7 follow-up, a keep-in-touch update) a hash of its kind,
    meeting, person and words as the first calendar files wrote them, so that a file
    exported again updates the events a user imported before instead of adding twins.

    Those files wrote days as "07 Dec" (3B7) and "07 Dec 2026" (keep in touch), before
    :func:`~infoview.times.day_words`: the days are written back that way for the hash."""
    import hashlib

    if action.id is not None:
        return f"action-{action.id}"
    with_year = action.kind != "follow_up"

    def first_style(match: re.Match[str]) -> str:
        day, month, year = match.groups()
        return f"{int(day):02d} {month}" + (f" {year}" if with_year and year else "")

    words = _DAY_WORDS.sub(first_style, action.what)
    key = (action.kind, action.meeting_id, action.person_id, fold(words))
    return "action-" + hashlib.sha1(repr(key).encode()).hexdigest()[:16]

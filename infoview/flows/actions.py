"""Follow-ups the user can finish, and the one list of what is due.

Finishing: :func:`mark_done` ticks an action off (``undo`` brings it back),
:func:`snooze` hides it until a day, :func:`set_due` moves its due date.

The one list: :func:`open_actions` is what every face shows as due or overdue (the CLI's
``actions`` and ``followups``, the digest, the app's home and outcomes pages, the report's
counts). It holds the stored actions not done and not snoozed, plus the 3B7 follow-ups of
unanswered requests computed on the fly from the outreach log (so nobody has to save them
first), without the ones the facts have overtaken: a person who replied, or with whom a
meeting was agreed or held, no longer calls for a "no reply" follow-up, stored or not.
:func:`followup_frames` gives the store's frames with that list in place of the actions
table, for the analytics that read frames (the digest, the report).

Days are the user's: their profile's time zone (else the computer's) and holiday region.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from infoview.errors import BadInput, NotFound
from infoview.flows.routine import routine_records_in_frames, routine_records_since
from infoview.models import Action, Meeting, Outreach, Person
from infoview.prep.followup import action_key, missing_actions, three_b_seven
from infoview.store.schema import COLUMNS
from infoview.times import day_words, local_day, user_tz

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from infoview.store import Store

_DATETIME = next(c for c in COLUMNS["outreach"] if c.name == "sent_at")
#: Action kinds the 3B7 routine creates: they lapse once the person answers.
THREE_B_SEVEN_KINDS = ("next_contact", "follow_up")
#: A due date given as a day means this time of that day, in the user's time zone.
DUE_TIME = time(17, 0)
#: Prefix of the key of a 3B7 follow-up computed but not stored (``s1a2b3c4d``).
SUGGESTED_PREFIX = "s"
#: 3B7 is a routine for the weeks after a request: a computed follow-up is shown for this
#: many days after it fell due, then the request counts as gone cold (it still waits in
#: ``infoview outreach list --waiting``). One saved with ``followups --save`` stays.
FOLLOW_UP_WINDOW_DAYS = 30
#: The most calendar days 7 business days can take (weekends and a run of holidays).
REQUEST_SPAN_DAYS = 21


def recent(suggested: list[Action], now: datetime) -> list[Action]:
    """The computed 3B7 follow-ups still within :data:`FOLLOW_UP_WINDOW_DAYS` of their due
    date (other actions pass through)."""
    cutoff = now - timedelta(days=FOLLOW_UP_WINDOW_DAYS)
    return [a for a in suggested if a.kind not in THREE_B_SEVEN_KINDS or a.due is None
            or a.due >= cutoff]


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def user_clock(store: Store) -> tuple[Any, str | None]:
    """The user's time zone (a ``tzinfo``) and holiday region, from their profile.

    A zone or region stored before it was checked, and no longer valid, falls back to the
    computer's zone and no holidays rather than stopping every list of follow-ups.
    """
    profile = store.get_profile()
    zone = user_tz(profile.timezone)
    region = profile.region
    if region:
        from infoview.businessdays import parse_region

        try:
            parse_region(region)
        except BadInput:
            region = None
    return zone, region


def suggestion_key(action: Action) -> str:
    """The key of a 3B7 follow-up that is computed, not stored: stable while its request
    waits (it comes from :func:`~infoview.prep.followup.action_key`)."""
    digest = hashlib.sha1(repr(action_key(action)).encode("utf-8")).hexdigest()[:8]
    return f"{SUGGESTED_PREFIX}{digest}"


def computed_followups(store: Store, *, now: datetime | None = None, region: str | None = None,
                       every: bool = False, frames: dict[str, Any] | None = None,
                       ) -> tuple[list[Action], set[int]]:
    """The 3B7 follow-ups due by ``now`` and not stored yet, and the ids of stored 3B7
    actions, still open, that the facts have overtaken (the person answered, a meeting was
    agreed, the next person was written to).

    Args:
        store: the open store.
        now: the moment (default: now).
        region: the holiday region (default: the profile's).
        every: also those past :data:`FOLLOW_UP_WINDOW_DAYS` (a key shown earlier stays
            valid while its request waits).
        frames: the store's frames, read in the snapshot the caller holds: the records
            3B7 reads are chosen from them when they hold the columns needed
            (:func:`~infoview.flows.routine.routine_records_in_frames`), not read again.
    """
    zone, profile_region = user_clock(store)
    moment = _now(now)
    today = local_day(moment, zone)
    # Only the stored 3B7 actions can match or be overtaken (a follow-up's key has its kind).
    stored = _stored_routine_actions(store)
    # Requests older than the window cannot call for a new follow-up; only those behind a
    # stored one still open are read again (to see whether it has lapsed).
    since = None if every else today - timedelta(days=FOLLOW_UP_WINDOW_DAYS + REQUEST_SPAN_DAYS)
    still_open = [a for a in stored if a.kind in THREE_B_SEVEN_KINDS and a.done_at is None]
    chosen = None
    if since is not None and frames is not None:
        chosen = routine_records_in_frames(frames, store, since, still_open)
    if since is not None and chosen is None:
        chosen = routine_records_since(store, since, still_open)
    if chosen is None:
        outreach, people, meetings = _routine_records(store)
        keep = _concerned(people, still_open)
    else:
        outreach, people, meetings, keep = chosen
    suggested = three_b_seven(outreach, people, today=today, country=region or profile_region,
                              meetings=meetings, zone=zone, since=since, keep=keep)
    live = {action_key(a) for a in suggested}
    stale = {a.saved_id for a in stored if a.kind in THREE_B_SEVEN_KINDS and a.done_at is None
             and action_key(a) not in live}
    return missing_actions(suggested if every else recent(suggested, moment), stored), stale


def _stored_routine_actions(store: Store) -> list[Action]:
    """The stored actions of the kinds 3B7 creates, oldest first (one scan of the table)."""
    from infoview.store.schema import COLUMNS as columns
    from infoview.store.schema import from_row

    names = ", ".join(c.name for c in columns["actions"])
    kinds = ", ".join("?" * len(THREE_B_SEVEN_KINDS))
    rows = store.execute(f"SELECT {names} FROM actions WHERE kind IN ({kinds}) ORDER BY id",
                         THREE_B_SEVEN_KINDS)
    return [from_row("actions", row) for row in rows]  # type: ignore[misc]


def _concerned(people: list[Person], actions: list[Action]) -> set[int]:
    """The people a stored 3B7 action may have come from: its person, and (for the next
    contact at an organization) everyone at that person's organization."""
    from infoview.text import fold

    ids = {a.person_id for a in actions if a.person_id is not None}
    if not ids:
        return set()
    orgs = {fold(p.organization) for p in people if p.id in ids and p.organization}
    return ids | {p.saved_id for p in people if p.organization and fold(p.organization) in orgs}


def _routine_records(store: Store) -> tuple[list[Outreach], list[Person], list[Meeting]]:
    """What 3B7 reads, and only that: every message (who, what kind, sent, answered),
    people's names and organizations, and meetings' person, status and start. Read column
    by column rather than as whole records: a LinkedIn archive brings tens of thousands of
    messages, and every list of what is due reads them."""
    from infoview.store.schema import from_sql

    def moment(raw: Any) -> datetime | None:
        return from_sql(_DATETIME, raw)

    outreach = [Outreach(person_id=p, kind=k, sent_at=moment(s), replied_at=moment(r), id=i)
                for p, k, s, r, i in store.execute(
                    "SELECT person_id, kind, sent_at, replied_at, id FROM outreach")]
    people = [Person(name=n, organization=o, id=i) for i, n, o in store.execute(
        "SELECT id, name, organization FROM people")]
    meetings = [Meeting(person_id=p, status=st, starts_at=moment(s), id=i)
                for p, st, s, i in store.execute(
                    "SELECT person_id, status, starts_at, id FROM meetings "
                    "WHERE person_id IN (SELECT person_id FROM outreach)")]
    return outreach, people, meetings


def followup_frames(store: Store, *, now: datetime | None = None,
                    frames: dict[str, Any] | None = None) -> dict[str, Any]:
    """The store's frames with the actions table as every face should count it: stored
    actions without the 3B7 ones overtaken, plus the 3B7 ones computed (``id`` empty).

    Done and snoozed actions stay in the table (analytics leave them out of what is due,
    and a done one still counts as a contact); nothing is written.
    """
    return _followup_frames(store, now, frames)[0]


def _followup_frames(store: Store, now: datetime | None,
                     frames: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[Action]]:
    import pandas as pd

    from infoview.store.frames import records_frame

    # a copy (of the same kind: frames read for a purpose still say what they left out)
    frames = (store.frames() if frames is None else frames).copy()
    new, stale = computed_followups(store, now=now, frames=frames)
    stale |= settled_actions(store, now=now)
    actions = frames["actions"]
    if stale:
        actions = actions.loc[~actions["id"].isin(sorted(stale)).to_numpy()]
    if new:  # with the columns read (frames read for a purpose leave some out)
        extra = records_frame("actions", new)[list(actions.columns)]
        actions = pd.concat([actions, extra], ignore_index=True) if len(actions) else extra
    frames["actions"] = actions.reset_index(drop=True)
    return frames, new


def settled_actions(store: Store, *, now: datetime | None = None) -> set[int]:
    """The ids of stored actions, not marked done, that no list shows as open any more: a
    reminder to confirm a meeting that has begun, and a lead to contact whom the user has
    since written to or booked (a mail import can show that). Home, the digest, the
    debrief's list and the CLI all leave these out, so no two of them disagree."""
    return lapsed_confirmations(store, now=now) | contacted_leads(store)


def lapsed_confirmations(store: Store, *, now: datetime | None = None) -> set[int]:
    """The ids of reminders to confirm a meeting, not done, whose meeting has begun: there
    is nothing left to confirm (whether it was held, and is still to be debriefed, or not),
    so they are no longer due anywhere."""
    moment = _now(now)
    lapsed = set()
    for action in store.list(Action, kind=CONFIRM_KIND):
        if action.done_at is not None or action.meeting_id is None:
            continue
        try:
            start = store.get(Meeting, action.meeting_id).starts_at
        except NotFound:
            continue
        if start is not None and start <= moment:
            lapsed.add(action.saved_id)
    return lapsed


def contacted_leads(store: Store) -> set[int]:
    """The ids of actions to contact someone suggested, not done, whom the user has since
    written to or booked a meeting with: the rule by which the digest stops listing them as
    a lead not yet contacted, so the two never disagree."""
    return {row[0] for row in store.execute(
        "SELECT a.id FROM actions AS a WHERE a.kind = 'contact_referral' "
        "AND a.done_at IS NULL AND a.person_id IS NOT NULL "
        "AND (EXISTS (SELECT 1 FROM outreach AS o WHERE o.person_id = a.person_id) "
        "OR EXISTS (SELECT 1 FROM meetings AS m WHERE m.person_id = a.person_id "
        "AND m.status IN ('scheduled', 'held')))")}


def open_actions(store: Store, *, now: datetime | None = None,
                 days: float | None = None) -> pd.DataFrame:
    """THE list of due and overdue actions, soonest first (undated last).

    Stored actions not done and not snoozed past ``now``, plus the 3B7 follow-ups computed
    from the outreach log that are not stored yet, without those already answered or held.

    Args:
        store: the open store.
        now: the moment (default: now).
        days: only those overdue or due within this many days (default: all open ones).

    Returns:
        Columns ``key, id, what, kind, owner, due, overdue, person_id, person, name,
        meeting_id, stored``: ``id`` is empty for a computed follow-up, whose ``key``
        (``s1a2b3c4d``) :func:`mark_done` and :func:`snooze` accept instead; ``person`` and
        ``name`` are the person's name.
    """
    from infoview.analytics.followup import due_actions

    moment = _now(now)
    frames, new = _followup_frames(store, moment)
    table = due_actions(frames, now=moment, days=days).copy()
    table["stored"] = table["id"].notna().astype(bool)
    table["person"] = table["name"]
    keys = {(a.kind, a.what, a.person_id): suggestion_key(a) for a in new}
    table.insert(0, "key", [
        str(int(row.id)) if row.stored else keys.get(
            (str(row.kind), str(row.what),
             None if pd_missing(row.person_id) else int(row.person_id)), "")
        for row in table.itertuples()
    ])
    columns = ["key", "id", "what", "kind", "owner", "due", "overdue", "person_id", "person",
               "name", "meeting_id", "stored"]
    out = table[columns]
    out.attrs.update(table.attrs)
    return out


def open_action_records(store: Store, *, now: datetime | None = None,
                        days: float | None = None) -> list[Action]:
    """:func:`open_actions` as records (a computed 3B7 follow-up has no id), e.g. for a
    calendar file of what is due."""
    table = open_actions(store, now=now, days=days)
    records = []
    for row in table.itertuples():
        due = None if pd_missing(row.due) else row.due.to_pydatetime()
        records.append(Action(
            what=str(row.what), kind=str(row.kind), owner=str(row.owner), due=due,
            person_id=None if pd_missing(row.person_id) else int(row.person_id),
            meeting_id=None if pd_missing(row.meeting_id) else int(row.meeting_id),
            id=None if pd_missing(row.id) else int(row.id)))
    return records


def pd_missing(value: Any) -> bool:
    """Whether a cell of a frame is empty (``None``, ``NaN``, ``NA``)."""
    import pandas as pd

    return value is None or bool(pd.isna(value))


# ---- finishing an action ----------------------------------------------------------------------

def _stored(store: Store, action_id: int | str, *, now: datetime | None = None) -> Action:
    """The stored action ``action_id``; a key of a computed 3B7 follow-up stores it first."""
    text = str(action_id).strip()
    if isinstance(action_id, int) or text.isdigit():
        try:
            return store.get(Action, int(text))
        except NotFound as exc:
            raise NotFound(f"there is no follow-up {text}; it may have been deleted") from exc
    if text.lower().startswith(SUGGESTED_PREFIX):
        new, _stale = computed_followups(store, now=now, every=True)
        for action in new:
            if suggestion_key(action) == text.lower():
                action.created_at = _now(now)
                return store.add(action)
        raise NotFound(f"the follow-up {text} is no longer suggested (the request was "
                       "answered, or it was already kept)")
    raise BadInput(f"{text!r} is not a follow-up: use the number (or the s... key) shown "
                   "in the list of actions")


def mark_done(store: Store, action_id: int | str, *, undo: bool = False,
              at: datetime | None = None) -> Action:
    """Tick an action off (done at ``at``, default now), or with ``undo`` bring it back.

    Undo also clears a snooze, so the action is open again from now. Marking a done action
    done again keeps the first time it was done.

    Raises:
        NotFound: no such action.
    """
    with store.transaction():
        action = _stored(store, action_id, now=at)
        if undo:
            action.done_at = None
            action.snoozed_until = None
        elif action.done_at is None:
            action.done_at = _now(at)
        return store.update(action)


def snooze(store: Store, action_id: int | str, until: date | None) -> Action:
    """Hide an action until ``until`` (it is due again from that day); ``None`` wakes it.

    Raises:
        BadInput: the day is not after today, or the action is already done.
        NotFound: no such action.
    """
    if isinstance(until, datetime):
        until = until.date()
    zone, _region = user_clock(store)
    today = local_day(datetime.now(UTC), zone)
    if until is not None and until <= today:
        raise BadInput(f"snooze it to a day after today ({day_words(today)}), not "
                       f"{day_words(until)}")
    with store.transaction():
        action = _stored(store, action_id)
        if action.done_at is not None and until is not None:
            raise BadInput("this follow-up is already done; bring it back first to snooze it")
        action.snoozed_until = until
        return store.update(action)


def set_due(store: Store, action_id: int | str, due: date | datetime | None) -> Action:
    """Give an action a new due date (a day means 17:00 that day in the user's time zone);
    ``None`` leaves it undated.

    Raises:
        NotFound: no such action.
    """
    if due is not None and not isinstance(due, datetime):
        zone, _region = user_clock(store)
        due = datetime.combine(due, DUE_TIME, tzinfo=zone)
    elif due is not None and due.tzinfo is None:
        zone, _region = user_clock(store)
        due = due.replace(tzinfo=zone)
    with store.transaction():
        action = _stored(store, action_id)
        action.due = due
        return store.update(action)


# ---- the reminder to confirm a meeting ------------------------------------------------------

#: The action kind of the reminder to confirm a meeting the day before.
CONFIRM_KIND = "confirm"
#: How long before the start the confirmation is due.
CONFIRM_BEFORE = timedelta(days=1)


def sync_confirm_reminder(store: Store, meeting: Meeting, *,
                          now: datetime | None = None) -> Action | None:
    """Keep the reminder to confirm a booked meeting in step with it.

    A scheduled meeting still ahead gets one action, due a day before it starts (from the
    moment it is made when that is sooner), to confirm time, place and length by email; moving the meeting
    moves the reminder. A meeting no longer scheduled, or already begun, loses a reminder
    not yet done. Returns the reminder, or ``None``.
    """
    moment = _now(now)
    existing = store.list(Action, meeting_id=meeting.id, kind=CONFIRM_KIND)
    pending = [a for a in existing if a.done_at is None]
    wanted = (meeting.status == "scheduled" and meeting.starts_at is not None
              and meeting.starts_at > moment)
    if not wanted:
        for action in pending:
            store.delete(Action, action.saved_id)
        return None
    assert meeting.starts_at is not None  # for the type checker: wanted says so
    name = store.get(Person, meeting.person_id).name
    # The meeting's day in it: two meetings with one person gave two lines alike on Home
    day = day_words(local_day(meeting.starts_at, user_tz(store.get_profile().timezone)),
                    year=False)
    what = f"Confirm the day, time, place and length of the {day} meeting with {name}"
    # Due the day before, never before it was made: one made later (a meeting booked for
    # tomorrow) is due from the moment it was made, and stays so at the next save rather
    # than moving on with every save.
    natural = meeting.starts_at - CONFIRM_BEFORE
    due = max(natural, moment)
    held = pending[-1].due if pending else None
    if held is not None and natural <= held < meeting.starts_at:
        due = held
    if existing:
        reminder = existing[-1]
        if reminder.done_at is None and (reminder.due != due or reminder.what != what):
            reminder.due, reminder.what = due, what
            store.update(reminder)
        return reminder
    return store.add(Action(what=what, kind=CONFIRM_KIND, due=due, meeting_id=meeting.id,
                            person_id=meeting.person_id, created_at=moment))

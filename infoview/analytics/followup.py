"""Follow-up health: thank-yous on time, actions overdue, leads waiting, contacts gone stale.

Each check is its own function returning a DataFrame (the dashboard and ``infoview
actions`` show them as tables); :func:`follow_up_health` puts the headline figures in one
small table. ``now`` is a parameter everywhere so that results are reproducible in tests.
"""

from __future__ import annotations

import math
from typing import Any

from infoview.analytics._frames import (
    Frames,
    in_range,
    is_in,
    lookup,
    now_utc,
    person_field,
    safe_ratio,
    shared,
    table,
    to_utc,
    with_message,
)
from infoview.errors import BadInput
from infoview.text import count_of

#: The widest window, in days, that :func:`due_actions` accepts (about a century).
MAX_DAYS = 36500

#: A thank-you counts as on time when sent within this many hours of the meeting's end.
THANK_YOU_HOURS = 24


def thank_you_timeliness(frames: Frames, *, since=None, until=None, now=None):
    """One row per held meeting: when the thank-you went out and whether it was on time.

    The thank-you is the first ``thanks`` message to the meeting's person sent after the
    meeting started, or a ``thank_you`` action for the meeting marked done, whichever came
    first. ``hours_after`` counts from the meeting's planned end. A thank-you not sent yet
    whose 24 hours have not run out by ``now`` is ``not_yet_due``: neither on time nor late.
    A meeting held on a day never recorded is ``not_measured``: no clock runs without a
    day, so its thank-you, sent or not, is neither on time nor late (its follow-up action
    still falls due, a day after the debrief was saved).

    Returns:
        ``meeting_id, person_id, name, starts_at, thanked_at, hours_after, within_24h,
        not_yet_due, not_measured``.
    """
    import pandas as pd

    meetings = table(frames, "meetings")
    outreach = table(frames, "outreach")
    actions = table(frames, "actions")
    held = meetings.loc[
        is_in(meetings["status"], ["held"])
        & in_range(meetings["starts_at"], since, until).to_numpy()
    ]
    columns = ["meeting_id", "person_id", "name", "starts_at", "thanked_at", "hours_after", "within_24h",
               "not_yet_due", "not_measured"]
    if held.empty:
        return with_message(pd.DataFrame(columns=columns), "no meetings held in this selection.")
    held = held[["id", "person_id", "starts_at", "planned_minutes"]].rename(columns={"id": "meeting_id"})
    minutes = pd.to_numeric(held["planned_minutes"], errors="coerce").fillna(0).astype("float64")
    held["ends_at"] = held["starts_at"] + pd.to_timedelta(minutes, unit="m")

    thanks = outreach.loc[is_in(outreach["kind"], ["thanks"]), ["person_id", "sent_at"]]
    by_message = held.merge(thanks, on="person_id", how="inner")
    by_message = by_message[by_message["sent_at"] >= by_message["starts_at"]]
    first_message = by_message.groupby("meeting_id")["sent_at"].min()
    done = actions.loc[
        is_in(actions["kind"], ["thank_you"]) & actions["done_at"].notna().to_numpy(),
        ["meeting_id", "done_at"],
    ].dropna(subset=["meeting_id"])
    first_action = done.groupby("meeting_id")["done_at"].min()
    stamps = pd.concat([first_message, first_action])
    thanked = stamps.groupby(level=0).min()

    held["name"] = person_field(frames, held["person_id"])
    held["thanked_at"] = lookup(held["meeting_id"], thanked)
    hours = (held["thanked_at"] - held["ends_at"]).dt.total_seconds() / 3600.0
    held["hours_after"] = hours.clip(lower=0)
    held["within_24h"] = (hours <= THANK_YOU_HOURS).fillna(False).astype(bool)
    deadline = held["ends_at"] + pd.Timedelta(hours=THANK_YOU_HOURS)
    held["not_yet_due"] = (held["thanked_at"].isna().to_numpy()
                           & (deadline > now_utc(now)).to_numpy(dtype=bool, na_value=False))
    held["not_measured"] = held["starts_at"].isna().to_numpy(dtype=bool)
    return held[columns].sort_values("starts_at").reset_index(drop=True)


#: A snoozed action comes back on its day, due at this hour (UTC), like a date typed
#: without a time (the end of the working day).
SNOOZE_DUE_HOUR = 17


def _days_words(days: float) -> str:
    """A window of days in words: "1 day", "7 days", "1.5 days"."""
    return count_of(int(days), "day") if days == int(days) else f"{days:g} days"


@shared
def _open_actions(frames: Frames, now=None):
    """Actions not done yet and not snoozed past ``now``, with the person they concern
    (directly or via the meeting).

    A snoozed action is hidden until its ``snoozed_until`` day (in UTC); from that day it is
    due no earlier than that day (:data:`SNOOZE_DUE_HOUR`), so it comes back as due, not as
    long overdue.
    """
    import pandas as pd

    actions = table(frames, "actions")
    stamp = now_utc(now)
    open_ = actions.loc[actions["done_at"].isna()].copy()
    if len(open_) and open_["snoozed_until"].notna().any():
        until = to_utc(open_["snoozed_until"])
        hidden = (until > pd.Timestamp(stamp.date(), tz="UTC")).fillna(False).astype(bool)
        open_ = open_.loc[~hidden.to_numpy()].copy()
        back = until.loc[open_.index] + pd.Timedelta(hours=SNOOZE_DUE_HOUR)
        later = (back.notna() & ~(open_["due"] >= back).fillna(False)).astype(bool)
        open_["due"] = open_["due"].where(~later, back.astype(open_["due"].dtype))
    meeting_person = table(frames, "meetings").set_index("id")["person_id"]
    who = open_["person_id"].astype("Int64").fillna(
        lookup(open_["meeting_id"], meeting_person).astype("Int64")
    )
    open_["person_id"] = who
    open_["name"] = person_field(frames, who)
    return open_


@shared
def overdue_actions(frames: Frames, *, now=None):
    """Open actions (the user's and the host's) whose due date has passed, most overdue first.

    Returns ``id, what, kind, owner, due, days_overdue, person_id, name, meeting_id``.
    """
    import pandas as pd

    open_ = _open_actions(frames, now=now)
    stamp = now_utc(now)
    late = open_.loc[(open_["due"] < stamp).fillna(False).astype(bool)].copy()
    columns = ["id", "what", "kind", "owner", "due", "days_overdue", "person_id", "name", "meeting_id"]
    if late.empty:
        return with_message(pd.DataFrame(columns=columns), "no action is overdue.")
    late["days_overdue"] = ((stamp - late["due"]).dt.total_seconds() / 86400.0).round(1)
    return by_due_then_id(late[columns]).reset_index(drop=True)


def by_due_then_id(actions):
    """``actions.sort_values(["due", "id"])``: soonest due first, then by id, missing ones
    last, rows alike in their order. Sorted on the two columns' whole numbers at once
    (pandas turns each column into categories first, most of the time on the hundred
    thousand open actions of a large store); any other kind of column, by pandas."""
    import numpy as np
    import pandas as pd

    due, ids = actions["due"], actions["id"]
    if not (isinstance(due.dtype, pd.DatetimeTZDtype)
            and pd.api.types.is_integer_dtype(ids.dtype)):
        return actions.sort_values(["due", "id"])
    due_missing, id_missing = due.isna().to_numpy(), ids.isna().to_numpy()
    order = np.lexsort((ids.to_numpy(dtype="int64", na_value=0), id_missing,
                        due.array.asi8, due_missing))
    return actions.take(order)


@shared
def due_actions(frames: Frames, *, now=None, days: float | None = None):
    """Open actions, soonest due first (overdue ones included, undated ones last).

    With ``days``, only those due within that many days from ``now`` (or already overdue).
    Returns ``id, what, kind, owner, due, overdue, person_id, name, meeting_id``.
    """
    import pandas as pd

    if days is not None and not (math.isfinite(days) and abs(days) <= MAX_DAYS):
        raise BadInput(f"days must be a number from -{MAX_DAYS} to {MAX_DAYS}, not {days}.")
    open_ = _open_actions(frames, now=now)
    stamp = now_utc(now)
    if days is not None:
        open_ = open_.loc[(open_["due"] <= stamp + pd.Timedelta(days=days)).fillna(False).astype(bool)]
    columns = ["id", "what", "kind", "owner", "due", "overdue", "person_id", "name", "meeting_id"]
    if open_.empty:
        # With a window, later actions may well be open: say what is empty, not "none open".
        return with_message(pd.DataFrame(columns=columns), "no follow-ups to do." if days is None
                            else f"nothing due in the next {_days_words(days)}.")
    return _listed(open_, stamp)


def _listed(open_, stamp):
    """Open actions as :func:`due_actions` lists them: ``overdue`` marked, soonest first."""
    columns = ["id", "what", "kind", "owner", "due", "overdue", "person_id", "name", "meeting_id"]
    open_ = open_.copy()
    open_["overdue"] = (open_["due"] < stamp).fillna(False).astype(bool)
    return by_due_then_id(open_[columns]).reset_index(drop=True)


def open_promises(frames: Frames, *, now=None):
    """Promises not yet kept, by either side, with ``overdue`` marked."""
    open_ = _open_actions(frames, now=now)
    if open_.empty:
        actions = due_actions(frames, now=now)
        promises = actions.loc[is_in(actions["kind"], ["promise"])].reset_index(drop=True)
    else:  # the promises of due_actions' list: picked out first, so only they are sorted
        promises = _listed(open_.loc[is_in(open_["kind"], ["promise"])], now_utc(now))
    if promises.empty:
        promises.attrs.clear()
        return with_message(promises, "no promise waiting to be kept.")
    return promises


@shared
def uncontacted_leads(frames: Frames):
    """People suggested by someone whom the user has neither written to nor met.

    Returns ``person_id, name, organization, referred_by, referrer, may_mention,
    contact_by, referred_at``; one row per person (the earliest referral).
    """
    import pandas as pd

    referrals = table(frames, "referrals")
    outreach = table(frames, "outreach")
    meetings = table(frames, "meetings")
    reached = pd.concat([
        outreach["person_id"],
        meetings.loc[is_in(meetings["status"], ["scheduled", "held"]), "person_id"],
    ]).dropna().astype("int64").unique()
    columns = ["person_id", "name", "organization", "referred_by", "referrer",
               "may_mention", "contact_by", "referred_at"]
    leads = referrals.dropna(subset=["to_person_id"])
    if leads.empty:  # "every suggested person has been contacted" when nobody was is untrue
        return with_message(pd.DataFrame(columns=columns), "nobody has suggested anyone to you yet.")
    leads = leads.loc[~leads["to_person_id"].astype("int64").isin(reached)]
    if leads.empty:
        return with_message(pd.DataFrame(columns=columns), "every suggested person has been contacted.")
    # stable: of two suggestions made at the same moment the first saved is kept
    leads = (leads.sort_values("created_at", na_position="last", kind="stable")
             .drop_duplicates("to_person_id")
             .rename(columns={"to_person_id": "person_id", "from_person_id": "referred_by",
                              "created_at": "referred_at"}))
    leads["name"] = person_field(frames, leads["person_id"])
    leads["organization"] = person_field(frames, leads["person_id"], "organization")
    leads["referrer"] = person_field(frames, leads["referred_by"])
    return leads[columns].reset_index(drop=True)


@shared
def stale_contacts(frames: Frames, *, now=None):
    """People met whose last contact is older than their keep-in-touch interval.

    The last contact is the latest interaction of any kind (a message either way, a
    meeting held, a follow-up done: :func:`infoview.analytics.memory.touches`); this is
    :func:`~infoview.analytics.memory.losing_touch` in its original columns.
    Returns ``person_id, name, organization, last_contact, days_since, keep_in_touch_days,
    past_max`` (``past_max``: beyond ``keep_in_touch_max_days`` too), stalest first.
    """
    from infoview.analytics.memory import losing_touch

    columns = ["person_id", "name", "organization", "last_contact", "days_since",
               "keep_in_touch_days", "past_max"]
    late = losing_touch(frames, now=now)
    stale = late.assign(past_max=(late["level"] == "overdue").astype(bool))[columns]
    stale.attrs.update(late.attrs)
    return stale


#: The row of :func:`follow_up_health` counting the thank-yous of meetings held on a day
#: never recorded, and what their share says when they are all there is.
NOT_MEASURED_ROW = "thank-yous not measured (meeting day not recorded)"
NOT_MEASURED_SHARE = "none measured: no meeting day recorded"


def thank_you_rows(thanks) -> list[tuple[str, Any]]:
    """The thank-you rows of :func:`follow_up_health` from :func:`thank_you_timeliness`:
    how many were on time, how many are not due yet and how many cannot be measured (a
    row each only when some are), and the share on time of those measured and due by
    now, so a thank-you whose 24 hours still run, or whose meeting has no day, is never
    counted late. With nothing to measure yet, the share says why in words."""
    import pandas as pd

    held = len(thanks)
    on_time = int(thanks["within_24h"].sum()) if held else 0
    waiting = int(thanks["not_yet_due"].sum()) if held else 0
    unmeasured = int(thanks["not_measured"].sum()) if held else 0
    share = safe_ratio(pd.Series([on_time]), pd.Series([held - waiting - unmeasured])).iloc[0]
    rows: list[tuple[str, Any]] = [("thank-yous within 24 h", on_time)]
    if waiting:
        rows.append(("thank-yous not yet due", waiting))
    if unmeasured:
        rows.append((NOT_MEASURED_ROW, unmeasured))
    if held and held == waiting + unmeasured:
        rows.append(("share of thank-yous on time",
                     "none due yet" if waiting else NOT_MEASURED_SHARE))
    else:
        rows.append(("share of thank-yous on time",
                     None if share != share else round(float(share), 3)))
    return rows


@shared
def follow_up_health(frames: Frames, *, since=None, until=None, now=None):
    """The headline figures of follow-up health as a two-column table (``check``, ``value``).

    Rows: meetings held, thank-yous within 24 h, those not yet due and those not measured
    (each only when there are any), the share on time, open actions, overdue actions,
    promises not yet kept, leads not yet contacted, people losing touch (as the digest and
    the This week tab call them).
    """
    import pandas as pd

    thanks = thank_you_timeliness(frames, since=since, until=until, now=now)
    held = len(thanks)
    rows = [("meetings held", held), *thank_you_rows(thanks)]
    rows += [
        ("open actions", len(_open_actions(frames, now=now))),  # due_actions' rows
        ("overdue actions", len(overdue_actions(frames, now=now))),
        ("promises not yet kept", len(open_promises(frames, now=now))),
        ("leads not yet contacted", len(uncontacted_leads(frames))),
        ("people losing touch", len(stale_contacts(frames, now=now))),
    ]
    return pd.DataFrame(rows, columns=["check", "value"], dtype=object)

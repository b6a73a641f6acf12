"""Relationship memory: every interaction with a person, and who the user is losing touch with.

:func:`touches` lists every logged interaction, one row each: a message sent to a person, a
reply received from them, any other message received from them (found by a mail import),
a meeting held with them, and a follow-up action done for them
(a thank-you ticked off, a promise kept, a referrer told how it went, a lead contacted).
Any of them resets that person's keep-in-touch clock. A note about a conversation that
happened elsewhere (a chat at an event, a call) is logged as an outreach row of kind
``other``, so it counts as a message.

:func:`keep_in_touch_status` is the one keep-in-touch rule of the kit (the follow-up
suggestions of ``infoview followups``, the weekly digest, the outcomes panel and the report
all use it). It measures everyone the user has a relationship with (a meeting held, or a
reply received) against their own interval (``Person.keep_in_touch_days``, then
``keep_in_touch_max_days``), counting whole calendar days (UTC) since the last touch: from
the ideal interval on the level is ``due``, past the maximum too ``overdue``.
:func:`losing_touch` lists those who are late.
"""

from __future__ import annotations

from typing import Any

from infoview.analytics._frames import (
    Frames,
    is_in,
    lookup,
    now_utc,
    shared,
    table,
    with_message,
)

#: What each kind of touch is called in :func:`touches`.
TOUCH_KINDS: tuple[str, ...] = ("message sent", "reply received", "message received",
                                "meeting held", "action done")
#: Keep-in-touch levels, from fine to late.
LEVELS: tuple[str, ...] = ("ok", "due", "overdue")
#: The late levels as a person says them: past the ideal interval, past the maximum.
LEVEL_WORDS: dict[str, str] = {"due": "later than you meant", "overdue": "far too long"}
#: The defaults of :class:`~infoview.models.Person` for a missing interval.
DEFAULT_DAYS, DEFAULT_MAX_DAYS = 60, 90
#: Intervals are cut to 0 .. this many days: a longer one never runs out within the years
#: the store keeps (and a count of days near 2**63 cannot be added to a date).
LONGEST_DAYS = 366 * 300


def touches(frames: Frames, *, now=None):
    """Every logged interaction with a person, newest first.

    Interactions after ``now`` (a meeting planned, a message scheduled) are left out, but
    a meeting debriefed as held before its planned start counts as held at ``now``.

    Returns:
        ``person_id, at, what`` (one of :data:`TOUCH_KINDS`); an empty table, with a
        message, when nothing is logged yet.
    """
    import pandas as pd

    columns = ["person_id", "at", "what"]
    out = _logged(frames, now)
    if out is None:
        return with_message(pd.DataFrame(columns=columns), "no interaction logged yet.")
    return (
        out[columns]
        .sort_values(["at", "person_id"], ascending=[False, True])
        .reset_index(drop=True)
    )


def _logged(frames: Frames, now=None):
    """The touches up to ``now`` in the order they are gathered (messages sent, replies,
    messages received, meetings held, actions done; each in the table's order), before
    :func:`touches` sorts them; ``None`` when there is none."""
    import pandas as pd

    stamp = now_utc(now)
    parts = [pd.DataFrame({"person_id": pd.to_numeric(ids).astype("Float64"), "at": times})
             .assign(what=what) for what, ids, times in _touch_parts(frames, stamp)]
    if not parts:
        return None
    out = pd.concat(parts, ignore_index=True).dropna(subset=["person_id", "at"])
    out = out.loc[(out["at"] <= stamp).to_numpy()]
    if out.empty:
        return None
    out["person_id"] = out["person_id"].astype("int64")
    return out


def _touch_parts(frames: Frames, stamp: Any) -> list[tuple[str, Any, Any]]:
    """The kinds of touch in the order :func:`_logged` gathers them, each as ``(what,
    person ids, times)`` (two Series of the table's rows), kinds without rows left out.

    A meeting debriefed as held while its planned start (``stamp`` is now, in UTC) is still
    ahead was held early, by now at the latest: it counts as held now (met today), so the
    person is met and their clock runs; once the planned start has passed, it counts on
    that day as any other.
    """
    import pandas as pd

    outreach = table(frames, "outreach")
    meetings = table(frames, "meetings")
    actions = table(frames, "actions")
    mail = table(frames, "mail_messages")
    held = is_in(meetings["status"], ["held"])
    done = actions["done_at"].notna().to_numpy() & is_in(actions["owner"], ["user"])
    meeting_person = meetings.drop_duplicates("id").set_index("id")["person_id"]
    done_person = (pd.to_numeric(actions["person_id"][done]).astype("Float64")
                   .fillna(lookup(actions["meeting_id"][done],
                                  pd.to_numeric(meeting_person).astype("Float64"))))
    received = is_in(mail["direction"], ["received"])
    met_at = meetings["starts_at"][held]
    ahead = (met_at > stamp).to_numpy(dtype=bool, na_value=False)
    if ahead.any():  # (a store with no held meeting dated ahead keeps its times as they are)
        met_at = met_at.where(~ahead, stamp).astype(met_at.dtype)
    parts = [
        ("message sent", outreach["person_id"], outreach["sent_at"]),
        ("reply received", outreach["person_id"], outreach["replied_at"]),
        # A message they sent is a touch whether or not it answered one of the user's (a
        # message the user sent is already an outreach row, so only received ones count).
        ("message received", mail["person_id"][received], mail["sent_at"][received]),
        ("meeting held", meetings["person_id"][held], met_at),
        ("action done", done_person, actions["done_at"][done]),
    ]
    return [part for part in parts if len(part[1])]


def _latest(frames: Frames, now=None):
    """``last_contact, last_what`` of each person, indexed by person id: what
    :func:`last_touch` gives (the latest touch up to ``now``, and of the touches at that
    moment the first gathered, which is the one the stable sort of :func:`touches` puts
    first), found with whole arrays (:func:`_touch_summary`). Gathering every touch into
    one table took a second for a million messages."""
    return _touch_summary(frames, now)[0]


#: The touches that make a relationship (:func:`keep_in_touch_status`): they replied, or
#: a meeting with them was held.
RELATING: tuple[str, ...] = ("reply received", "meeting held")
#: What a person's last contact is when all the kit knows is a meeting held on a day never
#: written down (added without a date, then debriefed): they were met, the day is unknown.
UNDATED_MEETING = "meeting held, day not recorded"


def _met_undated(frames: Frames):
    """The ids of the people with a meeting held whose day was never recorded (an int64
    array, in no order, repeats possible): met all the same, so :func:`keep_in_touch_status`
    counts them as the funnel does ("met")."""
    import numpy as np
    import pandas as pd

    meetings = table(frames, "meetings")
    undated = is_in(meetings["status"], ["held"]) & meetings["starts_at"].isna().to_numpy()
    person = pd.to_numeric(meetings["person_id"][undated]).to_numpy(dtype="float64",
                                                                    na_value=np.nan)
    return person[~np.isnan(person)].astype(np.int64)


def _touch_summary(frames: Frames, now=None) -> tuple[Any, Any]:
    """:func:`_latest`, and the ids of the people with a :data:`RELATING` touch up to
    ``now`` (an int64 array, in no order), from one pass over the touches.

    Per kind of touch, each person's latest time (``np.maximum.at`` over that kind's
    rows); the latest of the kinds, and of the kinds at that time the first gathered,
    is the last touch. The people related are those with a time of a relating kind.
    """
    import numpy as np
    import pandas as pd

    columns = ["person_id", "last_contact", "last_what"]
    stamp = now_utc(now)
    parts = _touch_parts(frames, stamp)
    # the times in the unit pandas would give them all in one column
    unit = pd.concat([times.iloc[:0] for _, _, times in parts]).dt.unit if parts else "us"
    people, moments = [], []
    for _, ids, times in parts:
        person = pd.to_numeric(ids).to_numpy(dtype="float64", na_value=np.nan)
        keep = ~np.isnan(person) & (times <= stamp).fillna(False).to_numpy(dtype=bool)
        people.append(person[keep].astype(np.int64))
        moments.append(pd.DatetimeIndex(times[keep]).as_unit(unit).asi8)
    person = np.concatenate(people) if people else np.zeros(0, dtype=np.int64)
    if not len(person):
        return pd.DataFrame(columns=columns).set_index("person_id"), person
    low, high = int(person.min()), int(person.max())
    if low >= 0 and high < 4 * len(person) + 1024:  # ids as the store hands them out
        slot, uniques = person, np.arange(high + 1)
    else:
        slot, uniques = pd.factorize(person)
    # each kind's latest time per person (NaT's number where the kind has none)
    never = np.iinfo(np.int64).min
    best = np.full((len(parts), len(uniques)), never, dtype=np.int64)
    edges = np.cumsum([0, *map(len, people)])
    for k in range(len(parts)):
        np.maximum.at(best[k], slot[edges[k]:edges[k + 1]], moments[k])
    latest = best.max(axis=0)
    touched = np.flatnonzero(latest != never)
    first = (best[:, touched] == latest[touched]).argmax(axis=0)  # the earliest kind wins
    relating = [k for k, (what, _, _) in enumerate(parts) if what in RELATING]
    related = uniques[np.flatnonzero((best[relating] != never).any(axis=0))]
    contact = pd.Series(latest[touched].view(f"datetime64[{unit}]")).dt.tz_localize("UTC")
    whats = np.array([what for what, _, _ in parts], dtype=object)
    out = pd.DataFrame({"last_contact": contact, "last_what": whats[first]})
    out.index = pd.Index(uniques[touched], name="person_id")
    return out, np.asarray(related, dtype=np.int64)


def last_touch(frames: Frames, *, now=None):
    """The latest interaction with each person: ``person_id, last_contact, last_what``."""
    import pandas as pd

    all_ = touches(frames, now=now)
    if all_.empty:
        return pd.DataFrame(columns=["person_id", "last_contact", "last_what"])
    latest = all_.drop_duplicates("person_id")  # sorted newest first
    return latest.rename(columns={"at": "last_contact", "what": "last_what"}).reset_index(drop=True)


@shared
def keep_in_touch_status(frames: Frames, *, now=None):
    """Everyone the user has a relationship with (met, or who replied), against their
    keep-in-touch interval: the one keep-in-touch rule.

    Every logged interaction (:func:`touches`) resets the clock. The level counts whole
    days (UTC calendar days) from the last touch to ``now``: ``due`` from the ideal interval
    on, ``overdue`` past the maximum.

    Returns:
        ``person_id, name, organization, last_contact, last_what, days_since,
        keep_in_touch_days, keep_in_touch_max_days, ideal_by, latest_by, level`` with
        ``level`` one of :data:`LEVELS`, latest contact last. Empty (with a message) when
        nobody has been met yet and nobody replied. Someone met only on a day never recorded
        has no ``last_contact`` (nor days or dates counted from it), ``last_what``
        :data:`UNDATED_MEETING` and level ``ok``: no clock can run without a day, so they are
        never called late, and :func:`losing_touch` names them apart.
    """
    import numpy as np
    import pandas as pd

    people = table(frames, "people")
    stamp = now_utc(now)
    columns = [
        "person_id",
        "name",
        "organization",
        "last_contact",
        "last_what",
        "days_since",
        "keep_in_touch_days",
        "keep_in_touch_max_days",
        "ideal_by",
        "latest_by",
        "level",
    ]
    # the people met or who replied by now: those with a RELATING touch, and those met on
    # a day never recorded (met all the same: the funnel counts them, so this list does)
    latest, related = _touch_summary(frames, now)
    undated = _met_undated(frames)
    if len(undated):  # (a store where every held meeting has a day pays nothing more)
        related = np.concatenate([related, undated])
    known = people.loc[pd.to_numeric(people["id"]).isin(related).to_numpy(),  # what is shown
                       ["id", "name", "organization", "keep_in_touch_days",
                        "keep_in_touch_max_days"]]
    if known.empty:
        return with_message(
            pd.DataFrame(columns=columns),
            "no meetings held (and no replies) yet, so nobody to keep in touch with.",
        )
    known["person_id"] = pd.to_numeric(known["id"]).astype("int64")
    known["last_contact"] = lookup(known["person_id"], latest["last_contact"])
    if not isinstance(known["last_contact"].dtype, pd.DatetimeTZDtype):  # no day known at all
        known["last_contact"] = pd.to_datetime(known["last_contact"], utc=True)
    # someone known only by a meeting on an unknown day: no day to count from, said so
    known["last_what"] = lookup(known["person_id"], latest["last_what"].astype("object"))
    if len(undated):
        known["last_what"] = known["last_what"].where(known["last_contact"].notna(),
                                                      UNDATED_MEETING)
    known["days_since"] = ((stamp - known["last_contact"]).dt.total_seconds() / 86400.0).round(1)
    ideal = (pd.to_numeric(known["keep_in_touch_days"], errors="coerce").fillna(DEFAULT_DAYS)
             .clip(0, LONGEST_DAYS))
    maximum = (pd.to_numeric(known["keep_in_touch_max_days"], errors="coerce")
               .fillna(DEFAULT_MAX_DAYS).clip(0, LONGEST_DAYS))
    maximum = maximum.where(maximum >= ideal, ideal)  # a maximum below the ideal means the ideal
    known["keep_in_touch_days"] = ideal.astype("int64")
    known["keep_in_touch_max_days"] = maximum.astype("int64")
    known["ideal_by"] = known["last_contact"] + pd.to_timedelta(ideal, unit="D")
    known["latest_by"] = known["last_contact"] + pd.to_timedelta(maximum, unit="D")
    # whole calendar days, so "due on 1 Nov" holds all day whatever the hour of the touch
    days = (stamp.normalize() - known["last_contact"].dt.normalize()).dt.days
    past_ideal = (days >= ideal).fillna(False).to_numpy()
    past_max = (days > maximum).fillna(False).to_numpy()
    known["level"] = pd.Series(past_max, index=known.index).map({True: "overdue", False: "due"})
    known.loc[~past_ideal, "level"] = "ok"
    return (
        known[columns]
        .sort_values(["days_since", "person_id"], ascending=[False, True])
        .reset_index(drop=True)
    )


def undated_note(count: int, *, others_late: bool = False) -> str:
    """The sentence on the ``count`` people met on a day never recorded: met, but no clock
    to measure them by, and where to give the day. It opens with "nobody is late, but"
    when the losing-touch list is empty, and with "also" when ``others_late`` (it then
    follows the list, in one line, in the app and in ``infoview digest`` alike)."""
    who = "1 person you met has" if count == 1 else f"{count} people you met have"
    opening = "also, " if others_late else "nobody is late, but "
    return (f"{opening}{who} no day recorded for the meeting, so the kit cannot "
            "tell how long ago it was: give the day it happened in Debrief.")


def undated_line(late, *, others_late: bool) -> str:
    """:func:`undated_note` as a sentence of its own, for the losing-touch list ``late`` (from
    :func:`losing_touch`, which counts them in ``attrs["met_undated"]``), or ``""`` when
    nobody was met on a day never recorded: the line the app's lists and ``infoview digest``
    add."""
    undated = int(getattr(late, "attrs", {}).get("met_undated", 0))
    if not undated:
        return ""
    note = undated_note(undated, others_late=others_late)
    return note[:1].upper() + note[1:]


def losing_touch(frames: Frames, *, now=None):
    """The people whose keep-in-touch clock has run out, longest silence first.

    Level ``due``: past their ideal interval; ``overdue``: past their maximum too. The
    columns are those of :func:`keep_in_touch_status`.
    """
    status = keep_in_touch_status(frames, now=now)
    late = status.loc[status["level"] != "ok"].reset_index(drop=True) if len(status) else status
    undated = int((status["last_what"] == UNDATED_MEETING).sum()) if len(status) else 0
    if undated:  # ``attrs["met_undated"]``: how many, for the line the app and digest add
        late.attrs["met_undated"] = undated
    if late.empty and len(status):
        if undated:
            return with_message(late, undated_note(undated))
        return with_message(late, "everyone you keep in touch with has been contacted recently.")
    return late

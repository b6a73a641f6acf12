"""Answer rate and days to reply, by channel and by warmth.

Counted per conversation the user opened: each message that asks for something new
(a request, or a first contact with a referred person, ``referred_intro``) opens one. A
person written to with no such message recorded (only an ``other`` message, say) has their
first message count as the opening, so everyone the funnel counts as contacted is asked
once here too. The conversation is answered when any message in it got a reply, so a
request answered only after a follow-up counts as answered (the nudge worked), and the days
to reply run from the opening message to the first reply. Someone the funnel counts as
having replied with no reply on any message (met in a meeting held, or who suggested
someone: they must have answered) has their latest conversation counted as answered, with
no days to reply: one definition of "replied" for the funnel, the headline and this table.
"""

from __future__ import annotations

from infoview.analytics._frames import (
    Frames,
    channel_list,
    group_order,
    id_flags,
    in_range,
    is_in,
    row_positions,
    rows_where,
    safe_ratio,
    shared,
    table,
    with_message,
)
from infoview.errors import BadInput
from infoview.text import count_of

#: Outreach kinds that ask someone for a meeting.
ASKING_KINDS: tuple[str, ...] = ("request", "referred_intro")
_BY = {"channel": "channel", "warmth": "warmth", "how_known": "warmth"}


def _conversations(outreach):
    """The opening messages, each with ``replied_at`` set to its conversation's first reply.

    A conversation runs from its opening message to the next one to the same person;
    messages before a person's first opening (rare: a note recorded before the request)
    belong to none. Plain numpy on sorted arrays: a million messages take a fraction of a
    second, where pandas group-bys took seconds.
    """
    import numpy as np
    import pandas as pd

    never = np.iinfo(np.int64).max

    def stamps(series):  # int64 nanoseconds, missing ones last
        values = series.to_numpy(dtype="datetime64[ns]").astype(np.int64)
        values[series.isna().to_numpy()] = never
        return values

    person = pd.to_numeric(outreach["person_id"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    person = np.where(np.isnan(person), -1, person).astype(np.int64)
    # messages sent at the same moment keep the store's (id) order
    order = person_time_order(person, stamps(outreach["sent_at"]))
    who = person[order]
    asking = is_in(outreach["kind"], ASKING_KINDS)[order]
    first = np.ones(len(who), dtype=bool)
    first[1:] = who[1:] != who[:-1]
    segment = np.cumsum(first) - 1
    has_asking = np.bincount(segment, weights=asking, minlength=int(first.sum())) > 0
    opening = asking | (first & ~has_asking[segment])
    count = np.cumsum(opening)
    # openings so far for this person: the running count less the count before the person
    before = (count - opening)[first]
    conversation = np.where(count - before[segment] > 0, count - 1, -1)
    replied = stamps(outreach["replied_at"])[order]
    inside = conversation >= 0
    first_reply = np.full(int(count[-1]) if len(count) else 0, never, dtype=np.int64)
    if inside.any():
        conv, reply = conversation[inside], replied[inside]
        starts = np.flatnonzero(np.r_[True, conv[1:] != conv[:-1]])
        first_reply[conv[starts]] = np.minimum.reduceat(reply, starts)
    # the openings in the table's own order, each with its conversation's first reply
    reply_at_row = np.full(len(order), never, dtype=np.int64)
    reply_at_row[order[opening]] = first_reply[conversation[opening]]
    is_opening = np.zeros(len(order), dtype=bool)
    is_opening[order[opening]] = True
    rows = np.flatnonzero(is_opening)
    opened = outreach[["id", "person_id", "channel", "sent_at"]].iloc[rows]
    reply_ns = reply_at_row[rows]
    replies = pd.to_datetime(np.where(reply_ns == never, np.datetime64("NaT", "ns"),
                                      reply_ns.astype("datetime64[ns]")), utc=True)
    opened["replied_at"] = pd.Series(replies, index=opened.index).astype(outreach["replied_at"].dtype)
    return opened


def _answered(frames: Frames, opened):
    """Whether each conversation was answered: a reply on one of its messages, or, for
    someone met in a meeting held or who suggested someone yet with no reply recorded on any
    message (the funnel counts them as having replied), their latest conversation."""
    import numpy as np

    answered = opened["replied_at"].notna().to_numpy()
    meetings = table(frames, "meetings")
    referrals = table(frames, "referrals")
    person = opened["person_id"]
    engaged = (id_flags(person, meetings.loc[is_in(meetings["status"], ["held"]), "person_id"])
               | id_flags(person, referrals["from_person_id"]))
    if not engaged.any():
        return answered
    # people with a reply somewhere keep the replies they have
    engaged &= ~id_flags(person, person[answered])
    if engaged.any():
        candidates = opened.loc[engaged, ["person_id", "sent_at"]]
        latest = candidates.sort_values("sent_at", kind="stable", na_position="first")
        latest = latest[~latest["person_id"].duplicated(keep="last")]
        answered = answered.copy()
        answered[np.flatnonzero(engaged)[np.isin(candidates.index, latest.index)]] = True
    return answered


def person_time_order(person, moment):
    """The rows sorted by person, then by moment, rows alike kept in their order: what
    ``np.lexsort((moment, person))`` gives, in a third less time on a million rows. Each
    moment is ranked (a stable sort, so equal moments keep the rows' order), and the rows
    then sorted once on one whole number made of the person and that rank; both arrays are
    int64."""
    import numpy as np

    n = len(person)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    low, high = int(person.min()), int(person.max())
    if (high - low + 1) * n >= 2**62:  # ids too far apart to make one number of: two keys
        return np.lexsort((moment, person))
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(moment, kind="stable")] = np.arange(n)
    # every number differs from every other, so any sort gives this one order
    return np.argsort((person - low) * n + rank)


@shared
def asking_messages(frames: Frames, *, since=None, until=None, channels=None):
    """The conversations opened in the range, with ``warmth`` and ``days_to_reply`` added.

    One row per opening message (see the module's note): ``id, person_id, channel,
    sent_at, replied_at`` (the first reply in that conversation), ``answered`` (a reply, or
    the person's latest conversation when they were met or suggested someone with no reply
    recorded), ``warmth``, ``days_to_reply``. ``days_to_reply`` is fractional days from
    sending to the reply (NaN when no reply, and when a reply is dated before its message,
    which only a typing slip produces).
    """
    import numpy as np
    import pandas as pd

    people = table(frames, "people")
    sent = _conversations(table(frames, "outreach"))
    sent["answered"] = _answered(frames, sent)
    mask = in_range(sent["sent_at"], since, until).to_numpy().copy()
    wanted = channel_list(channels)
    if wanted is not None:
        mask &= is_in(sent["channel"], wanted)
    sent = rows_where(sent, mask)
    rows = row_positions(sent["person_id"], people["id"].to_numpy(dtype="int64"))
    # one extra slot at the end, which row -1 (an unknown person) picks
    warmth = np.append(people["how_known"].astype("object").to_numpy(), [None])
    sent["channel"] = sent["channel"].astype("object")
    sent["warmth"] = pd.Series(warmth[rows], index=sent.index).fillna("cold")
    days = (sent["replied_at"] - sent["sent_at"]).dt.total_seconds() / 86400.0
    sent["days_to_reply"] = days.where(days >= 0)
    return sent


def reply_rates(frames: Frames, *, by: str | list[str] | None = "channel", since=None, until=None,
                channels=None):
    """Answer rate and days to reply per group.

    Args:
        frames: the store's tables.
        by: ``"channel"``, ``"warmth"``, both as a list, or ``None`` for one overall row.
        since, until: messages sent in this range (dates inclusive).
        channels: only messages sent on these channels.

    Returns:
        ``[channel][, warmth], sent, replied, answer_rate, median_days_to_reply,
        mean_days_to_reply``; empty with a message when no request was sent.
    """
    import pandas as pd

    keys = [by] if isinstance(by, str) else list(by or [])
    for key in keys:
        if key not in _BY:
            raise BadInput(f"cannot split reply rates by {key!r}; use 'channel' or 'warmth'.")
    keys = [_BY[k] for k in keys]
    sent = asking_messages(frames, since=since, until=until, channels=channels)
    columns = (keys or ["group"]) + [
        "sent", "replied", "answer_rate", "median_days_to_reply", "mean_days_to_reply",
    ]
    if sent.empty:
        return with_message(pd.DataFrame(columns=columns),
                            _no_requests(frames, since=since, until=until, channels=channels))
    sent["replied"] = sent["answered"]
    group_keys = keys or [pd.Series("all", index=sent.index, name="group")]
    grouped = sent.groupby(group_keys, sort=False, observed=True)
    result = grouped.agg(
        sent=("id", "size"),
        replied=("replied", "sum"),
        median_days_to_reply=("days_to_reply", "median"),
        mean_days_to_reply=("days_to_reply", "mean"),
    ).reset_index()
    result["sent"] = result["sent"].astype("int64")
    result["replied"] = result["replied"].astype("int64")
    result["answer_rate"] = safe_ratio(result["replied"], result["sent"])
    if len(keys) == 1:
        result = result.set_index(keys[0]).loc[group_order(result[keys[0]], keys[0])].reset_index()
    else:
        result = result.sort_values(keys or ["group"]).reset_index(drop=True)
    return result[columns]


def _no_requests(frames: Frames, *, since=None, until=None, channels=None) -> str:
    """What the table says when no request was recorded: that, and who the funnel (and the
    headline above the table) still counts as contacted and as having replied (someone met
    in a meeting held, or who suggested someone), so the two never seem to disagree."""
    from infoview.analytics.funnel import person_levels

    levels = person_levels(frames, since=since, until=until, channels=channels)
    met = int((levels["contact"] == 3).sum())
    suggested = int((levels["contact"] == 2).sum())
    if not met and not suggested:
        return "no requests sent in this selection."
    who = [f"{count_of(met, 'person', 'people')} you met"] if met else []
    if suggested:
        who.append(f"{count_of(suggested, 'person', 'people')} who suggested someone")
    verb = "is" if met + suggested == 1 else "are"
    return (f"no requests recorded in this selection; {' and '.join(who)} {verb} counted as "
            "contacted and as having replied.")


def plot_reply_rates(frames: Frames, *, by: str = "channel", since=None, until=None, channels=None):
    """Answer rate per channel or warmth as bars, each labelled with replies / requests."""
    from infoview.analytics.display import days_in_words, group_words
    from infoview.analytics.plots import empty_figure, new_figure

    data = reply_rates(frames, by=by, since=since, until=until, channels=channels)
    if data.empty:
        return empty_figure(data)
    key = _BY[by]
    fig, ax = new_figure(width=6, height=3.5)
    positions = range(len(data))
    ax.bar(positions, data["answer_rate"].fillna(0) * 100, color="#5a9e6f")
    for x, (rate, replied, sent, days) in enumerate(
        zip(data["answer_rate"], data["replied"], data["sent"], data["median_days_to_reply"], strict=True)
    ):
        label = f"{replied}/{sent}"
        if days == days:  # not NaN
            label += f"\n{days_in_words(days)}"
        ax.text(x, (rate or 0) * 100, label, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(list(positions), [group_words(v, key) for v in data[key]])
    ax.set_ylabel("answered (%)")
    ax.set_ylim(0, 115)
    ax.set_title(f"Answer rate by {key}, and typical time to a reply")
    fig.tight_layout()
    return fig

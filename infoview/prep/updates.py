"""Drafts for keeping a relationship going: the keep-in-touch update, a reschedule, a no-show.

The builders follow :mod:`infoview.prep.outreach`: each returns a checked
:class:`~infoview.prep.outreach.Draft`, and a missing input becomes a ``[placeholder]``
that the checks list. What a draft needs from the store (what the host advised, what came of
it) is gathered by :func:`infoview.flows.drafts.update_material`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from types import SimpleNamespace

from infoview.prep.outreach import (
    Draft,
    _clause,
    _finish,
    _first,
    _mid_sentence,
    _name,
    _signature,
    _when_text,
)

#: At most this many pieces of advice and results go into one update.
MAX_ITEMS = 2


def _time_text(when: datetime, zone: str | None) -> str:
    return _when_text(SimpleNamespace(starts_at=when, timezone=zone))


def keep_in_touch_update(
    person,
    profile=None,
    *,
    advice: Iterable[str] = (),
    results: Iterable[str] = (),
    last_met: date | None = None,
) -> Draft:
    """A short update for someone the user is losing touch with: their advice, what came of it.

    Args:
        person: the :class:`~infoview.models.Person` (or a name).
        profile: the user's profile (signature).
        advice: what they advised, in the user's words ("apply a month before the peak");
            the first two are used.
        results: what came of it, as clauses after "I" ("spoke with Lena Novak, whom you
            suggested"); the first two are used.
        last_met: when they last met, named in the opening.
    """
    # As written into the text (continuing a sentence), so the checks find them verbatim.
    advice = [_mid_sentence(a) for a in (_clause(x, "") for x in advice) if a][:MAX_ITEMS]
    results = [r for r in (_clause(x, "") for x in results) if r][:MAX_ITEMS]
    since = f" in {last_met:%B}" if last_met else ""
    lines = [
        f"Hi {_first(_name(person))},",
        "",
        f"I hope you are well. We spoke{since}, and I wanted to tell you how your advice "
        "worked out.",
        f"Your advice has stayed with me: {advice[0] if advice else '[what they advised]'}.",
    ]
    if len(advice) > 1:
        lines.append(f"I also acted on another piece of your advice: {advice[1]}.")
    lines.append(
        f"Since then, I {results[0] if results else '[what came of it]'}."
        + (f" I also {results[1]}." if len(results) > 1 else "")
    )
    lines += [
        "Thank you again for your help; no need to reply.",
        "",
        _signature(profile, link=False),
    ]
    return _finish(
        "update", "A quick update, with thanks", "\n".join(lines), advice=advice, results=results
    )


def reschedule(
    person,
    profile=None,
    meeting=None,
    *,
    new_times: Iterable[datetime] = (),
    reason: str | None = None,
) -> Draft:
    """Asking the host to move a meeting: an apology, the meeting named, new times offered.

    Args:
        person: the host.
        profile: the user's profile (signature).
        meeting: the meeting to move (its old time is named); ``None`` for a placeholder.
        new_times: one to three times to offer (timezone-aware), shown in the meeting's zone.
        reason: a short reason, as a clause ("a family matter came up").
    """
    when = _when_text(meeting) if meeting is not None else "[the day and time we agreed]"
    zone = getattr(meeting, "timezone", None)
    offered = [_time_text(t, zone) for t in list(new_times)[:3]]
    because = f": {_mid_sentence(_clause(reason, ''))}" if _clause(reason, "") else ""
    ask = (
        f"Would {' or '.join(offered)} suit you instead, or another time that works better for you?"
        if offered
        else "Would another day suit you, at a time that works for you?"
    )
    body = "\n".join(
        [
            f"Hi {_first(_name(person))},",
            "",
            f"I am sorry, but I need to move our conversation on {when}{because}.",
            ask,
            "Thank you for understanding, and apologies for the change.",
            "",
            _signature(profile),
        ]
    )
    return _finish("reschedule", f"Could we move our conversation on {when}?", body, when=when)


def no_show(person, profile=None, meeting=None, *, new_times: Iterable[datetime] = ()) -> Draft:
    """To a host who did not come: gracious, no blame, new times offered.

    Args take the meaning they have in :func:`reschedule`.
    """
    when = _when_text(meeting) if meeting is not None else "[the day and time we agreed]"
    zone = getattr(meeting, "timezone", None)
    offered = [_time_text(t, zone) for t in list(new_times)[:3]]
    ask = (
        f"Would {' or '.join(offered)} work, or another time that suits you better?"
        if offered
        else "Is there a day in the coming weeks that would suit you better?"
    )
    body = "\n".join(
        [
            f"Hi {_first(_name(person))},",
            "",
            f"I am sorry we did not manage to connect on {when}; I hope all is well with you. "
            "I know how full diaries get.",
            f"I would still be glad to hear about your work. {ask}",
            "And if now is not a good moment, no problem at all.",
            "",
            _signature(profile),
        ]
    )
    return _finish("no_show", "Finding another time to talk", body, when=when)

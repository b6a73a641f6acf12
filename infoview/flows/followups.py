"""Follow-ups in the store: a meeting's, computed in one place, and the ones suggested later.

:func:`meeting_follow_ups` is the only place that turns a stored meeting into its
follow-up actions (the rules and wording are :func:`infoview.prep.followup.follow_up_actions`);
the debrief, :func:`record_followups` and the lists shown by the panels and the CLI all
come through here, so they never disagree about what a meeting calls for.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from infoview.flows.actions import settled_actions
from infoview.models import Action, Meeting, Outreach, Person, Referral
from infoview.prep.followup import (
    follow_up_actions,
    keep_in_touch_actions,
    keep_in_touch_from_frames,
    missing_actions,
    three_b_seven,
)
from infoview.text import fold

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)

#: Follow-up kinds created from the meeting itself (the rest of a meeting's actions are promises).
FOLLOW_UP_KINDS = ("thank_you", "contact_referral", "tell_referrer")


def meeting_follow_ups(store: Store, meeting: Meeting, referrals: Iterable[Referral] | None = None,
                       *, now: datetime, promises: Iterable[str | Action] = (),
                       advice: Iterable[str] = ()) -> list[Action]:
    """The follow-ups a held meeting calls for (nothing saved).

    A thank-you, and per person suggested a contact to make and a word back to the host;
    then one action per promise and per piece of advice given. People are named from the
    store, so the texts (part of each action's identity) are the same every time.

    Args:
        store: the open store.
        meeting: the stored meeting.
        referrals: its referrals; ``None`` reads them from the store.
        now: the current time; due dates count from the meeting's end.
        promises, advice: as :func:`infoview.prep.followup.follow_up_actions` takes them.
    """
    referrals = (list(store.list(Referral, meeting_id=meeting.id)) if referrals is None
                 else list(referrals))
    ids = {meeting.person_id, *(r.to_person_id for r in referrals)}
    people: dict[int, Person | str] = {pid: store.get(Person, pid) for pid in ids}
    return follow_up_actions(meeting, referrals, now=now, promises=promises, advice=advice,
                            people=people)


def record_followups(store: Store, meeting_id: int, *, now: datetime,
                     promises: Iterable[str | Action] = (),
                     advice: Iterable[str] = ()) -> list[Action]:
    """Create the follow-ups of a held meeting in the store; returns those newly added.

    Safe to call again: actions already stored (by
    :func:`~infoview.prep.followup.action_key`) are not repeated.
    """
    meeting = store.get(Meeting, meeting_id)
    with store.transaction():
        new = missing_actions(meeting_follow_ups(store, meeting, now=now, promises=promises,
                                                 advice=advice),
                              store.list(Action, meeting_id=meeting_id))
        return store.add_many(new)


def meeting_actions(store: Store, meeting_id: int, *,
                    now: datetime | None = None) -> list[Action]:
    """The actions of a meeting (follow-ups and promises, done ones included), soonest due
    first, undated last; without the ones Home no longer lists either (a lead written to
    since, a reminder to confirm a meeting that has begun: :func:`settled_actions`)."""
    settled = settled_actions(store, now=now)
    return sorted((a for a in store.list(Action, meeting_id=meeting_id)
                   if a.id not in settled),
                  key=lambda a: (a.due is None, a.due or datetime.min, a.id or 0))


def suggest_followups(store: Store, *, today: date | None = None,
                      country: str | None = None) -> list[Action]:
    """3B7 and keep-in-touch suggestions for the whole store, minus those already stored.

    3B7 counts business days on the user's calendar (their profile's time zone) without
    the public holidays of ``country`` (a region such as ``GB-SCT``; default: the
    profile's region), and leaves out anyone who answered (a reply, or a meeting agreed or
    held). Keep-in-touch follows the kit's one rule (:func:`infoview.analytics.memory.
    keep_in_touch_status`), the one the digest and the outcomes panel show.
    """
    from infoview.flows.actions import recent, user_clock
    from infoview.times import local_day

    zone, region = user_clock(store)
    today = today or local_day(datetime.now(zone), zone)
    people = store.list(Person)
    outreach = store.list(Outreach)
    suggested = three_b_seven(outreach, people, today=today, country=country or region,
                              meetings=store.list(Meeting), zone=zone)
    # The window of the one list of due actions (3B7 is for the weeks after a request).
    suggested = recent(suggested, datetime.combine(today, time(23, 59, 59), zone))
    suggested += keep_in_touch_actions(keep_in_touch_from_frames(store.frames(), today=today))
    return missing_actions(suggested, store.list(Action))


def followup_words(what: str, who: str | None) -> tuple[str, str]:
    """A follow-up as every list shows it: its words, and the person still to name after
    them (``""`` when its words already name them).

    The kit writes its own follow-ups as sentences naming the person in full ("Send Sam
    Okafor a thank-you note"); a promise the user typed reads as she typed it ("send Sam
    the article"). Shown side by side they should read alike, so her words are shown with
    a capital first letter (unless their first word has capitals of its own, "iOS") and,
    when they name the person by first name only, with the full name in that place
    ("Send Sam Okafor the article"). What is stored is not changed. A
    follow-up that does not name its person at all is followed by the name ("· Sam Okafor").
    """
    text = " ".join(what.split())
    first_word = text.split()[0] if text else ""
    if first_word.islower() and "://" not in first_word:  # "iOS", a web address: as typed
        text = text[:1].upper() + text[1:]
    name = " ".join((who or "").split())
    if not name or fold(name) in fold(text):
        return text, ""
    first = name.split()[0]
    if len(name.split()) > 1:
        named = re.search(rf"(?<![\w-]){re.escape(first)}(?![\w-])", text)
        if named:
            return text[:named.start()] + name + text[named.end():], ""
    return text, name

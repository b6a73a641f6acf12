"""Outreach drafts: the one table of draft kinds, and writing any of them from options.

The panel and ``infoview draft`` used to name the same drafts differently (``confirm`` and
``confirmation``, ``intro`` and ``referred_intro``, ``referrer`` and ``referrer_update``)
and each chose the drafting function itself. :data:`DRAFT_KINDS` holds every kind once:
the name the checks use, the command-line name, the label, and the outreach kind a sent
draft is recorded as (``None`` for the spoken ones, which are never recorded as sent).
:func:`write_draft` is the one dispatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from infoview.errors import BadInput
from infoview.models import CHOICES, Meeting, Person, UserProfile
from infoview.prep import outreach
from infoview.prep.checks import check_draft, count_words
from infoview.prep.outreach import Draft


@dataclass(frozen=True)
class DraftKind:
    """One kind of draft, under every name it goes by.

    Attributes:
        name: the kind as the checks and a :class:`~infoview.prep.outreach.Draft` name it.
        command: the ``infoview draft`` sub-command (short, easy to type).
        label: what the preparation panel calls it.
        help: one line for ``--help``.
        sent_as: the outreach kind (``CHOICES[("outreach", "kind")]``) a sent draft is
            recorded as; ``None`` for what is spoken, not sent.
    """

    name: str
    command: str
    label: str
    help: str
    sent_as: str | None


#: Every draft kind, in the order the CLI lists them.
DRAFT_KINDS: tuple[DraftKind, ...] = (
    DraftKind("request", "request", "Request for a meeting",
              "ask for an informational interview", "request"),
    DraftKind("confirmation", "confirm", "Confirmation",
              "confirm time, place and length a day or so before", "confirmation"),
    DraftKind("thanks", "thanks", "Thank-you note",
              "thank the host the same or the next day", "thanks"),
    DraftKind("referrer", "referrer", "Note to the person who introduced you",
              "tell the person who introduced you how the meeting went", "referrer_update"),
    DraftKind("referred_intro", "intro", "First message to someone you were referred to",
              "first message to someone you were referred to", "referred_intro"),
    DraftKind("phone", "phone", "Phone script",
              "what to say when asking by telephone", None),
    DraftKind("pitch", "pitch", "My 30-second introduction",
              "your 30-second introduction (about 75 spoken words)", None),
)

_BY_ANY_NAME: dict[str, DraftKind] = {
    **{k.name: k for k in DRAFT_KINDS}, **{k.command: k for k in DRAFT_KINDS},
    **{k.sent_as: k for k in DRAFT_KINDS if k.sent_as},
}


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
                       "a confirmation), or record the call with 'infoview outreach add "
                       "--channel phone'")
    return kind.sent_as


@dataclass
class DraftOptions:
    """What a draft may be written from; each kind uses the fields it needs.

    Attributes:
        reason: why this person (the talk, article or shared connection).
        narrow, broad: the user's interest, narrowly and broadly.
        minutes: the length asked for.
        coffee, near: ask for a coffee (near a place) instead of a call.
        strict: hold a request to 75 words.
        referrer, may_mention: who made the introduction, and whether they may be named.
        meeting: the meeting to confirm.
        learned, promises: for a thank-you (and a referrer note: ``learned``).
        meeting_date, send_date: for a thank-you.
        contact, how_it_went: for a referrer note.
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
    promises: Sequence[str] = field(default_factory=list)
    meeting_date: date | None = None
    send_date: date | None = None
    contact: Person | str | None = None
    how_it_went: str | None = None


def write_draft(kind: str, person: Person | None, profile: UserProfile,
                options: DraftOptions | None = None) -> Draft:
    """Write a draft of ``kind`` (any of its names) to ``person``, with its checks.

    Raises:
        BadInput: an unknown kind, an out-of-range length, a confirmation without a meeting.
    """
    name = draft_kind(kind).name
    o = options or DraftOptions()
    if name == "pitch":
        return outreach.pitch(profile)
    asking: dict[str, Any] = dict(reason=o.reason, narrow=o.narrow, broad=o.broad,
                                  minutes=o.minutes, coffee=o.coffee, near=o.near,
                                  strict=o.strict)
    if name == "request":
        return outreach.request(person, profile, **asking)
    if name == "referred_intro":
        if o.may_mention not in CHOICES[("referrals", "may_mention")]:
            raise BadInput(f"may_mention must be one of "
                           f"{', '.join(CHOICES[('referrals', 'may_mention')])}")
        return outreach.referred_intro(person, profile, referrer=o.referrer,
                                       may_mention=o.may_mention, **asking)
    if name == "phone":
        return outreach.phone_script(person, profile, reason=o.reason, narrow=o.narrow,
                                     broad=o.broad, minutes=o.minutes or 15)
    if name == "confirmation":
        if o.meeting is None:
            raise BadInput("a confirmation needs the meeting: its time, format and place")
        return outreach.confirmation(person, profile, o.meeting)
    if name == "thanks":
        return outreach.thanks(person, profile, learned=o.learned, promises=list(o.promises),
                               meeting_date=o.meeting_date, send_date=o.send_date)
    return outreach.referrer_note(o.referrer or person, o.contact, profile,
                                  how_it_went=o.how_it_went, learned=o.learned)


def split_subject(text: str) -> tuple[str | None, str]:
    """``(subject, body)`` of a draft that may start with a ``Subject:`` line."""
    text = (text or "").strip()
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:"):].strip() or None, rest.strip()
    return None, text


def check_text(kind: str, text: str, *, strict: bool = False) -> Draft:
    """Check the user's own text as a draft of ``kind`` (a first ``Subject:`` line is the
    subject); returns it as a :class:`~infoview.prep.outreach.Draft` with its warnings."""
    name = draft_kind(kind).name
    subject, body = split_subject(text)
    return Draft(subject=subject, body=body, kind=name, word_count=count_words(body),
                 warnings=check_draft(body, name, subject=subject, strict=strict))

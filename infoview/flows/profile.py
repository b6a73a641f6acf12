"""The user's own profile, typed in by hand: who they are, for drafts, briefs and common ground.

Until now only a LinkedIn archive could fill it. :func:`save_profile` takes the fields of a
form (or ``infoview profile set``), checks each one, and keeps what was not given. Text is
folded onto one line; lists (schools, employers, places, interests) replace the stored
list, an empty list clears it; an empty text clears its field. A mistake raises
:class:`~infoview.errors.BadField` naming the field, in plain words a form can show beside
it (no command-line options in the message).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from infoview.errors import BadField, BadInput
from infoview.flows.fields import (
    as_sentence,
    email_field,
    raise_field_problems,
    text_field,
    upper_first,
    web_field,
)
from infoview.models import UserProfile

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: Fields a user fills in as one line of text, with the words a form shows for them.
TEXT_FIELDS: dict[str, str] = {
    "name": "your name", "email": "your email address", "phone": "your phone number",
    "profile_url": "a link to a page about your work",
    "headline": "your headline", "background": "your background",
    "strengths": "your strengths", "exploring": "what you are exploring",
    "timezone": "your time zone", "region": "your region for public holidays",
}
#: Fields that hold a list (one item per school, employer, place or interest).
LIST_FIELDS: dict[str, str] = {
    "schools": "schools", "employers": "past employers", "places": "places",
    "interests": "interests",
}
#: Longest text accepted in one field (a line, not a letter).
MAX_CHARS = 600
def load_profile(store: Store) -> UserProfile:
    """The user's profile; an empty one (no invented name) until one is saved."""
    return store.get_profile()


def user_zone(store: Store) -> tzinfo:
    """The time zone every time is shown to the user in: About me's, else the computer's."""
    from infoview.times import user_tz

    return user_tz(store.get_profile().timezone)


def _url(text: str | None) -> str | None:
    return web_field(text, "profile_url", "https://www.linkedin.com/in/your-name")


def _zone(text: str | None) -> str | None:
    if not text:
        return text
    from infoview.times import zone_name

    try:
        return zone_name(text)  # "Berlin" is kept as Europe/Berlin
    except BadInput as exc:
        if "several" in str(exc):
            raise BadField(as_sentence(str(exc)), "timezone") from exc
        raise BadField(as_sentence(f"{text!r} is not a time zone: type your city (Berlin) "
                                   "or a name such as Europe/London or Asia/Tokyo"),
                       "timezone") from exc


def _region(text: str | None) -> str | None:
    if not text:
        return text
    from infoview.businessdays import parse_region

    try:
        region = parse_region(text)
    except BadInput as exc:
        raise BadField(as_sentence(str(exc)), "region") from exc
    return region.code if region else None


def _items(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        raise BadField(f"{upper_first(LIST_FIELDS[name])} must be a list of names.", name)
    out: list[str] = []
    seen = set()
    for item in value:
        if not isinstance(item, str):
            raise BadField(f"{upper_first(LIST_FIELDS[name])} must be a list of names.", name)
        text = " ".join(item.split())
        if len(text) > MAX_CHARS:
            raise BadField(f"One of {LIST_FIELDS[name]} is too long: keep each under "
                           f"{MAX_CHARS} characters.", name)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


_CHECKS = {"email": email_field, "profile_url": _url, "timezone": _zone, "region": _region}


def clean_fields(**given: Any) -> dict[str, Any]:
    """The given fields checked and tidied, as :func:`save_profile` stores them.

    Raises:
        BadField: an unknown field, or a value that does not fit (``.field`` names it);
            :class:`~infoview.errors.BadFields` when several do, each named in
            ``.problems`` so that a form marks them all at once.
    """
    known = set(TEXT_FIELDS) | set(LIST_FIELDS)
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, value in given.items():
        if name not in known:
            raise BadField(f"the profile has no field {name!r}; it has "
                           f"{', '.join(sorted(known))}", name)
        try:
            if name in LIST_FIELDS:
                out[name] = _items(value, name)
            else:
                text = text_field(value, name, TEXT_FIELDS[name], limit=MAX_CHARS)
                out[name] = _CHECKS[name](text) if name in _CHECKS else text
        except BadField as exc:
            problems[exc.field] = str(exc)
    raise_field_problems(problems)
    return out


def save_profile(store: Store, **fields_given: Any) -> UserProfile:
    """Change the fields given and keep the others; returns the saved profile.

    Text fields are one line each (an empty text clears the field); list fields replace the
    stored list (an empty list clears it). The email must look like an address, the profile
    link must be a web address (``https://`` is added when left out), the time zone an IANA
    name (``Europe/London``) and the region one with known public holidays (``GB-ENG``,
    ``US-NY``, "Scotland"; kept as its code).

    Raises:
        BadField: a value that does not fit; nothing is saved.
    """
    changes = clean_fields(**fields_given)
    if "name" in changes and changes["name"] is None:
        # An empty name is the profile's "not given yet" (as before anything is saved), so
        # that the rest of the form saves and the drafts point out the gap; None is refused
        # by the store with a message in its own terms ("Profile.name is required").
        changes["name"] = ""
    with store.transaction():
        profile = store.get_profile()
        for name, value in changes.items():
            setattr(profile, name, value)
        return store.save_profile(profile)


def profile_dict(profile: UserProfile) -> dict[str, Any]:
    """The profile as plain values for JSON (without its internal id)."""
    return {f.name: getattr(profile, f.name) for f in fields(profile) if f.name != "id"}


def missing_parts(profile: UserProfile) -> list[str]:
    """What the drafts and the brief need from the profile and do not have yet, in plain
    words (``["your name", "your background"]``)."""
    wanted = ("name", "background", "strengths", "exploring", "profile_url")
    return [TEXT_FIELDS[name] for name in wanted if not getattr(profile, name, None)]

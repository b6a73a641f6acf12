"""Checking what a user typed into one field of a form (the profile, a person, an
organization, a meeting): one line of text, an email address, a web address.

A mistake raises :class:`~infoview.errors.BadField` naming the field, in plain words a
form can show beside it (never a command-line option: the CLI adds those).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from infoview.errors import BadField, BadFields

_EMAIL = re.compile(r"^[^@\s<>(),;:]+@[^@\s<>(),;:]+\.[^@\s<>(),;:.]{2,}$")


#: A message that opens with a file's name ("notes.txt: this is not ..."), as
#: :class:`~infoview.errors.BadInputFile` writes one: the name is the user's, as they wrote it.
_FILE_FIRST = re.compile(r"[\w.-]+\.\w{1,8}(, line \d+)?: ")


def upper_first(text: str) -> str:
    """``text`` with its first letter in capitals and the rest as written ("LinkedIn" stays);
    a web address or a file's name that opens it stays as written ("Https://..." is no
    address, "Notes.txt" not the file uploaded)."""
    if re.match(r"[a-z][a-z0-9+.-]*://", text) or _FILE_FIRST.match(text):
        return text
    return text[:1].upper() + text[1:]


def as_sentence(text: str) -> str:
    """A message as a sentence: capital first letter, full stop at the end."""
    text = upper_first(text.strip())
    return text if text.endswith((".", "?", "!")) else text + "."


def text_field(value: Any, name: str, label: str, *, limit: int, required: bool = False,
               lines: bool = False) -> str | None:
    """Typed text tidied: spaces folded onto one line (``lines`` keeps line breaks, for
    notes), ``None`` when empty.

    Args:
        value: what was typed (``None`` for nothing).
        name, label: the field, and its name in words ("the job title").
        limit: the most characters accepted.
        required: an empty value is a mistake.
    """
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value.strip() if lines else " ".join(value.split())
    else:
        raise BadField(f"{upper_first(label)} must be text.", name)
    if required and not text:
        raise BadField(f"{upper_first(label)} cannot be empty.", name)
    if len(text) > limit:
        raise BadField(f"{upper_first(label)} is {len(text)} characters long: keep it under "
                       f"{limit}.", name)
    return text or None


def email_field(text: str | None, name: str = "email") -> str | None:
    """An email address as typed (tidied text), checked to look like one."""
    if text and not _EMAIL.match(text):
        raise BadField(f"{text!r} is not an email address: it should look like "
                       "name@example.org.", name)
    return text


def web_field(text: str | None, name: str, example: str) -> str | None:
    """A web address (tidied text); ``https://`` is added when the scheme is left out."""
    if not text:
        return None
    candidate = text if "://" in text else f"https://{text}"
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or "." not in (parts.hostname or "") \
            or " " in candidate:
        raise BadField(f"{text!r} is not a web address: copy it from your browser, e.g. "
                       f"{example}.", name)
    return candidate


def raise_field_problems(problems: dict[str, str]) -> None:
    """Raise what is wrong with a form's fields (``{field: message}``), all at once: one
    :class:`BadField`, or :class:`BadFields` for several, so the form marks every field that
    needs fixing at the first Save, not one more at each press. Nothing wrong: no error."""
    if len(problems) == 1:
        ((field, message),) = problems.items()
        raise BadField(message, field)
    if problems:
        raise BadFields(problems)

"""Whose role the role questions ask about: the host's, when their title names another role
than the one the user is curious about.

"How did you end up working as a {role}?" asks the host about their own path. Filled with
the user's target role it went wrong whenever the two differ: a nurse exploring product
work asked a UX researcher "How did you end up working as a product manager?". The bank's
``{role}`` questions are all about the work of someone in the role, which a host knows
first-hand only for their own, so when the host's title names another role the plan asks
about theirs, and says so (with a question of the user's own to ask about the role they
are curious about). A title that names the role typed ("Senior UX Researcher" for "UX
researcher") changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from infoview.questions.bank import fill_placeholders

#: Where a title stops naming the role: "Senior UX Researcher, Patient Apps", "Designer at
#: Kestrel", "Nurse (part-time)", "Lead | Research", "Analyst - Payments".
_TITLE_END = re.compile(r"\s*(?:[,(|/]|\s(?:at|@)\s|\s[-–—]\s).*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
#: Seniority said before a role, which a question about the role leaves out.
_SENIORITY = re.compile(r"^(?:senior|junior|sr\.?|jr\.?)\s+", re.IGNORECASE)
#: A word written with a capital only because it is in a title ("Researcher", not "UX").
_TITLE_CASE = re.compile(r"\b[A-Z][a-z]+\b")


@dataclass(frozen=True)
class RoleAsked:
    """The role the plan's role questions name, and what the page says about it.

    Attributes:
        role: fills the bank's ``{role}`` (``None``: the neutral "your role").
        note: says that the host's role is asked about instead of the one typed, and what
            to ask to hear about that one; ``None`` when nothing was changed.
    """

    role: str | None
    note: str | None = None


def title_role(title: str | None) -> str | None:
    """The role a job title names, as a question says it mid-sentence: without the team
    or employer after it, without seniority, its title capitals dropped ("Senior UX
    Researcher, Patient Apps" is "UX researcher"); ``None`` for none."""
    if not title or not title.strip():
        return None
    role = _SENIORITY.sub("", _TITLE_END.sub("", title.strip()).strip())
    return _TITLE_CASE.sub(lambda m: m[0].lower(), role).strip() or None


def names_role(title: str, role: str) -> bool:
    """Whether ``title`` names the role ``role`` says: each word of the role begins a word
    of the title, in any case ("UX research" is in "Senior UX Researcher")."""
    wanted = [w.casefold() for w in _WORD.findall(role)]
    have = [w.casefold() for w in _WORD.findall(title)]
    return bool(wanted) and all(any(h.startswith(w) for h in have) for w in wanted)


def role_to_ask(role: str | None, host_title: str | None, host: str | None = None) -> RoleAsked:
    """The role the plan's role questions ask about, for a user curious about ``role``
    meeting a host (named ``host``) whose title is ``host_title``."""
    role = (role or "").strip() or None
    theirs = title_role(host_title)
    if role is None or theirs is None or names_role(theirs, role):
        return RoleAsked(role)
    who = (host or "").strip() or "Your host"
    own = fill_placeholders("What have you seen of the work of a {role}, from where you sit?",
                            {"role": role})
    as_a = "a {role}"
    note = (f"{who} works as {fill_placeholders(as_a, {'role': theirs})}, not as "
            f"{fill_placeholders(as_a, {'role': role})}"
            f" (the role you are curious about): the questions about a role ask about "
            f"theirs, which they know first-hand. To hear what they see of {role} work, add "
            f"a question of your own, such as \"{own}\"")
    return RoleAsked(theirs, note)

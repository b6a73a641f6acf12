"""The one table of draft kinds: names, commands, help lines, where each is offered.

Kept apart from :mod:`infoview.flows.drafts` (which writes and checks drafts, and loads
the templates and checks to do so), so that ``infoview draft --help`` builds its list of
kinds without loading any of that; :mod:`~infoview.flows.drafts` re-exports both names.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        panels: the notebook panels that offer it (``prepare``, ``debrief``).
        statuses: the meeting statuses it answers (a no-show note, a reschedule).
        needs: what ``infoview draft`` must be given: ``person`` or ``meeting`` (or ``""``).
    """

    name: str
    command: str
    label: str
    help: str
    sent_as: str | None
    panels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    needs: str = ""

    @property
    def aliases(self) -> tuple[str, ...]:
        """Its other names on the command line (``confirmation`` for ``confirm``...)."""
        names = {self.name, self.name.replace("_", "-")}
        if self.sent_as and self.sent_as not in _SHARED_SENT_AS:
            names.add(self.sent_as)
        return tuple(sorted(names - {self.command}))


#: Outreach kinds several drafts are recorded as, so they name none of them.
_SHARED_SENT_AS = frozenset({"other"})


#: Every draft kind, in the order the CLI lists them.
DRAFT_KINDS: tuple[DraftKind, ...] = (
    DraftKind("request", "request", "Request for a meeting",
              "ask for an informational interview", "request", ("prepare",)),
    DraftKind("confirmation", "confirm", "Confirmation",
              "confirm time, place and length a day or so before", "confirmation",
              ("prepare",)),
    DraftKind("thanks", "thanks", "Thank-you note",
              "thank the host the same or the next day", "thanks", ("debrief",)),
    DraftKind("referrer", "referrer", "Note to the person who introduced you",
              "tell the person who introduced you how the meeting went", "referrer_update"),
    DraftKind("referred_intro", "intro", "First message to someone you were referred to",
              "first message to someone you were referred to", "referred_intro"),
    DraftKind("phone", "phone", "Phone script",
              "what to say when asking by telephone", None, ("prepare",)),
    DraftKind("pitch", "pitch", "My 30-second introduction",
              "your 30-second introduction (about 75 spoken words)", None, ("prepare",)),
    DraftKind("update", "update", "A keep-in-touch note",
              "a short update to someone you are losing touch with: their advice, what came "
              "of it", "keep_in_touch", ("prepare",), needs="person"),
    DraftKind("reschedule", "reschedule", "Request to reschedule",
              "ask to move a meeting (cancelled or moved), offering new times", "other",
              ("debrief",), ("cancelled", "moved"), needs="meeting"),
    DraftKind("no_show", "no-show", "Note to a host who did not show",
              "a gracious note to a host who missed the meeting, offering new times", "other",
              ("debrief",), ("no_show",), needs="meeting"),
)

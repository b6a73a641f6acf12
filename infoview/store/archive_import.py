"""Import LinkedIn's full data archive into the store, in one transaction.

What goes where, and why:

- Profile.csv, Positions.csv and Education.csv fill the user's own
  :class:`~infoview.models.UserProfile`: name and headline from the archive; schools and
  employers are the archive's (newest first) followed by any the user added by hand; the
  summary only fills an empty background (the user's own pitch wins); the location joins
  ``places``. Common ground in briefs and drafts then works without typing any of it.
- Connections.csv is imported exactly as ``infoview people import-linkedin FILE`` does
  (:func:`~infoview.store.linkedin.import_connections`): a changed employer is updated and
  the old one kept as a past position.
- messages.csv becomes outreach history on channel ``linkedin``: one
  :class:`~infoview.models.Outreach` per message the user sent, to each correspondent of
  the conversation, ``replied_at`` set by their first answer. The user's first message of a
  conversation they started is a ``request``, a second one before any answer a
  ``follow_up``, the rest ``other``. Messages that only came in are counted, not stored
  (an outreach record is a message the user sent).
- Invitations.csv: each request the user sent is a ``request`` outreach; it counts as
  answered (accepted) when the person is a connection made on or after that day.
- Correspondents are matched to people by
  :func:`~infoview.store.matching.match_correspondent` (profile URL, else an
  unambiguous name); a LinkedIn URL that a row of Connections.csv has goes to the person
  that row matched, even when their record holds another URL (a bio page saved by
  research): one person, one record. Someone not in the store yet is added (``how_known="cold"``, tag
  ``linkedin``); a name that fits two people is skipped and reported, since a message
  filed under the wrong person is worse than one left out.
- Re-importing a newer archive adds only what is new: an outreach record is the same when
  person and sent time are (an answer that arrived since is filled in).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import BadInputFile
from infoview.models import Outreach, Person, UserProfile
from infoview.store.archive import Archive, Message, read_archive
from infoview.store.linkedin import LinkedInReport, check_how_known, import_connections
from infoview.store.matching import CorrespondentIndex, match_correspondent
from infoview.text import name_key, org_key, profile_key

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

_INVITATION_NOTE = "LinkedIn invitation to connect"
_MESSAGE_NOTE = "LinkedIn conversation"


@dataclass
class ArchiveReport:
    """What an archive import did (``to_dict`` for JSON, ``lines`` for people)."""

    source: str
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    profile: dict[str, int] = field(default_factory=dict)
    connections: LinkedInReport | None = None
    messages: int = 0
    messages_sent: int = 0
    messages_received: int = 0
    outreach_added: int = 0
    outreach_updated: int = 0
    invitations_sent: int = 0
    invitations_accepted: int = 0
    invitations_received: int = 0
    people_added: int = 0
    unmatched: int = 0
    notes: list[tuple[str, int, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready view."""
        out = {k: v for k, v in self.__dict__.items() if k not in ("connections", "notes")}
        out["connections"] = self.connections.to_dict() if self.connections else None
        out["notes"] = [{"file": f, "line": line, "reason": r} for f, line, r in self.notes]
        return out

    def lines(self) -> list[str]:
        """A short summary, one line per file imported."""
        out = []
        if self.profile:
            out.append(f"profile: {self.profile.get('schools', 0)} schools, "
                       f"{self.profile.get('employers', 0)} employers")
        if self.connections is not None:
            c = self.connections
            out.append(f"connections: added {c.added}, updated {c.updated}, skipped "
                       f"{c.skipped}, past positions kept {c.past_positions}")
        if "messages.csv" in self.found:
            out.append(f"messages: {self.messages} read ({self.messages_sent} sent, "
                       f"{self.messages_received} received); outreach added "
                       f"{self.outreach_added}, updated {self.outreach_updated}")
        if "invitations.csv" in self.found:
            out.append(f"invitations: {self.invitations_sent} sent "
                       f"({self.invitations_accepted} accepted), "
                       f"{self.invitations_received} received")
        out.append(f"people added from messages and invitations: {self.people_added}; "
                   f"correspondents not matched: {self.unmatched}")
        if self.missing:
            out.append(f"not in the archive: {', '.join(self.missing)}")
        return out


def import_archive(store: Store, source: str | Path, how_known: str | None = None,
                   add_organizations: bool = False, data: bytes | None = None) -> ArchiveReport:
    """Import a LinkedIn data archive (``.zip`` or folder); see the module docstring.
    ``data``: the bytes of an uploaded ``.zip`` that ``source`` names.

    Raises:
        BadInputFile: the archive or one of its files is malformed; nothing is imported.
        BadInput: ``how_known`` is not one of the allowed values.
    """
    store.check()  # nothing is imported into a damaged file
    if how_known is not None:  # (None: a LinkedIn connection, or a colleague by About me)
        check_how_known(how_known)
    archive = read_archive(source, data)
    report = ArchiveReport(source=str(archive.source), found=archive.found,
                           missing=archive.missing)
    with store.transaction():
        profile = store.get_profile()
        if archive.profile is not None:
            report.profile = _merge_profile(profile, archive)
        if archive.connections:
            report.connections = import_connections(store, archive.connections,
                                                    how_known=how_known,
                                                    employers=list(profile.employers),
                                                    add_organizations=add_organizations)
        if archive.messages or archive.invitations:
            me = _Me.find(archive, profile)
            if me.url and not profile.profile_url:
                profile.profile_url = me.url
            linked = report.connections.matched if report.connections else {}
            _History(store, report, me, linked).run(archive)
        if archive.profile is not None or profile.profile_url:
            store.save_profile(profile)
    log.info("imported LinkedIn archive %s: %s", archive.source, "; ".join(report.lines()))
    return report


def _union(first: Iterable[str], then: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in [*first, *then]:
        key = org_key(value)
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _merge_profile(profile: UserProfile, archive: Archive) -> dict[str, int]:
    own = archive.profile
    assert own is not None
    profile.name = own.name or profile.name
    profile.headline = own.headline or profile.headline
    profile.background = profile.background or own.summary
    if own.location:
        profile.places = _union([own.location], profile.places)
    # The current job first, then the most recent: the order common ground is shown in.
    newest_first = sorted(own.positions, reverse=True, key=lambda p: (
        p.finished_on is None, p.finished_on or p.started_on or date.min))
    employers = [p.organization for p in newest_first]
    schools = [p.organization for p in own.education]
    profile.employers = _union(employers, profile.employers)
    profile.schools = _union(schools, profile.schools)
    return {"employers": len(set(map(org_key, employers))),
            "schools": len(set(map(org_key, schools)))}


@dataclass
class _Me:
    """How the user appears in messages.csv: their name and profile URLs."""

    names: set[str]
    urls: set[str]
    url: str | None = None

    @classmethod
    def find(cls, archive: Archive, profile: UserProfile) -> _Me:
        names = {name_key(n) for n in (archive.profile.name if archive.profile else "",
                                        profile.name) if n}
        urls = {profile_key(profile.profile_url)} - {""}
        raw: dict[str, str] = {}
        for m in archive.messages:
            if m.sender_url and name_key(m.sender) in names:
                raw.setdefault(profile_key(m.sender_url), m.sender_url)
        for i in archive.invitations:
            url = i.sender_url if i.outgoing else i.recipient_url
            if url:
                raw.setdefault(profile_key(url), url)
        if not raw:  # no profile, or a display name that changed since: who is everywhere
            raw = cls._most_present(archive.messages)
        urls |= set(raw)
        needs_me = [m for m in archive.messages if m.outgoing is None]
        if needs_me and not names and not urls:
            first = needs_me[0]
            raise BadInputFile("cannot tell which messages are yours: the archive has no "
                               "Profile.csv and no message says; export the archive with "
                               "your profile", path=f"{archive.source}:messages.csv",
                               line=first.line)
        return cls(names, urls, next(iter(raw.values()), None))

    @staticmethod
    def _most_present(messages: list[Message]) -> dict[str, str]:
        """The URL taking part in most conversations, when it is in more than half."""
        seen: dict[str, set[str]] = defaultdict(set)
        raw: dict[str, str] = {}
        for m in messages:
            for url in [m.sender_url, *(u for _n, u in m.recipients)]:
                if url:
                    seen[profile_key(url)].add(m.conversation)
                    raw.setdefault(profile_key(url), url)
        conversations = len({m.conversation for m in messages})
        if not seen or conversations < 2:
            return {}
        key, count = max(seen.items(), key=lambda kv: len(kv[1]))
        return {key: raw[key]} if len(count) * 2 > conversations else {}

    def is_me(self, name: str | None, url: str | None) -> bool:
        key = profile_key(url)
        if key:
            return key in self.urls
        return bool(name) and name_key(name) in self.names

    def sent(self, message: Message) -> bool:
        if message.outgoing is not None:
            return message.outgoing
        return self.is_me(message.sender, message.sender_url)


class _History:
    """Turns messages and invitations into outreach records (inside the transaction)."""

    def __init__(self, store: Store, report: ArchiveReport, me: _Me,
                 linked: dict[str, Person] | None = None):
        self.store = store
        self.report = report
        self.me = me
        self.index = CorrespondentIndex(store.list(Person))
        # A connection row names the person behind a LinkedIn URL, whatever URL their record
        # holds (research may have saved their bio page): their messages go to that person.
        for key, person in (linked or {}).items():
            self.index.by_url[key] = person
        self.known: dict[tuple[int, str, bool], Outreach] = {}
        for row in store.list(Outreach, channel="linkedin"):
            if row.sent_at is not None:
                self.known[_key(row)] = row
        self.new: list[Outreach] = []
        self.changed: dict[int, Outreach] = {}

    def run(self, archive: Archive) -> None:
        conversations: dict[str, list[Message]] = defaultdict(list)
        for message in archive.messages:
            conversations[message.conversation].append(message)
        label = f"{archive.source}:messages.csv"
        for messages in conversations.values():
            self._conversation(messages, label)
        self._invitations(archive, f"{archive.source}:Invitations.csv")
        self.store.add_many(self.new)
        for row in self.changed.values():
            self.store.update(row)
        self.report.outreach_added = len(self.new)
        self.report.outreach_updated = len(self.changed)

    def _person(self, name: str, url: str | None, label: str, line: int) -> Person | None:
        found = match_correspondent(self.index, name, url)
        if found.person is not None:
            return found.person
        if found.how == "ambiguous" or not name:
            self.report.unmatched += 1
            why = f"{name or url}: the name fits several people; add their profile URL" \
                if found.how == "ambiguous" else f"{url}: no name given"
            self.report.notes.append((label, line, why))
            return None
        person = self.store.add(Person(name=name, profile_url=url, how_known="cold",
                                       tags=["linkedin"]))
        self.index.add(person)
        self.report.people_added += 1
        return person

    def _conversation(self, messages: list[Message], label: str) -> None:
        messages.sort(key=lambda m: m.sent_at)
        others: dict[str, tuple[str, str | None, int]] = {}
        mine: list[bool] = []
        for m in messages:
            sent = self.me.sent(m)
            mine.append(sent)
            self.report.messages += 1
            if sent:
                self.report.messages_sent += 1
                people = [(n, u) for n, u in m.recipients if not self.me.is_me(n, u)]
            else:
                self.report.messages_received += 1
                people = [(m.sender, m.sender_url)]
            for name, url in people:
                key = profile_key(url) or f"name:{name_key(name)}"
                if key not in others or (name and not others[key][0]):
                    others[key] = (name, url, m.line)
        # One person written to without a URL, then answering with one: the same person.
        with_url = {name_key(n): k for k, (n, u, _l) in others.items() if u}
        for key in [k for k in others if k.startswith("name:")]:
            if key[5:] in with_url:
                del others[key]
        for key, (name, url, line) in others.items():
            person = self._person(name, url, label, line)
            if person is None:
                continue
            self._thread(person, messages, mine, key, with_url)

    def _thread(self, person: Person, messages: list[Message], mine: list[bool], key: str,
                with_url: dict[str, str]) -> None:
        pending: list[Outreach] = []
        started = False
        for m, sent in zip(messages, mine, strict=True):
            if sent:
                kind = "follow_up" if pending else ("other" if started else "request")
                started = True
                row = Outreach(person_id=person.saved_id, channel="linkedin", kind=kind,
                               sent_at=m.sent_at, subject=m.subject, body=m.body,
                               notes=f"{_MESSAGE_NOTE} {m.conversation}")
                pending.append(self._keep(row))
                continue
            sender = profile_key(m.sender_url) or with_url.get(name_key(m.sender)) \
                or f"name:{name_key(m.sender)}"
            if sender != key:
                continue
            started = True
            for row in pending:
                self._answered(row, m.sent_at)
            pending = []

    def _keep(self, row: Outreach) -> Outreach:
        """The stored record for this message when there is one (a re-import), else new."""
        found = self.known.get(_key(row))
        if found is not None:
            return found
        self.known[_key(row)] = row
        self.new.append(row)
        return row

    def _answered(self, row: Outreach, when: datetime) -> None:
        if row.replied_at is not None:
            return
        row.replied_at = when
        if row.id is not None:
            self.changed[row.id] = row

    def _invitations(self, archive: Archive, label: str) -> None:
        for inv in archive.invitations:
            if not inv.outgoing:
                self.report.invitations_received += 1
                continue
            self.report.invitations_sent += 1
            person = self._person(inv.recipient, inv.recipient_url, label, inv.line)
            if person is None:
                continue
            row = self._keep(Outreach(person_id=person.saved_id, channel="linkedin", kind="request",
                                      sent_at=inv.sent_at, body=inv.message,
                                      notes=_INVITATION_NOTE))
            connected = person.connected_on
            if connected is not None and connected >= inv.sent_at.date():
                accepted = datetime(connected.year, connected.month, connected.day,
                                    tzinfo=UTC)
                self._answered(row, max(accepted, inv.sent_at))
                self.report.invitations_accepted += 1


def _key(row: Outreach) -> tuple[int, str, bool]:
    assert row.sent_at is not None
    invitation = (row.notes or "").startswith(_INVITATION_NOTE)
    return (row.person_id, row.sent_at.astimezone(UTC).isoformat(), invitation)


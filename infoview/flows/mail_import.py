"""Outreach and replies logged from the user's own mail export, offline.

:func:`import_mail` reads an mbox file (Google Takeout, Thunderbird, Apple Mail), a folder
of ``.eml`` files or a Maildir folder as a stream (:mod:`infoview.store.mailbox`) and keeps
what concerns the people in the store, and nothing else:

- **Matching** is by address alone (:func:`infoview.text.address_key`: case,
  ``+tags`` and Gmail's dots ignored; a person's email field may list several addresses,
  their aliases). Display names are never used to match, so a name spelled differently
  does not hide a message and a namesake at another address is not confused with them.
  Mailing lists, bulk and automatic mail (List-Id, Precedence, Auto-Submitted, no-reply
  senders) are left out. A forwarded message counts for whoever sent or received it, never
  for the person whose words it passes on (only its headers are read, never the quoted
  thread).
- **Sent** messages (from the user's address) to a stored person become
  :class:`~infoview.models.Outreach` on channel ``email``: the first message to someone is a
  ``request``, another one before any answer a ``follow_up``, replies and forwards ``other``.
  One the user already logged by hand (same person, within a day) is linked, not doubled.
- **Received** messages from a stored person are kept as
  :class:`~infoview.models.MailMessage` only (never as outreach, so sent counts and reply
  rates stay right): each one answers the user's unanswered messages to that person sent
  before it (their ``replied_at``), and every message, either way, resets the person's
  keep-in-touch clock.
- **Privacy**: of a matched message the store keeps its date, subject and direction (and a
  hash of its Message-ID, so a re-import adds nothing); its body only for the people the
  user named. Unmatched messages leave nothing: no record, no cache, no temporary file, no
  log line with an address. Frequent correspondents who are not in the store are listed in
  the report as people to add (``add=`` adds those the user picks), never added silently.
- **All or nothing**: everything is written in one transaction; a file cut short is
  refused whole (:class:`~infoview.store.mailbox.TruncatedMailbox`). A message that cannot
  be read is left out and counted, with where it is.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import BadInput
from infoview.models import Person
from infoview.store.core import not_found
from infoview.store.mailbox import MboxReader, Source, find_sources, read_message_file, uploaded
from infoview.store.mailheaders import MailHeaders
from infoview.store.matching import AddressBook
from infoview.text import WINDOWS_TEXT, address_key, count_of, email_addresses
from infoview.userfiles import size_words

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

#: A correspondent not in the store is offered once they count this many messages, at
#: least one of them sent by the user (so newsletters and strangers are not offered).
OFFER_MIN_MESSAGES = 3
#: At most this many correspondents are offered, most frequent first.
OFFER_LIMIT = 25
#: Problem notes kept in a report; past this they are counted.
WARNINGS_KEPT = 50
#: Messages read before the user's own address is guessed (when no address is known).
_GUESS_SAMPLE = 500


@dataclass(slots=True)
class Found:
    """One matched message, for one person: what the import may keep of it."""

    key: str
    person: int
    direction: str
    at: datetime
    subject: str
    is_reply: bool
    is_forward: bool
    thread: tuple[str, ...]
    body: str | None


@dataclass
class Correspondent:
    """Someone not in the store whom the user writes to and hears from: offered to add."""

    address: str
    name: str = ""
    sent: int = 0
    received: int = 0

    @property
    def messages(self) -> int:
        """Messages either way."""
        return self.sent + self.received


@dataclass
class PersonSummary:
    """What the import recorded (or would record) for one person."""

    person_id: int
    name: str
    sent: int = 0
    received: int = 0
    replies: int = 0
    bodies: int = 0


@dataclass
class MailImportReport:
    """What a mail import read, kept and left (``lines`` for people, ``to_dict`` for JSON).

    Attributes:
        messages: messages read; ``bulk`` of them lists or automatic mail; ``unreadable``
            not readable as email; ``duplicates`` read twice (the same Message-ID in two
            folders); ``unchanged_bytes`` of mbox files skipped as already read.
        matched: messages to or from a stored person; ``already`` of those imported before.
        sent_added / sent_linked: outreach records created, or found logged by hand.
        received_added: received messages kept; ``replies_marked``: outreach marked answered.
        people: per person, what was recorded; ``people_added``: correspondents added on
            request; ``offered``: frequent correspondents not in the store.
        addresses_named: for a saved person without an email address, an address in the
            file whose name in the headers is theirs (``{person's name: address}``), so the
            page can say which address to add (people added by hand often have none).
        me: the user's own addresses used to tell sent from received.
        windows_text: matched messages whose headers were not UTF-8 and were read as
            Windows-1252 (said in ``lines``: their subjects are a guess).
    """

    source: str
    dry_run: bool = False
    files: int = 0
    messages: int = 0
    bulk: int = 0
    unreadable: int = 0
    duplicates: int = 0
    unchanged_bytes: int = 0
    matched: int = 0
    already: int = 0
    sent_added: int = 0
    sent_linked: int = 0
    received_added: int = 0
    replies_marked: int = 0
    bodies_kept: int = 0
    windows_text: int = 0
    me: list[str] = field(default_factory=list)
    people: list[PersonSummary] = field(default_factory=list)
    people_added: list[str] = field(default_factory=list)
    offered: list[Correspondent] = field(default_factory=list)
    addresses_named: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    more_warnings: int = 0

    def warn(self, line: str) -> None:
        """Note a problem; past :data:`WARNINGS_KEPT` only the count goes up."""
        if len(self.warnings) < WARNINGS_KEPT:
            self.warnings.append(line)
        else:
            self.more_warnings += 1

    def to_dict(self) -> dict:
        """A JSON-ready view."""
        out = asdict(self)
        out["offered"] = [{**asdict(c), "messages": c.messages} for c in self.offered]
        out["kept"] = self.kept()
        return out

    def kept(self) -> str:
        """One sentence on what the store keeps (or would keep) from this import."""
        verb = "would keep" if self.dry_run else "kept"
        new = self.sent_added + self.sent_linked + self.received_added
        people = sum(1 for p in self.people if p.sent or p.received)
        other = self.messages - self.matched
        # "nothing of the other 0 messages" and "0 new messages with 0 people" said nothing
        rest = f"nothing of the other {count_of(other, 'message')}" if other else ""
        if not new:
            said = f"Nothing new {'would be' if self.dry_run else 'was'} kept"
            return said + (f", and nothing of the {count_of(other, 'message')} with anyone "
                           "else." if other else ".")
        bodies = f", and the text of {self.bodies_kept}" if self.bodies_kept else ""
        return (f"{verb.capitalize()} the date, subject and direction of "
                f"{count_of(new, 'new message')} with {count_of(people, 'person', 'people')}"
                f"{bodies}" + (f"; {rest}." if rest else "."))

    def lines(self, *, offered: bool = True) -> list[str]:
        """A short account for a reader, one fact a line (``offered=False`` leaves out the
        correspondents to add, for a view that lists them its own way)."""
        would = "would be " if self.dry_run else ""
        skipped = (f"; {size_words(self.unchanged_bytes)} unchanged since the last import were "
                   "skipped" if self.unchanged_bytes else "")
        out = [f"Read {count_of(self.messages, 'message')} in "
               f"{count_of(self.files, 'file')}{skipped}."]
        if self.messages:  # (a file read before, unchanged, has nothing to say here)
            out.append(matched_words(self.matched, self.bulk))
        if self.already:
            out.append(f"{self.already:,} had been imported before and were left as they are.")
        if self.sent_added or self.sent_linked:
            linked = (f", {self.sent_linked:,} matched to ones you had noted yourself"
                      if self.sent_linked else "")
            out.append(f"Messages you sent {would}noted: {self.sent_added:,} new{linked}.")
        if self.received_added:
            answering = (f", answering {count_of(self.replies_marked, 'message')} of yours"
                         if self.replies_marked else "")
            out.append(f"Messages you received {would}noted: {self.received_added:,}"
                       f"{answering}.")
        for p in self.people:
            if p.sent or p.received:
                counts = [f"{n} {what}" for n, what in ((p.sent, "sent"), (p.received, "received"),
                                                       (p.bodies, "with text")) if n]
                out.append(f"  {p.name}: {', '.join(counts)}")
        if self.people_added:
            out.append(f"People {would}added as you asked: {', '.join(self.people_added)}.")
        if self.offered and offered:
            out.append("People you write to who are not saved under People yet (add them to "
                       "import their messages):")
            out += [f"  {c.name or c.address} <{c.address}>: {count_of(c.messages, 'message')} "
                    f"({c.sent} from you)" for c in self.offered]
        if self.unreadable:
            out.append(f"{count_of(self.unreadable, 'message')} could not be read as email "
                       f"and {'was' if self.unreadable == 1 else 'were'} left out.")
        if self.windows_text:
            out.append(windows_text_words(self.windows_text))
        out += self.warnings
        if self.more_warnings:
            out.append(f"... and {count_of(self.more_warnings, 'more note')} like these.")
        out.append(self.kept())
        return out


def windows_text_words(count: int) -> str:
    """The line saying that ``count`` messages with people in the store were not UTF-8, so
    their subjects (and text, when kept) were read as Windows text: a guess the user is
    told of."""
    one = count == 1
    return (f"{count_of(count, 'message')} with people you saved {'was' if one else 'were'} "
            f"not written as UTF-8 text, so {'it was' if one else 'they were'} {WINDOWS_TEXT}: "
            "an accented letter may be wrong.")


def matched_words(matched: int, bulk: int) -> str:
    """How many messages are with people in the store, and how many were lists or automatic
    mail, with each verb agreeing with its count ("1 are" was seen on the Import page)."""
    said = ("No message is" if not matched else
            f"{count_of(matched, 'message')} {'is' if matched == 1 else 'are'}")
    said += " to or from people you saved"
    if bulk:
        where = ("a mailing list or a machine and was" if bulk == 1
                 else "mailing lists or machines and were")
        said += f"; {bulk:,} came from {where} left out"
    return said + "."


class _Reader:
    """One pass over the sources, keeping matched messages and counting correspondents."""

    def __init__(self, book: AddressBook, report: MailImportReport, bodies_for: set[int]):
        self.book = book
        self.report = report
        self.bodies_for = bodies_for
        self.found: list[Found] = []
        self.seen: set[str] = set()
        self.offered: dict[str, Correspondent] = {}
        self.names: dict[str, Counter] = {}

    def wants_body(self, headers: MailHeaders) -> bool:
        """Classify a message as soon as its headers are read; True when its body is to be
        kept (matched with a person whose bodies the user asked for)."""
        decision = self.classify(headers)
        headers.decision = decision if decision is not None else False
        return decision is not None and any(p in self.bodies_for for p in decision[1])

    def classify(self, headers: MailHeaders) -> tuple[str, list[int]] | None:
        """``(direction, person ids)`` for a matched message, else ``None`` (counting the
        unknown correspondents of a person-to-person message on the way)."""
        if not headers.readable or headers.bulk or headers.sender is None:
            return None
        book = self.book
        sender = headers.sender.key
        labels = [label.strip() for label in headers.raw.get("x-gmail-labels", "").split(",")]
        if "Spam" in labels:  # Google Takeout exports spam too; its senders are often forged
            return None
        if sender in book.me or ("Sent" in labels and "Inbox" not in labels):
            people = []
            for address in headers.recipients:
                pid = book.by_address.get(address.key)
                if pid is not None:
                    people.append(pid)
                    if pid < 0 and address.name:  # someone being added: learn their name
                        self.names.setdefault(address.key, Counter())[address.name] += 1
                elif address.key not in book.me:
                    self._offer(address.key, address.name, sent=True)
            return ("sent", list(dict.fromkeys(people))) if people else None
        pid = book.by_address.get(sender)
        if pid is not None:
            if pid < 0 and headers.sender.name:
                self.names.setdefault(sender, Counter())[headers.sender.name] += 1
            return "received", [pid]
        if any(a.key in book.me for a in headers.recipients):
            self._offer(sender, headers.sender.name, sent=False)
        return None

    def _offer(self, address: str, name: str, *, sent: bool) -> None:
        entry = self.offered.get(address)
        if entry is None:
            entry = self.offered[address] = Correspondent(address)
        if sent:
            entry.sent += 1
        else:
            entry.received += 1
        if name:
            self.names.setdefault(address, Counter())[name] += 1

    def take(self, headers: MailHeaders) -> None:
        """Count a message and keep it when it is matched (classified by ``wants_body``)."""
        self.report.messages += 1
        if not headers.readable:
            self.report.unreadable += 1
            self.report.warn(f"Left out: {headers.where} is not readable as email.")
            return
        decision = headers.decision
        if decision is None:  # the reader asked no question (a file read without bodies)
            decision = self.classify(headers)
        if headers.bulk:
            self.report.bulk += 1
        if not isinstance(decision, tuple):
            return
        direction: str = decision[0]
        people: list[int] = decision[1]
        key = headers.key
        if key in self.seen:
            self.report.duplicates += 1
            return
        self.seen.add(key)
        at = headers.date()
        if at is None:
            self.report.warn(f"Left out: {headers.where} has no date.")
            return
        self.report.matched += 1
        subject = headers.subject()
        for problem in dict.fromkeys(headers.problems):
            self.report.warn(f"{headers.where}: {problem}.")
        if headers.windows_text:
            self.report.windows_text += 1
        thread = tuple(headers.thread_keys)
        for pid in people:
            body = headers.body if pid in self.bodies_for else None
            self.found.append(Found(key, pid, direction, at, subject[:300], headers.is_reply,
                                    headers.is_forward, thread, body))

    def addresses_named(self, people: list[Person]) -> dict[str, str]:
        """For each of ``people`` (saved without an address), the unknown address whose
        name in the headers is theirs, when exactly one is."""
        by_name: dict[str, set[str]] = {}
        for address, names in self.names.items():
            for raw in names:
                name = MailHeaders("").decode(raw).strip().strip("'\"").casefold()
                by_name.setdefault(" ".join(name.split()), set()).add(address)
        found = {p.name: by_name.get(" ".join(p.name.casefold().split()), set())
                 for p in people}
        return {name: next(iter(addresses)) for name, addresses in found.items()
                if len(addresses) == 1}

    def offers(self, limit: int = OFFER_LIMIT) -> list[Correspondent]:
        """The frequent correspondents to offer, most messages first."""
        chosen = [c for c in self.offered.values()
                  if c.sent and c.messages >= OFFER_MIN_MESSAGES]
        chosen.sort(key=lambda c: (-c.messages, c.address))
        for entry in chosen[:limit]:
            names = self.names.get(entry.address)
            if names:
                raw = names.most_common(1)[0][0]
                entry.name = MailHeaders("").decode(raw).strip().strip("'\"")
        return chosen[:limit]


class OwnerUnknown(BadInput):
    """No address of the user's is known or found in the mail: which messages they sent
    cannot be told (each face says how to give one: the CLI's ``--me``, the panel's field)."""


def _guess_me(sources: list[Source]) -> set[str]:
    """The user's address, from the first messages: where mail was delivered, else the
    address present in more than half of the person-to-person messages."""
    delivered: Counter = Counter()
    present: Counter = Counter()
    seen = 0
    for headers in _headers(sources[:3], None):
        if not headers.readable or headers.bulk:
            continue
        seen += 1
        delivered.update(set(headers.delivered_to))
        keys = {a.key for a in headers.recipients}
        if headers.sender:
            keys.add(headers.sender.key)
        present.update(keys)
        if seen >= _GUESS_SAMPLE:
            break
    if delivered:
        return {delivered.most_common(1)[0][0]}
    if present and seen >= 2:
        top = present.most_common(2)
        address, count = top[0]
        # Two addresses in every message (a file of one conversation): either may be the
        # user's, and a wrong guess turns the other person's mail into theirs.
        if count * 2 > seen and (len(top) == 1 or top[1][1] < count):
            return {address}
    return set()


def _headers(sources: list[Source], wants_body, readers: dict | None = None,
             starts: dict | None = None) -> Iterator[MailHeaders]:
    """Every message of the sources in turn (mbox files from ``starts[path]`` on)."""
    for index, source in enumerate(sources, 1):
        if source.kind == "mbox":
            start, prefix = (starts or {}).get(source.path, (0, None))
            reader = MboxReader(source, start, prefix)
            if readers is not None:
                readers[source.path] = reader
            yield from reader.messages(wants_body)
        else:
            yield read_message_file(source, index, wants_body)


def import_mail(store: Store, path: str | Path | tuple[str, bytes], *, me: Iterable[str] = (),
                bodies_for: Iterable[int] = (), add: Iterable[str] = (), dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None) -> MailImportReport:
    """Import a mail export (see the module docstring); returns what was kept.

    Args:
        store: the open store.
        path: an mbox file, an ``.eml`` file, or a folder (``.eml`` files, Maildir); or an
            uploaded file as ``(name, bytes)``, read from memory and never written anywhere.
        me: the user's own addresses, besides their profile's email (default: found from
            the mail, where it was delivered).
        bodies_for: ids of the people whose message bodies are kept too.
        add: addresses of correspondents to add as people now (from ``offered``).
        dry_run: read and report, write nothing.
        progress: called now and then with (bytes read, bytes in all files).

    Raises:
        BadInputFile: the path holds no mail, or an mbox is cut short (nothing is kept).
        BadInput: the user's address cannot be found, or ``add`` is not an address.
        NotFound: a person of ``bodies_for`` is not in the store.
    """
    from infoview.flows.mail_apply import apply_found
    from infoview.flows.mail_sources import Checkpoints

    if isinstance(path, tuple):  # an upload: (file name, bytes), read in memory only
        sources = uploaded(*path)
        label = path[0]
    else:
        sources = find_sources(path)
        label = str(Path(path).expanduser())
    report = MailImportReport(source=label, dry_run=dry_run, files=len(sources))
    people = store.list(Person)
    bodies = set(bodies_for)
    missing = bodies - {p.id for p in people}
    if missing:
        raise not_found("people", min(missing))
    to_add = [address_key(a) for a in add]
    if not all(to_add):
        raise BadInput("an address to add is not an email address: give it as name@domain")
    mine = [*email_addresses(store.get_profile().email), *me]
    book = AddressBook.build(people, mine)
    if not book.me:
        book.me = _guess_me(sources)
        if not book.me:
            raise OwnerUnknown("cannot tell which messages are yours: give your email "
                               "address (save it in your profile, or give it for this import)")
    for n, key in enumerate(dict.fromkeys(to_add), 1):
        if key in book.by_address:
            continue  # already someone's address
        book.by_address[key] = -n  # a person added below, once their name is known
    report.me = sorted(book.me)
    if book.shared:
        report.warnings.append(
            f"{len(book.shared)} address{'es are' if len(book.shared) > 1 else ' is'} given to "
            f"two of your saved people ({', '.join(sorted(book.shared)[:3])}); messages from "
            "or to it were left out: keep it on the right person only.")
    checkpoints = Checkpoints(store, book.fingerprint([sorted(bodies), sorted(to_add)]))
    starts = checkpoints.resume(sources, report)
    reader = _Reader(book, report, bodies)
    readers: dict[Path, MboxReader] = {}
    total = sum(s.size for s in sources)
    for n, headers in enumerate(_headers(sources, reader.wants_body, readers, starts), 1):
        reader.take(headers)
        if progress is not None and n % 2000 == 0:
            progress(sum(r.end for r in readers.values()), total)
    report.offered = [c for c in reader.offers() if c.address not in book.by_address]
    report.addresses_named = reader.addresses_named([p for p in people if not p.email])
    try:
        with store.transaction():
            added = _add_people(store, reader, book, to_add, report)
            apply_found(store, reader.found, book.people, added, bodies, report)
            if dry_run:
                raise _DryRun  # undoes the transaction: the report is the preview
            checkpoints.save(readers)
    except _DryRun:
        # Pages of the undone writes may sit in the write-ahead log: drop them too.
        if not store.in_transaction:
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.info("mail import: %d messages read, %d matched, %d sent added, %d received added",
             report.messages, report.matched, report.sent_added, report.received_added)
    return report


class _DryRun(Exception):
    """Raised inside the transaction of a dry run to undo it."""


def _add_people(store: Store, reader: _Reader, book: AddressBook, to_add: list[str],
                report: MailImportReport) -> dict[int, int]:
    """Create the correspondents the user chose to add; returns placeholder -> new id."""
    out: dict[int, int] = {}
    for key in dict.fromkeys(to_add):
        placeholder = book.by_address.get(key)
        if placeholder is None or placeholder > 0:
            continue
        names = reader.names.get(key)
        name = MailHeaders("").decode(names.most_common(1)[0][0]).strip().strip("'\"") \
            if names else ""
        person = store.add(Person(name=name or key.split("@")[0], email=key, how_known="cold",
                                  tags=["email"]))
        assert person.id is not None
        out[placeholder] = person.id
        book.people[person.id] = person
        report.people_added.append(f"{person.name} <{key}>")
    return out

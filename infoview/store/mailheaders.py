"""The headers of one email, read quickly and only as far as an import needs them.

A mail import looks at every message of a mailbox that may hold hundreds of thousands, and
keeps only those to or from a stored person. So the header block of each message is read
with a few compiled patterns rather than the standard library's full parser: only the
fields the import uses are picked out (who it is from and to, when, its ids, its subject,
and the marks of bulk mail), addresses are found without decoding display names, and
anything costly (encoded words, dates) is decoded only when :meth:`MailHeaders.details`
is asked for, which the import does for matched messages alone.

Nothing here raises on a messy message: what could not be read is noted in
``MailHeaders.problems`` (in words, with no address in them), and a message with no
sender, no recipients and no date is :attr:`MailHeaders.readable` false.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import quopri
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from infoview.models import EARLIEST, LATEST_DATE
from infoview.text import address_key

#: The header fields an import reads (lower case); every other field is skipped unread.
FIELDS = (
    "from", "to", "cc", "bcc", "date", "message-id", "subject", "in-reply-to", "references",
    "list-id", "list-unsubscribe", "list-post", "precedence", "auto-submitted",
    "x-autoreply", "x-autorespond", "delivered-to", "x-original-to", "resent-from",
    "resent-to", "content-type", "x-gmail-labels",
)
# An address as it sits in a header: "Name" <a@b>, Name <a@b>, a@b (Name), or a bare a@b.
_ADDRESS = re.compile(
    r'(?:"((?:[^"\\]|\\.)*)"|([^,;<>"]*?))\s*<\s*([^<>\s@,;]+@[^<>\s,;]+?)\s*>'
    r'|([^\s<>,;"()@]+@[^\s<>,;"()]+)')
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_SPACE_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")
_MSGID = re.compile(r"<([^<>\s]+)>")
_REPLY_PREFIX = re.compile(r"^\s*(?:re|aw|sv|antw|vs|ref|rif)\s*(?:\[\d+\])?\s*:", re.I)
_FORWARD_PREFIX = re.compile(r"^\s*(?:fwd?|fw|wg|tr|rv|enc|doorst)\s*(?:\[\d+\])?\s*:", re.I)
_BOUNDARY = re.compile(r'boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))', re.I)

#: Sender mailboxes that never belong to a person (notifications, bounces, robots).
ROBOT_LOCAL_PARTS = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply[-_.].*|.*[-_.]no[-_.]?reply|"
    r"mailer-daemon|postmaster|bounces?|bounce[-_.+].*|.*[-_.]bounces?|notifications?|"
    r"notify|newsletters?|listserv|majordomo|owner-.*|.*-owner|.*-request)$")


def is_robot(address_key_: str) -> bool:
    """True for a mailbox that sends mail no person writes (no-reply, notifications...)."""
    return bool(ROBOT_LOCAL_PARTS.match(address_key_.partition("@")[0]))


def message_key(message_id: str) -> str:
    """The key a message is remembered by: a hash of its Message-ID, never the id itself
    (ids often carry a host or an address)."""
    return hashlib.sha256(message_id.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _text(raw: bytes) -> tuple[str, bool]:
    """Header bytes as text: UTF-8 when they are, else Windows-1252 (old 8-bit mail); and
    whether it was the latter (a guess the user is told of)."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace"), True


@dataclass(slots=True)
class Address:
    """One address of a header: the display name as written (still encoded) and its key."""

    name: str
    key: str


@dataclass(slots=True)
class MailHeaders:
    """The fields of one message an import uses (see the module docstring).

    Attributes:
        where: the message's place, for messages to the user: file and number, never an
            address.
        raw: the header fields read, by lower-case name, unfolded but not decoded.
        sender: the author (``Resent-From`` when the message was re-sent by someone else).
        recipients: To, Cc and Bcc (``Resent-To`` for a re-sent message).
        problems: what could not be read, in words.
        windows_text: a field was not UTF-8 and was read as Windows-1252 (a guess).
        body: the message's text, only when the import asked for it.
        from_line: an mbox's separator line, whose date stands in for a missing ``Date``.
        decision: left to the caller (an import notes there what it made of the message
            while the reader waits to know whether to read the body).
    """

    where: str
    raw: dict[str, str] = field(default_factory=dict)
    sender: Address | None = None
    recipients: list[Address] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    windows_text: bool = False
    body: str | None = None
    from_line: bytes = b""
    decision: object = None

    @property
    def readable(self) -> bool:
        """False for a block that has none of the fields every email carries."""
        return bool(self.sender or self.recipients or "date" in self.raw
                    or "message-id" in self.raw)

    @property
    def delivered_to(self) -> list[str]:
        """The addresses the message was delivered to (``Delivered-To``, ``X-Original-To``):
        the user's own."""
        return [a.key for f in ("delivered-to", "x-original-to")
                for a in addresses(self.raw.get(f, ""))]

    @property
    def bulk(self) -> bool:
        """Mailing-list, bulk or automatic mail: never a person's message to the user."""
        raw = self.raw
        if "list-id" in raw or "list-unsubscribe" in raw or "list-post" in raw:
            return True
        if raw.get("precedence", "").strip().lower() in ("bulk", "list", "junk"):
            return True
        auto = raw.get("auto-submitted", "").strip().lower()
        if auto and auto != "no":
            return True
        if "x-autoreply" in raw or "x-autorespond" in raw:
            return True
        return self.sender is not None and is_robot(self.sender.key)

    @property
    def message_id(self) -> str | None:
        """The Message-ID without its angle brackets, or ``None``."""
        value = self.raw.get("message-id", "")
        found = _MSGID.search(value)
        return found.group(1) if found else (value.strip() or None)

    @property
    def key(self) -> str:
        """The key of :func:`message_key`; without a Message-ID, a hash of the fields that
        identify the message (date, sender, recipients, subject)."""
        mid = self.message_id
        if mid:
            return message_key(mid)
        parts = [self.raw.get(f, "") for f in ("date", "from", "to", "cc", "subject")]
        return message_key("\x00".join(["no-id", *parts]))

    @property
    def thread_keys(self) -> list[str]:
        """The keys of the messages this one answers (In-Reply-To, then References)."""
        ids = _MSGID.findall(self.raw.get("in-reply-to", "") + " " + self.raw.get("references", ""))
        return [message_key(i) for i in dict.fromkeys(ids)]

    @property
    def is_reply(self) -> bool:
        """Whether the message answers another (In-Reply-To, or a subject starting Re:)."""
        return "in-reply-to" in self.raw or bool(_REPLY_PREFIX.match(self.raw.get("subject", "")))

    @property
    def is_forward(self) -> bool:
        """Whether the subject says the message passes another one on (Fwd:, WG:, TR: ...)."""
        return bool(_FORWARD_PREFIX.match(self.raw.get("subject", "")))

    @property
    def boundary(self) -> str | None:
        """The multipart boundary, when the message is multipart."""
        ctype = self.raw.get("content-type", "")
        if "multipart" not in ctype.lower():
            return None
        found = _BOUNDARY.search(ctype)
        return (found.group(1) or found.group(2)) if found else None

    def date(self) -> datetime | None:
        """When the message was written (UTC), from ``Date``, else the mbox separator line.

        A date without a zone (``-0000``) is taken as UTC, as RFC 5322 says it means.
        """
        value = self.raw.get("date")
        if value:
            try:
                moment = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError, OverflowError):
                moment = None
            if moment is not None and _kept(moment):
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=UTC)
                return moment.astimezone(UTC)
            self.problems.append("its date could not be read" if moment is None else
                                 f"its date ({moment.year}) is outside the years the store keeps")
        return _from_line_date(self.from_line)

    def subject(self) -> str:
        """The subject, decoded (encoded words, unknown character sets noted as problems)."""
        return " ".join(self.decode(self.raw.get("subject", "")).split())

    def decode(self, value: str) -> str:
        """A header value with its RFC 2047 encoded words decoded."""
        if "=?" not in value:
            return value
        value = _SPACE_BETWEEN_WORDS.sub(r"\1\2", value)
        return _ENCODED_WORD.sub(self._word, value)

    def _word(self, match: re.Match) -> str:
        charset, encoding, data = match.group(1), match.group(2).lower(), match.group(3)
        charset = charset.split("*", 1)[0]  # RFC 2231 language suffix
        try:
            if encoding == "b":
                raw = base64.b64decode(data + "=" * (-len(data) % 4), validate=False)
            else:
                raw = quopri.decodestring(data.replace("_", " ").encode("ascii", "replace"),
                                          header=True)
        except (binascii.Error, ValueError):
            self.problems.append("a header has a broken encoded word; it was kept as written")
            return match.group(0)
        try:
            return raw.decode(charset, "replace")
        except LookupError:
            self.problems.append(f"a header is in an unknown character set ({charset[:40]}); "
                                 "it was read with replacement characters")
            return raw.decode("utf-8", "replace")

    def sender_name(self) -> str:
        """The sender's display name, decoded ("" when there is none)."""
        return self.decode(self.sender.name).strip() if self.sender else ""


_FROM_LINE_DATE = re.compile(
    rb"(\w{3})\s+(\d{1,2})\s+(\d{1,2}:\d\d(?::\d\d)?)\s+(?:[+-]\d{4}\s+)?(\d{4})")


def _from_line_date(line: bytes) -> datetime | None:
    """The date of an mbox separator line ("From - Mon Mar 04 10:00:00 2024"), in UTC."""
    found = _FROM_LINE_DATE.search(line)
    if not found:
        return None
    month, day, clock, year = (g.decode("ascii") for g in found.groups())
    try:
        moment = datetime.strptime(f"{day} {month} {year} {clock}",
                                   "%d %b %Y %H:%M:%S" if clock.count(":") == 2 else "%d %b %Y %H:%M")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if _kept(moment) else None


def _kept(moment: datetime) -> bool:
    """Within the years the store keeps (a day inside them, so that any zone stays inside)."""
    return EARLIEST < moment.date() < LATEST_DATE


def addresses(value: str) -> list[Address]:
    """The addresses of one header value (display names kept undecoded)."""
    if "@" not in value:
        return []
    out = []
    for quoted, plain, inner, bare in _ADDRESS.findall(value):
        key = address_key(inner or bare)
        if key:
            name = quoted.replace('\\"', '"') if quoted else plain.strip()
            out.append(Address(name, key))
    return out


_WANTED = frozenset(f.encode() for f in FIELDS)
_MULTI = frozenset(("to", "cc", "bcc", "delivered-to", "x-original-to"))


def parse_headers(block: bytes, where: str) -> MailHeaders:
    """Read the fields of one header block (bytes up to the blank line ending it)."""
    found: dict[str, str] = {}
    name = ""
    parts: list[bytes] = []
    broken = windows = False

    def keep() -> None:
        nonlocal windows
        text, guessed = _text(b"".join(parts))
        text = text.strip()
        windows = windows or guessed
        # Addresses add up over repeated fields; for the rest the first one wins.
        if name in found and name in _MULTI:
            found[name] += ", " + text
        else:
            found.setdefault(name, text)

    for line in block.split(b"\n"):
        if line[:1] in (b" ", b"\t"):  # a folded continuation
            if name:
                parts.append(line.rstrip(b"\r"))
            continue
        if name:
            keep()
            name = ""
        field, colon, value = line.partition(b":")
        if not colon:
            broken = broken or bool(line.strip())
            continue
        field = field.rstrip().lower()
        if field in _WANTED:
            name = field.decode("ascii")
            parts = [value.rstrip(b"\r")]
    if name:
        keep()
    headers = MailHeaders(where, found, windows_text=windows)
    resent = "resent-from" in found
    senders = addresses(found.get("resent-from" if resent else "from", ""))
    headers.sender = senders[0] if senders else None
    fields_to = ("resent-to",) if resent else ("to", "cc", "bcc")
    headers.recipients = [a for f in fields_to if f in found for a in addresses(found[f])]
    if broken and not found:
        headers.problems.append("its header lines could not be read")
    return headers

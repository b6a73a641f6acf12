"""Reading the user's mail export as a stream: mbox files, ``.eml`` files, Maildir folders.

Python's :class:`mailbox.mbox` reads a whole mbox once to build a table of contents and then
parses whole messages, attachments included: on a 5 GB Google Takeout file that is minutes
of work and a table held in memory before the first message. An import needs the headers
of each message, and the body of a few at most, so this reader scans the file in blocks of
a few megabytes, finds message boundaries and header ends with ``bytes.find`` and patterns
(C loops), hands each header block to :func:`~infoview.store.mailheaders.parse_headers`, and
skips the body unread unless the caller asks for it. Memory stays at a few blocks whatever
the size of the file; nothing is written anywhere.

A file cut short (its last message ends inside its headers, or a multipart message ends
before its closing boundary) raises :class:`TruncatedMailbox`, so an import refuses it
whole rather than keeping half a message. The reader also keeps a digest of the bytes it
read: an import compares it the next time to skip the part of a file it has already read.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from infoview.errors import BadInputFile
from infoview.store.mailheaders import MailHeaders, parse_headers

log = logging.getLogger(__name__)

#: Bytes read at a time.
CHUNK = 1 << 22
#: The most of one message kept when its body is wanted (attachments beyond are dropped).
BODY_CAP = 1 << 21
#: The longest body text kept.
TEXT_CAP = 20_000
#: A header block longer than this is not a header block.
HEADER_CAP = 1 << 20
_TAIL = 4096

_HEADER_END = re.compile(rb"\n\r?\n")
_BLANK_TO_END = re.compile(rb"\s*\Z")
_SEPARATOR = re.compile(rb"\nFrom ")
# The "From " line of mbox: a sender (or "-") then a date with a time of day.
_FROM_LINE = re.compile(rb"From \S*\s.*\d{1,2}:\d\d")
_HEADER_LINE = re.compile(rb"[!-9;-~]{1,76}:")
#: Fields every email carries one of: lines shaped like headers without any (a calendar's
#: ``BEGIN:VCALENDAR``, a CSV row holding ``https:``) are not an email.
_MAIL_FIELD = re.compile(rb"(from|to|cc|subject|date|message-id|received|return-path|"
                         rb"delivered-to|mime-version|content-type|reply-to|sender|in-reply-to|"
                         rb"dkim-signature|arc-seal|authentication-results|thread-topic|"
                         rb"x-mozilla-status|x-gm-thrid):", re.I)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)
_SKIPPED_SUFFIXES = {".msf", ".dat", ".json", ".sqlite", ".db", ".plist", ".summary", ".idx",
                     ".toc", ".ini", ".txt", ".html", ".xml", ".csv", ".ics", ".vcf", ".zip",
                     ".gz", ".pdf", ".png", ".jpg"}

#: Called with each message's headers before its body is read: True keeps the body.
WantsBody = Callable[[MailHeaders], bool]


class TruncatedMailbox(BadInputFile):
    """An mbox ends in the middle of a message: it was cut short when copied or exported."""


@dataclass
class Source:
    """One file of a mail export: an ``mbox`` holding many messages, or one ``message``.

    ``data`` holds the file's bytes when it came as an upload rather than from a path: it
    is read from memory and never written to disk.
    """

    path: Path
    kind: str
    data: bytes | None = None

    def open(self):
        """The file as a binary stream."""
        if self.data is not None:
            return io.BytesIO(self.data)
        return open(self.path, "rb")  # noqa: SIM115 - the caller closes it

    @property
    def size(self) -> int:
        """Its size in bytes."""
        return len(self.data) if self.data is not None else self.path.stat().st_size


def uploaded(name: str, data: bytes) -> list[Source]:
    """A mail file the user uploaded (kept in memory only), as sources to read.

    Raises:
        BadInputFile: it is neither an mbox nor an email.
    """
    kind = _sniff_bytes(data[:4096])
    if kind is None:
        raise BadInputFile("this is not a mailbox (mbox) or an email (.eml): export your "
                           "mail as mbox or .eml files", path=name)
    return [Source(Path(name), kind, data)]


def sniff(path: Path) -> str | None:
    """``"mbox"``, ``"message"`` or ``None`` (not mail), from the first bytes of a file."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    return _sniff_bytes(head)


def _sniff_bytes(head: bytes) -> str | None:
    head = head.lstrip(b"\r\n")
    if head.startswith(b"From ") and _FROM_LINE.match(head.split(b"\n", 1)[0]):
        return "mbox"
    lines = head.split(b"\n", 8)[:-1] or [head]
    fields = [line for line in lines if _HEADER_LINE.match(line)]
    if fields and _HEADER_LINE.match(lines[0]) and len(fields) >= min(2, len(lines)) \
            and any(_MAIL_FIELD.match(line) for line in fields):
        return "message"
    return None


def find_sources(path: str | Path) -> list[Source]:
    """The mail files at ``path``: an mbox or ``.eml`` file, or a folder (``.eml`` files,
    Maildir ``cur``/``new`` folders, mbox files such as Thunderbird's), read in name order.

    Raises:
        BadInputFile: the path is missing, unreadable, or holds no mail.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise BadInputFile("no such file or folder; give the mbox file, .eml file or mail "
                           "folder your mail program exported", path=path)
    if path.is_file():
        kind = sniff(path)
        if kind is None:
            raise BadInputFile("this is not a mailbox (mbox) or an email (.eml): export your "
                               "mail as mbox, .eml files or a Maildir folder", path=path)
        return [Source(path, kind)]
    found = []
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        parts = file.relative_to(path).parts
        if any(part.startswith(".") for part in parts) or "tmp" in parts[:-1]:
            continue  # hidden files, and Maildir's tmp (messages still being delivered)
        if file.suffix.lower() in _SKIPPED_SUFFIXES:
            continue
        kind = sniff(file)
        if kind is not None:
            found.append(Source(file, kind))
    if not found:
        raise BadInputFile("this folder holds no mail (no mbox, .eml or Maildir files)",
                           path=path)
    return found


class MboxReader:
    """Messages of one mbox file, streamed (see the module docstring).

    Attributes:
        path: the file.
        start: the byte offset reading starts at (0, or where an earlier import stopped).
        end: after reading, the offset up to which every message was complete.
        digest: after reading, a hash of bytes ``0..end``.
        count: messages read.
    """

    def __init__(self, source: Source, start: int = 0, prefix: hashlib._Hash | None = None):
        self.source = source
        self.path = source.path
        self.start = start
        self.end = start
        self._hash = prefix.copy() if prefix is not None else hashlib.sha1(usedforsecurity=False)
        self.count = 0

    @property
    def digest(self) -> str:
        """A hash of the bytes read so far, from the start of the file."""
        return self._hash.hexdigest()

    def messages(self, wants_body: WantsBody | None = None) -> Iterator[MailHeaders]:
        """Each message's headers, in file order; the body only where ``wants_body`` says.

        Raises:
            TruncatedMailbox: the file ends inside a message.
            BadInputFile: the file cannot be read, or is not an mbox from ``start`` on.
        """
        try:
            f = self.source.open()
        except OSError as exc:
            raise BadInputFile(f"cannot read it ({exc.strerror})", path=self.path) from exc
        with f:
            f.seek(self.start)
            yield from self._scan(f, wants_body)

    def _scan(self, f, wants_body: WantsBody | None) -> Iterator[MailHeaders]:
        buf = b""
        base = self.start  # file offset of buf[0]
        eof = False

        def fill() -> bool:
            nonlocal buf, eof
            data = f.read(CHUNK)
            if not data:
                eof = True
                return False
            self._hash.update(data)
            buf += data
            return True

        fill()
        pos = len(buf) - len(buf.lstrip(b"\r\n"))
        if pos < len(buf) and not buf.startswith(b"From ", pos):
            raise BadInputFile("this is not an mbox file: it should start with a line "
                               "beginning 'From '", path=self.path)
        while pos < len(buf) or fill():
            if eof and _BLANK_TO_END.match(buf, pos):
                break
            # The "From " line, then the header block up to its blank line.
            while (line_end := buf.find(b"\n", pos)) < 0 and fill():
                pass
            if line_end < 0:
                self._truncated("its last line is cut short", base + pos)
            head_match = _HEADER_END.search(buf, line_end)
            while head_match is None and len(buf) - pos < HEADER_CAP and fill():
                head_match = _HEADER_END.search(buf, line_end)
            if head_match is None and eof:
                self._truncated("its last message ends inside its headers", base + pos)
            offset = base + pos
            head_end = head_match.start() if head_match else len(buf)
            body_start = head_match.end() if head_match else len(buf)
            block = buf[line_end + 1:head_end + 1]
            self.count += 1
            headers = parse_headers(block, f"{self.path.name}, message {self.count}")
            headers.from_line = buf[pos:line_end]
            keep = bool(wants_body and headers.readable and wants_body(headers))
            body_parts: list[bytes] = []
            kept = 0
            scan = head_end  # the blank line ending the headers may precede the next From
            while (sep := self._separator(buf, scan, eof)) is None and not eof:
                # Not in the buffer yet: keep the end (a separator may straddle blocks).
                cut = max(body_start, len(buf) - _TAIL)
                if keep and kept < BODY_CAP and cut > body_start:
                    body_parts.append(buf[body_start:cut])
                    kept += cut - body_start
                base += cut
                buf = buf[cut:]
                body_start, scan = 0, max(0, scan - cut)
                fill()
            msg_end = sep if sep is not None else len(buf)
            if sep is None:  # the last message: was it written to its end?
                self._check_end(buf[max(body_start, msg_end - _TAIL):msg_end], headers, offset)
            if keep:
                body_parts.append(buf[body_start:msg_end])
                headers.body = body_text(b"".join(body_parts)[:BODY_CAP], headers, block)
            pos = sep if sep is not None else len(buf)
            self.end = base + pos
            yield headers
            if pos > CHUNK:  # drop what was read, keeping the buffer a few blocks long
                base += pos
                buf = buf[pos:]
                pos = 0
        self.end = base + len(buf)

    def _separator(self, buf: bytes, scan: int, eof: bool) -> int | None:
        """The index of the next message's "From " line, or None when the buffer does not
        hold one (yet).

        A "From " line with a date starts a message when a blank line comes before it (as
        mbox writers leave), or when a header line follows it (some writers leave no blank
        line); a body line starting "From " has neither, or was escaped as ">From ".
        """
        while (found := _SEPARATOR.search(buf, scan)) is not None:
            line_start = found.end() - 5
            line_end = buf.find(b"\n", line_start)
            if line_end < 0 and not eof:
                return None  # the From line is cut by the block's end: read more first
            line = buf[line_start:line_end if line_end >= 0 else len(buf)]
            if _FROM_LINE.match(line):
                before = buf[max(0, found.start() - 2):found.start()]
                if before.endswith(b"\n") or before == b"\n\r" or found.start() == 0:
                    return line_start
                following = buf.find(b"\n", line_end + 1) if line_end >= 0 else -1
                if following < 0 and not eof:
                    return None  # the next line is not in the buffer yet
                if line_end >= 0 and _HEADER_LINE.match(buf, line_end + 1):
                    return line_start
            scan = found.start() + 1
        return None

    def _check_end(self, tail: bytes, headers: MailHeaders, offset: int) -> None:
        boundary = headers.boundary
        if boundary and f"--{boundary}--".encode("utf-8", "replace") not in tail:
            self._truncated("its last message ends before its closing MIME boundary", offset)
        if tail and not tail.endswith(b"\n") and not boundary:
            self._truncated("its last message ends in the middle of a line", offset)

    def _truncated(self, why: str, offset: int) -> None:
        raise TruncatedMailbox(f"the mailbox is cut short ({why}, message {self.count + 1} at "
                               f"byte {offset:,}); copy or export it again; nothing was imported",
                               path=self.path)


def read_message_file(source: Source, index: int, wants_body: WantsBody | None = None
                      ) -> MailHeaders:
    """The headers (and, when wanted, the body) of one ``.eml`` or Maildir file."""
    path = source.path
    try:
        with source.open() as f:
            data = f.read(65536)
            while not _HEADER_END.search(data) and len(data) < HEADER_CAP:
                more = f.read(65536)
                if not more:
                    break
                data += more
            found = _HEADER_END.search(data)
            block = data[:found.start() + 1] if found else data
            headers = parse_headers(block.lstrip(b"\r\n"), f"{path.name} (file {index})")
            if wants_body and headers.readable and wants_body(headers):
                rest = data[found.end():] if found else b""
                rest += f.read(max(0, BODY_CAP - len(rest)))
                headers.body = body_text(rest, headers, block)
    except OSError as exc:
        raise BadInputFile(f"cannot read it ({exc.strerror})", path=path) from exc
    return headers


class _Text(HTMLParser):
    """The visible text of an HTML body (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in ("br", "p", "div", "tr", "li"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def body_text(body: bytes, headers: MailHeaders, header_block: bytes) -> str | None:
    """The readable text of a message: its plain part, else its HTML part as text.

    A body that cannot be decoded (broken MIME, an unknown character set) is noted in
    ``headers.problems`` and what could be read is returned.
    """
    raw = header_block + b"\n" + _ESCAPED_FROM.sub(rb"\1", body)
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:  # noqa: BLE001 - the parser can fail in many ways on broken mail
        headers.problems.append("its body is not readable MIME; it was left out")
        return None
    assert isinstance(message, EmailMessage)
    if message.defects or any(part.defects for part in message.walk()):
        headers.problems.append("its MIME structure is broken; what could be read was kept")
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return None
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
        headers.problems.append("its body is in an unknown character set; it was read with "
                                "replacement characters")
    if not isinstance(text, str):
        return None
    if "\ufffd" in text:  # 8-bit text naming no character set: an older Windows program's
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and b"\xef\xbf\xbd" not in payload:
            try:
                text = payload.decode("utf-8")
            except UnicodeDecodeError:
                text = payload.decode("cp1252", "replace")
                headers.windows_text = True  # said in the import's report
    if part.get_content_subtype() == "html":
        parser = _Text()
        parser.feed(text)
        text = "".join(parser.parts)
    text = re.sub(r"\n\s*\n+", "\n\n", text.replace("\r\n", "\n")).strip()
    return text[:TEXT_CAP] or None

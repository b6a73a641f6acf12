"""Read LinkedIn's full data archive (the .zip as downloaded, or the folder it unpacks to).

Only the files the kit uses are read; each may be missing (a member chooses what to
export, and the "basic" archive lacks some):

=====================  ===================================================================
file                   columns used (older exports name some differently; both are read)
=====================  ===================================================================
Profile.csv            First Name, Last Name, Headline, Summary, Geo Location
Positions.csv          Company Name, Title, Started On, Finished On (``Mar 2019``)
Education.csv          School Name, Degree Name, Start Date, End Date
Connections.csv        read by :mod:`infoview.store.linkedin`
messages.csv           CONVERSATION ID, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE
                       URLS, DATE (``2023-06-11 15:33:58 UTC``), SUBJECT, CONTENT; older
                       exports: From, To, Date, Subject, Content, Direction
Invitations.csv        From, To, Sent At (``3/5/26, 1:45 AM``), Message, Direction,
                       inviterProfileUrl, inviteeProfileUrl
=====================  ===================================================================

Everything is parsed and checked here, before the store is touched: a malformed file
raises :class:`~infoview.errors.BadInputFile` naming the file (inside the archive) and the
line its bad row starts on.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from infoview.errors import BadInputFile
from infoview.store.linkedin import Connection, parse_connections, parse_date

#: The largest member read from an archive (a real messages.csv of a busy member is tens
#: of megabytes; past this it is more likely a damaged or hostile file).
MAX_MEMBER_BYTES = 1 << 30

#: The files read, by lower-case name.
FILES = ("profile.csv", "positions.csv", "education.csv", "connections.csv",
         "messages.csv", "invitations.csv")


@dataclass
class Position:
    """One row of Positions.csv or Education.csv (``kind`` ``work`` or ``school``)."""

    line: int
    organization: str
    kind: str = "work"
    title: str | None = None
    started_on: date | None = None
    finished_on: date | None = None


@dataclass
class OwnProfile:
    """The member's own Profile.csv row, positions and education."""

    name: str = ""
    headline: str | None = None
    summary: str | None = None
    location: str | None = None
    positions: list[Position] = field(default_factory=list)
    education: list[Position] = field(default_factory=list)


@dataclass
class Message:
    """One message: who sent it to whom, when. Profile URLs may be missing (older layout).

    ``outgoing`` is ``True``/``False`` when the file says (older layout's Direction), else
    ``None`` and the importer decides from the member's own name and URL.
    """

    line: int
    conversation: str
    sender: str
    sender_url: str | None
    recipients: list[tuple[str, str | None]]
    sent_at: datetime
    subject: str | None
    body: str
    outgoing: bool | None = None


@dataclass
class Invitation:
    """One connection request, sent (``outgoing``) or received."""

    line: int
    sender: str
    recipient: str
    sent_at: datetime
    message: str | None
    outgoing: bool
    sender_url: str | None = None
    recipient_url: str | None = None


@dataclass
class Archive:
    """Everything read from an archive, and which of the files were found."""

    source: Path
    found: list[str] = field(default_factory=list)
    profile: OwnProfile | None = None
    connections: list[Connection] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """The files the kit reads that this archive lacks."""
        return [name for name in FILES if name not in self.found]


# ---- finding and decoding the files ---------------------------------------------------------

def _decode(raw: bytes, label: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadInputFile("is not UTF-8 text; export the archive again from LinkedIn",
                           path=label, line=line) from exc


def _texts(source: Path) -> dict[str, tuple[str, str]]:
    """``{lower-case file name: (label for messages, text)}`` of the files the kit reads."""
    out: dict[str, tuple[str, str]] = {}
    if source.is_dir():
        for path in sorted(source.rglob("*.csv")):
            name = path.name.lower()
            if name in FILES and name not in out:
                try:
                    raw = path.read_bytes()
                except OSError as exc:
                    raise BadInputFile(f"cannot be read ({exc.strerror})", path=path) from exc
                out[name] = (str(path), _decode(raw, str(path)))
        return out
    try:
        with zipfile.ZipFile(source) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename.count("/")):
                name = info.filename.rsplit("/", 1)[-1].lower()
                if name not in FILES or name in out or info.is_dir():
                    continue
                label = f"{source}:{info.filename}"
                if info.file_size > MAX_MEMBER_BYTES:
                    raise BadInputFile(f"is {info.file_size} bytes, more than a LinkedIn "
                                       "export holds; is the archive damaged?", path=label)
                out[name] = (label, _decode(archive.read(info), label))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise BadInputFile(f"is not a readable .zip archive ({exc}); download it again or "
                           "give the unpacked folder", path=source) from exc
    except OSError as exc:
        raise BadInputFile(f"cannot be read ({exc.strerror or exc})", path=source) from exc
    return out


def read_archive(source: str | Path) -> Archive:
    """Read and check every file of the archive the kit uses.

    Args:
        source: the ``.zip`` as downloaded, or the folder it was unpacked into.

    Raises:
        BadInputFile: the archive or one of its files cannot be read (the message names the
            file and line); or none of the files is in it.
    """
    source = Path(source).expanduser()
    if not source.exists():
        raise BadInputFile("does not exist; give the LinkedIn archive (.zip) or its folder",
                           path=source)
    texts = _texts(source)
    if not texts:
        raise BadInputFile("holds none of Profile.csv, Connections.csv, messages.csv, ...; "
                           "is this LinkedIn's data archive?", path=source)
    archive = Archive(source=source, found=[n for n in FILES if n in texts])
    if any(n in texts for n in ("profile.csv", "positions.csv", "education.csv")):
        archive.profile = _profile(texts)
    if "connections.csv" in texts:
        label, text = texts["connections.csv"]
        archive.connections = parse_connections(text, label)
    if "messages.csv" in texts:
        archive.messages = _messages(*texts["messages.csv"])
    if "invitations.csv" in texts:
        archive.invitations = _invitations(*texts["invitations.csv"])
    return archive


# ---- a CSV table with named columns ---------------------------------------------------------

def _norm(column: str) -> str:
    return re.sub(r"[\s_]+", " ", column).strip().lower()


class _Table:
    """A CSV file's rows under a header found past any preamble ("Notes:" lines).

    ``columns`` maps a field to the header names it may have (older layouts differ).
    """

    def __init__(self, label: str, text: str, columns: dict[str, tuple[str, ...]],
                 required: tuple[str, ...]):
        self.label = label
        lines = io.StringIO(text, newline="").readlines()
        for index, line in enumerate(lines[:20]):  # noqa: B007 (index is read after the loop)
            self.columns = [c.strip() for c in next(csv.reader([line]), [])]
            cells = [_norm(c) for c in self.columns]
            if all(any(_norm(a) in cells for a in columns[f]) for f in required):
                break
        else:
            names = ", ".join(columns[f][0] for f in required)
            raise BadInputFile(f"no header line with {names} found; is this LinkedIn's "
                               "export file?", path=label)
        self.header_line = index + 1
        self.width = len(cells)
        self.index = {}
        for name, aliases in columns.items():
            for alias in aliases:
                if _norm(alias) in cells:
                    self.index[name] = cells.index(_norm(alias))
                    break
        self._body = "".join(lines[index + 1:])

    def rows(self):
        """``(line, cells)`` for every non-blank row; a row of the wrong width raises."""
        reader = csv.reader(io.StringIO(self._body, newline=""))
        consumed = 0
        try:
            for cells in reader:
                line = self.header_line + 1 + consumed
                consumed = reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != self.width:
                    raise self.error(f"expected {self.width} fields, found {len(cells)}", line)
                yield line, cells
        except csv.Error as exc:
            raise self.error(f"cannot be read as CSV ({exc})",
                             self.header_line + reader.line_num) from exc

    def get(self, cells: list[str], name: str) -> str | None:
        """The stripped value of a field, ``None`` when empty or not in this layout."""
        index = self.index.get(name)
        value = cells[index].strip() if index is not None else ""
        return value or None

    def error(self, message: str, line: int) -> BadInputFile:
        """A BadInputFile naming this file and line."""
        return BadInputFile(message, path=self.label, line=line)


# ---- dates ----------------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_CLOCK_FORMATS = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y, %H:%M",
                  "%m/%d/%Y, %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%y %I:%M %p", "%m/%d/%Y")


def _clock(value: str) -> datetime | None:
    """ISO 8601 or one of LinkedIn's clock forms; ``None`` when it is neither."""
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    for form in _CLOCK_FORMATS:
        try:
            return datetime.strptime(value, form)
        except ValueError:
            continue
    return None


def parse_when(text: str) -> datetime:
    """A LinkedIn timestamp as a UTC datetime.

    ``2023-06-11 15:33:58 UTC`` (messages), ``3/5/26, 1:45 AM`` (invitations, US order,
    in UTC), ISO 8601, or a date like ``12 Mar 2024`` (taken as midnight UTC).

    Raises:
        ValueError: none of these forms.
    """
    value = " ".join(text.split())
    for suffix in (" UTC", " GMT", "Z"):
        value = value.removesuffix(suffix)
    parsed = _clock(value)
    if parsed is None:
        day = parse_date(value)
        parsed = datetime(day.year, day.month, day.day)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_month(text: str) -> date:
    """``Mar 2019``, ``2019``, ``03/2019`` or an ISO date, as the first day it names."""
    value = text.strip()
    parts = value.replace("/", " ").split()
    if len(parts) == 2 and parts[0][:3].lower() in _MONTHS and parts[1].isdigit():
        return date(int(parts[1]), _MONTHS[parts[0][:3].lower()], 1)
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
        return date(int(parts[1]), int(parts[0]), 1)
    if value.isdigit() and len(value) == 4:
        return date(int(value), 1, 1)
    return date.fromisoformat(value)


def _dated(table: _Table, cells: list[str], name: str, line: int, parse):
    value = table.get(cells, name)
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        column = table.columns[table.index[name]]
        raise table.error(f"{column} is {value!r}, not a date as LinkedIn writes them",
                          line) from exc


# ---- the files ------------------------------------------------------------------------------

def _profile(texts: dict[str, tuple[str, str]]) -> OwnProfile:
    profile = OwnProfile()
    if "profile.csv" in texts:
        table = _Table(*texts["profile.csv"], columns={
            "first": ("First Name",), "last": ("Last Name",), "headline": ("Headline",),
            "summary": ("Summary",), "location": ("Geo Location", "Location", "Address"),
        }, required=("first", "last"))
        for _line, cells in table.rows():
            profile.name = " ".join(p for p in (table.get(cells, "first"),
                                                table.get(cells, "last")) if p)
            profile.headline = table.get(cells, "headline")
            profile.summary = table.get(cells, "summary")
            profile.location = table.get(cells, "location")
            break
    if "positions.csv" in texts:
        profile.positions = _positions(*texts["positions.csv"], kind="work", columns={
            "organization": ("Company Name", "Company", "Organization"),
            "title": ("Title", "Position"), "started": ("Started On", "Start Date"),
            "finished": ("Finished On", "End Date")})
    if "education.csv" in texts:
        profile.education = _positions(*texts["education.csv"], kind="school", columns={
            "organization": ("School Name", "School"),
            "title": ("Degree Name", "Degree"), "started": ("Start Date", "Started On"),
            "finished": ("End Date", "Finished On")})
    return profile


def _positions(label: str, text: str, *, kind: str,
               columns: dict[str, tuple[str, ...]]) -> list[Position]:
    table = _Table(label, text, columns=columns, required=("organization",))
    out = []
    for line, cells in table.rows():
        organization = table.get(cells, "organization")
        if not organization:
            continue
        out.append(Position(line, organization, kind, table.get(cells, "title"),
                            _dated(table, cells, "started", line, parse_month),
                            _dated(table, cells, "finished", line, parse_month)))
    return out


def _split_urls(text: str | None) -> list[str]:
    return [u.strip() for u in re.split(r"[;,\s]+", text or "") if u.strip()]


def _recipients(to: str, urls: list[str]) -> list[tuple[str, str | None]]:
    """Pair the TO names with the recipient URLs. One URL: TO is that one name (commas
    and all); several: TO lists them comma-separated, else the names are unknown."""
    if not urls:
        return [(to, None)] if to else []
    if len(urls) == 1:
        return [(to, urls[0])]
    names = [n.strip() for n in to.split(",")]
    if len(names) != len(urls):
        names = [""] * len(urls)
    return list(zip(names, urls, strict=True))


def _messages(label: str, text: str) -> list[Message]:
    table = _Table(label, text, columns={
        "conversation": ("CONVERSATION ID",), "title": ("CONVERSATION TITLE",),
        "from": ("FROM",), "sender_url": ("SENDER PROFILE URL",), "to": ("TO",),
        "recipient_urls": ("RECIPIENT PROFILE URLS",), "date": ("DATE",),
        "subject": ("SUBJECT",), "content": ("CONTENT", "BODY"),
        "direction": ("DIRECTION",), "draft": ("IS MESSAGE DRAFT",),
    }, required=("from", "date"))
    out = []
    for line, cells in table.rows():
        if (table.get(cells, "draft") or "").lower() in ("true", "yes", "1"):
            continue  # a draft was never sent
        sent_at = _dated(table, cells, "date", line, parse_when)
        if sent_at is None:
            raise table.error("DATE is empty", line)
        sender = table.get(cells, "from") or ""
        recipients = _recipients(table.get(cells, "to") or "",
                                 _split_urls(table.get(cells, "recipient_urls")))
        direction = (table.get(cells, "direction") or "").upper()
        outgoing = {"OUTGOING": True, "INCOMING": False}.get(direction)
        conversation = table.get(cells, "conversation") or ""
        if not conversation:  # older layout: one conversation per correspondent
            other = recipients[0][0] if outgoing and recipients else sender
            conversation = f"with:{other}"
        out.append(Message(line, conversation, sender, table.get(cells, "sender_url"),
                           recipients, sent_at, table.get(cells, "subject"),
                           table.get(cells, "content") or "", outgoing))
    return out


def _invitations(label: str, text: str) -> list[Invitation]:
    table = _Table(label, text, columns={
        "from": ("From",), "to": ("To",), "sent_at": ("Sent At", "Date"),
        "message": ("Message",), "direction": ("Direction",),
        "inviter_url": ("inviterProfileUrl", "Inviter Profile URL"),
        "invitee_url": ("inviteeProfileUrl", "Invitee Profile URL"),
    }, required=("from", "to", "sent_at", "direction"))
    out = []
    for line, cells in table.rows():
        direction = (table.get(cells, "direction") or "").upper()
        if direction not in ("OUTGOING", "INCOMING"):
            raise table.error(f"Direction is {direction or 'empty'}, not OUTGOING or "
                              "INCOMING", line)
        sent_at = _dated(table, cells, "sent_at", line, parse_when)
        if sent_at is None:
            raise table.error("Sent At is empty", line)
        out.append(Invitation(line, table.get(cells, "from") or "", table.get(cells, "to") or "",
                              sent_at, table.get(cells, "message"), direction == "OUTGOING",
                              table.get(cells, "inviter_url"), table.get(cells, "invitee_url")))
    return out

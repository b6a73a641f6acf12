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
line its bad row starts on. Files are streamed and counted as they are read, within the
limits of :mod:`infoview.store.csvfiles`; an encrypted entry, one compressed with a method
Python cannot unpack (deflate64), a folder or pipe where a file belongs, UTF-16 text or a
zip inside the zip is refused in one line, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

from infoview.errors import BadInputFile
from infoview.store import csvfiles
from infoview.store.csvfiles import (
    Budget,
    check_columns,
    lines,
    open_regular,
    text_stream,
)
from infoview.store.linkedin import Connection, parse_connections, parse_date

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


# ---- finding and opening the files ---------------------------------------------------------

#: Compression methods Python's zipfile reads (stored, deflate, bzip2, lzma).
_READABLE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
#: How deep in a folder the files are looked for (the archive's own folder, one or two below).
_FOLDER_DEPTH = 3

Opener = Callable[[], io.TextIOWrapper]


def _folder_files(source: Path, budget: Budget) -> dict[str, tuple[str, Opener]]:
    out: dict[str, tuple[str, Opener]] = {}
    patterns = ["/".join(["*"] * depth + ["*.[cC][sS][vV]"]) for depth in range(_FOLDER_DEPTH)]
    for path in sorted(p for pattern in patterns for p in source.glob(pattern)):
        name = path.name.lower()
        if name not in FILES or name in out:
            continue

        def opener(path: Path = path) -> io.TextIOWrapper:
            return text_stream(open_regular(path), str(path), budget)

        if path.is_dir():
            raise BadInputFile("is a folder where LinkedIn writes a file; give the archive "
                               "as downloaded", path=path)
        out[name] = (str(path), opener)
    return out


def _zip_files(archive: zipfile.ZipFile, source: Path, budget: Budget
               ) -> dict[str, tuple[str, Opener]]:
    out: dict[str, tuple[str, Opener]] = {}
    for info in sorted(archive.infolist(), key=lambda i: i.filename.count("/")):
        name = info.filename.rstrip("/").rsplit("/", 1)[-1].lower()
        if name not in FILES or name in out:
            continue
        label = f"{source}:{info.filename}"
        if info.is_dir():
            raise BadInputFile("is a folder where LinkedIn writes a file; is the archive "
                               "damaged?", path=label)
        if info.flag_bits & 0x1:
            raise BadInputFile("is encrypted; LinkedIn's archives are not: download it again, "
                               "or unpack it yourself and give the folder", path=label)
        if info.compress_type not in _READABLE:
            method = "deflate64" if info.compress_type == 9 else f"method {info.compress_type}"
            raise BadInputFile(f"is compressed with {method}, which infoview cannot unpack; "
                               "unpack the archive with your system's tool and give the folder",
                               path=label)
        if info.file_size > csvfiles.MAX_FILE_BYTES:
            raise BadInputFile(f"is {info.file_size} bytes, more than a LinkedIn export holds; "
                               "is the archive damaged?", path=label)

        def opener(info: zipfile.ZipInfo = info, label: str = label) -> io.TextIOWrapper:
            return text_stream(archive.open(info), label, budget)

        out[name] = (label, opener)
    return out


def _nested_zips(names: list[str]) -> list[str]:
    return [n for n in names if n.lower().endswith(".zip")]


@contextmanager
def _files(source: Path, budget: Budget,
           data: bytes | None = None) -> Iterator[dict[str, tuple[str, Opener]]]:
    """``{lower-case file name: (label for messages, opener)}`` of the files the kit reads.

    A zip stays open while the files are read; whatever it raises on the way (a damaged
    entry, a checksum that does not match) becomes one BadInputFile naming the archive.
    """
    if data is None and source.is_dir():
        try:
            found = _folder_files(source, budget)
            if not found:
                nested = _nested_zips([p.name for p in source.iterdir()])
                if nested:
                    raise BadInputFile(f"holds {nested[0]} rather than the archive's files; "
                                       "give that .zip instead", path=source)
            yield found
        except OSError as exc:
            raise BadInputFile(f"cannot be read ({exc.strerror or exc})", path=source) from exc
        return
    raw = io.BytesIO(data) if data is not None else open_regular(source)
    try:
        with raw, zipfile.ZipFile(raw) as archive:
            found = _zip_files(archive, source, budget)
            if not found:
                nested = _nested_zips(archive.namelist())
                if nested:
                    raise BadInputFile(f"holds another archive ({nested[0]}) rather than the "
                                       "files; unpack it and give the inner .zip", path=source)
            yield found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, lzma.LZMAError,
            NotImplementedError, RuntimeError, ValueError) as exc:
        if isinstance(exc, BadInputFile):
            raise
        raise BadInputFile(f"is not a readable .zip archive ({exc}); download it again or "
                           "give the unpacked folder", path=source) from exc
    except OSError as exc:
        if isinstance(exc, BadInputFile):
            raise
        raise BadInputFile(f"cannot be read ({exc.strerror or exc})", path=source) from exc


def read_archive(source: str | Path, data: bytes | None = None) -> Archive:
    """Read and check every file of the archive the kit uses.

    Files are read as streams and counted as they are read (:mod:`infoview.store.csvfiles`):
    what an entry declares about itself is not trusted.

    Args:
        source: the ``.zip`` as downloaded, or the folder it was unpacked into.
        data: the ``.zip``'s bytes, when it was uploaded (``source`` then only names it);
            read in memory, never written anywhere.

    Raises:
        BadInputFile: the archive or one of its files cannot be read (the message names the
            file and line); or none of the files is in it.
    """
    source = Path(source).expanduser() if data is None else Path(source)
    if data is None and not source.exists():
        raise BadInputFile("does not exist; give the LinkedIn archive (.zip) or its folder",
                           path=source)
    budget = Budget()
    with _files(source, budget, data) as files:
        if not files:
            raise BadInputFile("holds none of Profile.csv, Connections.csv, messages.csv, ...; "
                               "is this LinkedIn's data archive?", path=source)
        archive = Archive(source=source, found=[n for n in FILES if n in files])
        if any(n in files for n in ("profile.csv", "positions.csv", "education.csv")):
            archive.profile = _profile(files)
        if "connections.csv" in files:
            label, opener = files["connections.csv"]
            with opener() as stream:
                archive.connections = parse_connections(stream, label)
        if "messages.csv" in files:
            archive.messages = _read(files["messages.csv"], _messages)
        if "invitations.csv" in files:
            archive.invitations = _read(files["invitations.csv"], _invitations)
    return archive


T = TypeVar("T")


def _read(file: tuple[str, Opener], parse: Callable[[str, io.TextIOWrapper], T]) -> T:
    label, opener = file
    with opener() as stream:
        return parse(label, stream)


# ---- a CSV table with named columns ---------------------------------------------------------

def _norm(column: str) -> str:
    return re.sub(r"[\s_]+", " ", column).strip().lower()


class _Table:
    """A CSV file's rows under a header found past any preamble ("Notes:" lines), read from
    a text stream a line at a time (:func:`infoview.store.csvfiles.lines`).

    ``columns`` maps a field to the header names it may have (older layouts differ).
    """

    def __init__(self, label: str, stream: io.TextIOBase, columns: dict[str, tuple[str, ...]],
                 required: tuple[str, ...]):
        self.label = label
        self._lines = lines(stream, label)
        for index, line in enumerate(islice(self._lines, 20)):  # noqa: B007 (read after the loop)
            self.columns = [c.strip() for c in next(csv.reader([line]), [])]
            check_columns(self.columns, label, index + 1)
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

    def rows(self):
        """``(line, cells)`` for every non-blank row; a row of the wrong width raises."""
        reader = csv.reader(self._lines)
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

def _profile(files: dict[str, tuple[str, Opener]]) -> OwnProfile:
    profile = OwnProfile()
    if "profile.csv" in files:
        label, opener = files["profile.csv"]
        with opener() as stream:
            table = _Table(label, stream, columns={
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
    if "positions.csv" in files:
        profile.positions = _read(files["positions.csv"], partial(_positions, kind="work", columns={
            "organization": ("Company Name", "Company", "Organization"),
            "title": ("Title", "Position"), "started": ("Started On", "Start Date"),
            "finished": ("Finished On", "End Date")}))
    if "education.csv" in files:
        profile.education = _read(files["education.csv"], partial(_positions, kind="school", columns={
            "organization": ("School Name", "School"),
            "title": ("Degree Name", "Degree"), "started": ("Start Date", "Started On"),
            "finished": ("End Date", "Finished On")}))
    return profile


def _positions(label: str, stream: io.TextIOBase, *, kind: str,
               columns: dict[str, tuple[str, ...]]) -> list[Position]:
    table = _Table(label, stream, columns=columns, required=("organization",))
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


def _messages(label: str, stream: io.TextIOBase) -> list[Message]:
    table = _Table(label, stream, columns={
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


def _invitations(label: str, stream: io.TextIOBase) -> list[Invitation]:
    table = _Table(label, stream, columns={
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

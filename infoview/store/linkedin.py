"""Import a LinkedIn connections export (``Connections.csv``) into the store.

LinkedIn's file starts with a few "Notes:" lines, then the header ``First Name, Last Name,
URL, Email Address, Company, Position, Connected On``; dates look like ``12 Mar 2024`` and
most emails are empty (people choose whether to share them).

Each row is matched to a person already in the store by the one rule of
:func:`~infoview.store.matching.match_person` (email, profile URL, then name and
organization, ignoring case). Choices made here, and why:

- New people get ``how_known="linkedin"`` (a LinkedIn connection: the file says no more
  about how the user knows them), or ``"colleague"`` when their company is one of the
  employers in the user's About me; pass ``how_known`` to say otherwise. Everyone
  imported is tagged ``linkedin``. (Imports before this marked every new person
  ``colleague``; those records are left as they are.)
- A known person is only filled in, never emptied: a missing email, URL or date is added;
  title and company are replaced when the file differs (the file is the newer source).
  Their ``how_known``, notes and other tags stay as the user set them.
- Organizations are not created from companies unless asked (``add_organizations=True``,
  ``--organizations``): the organization list is the user's own target list, and a few
  hundred employers of acquaintances would drown it.
- The whole file is read and checked before anything is written, and written in one
  transaction: a malformed file raises :class:`~infoview.errors.BadInputFile` with the
  line number, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import BadInput, BadInputFile
from infoview.models import CHOICES, Affiliation, Organization, Person
from infoview.sheettext import delimiter_of
from infoview.store.csvfiles import Budget, check_columns, lines, open_regular, text_stream
from infoview.store.matching import OrganizationIndex, PeopleIndex
from infoview.text import fold, org_key, org_variant, profile_key

if TYPE_CHECKING:
    from infoview.store.core import Store

COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
           "Connected On")
_REQUIRED = ("First Name", "Last Name")
#: Columns an export may lack: emails are often withheld, and older exports have no URL.
_OPTIONAL = ("Email Address", "URL")
#: Lines searched for the header (LinkedIn's file starts with a few "Notes:" lines).
_HEADER_SEARCH = 50
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


@dataclass
class Connection:
    """One row of the file, with the line it starts on."""

    line: int
    name: str
    url: str | None
    email: str | None
    company: str | None
    position: str | None
    connected_on: date | None


@dataclass
class LinkedInReport:
    """What an import did.

    Attributes:
        added: new people.
        updated: known people given new details.
        skipped: rows that changed nothing (already known as they are, or without a name).
        organizations_added: organizations created (only with ``add_organizations``).
        past_positions: employers kept as past positions because a newer file differs.
        notes: ``(line, reason)`` for every skipped row without a name.
        matched: the person each row's profile URL belongs to (``profile_key`` -> person),
            so that the rest of an archive files that URL's messages under them.
    """

    added: int = 0
    updated: int = 0
    skipped: int = 0
    organizations_added: int = 0
    past_positions: int = 0
    notes: list[tuple[int, str]] = field(default_factory=list)
    matched: dict[str, Person] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready view."""
        return {"added": self.added, "updated": self.updated, "skipped": self.skipped,
                "organizations_added": self.organizations_added,
                "past_positions": self.past_positions,
                "notes": [{"line": line, "reason": reason} for line, reason in self.notes]}


def parse_date(text: str) -> date:
    """``12 Mar 2024`` (LinkedIn's form, whatever the locale) or ``2024-03-12``."""
    parts = text.split()
    if len(parts) == 3 and parts[1][:3].lower() in _MONTHS:
        return date(int(parts[2]), _MONTHS[parts[1][:3].lower()], int(parts[0]))
    return date.fromisoformat(text)


def _find_header(rows: Iterator[str], path: object) -> tuple[int, list[str], str]:
    """The header line (its 0-based index and cells) within the first lines of the file,
    and its separator (a comma; a semicolon or tab once saved again by a spreadsheet)."""
    for index, line in enumerate(islice(rows, _HEADER_SEARCH)):
        delimiter = delimiter_of(line)
        cells = [c.strip() for c in next(csv.reader([line], delimiter=delimiter), [])]
        check_columns(cells, str(path), index + 1)
        if {"first name", "last name"} <= {c.lower() for c in cells}:
            return index, cells, delimiter
    raise BadInputFile("no header line 'First Name,Last Name,URL,...' found; is this "
                       "LinkedIn's Connections.csv?", path=path)


def read_connections(path: str | Path, data: bytes | None = None) -> list[Connection]:
    """Every connection in the file, checked; raises BadInputFile at the first bad line.

    The file is streamed and counted as it is read (:mod:`infoview.store.csvfiles`): a pipe,
    a folder or a file larger than any export is refused in one line. A file opened and
    saved again in Excel is read in whatever it was saved as (UTF-16, Windows text,
    semicolons or tabs).
    ``data``: the bytes of an uploaded file that ``path`` names, read in memory.
    """
    if data is not None:
        with text_stream(io.BytesIO(data), str(path), Budget(), as_saved=True) as stream:
            return parse_connections(stream, path)
    path = Path(path).expanduser()
    with text_stream(open_regular(path), str(path), Budget(), as_saved=True) as stream:
        return parse_connections(stream, path)


def parse_connections(text: str | io.TextIOBase, path: object) -> list[Connection]:
    """Every connection in a ``Connections.csv`` (its text, or a text stream; ``path``
    names it in errors).

    Older exports have no "Notes:" lines and no ``URL`` column; both layouts are read.
    """
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    # Only real line ends split lines (str.splitlines would also split on U+2028 and kin).
    rows = lines(stream, str(path))
    header_index, header, delimiter = _find_header(rows, path)
    lookup = {c.lower(): i for i, c in enumerate(header)}
    missing = [c for c in COLUMNS if c.lower() not in lookup and c not in _OPTIONAL]
    if missing:
        raise BadInputFile(f"the header lacks {', '.join(missing)}", path=path,
                           line=header_index + 1)
    reader = csv.reader(rows, delimiter=delimiter)
    out: list[Connection] = []
    consumed = 0
    try:
        for cells in reader:
            line = header_index + 2 + consumed  # the line this record starts on
            consumed = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise BadInputFile(f"expected {len(header)} fields, found {len(cells)}",
                                   path=path, line=line)
            out.append(_connection(cells, lookup, line, path))
    except csv.Error as exc:
        raise BadInputFile(f"cannot be read as CSV ({exc})", path=path,
                           line=header_index + 1 + reader.line_num) from exc
    return out


def _connection(cells: list[str], lookup: dict[str, int], line: int, path: object) -> Connection:
    def get(column: str) -> str | None:
        index = lookup.get(column.lower())
        value = cells[index].strip() if index is not None else ""
        return value or None

    when = get("Connected On")
    try:
        connected_on = parse_date(when) if when else None
    except ValueError as exc:
        raise BadInputFile(f"'Connected On' is {when!r}, not a date like 12 Mar 2024",
                           path=path, line=line) from exc
    name = " ".join(p for p in (get("First Name"), get("Last Name")) if p)
    return Connection(line, name, get("URL"), get("Email Address"), get("Company"),
                      get("Position"), connected_on)


def _merge(person: Person, row: Connection, tag: str) -> bool:
    """Fill the person in from the row; True when something changed. An organization
    the row writes shorter or fuller ("Kestrel Health Labs" for "Kestrel Health") is the
    one they are at: kept as it was written, not a move to another employer."""
    before = (person.profile_url, person.email, person.connected_on, person.title,
              person.organization, list(person.tags))
    person.profile_url = person.profile_url or row.url
    person.email = person.email or row.email
    person.connected_on = person.connected_on or row.connected_on
    person.title = row.position or person.title
    if not org_variant(person.organization, row.company):  # the user's words for it stay
        person.organization = row.company or person.organization
    if tag and tag not in person.tags:
        person.tags = [*person.tags, tag]
    return before != (person.profile_url, person.email, person.connected_on, person.title,
                      person.organization, person.tags)


def import_linkedin(store: Store, path: str | Path, how_known: str | None = None,
                    add_organizations: bool = False, tag: str = "linkedin",
                    data: bytes | None = None) -> LinkedInReport:
    """Add or update people from a LinkedIn ``Connections.csv`` (see the module docstring);
    ``data`` holds its bytes when it was uploaded (``path`` then only names it).

    Raises:
        BadInputFile: the file is not a readable connections export; nothing is imported.
        BadInput: ``how_known`` is not one of the allowed values.
    """
    store.check()  # nothing is imported into a damaged file
    if how_known is not None:
        check_how_known(how_known)
    rows = read_connections(path, data)
    with store.transaction():
        return import_connections(store, rows, how_known=how_known,
                                  add_organizations=add_organizations, tag=tag)


def check_how_known(how_known: str) -> None:
    """Raise BadInput unless ``how_known`` is one of the allowed values."""
    if how_known not in CHOICES[("people", "how_known")]:
        raise BadInput(f"how_known {how_known!r} is not one of "
                       f"{', '.join(CHOICES[('people', 'how_known')])}")


def relation_of(company: str | None, employers: list[str]) -> str:
    """How the user knows a new connection, by what the import knows: ``colleague`` when
    their company is one of the user's employers (About me), else ``linkedin``."""
    if company and any(org_key(company) == org_key(e) or org_variant(company, e)
                       for e in employers):
        return "colleague"
    return "linkedin"


def import_connections(store: Store, rows: list[Connection], how_known: str | None = None,
                       add_organizations: bool = False, tag: str = "linkedin",
                       employers: list[str] | None = None) -> LinkedInReport:
    """Write checked connections into the store, inside the caller's transaction.

    A known person whose employer changed keeps the old one as a past
    :class:`~infoview.models.Affiliation` (with its title), so "who used to work there"
    stays answerable after a newer export. ``how_known`` ``None``: each new person's is
    :func:`relation_of` their company, by ``employers`` (default: those of About me).
    """
    report = LinkedInReport()
    if employers is None:
        employers = list(store.get_profile().employers) if how_known is None else []
    known = PeopleIndex(store.list(Person))
    known.found_together((row.name, row.company) for row in rows)
    # Name and day of connecting: the same connection in an export without URLs whose
    # employer changed since (name and organization no longer match).
    by_day = {(fold(p.name), p.connected_on): p for p in store.list(Person) if p.connected_on}
    # the stored organizations, by the name rule of warm paths: a company the file writes
    # shorter or fuller than a kept one is that one, not an organization to add
    orgs = OrganizationIndex(o.name for o in store.list(Organization))
    for row in rows:
        if not row.name:
            report.skipped += 1
            report.notes.append((row.line, "no name"))
            continue
        person = known.match(email=row.email, profile_url=row.url, name=row.name,
                             organization=row.company)
        if person is None and row.connected_on and not profile_key(row.url):
            person = by_day.get((fold(row.name), row.connected_on))
        if person is None:
            person = store.add(Person(
                name=row.name, title=row.position, organization=row.company,
                email=row.email, profile_url=row.url,
                how_known=how_known or relation_of(row.company, employers),
                tags=[tag] if tag else [], connected_on=row.connected_on))
            report.added += 1
        else:
            before = (person.organization, person.title)
            if _merge(person, row, tag):
                store.update(person)
                report.updated += 1
                if before[0] and fold(before[0]) != fold(person.organization):
                    store.add(Affiliation(person_id=person.saved_id, organization=before[0],
                                          title=before[1], status="past", source="linkedin",
                                          source_url=person.profile_url))
                    report.past_positions += 1
            else:
                report.skipped += 1
        if profile_key(row.url):
            report.matched[profile_key(row.url)] = person
        known.add(person)  # later rows of the file find them too
        if person.connected_on:
            by_day[(fold(person.name), person.connected_on)] = person
        if add_organizations and row.company and orgs.record_name(row.company) is None:
            store.add(Organization(name=row.company))
            orgs.add(row.company)
            report.organizations_added += 1
    return report

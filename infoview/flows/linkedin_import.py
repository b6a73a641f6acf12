"""LinkedIn contacts for the app: a connections file or the whole archive, previewed first.

The CLI's ``people import-linkedin`` reads a path; the app's Import page also takes an
upload, and shows what an import would do before anything is kept. This module is that
route: :func:`import_linkedin_file` reads a ``Connections.csv`` or the archive (``.zip``
or the folder it unpacks to) from a path or from uploaded bytes (read in memory, never
written anywhere), writes it with the store's
own importers (:func:`~infoview.store.linkedin.import_linkedin`,
:func:`~infoview.store.archive_import.import_archive`), and for a preview undoes every write
(the import runs inside a transaction that is rolled back), so the preview and the import
are the same code and say the same numbers.

The report also answers the question a user imports their connections for: which of their
contacts work at the organizations they are curious about (their organizations, matched by
:func:`~infoview.text.org_key`, so "Kestrel Health Labs, Inc." is "Kestrel Health Labs", and
by the stored organization a name plainly is: :class:`~infoview.store.matching.OrganizationIndex`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import BadInput
from infoview.models import Organization, Person
from infoview.store.matching import OrganizationIndex
from infoview.text import WINDOWS_TEXT

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: What an upload may be called: LinkedIn's connections file, or its archive.
SUFFIXES = (".csv", ".zip")


@dataclass
class LinkedInImportReport:
    """What importing a LinkedIn file did, or would do (``dry_run``), in plain words.

    Attributes:
        source: the file's name as the user knows it.
        dry_run: a preview: nothing was kept.
        added, updated, unchanged: people added, filled in, and already known as they are.
        organizations_added: organizations made from the contacts' employers (when asked).
        profile: "3 schools and 2 employers" read into About me (an archive only).
        messages, invitations: outreach recorded from the archive's messages and invitations.
        skipped: ``(line, reason)`` of rows left out.
        known_at: each organization of the user's with the contacts who work there
            (``(organization, ["Sam Okafor (UX researcher)", ...])``), in the store's order.
        windows_text: the connections file was not UTF-8 (saved again in Excel), so it was
            read as Windows-1252: a guess the user is told of, as the mail and calendar
            imports tell theirs.
    """

    source: str
    dry_run: bool = False
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    organizations_added: int = 0
    profile: str = ""
    messages: int = 0
    invitations: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    known_at: list[tuple[str, list[str]]] = field(default_factory=list)
    organizations: int = 0
    windows_text: bool = False

    def lines(self) -> list[str]:
        """One sentence per thing recorded, in plain words ("would be" in a preview)."""
        would = "would be " if self.dry_run else ""
        out = [f"{_count(self.added, 'person', 'people')} {would}added from your contacts"]
        if self.updated:
            out.append(f"{_count(self.updated, 'person', 'people')} already saved "
                       f"{would}filled in (title, employer, link)")
        if self.unchanged:
            out.append(f"{_count(self.unchanged, 'contact', 'contacts')} already saved as "
                       "they are")
        if self.organizations_added:
            out.append(f"{_count(self.organizations_added, 'organization', 'organizations')}"
                       f" {would}added from their employers")
        if self.profile:
            out.append(f"About me {would}given {self.profile} from your LinkedIn profile")
        if self.messages:
            out.append(f"{_count(self.messages, 'message', 'messages')} you sent or "
                       f"received {would}recorded as outreach")
        if self.invitations:
            out.append(f"{_count(self.invitations, 'invitation', 'invitations')} you sent "
                       f"{would}recorded as requests")
        for line, reason in self.skipped:
            out.append(f"Line {line} left out ({reason})")
        out = [f"{line}." for line in out]  # each a sentence, as the other imports write
        if self.windows_text:
            out.append(f"{self.source} was not saved as UTF-8 text, so it was {WINDOWS_TEXT}: "
                       "if an accented letter in a name looks wrong, import the file LinkedIn "
                       "sent you, as it came, or save it again as UTF-8.")
        return out

    def known_lines(self) -> list[str]:
        """Who works at the user's organizations, one line per organization with someone."""
        return [f"{name}: {', '.join(people)}" for name, people in self.known_at]

    def known_words(self) -> str:
        """A sentence over :meth:`known_lines`, or what to do when there is nothing to say."""
        if not self.organizations:
            return ("Add the organizations you are curious about under People, "
                    "Organizations: then this page and the target list show whom you know "
                    "at each.")
        if not self.known_at:
            return "None of these contacts works at one of your organizations."
        return "Your contacts at the organizations you are curious about:"

    def kept(self) -> str:
        """One sentence for the line under the buttons once the import is done."""
        filled = f", {self.updated} filled in" if self.updated else ""
        return (f"Imported: {_count(self.added, 'person', 'people')} added{filled}. They are "
                "under People.")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class _Preview(Exception):
    """Raised inside the import's transaction to undo it: a preview keeps nothing."""


def import_linkedin_file(store: Store, source: str | Path | tuple[str, bytes], *,
                         dry_run: bool = False,
                         add_organizations: bool = False) -> LinkedInImportReport:
    """Import a LinkedIn ``Connections.csv`` or data archive (see the module docstring).

    Args:
        store: the open store.
        source: a path to the file or unpacked folder, or an upload as ``(name, bytes)``.
        dry_run: report what would be kept, keep nothing.
        add_organizations: make an organization of each contact's employer too.

    Raises:
        BadInput: the upload is not a ``.csv`` or ``.zip`` file, or nothing was given.
        BadInputFile: the file is not a LinkedIn export; the message names its line.
    """
    if isinstance(source, tuple):
        name, data = source
        if Path(name).suffix.lower() not in SUFFIXES:
            raise BadInput(f"{name} is not a LinkedIn export: upload Connections.csv, or the "
                           "archive LinkedIn sent you (a .zip file)")
        return _import(store, Path(Path(name).name), dry_run, add_organizations, data)
    if not str(source).strip():
        raise BadInput("give your LinkedIn Connections.csv or the archive (.zip), or upload it")
    return _import(store, Path(source).expanduser(), dry_run, add_organizations)


def _import(store: Store, path: Path, dry_run: bool, add_organizations: bool,
            data: bytes | None = None) -> LinkedInImportReport:
    from infoview.store.archive_import import import_archive
    from infoview.store.linkedin import import_linkedin

    report = LinkedInImportReport(source=path.name, dry_run=dry_run)
    if data is not None:
        archive = data[:4] == b"PK\x03\x04"
    else:
        archive = path.is_dir() or path.suffix.lower() == ".zip" or _zipped(path)
    try:
        with store.transaction():
            if archive:
                result = import_archive(store, path, add_organizations=add_organizations,
                                        data=data)
                connections = result.connections
                if result.profile:
                    schools = _count(result.profile.get("schools", 0), "school", "schools")
                    employers = _count(result.profile.get("employers", 0), "employer",
                                       "employers")
                    report.profile = f"{schools} and {employers}"
                report.messages = result.outreach_added + result.outreach_updated
                report.invitations = result.invitations_sent
                report.added += result.people_added
                report.skipped = [(line, f"{file}: {why}") for file, line, why in result.notes]
            else:
                connections = import_linkedin(store, path, add_organizations=add_organizations,
                                              data=data)
                report.windows_text = _windows_text(path, data)
            if connections is not None:
                report.added, report.updated = connections.added, connections.updated
                report.organizations_added = connections.organizations_added
                report.skipped += [(line, why) for line, why in connections.notes]
                report.unchanged = connections.skipped - len(connections.notes)
            report.organizations, report.known_at = _known_at(store)
            if dry_run:
                raise _Preview
    except _Preview:
        pass
    return report


def _windows_text(path: Path, data: bytes | None) -> bool:
    """Whether the connections file (read already: it exists and is text) was taken for
    Windows-1252 text, judged as its reader judges it (:func:`~infoview.sheettext.encoding_of`
    of its first bytes)."""
    from infoview.sheettext import encoding_of
    from infoview.store.csvfiles import _SNIFF_BYTES as SNIFF_BYTES  # what the reader judges

    if data is None:
        with path.open("rb") as file:
            data = file.read(SNIFF_BYTES)
    return encoding_of(data[:SNIFF_BYTES])[0] == "cp1252"


def _zipped(path: Path) -> bool:
    """Whether the file is a zip archive, whatever its name says (a download renamed)."""
    if not path.is_file():  # a pipe would wait for a writer: the importer refuses it
        return False
    try:
        with path.open("rb") as file:
            return file.read(4) == b"PK\x03\x04"
    except OSError:
        return False  # the importer says what is wrong with it


def _known_at(store: Store) -> tuple[int, list[tuple[str, list[str]]]]:
    """How many organizations the user has, and the people at each (those with anyone)."""
    organizations = store.list(Organization)
    # grouped by the record: "Kestrel Health Labs" typed is the "Kestrel Health" kept
    index = OrganizationIndex(o.name for o in organizations)
    people: dict[str, list[str]] = {}
    for person in store.list(Person):
        key = index.key(person.organization)
        if key:
            people.setdefault(key, []).append(
                person.name + (f" ({person.title})" if person.title else ""))
    known = [(o.name, sorted(people[index.key(o.name)])) for o in organizations
             if people.get(index.key(o.name))]
    return len(organizations), known

"""Everything the kit holds about one person, and forgetting them completely.

A person's data lives in more places than the store's tables: the HTTP cache beside the
store keeps the pages fetched about them (and research results derived from those pages for
batch re-runs), an upgrade leaves backups of the store (``NAME.bak-vN``), and briefs,
reports, drafts, calendars, vCards and exports are files the kit wrote. :func:`what_is_held`
lists all of it, with dates (what a person asking "what do you hold about me?" is owed);
:func:`forget_person` removes it:

- the store: :func:`infoview.store.erase.delete_person` (their records, their research
  snapshots however saved, their name in other records' text);
- the HTTP cache: every page whose URL is their profile or a page researched about them,
  or whose body (decompressed and decoded) names them, and every kept research result
  naming them; deleted rows are zeroed, the file rebuilt and its log truncated;
- backups: each backup that names them is scrubbed in place by the same steps as the store
  (it stays a usable backup of everyone else; see the README for why it is not deleted);
- batch outputs (the JSON Lines files of ``research batch``): the result lines naming them
  are taken out;
- exports: those that still exist and name them are listed, and removed when asked.

Afterwards every file is searched byte by byte for their name (UTF-8, case-folded, UTF-16);
whatever still holds it is reported rather than passed over in silence.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.errors import StoreError
from infoview.models import Person
from infoview.store.appstate import (
    delete_state,
    forget_states,
    get_state,
    put_state,
    states_naming,
)
from infoview.store.erase import (
    STEPS,
    DeleteReport,
    delete_person,
    erase_rows,
    names_on_their_pages,
    same_person,
    snapshots_about,
    store_text_columns,
)
from infoview.store.exports import ExportRecord, exports_naming, forget_in_registry, write_export
from infoview.store.mentions import Mentions
from infoview.text import fold, profile_key
from infoview.times import stored_day

if TYPE_CHECKING:
    from infoview.research.cachefile import CachedPage, KeptResult
    from infoview.store.core import Store

log = logging.getLogger(__name__)

#: What no program on this machine can take back, said plainly after every deletion.
UNREACHABLE = (
    "messages you sent them (your mail or LinkedIn account keeps its own copy)",
    "copies of exports you moved, shared or backed up elsewhere (only files the kit wrote, "
    "where it wrote them, are known)",
    "the public pages about them on the web, which the kit only read",
)

_DATE_COLUMNS = ("starts_at", "sent_at", "fetched_at", "date", "due", "created_at")
#: The column that says what a record is, shown beside it (a reader asks "what is that?").
_SUMMARY_COLUMNS = {
    "referrals": "notes", "actions": "what", "outcomes": "kind", "questions_asked": "text",
    "insights": "text", "meetings": "status", "outreach": "kind", "affiliations": "organization",
    "mail_messages": "subject", "calendar_events": "summary",
}


@dataclass
class Holdings:
    """What the kit holds about one person (see :func:`what_is_held`).

    Attributes:
        person: their record.
        records: their own records: ``{"table", "id", "date"}`` each.
        mentions: other records whose text names them: ``{"table", "id", "field"}``.
        snapshots: research snapshots about them: ``{"id", "kind", "source_url",
            "fetched_at", "linked"}``.
        cached_pages: pages of the HTTP cache about them or naming them.
        kept_results: research results kept for batch re-runs that name them.
        exports: files the kit wrote that still exist and name them.
        backups: store backups naming them: ``{"path", "modified"}``.
        same_person: other people records of them (:func:`~infoview.store.erase.same_person`),
            which a delete removes too: ``{"id", "name", "organization", "email",
            "profile_url"}``; their records are in ``records`` with ``"person"`` set.
        unreachable: what is out of the kit's reach.
    """

    person: Person
    records: list[dict] = field(default_factory=list)
    same_person: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    snapshots: list[dict] = field(default_factory=list)
    cached_pages: list[CachedPage] = field(default_factory=list)
    kept_results: list[KeptResult] = field(default_factory=list)
    exports: list[ExportRecord] = field(default_factory=list)
    backups: list[dict] = field(default_factory=list)
    unreachable: tuple[str, ...] = UNREACHABLE
    #: Work in progress the app keeps that names them (a question plan being edited).
    kept_plans: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready view."""
        person = {k: v.isoformat() if hasattr(v, "isoformat") else v
                  for k, v in self.person.to_dict().items()}
        return {"person": person, "records": self.records, "mentions": self.mentions,
                "snapshots": self.snapshots,
                "cached_pages": [p.to_dict() for p in self.cached_pages],
                "kept_results": [r.to_dict() for r in self.kept_results],
                "exports": [e.to_dict() for e in self.exports], "backups": self.backups,
                "same_person": self.same_person, "kept_plans": self.kept_plans,
                "unreachable": list(self.unreachable)}

    def lines(self, zone: tzinfo | None = None) -> list[str]:
        """What was found, as lines for a reader (the CLI and the panel show these), days
        written as everywhere else ("Thu 3 Dec 2026"), on the calendar of ``zone`` (the
        user's) when given."""
        data = self.to_dict()

        def day(value: object) -> str:
            return stored_day(value, zone)

        lines = [f"{self.person.name} (person {self.person.id}, added "
                 f"{day(data['person'].get('created_at')) or 'at an unknown date'})"]

        def section(title: str, items: list[str]) -> None:
            lines.append(f"{title}: {len(items) or 'none'}")
            lines.extend(f"  {item}" for item in items)

        section("other records of them (deleted with them)", [
            f"person {d['id']}: {d['name']}"
            + "".join(f", {d[k]}" for k in ("organization", "email", "profile_url") if d[k])
            for d in data["same_person"]])
        section("their records", [f"{r['table'].replace('_', ' ')} {r['id']}"
                                  + (f", {day(r['date'])}" if r["date"] else "")
                                  + (f": {_short(r['what'])}" if r.get("what") else "")
                                  + (f" (of person {r['person']})" if r.get("person") else "")
                                  for r in data["records"] if r["table"] != "people"])
        section("other records naming them", [f"{m['table']} {m['id']} ({m['field']})"
                                              for m in data["mentions"]])
        section("research snapshots", [f"{s['kind']} {s['id']} of {s['source_url']}, "
                                       f"{day(s['fetched_at']) or 'undated'}"
                                       + ("" if s["linked"] else " (not linked to them)")
                                       for s in data["snapshots"]])
        section("cached web pages", [f"{p['url']}, fetched {day(p['fetched_at'])}, kept until "
                                     f"{day(p['expires'])}" for p in data["cached_pages"]])
        section("kept research results", [f"{r['kind']} {r['url']}, kept until {day(r['expires'])}"
                                          for r in data["kept_results"]])
        section("exported files", [f"{e['path']} ({e['kind']}), written {day(e['written_at'])}"
                                   for e in data["exports"]])
        section("store backups", [f"{b['path']}, {day(b['modified'])}" for b in data["backups"]])
        section("plans and meeting notes being worked on",
                [f"{k['key']}, changed {day(k['updated_at'])}" for k in data["kept_plans"]])
        lines.append("Out of infoview's reach: " + "; ".join(data["unreachable"]) + ".")
        return lines


@dataclass
class ForgetReport:
    """What :func:`forget_person` did, and what it left.

    Attributes:
        store: what went from the store.
        cached_pages: URLs of the cached pages deleted; ``kept_results`` of the results.
        backups_scrubbed: backups rewritten without them; ``backups_failed``: backups that
            could not be (path and reason).
        exports_removed: files removed; ``exports_left``: files that still name them.
        exports_rewritten: ``db export`` folders rewritten without them (still a whole
            export to import); ``export_folders_removed``: such folders that could not be
            rewritten safely, so were removed whole.
        batch_lines_removed: batch output files (JSON Lines) and how many result lines
            naming them were taken out (a re-run of the batch researches those URLs again).
        still_named_in: files where their name's bytes were still found afterwards.
        namesakes: other people in the store with the same name (someone else, kept with
            their name, so the store file still holds it).
        unreachable: what is out of the kit's reach.
    """

    store: DeleteReport
    cached_pages: list[str] = field(default_factory=list)
    kept_results: list[str] = field(default_factory=list)
    backups_scrubbed: list[str] = field(default_factory=list)
    backups_failed: list[tuple[str, str]] = field(default_factory=list)
    exports_removed: list[str] = field(default_factory=list)
    exports_left: list[str] = field(default_factory=list)
    exports_rewritten: list[str] = field(default_factory=list)
    export_folders_removed: list[str] = field(default_factory=list)
    batch_lines_removed: list[tuple[str, int]] = field(default_factory=list)
    still_named_in: list[str] = field(default_factory=list)
    namesakes: list[int] = field(default_factory=list)
    unreachable: tuple[str, ...] = UNREACHABLE
    #: How many plans being edited in the app, naming them, were removed.
    kept_plans_removed: int = 0

    def to_dict(self) -> dict:
        """A JSON-ready view (the store's part as :meth:`DeleteReport.to_dict` gives it)."""
        return {**self.store.to_dict(), "cached_pages": self.cached_pages,
                "kept_results": self.kept_results, "backups_scrubbed": self.backups_scrubbed,
                "backups_failed": [{"path": p, "reason": r} for p, r in self.backups_failed],
                "exports_removed": self.exports_removed, "exports_left": self.exports_left,
                "exports_rewritten": self.exports_rewritten,
                "export_folders_removed": self.export_folders_removed,
                "batch_lines_removed": [{"path": p, "lines": n}
                                        for p, n in self.batch_lines_removed],
                "still_named_in": self.still_named_in, "namesakes": self.namesakes,
                "kept_plans_removed": self.kept_plans_removed,
                "unreachable": list(self.unreachable)}


# ---- export folders -------------------------------------------------------------------------

def _forget_in_export_folders(person: Person, exports: list[ExportRecord], mentions: Mentions,
                              report: ForgetReport) -> list[ExportRecord]:
    """Rewrite each ``db export`` folder among ``exports`` without the person; returns the
    exports left to remove one by one.

    Removing only the files that named them left a folder that could no longer be
    imported. A folder that cannot be rewritten safely is removed whole instead.
    """
    from infoview.store.exchange import EXPORT_JSON

    folders = {r.path.parent for r in exports
               if r.kind == "export" and (r.path.parent / EXPORT_JSON).is_file()}
    for folder in sorted(folders):
        _tidy_stopped_run(folder)
        if _rewrite_export_folder(folder, person, mentions):
            report.exports_rewritten.append(str(folder))
        else:
            report.exports_removed.extend(_remove_export_folder(folder))
            report.export_folders_removed.append(str(folder))
    return [r for r in exports if r.path.parent not in folders]


#: The scratch store a rewrite loads an export into, beside the export folder.
SCRATCH_PREFIX = ".infoview-forget-"


def _tidy_stopped_run(folder: Path) -> None:
    """Remove what a rewrite of ``folder`` stopped part way left: a file half-written
    (``NAME.part``, never a finished file) and the scratch store beside it, both of which
    may hold the person."""
    import shutil

    for part in folder.glob("*.part"):
        if part.is_file():  # (what the kit writes; anything else there is not its own)
            part.unlink(missing_ok=True)
    for scratch in folder.parent.glob(f"{SCRATCH_PREFIX}*"):
        if scratch.is_dir():
            shutil.rmtree(scratch, ignore_errors=True)


def _rewrite_export_folder(folder: Path, person: Person, mentions: Mentions) -> bool:
    """Write the export in ``folder`` again without the person, through the export writer
    (each file replaced whole). The export is loaded into a scratch store beside it and
    the person deleted there as in the store itself (the records about them, the mentions
    of them); ``False`` when that cannot be done safely: their id holds someone else
    there, the export cannot be read, or a file still names them afterwards."""
    import shutil
    import tempfile

    from infoview.errors import InfoviewError
    from infoview.store import Store
    from infoview.store.exchange import export_folder, import_folder

    if person.id is None:
        return False
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=folder.parent))
    try:
        with Store.open(scratch / "export.sqlite") as copy:
            import_folder(copy, folder)
            rows = copy.execute("SELECT name FROM people WHERE id = ?", [person.id])
            if not rows or fold(rows[0][0]) != fold(person.name):
                return False
            delete_person(copy, person.id)
            export_folder(copy, folder, overwrite=True)
        return not any(mentions.in_bytes(f.read_bytes()) for f in folder.iterdir() if f.is_file())
    except (InfoviewError, sqlite3.Error, OSError) as exc:
        log.warning("could not rewrite the export %s: %s", folder, exc)
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _remove_export_folder(folder: Path) -> list[str]:
    """Remove an export folder's files (and the folder, once empty); returns the files."""
    removed = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            try:
                path.unlink()
                removed.append(str(path))
            except OSError as exc:
                log.warning("could not remove %s: %s", path, exc)
    try:
        folder.rmdir()
    except OSError:
        pass  # something else is in it
    return removed


# ---- finding ------------------------------------------------------------------------------

def _page_keys(store: Store, person: Person) -> set[str]:
    keys = {profile_key(u) for _i, *urls in snapshots_about(store.execute, person)
            for u in urls if u}
    keys.add(profile_key(person.profile_url))
    keys.discard("")
    return keys


def _links_to_their_pages(keys: set[str]) -> Mentions | None:
    """Their pages as other pages link to them: the address without its scheme (a full link)
    and its path (a link within the site, as a sitemap writes it). A page's address often
    spells their name ("/team/samira-okafor.html"), so a page listing it still names them."""
    tokens: list[str] = []
    for key in keys:
        _host, _slash, path = key.partition("/")
        if path.strip("/"):  # a site's home page ("kestrel.example") is nobody's own
            tokens += [key, "/" + path]
    return Mentions(Person(name=""), tokens) if tokens else None


def _cache_tests(keys: set[str], mentions: Mentions):
    links = _links_to_their_pages(keys)

    def page(p: CachedPage) -> bool:
        return (bool(keys & {profile_key(p.url), profile_key(p.final_url)})
                or mentions.in_bytes(p.body, p.encoding) or mentions.in_bytes(p.raw)
                or (links is not None and (links.in_bytes(p.body, p.encoding)
                                           or links.in_bytes(p.raw))))

    def result(r: KeptResult) -> bool:
        return profile_key(r.url) in keys or mentions(r.text)

    return page, result


def _own_records(store: Store, person_id: int) -> list[dict]:
    import json

    ids = [row[0] for row in snapshots_about(store.execute, store.get(Person, person_id))]
    params = {"p": person_id, "snapshots": json.dumps(ids)}
    found = []
    for table, where in STEPS:
        if table == "research":
            continue  # listed as snapshots
        columns = {r[1] for r in store.execute(f"PRAGMA table_info({table})")}
        date = next((c for c in _DATE_COLUMNS if c in columns), None)
        what = _SUMMARY_COLUMNS.get(table) if _SUMMARY_COLUMNS.get(table) in columns else None
        rows = store.execute(f"SELECT id, {date or 'NULL'}, {what or 'NULL'} FROM {table} "
                             f"WHERE {where} ORDER BY id", params)
        found += [{"table": table, "id": i, "date": d, "what": w} for i, d, w in rows]
    return found


def _short(text: object, width: int = 70) -> str:
    """One line of at most ``width`` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= width else line[: width - 1] + "…"


def other_records_of(store: Store, person_id: int) -> list[Person]:
    """The other people records of the same person, which deleting them removes too
    (:func:`infoview.store.erase.same_person`): shown before a delete and in what is held."""
    return same_person(store.execute, store.get(Person, person_id))


def _mentions_in_store(store: Store, person: Person, mentions: Mentions) -> list[dict]:
    own = set()
    for record in [person, *same_person(store.execute, person)]:
        own |= {(r["table"], r["id"]) for r in _own_records(store, record.id or 0)}
        own |= {("research", row[0]) for row in snapshots_about(store.execute, record)}
        own.add(("people", record.id))
    if not mentions.folded:
        return []
    test = " OR ".join("instr(iv_fold({col}), ?) > 0" for _ in mentions.folded)
    found = []
    for table, columns in store_text_columns().items():
        for col in columns:
            rows = store.execute(f"SELECT id, {col} FROM {table} WHERE {test.format(col=col)}",
                                 mentions.folded)
            found += [{"table": table, "id": i, "field": col} for i, text in rows
                      if (table, i) not in own and mentions(text)]
    return found


def what_is_held(store: Store, person_id: int, *, cache_path: str | Path | None = None,
                 cache_days: float = 7.0) -> Holdings:
    """Everything the kit holds about a person (see the module docstring).

    Args:
        store: the open store.
        person_id: the person.
        cache_path: the HTTP cache file (default: the one beside the store).
        cache_days: how long the cache keeps entries (dates kept results).

    Raises:
        NotFound: there is no person with that id.
    """
    person = store.get(Person, person_id)
    mentions = Mentions(person, names_on_their_pages(store.execute, person))
    held = Holdings(person)
    held.records = _own_records(store, person_id)
    for other in other_records_of(store, person_id):
        held.same_person.append({k: getattr(other, k) for k in
                                 ("id", "name", "organization", "email", "profile_url")})
        held.records += [{**r, "person": other.id} for r in _own_records(store, other.id or 0)]
    held.mentions = _mentions_in_store(store, person, mentions)
    for sid, _url, _researched in snapshots_about(store.execute, person):
        kind, source, fetched, linked = store.execute(
            "SELECT kind, source_url, fetched_at, person_id FROM research WHERE id = ?", [sid])[0]
        held.snapshots.append({"id": sid, "kind": kind, "source_url": source,
                               "fetched_at": fetched, "linked": linked == person_id})
    cache = _cache_file(store, cache_path, cache_days)
    if cache is not None:
        page_test, result_test = _cache_tests(_page_keys(store, person), mentions)
        with cache:
            held.cached_pages = [p for p in cache.pages() if page_test(p)]
            held.kept_results = [r for r in cache.results() if result_test(r)]
    held.exports = exports_naming(store, person)
    held.kept_plans = [{"key": s.key, "updated_at": s.updated_at.isoformat(timespec="seconds")}
                       for s in states_naming(store, person)]
    for path in backups_of(store.path):
        if _backup_names(path, person, mentions):
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            held.backups.append({"path": str(path),
                                 "modified": modified.isoformat(timespec="seconds")})
    return held


def _cache_file(store: Store, cache_path: str | Path | None, days: float):
    from infoview.paths import default_cache_path
    from infoview.research.cachefile import CacheFile

    path = Path(cache_path) if cache_path is not None else default_cache_path(store.path)
    return CacheFile(path, days) if path.is_file() else None


# ---- backups ------------------------------------------------------------------------------

def backups_of(db: Path) -> list[Path]:
    """The backups an upgrade wrote beside a store file (``NAME.bak-vN``, ``-2``...)."""
    return sorted(p for p in Path(db).parent.glob(f"{Path(db).name}.bak-v*")
                  if p.is_file() and not p.name.endswith(("-wal", "-shm", "-journal")))


def name_bytes(name: str) -> list[bytes]:
    """The name as its bytes may sit in a file: UTF-8 as written and case-folded, UTF-16."""
    import unicodedata

    forms = {unicodedata.normalize("NFC", name.strip()), fold(name)}
    return sorted({f.encode(codec) for f in forms if f
                   for codec in ("utf-8", "utf-16-le", "utf-16-be")})


def files_naming(paths: list[Path], name: str) -> list[str]:
    """The files (and their ``-wal`` logs) among ``paths`` whose bytes hold the name."""
    needles = name_bytes(name)
    hits = []
    for path in paths:
        for part in (path, Path(f"{path}-wal")):
            try:
                data = part.read_bytes()
            except OSError:
                continue
            if any(n in data for n in needles):
                hits.append(str(part))
    return hits


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=15, isolation_level=None)
    conn.execute("PRAGMA secure_delete = ON")
    conn.create_function("iv_fold", 1, fold, deterministic=True)
    conn.create_function("iv_profile_key", 1, profile_key, deterministic=True)
    return conn


def _backup_person(conn: sqlite3.Connection, person: Person) -> Person:
    """The person as the backup holds them: same id and name, else same name and contact;
    a stand-in that owns no rows when the backup predates them (their name may still be in
    others' text)."""
    rows = conn.execute("SELECT id, name, email, phone, profile_url, organization FROM people "
                        "WHERE iv_fold(name) = ?", [fold(person.name)]).fetchall()
    same = [r for r in rows if r[0] == person.id] or [
        r for r in rows if (person.email and fold(r[2]) == fold(person.email))
        or (person.profile_url and profile_key(r[4]) == profile_key(person.profile_url))]
    if same:
        i, name, email, phone, url, organization = same[0]
        return Person(id=i, name=name, email=email or person.email,
                      phone=phone or person.phone, profile_url=url or person.profile_url,
                      organization=organization or person.organization)
    return Person(id=-1, name=person.name, email=person.email, phone=person.phone,
                  profile_url=person.profile_url, organization=person.organization)


def _text_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'")]
    found = {}
    for table in tables:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        names = {r[1] for r in info}
        if "id" in names:
            found[table] = [r[1] for r in info if (r[2] or "").upper() == "TEXT"]
    return found


def _backup_names(path: Path, person: Person, mentions: Mentions) -> bool:
    if files_naming([path], person.name):
        return True
    try:
        conn = _connect(path)
        try:
            for table, columns in _text_columns(conn).items():
                for col in columns:
                    for (text,) in conn.execute(f"SELECT {col} FROM {table}"):
                        if mentions(text if isinstance(text, str) else None):
                            return True
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return False


def scrub_backup(path: Path, person: Person) -> bool:
    """Remove a person from one backup file, in place; True when the file was rewritten.

    The backup keeps its own schema version (so it still restores with the infoview that
    wrote it); only the person's rows and their name in others' text go, and the file is
    rebuilt without free pages.

    Raises:
        sqlite3.DatabaseError: the file is not SQLite, damaged, or locked.
    """
    mentions = Mentions(person)
    if not _backup_names(path, person, mentions):
        return False
    conn = _connect(path)
    try:
        def execute(sql: str, params: Any) -> list[tuple]:
            return conn.execute(sql, params).fetchall()

        conn.execute("BEGIN IMMEDIATE")
        try:
            erase_rows(execute, _backup_person(conn, person), _text_columns(conn))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    log.info("scrubbed person %s from backup %s", person.id, path)
    return True


# ---- forgetting ---------------------------------------------------------------------------

def _scrub_batch(store: Store, path: Path, mentions: Mentions) -> int:
    """Take the result lines naming the person out of a batch output (written again whole,
    and recorded again); returns how many."""
    lines = path.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if not mentions.in_bytes(line)]
    if len(kept) != len(lines):
        write_export(store, path, b"".join(kept), kind="batch")
    return len(lines) - len(kept)


#: Where a deletion keeps what its files' part needs until that part is done (app state:
#: never exported, and removed before the store is searched for their name).
PENDING_PREFIX = "forgetting:"


def _pending_key(person_id: int) -> str:
    return f"{PENDING_PREFIX}{person_id}"


def _keep_pending(store: Store, person: Person, names: list[str], keys: set[str],
                  remove_exports: bool, deleted: DeleteReport | None) -> None:
    who = {k: getattr(person, k) for k in ("id", "name", "email", "phone", "profile_url",
                                           "organization")}
    put_state(store, _pending_key(person.saved_id), {
        "person": who, "names": names, "keys": sorted(keys), "remove_exports": remove_exports,
        "deleted": None if deleted is None else {**deleted.to_dict(), "pages": deleted.pages}})


def _resumed(value: dict) -> tuple[Person, list[str], set[str], ForgetReport]:
    """What a deletion stopped after the store's part kept (:func:`_keep_pending`)."""
    person = Person(**value["person"])
    deleted = value.get("deleted") or {"person_id": person.saved_id}
    return person, list(value["names"]), set(value["keys"]), ForgetReport(DeleteReport(**deleted))


def stopped_deletion(store: Store, person_id: int) -> str | None:
    """The name of the person ``person_id`` when their deletion was stopped part way (the
    store's part done, some files not yet): :func:`forget_person` of them finishes it.
    ``None`` otherwise."""
    pending = get_state(store, _pending_key(person_id))
    if pending is None or store.execute("SELECT 1 FROM people WHERE id = ?", [person_id]):
        return None
    return str(pending.value["person"]["name"])


def stopped_deletions(store: Store) -> list[tuple[int, str]]:
    """Every deletion stopped part way, as ``(person id, name)``: the person is gone from
    every list, so a page offers to finish these by name (:func:`forget_person` of the id)."""
    rows = store.execute("SELECT key FROM app_state WHERE substr(key, 1, ?) = ? ORDER BY id",
                         [len(PENDING_PREFIX), PENDING_PREFIX])
    found = []
    for (key,) in rows:
        person_id = int(key[len(PENDING_PREFIX):])
        name = stopped_deletion(store, person_id)
        if name is not None:
            found.append((person_id, name))
    return found


def forget_person(store: Store, person_id: int, *, cache_path: str | Path | None = None,
                  cache_days: float = 7.0, remove_exports: bool = False) -> ForgetReport:
    """Delete a person from everything the kit holds (see the module docstring).

    Args:
        store: the open store (not inside a transaction: files are rewritten after it).
        person_id: the person.
        cache_path: the HTTP cache file (default: the one beside the store).
        cache_days: how long the cache keeps entries.
        remove_exports: also delete the export files that still name them.

    Stopped part way (the process killed, the machine off), it can be run again for the
    same id: the store's part is done, and the run finishes the files' part from what the
    first one kept (:func:`stopped_deletion`).

    Raises:
        NotFound: there is no person with that id, and no deletion of them to finish.
    """
    pending = get_state(store, _pending_key(person_id))
    if pending is not None and not store.execute("SELECT 1 FROM people WHERE id = ?",
                                                 [person_id]):
        person, names, keys, report = _resumed(pending.value)
        remove_exports = remove_exports or bool(pending.value.get("remove_exports"))
    else:
        person = store.get(Person, person_id)
        names = [person.name, *names_on_their_pages(store.execute, person)]
        keys = _page_keys(store, person)
        plans = forget_states(store, person)  # a plan being edited for them, or naming them
        # What the files' part needs, kept until it is done: stopped after the store's part
        # (the process killed, the machine off), running the deletion again finishes it.
        _keep_pending(store, person, names, keys, remove_exports, None)
        report = ForgetReport(delete_person(store, person_id))
        report.kept_plans_removed = plans
        keys |= {profile_key(u) for u in report.store.pages}
        _keep_pending(store, person, names, keys, remove_exports, report.store)
    mentions = Mentions(person, names[1:])
    exports = exports_naming(store, person)
    cache = _cache_file(store, cache_path, cache_days)
    if cache is not None:
        with cache:
            pages, results = cache.forget(*_cache_tests(keys, mentions))
        report.cached_pages = sorted({p.url for p in pages})
        report.kept_results = sorted({r.url for r in results})
    for record in [r for r in exports if r.kind == "batch"]:
        report.batch_lines_removed.append((str(record.path), _scrub_batch(store, record.path,
                                                                          mentions)))
    exports = [r for r in exports if r.kind != "batch"]
    if remove_exports:
        exports = _forget_in_export_folders(person, exports, mentions, report)
    for record in exports:
        if remove_exports:
            try:
                record.path.unlink()
                report.exports_removed.append(str(record.path))
                continue
            except OSError as exc:
                log.warning("could not remove %s: %s", record.path, exc)
        report.exports_left.append(str(record.path))
    forget_in_registry(store, person, [Path(p) for p in report.exports_removed])
    delete_state(store, _pending_key(person_id))  # the files are done: nothing left to resume
    backups = backups_of(store.path)
    for path in backups:
        try:
            if scrub_backup(path, person):
                report.backups_scrubbed.append(str(path))
        except sqlite3.DatabaseError as exc:
            report.backups_failed.append((str(path), str(exc)))
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if any(files_naming([store.path], name) for name in names):
        # Rows freed before secure_delete was on (an old file) may still hold the name.
        try:
            store.execute("VACUUM")
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except StoreError as exc:  # another program holds the file: reported below
            log.warning("could not rebuild %s: %s", store.path, exc)
    checked = [store.path, *backups, *(Path(p) for p, _n in report.batch_lines_removed)]
    if cache is not None:
        checked.append(cache.path)
    report.still_named_in = sorted({f for name in names for f in files_naming(checked, name)})
    report.namesakes = [row[0] for row in store.execute(
        "SELECT id FROM people WHERE iv_fold(name) = ?", [fold(person.name) or "\x00"])]
    log.info("forgot person %d: %d cached pages, %d kept results, %d backups, %d exports "
             "removed, %d left", person_id, len(report.cached_pages), len(report.kept_results),
             len(report.backups_scrubbed), len(report.exports_removed), len(report.exports_left))
    return report

"""Deleting a person completely: every record about them, and their name in what remains.

Goes, in one transaction:

- the person;
- their outreach messages and meetings, with each meeting's questions asked and insights;
- what mail and calendar imports found about them (messages with their subjects, events);
- referrals from them or to them, and referrals made in their meetings;
- actions and outcomes tied to them or to one of their meetings;
- research snapshots about them, however they were saved: linked to them, taken of their
  profile page, of a page one of their snapshots came from, or a person snapshot not linked
  to anyone that carries their name (``research person URL --save`` links nobody); company
  research saved for them stays, unlinked, with their name redacted.

Other records of the same human go too (:func:`same_person`): a record that shares their
email or profile URL, or their name with their organization or none (what an import or an
older version may have added beside the first record, such as a LinkedIn correspondent
created beside the person research had saved).

Then their name, email, phone and profile URL are replaced by ``[removed]`` wherever they
still appear in the text of other records (someone else's notes, a company snapshot that
lists them), so that nothing left names them. The one exception is another person's own
name: a namesake at another organization is someone else, and keeps their name. Deleted
rows are overwritten with zeros (``secure_delete``) and the write-ahead log is checkpointed
and truncated afterwards.

The same steps run on any SQLite file of the store's shape (:func:`erase_rows`), which is
how :mod:`infoview.flows.forget` scrubs the backups written before a schema upgrade. Files
outside the store (the HTTP cache, exports, backups) are
:func:`infoview.flows.forget.forget_person`'s.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infoview.models import Person
from infoview.store.mentions import mention_pattern, person_tokens
from infoview.store.schema import COLUMNS, TABLES
from infoview.text import fold, org_variant, profile_key

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

REMOVED = "[removed]"

#: Runs one statement and returns its rows.
Execute = Callable[[str, Any], list[tuple]]

_MEETINGS = "(SELECT id FROM meetings WHERE person_id = :p)"
#: (table, which rows are about the person), in an order that foreign keys allow.
STEPS: tuple[tuple[str, str], ...] = (
    ("referrals", f"from_person_id = :p OR to_person_id = :p OR meeting_id IN {_MEETINGS}"),
    ("actions", f"person_id = :p OR meeting_id IN {_MEETINGS}"),
    ("outcomes", f"person_id = :p OR meeting_id IN {_MEETINGS}"),
    ("research", "id IN (SELECT value FROM json_each(:snapshots))"),
    ("questions_asked", f"meeting_id IN {_MEETINGS}"),
    ("insights", f"meeting_id IN {_MEETINGS}"),
    ("calendar_events", f"person_id = :p OR meeting_id IN {_MEETINGS}"),
    ("mail_messages", "person_id = :p"),
    ("meetings", "person_id = :p"),
    ("outreach", "person_id = :p"),
    ("affiliations", "person_id = :p"),
    ("people", "id = :p"),
)


@dataclass
class DeleteReport:
    """What :func:`delete_person` removed.

    Attributes:
        person_id: the person's id.
        deleted: records deleted, by table (the person included, under ``people``).
        redacted: text fields of other records where their name or contacts were replaced.
        pages: the URLs of their profile and of the pages their deleted snapshots came
            from (what the HTTP cache may still hold about them).
        same_person: the other records of the same person (:func:`same_person`), deleted
            with them.
    """

    person_id: int
    deleted: dict[str, int] = field(default_factory=dict)
    redacted: int = 0
    pages: list[str] = field(default_factory=list)
    same_person: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready view (``same_person``: the ids of their other records, deleted too)."""
        return {"person_id": self.person_id, "deleted": dict(self.deleted),
                "redacted": self.redacted, "same_person": list(self.same_person)}


def snapshots_about(execute: Execute, person: Person) -> list[tuple[int, str, str | None]]:
    """The research snapshots about a person: ``(id, source_url, researched url)`` each.

    Person snapshots linked to them, or unlinked ones carrying their name; and then any
    snapshot of their profile page or of a page one of those came from. (A company snapshot
    saved for them is the company's research: it is unlinked and redacted, not deleted.)
    """
    rows = execute(
        "SELECT id, source_url, json_extract(data, '$.url') FROM research "
        "WHERE kind = 'person' AND (person_id = :p OR (person_id IS NULL "
        "AND iv_fold(json_extract(data, '$.name')) = :name))",
        {"p": person.id, "name": fold(person.name) or "\x00"})
    keys = {profile_key(u) for _i, *urls in rows for u in urls if u}
    keys.add(profile_key(person.profile_url))
    keys.discard("")
    if keys:
        rows += execute(
            "SELECT id, source_url, json_extract(data, '$.url') FROM research "
            "WHERE (person_id IS NULL OR person_id = :p) "
            "AND iv_profile_key(source_url) IN (SELECT value FROM json_each(:keys))",
            {"p": person.id, "keys": json.dumps(sorted(keys))})
    return sorted(set(rows))


def names_on_their_pages(execute: Execute, person: Person) -> list[str]:
    """Other names a person goes by: those written on the person research saved for them
    (their page says "Samira Okafor" of the "Sam Okafor" stored) that share their family
    name, so that research saved to the wrong record never names someone else."""
    family = fold(person.name).split()[-1:]
    rows = execute("SELECT DISTINCT json_extract(data, '$.name') FROM research "
                   "WHERE kind = 'person' AND person_id = :p", {"p": person.id})
    return sorted({name for (name,) in rows if isinstance(name, str) and name.strip()
                   and fold(name) != fold(person.name) and fold(name).split()[-1:] == family})


def same_person(execute: Execute, person: Person) -> list[Person]:
    """The other people records of the same human, oldest first.

    Another record is the same person when it shares their email or profile URL, or their
    name together with their organization (written shorter or fuller: "Kestrel Health Labs"
    for "Kestrel Health") or with none (an organization it lacks cannot tell them apart; a
    different one can). What is found that way is followed in turn (a
    duplicate's own URL can lead to another), so one delete finds every record of them.
    """
    found: dict[int, Person] = {}
    todo = [person]
    seen = {person.id}
    while todo:
        current = todo.pop()
        rows = execute(
            "SELECT id, name, organization, email, phone, profile_url FROM people "
            "WHERE iv_fold(name) = :name OR (:email != '' AND iv_fold(email) = :email) "
            "OR (:url != '' AND iv_profile_key(profile_url) = :url)",
            {"name": fold(current.name) or "\x00", "email": fold(current.email),
             "url": profile_key(current.profile_url)})
        for pid, name, organization, email, phone, url in rows:
            if pid in seen:
                continue
            other = Person(id=pid, name=name, organization=organization, email=email,
                           phone=phone, profile_url=url)
            shares_contact = bool(
                (fold(email) and fold(email) == fold(current.email))
                or (profile_key(url) and profile_key(url) == profile_key(current.profile_url)))
            # the organization kept written shorter or fuller is the same place
            same_place = (not fold(organization) or fold(organization) == fold(current.organization)
                          or org_variant(organization, current.organization))
            if shares_contact or (fold(name) == fold(current.name) and same_place):
                seen.add(pid)
                found[pid] = other
                todo.append(other)
    return [found[i] for i in sorted(found)]


def erase_rows(execute: Execute, person: Person, text_columns: Mapping[str, Sequence[str]]
               ) -> DeleteReport:
    """Delete a person's rows, and those of their other records (:func:`same_person`),
    and redact their mentions, inside the caller's transaction.

    Args:
        execute: runs one statement on the file (named parameters); the file must know the
            ``iv_fold`` and ``iv_profile_key`` functions.
        person: the person as stored in that file (``id`` set).
        text_columns: the columns holding free text, by table; tables missing from it (not
            in an older file) are skipped.
    """
    report = DeleteReport(person.id or 0)
    others = same_person(execute, person) if "people" in text_columns else []
    report.same_person = [p.id for p in others if p.id is not None]
    tokens: list[str] = []
    for record in [*others, person]:
        also = names_on_their_pages(execute, record) if "research" in text_columns else []
        _erase_one(execute, record, text_columns, report)
        tokens += person_tokens(record, also)
    report.redacted = _redact(execute, sorted(set(tokens), key=len, reverse=True), text_columns)
    return report


def _erase_one(execute: Execute, person: Person, text_columns: Mapping[str, Sequence[str]],
               report: DeleteReport) -> None:
    """Delete the rows of one people record (counts added to ``report``)."""
    snapshots = snapshots_about(execute, person)
    report.pages = sorted(set(report.pages)
                          | {u for _i, *urls in snapshots for u in urls if u}
                          | ({person.profile_url} if person.profile_url else set()))
    params = {"p": person.id, "snapshots": json.dumps([row[0] for row in snapshots])}
    if "research" in text_columns:  # the company's research stays, no longer tied to them
        execute("UPDATE research SET person_id = NULL WHERE person_id = :p AND id NOT IN "
                "(SELECT value FROM json_each(:snapshots))", params)
    for table, where in STEPS:
        if table not in text_columns:
            continue
        before = execute(f"SELECT count(*) FROM {table}", {})[0][0]
        execute(f"DELETE FROM {table} WHERE {where}", params)
        report.deleted[table] = (report.deleted.get(table, 0)
                                 + before - execute(f"SELECT count(*) FROM {table}", {})[0][0])


def _redact(execute: Execute, tokens: list[str], text_columns: Mapping[str, Sequence[str]]) -> int:
    pattern = mention_pattern(tokens)
    if pattern is None:
        return 0
    folded = {f"t{i}": fold(t) for i, t in enumerate(tokens)}
    test = " OR ".join(f"instr(iv_fold({{col}}), :{name}) > 0" for name in folded)
    changed = 0
    for table, columns in text_columns.items():
        for col in columns:
            if (table, col) == ("people", "name"):
                continue  # a namesake left after same_person() is another human: their name
            rows = execute(f"SELECT id, {col} FROM {table} WHERE {test.format(col=col)}", folded)
            for row_id, text in rows:
                if not isinstance(text, str):
                    continue
                new = pattern.sub(REMOVED, text)
                if new != text:
                    execute(f"UPDATE {table} SET {col} = :v WHERE id = :id",
                            {"v": new, "id": row_id})
                    changed += 1
    return changed


def store_text_columns() -> dict[str, list[str]]:
    """The store's free-text columns by table (text, lists and dicts; not choices)."""
    return {table: [c.name for c in COLUMNS[table]
                    if c.kind in ("str", "dict", "list") and not c.choices]
            for table in TABLES}


def delete_person(store: Store, person_id: int) -> DeleteReport:
    """Remove a person and everything about them (see the module docstring).

    Raises:
        NotFound: there is no person with that id.
    """
    with store.transaction():
        person = store.get(Person, person_id)
        report = erase_rows(store.execute, person, store_text_columns())
    if not store.in_transaction:  # outside a caller's transaction: flush and shrink the log
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.info("deleted person %d: %s, %d mentions redacted", person_id, report.deleted,
             report.redacted)
    return report

"""Deleting a person completely: every record about them, and their name in what remains.

Goes, in one transaction:

- the person;
- their outreach messages and meetings, with each meeting's questions asked and insights;
- referrals from them or to them, and referrals made in their meetings;
- actions and outcomes tied to them or to one of their meetings;
- research snapshots linked to them, or taken of their profile page (same URL).

Then their name, email, phone and profile URL are replaced by ``[removed]`` wherever they
still appear in the text of other records (someone else's notes, a company snapshot that
lists them), so that nothing left names them. Deleted rows are overwritten with zeros
(``secure_delete``) and the write-ahead log is checkpointed and truncated afterwards.
Backups written before a schema upgrade (``*.bak-vN``) and exports are separate files the
user manages; they are not changed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from infoview.models import Person
from infoview.store.matching import fold, profile_key
from infoview.store.schema import COLUMNS, TABLES

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

REMOVED = "[removed]"


@dataclass
class DeleteReport:
    """What :func:`delete_person` removed.

    Attributes:
        person_id: the person's id.
        deleted: records deleted, by table (the person included, under ``people``).
        redacted: text fields of other records where their name or contacts were replaced.
    """

    person_id: int
    deleted: dict[str, int] = field(default_factory=dict)
    redacted: int = 0

    def to_dict(self) -> dict:
        """A JSON-ready view."""
        return {"person_id": self.person_id, "deleted": dict(self.deleted),
                "redacted": self.redacted}


def _tokens(person: Person) -> list[str]:
    """What names the person in free text, longest first (so a full URL goes before a name)."""
    # The URL's key (host and path) also catches it written without scheme, www or slash.
    candidates = (person.name, person.email, person.phone, person.profile_url,
                  profile_key(person.profile_url))
    found = [t.strip() for t in candidates if t and len(t.strip()) >= 3]
    return sorted(set(found), key=len, reverse=True)


def _redact(store: "Store", tokens: list[str]) -> int:
    if not tokens:
        return 0
    # Whole words only ("Ann" is not in "Annual"), any run of spaces between them.
    alternatives = (r"\s+".join(re.escape(part) for part in t.split()) for t in tokens)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    folded = [fold(t) for t in tokens]
    changed = 0
    for table in TABLES:
        for col in COLUMNS[table]:
            if col.kind not in ("str", "dict", "list") or col.choices:
                continue
            test = " OR ".join(f"instr(iv_fold({col.name}), ?) > 0" for _ in folded)
            rows = store.execute(f"SELECT id, {col.name} FROM {table} WHERE {test}", folded)
            for row_id, text in rows:
                new = pattern.sub(REMOVED, text)
                if new != text:
                    store.execute(f"UPDATE {table} SET {col.name} = ? WHERE id = ?",
                                  [new, row_id])
                    changed += 1
    return changed


def delete_person(store: "Store", person_id: int) -> DeleteReport:
    """Remove a person and everything about them (see the module docstring).

    Raises:
        NotFound: there is no person with that id.
    """
    report = DeleteReport(person_id)
    with store.transaction():
        person = store.get(Person, person_id)
        meetings = "(SELECT id FROM meetings WHERE person_id = :p)"
        steps = [
            ("referrals", f"from_person_id = :p OR to_person_id = :p OR meeting_id IN {meetings}"),
            ("actions", f"person_id = :p OR meeting_id IN {meetings}"),
            ("outcomes", f"person_id = :p OR meeting_id IN {meetings}"),
            ("research", "person_id = :p OR (:key != '' AND iv_profile_key(source_url) = :key)"),
            ("questions_asked", f"meeting_id IN {meetings}"),
            ("insights", f"meeting_id IN {meetings}"),
            ("meetings", "person_id = :p"),
            ("outreach", "person_id = :p"),
            ("people", "id = :p"),
        ]
        params = {"p": person_id, "key": profile_key(person.profile_url)}
        for table, where in steps:
            before = store.execute(f"SELECT count(*) FROM {table}")[0][0]
            store.execute(f"DELETE FROM {table} WHERE {where}", params)
            report.deleted[table] = before - store.execute(f"SELECT count(*) FROM {table}")[0][0]
        report.redacted = _redact(store, _tokens(person))
    if not store.in_transaction:  # outside a caller's transaction: flush and shrink the log
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.info("deleted person %d: %s, %d mentions redacted", person_id, report.deleted,
             report.redacted)
    return report

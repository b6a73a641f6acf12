"""Export the whole store to a folder and import it back; people as vCards.

An export folder holds:

- ``infoview-export.json``: every table, every column, ids included; lossless. This is
  the file :func:`import_folder` reads.
- ``TABLE.csv`` for each table, for spreadsheets. Text cells that start with ``=``, ``+``,
  ``-``, ``@`` (or a tab / carriage return) get a leading ``'`` so that a spreadsheet shows
  them instead of running them as formulas; lists are JSON text; empty is empty. Because
  that changes some values, the CSV files are for reading, not for importing.

Import goes into an empty store only (so ids, and every reference between records, stay
exactly as exported) and runs in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.errors import BadInput, BadInputFile
from infoview.models import Person
from infoview.store.exports import write_export
from infoview.store.migrations import LATEST
from infoview.store.schema import COLUMNS, TABLES, TYPES, from_sql, to_row
from infoview.userfiles import parse_json, read_text, writing

if TYPE_CHECKING:
    from infoview.store.core import Store

EXPORT_JSON = "infoview-export.json"
FORMAT = "infoview-export"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A CSV cell that a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _json_value(kind: str, raw: Any) -> Any:
    # Stored text for dates and datetimes (already ISO, UTC); lists and dicts decoded.
    return json.loads(raw) if raw is not None and kind in ("list", "dict") else raw


def _csv_cell(raw: Any) -> str:
    if raw is None:
        return ""
    return neutralise(raw) if isinstance(raw, str) else str(raw)


def export_folder(store: Store, folder: str | Path, overwrite: bool = False) -> Path:
    """Write the whole store into ``folder`` (created if needed); returns the JSON file.

    Raises:
        BadInput: the folder already holds an export and ``overwrite`` is false.
    """
    folder = Path(folder).expanduser()
    target = folder / EXPORT_JSON
    if target.exists() and not overwrite:
        raise BadInput(f"{folder} already holds an export; choose an empty folder "
                       "(or pass overwrite=True / --force)")
    tables: dict[str, list[dict[str, Any]]] = {}
    with writing(folder), store.transaction():  # one consistent snapshot of every table
        folder.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            cols = COLUMNS[table]
            rows = store.execute(f"SELECT {', '.join(c.name for c in cols)} FROM {table} "
                                 "ORDER BY id")
            tables[table] = [{c.name: _json_value(c.kind, v) for c, v in zip(cols, row, strict=True)}
                             for row in rows]
            _write_csv(store, folder / f"{table}.csv", [c.name for c in cols], rows)
    document = {
        "format": FORMAT,
        "schema_version": LATEST,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": tables,
    }
    return write_export(store, target, json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                        kind="export")


def _write_csv(store: Store, path: Path, header: list[str], rows: list[tuple]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    write_export(store, path, buffer.getvalue(), kind="export")


def _load(folder: Path) -> dict[str, Any]:
    path = folder / EXPORT_JSON
    if not path.is_file():
        raise BadInputFile(f"no {EXPORT_JSON} here; import reads the JSON file of an "
                           "'infoview db export' folder (the CSV files are for spreadsheets)",
                           path=folder)
    text = read_text(path, what="export file")
    try:
        document = parse_json(text)
    except json.JSONDecodeError as exc:
        raise BadInputFile(f"is not valid JSON ({exc.msg})", path=path, line=exc.lineno) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadInputFile("is not an infoview export (no \"format\": \"infoview-export\")",
                           path=path)
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadInputFile(f'"schema_version" must be a whole number, not {version!r}; '
                           "export the store again with 'infoview db export'", path=path)
    if version > LATEST:
        raise BadInputFile(f"was written by a newer infoview (schema {version}); upgrade "
                           "infoview to import it", path=path)
    return document


def _record(table: str, row: Any):
    """One exported row as its record; a BadInput names the field (the caller adds where)."""
    if not isinstance(row, dict):
        raise BadInput("expected an object")
    known = {c.name: c for c in COLUMNS[table]}
    unknown = set(row) - set(known)
    if unknown:
        raise BadInput(f"unknown fields {', '.join(sorted(unknown))}")
    values = {}
    for name, value in row.items():
        kind = known[name].kind
        if value is not None and kind in ("list", "dict"):
            value = json.dumps(value)  # re-encoded so from_sql sees what the store keeps
        try:
            values[name] = from_sql(known[name], value)
        except (TypeError, ValueError) as exc:
            raise BadInput(f"{name}: {value!r} cannot be read ({exc})") from exc
    names = {f.name for f in fields(TYPES[table])}
    return TYPES[table](**{k: v for k, v in values.items() if k in names})


def import_folder(store: Store, folder: str | Path) -> dict[str, int]:
    """Load an export folder into an empty store; returns the records added per table.

    Raises:
        BadInput: the store already holds records.
        BadInputFile: the folder holds no export, or the export is damaged; nothing is
            imported.
    """
    store.check()  # nothing is imported into a damaged file
    folder = Path(folder).expanduser()
    document = _load(folder)
    path = folder / EXPORT_JSON
    tables = document.get("tables")
    if not isinstance(tables, dict) or set(tables) - set(TABLES):
        raise BadInputFile("\"tables\" must map table names of infoview to lists", path=path)
    added: dict[str, int] = {}
    with store.transaction():
        held = sum(store.counts().values())
        if held:
            raise BadInput(f"the store {store.path} already holds {held} records; import "
                           "only into an empty store, e.g. --db NEW.sqlite")
        for table in TABLES:
            rows = tables.get(table, [])
            if not isinstance(rows, list):
                raise BadInputFile(f"\"{table}\" must be a list", path=path)
            cols = COLUMNS[table]
            sql = (f"INSERT INTO {table} ({', '.join(c.name for c in cols)}) "
                   f"VALUES ({', '.join('?' * len(cols))})")
            for index, row in enumerate(rows):
                where = f"{table}[{index}]"
                try:
                    store.execute(sql, to_row(_record(table, row)))
                except BadInput as exc:
                    raise BadInputFile(f"{where}: {exc}", path=path) from exc
            added[table] = len(rows)
    return added


#: Words that open a family name rather than end the given names ("Zoë Ó Briain" is Zoë of
#: the Ó Briain family, "Ludwig van Beethoven" of the van Beethovens), in lower case.
FAMILY_PARTICLES = frozenset({
    "ó", "o'", "ní", "nic", "ui", "uí", "mac", "mc", "van", "von", "der", "den", "ter",
    "de", "da", "di", "del", "della", "dos", "das", "du", "la", "le", "bin", "binti",
    "ibn", "al", "el"})


#: Letters after a name that are no part of it ("Sam Okafor RN", "Ada Berg, PhD"), with
#: dots left out, in lower case: written in capitals (or after a comma) they are the
#: name's suffix, so "Yo-Yo Ma" keeps his family name. "Jr" and "Sr" count in any case.
NAME_SUFFIXES = frozenset({
    "jr", "sr", "ii", "iii", "iv", "phd", "dphil", "md", "rn", "np", "mba", "msc", "bsc",
    "ma", "ba", "mph", "mres", "cpa", "esq", "obe", "mbe", "cbe", "frcp", "frcs"})
_ANY_CASE_SUFFIXES = frozenset({"jr", "sr"})


def _suffix_key(word: str) -> str:
    return word.replace(".", "").casefold()


def _is_suffix(word: str, *, after_comma: bool = False) -> bool:
    key = _suffix_key(word)
    return key in NAME_SUFFIXES and (after_comma or key in _ANY_CASE_SUFFIXES
                                     or word.replace(".", "").isupper())


def _in_capitals(word: str) -> bool:
    """A word written all in capitals ("NGUYEN", "O'BRIEN"); an initial ("J.") is not."""
    return sum(c.isalpha() for c in word) >= 2 and word.isupper()


def name_parts(name: str) -> tuple[str, str, str]:
    """``(given, family, suffix)`` of a full name, as far as the way it is written tells.

    - A comma puts the family name first: "Tanaka, Hiroshi" is Hiroshi of the Tanaka family
      (a comma before letters such as "RN" or "PhD" only sets those apart: "Sam Okafor, RN").
    - A family name written in capitals is the family name wherever it stands: "NGUYEN Van
      An" is Van An of the Nguyen family, "Jean DUPONT" Jean of the Duponts.
    - Otherwise the last word is the family name, with any particles right before it ("Ó",
      "Mac", "van", "de la") when the name has three or more words, so at least one given
      name is left ("Van Morrison" stays given "Van"). "Tanaka Hiroshi" written family name
      first without either sign cannot be told from a given name first, and is read so.

    Letters after the name ("RN", "PhD", "Jr.") are its suffix.
    """
    parts = [p.strip() for p in name.split(",")]
    suffix: list[str] = []
    while len(parts) > 1 and parts[-1] and all(_is_suffix(w, after_comma=True)
                                               for w in parts[-1].split()):
        suffix.insert(0, parts.pop())
    family_first = len(parts) > 1 and bool(parts[0])  # "Tanaka, Hiroshi"
    words = " ".join(parts[1:] if family_first else parts).replace(",", " ").split()
    while len(words) > 1 and _is_suffix(words[-1]):
        suffix.insert(0, words.pop())
    if family_first:
        return " ".join(words), parts[0], ", ".join(suffix)
    capitals = [_in_capitals(w) for w in words]
    if any(capitals) and not all(capitals):
        if capitals[0]:
            end = capitals.index(False)
            return " ".join(words[end:]), " ".join(words[:end]), ", ".join(suffix)
        if capitals[-1]:
            start = len(words) - capitals[::-1].index(False)
            while start > 1 and words[start - 1].casefold() in FAMILY_PARTICLES:
                start -= 1
            return " ".join(words[:start]), " ".join(words[start:]), ", ".join(suffix)
    given, family = split_name(" ".join(words))
    return given, family, ", ".join(suffix)


def split_name(name: str) -> tuple[str, str]:
    """``(given, family)`` of a full name by the last word: the last word is the family
    name, with any particles right before it ("Ó", "Mac", "van", "de la") when the name has
    three or more words, so at least one given name is left ("Van Morrison" stays given
    "Van"). :func:`name_parts` reads a comma and capitals first."""
    words = name.split()
    if not words:
        return "", ""
    start = len(words) - 1
    if len(words) >= 3:
        while start > 1 and words[start - 1].casefold() in FAMILY_PARTICLES:
            start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def export_vcards(store: Store, path: str | Path) -> int:
    """Write every person as a vCard 3.0 into one ``.vcf`` file; returns how many."""
    import vobject

    people = store.list(Person)
    cards = []
    for person in people:
        card = vobject.vCard()
        card.add("fn").value = person.name
        given, family, suffix = name_parts(person.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given, suffix=suffix)
        if person.email:
            card.add("email").value = person.email
            card.email.type_param = "INTERNET"
        if person.phone:
            card.add("tel").value = person.phone
        if person.organization:
            card.add("org").value = [person.organization]
        if person.title:
            card.add("title").value = person.title
        if person.profile_url:
            card.add("url").value = person.profile_url
        if person.notes:
            card.add("note").value = person.notes
        if person.tags:
            card.add("categories").value = list(person.tags)
        cards.append(card.serialize())
    write_export(store, path, "".join(cards), kind="vcard", person_ids=[p.id for p in people])
    return len(cards)

"""Every file the kit writes for the user goes through one writer, which records it.

The writer is :func:`infoview.store.exports.write_export` (and :func:`appending_export` for a
batch's results, which grow a line at a time). The source is read (AST, nothing executed)
for anything else that writes a file, and the writer itself is held to writing whole or not
at all and to recording what it wrote.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import infoview
from infoview.errors import BadInput
from infoview.models import Person
from infoview.store import Store
from infoview.store.exports import (
    EXPORT_FORMATS,
    EXPORT_KINDS,
    appending_export,
    export_format,
    formats_for,
    list_exports,
    write_export,
)

PACKAGE = Path(infoview.__file__).parent

#: Where a file may be written at all, and why: the files the kit writes for the user go
#: through the one writer; the others are the kit's own, which name nobody.
WRITERS = {
    "userfiles.py": "the whole-or-nothing primitive the writer is built on",
    "store/exports.py": "the one writer of exports, and its registry",
    "store/files.py": "the store's own database file (its backup before an upgrade)",
    "app.py": "the app's own settings and opener page, private to the user",
    "locking.py": "an empty lock file in the temporary folder, named by a hash (naming nobody)",
    "flows/question_file.py": "the user's own question file, kept beside the store (questions, "
                              "naming nobody)",
}
#: Calls that write a file, whatever they are called on (pathlib's, userfiles').
WRITING_CALLS = {"write_text", "write_bytes"}
#: Functions of modules that write files (``os.replace``; a DataFrame's ``rename`` or
#: ``copy`` is no file).
WRITING_FUNCTIONS = {("os", "replace"), ("os", "rename"), ("shutil", "copy"),
                     ("shutil", "copyfile"), ("shutil", "copy2"), ("shutil", "move"),
                     ("json", "dump")}


def _mode(call: ast.Call, position: int) -> str:
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)
    for keyword in call.keywords:
        if keyword.arg == "mode" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return "r"


def file_writes(path: Path) -> list[str]:
    """The calls in a module that write files: ``open`` for writing or appending, and the
    writing methods and functions of pathlib, os, shutil and json."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else \
            func.attr if isinstance(func, ast.Attribute) else ""
        if name == "open":
            # open(path, mode) as a function, path.open(mode) as a method
            mode = _mode(node, 1 if isinstance(func, ast.Name) else 0)
            if set(mode) & set("wax+"):
                found.append(f"line {node.lineno}: open(..., {mode!r})")
        elif name in WRITING_CALLS or _module_function(func) in WRITING_FUNCTIONS:
            found.append(f"line {node.lineno}: {name}()")
    return found


def _module_function(func: ast.expr) -> tuple[str, str] | None:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id, func.attr
    return None


def test_no_module_writes_a_file_but_the_one_writer():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in WRITERS:
            continue
        writes = file_writes(path)
        if writes:
            offenders[rel] = writes
    assert offenders == {}


def test_the_scan_finds_each_way_of_writing_a_file(tmp_path):
    # The check above is only as good as what it can see: each of these must be caught.
    sample = tmp_path / "writes.py"
    sample.write_text(
        "import os, shutil, json\n"
        "from pathlib import Path\n"
        "open('a', 'w')\n"
        "open('a', mode='ab')\n"
        "Path('a').open('a', encoding='utf-8')\n"
        "Path('a').write_text('x')\n"
        "write_bytes('a', b'x')\n"
        "os.replace('a', 'b')\n"
        "shutil.copy('a', 'b')\n"
        "json.dump({}, handle)\n"
        "open('a')\n"                      # reading: not a write
        "'text'.replace('t', 'T')\n",      # a string's replace: not a write
        encoding="utf-8")
    assert len(file_writes(sample)) == 8


def test_no_module_records_an_export_by_hand():
    # Recording is the writer's job: nothing else reaches for the registry's insert.
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() == "store/exports.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "record_export" not in source and "INSERT INTO exports" not in source, path


def test_one_table_of_formats_names_each_once_and_offers_each_kind_some():
    names = [f.name for f in EXPORT_FORMATS] + [a for f in EXPORT_FORMATS for a in f.aliases]
    assert len(names) == len(set(names))
    assert all(set(f.offered_for) <= set(EXPORT_KINDS) for f in EXPORT_FORMATS)
    assert all(formats_for(kind) for kind in EXPORT_KINDS)
    assert formats_for("brief") == ("md", "html", "pdf", "ics")
    assert formats_for("dossier", binary=False) == ("md", "html")
    assert export_format("Markdown", "brief").name == "md"
    with pytest.raises(BadInput, match="unknown format 'ics': use md, html or pdf"):
        export_format("ics", "dossier")


def test_the_writer_records_who_a_file_names_and_whom_it_is_about(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as store:
        ann, bo = store.add_many([Person(name="Ann Lee"), Person(name="Bo Chan")])
        path = write_export(store, tmp_path / "out" / "note.md", "Met ANN  LEE today.",
                            kind="draft", person_ids=[bo.id])
        assert path.read_text(encoding="utf-8") == "Met ANN  LEE today."
        pdf = write_export(store, tmp_path / "brief.pdf", b"%PDF-1.7\n\xe2\xe3\xcf\xd3",
                           kind="brief", text="Brief for Bo Chan")
        (first, second) = list_exports(store)
    assert (first.path, first.kind, first.person_ids) == (path.resolve(), "draft", [ann.id, bo.id])
    assert (second.path, second.person_ids) == (pdf.resolve(), [bo.id])


def test_a_binary_export_must_say_what_it_says(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as store, pytest.raises(ValueError, match="text="):
        write_export(store, tmp_path / "brief.pdf", b"%PDF\xe2\xe3", kind="brief")
    assert not (tmp_path / "brief.pdf").exists()


def test_a_failed_write_leaves_the_old_file_and_records_nothing(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("the earlier report", encoding="utf-8")
    (tmp_path / "blocker").write_text("a file where a folder is needed", encoding="utf-8")
    with Store.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(BadInput, match="cannot write"):
            write_export(store, tmp_path / "blocker" / "report.html", "<p>new</p>", kind="report")
        with pytest.raises(BadInput, match="cannot write"):
            write_export(store, tmp_path, "<p>new</p>", kind="report")  # a folder
        assert list_exports(store) == []
    assert target.read_text(encoding="utf-8") == "the earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "report.html", "s.sqlite"]


def test_an_appended_export_is_recorded_even_when_the_run_stops(tmp_path):
    out = tmp_path / "results.jsonl"
    with Store.open(tmp_path / "s.sqlite") as store:
        ann = store.add(Person(name="Ann Lee"))
        with pytest.raises(KeyboardInterrupt):
            with appending_export(store, out) as append:
                append('{"name": "Ann Lee"}')
                raise KeyboardInterrupt
        with appending_export(store, out) as append:
            append('{"name": "someone else"}\n')
        (record,) = list_exports(store)
    assert out.read_text(encoding="utf-8").splitlines() == ['{"name": "Ann Lee"}',
                                                           '{"name": "someone else"}']
    assert (record.kind, record.person_ids) == ("batch", [ann.id])


def test_an_unknown_kind_of_export_is_a_mistake_of_the_caller(tmp_path):
    with pytest.raises(ValueError, match="unknown kind"):
        write_export(None, tmp_path / "x.txt", "x", kind="memo")
    assert not (tmp_path / "x.txt").exists()

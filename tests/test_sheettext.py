"""Every reader of a user's spreadsheet text file takes what Excel's Save As writes.

Ruth keeps her questions and Jonas his exhibitor lists in Excel; each saves as whatever the
dialog offers. The question file (CLI and app) and a research batch's list of URLs both go
through :mod:`infoview.sheettext`, so each is read from "CSV UTF-8", "CSV" (cp1252 on
Windows), "Unicode Text" (UTF-16, tabs), "CSV UTF-16" and semicolon CSVs alike, and a file
that is binary data is refused in one line naming the line.
"""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest
from cli_run import run

from infoview.errors import BadInputFile
from infoview.questions.bank import load_bank, shipped_bank_path, use_own_file
from infoview.research.batch import read_urls
from infoview.sheettext import decode_sheet, delimiter_of
from infoview.store import Store

HEADER = ["id", "category", "text"]
ROW = ["ruth-01", "advice", "Which caf\u00e9 near the \u20ac-tower do your team meet in?"]

#: How Excel writes a sheet, by the name its Save As dialog gives it: (encode, separator).
SAVED_AS = {
    "CSV UTF-8": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), ","),
    "CSV (Windows)": (lambda t: t.encode("cp1252"), ","),
    "CSV (Windows, semicolons)": (lambda t: t.encode("cp1252"), ";"),
    "Unicode Text": (lambda t: t.encode("utf-16"), "\t"),  # LE with a BOM on Linux/Windows
    "Unicode Text (big-endian)": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "\t"),
    "CSV UTF-16 LE": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), ","),
    "UTF-16 LE without a BOM": (lambda t: t.encode("utf-16-le"), "\t"),
    "UTF-8, semicolons": (lambda t: t.encode("utf-8"), ";"),
}

#: Binary data named as a CSV file: the start of a .xlsx (a zip) and raw bytes.
GARBAGE = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5\x9a\xff\x01" + bytes(range(256))


def _sheet(rows: list[list[str]], how: str) -> bytes:
    encode, sep = SAVED_AS[how]
    return encode("".join(sep.join(row) + "\r\n" for row in rows))


@pytest.mark.parametrize("how", SAVED_AS)
def test_the_text_and_separator_come_back_whatever_excel_saved(how):
    data = _sheet([HEADER, ROW], how)
    sheet = decode_sheet(data, "ruth.csv")
    assert sheet.text.splitlines() == [SAVED_AS[how][1].join(r) for r in (HEADER, ROW)]
    assert delimiter_of(sheet.text) == SAVED_AS[how][1] and sheet.warnings == []


@pytest.mark.parametrize("how", SAVED_AS)
def test_ruths_question_file_is_read_whatever_excel_saved(tmp_path, how):
    own = tmp_path / "ruth.csv"
    own.write_bytes(_sheet([HEADER, ROW], how))
    [question] = [q for q in load_bank(shipped_bank_path(), user_file=own) if q.id == "ruth-01"]
    assert question.text == ROW[2]  # é and € read right; nothing neutralised


@pytest.mark.parametrize("how", SAVED_AS)
def test_an_exhibitor_list_is_read_whatever_excel_saved(tmp_path, how):
    source = tmp_path / "exhibitors.csv"
    source.write_bytes(_sheet([["Firma", "url"], ["Caf\u00e9 \u20ac", "https://a.example/"]],
                              how))
    assert read_urls(source) == ["https://a.example/"]


def test_a_formula_in_a_cell_is_read_as_written(tmp_path):
    own = tmp_path / "ruth.csv"
    own.write_bytes(_sheet([HEADER, ["ruth-01", "advice", "=What next?"]], "CSV (Windows)"))
    assert "=What next?" in {q.text for q in load_bank(shipped_bank_path(), user_file=own)}


def test_bytes_cp1252_leaves_undefined_are_read_with_a_warning(caplog):
    sheet = decode_sheet("id,text\nr-1,caf\u00e9\n".encode("cp1252") + b"r-2,\x81\n", "q.csv")
    assert sheet.encoding == "cp1252" and "caf\u00e9" in sheet.text
    assert sheet.warnings and sheet.warnings[0].startswith("q.csv, line 3: ")
    assert sheet.warnings[0] in caplog.text


def test_a_utf8_file_stays_as_it_was():
    text = "id,text\nr-1,caf\u00e9 \u20ac \u4e2d\n"
    assert decode_sheet(text.encode(), "q.csv").text == text
    assert decode_sheet(codecs.BOM_UTF8 + text.encode(), "q.csv").text == text


@pytest.mark.parametrize("garbage", [GARBAGE, b"https://a.example/\n\x00\x01\x02\x03",
                                     bytes(range(256)) * 4])
def test_binary_data_is_refused_naming_the_line(garbage):
    with pytest.raises(BadInputFile, match="is not a text file") as info:
        decode_sheet(garbage, "q.csv")
    assert "\n" not in str(info.value) and info.value.line >= 1


def test_utf16_that_does_not_decode_is_refused_naming_the_line():
    data = codecs.BOM_UTF16_LE + "id\nr-1\n".encode("utf-16-le") + b"\x00\xdc"  # lone surrogate
    with pytest.raises(BadInputFile, match="line 3"):
        decode_sheet(data, "q.csv")


@pytest.mark.parametrize("argv", [
    ["questions", "bank", "--bank-file", "{file}"],
    ["research", "batch", "{file}", "--out", "{out}"],
])
def test_the_cli_refuses_a_binary_file_in_one_line_with_exit_2(capsys, tmp_path, argv):
    garbage = tmp_path / "list.csv"
    garbage.write_bytes(GARBAGE)
    argv = [a.format(file=garbage, out=tmp_path / "out.jsonl") for a in argv]
    with Store.open(tmp_path / "s.sqlite"):
        pass  # an existing store: research batch refuses a --db that names no file
    code, out, err = run(capsys, "--db", str(tmp_path / "s.sqlite"), *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"infoview: error: {garbage}, line 1: is not a text file")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_the_cli_plans_from_a_question_file_saved_as_unicode_text(capsys, tmp_path):
    own = tmp_path / "ruth.txt"
    own.write_bytes(_sheet([HEADER, ROW], "Unicode Text"))
    code, out, err = run(capsys, "--db", str(tmp_path / "s.sqlite"), "questions", "bank",
                          "--bank-file", str(own), "--category", "advice")
    assert code == 0, err
    assert ROW[2] in out


def _uploaded(name: str, data: bytes) -> tuple:
    return ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
             "last_modified": datetime(2024, 3, 1, tzinfo=UTC)},)


def test_the_app_adds_a_question_file_saved_by_excel_and_refuses_binary_beside_upload(tmp_path):
    from infoview.store import Store
    from infoview.widgets.imports import ImportPanel

    try:
        with Store.open(tmp_path / "s.sqlite") as store:
            panel = ImportPanel(store)
            panel.kind.value = "questions"
            panel.upload.value = _uploaded("ruth.csv", GARBAGE)
            panel.preview_button.click()
            assert panel.input_message.text.startswith("ruth.csv, line 1: is not a text file"), \
                panel.input_message.text
            assert "\n" not in panel.input_message.text and panel.import_button.disabled
            panel.upload.value = _uploaded("ruth.csv", _sheet([HEADER, ROW], "CSV (Windows)"))
            panel.preview_button.click()
            assert "1 new question would be added" in panel.preview.value, \
                panel.input_message.text
            panel.import_button.click()
            assert panel.message.kind == "ok", panel.message.text
            assert ROW[2] in {q.text for q in load_bank()}
    finally:
        use_own_file(None)


LINKEDIN_NOTES = [["Notes:"], ['"When exporting, some email addresses may be missing."'], [""]]
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"]
LINKEDIN_ROW = ["Zo\u00eb", "Lef\u00e8vre", "https://www.linkedin.com/in/zoe", "",
                "Caf\u00e9 \u20ac", "Buyer", "01 Jan 2024"]


@pytest.mark.parametrize("how", SAVED_AS)
def test_connections_csv_opened_and_saved_again_in_excel_is_imported(tmp_path, how):
    from infoview.models import Person
    from infoview.store import Store
    from infoview.store.linkedin import import_linkedin, read_connections

    source = tmp_path / "Connections.csv"
    source.write_bytes(_sheet([*LINKEDIN_NOTES, LINKEDIN_HEADER, LINKEDIN_ROW], how))
    [row] = read_connections(source)
    assert (row.name, row.company) == ("Zo\u00eb Lef\u00e8vre", "Caf\u00e9 \u20ac")
    [uploaded] = read_connections("Connections.csv", source.read_bytes())  # from the app
    assert uploaded == row
    with Store.open(tmp_path / "s.sqlite") as store:
        import_linkedin(store, source)
        assert [p.name for p in store.list(Person)] == ["Zo\u00eb Lef\u00e8vre"]


def test_binary_data_named_connections_csv_is_refused_in_one_line(capsys, tmp_path):
    garbage = tmp_path / "Connections.csv"
    garbage.write_bytes(bytes(range(256)) * 4)
    code, out, err = run(capsys, "--db", str(tmp_path / "s.sqlite"), "people",
                          "import-linkedin", str(garbage))
    assert (code, out) == (2, "") and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"infoview: error: {garbage}, line 1: is not a text file")

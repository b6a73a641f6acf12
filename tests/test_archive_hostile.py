"""Hostile LinkedIn archives: each is refused with one line and exit status 2, quickly and
in bounded memory, and nothing is imported.

The big inputs (a zip bomb, a 200 MB field) are built once per session by streaming, so
the suite stays fast; the 3 GB folder file is sparse. Others are small zips with a header
field changed (encrypted, deflate64, a size that lies). The memory cases run the real
command in a child process that reports its own peak memory.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from linkedin_archive import archive_files, write_archive

from infoview.cli import main
from infoview.errors import BadInputFile
from infoview.models import Person
from infoview.store import Store, csvfiles

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
ROW = "Ada,Ode,https://www.linkedin.com/in/ada,,Acme,Engineer,01 Jan 2024\r\n"
MB = 1024 * 1024


# ---- building hostile archives ----------------------------------------------------------------

def _stream_entry(zf: zipfile.ZipFile, name: str, head: str, chunk: str, total: int,
                  tail: str = "") -> None:
    """Write an entry of about ``total`` bytes without holding it: ``head``, ``chunk``
    repeated, ``tail`` (deflated as it goes)."""
    data = chunk.encode()
    with zf.open(name, "w", force_zip64=True) as out:
        out.write(head.encode())
        for _ in range(total // len(data)):
            out.write(data)
        out.write(tail.encode())


def _deflated(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)


def _patch(data: bytes, name: str, *, flags: int | None = None, method: int | None = None,
           size: int | None = None) -> bytes:
    """The zip ``data`` with one entry's general-purpose flags, compression method or
    uncompressed size changed, in its local header and in the central directory."""
    out = bytearray(data)
    raw = name.encode()
    local = out.find(b"PK\x03\x04" + b"\x00" * 0)  # first local header
    while local != -1:
        length = struct.unpack_from("<H", out, local + 26)[0]
        if bytes(out[local + 30:local + 30 + length]) == raw:
            break
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", out, central + 28)[0]
        if bytes(out[central + 46:central + 46 + length]) == raw:
            break
        central = out.find(b"PK\x01\x02", central + 4)
    assert local != -1 and central != -1, name
    for offset, local_at, central_at, fmt in (
            (flags, 6, 8, "<H"), (method, 8, 10, "<H"), (size, 22, 24, "<I")):
        if offset is not None:
            struct.pack_into(fmt, out, local + local_at, offset)
            struct.pack_into(fmt, out, central + central_at, offset)
    return bytes(out)


def _small_zip(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> dict[str, Path]:
    """Every hostile input, built once for the session."""
    root = tmp_path_factory.mktemp("hostile")
    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        (root / name).write_bytes(data)
        made[name] = root / name

    # a zip bomb: 300 MB of connections in a zip of a few hundred kilobytes
    with _deflated(root / "bomb.zip") as zf:
        _stream_entry(zf, "Connections.csv", CONNECTIONS_HEADER, ROW, 300 * MB)
    made["bomb.zip"] = root / "bomb.zip"
    # one 200 MB field, on one line and spread over lines
    for name, piece in (("field-one-line.zip", "a" * 4096), ("field-lines.zip", "a" * 4095 + "\n")):
        with _deflated(root / name) as zf:
            _stream_entry(zf, "messages.csv", "FROM,TO,DATE,CONTENT\r\nAda,Me,2024-01-01 10:00:00 UTC,\"",
                          piece, 200 * MB, tail="\"\r\n")
        made[name] = root / name
    good = {name: text.encode() for name, text in archive_files().items()}
    # sizes that lie: the entry says 1,000 bytes and holds 2 MB
    two_mb = CONNECTIONS_HEADER + ROW * (2 * MB // len(ROW))
    put("lying-size.zip", _patch(_small_zip({"Connections.csv": two_mb}), "Connections.csv",
                                 size=1000))
    put("encrypted.zip", _patch(_small_zip(good), "messages.csv", flags=0x1))
    put("deflate64.zip", _patch(_small_zip(good), "messages.csv", method=9))
    put("nested.zip", _small_zip({"Basic_LinkedInDataExport.zip": _small_zip(good)}))
    put("zip-as-csv.zip", _small_zip({**good, "messages.csv": _small_zip(good)}))
    put("folder-entry.zip", _small_zip({"Profile.csv": good["Profile.csv"], "messages.csv/": b""}))
    put("utf16.zip", _small_zip({**good, "Connections.csv": archive_files()["Connections.csv"]
                                 .encode("utf-16")}))
    wide = CONNECTIONS_HEADER + ROW + "Ada" + ",x" * 999_999 + "\r\n"
    put("wide-row.zip", _small_zip({"Connections.csv": wide}))
    put("wide-header.zip", _small_zip({"Connections.csv": "First Name,Last Name" + ",x" * 999_998}))
    put("truncated.zip", _small_zip(good)[:-200])

    # folders
    fifo = root / "fifo-folder"
    write_archive(fifo, archive_files(), as_zip=False)
    (fifo / "messages.csv").unlink()
    os.mkfifo(fifo / "messages.csv")
    made["fifo-folder"] = fifo
    os.mkfifo(root / "pipe.csv")
    made["pipe.csv"] = root / "pipe.csv"
    dir_named = root / "dir-named-like-a-file"
    write_archive(dir_named, archive_files(), as_zip=False)
    (dir_named / "messages.csv").unlink()
    (dir_named / "messages.csv").mkdir()
    made["dir-named-like-a-file"] = dir_named
    huge = root / "huge-folder"
    huge.mkdir()
    with open(huge / "Connections.csv", "wb") as f:  # 3 GB, sparse: no disk, no time
        f.write(CONNECTIONS_HEADER.encode() + ROW.encode())
        f.truncate(3 * 1024 * MB)
    made["huge-folder"] = huge
    return made


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "store.sqlite"
    with Store.open(path) as store:
        store.add(Person(name="Kept Before"))
    return path


def _snapshot(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(capsys, db: Path, source: Path, words: str) -> None:
    before = _snapshot(db)
    code = main(["--db", str(db), "people", "import-linkedin", str(source)])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert words in err, err
    assert _snapshot(db) == before  # nothing imported
    with Store.open(db) as store:
        assert [p.name for p in store.list(Person)] == ["Kept Before"]


CASES = [
    ("bomb.zip", "more than a LinkedIn export holds"),  # by its declared size
    ("lying-size.zip", "is not a readable .zip archive (Bad CRC-32"),  # by its real size
    ("field-one-line.zip", "has a line longer than 4 MB"),
    ("field-lines.zip", "field larger than field limit"),
    ("encrypted.zip", "messages.csv: is encrypted"),
    ("deflate64.zip", "messages.csv: is compressed with deflate64"),
    ("nested.zip", "holds another archive (Basic_LinkedInDataExport.zip)"),
    ("zip-as-csv.zip", "messages.csv: is a .zip archive, not a CSV file"),
    ("folder-entry.zip", "messages.csv/: is a folder where LinkedIn writes a file"),
    ("utf16.zip", "Connections.csv: is UTF-16 text"),
    ("wide-row.zip", "line 3: expected 7 fields, found 1000000"),
    ("wide-header.zip", "line 1: has 1000000 columns"),
    ("truncated.zip", "is not a readable .zip archive"),
    ("fifo-folder", "messages.csv: is not a regular file (a pipe, socket or device)"),
    ("pipe.csv", "pipe.csv: is not a regular file"),
    ("dir-named-like-a-file", "messages.csv: is a folder where LinkedIn writes a file"),
    ("huge-folder", "has a line longer than 4 MB"),
]


@pytest.mark.slow
@pytest.mark.parametrize("name, words", CASES, ids=[c[0] for c in CASES])
def test_a_hostile_archive_is_one_line_exit_2_and_imports_nothing(hostile, db, capsys, name, words):
    _refused(capsys, db, hostile[name], words)


@pytest.mark.slow
def test_the_bomb_is_small_and_declares_its_size(hostile):
    """The fixture is what it claims: a small file that inflates past the cap."""
    assert hostile["bomb.zip"].stat().st_size < 5 * MB
    with zipfile.ZipFile(hostile["bomb.zip"]) as zf:
        assert zf.getinfo("Connections.csv").file_size > csvfiles.MAX_FILE_BYTES


# The peak resident memory of this process since it started (Linux's VmHWM, in kB; the
# getrusage figure would also count the pytest process it was forked from).
_MEASURED = """
import sys
from infoview.cli import main
code = main(sys.argv[2:])
with open("/proc/self/status") as status, open(sys.argv[1], "w") as out:
    out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
sys.exit(code)
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
@pytest.mark.parametrize("name", ["field-one-line.zip", "field-lines.zip", "huge-folder",
                                  "fifo-folder"])
def test_the_command_refuses_in_bounded_memory_without_hanging(hostile, tmp_path, name):
    """The real command in a child process: one line, exit 2, and a peak memory far below
    the input's size (a 200 MB field used to take 1.46 GB; a pipe hung the import)."""
    peak = tmp_path / "peak"
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(peak), "--db", str(tmp_path / "s.sqlite"),
         "people", "import-linkedin", str(hostile[name])],
        capture_output=True, text=True, timeout=150)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert int(peak.read_text()) < 100 * 1024, f"peak memory {int(peak.read_text()) // 1024} MB"
    assert not (tmp_path / "s.sqlite").exists()  # a failed import leaves no new store


def test_bytes_are_counted_as_read_not_as_declared(tmp_path, monkeypatch):
    """A file that grows past the cap while it is read is cut off at the cap (a folder
    file has no declared size at all); and so is an archive whose files add up past the
    limit for one import."""
    from infoview.store.archive import read_archive

    folder = write_archive(tmp_path / "a", archive_files(), as_zip=False)
    (folder / "Connections.csv").write_text(CONNECTIONS_HEADER + ROW * 40_000)  # ~2.6 MB
    monkeypatch.setattr(csvfiles, "MAX_FILE_BYTES", 1 * MB)
    with pytest.raises(BadInputFile, match="Connections.csv: holds more than 1 MB"):
        read_archive(folder)
    monkeypatch.setattr(csvfiles, "MAX_FILE_BYTES", 256 * MB)
    monkeypatch.setattr(csvfiles, "MAX_TOTAL_BYTES", 2 * MB)
    with pytest.raises(BadInputFile, match="add up to more than 2 MB"):
        read_archive(folder)
    monkeypatch.setattr(csvfiles, "MAX_TOTAL_BYTES", 512 * MB)
    assert len(read_archive(folder).connections) == 40_000


def test_a_good_archive_still_imports_after_all_this(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    source = write_archive(tmp_path / "a.zip", archive_files())
    assert main(["--db", str(db), "people", "import-linkedin", str(source)]) == 0
    assert "connections: added 7" in capsys.readouterr().out

"""Reading and writing the files a user names, with errors that say what to do.

Every file a user points infoview at (a research JSON, a draft to check, an export to
import) is read through :func:`read_text`, and every file infoview writes where the user
asked (a report, a brief, a calendar, an export) goes through :func:`write_text` or
:func:`write_bytes`. So a missing file, a folder given for a file, a read-only or missing
place, or a file in another encoding gives one :class:`~infoview.errors.BadInput` naming the
path, never an ``OSError`` or ``UnicodeDecodeError`` traceback.

Writes go to a temporary file beside the target that replaces it only when complete: a
crash, a full disk or a bad path in the middle of a save leaves the earlier file as it was
and no half-written one behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from infoview.errors import BadInput, BadInputFile, InfoviewError

#: Units of :func:`size_words`, smallest first: decimal, as file managers and phones count.
_SIZE_UNITS = ("KB", "MB", "GB", "TB")


def size_words(count: int) -> str:
    """A file's size as a reader says it: ``"1 byte"``, ``"22 bytes"``, ``"2.3 KB"``,
    ``"14 KB"``, ``"151 MB"``.

    One rule for every size the kit shows (an upload refused, a mailbox part skipped, a
    download too large); the app page's upload check (``upload_limit.js``, ``sizeWords``)
    writes the same. Units are decimal (1 KB = 1000 bytes). A decimal is written only below
    10, where it tells sizes apart (2.3 MB against 2 MB is a sixth more); from 10 on, whole
    numbers ("14 KB", not "14.2 KB": a precision no one reads). A file under 1000 bytes is
    counted in bytes ("1 KB" for 22 bytes overstated it fifty times). The unit moves up
    when rounding would reach 1000 ("1 MB", not "1000 KB").
    """
    if count < 1000:
        return f"{count} byte{'' if count == 1 else 's'}"
    # Whole numbers only, rounding halves up, so that the page's script (whose numbers
    # round halves otherwise than Python's format) says the same of every size.
    for power, unit in enumerate(_SIZE_UNITS, start=1):
        scale = 1000**power
        tenths = (count * 10 + scale // 2) // scale
        if tenths < 100:
            return f"{tenths // 10}{'' if tenths % 10 == 0 else f'.{tenths % 10}'} {unit}"
        whole = (count + scale // 2) // scale
        if whole < 1000 or unit == _SIZE_UNITS[-1]:
            return f"{whole} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def read_text(path: str | Path, *, what: str = "file") -> str:
    """The text of a UTF-8 file the user named (a leading byte-order mark is dropped).

    Args:
        path: the file.
        what: what the file should be, for the message (e.g. ``"research file"``).

    Raises:
        BadInputFile: the file is missing, is a folder, cannot be read, or is not UTF-8
            (the message gives the line of the first bad byte).
    """
    path = Path(path).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise BadInputFile(f"cannot read the {what}: no such file; check the path", path) from exc
    except IsADirectoryError as exc:
        raise BadInputFile(f"cannot read the {what}: it is a folder; give the file's path", path) from exc
    except OSError as exc:
        raise BadInputFile(f"cannot read the {what} ({exc.strerror or exc}); check its "
                           "permissions", path) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadInputFile(f"the {what} is not UTF-8 text; save it as UTF-8 and try again",
                           path, line) from exc


def parse_json(text: str | bytes) -> Any:
    """``json.loads`` for a file a user gave, whatever it holds.

    Python's parser recurses once per level of nesting, so a crafted file of 100,000 ``[``
    ends in a ``RecursionError`` rather than a decoding error; it is reported as one
    (``json.JSONDecodeError``, a ``ValueError``), which every caller already turns into a
    one-line message.
    """
    try:
        return json.loads(text)
    except RecursionError:
        doc = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        raise json.JSONDecodeError("nested too deeply", doc[:100], 0) from None


def write_problem(path: Path, exc: OSError) -> BadInput:
    """The :class:`BadInput` for an ``OSError`` met while writing ``path``."""
    if isinstance(exc, IsADirectoryError) or (path.is_dir() and not isinstance(exc, PermissionError)):
        return BadInput(f"{path}: cannot write (it is a folder); give a file name")
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return BadInput(f"{path}: cannot write (a file is in the way where a folder is "
                        "needed); choose another place")
    return BadInput(f"{path}: cannot write ({exc.strerror or exc}); choose another place")


@contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Turn an ``OSError`` raised inside the block (no space, no permission, a file where
    a folder should be) into a :class:`BadInput` naming ``path``."""
    try:
        yield
    except InfoviewError:
        raise  # StoreError is an OSError too: keep its own message
    except OSError as exc:
        raise write_problem(Path(path), exc) from exc


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (folders created); returns the path.

    Raises:
        BadInput: the path is a folder, or cannot be written (permissions, no space, a
            file where a folder should be).
    """
    path = Path(path).expanduser()
    with writing(path):
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        try:
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                tmp.unlink()
            except OSError:
                pass  # never created, or already gone: nothing to tidy
            raise
    return path


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` whole or not at all; see :func:`write_bytes`."""
    return write_bytes(path, text.encode("utf-8"))

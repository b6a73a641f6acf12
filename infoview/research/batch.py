"""Batch research: many companies or people at once, hosts in parallel, resumable.

:func:`research_batch` reads a list of URLs (a text file, one per line, or a CSV with a
``url`` column), researches them with one shared :class:`~infoview.research.fetch.Fetcher`
(so robots.txt, politeness and the HTTP cache are shared), and appends one JSON line per URL
to an output file as soon as it is done. A failure becomes an ``{"url", "error",
"warnings"}`` line and the batch goes on. Running the same command again skips the URLs
already in the output, so a batch interrupted by a crash or Ctrl-C resumes where it stopped.

URLs are grouped by host and each group runs on one worker thread, one URL after another:
requests to one host have to queue for politeness anyway, so parallelism comes from
different hosts, and no worker sits blocked behind another worker's host. With many hosts,
they are also spread over a few processes (see :mod:`infoview.research.parallel`).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from infoview.errors import BadInput, BadInputFile
from infoview.locking import held_alone
from infoview.research.urls import normalize_url
from infoview.settings import Settings
from infoview.sheettext import decode_sheet, delimiter_of, text_line_of
from infoview.store.exports import appending_export
from infoview.userfiles import parse_json

if TYPE_CHECKING:
    from infoview.research.parallel import RunStats
    from infoview.store.core import Store

log = logging.getLogger(__name__)

KINDS = ("company", "person")


@dataclass
class BatchSummary:
    """What a batch run did.

    Attributes:
        out: the JSON Lines file written to.
        total: distinct URLs in the input.
        skipped: URLs already in ``out`` from an earlier run, not researched again.
        done: URLs researched in this run without error.
        failed: URLs whose research failed in this run (each has an ``error`` line).
        seconds: wall time of this run.
        network_requests: requests that reached a server (cache hits excluded).
        unfinished: URLs left without a line because research stopped early (a research
            process died, or the run was interrupted); the same command researches them.
    """

    out: Path
    total: int
    skipped: int
    done: int
    failed: int
    seconds: float
    network_requests: int

    @property
    def unfinished(self) -> int:
        return self.total - self.skipped - self.done - self.failed

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly view."""
        return {**asdict(self), "out": str(self.out), "unfinished": self.unfinished}


def research_batch(path: str | Path, out: str | Path, *, settings: Settings | None = None,
                   kind: str = "company", progress: bool = True, refresh: bool = False,
                   processes: int | None = None, store: Store | None = None) -> BatchSummary:
    """Research every URL of a file, appending one JSON line per URL to ``out``.

    Args:
        path: a text file of URLs (one per line; blank lines and ``#`` comments ignored), or
            a CSV file with a ``url`` column.
        out: the JSON Lines file; created if missing, appended to otherwise. URLs already in
            it are skipped (delete a line to research that URL again).
        settings: politeness, limits and cache; ``Settings()`` when ``None``.
        kind: ``"company"`` or ``"person"``.
        progress: show a tqdm progress bar (a widget in notebooks, stderr in a terminal).
        refresh: ignore cached pages and results (they are replaced by fresh ones).
        processes: see :func:`research_many`.
        store: the open store whose exports registry records ``out`` (so that deleting a
            person finds the results naming them); not recorded without one.

    Returns:
        A :class:`BatchSummary`.

    Raises:
        BadInputFile: the input cannot be read, has no URLs, or is malformed CSV (with its
            line number).
        BadInput: an unknown ``kind``, or another batch is writing ``out`` right now.
    """
    _check_kind(kind)
    started = time.monotonic()
    urls = read_urls(path)
    out = Path(out)
    with _sole_writer(out):
        done_before = {line.get(key) for line in read_results(out, repair=True)
                       for key in ("url", "input_url")}
        todo = [url for url in urls if url not in done_before]
        settings = settings or Settings()
        summary = BatchSummary(out=out, total=len(urls), skipped=len(urls) - len(todo),
                               done=0, failed=0, seconds=0.0, network_requests=0)
        with appending_export(store, out, kind="batch") as append:
            if todo:
                _research_into(append, todo, summary, settings=settings, kind=kind,
                               refresh=refresh, processes=processes, progress=progress)
    summary.seconds = time.monotonic() - started
    log.info("batch %s: %s", path, summary.to_dict())
    return summary


def _research_into(append: Callable[[str], None], todo: list[str], summary: BatchSummary, *,
                   settings: Settings, kind: str, refresh: bool, processes: int | None,
                   progress: bool) -> None:
    """Research ``todo``, appending each result as a JSON line, and count them in ``summary``."""
    from tqdm.auto import tqdm

    from infoview.research.parallel import RunStats

    stats = RunStats()
    with tqdm(total=len(todo), disable=not progress, unit="url", file=sys.stderr,
              desc=f"research {kind}") as bar:
        for line in research_many(todo, settings=settings, kind=kind, refresh=refresh,
                                  processes=processes, stats=stats):
            append(json.dumps(line, ensure_ascii=False))
            if "error" in line:
                summary.failed += 1
            else:
                summary.done += 1
            bar.update(1)
            bar.set_postfix(failed=summary.failed, refresh=False)
    summary.network_requests = stats.network_requests


def research_many(urls: Iterable[str], *, settings: Settings | None = None,
                  kind: str = "company", fetcher: Any = None, max_pages: int | None = None,
                  refresh: bool = False, processes: int | None = None,
                  stats: RunStats | None = None) -> Iterator[dict[str, Any]]:
    """Research many URLs in parallel (hosts in parallel), yielding each result as it is done.

    Each item is a profile's ``to_dict()``, or ``{"url", "error", "warnings"}`` for a URL that
    failed, so ``pandas.DataFrame(list(research_many(urls)))`` gives one row per URL.

    Args:
        urls: the URLs (duplicates are researched once).
        settings: ``Settings()`` when ``None``; ``settings.workers`` hosts run at once.
        kind: ``"company"`` or ``"person"``.
        fetcher: a Fetcher to share (everything then runs in threads of this process); by
            default each process makes its own. If the caller stops iterating early, a
            shared fetcher is cancelled so that the URLs in progress end at once.
        max_pages: pages per company (default ``settings.max_pages``).
        refresh: fetch every page again and research anew, ignoring cached pages and results.
        processes: processes to spread hosts over (``None``: one per core when there are
            enough hosts to gain from it, on Linux; ``1``: threads only).
        stats: a :class:`~infoview.research.parallel.RunStats` to receive counters.
    """
    from infoview.research.parallel import Job, run

    _check_kind(kind)
    settings = settings or getattr(fetcher, "settings", None) or Settings()
    groups = _group_by_host(dict.fromkeys(normalize_url(u) for u in urls))
    yield from run(groups, Job(settings, kind, max_pages, refresh), processes=processes,
                   fetcher=fetcher, stats=stats)


@contextmanager
def _sole_writer(out: Path) -> Iterator[None]:
    """Hold the output file for one run: a second batch started on the same ``out`` (two
    terminals, a double-click) is refused at once, instead of researching every site again
    and writing each one twice (see :func:`infoview.locking.held_alone`)."""
    with held_alone(f"batch {out.expanduser().resolve()}") as alone:
        if not alone:
            raise BadInput(f"{out} is being written by another research batch right now; wait "
                           "for it to finish, or give another --out")
        yield


def read_urls(path: str | Path) -> list[str]:
    """The distinct URLs of an input file, in order (see :func:`research_batch`).

    Raises:
        BadInputFile: unreadable, not text, malformed CSV, no ``url`` column, or no URLs.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInputFile("no such file; give a text file of URLs or a CSV with a url column",
                           path) from None
    except OSError as exc:
        raise BadInputFile(f"cannot be read ({exc.strerror})", path) from exc
    text = decode_sheet(raw, path).text  # every encoding Excel saves a list in
    urls = _urls_from_csv(text, path) if _looks_like_csv(path, text) else _urls_from_text(text)
    urls = list(dict.fromkeys(normalize_url(u) for u in urls))
    if not urls:
        raise BadInputFile("holds no URLs (one per line, or a CSV with a url column)", path)
    return urls


def read_results(out: str | Path, *, repair: bool = False) -> list[dict[str, Any]]:
    """The JSON lines of a batch output file (an empty list if it does not exist).

    A last line cut short by a crash is ignored; with ``repair=True`` it is also removed from
    the file, so that the next line appended starts on a line of its own.

    Raises:
        BadInputFile: the file holds a line that is not a research result (it is some other
            file), so nothing is appended to it or cut from it.
    """
    out = Path(out)
    if not out.exists():
        return []
    try:
        data = out.read_bytes()
    except OSError as exc:
        raise BadInputFile(f"cannot be read as the batch output ({exc.strerror}); give a "
                           "file name for --out", out) from exc
    cut = data.rfind(b"\n") + 1
    complete, tail = data[:cut], data[cut:]
    results = []
    for number, raw in enumerate(complete.split(b"\n"), start=1):
        item = _parse_line(raw)
        if item is not None:
            results.append(item)
        elif raw.strip():
            raise _not_batch_output(out, number)
    if tail.strip() and not tail.lstrip().startswith(b"{"):
        raise _not_batch_output(out, text_line_of(data, cut))
    if tail.strip():
        item = _parse_line(tail)
        if item is not None:       # complete, only its newline is missing
            results.append(item)
            fix: tuple[str, bytes | None] = "ab", b"\n"
        else:                      # cut short by a crash mid-write
            log.warning("%s: dropped an incomplete last line left by an interrupted run", out)
            fix = "r+b", None
        if repair:
            with out.open(fix[0]) as fh:
                if fix[1] is None:
                    fh.truncate(cut)
                else:
                    fh.write(fix[1])
    return results


# -- internals --------------------------------------------------------------------------------

def _parse_line(raw: bytes) -> dict[str, Any] | None:
    """The research result on one line, or ``None`` when the line is not one."""
    try:
        item = parse_json(raw)
    except ValueError:
        return None
    return item if isinstance(item, dict) and "url" in item else None


def _not_batch_output(out: Path, line: int) -> BadInputFile:
    return BadInputFile("is not the output of a batch research run (this line is not a "
                        "research result), so infoview leaves it alone: give a new file "
                        "name for --out", out, line)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise BadInput(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")


def _looks_like_csv(path: Path, text: str) -> bool:
    if path.suffix.lower() == ".csv":
        return True
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    cells = [c.strip().strip('"').lower() for c in first.split(delimiter_of(text))]
    return len(cells) > 1 and "url" in cells


def _urls_from_text(text: str) -> list[str]:
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _urls_from_csv(text: str, path: Path) -> list[str]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return []
        names = [h.strip().lower() for h in header]
        if "url" not in names:
            raise BadInputFile(f"the CSV has no 'url' column (columns: {', '.join(header)}); "
                               "name the column of web addresses url", path, 1)
        column = names.index("url")
        urls = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise BadInputFile(f"{len(row)} fields where the header has {len(header)}; "
                                   "quote values that contain commas", path, reader.line_num)
            urls.append(row[column])
    except csv.Error as exc:
        raise BadInputFile(f"malformed CSV ({exc})", path, reader.line_num) from exc
    return [u for u in urls if u.strip()]


def _group_by_host(urls: Iterable[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for url in urls:
        host = (urlsplit(url).hostname or url).lower()
        groups.setdefault(host, []).append(url)
    return list(groups.values())

"""`infoview cache stats|clear|forget`: the HTTP cache kept beside the database."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from infoview.cli._common import db_path, print_json, usage
from infoview.errors import BadInput

if TYPE_CHECKING:  # pragma: no cover
    from infoview.research.cachefile import CacheFile, CacheStats


def register(sub) -> None:
    """Add ``infoview cache stats|clear|forget``."""
    parser = sub.add_parser(
        "cache", help="look into and clear the HTTP cache",
        description="The HTTP cache keeps the pages research fetched (and finished research "
                    "results, for batch re-runs) for a few days, in a file beside the "
                    "database. Cleared entries are overwritten and the file is rebuilt, so "
                    "nothing of them stays on disk.")
    parser.set_defaults(handler=lambda args: usage(parser))
    cache = parser.add_subparsers(dest="cache_command", metavar="COMMAND")

    stats = cache.add_parser("stats", help="what the cache holds",
                             description="Count the cached pages and kept research results, "
                                         "with the oldest and newest page and the file's size.")
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.set_defaults(handler=_stats)

    clear = cache.add_parser("clear", help="delete cached pages and results",
                             description="Delete every cached page and kept result, or only "
                                         "those stored more than DAYS days ago.")
    clear.add_argument("--older-than", type=float, metavar="DAYS",
                       help="only entries stored more than DAYS days ago")
    clear.add_argument("--json", action="store_true", help='print {"pages", "results"}')
    clear.set_defaults(handler=_clear)

    forget = cache.add_parser("forget", help="delete one URL's cached pages",
                              description="Delete the cached pages of URL (as asked for or "
                                          "after redirects; scheme, www. and a final slash "
                                          "ignored) and the research results kept for it.")
    forget.add_argument("url", metavar="URL", help="the page to forget")
    forget.add_argument("--json", action="store_true", help='print {"pages", "results"}')
    forget.set_defaults(handler=_forget)


def _open(args: argparse.Namespace) -> CacheFile | None:
    from infoview.paths import default_cache_path
    from infoview.research.cachefile import CacheFile
    from infoview.settings import Settings

    path = default_cache_path(db_path(args))
    return CacheFile(path, Settings.cache_days) if path.is_file() else None


def _stats(args: argparse.Namespace) -> int:
    cache = _open(args)
    if cache is None:
        figures: CacheStats = {"path": None, "pages": 0, "results": 0, "expired": 0, "hosts": 0,
                               "oldest": None, "newest": None, "bytes": 0}
    else:
        with cache:
            figures = cache.stats()
    if args.json:
        print_json(figures)
    elif cache is None:
        print("The HTTP cache is empty (nothing has been fetched with this database yet).")
    else:
        print(f"{figures['path']}: {figures['pages']} pages from {figures['hosts']} sites "
              f"({figures['expired']} expired), {figures['results']} kept research results, "
              f"{figures['bytes'] / 1024:.0f} KiB")
        if figures["oldest"]:
            print(f"  oldest page {figures['oldest']}, newest {figures['newest']}")
    return 0


def _done(args: argparse.Namespace, counts: tuple[int, int], what: str) -> int:
    if args.json:
        print_json({"pages": counts[0], "results": counts[1]})
    else:
        print(f"deleted {counts[0]} cached pages and {counts[1]} kept results{what}")
    return 0


def _clear(args: argparse.Namespace) -> int:
    if args.older_than is not None and not args.older_than >= 0:  # also refuses nan
        raise BadInput(f"--older-than must be 0 days or more, not {args.older_than}")
    cache = _open(args)
    if cache is None:
        return _done(args, (0, 0), "")
    with cache:
        counts = cache.clear(args.older_than)
    return _done(args, counts, "" if args.older_than is None
                 else f" stored more than {args.older_than:g} days ago")


def _forget(args: argparse.Namespace) -> int:
    cache = _open(args)
    if cache is None:
        return _done(args, (0, 0), "")
    with cache:
        counts = cache.forget_url(args.url)
    return _done(args, counts, f" for {args.url}")

"""`infoview db ...`: where the store is, what it holds, export and import."""

from __future__ import annotations

import argparse

from infoview.cli._common import db_path, open_store, print_json, store_path, usage


def register(sub) -> None:
    """Add ``infoview db path|stats|check|export|import``."""
    parser = sub.add_parser("db", help="the store: where it is, what it holds, export, import",
                            description="Inspect, export and import the store (one SQLite "
                                        "file; --db or $INFOVIEW_DB chooses which).")
    parser.set_defaults(handler=lambda args: usage(parser))
    db = parser.add_subparsers(dest="db_command", metavar="COMMAND")

    path = db.add_parser("path", help="print the database file's path",
                         description="Print the path of the database file in use.")
    path.add_argument("--json", action="store_true", help="print {\"path\": ...}")
    path.set_defaults(handler=_path)

    stats = db.add_parser("stats", help="records per table, schema version and file size",
                          description="Count the records of every table.")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.set_defaults(handler=_stats)

    export = db.add_parser(
        "export", help="write every table to DIR (one CSV per table + one JSON file)",
        description="Export the whole store into DIR: infoview-export.json (lossless; what "
                    "'db import' reads) and one CSV per table for spreadsheets, where cells "
                    "starting with = + - @ get a leading ' so they cannot run as formulas.")
    export.add_argument("dir", metavar="DIR", help="the folder to write (created if missing)")
    export.add_argument("--force", action="store_true",
                        help="replace an earlier export in DIR")
    export.add_argument("--json", action="store_true", help="print counts as JSON")
    export.set_defaults(handler=_export)

    check = db.add_parser(
        "check", help="check every page of the database file for damage",
        description="Read every page of the database file and check its structure "
                    "(SQLite's quick check; a second or two on a large store). Opening the "
                    "store checks only its header, schema and length; imports and schema "
                    "upgrades run this check first. Exit status 2 when the file is damaged.")
    check.add_argument("--json", action="store_true", help="print {\"path\", \"ok\"}")
    check.set_defaults(handler=_check)

    imp = db.add_parser(
        "import", help="load an export folder into an empty store",
        description="Load DIR/infoview-export.json (written by 'db export') into the store, "
                    "which must be empty: use --db NEW.sqlite to restore into a new file.")
    imp.add_argument("dir", metavar="DIR", help="a folder written by 'infoview db export'")
    imp.add_argument("--json", action="store_true", help="print counts as JSON")
    imp.set_defaults(handler=_import)


def _path(args: argparse.Namespace) -> int:
    path = db_path(args)
    if args.json:
        print_json({"path": str(path)})
    else:
        print(path)
    return 0


def _check(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.check()  # a damaged file raises: one line on stderr, exit status 2
        path = str(store.path)
    if args.json:
        print_json({"path": path, "ok": True})
    else:
        print(f"{path}: no damage found")
    return 0


def _stats(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        path, version = str(store.path), store.schema_version()
        size, counts = store.path.stat().st_size, store.counts()
    if args.json:
        print_json({"path": path, "schema_version": version, "size_bytes": size, "counts": counts})
        return 0
    print(f"{path} (schema version {version}, {size / 1024:.0f} KiB)")
    width = max(len(t) for t in counts)
    for table, count in counts.items():
        print(f"  {table:<{width}}  {count:>7}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from infoview.store import Store
    from infoview.store.exchange import export_folder

    with Store.open(store_path(args), must_exist=True) as store:
        target = export_folder(store, args.dir, overwrite=args.force)
        counts = store.counts()
    if args.json:
        print_json({"dir": str(target.parent), "json": str(target), "counts": counts})
    else:
        print(f"exported {sum(counts.values())} records to {target.parent}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from infoview.store.exchange import import_folder

    with open_store(args) as store:
        added = import_folder(store, args.dir)
        path = store.path
    if args.json:
        print_json({"path": str(path), "added": added})
    else:
        print(f"imported {sum(added.values())} records into {path}")
    return 0

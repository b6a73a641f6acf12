"""`infoview people ...`: list, show (everything held), import from LinkedIn, delete
completely, export vCards."""

from __future__ import annotations

import argparse
import sys

from infoview.cli._common import db_path, open_store, options_named, print_json, usage
from infoview.models import Person


def register(sub) -> None:
    """Add ``infoview people list|show|add|edit|import-linkedin|delete|export-vcard``."""
    parser = sub.add_parser("people", help="the people in the store",
                            description="List, import, delete and export people.")
    parser.set_defaults(handler=lambda args: usage(parser))
    people = parser.add_subparsers(dest="people_command", metavar="COMMAND")

    listing = people.add_parser("list", help="list everyone",
                                description="List the people in the store, oldest first.")
    listing.add_argument("--json", action="store_true",
                         help="print a list of objects (id, name, title, organization, email, "
                              "profile_url and every other field)")
    listing.set_defaults(handler=_list)

    show = people.add_parser(
        "show", help="one person; with --all, everything held about them",
        description="Show one person's record. With --all, everything the kit holds about "
                    "them, with dates: their records, other records naming them, research "
                    "snapshots, cached web pages and kept research results, backups and the "
                    "exported files that name them (what a person asking 'what do you hold "
                    "about me?' is owed).")
    show.add_argument("id", metavar="ID", type=int, help="the person's id (see 'people list')")
    show.add_argument("--all", action="store_true", help="everything held about them")
    show.add_argument("--json", action="store_true", help="print it as JSON")
    show.set_defaults(handler=_show)

    linkedin = people.add_parser(
        "import-linkedin", help="import LinkedIn's data archive (.zip or folder) or "
                                "Connections.csv",
        description="Read LinkedIn's data export (Settings > Data privacy > Get a copy of "
                    "your data). Given the archive (.zip as downloaded, or its folder): your "
                    "profile, positions and education fill your profile; connections are "
                    "added or updated (a changed employer is kept as a past position); "
                    "messages and invitations become LinkedIn outreach history. Given "
                    "Connections.csv: the connections only. People already in the store are "
                    "matched by profile URL, then by name; re-importing a newer archive adds "
                    "only what is new. A malformed file imports nothing.")
    linkedin.add_argument("file", metavar="FILE",
                          help="the archive (.zip or folder) or a Connections.csv file")
    linkedin.add_argument("--how-known", default=None,
                          choices=("friend", "colleague", "alumni", "referral", "event",
                                   "linkedin", "cold"),
                          help="how you know the new people (default: linkedin, or colleague "
                               "when their company is an employer in your profile)")
    linkedin.add_argument("--organizations", action="store_true",
                          help="also add each new company as an organization")
    linkedin.add_argument("--json", action="store_true", help="print the report as JSON")
    linkedin.set_defaults(handler=_import_linkedin)

    delete = people.add_parser(
        "delete", help="delete a person and everything about them",
        description="Delete the person with this id and everything about them: meetings, "
                    "questions asked, insights, outreach, referrals, actions, outcomes, "
                    "research snapshots however saved; their name and contacts are replaced "
                    "by [removed] in other records' text. The HTTP cache loses every page "
                    "about or naming them and the research results kept from those; store "
                    "backups (NAME.bak-vN) are scrubbed of them in place. Exported files "
                    "(briefs, reports, vCards, exports) that still name them are listed, and "
                    "removed with --exports. Asks first at a terminal; a script (input not a "
                    "terminal) must give --yes, else nothing is deleted.")
    delete.add_argument("id", metavar="ID", type=int, help="the person's id (see 'people list')")
    delete.add_argument("--yes", action="store_true",
                        help="do not ask for confirmation (needed when the input is not a "
                        "terminal)")
    delete.add_argument("--exports", action="store_true",
                        help="also remove the exported files that name them")
    delete.add_argument("--json", action="store_true", help="print what was deleted as JSON")
    delete.set_defaults(handler=_delete)

    add = people.add_parser("add", help="add someone by hand",
                            description="Add a person by hand (the host's email, how you know "
                                        "them...). Someone already stored (same email, else "
                                        "same profile link, else same name and organization) "
                                        "is refused: edit them instead.")
    _person_options(add, required_name=True)
    add.set_defaults(handler=_add)

    edit = people.add_parser("edit", help="change someone's details",
                             description="Change the details given and keep the others; an "
                                         "empty text ('') clears a field (the name cannot be "
                                         "emptied).")
    edit.add_argument("id", metavar="ID", type=int, help="the person's id (see 'people list')")
    _person_options(edit, required_name=False)
    edit.set_defaults(handler=_edit)

    vcard = people.add_parser("export-vcard", help="write everyone to a vCard file",
                              description="Write every person as a vCard 3.0, for address "
                                          "books, into one .vcf file.")
    vcard.add_argument("file", metavar="FILE", help="the .vcf file to write")
    vcard.add_argument("--json", action="store_true", help="print {\"file\", \"people\"}")
    vcard.set_defaults(handler=_export_vcard)


#: ``--flag`` -> the person's field, for the options of ``people add`` and ``people edit``.
PERSON_OPTIONS = {"name": "name", "organization": "organization", "title": "title",
                  "email": "email", "phone": "phone", "profile-url": "profile_url",
                  "how-known": "how_known", "notes": "notes"}


def _person_options(parser: argparse.ArgumentParser, *, required_name: bool) -> None:
    parser.add_argument("--name", required=required_name, help="their full name")
    parser.add_argument("--organization", metavar="ORG", help="where they work")
    parser.add_argument("--title", help="their job title")
    parser.add_argument("--email", help="their email address")
    parser.add_argument("--phone", help="their phone number")
    parser.add_argument("--profile-url", metavar="URL",
                        help="a link to their profile (kept as a link, never fetched)")
    parser.add_argument("--how-known", metavar="HOW",
                        help="friend, colleague, alumni, referral, event, linkedin or cold")
    parser.add_argument("--notes", help="your notes about them")
    parser.add_argument("--json", action="store_true", help="print the person as JSON")


def _person_fields(args: argparse.Namespace) -> dict:
    return {field: getattr(args, field) for field in PERSON_OPTIONS.values()
            if getattr(args, field) is not None}


#: The person's field -> its option, to name the option of a mistake.
_OPTION_OF = {field: flag for flag, field in PERSON_OPTIONS.items()}


def _add(args: argparse.Namespace) -> int:
    from infoview.flows.records import add_person

    with open_store(args) as store, options_named(_OPTION_OF):
        person = add_person(store, **_person_fields(args))
    _print_person(person, args.json, "Added")
    return 0


def _edit(args: argparse.Namespace) -> int:
    from infoview.errors import BadInput
    from infoview.flows.records import edit_person

    changes = _person_fields(args)
    if not changes:
        raise BadInput("nothing to change: give at least one of "
                       + ", ".join(f"--{flag}" for flag in PERSON_OPTIONS))
    with open_store(args) as store, options_named(_OPTION_OF):
        person = edit_person(store, args.id, **changes)
    _print_person(person, args.json, "Saved")
    return 0


def _print_person(person, as_json: bool, said: str) -> None:
    if as_json:
        print_json(_plain(person.to_dict()))
        return
    where = ", ".join(x for x in (person.title, person.organization) if x)
    print(f"{said} {person.name}" + (f" ({where})" if where else "") + f", id {person.id}")


def _list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        people = store.list(Person)
    if args.json:
        print_json([_plain(p.to_dict()) for p in people])
        return 0
    for p in people:
        where = ", ".join(x for x in (p.title, p.organization) if x)
        print(f"{p.id:>5}  {p.name}" + (f"  ({where})" if where else ""))
    return 0


def _plain(data: dict) -> dict:
    """Id first, then the fields; dates and datetimes as ISO-8601 text, for JSON."""
    ordered = {"id": data["id"], **data}
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in ordered.items()}


def _import_linkedin(args: argparse.Namespace) -> int:
    from pathlib import Path

    source = Path(args.file).expanduser()
    if source.is_dir() or source.suffix.lower() == ".zip":
        return _import_archive(args, source)
    from infoview.store.linkedin import import_linkedin

    with open_store(args) as store:
        report = import_linkedin(store, args.file, how_known=args.how_known,
                                 add_organizations=args.organizations)
    if args.json:
        print_json(report.to_dict())
        return 0
    print(f"added {report.added}, updated {report.updated}, skipped {report.skipped}"
          + (f", organizations added {report.organizations_added}" if args.organizations else ""))
    for line, reason in report.notes:
        print(f"  line {line}: skipped ({reason})")
    return 0


def _import_archive(args: argparse.Namespace, source) -> int:
    from infoview.store.archive_import import import_archive

    with open_store(args) as store:
        report = import_archive(store, source, how_known=args.how_known,
                                add_organizations=args.organizations)
    if args.json:
        print_json(report.to_dict())
        return 0
    for line in report.lines():
        print(line)
    for name, line_number, reason in report.notes:
        print(f"  {name}, line {line_number}: skipped ({reason})")
    return 0



def _ask(question: str) -> bool:
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _cache_path(args: argparse.Namespace):
    from infoview.paths import default_cache_path

    return default_cache_path(db_path(args))


def _delete(args: argparse.Namespace) -> int:
    from infoview.errors import BadInput

    remove_exports = args.exports
    from infoview.flows.forget import forget_person, other_records_of, stopped_deletion
    from infoview.store.exports import exports_naming

    with open_store(args) as store:
        stopped = stopped_deletion(store, args.id)
        if stopped is not None:  # asked and confirmed last time: only its files are left
            sys.stderr.write(f"infoview: finishing the deletion of {stopped} (person "
                             f"{args.id}), which was stopped part way\n")
            report = forget_person(store, args.id, cache_path=_cache_path(args),
                                   remove_exports=remove_exports)
            return _said_deleted(args, report, store.path)
        person = store.get(Person, args.id)
        # A person at a terminal confirms first; a script (no terminal to answer) must say
        # --yes, so that piped input never deletes someone by accident.
        if not args.yes and not sys.stdin.isatty():
            raise BadInput("people delete asks before deleting, and its input is not a "
                           "terminal: add --yes to delete from a script; nothing was deleted")
        if not args.yes:
            for other in other_records_of(store, args.id):
                sys.stderr.write(f"  also their other record: person {other.id}, {other.name}"
                                 + "".join(f", {v}" for v in (other.organization, other.email,
                                                              other.profile_url) if v) + "\n")
            if not _ask(f"Delete {person.name} and everything about them? This cannot be "
                        "undone."):
                sys.stderr.write("infoview: nothing deleted\n")
                return 1
            exports = exports_naming(store, person)
            if exports and not remove_exports:
                for record in exports:
                    sys.stderr.write(f"  {record.path}\n")
                remove_exports = _ask(f"Also remove these {len(exports)} exported files that "
                                      "name them?")
        report = forget_person(store, args.id, cache_path=_cache_path(args),
                               remove_exports=remove_exports)
        store_path = store.path
    return _said_deleted(args, report, store_path)


def _said_deleted(args: argparse.Namespace, report, store_path) -> int:
    """What ``people delete`` did and left, as one JSON object or lines."""
    if args.json:
        print_json(report.to_dict())
        return 0
    deleted = report.store.deleted
    removed = sum(n for table, n in deleted.items() if table != "people")
    others = "".join(f" and their other record, person {i}," for i in report.store.same_person)
    print(f"deleted person {args.id}{others} and {removed} records about them"
          + (f"; redacted {report.store.redacted} mentions" if report.store.redacted else ""))
    if report.cached_pages or report.kept_results:
        print(f"HTTP cache: deleted {len(report.cached_pages)} pages and "
              f"{len(report.kept_results)} kept research results about them")
    for path in report.backups_scrubbed:
        print(f"backup scrubbed of them: {path}")
    for path, lines in report.batch_lines_removed:
        if lines:
            print(f"batch results: took {lines} lines naming them out of {path}")
    for path in report.exports_rewritten:
        print(f"export folder rewritten without them (it can still be imported): {path}")
    for path in report.export_folders_removed:
        print(f"export folder removed whole (it could not be rewritten safely): {path}")
    for path in report.exports_removed:
        print(f"removed export: {path}")
    if report.exports_left:
        print("these exported files still name them (remove them, or run delete with "
              "--exports next time):")
        for path in report.exports_left:
            print(f"  {path}")
    for path, reason in report.backups_failed:
        print(f"could not scrub the backup {path} ({reason}): delete it yourself")
    for path in report.still_named_in:
        if path == str(store_path) and report.namesakes:
            namesakes = len(report.namesakes)
            print(f"their name is still in {path}: {namesakes} other "
                  f"{'person has' if namesakes == 1 else 'people have'} the same name "
                  "and stay (a different person)")
        elif path not in report.exports_left:
            print(f"their name is still in {path}: close other programs using it and "
                  "delete again, or delete the file")
    print("Out of infoview's reach: " + "; ".join(report.unreachable) + ".")
    return 0


def _show(args: argparse.Namespace) -> int:
    from infoview.flows.forget import what_is_held
    from infoview.flows.profile import user_zone
    from infoview.times import stored_day

    with open_store(args) as store:
        person = store.get(Person, args.id)
        held = what_is_held(store, args.id, cache_path=_cache_path(args)) if args.all else None
        zone = user_zone(store)
    if held is None:
        if args.json:
            print_json(_plain(person.to_dict()))
        else:
            for key, value in {"id": person.id, **person.to_dict()}.items():
                if value in (None, "", [], {}):
                    continue
                # days as the kit writes them for people ("Thu 3 Dec 2026"); JSON keeps ISO
                print(f"{key}: {stored_day(value, zone) if key.endswith(('_at', '_on')) else value}")
        return 0
    if args.json:
        print_json(held.to_dict())
        return 0
    for line in held.lines(zone):
        print(line)
    return 0


def _export_vcard(args: argparse.Namespace) -> int:
    from infoview.store.exchange import export_vcards

    with open_store(args) as store:
        count = export_vcards(store, args.file)
    if args.json:
        print_json({"file": args.file, "people": count})
    else:
        print(f"wrote {count} people to {args.file}")
    return 0

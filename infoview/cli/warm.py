"""`infoview warm ORG`: everyone you can reach at an organization, and how, warmest first."""

from __future__ import annotations

import argparse

from infoview.cli._common import open_store, print_json
from infoview.errors import BadInput


def register(sub) -> None:
    """Add ``infoview warm ORGANIZATION [--limit N] [--json]``."""
    parser = sub.add_parser(
        "warm", help="who you can reach at an organization, and how",
        description="List everyone in your store you can reach at an organization: who "
                    "works there now, who worked there before, who shares a school or a "
                    "former employer with you or with someone you met, who was introduced "
                    "to you, who is one introduction away. Warmest first, with the reasons. "
                    "Names match without case, accents or suffixes such as Inc or GmbH.")
    parser.add_argument("organization", metavar="ORGANIZATION",
                        help='the organization\'s name, e.g. "Kestrel Health Labs"')
    parser.add_argument("--limit", type=int, metavar="N", help="show only the N warmest")
    parser.add_argument("--json", action="store_true",
                        help="print a list of {person_id, name, title, organization, "
                             "relation, warmth, tie, via, via_id, reasons}")
    parser.set_defaults(handler=_warm)


def _warm(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise BadInput(f"--limit must be at least 1, not {args.limit}")
    with open_store(args) as store:
        from infoview.flows.warm import warm_paths

        paths = warm_paths(store, args.organization)
    paths = paths[: args.limit] if args.limit else paths
    if args.json:
        print_json([p.to_dict() for p in paths])
        return 0
    if not paths:
        print(f"nobody in your store is linked to {args.organization} yet; research its "
              "site, or import your LinkedIn archive (infoview people import-linkedin)")
        return 0
    for p in paths:
        ref = f"#{p.person_id}" if p.person_id is not None else "(not in store)"
        print(f"{p.warmth:>3}  {p.name} {ref}  [{p.tie}{f' via {p.via}' if p.via else ''}]")
        for reason in p.reasons:
            print(f"       - {reason}")
    return 0

"""`infoview profile show|set`: who the user is, typed in by hand (drafts, briefs, common
ground). Parsing and printing only: :mod:`infoview.flows.profile` checks and saves."""

from __future__ import annotations

import argparse

from infoview.cli._common import open_store, options_named, print_json, usage
from infoview.errors import BadField

#: ``--flag`` -> profile field, for the one-line texts.
TEXT_OPTIONS = {
    "name": "name", "email": "email", "phone": "phone", "linkedin": "profile_url",
    "headline": "headline", "background": "background", "strengths": "strengths",
    "exploring": "exploring", "timezone": "timezone", "region": "region",
}
#: ``--flag`` (given once per item) -> profile list field.
LIST_OPTIONS = {"school": "schools", "employer": "employers", "place": "places",
                "interest": "interests"}
#: Profile field -> the option that sets it, for error messages.
OPTION_OF = {**{v: k for k, v in TEXT_OPTIONS.items()}, **{v: k for k, v in LIST_OPTIONS.items()}}


def register(sub) -> None:
    """Add ``infoview profile show|set``."""
    parser = sub.add_parser("profile", help="your own profile: who you are, for drafts and briefs",
                            description="Show or change your profile: your name, background, "
                                        "strengths, what you are exploring, schools and past "
                                        "employers (common ground), and the email signature "
                                        "with your LinkedIn link.")
    parser.set_defaults(handler=lambda args: usage(parser))
    verbs = parser.add_subparsers(dest="profile_command", metavar="COMMAND")
    show = verbs.add_parser("show", help="print your profile",
                            description="Print your profile (empty fields are left out; "
                                        "--json prints them all).")
    show.add_argument("--json", action="store_true", help="print every field as JSON")
    show.set_defaults(handler=_show)

    change = verbs.add_parser(
        "set", help="change fields of your profile",
        description="Change the fields given and keep the others. Lists take the option once "
                    "per item (--school A --school B) and replace the stored list; --clear "
                    "FIELD empties a field or a list (e.g. --clear schools). An empty text "
                    "(--headline '') clears that field too.")
    for flag, field in TEXT_OPTIONS.items():
        change.add_argument(f"--{flag}", dest=field, metavar="TEXT", help=_HELP[field])
    for flag, field in LIST_OPTIONS.items():
        change.add_argument(f"--{flag}", dest=field, action="append", metavar="NAME",
                            help=f"{_HELP[field]} (repeat for each; replaces the list)")
    change.add_argument("--clear", action="append", default=[], metavar="FIELD",
                        choices=sorted({*OPTION_OF, *TEXT_OPTIONS, *LIST_OPTIONS}),
                        help="empty this field or list (repeatable): e.g. schools, employers, "
                             "headline")
    change.add_argument("--json", action="store_true", help="print the saved profile as JSON")
    change.set_defaults(handler=_set)


_HELP = {
    "name": "your name, as you sign messages", "email": "your email address",
    "phone": "your phone number", "profile_url": "the link to your LinkedIn (or other) profile, "
    "put in your email signature", "headline": "one line on who you are",
    "background": "your background in a line (e.g. 'ten years as a cardiac nurse')",
    "strengths": "what you are good at", "exploring": "what you are exploring",
    "timezone": "your time zone, e.g. Europe/London (business days are counted in it)",
    "region": "your region for public holidays in business days: GB-ENG, GB-SCT, US-NY, DE, "
              "or a name such as Scotland",
    # the lists' options take one item each
    "schools": "a school you attended", "employers": "an employer you worked for",
    "places": "a place where you lived or worked", "interests": "an interest of yours",
}


def _show(args: argparse.Namespace) -> int:
    from infoview.flows.profile import load_profile, missing_parts, profile_dict

    with open_store(args) as store:
        profile = load_profile(store)
    data = profile_dict(profile)
    if args.json:
        print_json(data)
        return 0
    shown = {k: v for k, v in data.items() if v not in (None, "", [])}
    if not shown:
        print("Your profile is empty: fill it in with 'infoview profile set --name ... "
              "--background ...'.")
        return 0
    for key, value in shown.items():
        label = OPTION_OF.get(key, key)
        print(f"{label}: {'; '.join(value) if isinstance(value, list) else value}")
    missing = missing_parts(profile)
    if missing:
        print(f"(not filled in yet: {', '.join(missing)})")
    return 0


def _set(args: argparse.Namespace) -> int:
    from infoview.flows.profile import profile_dict, save_profile

    fields: dict[str, object] = {}
    for name in args.clear:
        field = TEXT_OPTIONS.get(name) or LIST_OPTIONS.get(name) or name
        fields[field] = [] if field in LIST_OPTIONS.values() else None
    for field in (*TEXT_OPTIONS.values(), *LIST_OPTIONS.values()):
        value = getattr(args, field, None)
        if value is not None:
            fields[field] = value
    if not fields:
        raise BadField("nothing to change: give at least one field, e.g. --name 'Lena Berg'",
                       "name")
    with open_store(args) as store, options_named(OPTION_OF):
        profile = save_profile(store, **fields)
    if args.json:
        print_json(profile_dict(profile))
    else:
        print("Profile saved: " + ", ".join(OPTION_OF.get(f, f) for f in fields))
    return 0

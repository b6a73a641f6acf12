"""`infoview research company|person|batch`: research from the terminal.

Each command calls the same function a notebook calls; ``--json`` prints the contract of
the README (``CompanyProfile.to_dict()`` / ``PersonProfile.to_dict()``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from infoview.cli._common import (
    add_fetch_options,
    existing_store,
    open_store,
    print_json,
    research_settings,
    usage,
)
from infoview.errors import BadInput
from infoview.settings import Settings

#: How the text output marks people who are not the company's own staff.
_KIND_NOTE = {"quoted": " (quoted as a customer)", "named": " (named on the site)"}

def register(sub) -> None:
    """Add ``research company``, ``research person`` and ``research batch``."""
    research = sub.add_parser("research", help="research a company or a person from public web pages",
                              description="Research a company or a person from their public web "
                              "pages (robots.txt respected; social-network profiles never fetched).")
    commands = research.add_subparsers(dest="research_command", metavar="WHAT")
    research.set_defaults(handler=lambda args: usage(research))

    company = commands.add_parser("company", help="research a company from its website",
                                  description="Research a company: name, description, summary, "
                                  "people, news, social links and key pages, each with its source.")
    company.add_argument("url", help="the company's home page")
    company.add_argument("--max-pages", type=int, metavar="N",
                         help="pages fetched at most, home included (default 8)")
    company.add_argument("--organization", metavar="NAME",
                         help="with --save: the organization to save it under when the site's "
                         "pages do not say whose site it is (a bare list of files); a site "
                         "that names itself is saved under its own name")
    _common_options(company)
    company.set_defaults(handler=_company)

    person = commands.add_parser("person", help="research a person from a public bio page, or "
                                 "find them by name on their company's site",
                                 description="Research a person from a public bio, team or "
                                 "speaker page, or find their page by name on their company's "
                                 "site (--name and --site): team and about pages, the sitemap "
                                 "and person-like addresses are searched, and the page found "
                                 "is researched. Exit status 1 when nobody by that name is "
                                 "found. LinkedIn, Facebook, X and Instagram profiles are "
                                 "never fetched.")
    person.add_argument("url", nargs="?", help="a public page about the person")
    person.add_argument("--name", help='the person\'s full name, e.g. "Sam Okafor" (with --site)')
    person.add_argument("--site", metavar="URL", help="their company's website, searched for --name")
    person.add_argument("--searxng", metavar="URL",
                        help="also search the web for their talks, articles and posts through "
                        "this SearXNG instance (or set INFOVIEW_SEARXNG_URL, or "
                        "INFOVIEW_BRAVE_API_KEY for the Brave Search API); off by default")
    _common_options(person)
    person.set_defaults(handler=_person)

    batch = commands.add_parser("batch", help="research every URL of a file into a JSON Lines file",
                                description="Research every URL of a text file (one per line) or "
                                "of a CSV's url column; one JSON object per line in OUT. A re-run "
                                "skips the URLs already in OUT.")
    batch.add_argument("file", help="a text file of URLs, or a CSV with a url column")
    batch.add_argument("--out", required=True, metavar="OUT.jsonl", help="the JSON Lines output")
    batch.add_argument("--kind", choices=("company", "person"), default="company",
                       help="what the URLs are (default: company)")
    add_fetch_options(batch)
    batch.add_argument("--workers", type=int, metavar="N",
                       help=f"sites researched at once (default {Settings.workers}; each waits "
                       "politely between its own requests, so many at once cost little)")
    batch.add_argument("--json", action="store_true", help="print the run's summary as JSON")
    batch.set_defaults(handler=_batch)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    add_fetch_options(parser)
    parser.add_argument("--save", action="store_true",
                        help="also save the result into the database, linked to its "
                        "organization (and person) as the research notebook's Save does")


def _company(args) -> int:
    from infoview.research.company import research_company

    return _research(args, research_company, _print_company)


def _person(args) -> int:
    from infoview.research.person import research_person

    if args.name or args.site:
        return _find_person(args)
    if not args.url:
        raise BadInput("give the address of a page about the person, or --name and --site "
                       "to find them on their company's site")
    return _research(args, research_person, _print_person)


def _find_person(args) -> int:
    """``research person --name N --site URL``: find their page, then research it."""
    from infoview.flows.research import keep_research
    from infoview.research.find_person import research_person_by_name
    from infoview.research.search import SearchConfig

    if not (args.name and (args.site or args.url)):
        raise BadInput("--name and --site go together: the person's full name and their "
                       "company's website")
    search = SearchConfig.from_env(searxng=args.searxng)
    found, profile = research_person_by_name(args.name, args.site or args.url,
                                             settings=research_settings(args),
                                             refresh=args.no_cache, search=search)
    data = profile.to_dict() if profile is not None else \
        {"url": None, "name": args.name, "warnings": found.warnings}
    data["search"] = found.to_dict()
    if args.json:
        print_json(data)
    else:
        print(found.summary())
        if profile is not None:
            print()
            _print_person(profile)
        _section(sys.stdout.write, "Other places that name them",
                 [f"{c.url} ({c.confidence:.0%}: {'; '.join(c.evidence)})"
                  for c in found.candidates[1 if found.found else 0:]])
        _section(sys.stdout.write, "On the web (from your web search; check each)",
                 [f"[{r.kind}] {r.title} <{r.url}> via {r.source}"
                  + ("" if r.names_them is None else "" if r.names_them else " (does not name them)")
                  for r in found.web])
        _section(sys.stdout.write, "Search warnings", found.warnings)
        if search is None:
            print("\nWeb search is off (see --searxng in --help to turn it on).")
    if profile is not None and args.save:
        with open_store(args) as store:
            print(_saved_line(keep_research(store, person=profile, known_as=args.name)))
    return 0 if found.found is not None else 1


def _research(args, research, printer) -> int:
    """Run ``research`` on ``args.url``; with ``--save`` the store is opened (and checked)
    first, so a store that cannot be used fails before any page is fetched. Saving is the
    research panel's own Save (:func:`infoview.flows.research.keep_research`): the research
    is linked to its organization and person, so ``infoview prep --person`` finds it."""
    from contextlib import nullcontext

    from infoview.flows.research import PASS_THE_NAME, keep_research, named_by_user
    from infoview.research.models import PersonProfile

    with open_store(args) if args.save else nullcontext() as store:
        profile = research(args.url, settings=research_settings(args), refresh=args.no_cache)
        kept = None
        if store is not None:
            if isinstance(profile, PersonProfile):
                kept = keep_research(store, person=profile)
            else:
                # A site that does not say whose it is: under --organization, or not at all.
                company = named_by_user(profile, getattr(args, "organization", None),
                                        PASS_THE_NAME)
                kept = keep_research(store, company=company)
    if args.json:
        print_json(profile.to_dict())
    else:
        printer(profile)
        if kept is not None:
            print(f"\n{_saved_line(kept)}")
    return 0


def _saved_line(kept) -> str:
    """What ``--save`` stored, in one line with the ids the other commands take."""
    links = []
    if kept.organization is not None:
        links.append(f"organization {kept.organization.id} ({kept.organization.name})")
    if kept.person is not None:
        links.append(f"person {kept.person.id} ({kept.person.name}; "
                     f"see infoview prep --person {kept.person.id})")
    ids = ", ".join(str(s.id) for s in kept.snapshots)
    return f"Saved as research snapshot {ids}" + (
        f", linked to {' and '.join(links)}." if links else ".")


def _batch(args) -> int:
    from infoview.research.batch import research_batch

    # An existing store records the output in its exports registry; none is created.
    with existing_store(args) as store:
        summary = research_batch(args.file, args.out, settings=research_settings(args),
                                 kind=args.kind, progress=True, store=store)
    if args.json:
        print_json(summary.to_dict())
    else:
        print(f"{summary.done} researched, {summary.failed} failed, {summary.skipped} already "
              f"in {summary.out} ({summary.seconds:.1f} s).")
    _say_failures(summary.out)
    if summary.unfinished:
        sys.stderr.write(f"infoview: {summary.unfinished} URLs were not finished; run the same "
                         "command again to research them.\n")
        return 1
    return 0


def _say_failures(out: Path) -> None:
    """Say how many lines of ``out`` are failures, and how to try them again: a re-run
    counts them as "already in" the file, and nothing else says they are not research."""
    from infoview.research.batch import read_results

    # by URL, the last line winning: two runs at once may each have written one
    results = {r.get("input_url") or r.get("url"): r for r in read_results(out)}
    failed = sum(1 for result in results.values() if result.get("error"))
    if failed:
        sys.stderr.write(f"infoview: {failed} of the {len(results)} URLs in {out} failed (each "
                         "line's \"error\" says why); delete a line and run the same command "
                         "again to retry it.\n")


def _print_company(p) -> None:
    out = sys.stdout.write
    out(f"{p.name or '(name not found)'}  <{p.url}>\n")
    for label, value in (("Description", p.description), ("Industry", p.industry),
                         ("Location", p.location), ("Founded", p.founded)):
        if value:
            out(f"  {label}: {value}\n")
    if p.summary:
        out(f"\nSummary\n  {p.summary}\n")
    _section(out, "People", [f"{m.name}" + (f", {m.title}" if m.title else "")
                             + _KIND_NOTE.get(m.kind, "") for m in p.people])
    _section(out, "News", [f"{n.date or '(no date)'}  {n.title}  <{n.url}>" for n in p.news])
    _section(out, "From their reports", [f"{f.text} ({d.label()}, p. {f.page})"
                                         for d in p.documents for f in d.facts])
    _section(out, "Pages", [f"{k}: {v}" for k, v in p.pages.items()])
    _section(out, "Pages read as (type, confidence)",
             [f"{t.type} {t.confidence:.2f}{'  (weak)' if t.confidence < 0.5 else ''}  <{t.url}>"
              for t in p.page_types])
    _section(out, "Social (links only, never fetched)", [f"{k}: {v}" for k, v in p.social.items()])
    _section(out, "Warnings", p.warnings)
    out(f"\n{len(p.fetched)} page(s) fetched, {sum(f.from_cache for f in p.fetched)} from the cache.\n")


def _print_person(p) -> None:
    out = sys.stdout.write
    out(f"{p.name or '(name not found)'}  <{p.url}>\n")
    for label, value in (("Title", p.title), ("Organization", p.organization),
                         ("Location", p.location)):
        if value:
            out(f"  {label}: {value}\n")
    if p.bio:
        out(f"\nBio\n  {p.bio}\n")
    _section(out, "Links (never fetched)", [f"{k}: {v}" for k, v in p.links.items()])
    _section(out, "Warnings", p.warnings)


def _section(out, title: str, lines: list[str]) -> None:
    if lines:
        out(f"\n{title}\n")
        for line in lines:
            out(f"  - {line}\n")

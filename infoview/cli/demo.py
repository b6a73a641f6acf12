"""`infoview demo`: the whole flow, offline, on the bundled sample."""

from __future__ import annotations

from infoview.cli._common import print_json


def register(sub) -> None:
    """Add ``demo`` to the parser."""
    p = sub.add_parser(
        "demo", help="run the whole flow offline on the bundled sample",
        description="Research the bundled sample company site (served on 127.0.0.1), fill a "
                    "throwaway store with the sample history, plan a meeting, and write the "
                    "brief, the emails, the calendar file and the outcomes report into --out. "
                    "Your own database is not touched.")
    p.add_argument("--out", default="out/demo", help="folder for the results (default: out/demo)")
    p.add_argument("--seed", type=int, default=7, help="random seed of the sample history")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(handler=_demo)


def _demo(args) -> int:
    from infoview.demo.run import run_demo

    result = run_demo(args.out, seed=args.seed)
    if args.json:
        print_json({"out": result.out, "database": result.database, "files": result.files,
                    "counts": result.counts, "company": result.company,
                    "person": result.person, "warnings": result.warnings})
        return 0
    print(f"Researched {result.company} and {result.person} on the bundled sample site.")
    print("Sample store: " + ", ".join(f"{n} {t}" for t, n in result.counts.items() if n))
    for warning in result.warnings:
        print(f"note: {warning}")
    print(f"\nResults in {result.out.resolve()}:")
    for label, path in result.files.items():
        print(f"  {label:<22} {path}")
    print(f"  {'demo database':<22} {result.database}")
    return 0

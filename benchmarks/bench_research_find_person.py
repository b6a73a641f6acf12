"""Finding a person by name on their company's site: the right page first, "not found" when absent.

Usage: ``.venv/bin/python benchmarks/bench_research_find_person.py [--quick]``

The sites are written by ``tests/helpers/staff_sites.py`` and served on 127.0.0.1: 3 to 60 staff,
two people who share a family name, one person whose page only the sitemap lists, accented
names, people with no page of their own (the team page is then the right answer). Every
person is asked for by full name, by nickname ("Bill" for William), by initial ("S. Okafor")
and without accents; names that are not there include a site's own family name with another
given name.

Targets (issue 19): the right page first for at least 95% of the names asked, and "not
found" for every name that is not there. The baseline of the same run is the naive search a
user might script: the first link on the home, team or about page whose text is the name as
typed (case-insensitive).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "helpers"))

from staff_sites import build_site, queries  # noqa: E402

from infoview.demo.site import serve  # noqa: E402
from infoview.research.extract import page_links, parse_page  # noqa: E402
from infoview.research.fetch import Fetcher  # noqa: E402
from infoview.research.find_person import find_person  # noqa: E402
from infoview.settings import Settings  # noqa: E402


def _naive(name: str, base: str, fetcher: Fetcher) -> str | None:
    for path in ("", "team.html", "about.html"):
        page = fetcher.fetch(base + path)
        for link in page_links(parse_page(page.body, page.final_url, page.encoding)):
            if link.text.strip().lower() == name.lower():
                return link.url
    return None


def main() -> int:
    sizes = [(3, 1), (12, 2), (60, 4)] if "--quick" in sys.argv else \
        [(3, 1), (5, 7), (12, 2), (20, 5), (30, 3), (45, 6), (60, 4)]
    asked = right = base_right = absent = absent_ok = base_absent_ok = 0
    misses = []
    with tempfile.TemporaryDirectory() as folder:
        for size, seed in sizes:
            root = Path(folder) / f"site{size}"
            site = build_site(root, size, seed)
            settings = Settings(host_delay=0.0, cache_path=Path(folder) / "cache.sqlite")
            with serve(root) as server, Fetcher(settings) as fetcher:
                for name, expected in queries(site):
                    search = find_person(name, server.url, fetcher=fetcher)
                    got = search.found.url.replace(server.url, "/", 1) if search.found else None
                    asked += 1
                    right += got == expected
                    naive = _naive(name, server.url, fetcher)
                    base_right += (naive or "").replace(server.url, "/", 1) == expected
                    if got != expected:
                        misses.append(f"  {size} staff: {name!r} gave {got}, expected {expected}")
                for name in site.absent:
                    absent += 1
                    absent_ok += find_person(name, server.url, fetcher=fetcher).found is None
                    base_absent_ok += _naive(name, server.url, fetcher) is None
    share = right / asked
    print(f"sites: {len(sizes)} ({', '.join(str(s) for s, _ in sizes)} staff); names asked: {asked}")
    print(f"right page first: {right}/{asked} = {share:.1%} (target >= 95%); "
          f"baseline (exact link text): {base_right / asked:.1%}")
    print(f"names not there reported as not found: {absent_ok}/{absent} (target all); "
          f"baseline: {base_absent_ok}/{absent}")
    for line in misses[:15]:
        print(line)
    ok = share >= 0.95 and absent_ok == absent
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

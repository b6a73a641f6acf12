"""How fast batch research is against its physical limit, a naive loop, and a warm cache.

Serves 50 generated company sites of six pages each, every site on its own loopback
address (127.0.0.2 ... 127.0.0.51, so each is a distinct host for politeness), every
response delayed 100 ms, and researches all 50 with a per-host delay of 0.2 s. Prints:

- the wall time of the cold run (empty HTTP cache): the median of three, each on a cache
  file of its own, since one run on a shared machine is one draw;
- the physical limit: the larger of (a) the longest per-host chain of response delays and
  politeness pauses, counted from the servers' logs, and (b) the CPU time that parsing and
  extraction need (measured by researching the same pages from the cache in one thread)
  divided by the cores;
- a naive sequential loop (``requests.get`` + BeautifulSoup over the same pages);
- the warm re-run (everything from the cache) and the requests that reached the servers;
- peak memory of research (this process and its research processes, by PSS), in a cold
  run of its own: sampling it costs CPU the timed runs should not pay.

Targets: cold within 1.2x of the limit, at least 10x faster than the naive loop, a warm
re-run that sends zero requests and is at least 50x faster than cold, peak memory under
300 MB. Exits 1 when a target is missed. (The naive loop fetches the HTML pages alone; a
site's chain also holds robots.txt and, since feeds are read, the usual feed paths, so the
naive loop is about 14x the limit and 10x is what 1.2x of the limit allows.)

Also printed: the CPU the research processes used in the cold run, and the share of the
machine's cores that amounts to: on a machine other work keeps busy, a cold run that used
only part of the cores for its CPU was waiting for them, not for the network.

What the numbers led to (see ``infoview/research/parallel.py``): research is CPU-bound once
fetching is polite and parallel, because every site reaches its parsing at the same moment
and the GIL serialises it; spreading the hosts over one forked process per core cut the
cold run by about a fifth. The warm re-run reuses finished results kept in the HTTP cache
file; re-parsing the cached pages instead is printed beside it ("re-research from cached
pages"), and is what the CPU part of the limit measures. When the page-type evidence and
the stricter people and news rules doubled that CPU time, most of it turned out to be lxml
creating element proxies (lxml.html chooses each one's class in Python; page.py now has it
chosen in C) and whole-page text passes made in Python that lxml can make itself.

Then (timelines of every request, from the client's and the servers' clocks, and each
thread's CPU clock): with a helper thread per site, two dozen threads per process were
extracting, and a thread whose turn at a host had come lost the GIL to them again and
again, sending its request 60-150 ms late; one extraction thread per process
(``infoview/research/extracts.py``) brought that to about 20 ms. Each site's reports and
feeds waited for all of its extraction, page types included, although only company facts
and news decide them; the helper now reads those first and the rest while the feeds are
requested. What is left on a busy machine is CPU: people extraction (a third of it),
page links, parsing and the HTTP client.

Run: ``.venv/bin/python benchmarks/bench_research_speed.py [--sites N] [--processes N]
[--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

SITES = 50
LATENCY = 0.1
HOST_DELAY = 0.2
PAGES = ("index", "about", "team", "news", "careers", "contact")

FIRST = ["Amara", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana", "Ilse", "Jonas",
         "Kofi", "Lena", "Mateo", "Noor", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tomás"]
LAST = ["Adeyemi", "Berg", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Haddad",
        "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov"]
TITLES = ["Chief Executive Officer", "Chief Technology Officer", "Head of Operations",
          "VP Engineering", "Head of People", "Chief Financial Officer", "Design Lead"]
WORDS = ("we build tools that help teams plan measure and improve their work across every "
         "region our customers include hospitals schools and city services data platform "
         "research quality reliable open careful people product engineering support").split()


# -- fixture sites ------------------------------------------------------------------------------

def _prose(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


ICON = ('<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2l3 7h7l-5.5 '
        '4.5 2 7.5-6.5-4.5-6.5 4.5 2-7.5L2 9h7z"/><circle cx="12" cy="12" r="3"/></svg>')


def _menu(rng: random.Random) -> str:
    """A mega-menu of the kind most company sites carry on every page."""
    groups = []
    for g in range(6):
        items = "".join(f'<li class="menu-item"><a class="menu-link" href="/solutions/{g}/{i}">'
                        f'{ICON}<span>{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}</span>'
                        f'</a><p class="menu-hint">{_prose(rng, 1)}</p></li>' for i in range(8))
        groups.append(f'<li class="menu-group"><button>Group {g}</button><ul>{items}</ul></li>')
    return f'<ul class="mega">{"".join(groups)}</ul>'


def _layout(name: str, title: str, body: str, rng: random.Random, head_extra: str = "") -> str:
    nav = "".join(f'<li><a href="{p}.html">{p.capitalize()}</a></li>' for p in PAGES[1:])
    nav += _menu(rng)
    footer_links = "".join(f'<li><a href="/legal/{i}.html">{ICON}Policy {i}</a></li>'
                           for i in range(40))
    # Real pages carry kilobytes of inline style and script; parsers must wade through them.
    style = "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:06x}}}" for i in range(300))
    script = "var cfg = " + json.dumps({f"k{i}": rng.random() for i in range(150)}) + ";"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {name}</title>
<meta name="description" content="{name} builds planning software for public services.">
<meta property="og:site_name" content="{name}"><style>{style}</style>{head_extra}</head>
<body><header><a href="index.html">{name}</a><nav><ul>{nav}</ul></nav></header>
<main>{body}</main>
<footer><ul>{footer_links}</ul>
<a href="https://www.linkedin.com/company/{name.lower().replace(' ', '-')}">LinkedIn</a>
<a href="https://github.com/{name.lower().replace(' ', '')}">GitHub</a><p>© 2025 {name}</p></footer>
<script>{script}</script></body></html>"""


def make_site(root: Path, index: int) -> None:
    """Write one fictional company site (six pages and a robots.txt) into ``root``."""
    rng = random.Random(index)
    first = rng.choice(['North', 'Bright', 'Clear', 'Blue', 'Green'])
    name = f"{first}{rng.choice(['path', 'field', 'line', 'stone'])} Systems {index}"
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(TITLES)) for _ in range(8)]
    org = {"@context": "https://schema.org", "@type": "Organization", "name": name,
           "foundingDate": str(1990 + index % 30), "url": "/",
           "address": {"@type": "PostalAddress", "addressLocality": "Lisbon"}}
    jsonld = f'<script type="application/ld+json">{json.dumps(org)}</script>'
    cards = "".join(f'<div class="person"><h3>{n}</h3><p class="title">{t}</p>'
                    f'<p>{_prose(rng, 2)}</p></div>' for n, t in people)
    news = "".join(f'<article><h3><a href="news/{i}.html">Update {i}: {_prose(rng, 1)[:60]}</a></h3>'
                   f'<time datetime="2025-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}">2025</time>'
                   f"<p>{_prose(rng, 2)}</p></article>" for i in range(10))
    bodies = {
        "index": f"<h1>{name}</h1><p>{_prose(rng, 6)}</p>",
        "about": f"<h1>About {name}</h1>" + "".join(f"<p>{_prose(rng, 5)}</p>" for _ in range(6)),
        "team": f"<h1>Our team</h1>{cards}",
        "news": f"<h1>News</h1>{news}",
        "careers": "<h1>Careers</h1>" + "".join(f"<h2>Role {i}</h2><p>{_prose(rng, 3)}</p>"
                                                for i in range(5)),
        "contact": f"<h1>Contact</h1><p>{_prose(rng, 2)}</p><address>Rua Augusta 10, Lisbon</address>",
    }
    root.mkdir(parents=True, exist_ok=True)
    for page, body in bodies.items():
        extra = jsonld if page in ("index", "about") else ""
        (root / f"{page}.html").write_text(_layout(name, page.capitalize(), body, rng, extra))
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")


# -- the runs -------------------------------------------------------------------------------------

def _warm_up(folder: Path) -> float:
    """Research the bundled sample site once, so that first-use imports are not timed."""
    from infoview.demo.site import serve
    from infoview.research.company import research_company
    from infoview.settings import Settings

    start = time.perf_counter()
    with serve() as site:
        research_company(site.url, settings=Settings(host_delay=0.0,
                                                     cache_path=folder / "warm-up.sqlite"))
    return time.perf_counter() - start


def _research_all(urls, settings, processes: int):
    from infoview.research.batch import research_many
    from infoview.research.parallel import RunStats

    stats = RunStats()
    start = time.perf_counter()
    rows = list(research_many(urls, settings=settings, processes=processes or None,
                              stats=stats))
    return rows, time.perf_counter() - start, stats.processes


def _cpu_of_parsing(urls, settings) -> tuple[float, float]:
    """CPU and wall seconds to research every site from the cached pages, one at a time."""
    from infoview.research.company import research_company
    from infoview.research.fetch import Fetcher

    with Fetcher(settings.with_(host_delay=0.0)) as fetcher:
        cpu, wall = time.process_time(), time.perf_counter()
        for url in urls:
            research_company(url, settings=settings, fetcher=fetcher)
        return time.process_time() - cpu, time.perf_counter() - wall


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children (research processes
    are joined when a run ends; the sites' process is still running, so it is not counted)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _naive(pages: list[str]) -> float:
    import requests
    from bs4 import BeautifulSoup

    start = time.perf_counter()
    for url in pages:
        response = requests.get(url, timeout=10)
        soup = BeautifulSoup(response.text, "html.parser")
        soup.get_text(" ")
        [a.get("href") for a in soup.find_all("a")]
    return time.perf_counter() - start


class MemoryPeak:
    """The peak memory of this process and its research processes, sampled every 0.1 s.

    Forked processes share most of their pages with this one, so their RSS figures cannot
    be added up; the proportional set size (PSS, Linux) splits shared pages between the
    processes that map them, and its sum is the memory they really take together. Where
    /proc has no PSS, the peak RSS of this process is used.
    """

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _pss_mb(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    @staticmethod
    def _children() -> list[int]:
        import multiprocessing

        return [child.pid for child in multiprocessing.active_children()]

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            total = self._pss_mb(os.getpid()) + sum(self._pss_mb(p) for p in self._children())
            self.peak_mb = max(self.peak_mb, total)

    def stop(self) -> float:
        """Stop sampling; the peak in MB (falls back to this process's peak RSS)."""
        self._stop.set()
        self._thread.join()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return self.peak_mb or rss


def _chain(paths: list[str]) -> float:
    """The least time one host's requests need: each response's delay plus the pauses."""
    return len(paths) * LATENCY + max(0, len(paths) - 1) * HOST_DELAY


class Sites:
    """The fixture servers, run in a child process as remote sites would be elsewhere.

    Serving from this process would make the servers compete with research for the GIL,
    which no real site does.
    """

    def __init__(self, root: Path, count: int):
        import subprocess

        self._proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(root), str(count)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        first = self._proc.stdout.readline()
        if not first:
            self._proc.wait()
            raise SystemExit("The fixture sites could not start (see above). They need the "
                             f"loopback addresses 127.0.0.2 to 127.0.0.{count + 1}; Linux has "
                             "them, macOS needs `sudo ifconfig lo0 alias 127.0.0.N`.")
        self.urls: list[str] = json.loads(first)

    def requests(self) -> list[list[str]]:
        """The paths each site was asked for so far."""
        self._proc.stdin.write("log\n")
        self._proc.stdin.flush()
        return json.loads(self._proc.stdout.readline())

    def close(self) -> None:
        self._proc.stdin.close()
        self._proc.wait(timeout=20)


def _serve(root: str, count: int) -> None:
    """The child process: serve ``count`` sites until stdin closes, reporting logs on demand."""
    from infoview.demo.site import serve

    servers = [serve(Path(root) / f"site{i}", host=f"127.0.0.{i + 2}", delay=LATENCY)
               for i in range(count)]
    print(json.dumps([s.url for s in servers]), flush=True)
    for line in sys.stdin:
        if line.strip() == "log":
            print(json.dumps([list(s.requests) for s in servers]), flush=True)
    for server in servers:
        server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=SITES)
    parser.add_argument("--processes", type=int, default=0,
                        help="worker processes for research (0: decide from the cores)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="cold runs, each on an empty cache (the median is compared)")
    parser.add_argument("--quick", action="store_true", help="10 sites (a smoke run)")
    parser.add_argument("--serve", nargs=2, metavar=("ROOT", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve[0], int(args.serve[1]))
        return 0
    sites = 10 if args.quick else args.sites

    from infoview.settings import Settings

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        tmp = Path(tmp)
        for i in range(sites):
            make_site(tmp / f"site{i}", i)
        html = list(tmp.glob("site*/*.html"))
        page_kb = sum(p.stat().st_size for p in html) / len(html) / 1024
        servers = Sites(tmp, sites)
        try:
            urls = servers.urls
            settings = Settings(host_delay=HOST_DELAY, workers=sites,
                                cache_path=tmp / "http-cache.sqlite")

            startup = _warm_up(tmp)
            colds: list[tuple[float, float]] = []   # (wall, CPU) of each cold run
            for run in range(args.repeat):   # each on an empty cache file of its own
                fresh = settings.with_(cache_path=tmp / f"http-cache-{run}.sqlite")
                before = _cpu_seconds()
                rows_run, seconds, used = _research_all(urls, fresh, args.processes)
                colds.append((seconds, _cpu_seconds() - before))
                if run == 0:
                    rows, logs = rows_run, servers.requests()
            cold, cold_cpu = sorted(colds)[len(colds) // 2]   # the median run
            errors = [r for r in rows if "error" in r]
            found = sum(bool(r.get("people")) and bool(r.get("news")) for r in rows)
            chain = max(_chain(paths) for paths in logs)
            requests_cold = sum(len(paths) for paths in logs)
            pages = [url + p.lstrip("/") for url, paths in zip(urls, logs, strict=True) for p in paths
                     if p.endswith(".html") or p == "/"]

            # Memory in a cold run of its own: sampling the processes' memory every tenth of
            # a second costs CPU, which the timed runs should not pay.
            memory = MemoryPeak()
            _research_all(urls, settings.with_(cache_path=tmp / "http-cache-memory.sqlite"),
                          args.processes)
            peak_mb = memory.stop()

            settings = settings.with_(cache_path=tmp / "http-cache-0.sqlite")
            before_warm = sum(len(paths) for paths in servers.requests())
            _, warm, _ = _research_all(urls, settings, args.processes)
            warm_requests = sum(len(paths) for paths in servers.requests()) - before_warm

            cpu, reparse = _cpu_of_parsing(urls, settings)
            limit = max(chain, cpu / cores)
            naive = _naive(pages)
        finally:
            servers.close()

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    checks = [
        ("cold / physical limit", cold / limit, "<= 1.2", cold / limit <= 1.2),
        ("naive / cold", naive / cold, ">= 10", naive / cold >= 10),
        ("warm requests", warm_requests, "== 0", warm_requests == 0),
        ("cold / warm", cold / warm, ">= 50", cold / warm >= 50),
        ("peak memory MB", peak_mb, "< 300", peak_mb < 300),
        ("sites with errors", len(errors), "== 0", not errors),
    ]
    print(f"{sites} sites x {len(PAGES)} pages, {LATENCY * 1000:.0f} ms per response, "
          f"{HOST_DELAY} s per-host delay, {cores} cores, processes={args.processes or 'auto'}")
    print(f"  requests (cold)         {requests_cold} ({requests_cold / sites:.1f} per site); "
          f"{len(pages)} HTML pages; {found}/{sites} sites with people and news")
    print(f"  one-time start-up       {startup:8.2f} s   (imports; one research of the sample "
          "site before timing)")
    print(f"  average page            {page_kb:8.1f} KB of HTML; load average {load}")
    print(f"  cold wall time          {cold:8.2f} s   ({used} research process(es); median of "
          f"{len(colds)}: {', '.join(f'{wall:.2f}' for wall, _ in colds)})")
    print(f"  cold CPU                {cold_cpu:8.2f} s   (research; {cold_cpu / cold / cores:.0%} "
          f"of {cores} cores over the cold run)")
    print(f"  longest per-host chain  {chain:8.2f} s")
    print(f"  parse+extract CPU       {cpu:8.2f} s   / {cores} cores = {cpu / cores:.2f} s")
    print(f"  physical limit          {limit:8.2f} s")
    print(f"  naive sequential loop   {naive:8.2f} s   (requests.get + BeautifulSoup, html.parser)")
    print(f"  warm re-run             {warm:8.2f} s   ({warm_requests} requests reached a server; "
          "results kept in the cache)")
    print(f"  re-research from cached pages {reparse:6.2f} s   (one thread, results not reused)")
    print(f"  peak memory             {peak_mb:8.1f} MB (PSS of this process and its research "
          "processes; the sites' process not counted)")
    failed = False
    for label, value, target, ok in checks:
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"  {label:<24}{shown:>8}   target {target:<18}{'ok' if ok else 'MISSED'}")
        failed |= not ok
    for row in errors[:5]:
        print(f"  error: {row['url']}: {row['error']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

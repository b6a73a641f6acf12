"""How long `infoview app` takes to show its first page, against bare Voila.

Each round starts from nothing, in headless chromium (Debian's, as the browser tests use):

- the app: ``infoview app --no-browser`` on an empty store made beforehand (as a user's
  store is there already), timed from the command's start until its page shows the
  navigation bar and the home page's first steps;
- bare Voila: Voila serving a notebook that shows one label, started the way the app
  starts it (:func:`infoview.app.voila_command`, a token), timed from the command's start
  until the label shows.

Both include Voila's own start, the kernel's, and the page's; the difference is what the
app adds. They run in alternating order, several rounds, after one untimed start of each
(which also leaves Python's compiled modules behind, as any installation has them: the
servers run without ``PYTHONDONTWRITEBYTECODE``, which would make every start compile
infoview's modules again), and the medians are compared.
Target: the app's median within 1.5 s of bare Voila's. Exits 1 on a miss.

The machine's load average is printed: on a machine other work keeps busy both figures
grow, and so does their difference (the app's kernel does more work, which waits longer
for a core).

Run: ``.venv/bin/python benchmarks/bench_app_paint.py [--rounds N]``; ``--profile`` also
prints, for the app's kernel, the modules its first cell imports and how long each took
(``python -X importtime``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.5        # seconds the app may add to bare Voila's first paint
WAIT_MS = 180_000   # the most one page may take to show (a busy machine)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: What the app's first page shows once its widgets are drawn (on an empty store).
APP_SHOWN = "Four steps get you to your first informational interview"
LABEL = "bare voila is ready"


def _environment(**changes: str) -> dict[str, str]:
    """The servers' environment: this one, compiled modules kept (see the docstring)."""
    env = {**os.environ, **changes}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _label_notebook(folder: Path) -> Path:
    """A notebook with one cell that shows one label."""
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": f"import ipywidgets as w\nw.Label({LABEL!r})"}
    notebook = {"cells": [cell], "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}
    path = folder / "label.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _time_app(browser, folder: Path) -> float:
    """Seconds from starting ``infoview app`` to its first page's widgets in the browser."""
    from infoview.app import free_port
    from infoview.store import Store

    Store.open(folder / "store.sqlite").close()   # the user's store, there already (empty)
    env = _environment(INFOVIEW_DB=str(folder / "store.sqlite"))
    command = [sys.executable, "-m", "infoview", "app", "--no-browser",
               f"--port={free_port()}", f"--out={folder / 'exports'}"]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True,
                               stderr=subprocess.DEVNULL, cwd=folder)
    try:
        url = _address(process)
        return _shown(browser, url, start, lambda page: (
            page.locator(".infoview-nav").get_by_role("button", name="Home").wait_for(
                timeout=WAIT_MS),
            page.get_by_text(APP_SHOWN).wait_for(timeout=WAIT_MS)))
    finally:
        process.send_signal(signal.SIGTERM)   # infoview app then stops Voila and its kernel
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _address(process: subprocess.Popen) -> str:
    """The address ``infoview app`` prints once Voila answers."""
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("infoview app: "):
            return line.split(": ", 1)[1].strip()
    raise SystemExit(f"infoview app ended (status {process.wait()}) without an address")


def _time_bare(browser, folder: Path, notebook: Path) -> float:
    """Seconds from starting Voila on the one-label notebook to the label in the browser."""
    from infoview.app import (
        app_url,
        free_port,
        new_token,
        stop_process,
        voila_command,
        voila_environment,
        wait_for_port,
    )

    port, token = free_port(), new_token()
    start = time.perf_counter()
    process = subprocess.Popen(voila_command(notebook, port),
                               env=_environment(**voila_environment(token)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder)
    try:
        wait_for_port(port, process, timeout=120)
        return _shown(browser, app_url(port, token), start,
                      lambda page: page.get_by_text(LABEL).wait_for(timeout=WAIT_MS))
    finally:
        stop_process(process, timeout=20)


def _shown(browser, url: str, start: float, wait) -> float:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, timeout=WAIT_MS)
        wait(page)
        return time.perf_counter() - start
    finally:
        context.close()


def _import_profile(folder: Path) -> None:
    """Print what the app's first cell imports, slowest first (``-X importtime``)."""
    from infoview.app import AppConfig, write_app_config

    config = write_app_config(folder / "app.json", AppConfig(
        store=str(folder / "profile.sqlite"), out_dir=str(folder / "exports")))
    code = ("import time; t = time.perf_counter()\n"
            "from infoview.widgets import App, app_session\n"
            "app = App(app_session()); app.pages['home'].wait()\n"
            "print(f'{time.perf_counter() - t:.2f}')")
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", code], text=True,
                         capture_output=True, env=_environment(INFOVIEW_APP_CONFIG=str(config)))
    rows = []
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            _, cumulative, name = line.split("|")
            if len(name) - len(name.lstrip()) <= 2:   # top-level and first-level imports
                rows.append((int(cumulative) / 1e6, name.rstrip()))
    print(f"  the app's first cell, outside a kernel: {run.stdout.strip()} s; its imports:")
    for seconds, name in sorted(rows, reverse=True)[:15]:
        print(f"    {seconds:6.2f} s {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 rounds (make bench passes it)")
    parser.add_argument("--profile", action="store_true",
                        help="also print the imports of the app's first cell")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds = min(args.rounds, 3)
    chromium = os.environ.get("INFOVIEW_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("Debian's chromium is needed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    app_times: list[float] = []
    bare_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="infoview-paint-") as tmp, sync_playwright() as pw:
        folder = Path(tmp)
        notebook = _label_notebook(folder)
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            # untimed first starts: disk caches, compiled modules
            _time_bare(browser, folder, notebook)
            _time_app(browser, _fresh(folder, -1))
            for round_ in range(args.rounds):
                runs = [("app", lambda r=round_: _time_app(browser, _fresh(folder, r))),
                        ("bare", lambda: _time_bare(browser, folder, notebook))]
                for name, run in runs if round_ % 2 == 0 else runs[::-1]:
                    seconds = run()
                    (app_times if name == "app" else bare_times).append(seconds)
                    print(f"  round {round_ + 1}: {name:<4} {seconds:6.2f} s", flush=True)
        finally:
            browser.close()
        if args.profile:
            _import_profile(folder)
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"first paint over {args.rounds} rounds (medians), {os.cpu_count()} cores, "
          f"load average {load}")
    print(f"  infoview app            {app:6.2f} s   (runs: "
          f"{', '.join(f'{t:.2f}' for t in app_times)})")
    print(f"  bare Voila, one label   {bare:6.2f} s   (runs: "
          f"{', '.join(f'{t:.2f}' for t in bare_times)})")
    ok = app - bare <= TARGET
    print(f"  app - bare              {app - bare:6.2f} s   target <= {TARGET} s   "
          f"{'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


def _fresh(folder: Path, round_: int) -> Path:
    """A folder of its own for one round of the app (an empty store each time)."""
    path = folder / f"app-{round_}"
    path.mkdir()
    return path


if __name__ == "__main__":
    sys.exit(main())

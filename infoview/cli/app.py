"""`infoview app`: the app in the browser, served by Voila behind a token (``make app``)."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path

from infoview.cli._common import db_path, open_store
from infoview.errors import BadInput


def register(sub) -> None:
    """Add ``infoview app`` to the parser."""
    parser = sub.add_parser(
        "app", help="open the app in your browser (research, prepare, meet, debrief, outcomes)",
        description="Open infoview in your browser: one page with a home, your profile, "
                    "people and meetings, research, preparation, the meeting companion, the "
                    "debrief and your outcomes. Uses your store ($INFOVIEW_DB, --db, or the "
                    "infoview data folder) unless --demo is given. The page is protected by "
                    "a token: the browser opened for you gets in at once; with --no-browser, "
                    "open the address printed (it carries the token). Stop it with Ctrl+C.",
    )
    parser.add_argument("--port", type=int, default=0,
                        help="port to serve on (default: a free port)")
    parser.add_argument("--no-browser", action="store_true",
                        help="do not open a browser; just print the address (with its token)")
    parser.add_argument("--demo", action="store_true",
                        help="use a throwaway store filled with sample data instead of yours "
                             "(deleted when the app stops; files exported from it are kept "
                             "in infoview-exports/demo in your documents folder)")
    parser.add_argument("--out", metavar="DIR",
                        help="where exports go (default: infoview-exports in your documents "
                             "folder, or its demo subfolder with --demo); kept after the app "
                             "stops")
    parser.set_defaults(handler=run)


def app_config(args: argparse.Namespace, workdir: Path):
    """The :class:`~infoview.app.AppConfig` for this run: the user's store, or a demo store
    made in ``workdir`` (thrown away with it); exports in a folder that outlives the app."""
    from infoview.app import AppConfig
    from infoview.paths import default_exports_dir

    out = Path(args.out).expanduser() if args.out else default_exports_dir(demo=args.demo)
    if args.demo:
        store = make_demo_store(Path(workdir) / "demo.sqlite")
        return AppConfig(store=str(store), out_dir=str(out), demo=True, sample_site=True)
    return AppConfig(store=str(db_path(args)), out_dir=str(out))


def make_demo_store(path):
    """A store at ``path`` holding the sample history, the sample research and a planned
    meeting: what ``infoview app --demo`` shows."""
    from infoview.demo.run import make_demo_store as fill

    return fill(path)


def run(args: argparse.Namespace) -> int:
    """Start Voila on the app's notebook and wait until it is stopped (Ctrl+C or SIGTERM)."""
    from infoview.app import free_port

    if not 0 <= args.port <= 65535:
        raise BadInput(f"--port must be 1 to 65535 (or 0 for a free port), not {args.port}")
    port = args.port or free_port()
    # A plain SIGTERM would end this process at once and leave Voila running: turn it into
    # an exception so that the clean-up below stops Voila and removes the temporary folder.
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        return _serve(args, port)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _serve(args: argparse.Namespace, port: int) -> int:
    import subprocess
    import sys
    import tempfile
    import webbrowser

    from infoview.app import (
        APP_NOTEBOOK,
        app_url,
        new_token,
        notebooks_dir,
        stop_process,
        voila_command,
        voila_environment,
        wait_for_port,
        write_app_config,
        write_opener,
    )

    # The folder is private to the user (mkdtemp makes it 0700): the settings, the opener
    # page with the token, and a demo store live there and go with it.
    with tempfile.TemporaryDirectory(prefix="infoview-app-") as tmp:
        workdir = Path(tmp)
        settings, token = workdir / "app.json", new_token()
        # Voila takes seconds to start: start it first, and check the store (or make the
        # demo's) meanwhile. Its page's kernel reads the settings file when the page is
        # first opened, which is after they are written.
        process = subprocess.Popen(voila_command(notebooks_dir() / APP_NOTEBOOK, port),
                                   env=voila_environment(token, settings))
        try:
            if not args.demo:
                with open_store(args):
                    pass  # a store that cannot be used is reported here, not in the browser
            config = app_config(args, workdir)
            write_app_config(settings, config)
            wait_for_port(port, process, timeout=120)
            url = app_url(port, token)
            print(f"infoview app: {url}", flush=True)
            print(f"Exports are saved in {config.out_dir}"
                  + (" (the demo's sample store is deleted when the app stops)."
                     if config.demo else "."), flush=True)
            print("Ctrl+C stops it.", flush=True)
            if not args.no_browser:
                webbrowser.open(write_opener(workdir, url).as_uri())
            return process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            stop_process(process, timeout=10)
            sys.stdout.flush()

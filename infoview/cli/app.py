"""`infoview app`: the four notebooks served as an app with Voila (``make app``)."""

from __future__ import annotations

import argparse
import signal

from infoview.app import free_port, prepare_notebooks, stop_process, voila_command, wait_for_port
from infoview.cli._common import db_path, open_store
from infoview.errors import BadInput


def register(sub) -> None:
    """Add ``infoview app`` to the parser."""
    parser = sub.add_parser(
        "app", help="serve the notebooks as an app in the browser (Voila)",
        description="Serve the research, preparation, debrief and outcomes notebooks as an "
                    "app with Voila. Uses your store ($INFOVIEW_DB, --db, or the infoview data "
                    "folder) unless --demo is given. Stop it with Ctrl+C.",
    )
    parser.add_argument("--port", type=int, default=0,
                        help="port to serve on (default: a free port)")
    parser.add_argument("--no-browser", action="store_true",
                        help="do not open a browser; just print the address")
    parser.add_argument("--demo", action="store_true",
                        help="use a throwaway store filled with sample data instead of yours")
    parser.add_argument("--out", metavar="DIR",
                        help="where exports go (default: infoview-exports in your documents)")
    parser.set_defaults(handler=run)


def app_parameters(args: argparse.Namespace, workdir) -> dict:
    """The notebook parameters ``infoview app`` injects: the store to use, and no automatic
    clicks (in the app the user presses the buttons)."""
    parameters = {"autorun": False}
    if args.demo:
        parameters["store"] = str(make_demo_store(workdir / "demo.sqlite"))
        parameters["sample_site"] = True
        parameters["out_dir"] = str(workdir / "exports")  # gone with the demo, like its store
    else:
        parameters["store"] = str(db_path(args))
        parameters["sample_site"] = False
    if args.out:
        parameters["out_dir"] = args.out
    return parameters


def make_demo_store(path):
    """A store at ``path`` holding the sample history, the sample research and a planned
    meeting, shared by the four notebooks of ``infoview app --demo``."""
    from infoview.demo.run import make_demo_store as fill

    return fill(path)


def run(args: argparse.Namespace) -> int:
    """Prepare the notebooks, start Voila and wait until it is stopped (Ctrl+C or SIGTERM)."""
    if not 0 <= args.port <= 65535:
        raise BadInput(f"--port must be 1 to 65535 (or 0 for a free port), not {args.port}")
    if not args.demo:
        with open_store(args):
            pass  # a store that cannot be used is reported here, not later in the browser
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
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="infoview-app-") as tmp:
        workdir = Path(tmp)
        prepare_notebooks(workdir / "notebooks", app_parameters(args, workdir))
        process = subprocess.Popen(voila_command(workdir / "notebooks", port,
                                                 open_browser=not args.no_browser))
        try:
            wait_for_port(port, process)
            print(f"infoview app: http://127.0.0.1:{port}/  (Ctrl+C stops it)", flush=True)
            return process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            stop_process(process, timeout=10)
            sys.stdout.flush()

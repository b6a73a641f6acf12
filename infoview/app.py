"""The notebooks as an app: where they are, how they are parameterised, how Voila serves them.

The notebooks ship inside the package (a wheel holds them as ``infoview/_notebooks``; a
source checkout uses the repository's ``notebooks/``), so ``infoview app`` works from any
folder after a plain ``pip install``. Before serving, papermill writes a copy of each
notebook with the app's parameters injected (the user's store rather than a throwaway one,
and no automatic demo clicks), so the originals stay untouched.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
from pathlib import Path

from infoview.errors import BadInput, NotFound

log = logging.getLogger(__name__)

#: The notebooks, in the order a user goes through them.
NOTEBOOKS = ("01_research.ipynb", "02_prepare.ipynb", "03_debrief.ipynb", "04_outcomes.ipynb")

#: A cell with this tag speaks to a JupyterLab user only (the parameters cell, the autorun
#: demo, batch files): :func:`prepare_notebooks` leaves it out of the app's copies.
LAB_ONLY_TAG = "lab-only"

#: Voila's configuration for the app (its page template and the kernel-shutdown cookie).
VOILA_CONFIG_DIR = Path(__file__).resolve().parent / "_voila"


def notebooks_dir() -> Path:
    """The folder holding the shipped notebooks (packaged copy first, then the checkout's)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_notebooks"
    if packaged.is_dir():
        return packaged
    checkout = here.parent / "notebooks"
    if checkout.is_dir():
        return checkout
    raise NotFound("The infoview notebooks are missing from this installation; "
                   "reinstall infoview (pip install --force-reinstall infoview).")


def prepare_notebooks(dest: Path, parameters: dict) -> list[Path]:
    """Write a copy of every notebook into ``dest`` with ``parameters`` injected, leaving
    out the cells tagged :data:`LAB_ONLY_TAG` (the copies are what the app shows).

    Args:
        dest: the folder to write into (created if missing).
        parameters: values for the notebooks' ``parameters`` cells; a name a notebook does
            not declare is still injected harmlessly, so one dict serves all four.

    Returns:
        The written notebooks, in :data:`NOTEBOOKS` order.
    """
    import papermill

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    source = notebooks_dir()
    written = []
    for name in NOTEBOOKS:
        target = dest / name
        papermill.execute_notebook(str(source / name), str(target), parameters=parameters,
                                   prepare_only=True, progress_bar=False, log_output=False)
        drop_lab_only_cells(target)
        written.append(target)
    return written


def drop_lab_only_cells(path: Path) -> int:
    """Remove the cells tagged :data:`LAB_ONLY_TAG` from the notebook at ``path``, in place.

    Returns:
        How many cells were removed.
    """
    import nbformat

    notebook = nbformat.read(str(path), as_version=4)
    kept = [cell for cell in notebook.cells
            if LAB_ONLY_TAG not in cell.get("metadata", {}).get("tags", [])]
    removed = len(notebook.cells) - len(kept)
    if removed:
        notebook.cells = kept
        nbformat.write(notebook, str(path))
    return removed


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def voila_command(target: Path, port: int, *, open_browser: bool = False) -> list[str]:
    """The command that serves ``target`` (a notebook or a folder of them) with Voila."""
    command = [sys.executable, "-m", "voila", str(target), f"--port={port}",
               "--Voila.ip=127.0.0.1", "--show_tracebacks=False",
               f"--Voila.config_file_paths={VOILA_CONFIG_DIR}"]
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_prelaunch_hook(handler, notebook=None, cwd=None):
    """Voila's ``prelaunch_hook`` for the app: make the page set its ``_xsrf`` cookie.

    Tornado sets that cookie only when a handler reads ``xsrf_token``, which Voila's notebook
    page never does; its script then sends an empty token when the page closes and Voila
    refuses to shut the kernel down (403). Reading the token here, before anything is sent,
    puts the cookie on the page's response. The notebook is returned unchanged (``None``).
    """
    handler.xsrf_token  # noqa: B018 - read for its effect: tornado sets the cookie
    return None


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 60.0,
                  host: str = "127.0.0.1") -> None:
    """Block until something accepts connections on ``port`` (polling a few times a second).

    Raises:
        BadInput: when ``process`` exits first or ``timeout`` passes.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise BadInput(f"The server exited with status {process.returncode} before it "
                           f"listened on port {port}.")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise BadInput(f"Nothing answered on port {port} within {timeout:.0f} s.")


def stop_process(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a server started with :func:`voila_command`: ask it to end, and kill it when it
    has not within ``timeout`` seconds, so no Voila (nor its kernels) outlives its caller."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

"""The app: which notebook Voila serves, how it learns its store, and how it is protected.

``infoview app`` serves ONE thin notebook, :data:`APP_NOTEBOOK`, whose only job is to show
:class:`infoview.widgets.app.App`; Voila serves it at the site's root, so the first page a
user sees is the app itself, not a list of files. The notebooks ship inside the package (a
wheel holds them as ``infoview/_notebooks``; a source checkout uses the repository's
``notebooks/``), so ``infoview app`` works from any folder after a plain ``pip install``.

The page learns which store and export folder to use from a small JSON file named by the
environment variable :data:`APP_CONFIG_ENV` (:func:`write_app_config`,
:func:`read_app_config`): the kernel Voila starts inherits that variable, and nothing has to
rewrite the notebook (no papermill, which cost seconds at every start).

Voila runs with a token (jupyter_server's identity provider reads it from ``JUPYTER_TOKEN``,
so it never shows in the process list): a request without it is sent to a login page. The
browser that ``infoview app`` opens gets the token through a small page written in a
private folder (:func:`write_opener`), as JupyterLab does, so the user types nothing.
"""

from __future__ import annotations

import html
import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from infoview.errors import BadInput, NotFound

log = logging.getLogger(__name__)

#: The notebooks for JupyterLab, in the order a user goes through them.
NOTEBOOKS = ("01_research.ipynb", "02_prepare.ipynb", "03_debrief.ipynb", "04_outcomes.ipynb")

#: The one notebook ``infoview app`` serves: a session and the :class:`App` widget.
APP_NOTEBOOK = "00_app.ipynb"

#: Names the JSON file that tells the app's page which store and export folder to use.
APP_CONFIG_ENV = "INFOVIEW_APP_CONFIG"

#: The largest file the app's pages take as an upload (the import page's mailbox or
#: calendar): the file travels through the page's connection, whose server refuses a message
#: above ``WEBSOCKET_LIMIT`` by cutting the connection, which the page never reports. A
#: larger export is read from its path instead.
UPLOAD_LIMIT = 100_000_000

#: The largest message the app's server accepts from the page: an upload of UPLOAD_LIMIT
#: and the message around it (tornado's own default, 10 MiB, cut a 50 MB mailbox off).
WEBSOCKET_LIMIT = 128 * 2**20

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


@dataclass
class AppConfig:
    """What the app's page needs to know before it shows anything.

    Attributes:
        store: the SQLite file to open (made beforehand for the demo).
        out_dir: the folder exports are written to.
        demo: the store is a throwaway one filled with sample data.
        sample_site: serve the bundled sample company site and offer its addresses.
    """

    store: str
    out_dir: str
    demo: bool = False
    sample_site: bool = False


def write_app_config(path: Path, config: AppConfig) -> Path:
    """Write ``config`` as JSON to ``path`` (readable by the user only); returns the path."""
    path = Path(path)
    path.write_text(json.dumps(asdict(config), indent=1), encoding="utf-8")
    path.chmod(0o600)
    return path


def read_app_config(path: str | Path | None = None) -> AppConfig | None:
    """The configuration named by ``path``, else by :data:`APP_CONFIG_ENV`; ``None`` when
    neither is set (the notebook was opened by hand, e.g. in JupyterLab).

    Raises:
        BadInput: the file is missing or is not such a configuration.
    """
    path = path or os.environ.get(APP_CONFIG_ENV)
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return AppConfig(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise BadInput(f"The app's settings file {path} cannot be read ({exc}); start the app "
                       "again with: infoview app") from exc


def new_token() -> str:
    """A fresh random token for one run of the app."""
    return secrets.token_urlsafe(24)


def app_url(port: int, token: str, host: str = "127.0.0.1") -> str:
    """The address that opens the app, token included."""
    return f"http://{host}:{port}/?token={token}"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def voila_command(notebook: Path, port: int) -> list[str]:
    """The command that serves ``notebook`` with Voila on 127.0.0.1, behind a token.

    The token itself is not on the command line (any user can read that): Voila takes it
    from ``JUPYTER_TOKEN`` in the environment (:func:`voila_environment`). Voila never opens
    a browser itself; ``infoview app`` does, with the token.
    """
    return [sys.executable, "-m", "voila", str(notebook), f"--port={port}",
            "--Voila.ip=127.0.0.1", "--show_tracebacks=False", "--no-browser", "--token",
            f"--Voila.config_file_paths={VOILA_CONFIG_DIR}"]


def voila_environment(token: str, config: Path | None = None) -> dict[str, str]:
    """The environment for Voila (and so for the page's kernel): the token, and the app's
    settings file when there is one."""
    env = dict(os.environ, JUPYTER_TOKEN=token)
    if config is not None:
        env[APP_CONFIG_ENV] = str(config)
    return env


def write_opener(folder: Path, url: str) -> Path:
    """A small page in ``folder`` that sends the browser on to ``url`` (token included).

    The browser is opened on this file rather than on ``url``, so the token is not in the
    browser's command line; ``folder`` should be private to the user (a temporary folder).
    """
    target = html.escape(url, quote=True)
    page = Path(folder) / "open-infoview.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<meta http-equiv='refresh' content='0;url={target}'><title>infoview</title></head>"
        f"<body><p>Opening infoview ... <a href='{target}'>open it</a> if nothing happens."
        "</p></body></html>", encoding="utf-8")
    page.chmod(0o600)
    return page


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

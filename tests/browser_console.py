"""What a page reports that a user would call broken, collected during a browser walk: console
errors and warnings, uncaught exceptions, failed or refused requests, and any request to
another host than the app's own.

The allow-list is short, and each entry says why it cannot be fixed here.
"""

from __future__ import annotations

import re

#: Console warnings that come from Voila's own build, not from anything infoview does.
#: Voila 0.5.13 (the newest release) ships its page with the JupyterLab 4.2.5 core, while
#: the widget managers it loads (ipywidgets' jupyterlab_widgets 3.0.17 and Voila's own
#: widgets-manager8) were built against JupyterLab 4.5 and 4.6. Webpack shares the one copy
#: the page has and warns that its version is older than the one asked for; the widgets
#: work. Only a Voila release built on a newer JupyterLab removes them (an older ipywidgets
#: would leave Voila's own warnings and cost ipywidgets' fixes).
ALLOWED = (
    re.compile(r"^Unsatisfied version \S+ from _JUPYTERLAB\.CORE_OUTPUT of shared singleton "
               r"module @jupyterlab/[\w-]+ \(required \^\d+\.\d+\.\d+\)$"),
    re.compile(r"^No satisfying version \(\^\d+\.\d+\.\d+\) of shared module @jupyterlab/[\w-]+ "
               r"found in shared scope default\.\nAvailable versions: \S+ from "
               r"_JUPYTERLAB\.CORE_OUTPUT$"),
)


def allowed(text: str) -> bool:
    """Whether a console message is on the documented allow-list."""
    return any(pattern.match(text) for pattern in ALLOWED)


class Console:
    """Listens to ``page`` from now on; ``problems`` lists what went wrong, in order.

    Args:
        page: a Playwright page.
        base: the app's own address (``http://127.0.0.1:PORT``); a request anywhere else
            counts as leaving the machine.
    """

    def __init__(self, page, base: str):
        self.problems: list[str] = []
        self.allowed: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: None if _closing_beacon(r.url) else
                self.problems.append(f"failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}")
                if r.status >= 400 else None)
        page.on("request", lambda r: self.problems.append(f"left the machine: {r.url}")
                if not r.url.startswith((base, "data:", "blob:")) else None)

    def _console(self, message) -> None:
        if message.type not in ("error", "warning"):
            return
        if allowed(message.text):
            self.allowed.append(message.text)
        else:
            self.problems.append(f"console {message.type}: {message.text}")


def _closing_beacon(url: str) -> bool:
    # The shutdown beacon sent as the page closes may be cut off by the closing itself.
    return "/voila/api/shutdown/" in url


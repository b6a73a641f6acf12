"""Voila serving the app for the browser tests, as `infoview app` serves it (the one app
notebook, a settings file, a token), and a count of the kernels it has running."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from infoview.app import (
    APP_NOTEBOOK,
    AppConfig,
    app_url,
    free_port,
    new_token,
    notebooks_dir,
    stop_process,
    voila_command,
    voila_environment,
    wait_for_port,
    write_app_config,
)


@dataclass
class Served:
    """A running app: ``url`` opens it (token included), ``base`` is the server's root."""

    url: str
    base: str
    token: str
    process: subprocess.Popen


@contextmanager
def serve_app(folder: Path, config: AppConfig) -> Iterator[Served]:
    """Serve the app's notebook with Voila on ``config`` (written into ``folder``); stops
    Voila (and so its kernels) after."""
    settings = write_app_config(folder / "app.json", config)
    port, token = free_port(), new_token()
    log = (folder / "voila.log").open("w")
    process = subprocess.Popen(voila_command(notebooks_dir() / APP_NOTEBOOK, port),
                               env=voila_environment(token, settings), stdout=log,
                               stderr=subprocess.STDOUT, cwd=folder)
    try:
        wait_for_port(port, process, timeout=90)
        yield Served(app_url(port, token), f"http://127.0.0.1:{port}", token, process)
    finally:
        stop_process(process, timeout=20)
        log.close()


def running_kernels(server: subprocess.Popen) -> int:
    """How many kernel processes the Voila server ``server`` has running now (its children
    running ``ipykernel_launcher``), read from /proc."""
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        if parent == server.pid and b"ipykernel_launcher" in command:
            count += 1
    return count

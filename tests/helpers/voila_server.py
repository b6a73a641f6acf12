"""Voila serving the app's notebooks for the browser tests, as `infoview app` serves them,
and a count of the kernels it has running."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from infoview.app import (
    free_port,
    prepare_notebooks,
    stop_process,
    voila_command,
    wait_for_port,
)


@contextmanager
def serve_notebooks(folder: Path, parameters: dict) -> Iterator[tuple[str, subprocess.Popen]]:
    """Write the parameterised notebooks into ``folder/nb`` and serve them with Voila;
    yields ``(base URL, Voila's process)`` and stops Voila (and so its kernels) after."""
    prepare_notebooks(folder / "nb", parameters)
    port = free_port()
    log = (folder / "voila.log").open("w")
    process = subprocess.Popen(voila_command(folder / "nb", port), stdout=log,
                               stderr=subprocess.STDOUT, cwd=folder)
    try:
        wait_for_port(port, process, timeout=60)
        yield f"http://127.0.0.1:{port}", process
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

"""Stopping a run of ``infoview`` part way, at an event: it is killed once it opens a named
pipe to write (a file of an export folder it rewrites), as a killed process or a computer
switched off would leave it. The file written should be longer than a pipe holds (64 KiB
on Linux): the run then waits, writing it, until it is killed; a shorter one can be written
whole, and the run go on, before the kill."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path


def stop_when_it_writes(argv: list[str], pipe: Path) -> None:
    """Run ``infoview ARGV`` and kill it once it opens ``pipe`` to write."""
    process = subprocess.Popen([sys.executable, "-m", "infoview", *argv],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def unblock_if_it_ends() -> None:  # it ended without reaching the pipe: let the test go on
        process.wait()
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass  # the test's reader is gone already

    watcher = threading.Thread(target=unblock_if_it_ends, daemon=True)
    watcher.start()
    with open(pipe, "rb"):  # returns once the run opened the file it was writing
        reached = process.poll() is None
        process.kill()
    process.wait()
    watcher.join()
    assert reached, process.stderr.read().decode() if process.stderr else ""

"""Run every benchmark in this folder, one after the other: ``make bench``.

Each ``bench_*.py`` (store, research speed and accuracy, the app's first paint, analytics,
follow-ups, notebooks, warm paths and the LinkedIn archive import, question plans that learn
from debriefs, mail and calendar imports) is also runnable on its own and prints its figures
and targets.
Extra arguments are passed to every benchmark (e.g. ``--quick``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        if subprocess.run([sys.executable, str(script), *sys.argv[1:]]).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nMissed a target or failed: {', '.join(failed)}")
        return 1
    print("\nAll benchmarks met their targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

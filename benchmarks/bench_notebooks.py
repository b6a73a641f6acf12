"""How soon each notebook shows its first widget: target under 2 s from kernel start.

For every notebook, nbclient starts a fresh kernel and runs the cells one by one with their
default parameters (the offline demo). The clock starts when the kernel is asked to start
and stops when the cell that displays the first widget has finished executing; the part
spent launching the kernel is printed beside it. The baseline, measured in the same run, is
a one-cell notebook that imports ipywidgets and shows a label: the least any notebook can
cost. Exits non-zero when a notebook misses the target.

    .venv/bin/python benchmarks/bench_notebooks.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TARGET_SECONDS = 2.0
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _shows_widget(cell) -> bool:
    return any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", []))


def time_to_first_widget(notebook: nbformat.NotebookNode, workdir: Path) -> tuple[float, float]:
    """``(seconds launching the kernel, seconds from kernel start to the first widget shown)``."""
    client = NotebookClient(notebook, kernel_name="python3", timeout=180,
                            resources={"metadata": {"path": str(workdir)}})
    launch = time.perf_counter()
    # The kernel's own stderr only repeats a transport warning here; keep the table readable.
    with client.setup_kernel(stderr=subprocess.DEVNULL):
        started = time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            if _shows_widget(cell):
                return started - launch, time.perf_counter() - launch
    raise SystemExit("no cell of the notebook displayed a widget")


def baseline_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.Label('ready')")]
    return nb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook (median shown)")
    parser.add_argument("--quick", action="store_true", help="accepted for make bench; same run")
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    from infoview.app import NOTEBOOKS, notebooks_dir

    folder = notebooks_dir()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        def measure(make) -> tuple[float, float]:
            runs = [time_to_first_widget(make(), Path(tmp)) for _ in range(args.repeat)]
            return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))

        base_launch, base = measure(baseline_notebook)
        print(f"{'notebook':<22}{'of which launch':>16}{'first widget':>14}{'vs baseline':>13}"
              f"{'target':>9}")
        print(f"{'(baseline: a label)':<22}{base_launch:>15.2f}s{base:>13.2f}s{1.0:>12.1f}x"
              f"{TARGET_SECONDS:>8.1f}s")
        missed = []
        for name in NOTEBOOKS:
            launch, first = measure(lambda name=name: nbformat.read(folder / name, as_version=4))
            ok = first < TARGET_SECONDS
            print(f"{name:<22}{launch:>15.2f}s{first:>13.2f}s{first / base:>12.1f}x"
                  f"{TARGET_SECONDS:>8.1f}s  {'ok' if ok else 'MISSED'}", flush=True)
            if not ok:
                missed.append(name)
    if missed:
        print(f"Missed the {TARGET_SECONDS:g} s target: {', '.join(missed)}")
        return 1
    print(f"Every notebook shows its first widget within {TARGET_SECONDS:g} s of kernel start.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`infoview app`: the notebooks are found, parameterised copies are written, Voila serves them."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import nbformat
import pytest

from infoview.app import NOTEBOOKS, free_port, notebooks_dir, prepare_notebooks, wait_for_port
from infoview.cli import main
from infoview.cli.app import app_parameters
from infoview.errors import BadInput
from infoview.models import Meeting, Person
from infoview.store import Store


def test_every_notebook_is_shipped_and_starts_with_text_then_one_parameters_cell():
    folder = notebooks_dir()
    for name in NOTEBOOKS:
        nb = nbformat.read(folder / name, as_version=4)
        assert nb.cells[0].cell_type == "markdown" and len(nb.cells[0].source) > 200, name
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1 and tagged[0] is nb.cells[1], name
        assert 'store = "demo"' in tagged[0].source, name
        for cell in nb.cells:  # thin, and committed without outputs
            assert "def " not in cell.source and "class " not in cell.source, name
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name


def test_prepare_notebooks_injects_the_parameters_and_leaves_the_originals(tmp_path):
    original = (notebooks_dir() / NOTEBOOKS[0]).read_text()
    written = prepare_notebooks(tmp_path, {"store": "/some/where.sqlite", "autorun": False})
    assert [p.name for p in written] == list(NOTEBOOKS)
    for path in written:
        nb = nbformat.read(path, as_version=4)
        [injected] = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert 'store = "/some/where.sqlite"' in injected.source
        assert "autorun = False" in injected.source
    assert (notebooks_dir() / NOTEBOOKS[0]).read_text() == original


def test_app_uses_the_users_store_unless_demo(tmp_path):
    args = argparse.Namespace(db=str(tmp_path / "mine.sqlite"), demo=False, out=None)
    assert app_parameters(args, tmp_path) == {"autorun": False, "sample_site": False,
                                              "store": str(tmp_path / "mine.sqlite")}
    demo = app_parameters(argparse.Namespace(db=None, demo=True, out=None), tmp_path)
    store = Store.open(demo["store"])
    assert len(store.list(Person)) > 50  # the sample history
    assert store.find_people(name="Samira Okafor")  # and the sample research with its meeting
    assert any(m.status == "scheduled" for m in store.list(Meeting))
    assert demo["out_dir"] == str(tmp_path / "exports")


def test_app_help_lists_its_options(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["app", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--port", "--no-browser", "--demo", "--out"):
        assert option in out


@pytest.mark.slow
def test_app_serves_the_notebooks_until_stopped(tmp_path):
    port = free_port()
    env_db = tmp_path / "mine.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-m", "infoview", "--db", str(env_db), "app", "--no-browser",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        wait_for_port(port, process, timeout=90)
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/api/contents", timeout=30) as r:
            names = {item["name"] for item in json.load(r)["content"]}
        assert set(NOTEBOOKS) <= names
        children = _children(process.pid)
        assert children, "Voila runs as a child process"
    finally:
        process.terminate()
        process.wait(timeout=30)
    for pid in children:  # stopping the app stops Voila too
        assert not Path(f"/proc/{pid}").exists() or _is_zombie(pid)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(x) for x in (task / "children").read_text().split()]
    return found


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_wait_for_port_reports_a_server_that_died():
    dead = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    dead.wait()
    with pytest.raises(BadInput, match="exited with status 3"):
        wait_for_port(free_port(), dead, timeout=5)


@pytest.mark.slow
def test_the_wheel_ships_the_notebooks(tmp_path):
    """`infoview app` finds the notebooks in an installed copy: they are packaged inside it."""
    import zipfile

    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(root)], check=True)
    [wheel] = tmp_path.glob("infoview-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"infoview/_notebooks/{name}" for name in NOTEBOOKS} <= names
    # Voila's configuration and page template for the app travel with it too.
    assert {"infoview/_voila/voila.py",
            "infoview/_voila/share/voila/templates/infoview/index.html.j2"} <= names

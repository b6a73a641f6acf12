"""`infoview app`: the app notebook is found, its settings travel in a file, Voila serves it
at the root behind a token, and the browser it opens gets in; `make lab` works as root."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from infoview.app import (
    APP_CONFIG_ENV,
    APP_NOTEBOOK,
    NOTEBOOKS,
    AppConfig,
    free_port,
    notebooks_dir,
    read_app_config,
    stop_process,
    wait_for_port,
    write_app_config,
    write_opener,
)
from infoview.cli import main
from infoview.cli.app import app_config
from infoview.errors import BadInput
from infoview.models import Meeting, Person
from infoview.paths import default_exports_dir
from infoview.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_every_lab_notebook_is_shipped_and_starts_with_text_then_one_parameters_cell():
    folder = notebooks_dir()
    for name in NOTEBOOKS:
        nb = nbformat.read(folder / name, as_version=4)
        assert nb.cells[0].cell_type == "markdown" and len(nb.cells[0].source) > 200, name
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1 and tagged[0] is nb.cells[1], name
        assert 'store = "demo"' in tagged[0].source, name
    for name in (*NOTEBOOKS, APP_NOTEBOOK):
        for cell in nbformat.read(folder / name, as_version=4).cells:  # thin, no outputs
            assert "def " not in cell.source and "class " not in cell.source, name
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name


def test_the_app_notebook_is_one_thin_cell_that_shows_nothing_but_the_app():
    nb = nbformat.read(notebooks_dir() / APP_NOTEBOOK, as_version=4)
    [cell] = nb.cells  # no markdown: Voila would show it above the app
    assert cell.cell_type == "code"
    code = [line for line in cell.source.splitlines() if line and not line.startswith("#")]
    assert len(code) <= 4 and code[-1] == "app"


def test_app_uses_the_users_store_unless_demo_and_exports_outlive_it(tmp_path):
    args = argparse.Namespace(db=str(tmp_path / "mine.sqlite"), demo=False, out=None)
    config = app_config(args, tmp_path)
    assert config == AppConfig(store=str(tmp_path / "mine.sqlite"),
                               out_dir=str(default_exports_dir()), demo=False, sample_site=False)
    demo = app_config(argparse.Namespace(db=None, demo=True, out=None), tmp_path)
    store = Store.open(demo.store)
    assert len(store.list(Person)) > 50  # the sample history
    assert store.find_people(name="Samira Okafor")  # and the sample research with its meeting
    assert any(m.status == "scheduled" for m in store.list(Meeting))
    # The demo's exports go to a folder of the user's that the app does not delete.
    assert demo.demo and Path(demo.out_dir) == default_exports_dir(demo=True)
    assert not Path(demo.out_dir).is_relative_to(tmp_path)
    assert Path(demo.out_dir).parent == default_exports_dir()
    chosen = app_config(argparse.Namespace(db=None, demo=True, out=str(tmp_path / "x")), tmp_path)
    assert chosen.out_dir == str(tmp_path / "x")


def test_the_settings_file_round_trips_and_a_broken_one_says_what_to_do(tmp_path, monkeypatch):
    config = AppConfig(store=str(tmp_path / "s.sqlite"), out_dir=str(tmp_path / "out"),
                       demo=True, sample_site=True)
    path = write_app_config(tmp_path / "app.json", config)
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # it names the user's files
    monkeypatch.setenv(APP_CONFIG_ENV, str(path))
    assert read_app_config() == config
    monkeypatch.delenv(APP_CONFIG_ENV)
    assert read_app_config() is None
    (tmp_path / "bad.json").write_text('{"stor": 1}')
    with pytest.raises(BadInput, match="infoview app"):
        read_app_config(tmp_path / "bad.json")


def test_the_app_session_reads_the_settings_file(tmp_path, monkeypatch):
    from infoview.widgets import app_session

    config = AppConfig(store=str(tmp_path / "mine.sqlite"), out_dir=str(tmp_path / "exports"))
    monkeypatch.setenv(APP_CONFIG_ENV, str(write_app_config(tmp_path / "app.json", config)))
    session = app_session()
    assert session.db_path == tmp_path / "mine.sqlite" and not session.demo
    assert session.out_dir == tmp_path / "exports"
    assert session.store.list(Person) == []  # the user's own store: nothing filled in
    assert session.company_url == ""


def test_app_help_tells_where_exports_go_and_about_the_token(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["app", "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for option in ("--port", "--no-browser", "--demo", "--out"):
        assert option in out
    assert "infoview-exports/demo" in out and "token" in out
    assert "deleted when the app stops" in out


def test_the_opener_page_sends_the_browser_on_with_the_token(tmp_path):
    page = write_opener(tmp_path, "http://127.0.0.1:5/?token=abc&x=1")
    text = page.read_text()
    assert "url=http://127.0.0.1:5/?token=abc&amp;x=1" in text
    assert oct(page.stat().st_mode & 0o777) == "0o600"


def _get(url: str) -> tuple[int, str, str]:
    """(status, final URL, body) of a GET that follows redirects."""
    try:
        with urllib.request.urlopen(url, timeout=120) as reply:
            return reply.status, reply.url, reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, url, ""


@pytest.mark.slow
def test_app_needs_its_token_and_the_browser_it_opens_gets_in(tmp_path):
    """Without the token a request meets the login page; the address printed (for
    --no-browser) and the page handed to the browser both carry it and open the app."""
    port = free_port()
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"  # stands in for the user's browser: notes what it got
    browser.write_text(f"#!/bin/sh\necho \"$1\" > {opened}.part && mv {opened}.part {opened}\n")
    browser.chmod(0o755)
    env = dict(os.environ, BROWSER=str(browser))
    process = subprocess.Popen(
        [sys.executable, "-m", "infoview", "--db", str(tmp_path / "mine.sqlite"), "app",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=env)
    try:
        wait_for_port(port, process, timeout=120)
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/?token=" in line
        printed = line.split()[-1]
        token = printed.split("token=")[1]
        assert token not in Path(f"/proc/{process.pid}/cmdline").read_text()

        status, final, body = _get(f"http://127.0.0.1:{port}/")
        assert "/login" in final and "infoview.widgets" not in body
        status, _final, _body = _get(f"http://127.0.0.1:{port}/?token=wrong")
        assert status in (200, 403) and "/login" in _final
        status, final, body = _get(printed)
        assert status == 200 and "/login" not in final and "voila" in body.lower()

        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        handed = opened.read_text().strip()
        assert handed.startswith("file://") and token not in handed  # not in the browser's argv
        opener = Path(urllib.request.url2pathname(handed[len("file://"):])).read_text()
        assert printed.replace("&", "&amp;") in opener
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
def test_make_lab_starts_jupyterlab_as_the_current_user_root_included(tmp_path):
    """The README's `make lab` runs the command `make -n lab` prints; as root it must carry
    --allow-root, or JupyterLab stops at once. Run it (without a browser) and see it listen."""
    dry = subprocess.run(["make", "-n", "-s", "lab"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()
    command = shlex.split(next(line for line in dry if "jupyter lab" in line))
    if os.geteuid() == 0:
        assert "--allow-root" in command
    port = free_port()
    process = subprocess.Popen(
        [*command, "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.root_dir={ROOT / 'notebooks'}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path)))
    try:
        wait_for_port(port, process, timeout=120)
    finally:
        stop_process(process, timeout=20)


@pytest.mark.slow
def test_the_wheel_ships_the_notebooks(tmp_path):
    """`infoview app` finds the notebooks in an installed copy: they are packaged inside it."""
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True)
    [wheel] = tmp_path.glob("infoview-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"infoview/_notebooks/{name}" for name in (*NOTEBOOKS, APP_NOTEBOOK)} <= names
    # Voila's configuration and page template for the app travel with it too.
    assert {"infoview/_voila/voila.py",
            "infoview/_voila/share/voila/templates/infoview/index.html.j2"} <= names

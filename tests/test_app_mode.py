"""What the app (Voila) shows and how it is served: no text meant for JupyterLab only, no
static table that contradicts its panel, a page that fetches nothing from the internet,
and a page that sets the cookie its kernel shutdown needs."""

from __future__ import annotations

import re
import urllib.request

import nbformat
import pytest
from voila_server import serve_notebooks

from infoview.app import (
    LAB_ONLY_TAG,
    NOTEBOOKS,
    VOILA_CONFIG_DIR,
    notebooks_dir,
    prepare_notebooks,
    voila_command,
)

#: Words that only make sense to someone editing the notebook in JupyterLab.
LAB_WORDS = re.compile(r"autorun|batch_file|JupyterLab|parameters cell|run(?:ning)? the next "
                       r"cell|as it stood when", re.IGNORECASE)


def _shown_text(cell) -> str:
    """What a cell shows in Voila: markdown as written; a code cell only its printed text."""
    if cell.cell_type == "markdown":
        return cell.source
    return " ".join(re.findall(r"print\((.*?)\)\s*$", cell.source, re.DOTALL | re.MULTILINE))


def test_the_apps_copies_show_no_text_meant_for_jupyterlab(tmp_path):
    for path in prepare_notebooks(tmp_path, {"autorun": False}):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            assert LAB_ONLY_TAG not in cell.metadata.get("tags", []), path.name
            assert not LAB_WORDS.search(_shown_text(cell)), (path.name, cell.source[:200])


def test_the_originals_keep_the_jupyterlab_text_and_their_demo_cells():
    for name in NOTEBOOKS:
        nb = nbformat.read(notebooks_dir() / name, as_version=4)
        lab_only = [c for c in nb.cells if LAB_ONLY_TAG in c.metadata.get("tags", [])]
        assert any("autorun" in c.source for c in lab_only), name
        # The panel itself is never lab-only: the app shows it.
        assert not any("Panel(" in c.source or "Dashboard(" in c.source or "Form(" in c.source
                       for c in lab_only), name


def test_no_static_table_in_the_app_can_contradict_its_panel(tmp_path):
    """Tables computed once when the page opens ("Nothing researched yet ...") stay out of
    the app, whose panels show the same tables live."""
    for path in prepare_notebooks(tmp_path, {"autorun": False}):
        code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                         if c.cell_type == "code")
        for static in ("people_frame(", "pd.DataFrame(panel.picker", "due_actions(",
                       "tables.get("):
            assert static not in code, (path.name, static)


def test_voila_is_configured_with_infoviews_template_and_cookie_hook():
    command = voila_command(VOILA_CONFIG_DIR, 8866)
    assert f"--Voila.config_file_paths={VOILA_CONFIG_DIR}" in command
    config = (VOILA_CONFIG_DIR / "voila.py").read_text()
    assert "voila_prelaunch_hook" in config and '"infoview"' in config
    template = VOILA_CONFIG_DIR / "share" / "voila" / "templates" / "infoview" / "index.html.j2"
    assert template.exists()


@pytest.fixture
def served(tmp_path):
    """The app's notebooks served by Voila as `infoview app` serves them."""
    with serve_notebooks(tmp_path, {"store": str(tmp_path / "s.sqlite"),
                                    "out_dir": str(tmp_path / "out"), "autorun": False,
                                    "sample_site": False}) as (url, _process):
        yield url


@pytest.mark.slow
def test_a_notebook_page_sets_the_xsrf_cookie_and_names_no_other_host(served):
    with urllib.request.urlopen(f"{served}/voila/render/04_outcomes.ipynb", timeout=120) as reply:
        cookies = reply.headers.get_all("Set-Cookie") or []
        page = reply.read().decode("utf-8", "replace")
    # Voila's page sends this cookie's value when it closes, to shut its kernel down.
    assert any(c.startswith("_xsrf=") for c in cookies), cookies
    hosts = set(re.findall(r"""(?:href|src)=["']https?://([^/"']+)""", page))
    assert hosts <= {served.split("//")[1]}, hosts

"""The notebooks' text holds in JupyterLab and in the app (Voila), where no cell can be re-run."""

from __future__ import annotations

import re

import nbformat
import pytest

from infoview.app import NOTEBOOKS, notebooks_dir

# "run this cell again", "re-run the notebook", "rerun the cells", "Shift+Enter", ...
RERUN = re.compile(r"\b(re-?run|run)\b[^.:;]{0,20}\b(cell|cells|notebook)\b|shift\s*\+\s*enter", re.I)


def _said(cell) -> str:
    """What a reader sees of a cell: markdown as written, code only through its strings."""
    if cell.cell_type == "markdown":
        return cell.source
    return " ".join(m.group(0) for m in re.finditer(r'"[^"\n]*"', cell.source))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_text_asks_to_run_a_cell_again_unless_it_says_where_that_works(name):
    notebook = nbformat.read(notebooks_dir() / name, as_version=4)
    for cell in notebook.cells:
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(_said(cell).split())):
            # allowed only where the sentence itself says that it is JupyterLab's way
            assert not RERUN.search(sentence) or "JupyterLab" in sentence, f"{name}: {sentence!r}"


def test_the_rule_catches_the_old_wording():
    assert RERUN.search("as a table you can sort and copy (run the cell again after a new search)")
    assert RERUN.search("press Research above, then run this cell again.")
    assert RERUN.search("and run the notebook again. Each site")
    assert not RERUN.search("press **Update**; the panel's tabs follow it")


def test_the_research_notebook_points_to_the_apps_several_at_once_box():
    # Notebook 01 said "The app has no batch file, so this section stays empty there", long
    # after the app's Research page learnt to research several organizations at once.
    notebook = nbformat.read(notebooks_dir() / "01_research.ipynb", as_version=4)
    said = " ".join(" ".join(_said(cell).split()) for cell in notebook.cells)
    assert "has no batch" not in said and "stays empty" not in said
    assert "*Several organizations at once*" in said and "Research them all" in said

"""The notebooks' parameters work as documented when papermill sets them."""

from __future__ import annotations

import json

import nbformat
import papermill
import pytest

from infoview.app import notebooks_dir
from infoview.demo.site import serve
from infoview.models import Organization
from infoview.store import Store


@pytest.mark.slow
def test_research_notebook_on_a_chosen_store_with_a_batch_file(tmp_path):
    """A path as ``store`` is used (and kept, untouched by the demo clicks), and ``batch_file``
    researches every listed site."""
    store_path = tmp_path / "mine.sqlite"
    with serve() as other_site:
        urls = tmp_path / "sites.txt"
        urls.write_text(f"# organizations I am curious about\n{other_site.url}\n")
        papermill.execute_notebook(
            str(notebooks_dir() / "01_research.ipynb"), str(tmp_path / "out.ipynb"),
            parameters={"store": str(store_path), "out_dir": str(tmp_path / "exports"),
                        "batch_file": str(urls)},
            kernel_name="python3", cwd=str(tmp_path), progress_bar=False)
    [line] = (tmp_path / "exports" / "batch.jsonl").read_text().splitlines()
    assert json.loads(line)["name"] == "Kestrel Health Labs"
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    shown = json.dumps([c.get("outputs", []) for c in executed.cells])
    assert "1 researched, 0 already done, 0 failed" in shown
    # the chosen store was used and kept, and autorun left a real store alone
    assert f"Using your store: {store_path}." in shown
    assert store_path.exists() and Store.open(store_path).list(Organization) == []

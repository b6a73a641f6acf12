"""How the app is served: Voila shows the app notebook itself at the root (not a file list),
with infoview's page template (nothing fetched from the internet), and a page that sets the
cookie its kernel shutdown needs."""

from __future__ import annotations

import re
import urllib.request

import pytest
from voila_server import serve_app

from infoview.app import APP_NOTEBOOK, VOILA_CONFIG_DIR, AppConfig, notebooks_dir, voila_command


def test_voila_serves_the_app_notebook_with_infoviews_template_and_cookie_hook():
    command = voila_command(notebooks_dir() / APP_NOTEBOOK, 8866)
    assert str(notebooks_dir() / APP_NOTEBOOK) in command and "--token" in command
    assert "--no-browser" in command and "--Voila.ip=127.0.0.1" in command
    assert f"--Voila.config_file_paths={VOILA_CONFIG_DIR}" in command
    config = (VOILA_CONFIG_DIR / "voila.py").read_text()
    assert "voila_prelaunch_hook" in config and '"infoview"' in config
    template = VOILA_CONFIG_DIR / "share" / "voila" / "templates" / "infoview" / "index.html.j2"
    assert template.exists()


@pytest.fixture
def served(tmp_path):
    """The app served by Voila as `infoview app` serves it."""
    with serve_app(tmp_path, AppConfig(store=str(tmp_path / "s.sqlite"),
                                       out_dir=str(tmp_path / "out"))) as app:
        yield app


@pytest.mark.slow
def test_the_root_is_the_app_sets_the_xsrf_cookie_and_names_no_other_host(served):
    with urllib.request.urlopen(served.url, timeout=120) as reply:
        cookies = reply.headers.get_all("Set-Cookie") or []
        page = reply.read().decode("utf-8", "replace")
    # The root renders the app notebook: no file list to pick from.
    assert "Select items to open" not in page and "voila-tree" not in page
    assert "widget-view" in page or "application/vnd.jupyter.widget-view+json" in page
    # Voila's page sends this cookie's value when it closes, to shut its kernel down.
    assert any(c.startswith("_xsrf=") for c in cookies), cookies
    hosts = set(re.findall(r"""(?:href|src)=["']https?://([^/"']+)""", page))
    assert hosts <= {served.base.split("//")[1]}, hosts

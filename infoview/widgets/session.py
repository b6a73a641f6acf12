"""What a notebook needs before it shows a panel: a store, a folder for exports, settings.

Every notebook starts with ``session = start(store=..., ...)`` from its parameters, so the
choice between a throwaway demo and the user's own data is one visible word:

- ``"demo"`` (the default in the notebooks): a new store in a temporary folder, deleted when
  the kernel exits, optionally filled with the bundled sample history; nothing of the
  user's is read or written.
- ``"mine"``: the user's own store, ``$INFOVIEW_DB`` if set, else ``infoview.sqlite`` in the
  infoview data folder (the same file the ``infoview`` command uses).
- any other string: the path of a ``.sqlite`` file (created if missing).
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from infoview.demo.site import SAMPLE_PERSON_PATH, SAMPLE_SITE_HOST, sample_site
from infoview.errors import BadInput
from infoview.paths import default_cache_path, default_db_path, default_exports_dir
from infoview.settings import Settings
from infoview.store import Store

log = logging.getLogger(__name__)


@dataclass
class NotebookSession:
    """The store, export folder and research settings a notebook's panels share.

    Attributes:
        store: the open :class:`~infoview.store.Store`.
        db_path: its file.
        out_dir: where exports (briefs, calendar files) are written.
        settings: research settings (the HTTP cache lives beside the store).
        demo: ``True`` for a throwaway store.
        company_url: the sample company's URL when the sample site is served, else ``""``.
        person_url: the sample person's page when the sample site is served, else ``""``.
        stand_ins: made-up hosts whose site is served here, and its address this run: the
            demo's Kestrel Health Labs keeps a made-up address (the store is made before
            the site's port is known), researched from the sample site wherever it is served.
    """

    store: Store
    db_path: Path
    out_dir: Path
    settings: Settings
    demo: bool
    company_url: str = ""
    person_url: str = ""
    stand_ins: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def settings_for(self, url: str) -> Settings:
        """Research settings for ``url``: the bundled sample site is served by this very
        process on loopback, so it needs no politeness delay; every other host keeps it."""
        if self.company_url and url.startswith(self.company_url):
            return self.settings.with_(host_delay=0.0)
        return self.settings

    def describe(self) -> str:
        """One sentence saying which store is in use (shown at the top of a notebook)."""
        kind = "a throwaway demo store" if self.demo else "your store"
        return " ".join([f"Using {kind}: {self.db_path}.", *self.notes,
                         f"Exports go to {self.out_dir}."])


def _db_path_for(store: str | Path) -> tuple[Path, bool]:
    if store is None or str(store).strip() == "":
        raise BadInput('store must be "demo", "mine" or the path of a .sqlite file')
    choice = str(store).strip()
    if choice == "demo":
        folder = Path(tempfile.mkdtemp(prefix="infoview-demo-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        return folder / "demo.sqlite", True
    if choice == "mine":
        return default_db_path(), False
    return Path(choice).expanduser(), False


def start(store: str | Path = "demo", *, out_dir: str | Path | None = None,
          sample_site_urls: bool | None = None, sample_history: bool = False,
          sample_research: bool = False, sample_seed: int = 7) -> NotebookSession:
    """Open the store a notebook works on, and say where exports go.

    Args:
        store: ``"demo"``, ``"mine"`` or a path (see the module docstring).
        out_dir: the export folder; ``None`` means ``infoview-exports`` in the user's
            documents folder (its ``demo`` subfolder for a demo store), which outlives the
            kernel even when a demo store does not.
        sample_site_urls: serve the bundled sample site and offer its URLs as defaults;
            ``None`` does so for a demo store only (a real store starts with empty fields).
        sample_history: in a demo store only, fill it with the bundled sample history
            (people, outreach, meetings, debriefs) so the analytics have something to show.
        sample_research: in a demo store only, research the sample site, keep the result
            (Samira Okafor at Kestrel Health Labs), plan a meeting with her and fill in a
            sample user profile, as if notebooks 1 and 2 had been used.
        sample_seed: the seed of that history (the same seed gives the same history).

    Returns:
        A :class:`NotebookSession`.
    """
    db_path, demo = _db_path_for(store)
    opened = Store.open(db_path)
    from infoview.flows.question_file import use_question_file_of

    use_question_file_of(db_path)  # the questions the user added in the app, if any
    out = Path(out_dir).expanduser() if out_dir is not None else default_exports_dir(demo)
    settings = Settings(cache_path=default_cache_path(db_path))
    session = NotebookSession(store=opened, db_path=db_path, out_dir=out, settings=settings,
                              demo=demo)
    if sample_site_urls or (sample_site_urls is None and demo):
        site = sample_site()
        session.company_url = site.url
        session.person_url = site.url + SAMPLE_PERSON_PATH
        session.stand_ins = {SAMPLE_SITE_HOST: site.url}
    if demo:
        fill_demo(session, history=sample_history, research=sample_research, seed=sample_seed)
    return session


def fill_demo(session: NotebookSession, *, history: bool = False, research: bool = False,
              seed: int = 7) -> None:
    """Fill a demo store with sample data (never called on a store the user chose).

    Args:
        session: the session whose store to fill.
        history: add the sample history (when the store holds no people yet).
        research: research the sample site, keep it, plan a meeting with the sample person
            and fill in a sample user profile (needs ``session.company_url``).
        seed: the seed of the sample history.
    """
    # The demo's filling (research, the sample history) loads half the kit: only for a demo.
    from infoview.demo.run import fill_demo_store

    session.notes += fill_demo_store(
        session.store, history=history,
        company_url=session.company_url if research else "", person_url=session.person_url,
        settings=session.settings, seed=seed)


def app_session(config: str | Path | None = None) -> NotebookSession:
    """The session of the app's page (``notebooks/00_app.ipynb``).

    ``infoview app`` names a settings file in ``$INFOVIEW_APP_CONFIG`` (see
    :mod:`infoview.app`): the store to open, where exports go, whether it is the demo.
    Without one (the notebook opened in JupyterLab) the page runs on a throwaway demo store
    holding the sample history and research, like the other notebooks.
    """
    from infoview.app import read_app_config

    settings = read_app_config(config)
    if settings is None:
        return start("demo", sample_history=True, sample_research=True)
    session = start(settings.store, out_dir=settings.out_dir,
                    sample_site_urls=settings.sample_site)
    session.demo = settings.demo
    return session

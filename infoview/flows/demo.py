"""Filling a throwaway store with the bundled sample, for the notebooks and ``infoview app``.

The notebooks (through :func:`infoview.widgets.session.start`) and ``infoview app --demo``
fill their demo stores here, so both show the same sample: the history of
:func:`infoview.sample_data.generate_sample`, and the bundled site researched and kept with
a meeting planned, as if notebooks 1 and 2 had been used. Never called on a store the user
chose.
"""

from __future__ import annotations

import atexit
import logging
import threading
from pathlib import Path

from infoview.demo import SAMPLE_PERSON_PATH, plan_sample_meeting
from infoview.models import Person
from infoview.paths import default_cache_path
from infoview.research.company import research_company
from infoview.research.person import research_person
from infoview.sample import SiteServer, serve
from infoview.sample_data import generate_sample
from infoview.settings import Settings
from infoview.store import Store

log = logging.getLogger(__name__)

_site_lock = threading.Lock()
_site: SiteServer | None = None


def sample_site() -> SiteServer:
    """The bundled sample site, served once per process on a free loopback port."""
    global _site
    with _site_lock:
        if _site is None:
            _site = serve()
            atexit.register(_site.close)
        return _site


def fill_demo_store(store: Store, *, history: bool = False, company_url: str = "",
                    person_url: str = "", settings: Settings | None = None,
                    seed: int = 7) -> list[str]:
    """Fill a demo store with sample data; returns a sentence per thing added.

    Args:
        store: the throwaway store.
        history: add the sample history (when the store holds no people yet, so sample
            data never mixes with real).
        company_url, person_url: the sample site's pages; when given, research them, keep
            the result, plan a meeting with the sample person and fill in a sample profile.
        settings: research settings; the sample site is served by this very process on
            loopback, so it is fetched without a politeness delay.
        seed: the seed of the sample history (the same seed gives the same history).
    """
    notes = []
    if history and not store.list(Person):
        generate_sample(store, seed=seed)
        notes.append(f"Filled with the sample history (seed {seed}).")
    if company_url:
        local = (settings or Settings()).with_(host_delay=0.0)
        company = research_company(company_url, settings=local)
        person = research_person(person_url or company_url + SAMPLE_PERSON_PATH, settings=local)
        kept, _meeting = plan_sample_meeting(store, company, person)
        notes.append(f"Filled with the sample research and a meeting planned with {kept.name}.")
    for note in notes:
        log.info("demo store %s: %s", store.path, note)
    return notes


def make_demo_store(path: str | Path) -> Path:
    """A store at ``path`` holding the sample history, the sample research and a planned
    meeting, shared by the four notebooks of ``infoview app --demo``."""
    path = Path(path)
    site = sample_site()
    with Store.open(path) as store:
        fill_demo_store(store, history=True, company_url=site.url,
                        person_url=site.url + SAMPLE_PERSON_PATH,
                        settings=Settings(cache_path=default_cache_path(path)))
    return path

"""Research several organizations at once, under the Research page.

The user types websites, one per line (or fills the list from their organizations), and
presses **Research them all**: a progress bar counts the sites done while they are read in
a worker thread, and a table grows with what each organization does, where, since when, who
leads it and its latest news. **Save them all** keeps them as organizations with their
research. The work is :mod:`infoview.flows.batch_research`; this panel collects the list and
shows the rows. Mistakes in the list are said under it. The list typed and the results
not yet saved are kept in the app's state as they come, so a reload shows them again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from infoview.flows.batch_research import (
    keep_all,
    keep_batch,
    kept_batch,
    made_up_words,
    nameable,
    overview_row,
    read_websites,
    research_sites,
    sites_to_read,
    websites_of_organizations,
)
from infoview.flows.profile import user_zone
from infoview.times import shown_in
from infoview.widgets._common import (
    FULL_WIDTH,
    MessageLine,
    RunsInBackground,
    button,
    count_of,
    heading,
    table_html,
)

if TYPE_CHECKING:  # pragma: no cover
    from infoview.settings import Settings
    from infoview.store import Store

#: The table's columns and their headers.
COLUMNS = ["organization", "does", "where", "since", "leads", "news"]
LABELS = {"organization": "Organization", "does": "What it does", "where": "Where",
          "since": "Since", "leads": "Who leads it", "news": "Latest news"}


class BatchResearch(RunsInBackground, w.VBox):
    """Several websites researched at once (see the module docstring).

    Args:
        store: where **Save them all** writes, and whose organizations fill the list.
        settings: a function from a URL to the research settings for it.
        background: research in a worker thread (``False``: inside the click, for tests).
        stand_ins: made-up hosts whose site is served locally, and its address this run
            (the demo's sample site); other made-up addresses are left out, said in one line.
        demo: the store is the demo's (the line about made-up addresses names the demo).

    Attributes:
        sites: the websites, one per line. ``error``: a mistake in them, under them.
        results: each site's result as it came (a profile's dict, or an error's).
    """

    def __init__(self, store: Store | None, settings: Callable[[str], Settings | None], *,
                 background: bool = True, stand_ins: Mapping[str, str] | None = None,
                 demo: bool = False):
        self.store = store
        self.demo = demo
        self.stand_ins = dict(stand_ins or {})
        self._settings = settings
        self.background = background
        self.results: list[dict[str, Any]] = []
        self._saved = False  # the results shown were saved (a second click saves nothing)
        self._thread: threading.Thread | None = None
        self.sites = w.Textarea(placeholder="one website per line, e.g.\nkestrel.example\n"
                                "https://www.northwind-health.example/",
                                rows=5, layout=w.Layout(width="60%"))
        self.error = MessageLine()
        self.fill_button = button("Use my organizations' websites", "",
                                  "put the websites of your organizations in the list")
        self.run_button = button("Research them all", "primary",
                                 "read each website and pick out the facts")
        self.save_button = button("Save them all", "success",
                                  "keep each as an organization, with its research")
        self.save_button.disabled = True
        self.progress = w.IntProgress(value=0, min=0, max=1,
                                      layout=w.Layout(width=FULL_WIDTH, visibility="hidden"))
        self.message = MessageLine()
        self.table = w.HTML()
        self.fill_button.on_click(lambda _b: self.fill_from_organizations())
        self.run_button.on_click(lambda _b: self.research())
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([
            heading("Several organizations at once"),
            w.HTML("<p style='color:#555;font-size:0.9em'>Type their websites, one per line, "
                   "and press Research them all: each site is read politely, a few at a "
                   "time, and the table below fills in as they finish.</p>"),
            self.sites, self.error,
            w.HBox([self.fill_button, self.run_button, self.save_button]),
            self.progress, self.message, self.table,
        ])
        self.add_class("infoview-batch-research")
        self._loading = False
        if store is not None:
            self.pick_up()
        self.sites.observe(lambda _c: self.keep(), names="value")

    def keep(self) -> None:
        """Keep the list typed and the results not yet saved (a reload shows them again)."""
        if self.store is None or self._loading:
            return
        with self.error.guard("keeping your list"):
            keep_batch(self.store, self.sites.value,
                       [] if self._saved else list(self.results))

    def pick_up(self) -> None:
        """Show the list and the results kept from before a reload, saying so."""
        assert self.store is not None
        with self.message.guard("picking up your last research"):
            state = kept_batch(self.store)
            if state is None:
                return
            self._loading = True
            try:
                self.sites.value = state.value["sites"]
            finally:
                self._loading = False
            self.results = list(state.value["results"])
            if not self.results:
                return
            self.table.value = self._table()
            ready = sum(nameable(result) for result in self.results)
            self.save_button.disabled = ready == 0
            when = shown_in(state.updated_at, user_zone(self.store))
            self.message.show(f"Picked up your research of {when.day} {when:%b, %H:%M}, "
                              "not saved yet: Save them all keeps it.", "info")

    def fill_from_organizations(self) -> None:
        """Put the websites of the user's organizations in the list."""
        with self.error.guard("reading your organizations"):
            found = websites_of_organizations(self.store) if self.store is not None else []
            if not found:
                self.error.show("None of your organizations has a website yet: add it under "
                                "People, Organizations (Edit), or type the websites here.",
                                "warning")
                return
            self.sites.value = "\n".join(found)
            self.error.clear()

    def research(self) -> None:
        """Research every website in the list (what **Research them all** does)."""
        if self.busy:  # a second click while the first run goes
            self.message.show("Still researching; the table fills in as sites finish.", "info")
            return
        self.error.clear()
        with self.error.guard("reading the list"):
            split = sites_to_read(read_websites(self.sites.value), self.stand_ins)
            urls = [served for _typed, served in split.read]
            self.results, self._saved = [], False
            self.keep()
            self.table.value = ""
            self.save_button.disabled = True
            if split.made_up:  # one line for them all, under the list, not a row each
                self.error.show(made_up_words(self.store, split.made_up, demo=self.demo), "info")
            if not urls:
                self.message.show("Nothing left to research.", "warning")
                return
            self.run_button.disabled = True
            self.progress.max, self.progress.value = len(urls), 0
            self.progress.bar_style = "info"
            self.progress.layout.visibility = "visible"
            self.message.show(f"Researching {count_of(len(urls), 'website')}…", "info")
            if self.background:
                self._thread = threading.Thread(target=self._run, args=(urls,),
                                                name="infoview-batch", daemon=True)
                self._thread.start()
            else:
                self._run(urls)

    def _run(self, urls: list[str]) -> None:
        failed = nameless = 0
        with self.message.guard("researching"):
            settings = self._settings(urls[0])
            for result in research_sites(urls, settings):
                self.results.append(result)
                failed += "error" in result
                nameless += "error" not in result and not nameable(result)
                self.progress.value = len(self.results)
                self.message.show(f"{len(self.results)} of {len(urls)} done…", "info")
                self.table.value = self._table()
                self.keep()
        self.run_button.disabled = False
        done = len(self.results) - failed - nameless
        self.progress.bar_style = "danger" if done == 0 else "success"
        self.save_button.disabled = done == 0
        if len(self.results) == len(urls):
            left = [f"{failed} could not be read"] if failed else []
            left += [f"{nameless} did not say whose site it is"] if nameless else []
            self.message.show(f"Done: {count_of(done, 'organization')} researched"
                              + (f", {' and '.join(left)} (said in the table)" if left else "")
                              + (". Save them all to keep them." if done else "."),
                              "warning" if left else "ok")

    def _table(self) -> str:
        rows = [overview_row(result) for result in self.results]
        return table_html(rows, COLUMNS, "Nothing researched yet.", labels=LABELS)

    def save(self) -> None:
        """Keep every organization researched, with its research (**Save them all**)."""
        with self.message.guard("saving"):
            if self.store is None:
                self.message.show("No store is open, so there is nowhere to save.", "error")
                return
            if self._saved:  # the second click of a double click
                self.message.show("These are saved already.", "info")
                return
            names = keep_all(self.store, self.results)
            self._saved = True
            self.keep()
            self.save_button.disabled = True
            self.message.show(f"Saved {count_of(len(names), 'organization')}: "
                              f"{', '.join(names)}. They are under People, Organizations.",
                              "ok")

"""The research panel: a company URL and a person URL in, profiles with sources out.

Research runs in a worker thread by default, so the notebook (and Voila) stays responsive
and the progress bar moves while pages are fetched; every page has its own deadline in the
settings, so a run always ends. ``wait()`` blocks until it has, for tests and notebooks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.errors import InfoviewError
from infoview.flows.batch_research import MADE_UP_ENDING, sites_to_read
from infoview.flows.fetch_words import (
    address_problem,
    kept_link_words,
    not_read_words,
    warnings_words,
)
from infoview.flows.fields import upper_first
from infoview.flows.research import (
    keep_research,
    name_to_find,
    named_by_user,
    names_no_organization,
    organization_website,
    research_for,
)
from infoview.flows.warm import warm_paths
from infoview.research.extract.links import same_site
from infoview.research.urls import normalize_url, social_site
from infoview.settings import Settings
from infoview.times import stored_day
from infoview.widgets._common import (
    FULL_WIDTH,
    MessageLine,
    RunsInBackground,
    bullet_list,
    button,
    count_of,
    esc,
    heading,
    link,
    table_html,
    text,
)
from infoview.widgets.forms import Form, FormField

if TYPE_CHECKING:  # pragma: no cover
    from infoview.flows.research import KeptResearch
    from infoview.research.fetch import Fetcher
    from infoview.research.find_person import PersonSearch
    from infoview.research.models import CompanyProfile, PersonProfile
    from infoview.store import Store

log = logging.getLogger(__name__)

#: What "warmth" means, above the warm paths.
WARM_HELP = ("<p style='color:#555;font-size:0.9em'>Who you can reach there through people "
             "you know, warmest first. Warmth is how close the link is: a friend, a colleague "
             "or someone who introduced you is warm; a stranger is cold, and a cold message is "
             "answered far less often.</p>")
TAB_TITLES = ("Overview", "People", "News", "Facts and sources", "Warnings", "Warm paths")


#: How the people tab says who someone is to the company.
_KIND_WORDS = {"staff": "works there", "quoted": "quoted customer", "named": "named on the site"}

class ResearchPanel(RunsInBackground, w.VBox):
    """Research a company's site and a person's page, look at the result, save it.

    Args:
        store: where Save writes (``None`` hides nothing but Save then says there is no store).
        settings: research settings, or a function from a URL to the settings to use for it.
        company_url: the initial company URL.
        person_url: the initial person URL.
        background: research in a worker thread (the default); ``False`` researches inside
            the click, which tests use to stay simple.
        stand_ins: made-up hosts whose site is served locally this run (the demo's sample
            site): an address on one is read from there; another made-up address is
            refused under its field.
        demo: the store is the demo's (said when made-up addresses are left out).

    Attributes:
        company: the last :class:`~infoview.research.models.CompanyProfile`, or ``None``.
        person: the last :class:`~infoview.research.models.PersonProfile`, or ``None``.
        saved: what the last Save stored (a :class:`~infoview.flows.research.KeptResearch`).
    """

    def __init__(self, store: Store | None = None, *,
                 settings: Settings | Callable[[str], Settings] | None = None,
                 company_url: str = "", person_url: str = "", background: bool = True,
                 stand_ins: Mapping[str, str] | None = None, demo: bool = False):
        self.store = store
        self._settings = settings
        self.background = background
        self.stand_ins = dict(stand_ins or {})
        self.company: CompanyProfile | None = None
        self.person: PersonProfile | None = None
        self.saved: KeptResearch | None = None
        self.search: PersonSearch | None = None   # the last "find on their site"
        self._thread: threading.Thread | None = None
        self._filled_url = ""  # the address follow_person put in the field, if any
        #: The person's page the app filled in (the sample company's), while not retyped.
        self._given_person_url = person_url.strip()
        self._kept_link: str | None = None  # a LinkedIn page typed: kept, never read
        self._filled_name = ""  # the name follow_person put in "Or find on their site"
        #: The organization's name when research about the chosen person is already saved
        #: (the empty overview says so, rather than "nothing researched yet").
        self._on_file = ""
        #: The person the app's "working on" bar names: a page saved whose name fits
        #: theirs ("Samira" for "Sam") is theirs.
        self._chosen: int | None = None

        self.company_url = text("Company website", company_url, "https://example.com/")
        self.person_url = text("Person's page (optional)", person_url,
                               "a bio or team page; LinkedIn links are kept, not fetched")
        self.person_name = text("Or find on their site", "",
                                "their full name, looked for on the company's website")
        #: The three fields, each with a line under it for its own mistake (an address that
        #: is none, a site that cannot be reached).
        self.form = Form([FormField("company_url", self.company_url),
                          FormField("person_url", self.person_url),
                          FormField("person_name", self.person_name)])
        self.research_button = button("Research", "primary",
                                      "Read their public web pages and pick out the facts")
        self.fetch_again = w.Checkbox(
            value=False, indent=False,
            description="read the pages again (not the copies kept from the last few days)",
            layout=w.Layout(width="auto"))
        self.save_button = button("Save to my store", "success", "Keep this research for later")
        self.save_button.disabled = True
        self.progress = w.IntProgress(value=0, min=0, max=1, description="",
                                      layout=w.Layout(width=FULL_WIDTH, visibility="hidden"))
        self.message = MessageLine()
        #: Whose site it is, typed by the user when its pages do not say (shown only then):
        #: Save keeps the research with the organization of that name.
        self.organization_name = text("Whose site is it? Organization's name", "",
                                      "type it here, then press Save", width="40em")
        self.organization_name.layout.display = "none"
        self.organization_name.layout.min_width = "22em"  # a long message does not crush it
        self.overview = w.HTML()
        self.people = w.HTML()
        self.news = w.HTML()
        self.facts = w.HTML()
        self.warnings = w.HTML()
        self.warm = w.HTML()
        self.warm_paths: list = []
        self.tabs = w.Tab(children=[self.overview, self.people, self.news, self.facts,
                                    self.warnings, self.warm], titles=TAB_TITLES)
        self.research_button.on_click(lambda _b: self.research())
        self.save_button.on_click(lambda _b: self.save())
        from infoview.widgets.batchresearch import BatchResearch

        #: Several organizations at once, under the one company and person.
        self.batch = BatchResearch(store, self.settings_for, background=background,
                                   stand_ins=self.stand_ins, demo=demo)
        super().__init__([
            heading("Research a company and a person"),
            *self.form.fields.values(),
            w.HBox([self.research_button, self.save_button, self.fetch_again]),
            self.progress, w.HBox([self.message, self.organization_name]), self.tabs,
            self.batch,
        ])
        self._show()

    def follow_person(self, person_id: int | None) -> None:
        """Start from the chosen person: their organization's website in the company field,
        and their name in "Or find on their site" while no page of theirs is known; each
        field only when it is empty or still holds what this method put there, never over
        what the user typed."""
        self._chosen = person_id
        if self.store is not None and self.company_url.value.strip() in ("", self._filled_url):
            self._filled_url = organization_website(self.store, person_id) or ""
            self.company_url.value = self._filled_url
        # Their name too, to find their page on that site (typed by hand, it was retyped).
        if self.store is not None and self.person_name.value.strip() in ("", self._filled_name):
            self._filled_name = name_to_find(self.store, person_id) or ""
            self.person_name.value = self._filled_name
        self._on_file = ""
        # Said only while the field holds their organization's website (not a typed one).
        if (self.store is not None and person_id is not None and self._filled_url
                and self.company_url.value.strip() == self._filled_url):
            try:
                company, _person = research_for(self.store, person_id)
            except InfoviewError:  # gone meanwhile: the overview just says what to do
                company = None
            self._on_file = (company.name or company.url) if company is not None else ""
        if self.company is None and self.person is None:
            self._show()

    # -- research --------------------------------------------------------------------------
    def settings_for(self, url: str) -> Settings | None:
        """The settings research uses for ``url``."""
        if callable(self._settings):
            return self._settings(url)
        return self._settings

    def research(self) -> None:
        """Research the URLs in the fields (what the Research button does)."""
        if self.busy:
            self.message.show("Research is still running; wait for it to finish.", "warning")
            return
        self.form.clear_errors()
        # The person's page the app filled in belongs to the sample's site: with another
        # company's website typed it is no one there, and reading it paired that company
        # with the sample's person ("Done: Fernhill Robotics, Samira Okafor").
        given, typed = self._given_person_url, self.company_url.value.strip()
        if given and self.person_url.value.strip() == given and typed and \
                not same_site(normalize_url(typed), normalize_url(given)):
            self.person_url.value = ""
        company_url = self._readable("company_url", self.company_url.value.strip())
        person_url = self._readable("person_url", self.person_url.value.strip())
        # A LinkedIn page is kept, as the field's hint says, and never read: not a mistake.
        site = social_site(normalize_url(person_url)) if person_url else None
        self._kept_link = person_url if site else None
        if site:
            self.form["person_url"].error.show(kept_link_words(site), "info")
            person_url = ""
        if company_url is None or person_url is None:
            self.message.show("Not researched: see the address marked in red above.", "error")
            return
        if not company_url and not person_url and site:
            self.message.show("Nothing to research yet: type the company's website above, "
                              "then press Research.", "warning")
            return
        if not company_url and not person_url:  # said where the address goes
            self.form["company_url"].show_error("Type the company's website here first (or a "
                                                "person's page below), then press Research.")
            self.message.show("Not researched: see the field marked in red above.", "error")
            return
        self.research_button.disabled = True
        self.save_button.disabled = True
        self.progress.layout.visibility = "visible"
        self.progress.max = (1 if company_url else 0) + (1 if person_url else 0)
        self.progress.value = 0
        self.progress.bar_style = "info"
        if self.background:
            self._thread = threading.Thread(target=self._run, args=(company_url, person_url),
                                            name="infoview-research", daemon=True)
            self._thread.start()
        else:
            self._run(company_url, person_url)

    def _readable(self, field: str, url: str) -> str | None:
        """The address to read for ``url`` typed in ``field``: itself, or the local copy of
        a made-up address whose site is served here (the demo's sample company); ``None``
        (said under the field) for a made-up address that leads nowhere."""
        if not url:
            return url
        problem = address_problem(url)
        if problem:  # "htp//kestrel health.example" was fetched, and "not known" came back
            self.form[field].show_error(problem)
            return None
        split = sites_to_read([normalize_url(url)], self.stand_ins)
        if split.made_up:
            self.form[field].show_error(
                f"{url} is an example address: one ending in {MADE_UP_ENDING} belongs to "
                "no real website, so there is nothing to read. Type the organization's real "
                "website.")
            return None
        typed, served = split.read[0]
        return served if served != typed else url

    def _run(self, company_url: str, person_url: str) -> None:
        self.company = self.person = self.search = None
        self.saved = None
        self.organization_name.value = ""
        self.organization_name.layout.display = "none"
        ok = False
        field = "company_url" if company_url else "person_url"  # the field being worked on
        with self.message.guard("researching"), self._marked(lambda: field), \
                self._fetcher(company_url or person_url) as fetcher:
            if company_url:
                self.company = self._research_company(company_url, fetcher)
                self._show()
            name = self.person_name.value.strip()
            field = "person_name"
            if name and not person_url and company_url:
                from infoview.research.find_person import research_person_by_name

                self.message.show(f"Looking for {name} on {company_url} ...")
                # The run's fetcher: the search reads the company's site, whose host's gate
                # knows when the company research last asked it for a page.
                self.search, self.person = research_person_by_name(
                    name, company_url, fetcher=fetcher, refresh=self.fetch_again.value)
            field = "person_url"
            if person_url:
                from infoview.research.person import research_person

                self.message.show(f"Fetching {person_url} ...")
                settings = self.settings_for(person_url) or Settings()
                # The run's fetcher (one per-host gate) unless this page asks for other settings.
                same = settings == fetcher.settings
                self.person = research_person(person_url, settings=settings,
                                              fetcher=fetcher if same else None,
                                              refresh=self.fetch_again.value)
                self.progress.value = self.progress.max
            ok = True
        self._show()
        self.research_button.disabled = False
        self.save_button.disabled = self.company is None and self.person is None
        # Red only when nothing was read: a company read before the person's page failed
        # is shown, and its bar says so.
        read = self.company is not None or self.person is not None
        self.progress.bar_style = "success" if ok else "warning" if read else "danger"
        if ok:
            self.progress.value = self.progress.max
            found = [p.name for p in (self.company, self.person) if p is not None and p.name]
            count = len(self._all_warnings())
            warned = f" ({count_of(count, 'warning')}, see the Warnings tab)" if count else ""
            unnamed = names_no_organization(self.company)
            if unnamed:  # Save needs to know whose site it is: ask beside this message
                self.organization_name.layout.display = ""
            self.message.show(f"Done: {', '.join(found) or 'no name found'}{warned}."
                              + (" Its pages do not say whose site it is: type the "
                                 "organization's name in the box beside this message, then "
                                 "press Save." if unnamed else "")
                              + (f" {self.search.in_words()}" if self.search else ""),
                              "warning" if count or unnamed
                              or (self.search and not self.search.found) else "ok")

    @contextmanager
    def _marked(self, field: Callable[[], str]) -> Iterator[None]:
        """A mistake of the library's is shown under the field being worked on (``field()``
        names it), with a pointer to it in the panel's message line."""
        try:
            yield
        except InfoviewError as exc:
            self.form[field()].show_error(upper_first(not_read_words(exc)))
            read = [p.name or p.url for p in (self.company, self.person) if p is not None]
            if read:  # the company was read before the person's page failed: it is shown
                self.message.show(f"Read {' and '.join(read)}, but not everything: see the "
                                  "address marked in red above.", "warning")
            else:
                self.message.show("Not researched: see the address marked in red above.",
                                  "error")

    def _fetcher(self, url: str) -> Fetcher:
        """The one fetcher of a research run (both pages share its per-host gate)."""
        from infoview.research.fetch import Fetcher

        return Fetcher(self.settings_for(url) or Settings())

    def _research_company(self, url: str, fetcher: Fetcher) -> CompanyProfile:
        """Company research with a fetcher that moves the progress bar page by page."""
        from infoview.research.company import research_company

        settings = fetcher.settings
        # One step per page the site may take, plus one for the person's page.
        self.progress.max = settings.max_pages + (1 if self.person_url.value.strip() else 0)
        return research_company(url, settings=settings,
                                fetcher=_CountingFetcher(fetcher, self._page_started),
                                refresh=self.fetch_again.value)

    def _page_started(self, count: int, url: str) -> None:
        self.progress.value = min(count, self.progress.max)
        self.message.show(f"Fetching page {count}: {url}")

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        """Keep the profiles just researched, with the person and organization they are
        about (what the Save button does)."""
        with self.message.guard("saving"):
            if self.store is None:
                self.message.show("No store is open, so there is nowhere to save.", "error")
                return
            if self.saved is not None:  # a second click would only store a second copy
                self.message.show("This research is saved already.", "info")
                return
            # Found by the name the user typed ("Sam Okafor"), the person may be stored under
            # it while their page writes it otherwise ("Samira Okafor"): that record is theirs.
            known_as = self.search.name if self.search is not None else None
            # A site that does not say whose it is is saved under the name typed beside the
            # message, or not at all (the message says what to type).
            company = named_by_user(self.company, self.organization_name.value)
            self.saved = keep_research(self.store, company=company, person=self.person,
                                       known_as=known_as, chosen=self._chosen)
            kept = self._keep_link(self.saved.person)
            self.save_button.disabled = True
            self.organization_name.layout.display = "none"
            names = [r.name for r in (self.saved.organization, self.saved.person) if r is not None]
            self.message.show(f"Saved {' and '.join(names) or 'the research'}{kept}. Next: "
                              "prepare the meeting, which starts from this research.", "ok")

    def _keep_link(self, person) -> str:
        """Keep the LinkedIn (or other social) page typed as ``person``'s link, unless they
        have one other than the page this research read; the words the save message adds."""
        link = self._kept_link
        read = self.person.url if self.person is not None else None
        if not link or person is None or self.store is None or \
                person.profile_url not in (None, "", read):
            return ""
        from infoview.flows.records import edit_person

        edit_person(self.store, person.id, profile_url=link)
        return f", with {link} as {person.name}'s link"

    # -- display ---------------------------------------------------------------------------
    def _all_warnings(self) -> list[str]:
        """What research noted, in the page's plain words, each once."""
        found: list[str] = []
        for profile in (self.company, self.person):
            if profile is not None:
                found.extend(profile.warnings)
        return warnings_words(found)

    def _show(self) -> None:
        company, person = self.company, self.person
        self.overview.value = _overview_html(company, person, self.company_url.value.strip(),
                                             self._on_file)
        self.people.value = table_html(
            [{**p.__dict__, "kind": _KIND_WORDS.get(p.kind, p.kind)} for p in company.people]
            if company else [],
            ["name", "title", "kind", "source_url"], "No people found yet.", links=["source_url"],
            labels={"kind": "Who they are"})
        # Days as every other page says them ("Thu 18 Sep 2025", as the table of several
        # organizations has it), not as the page's markup wrote them.
        self.news.value = table_html(
            [{**n.__dict__, "date": stored_day(n.date)} for n in company.news] if company else [],
            ["date", "title", "url"], "No news found yet.", links=["url"],
            labels={"date": "Day", "url": "Page"})
        self.facts.value = table_html(
            [f.__dict__ for f in company.facts] if company else [],
            ["text", "source_url"], "No facts yet.", links=["source_url"])
        self.warnings.value = bullet_list((esc(x) for x in self._all_warnings()),
                                          "No warnings.")
        self._show_warm()

    def _show_warm(self) -> None:
        """Who the user can reach at the researched company (``infoview warm``)."""
        self.warm_paths = []
        if self.company is None or not self.company.name or self.store is None:
            self.warm.value = ("<p><i>Research a company to see who in your store can "
                               "introduce you there.</i></p>")
            return

        with self.message.guard("warm paths"):
            self.warm_paths = warm_paths(self.store, self.company)
        rows = [{**p.to_dict(), "warmth": p.warmth_words(), "reasons": "; ".join(p.reasons)}
                for p in self.warm_paths]
        self.warm.value = WARM_HELP + table_html(
            rows, ["warmth", "name", "title", "via", "reasons"],
            f"Nobody in your store is linked to {self.company.name} yet.",
            labels={"warmth": "How warm", "via": "Ask for an introduction", "reasons": "Why"})


class _CountingFetcher:
    """Wraps a fetcher to report each page as it starts; everything else is the fetcher's."""

    def __init__(self, inner, on_fetch: Callable[[int, str], None]):
        self._inner = inner
        self._on_fetch = on_fetch
        self._count = 0
        self._lock = threading.Lock()

    def fetch(self, url: str, **kwargs):
        with self._lock:
            self._count += 1
            count = self._count
        self._on_fetch(count, url)
        return self._inner.fetch(url, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def _field_rows(pairs: list[tuple[str, object]]) -> str:
    rows = [f"<tr><th style='text-align:left;padding-right:1em'>{esc(k)}</th><td>{v}</td></tr>"
            for k, v in pairs if v]
    return "<table>" + "".join(rows) + "</table>" if rows else ""


def _overview_html(company, person, address: str = "", on_file: str = "") -> str:
    """The Overview tab: the research shown, or before any, what to do (which says when
    the website is already in the field, or the chosen person's research is saved, rather
    than "nothing researched yet" beside a filled field and a Home page naming it)."""
    if company is None and person is None:
        if on_file:
            return (f"<p><i>Research about {esc(on_file)} is saved in your store (Prepare "
                    "uses it). Press Research to read the website above again.</i></p>")
        if address:
            return "<p><i>Press Research to read the website above.</i></p>"
        return ("<p><i>Nothing researched yet: type the company's website address above and press "
                "Research.</i></p>")
    parts = []
    if company is not None:
        parts.append(f"<h3 class='infoview-company-name'>{esc(company.name or company.url)}</h3>")
        parts.append(_field_rows([
            ("What it does", esc(company.summary or company.description)),
            ("Industry", esc(company.industry)), ("Location", esc(company.location)),
            ("Founded", esc(company.founded)), ("Website", link(company.url)),
            # Page kinds in words ("annual report"); how sure the page classifier was is
            # the tool's business (it is in the JSON), not the reader's.
            ("Pages", ", ".join(link(url, kind.replace("_", " "))
                                for kind, url in company.pages.items())),
            ("Social", ", ".join(link(url, kind) for kind, url in company.social.items())),
        ]))
    if person is not None:
        parts.append(f"<h3 class='infoview-person-name'>{esc(person.name or person.url)}</h3>")
        parts.append(_field_rows([
            ("Title", esc(person.title)), ("Organization", esc(person.organization)),
            ("Location", esc(person.location)), ("Bio", esc(person.bio)),
            ("Page", link(person.url)),
            ("Links", ", ".join(link(url, kind) for kind, url in person.links.items())),
        ]))
    return "".join(parts)

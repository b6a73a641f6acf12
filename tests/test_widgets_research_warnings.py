"""The Research page's Warnings tab in plain words: what happened, whether it matters and
what to do, never the library's own words (robots.txt, charsets, feed parser errors), which
stay for the CLI and the logs."""

from __future__ import annotations

import pytest

from infoview.flows.fetch_words import DETAIL, warning_words, warnings_words
from infoview.research import charset
from infoview.research.budget import PageBudget, overrun_warning
from infoview.research.fetch import _status_error
from infoview.widgets.research import ResearchPanel
from tests.helpers.research_sites import fast_settings

#: Words of the library, the network or the trade that a new user should not have to read.
JARGON = ("robots.txt", "charset", "windows-1252", "feed", "HTML", "JSON-LD", "OpenGraph",
          "microdata", "text layer", "HTTP", "404", "--no-cache", "refresh=True", "s of computing",
          "bozo", "not fetched", "compressed body", "Content-Encoding", "(could")

U = "https://kestrel.example/about"
#: One warning of each kind research leaves, as the library words it (see the modules named).
LIBRARY_WARNINGS = [
    f"{U}: not fetched, the site's robots.txt disallows it",                       # _pages
    f"{U} was not fetched: the site's robots.txt disallows it. infoview respects robots.txt; "
    "open the page in your browser instead.",                                       # fetch
    f"{U} was not fetched: its robots.txt answered with HTTP 500; infoview treats the site "
    "as closed until that is fixed (RFC 9309).",                                    # robots
    f"{U} was not fetched: the site could not be reached (no answer).",
    f"{U} was not fetched: research was stopped.",
    f"{U}: could not connect (Connection refused).",
    f"{U}: could not connect within 10 s.",
    f"{U}: the server did not answer within 20 s.",
    f"{U} ran out of time: the site is slow or not answering; try again later.",
    f"{U} answered 503 (busy) and asked to wait 600 s, past the page deadline; try again later.",
    f"{U}: the connection broke while reading the page (reset by peer).",
    f"{U} redirects in a loop (back to {U}); the site is misconfigured.",
    f"{U} redirected more than 10 times; giving up.",
    f"{U} redirects to mailto:x@kestrel.example, which is not a web page.",
    f"{U} is 40.0 MB, over the 10 MB cap; it was not read.",
    f"{U} is larger than the 10 MB cap; it was not read.",
    f"{U} expands to more than the 10 MB cap once decompressed (a compression bomb?); it was "
    "not read further.",
    f"{U} sent a corrupt gzip body (invalid block type).",
    f"{U} was sent with an unsupported Content-Encoding 'br2'.",
    f"{U} was too slow: the page was not complete within its 30 s.",
    f"{U}: the site offers no secure connection; if it has no https, write its address "
    "starting with http://",
    f"{U}: the page is empty",                                                      # page
    f"{U} answered with an empty page.",                                            # fetch
    f"The compressed body of {U} ended early; kept what arrived.",                  # body
    f"{U} could not be read as a news feed (<unknown>:1:0: syntax error).",         # feeds
    f"{U} is a malformed feed (mismatched tag); its readable items were kept.",
    f"{U}: every item carries the same date and time, so the dates were not used.",
    f"{U}: 2 item(s) dated in the future; those dates were not used.",
    f"{U}: 3 item(s) dated before 1995-01-01; those dates were not used.",
    f"{U}: 4 tag(s) with thousands of attributes were read without them",          # page
    f"{U}: the page could not be parsed as HTML (Document is empty)",
    f"{U}: microdata or OpenGraph tags could not be read",                          # metadata
    f"{U}: a JSON-LD block nested absurdly deep was skipped",
    f"{U}: a malformed JSON-LD block was skipped",
    f"{U}: no name found; is this a page about one person?",                        # person
    f"{U} lists Dev Raman among others; no page of their own was found, so there is no bio",
    f"{U}.pdf is not a PDF, so it was not read.",                                   # pdftext
    f"{U}.pdf is encrypted (it needs a password), so it was not read.",
    f"{U}.pdf is damaged or incomplete, so it could not be read.",
    f"{U}.pdf could not be read (Failed to load document).",
    f"{U}.pdf has 300 pages; only the first 40 were read.",
    f"{U}.pdf has no text layer (a scanned document?), so nothing could be read from it; open "
    "it yourself.",
    f"{U}.pdf pages 2, 3 hold only pictures (scanned?) and were not read.",
    f"{U}.pdf page 2 hold only pictures (scanned?) and were not read.",
    "Web search (searxng) did not answer: http://127.0.0.1:8888/search could not connect.",
    "Web search (searxng) did not answer in JSON; check that its JSON format is enabled "
    "(SearXNG: search.formats).",                                                   # search
    "Could not tell the page's charset; decoded as windows-1252.",                 # charset
    # From the library's own functions, so that a change of their words shows here.
    *charset.decide("text/html; charset=utf-8", "caf\xe9".encode("latin-1"), markup=True)[1],
    *charset.decide("text/html; charset=klingon", b"cafe", markup=True)[1],
    *charset.decide("text/html", bytes(range(0x80, 0xA0)), markup=False)[1],
    str(_status_error(U, 404)), str(_status_error(U, 410)), str(_status_error(U, 403)),
    str(_status_error(U, 401)), str(_status_error(U, 429)), str(_status_error(U, 500)),
    str(_status_error(U, 404, cached=True)), str(_status_error(U, 503, cached=True)),
    overrun_warning(U, PageBudget(1.0, skipped=["people", "news"]), 1.0),
]


@pytest.mark.parametrize("warning", LIBRARY_WARNINGS)
def test_each_warning_research_leaves_is_said_in_plain_words(warning):
    said = warning_words(warning)
    assert said != DETAIL.sub("", warning), f"no plain words for: {warning}"
    for jargon in JARGON:
        assert jargon not in said, said
    assert said.endswith((".", ".)")), said


def test_an_answer_kept_from_an_earlier_try_says_how_to_ask_again_where_that_helps():
    said = warning_words(str(_status_error(U, 503, cached=True)))
    assert said.startswith(f"{U} did not answer in time"), said
    assert 'tick "read the pages again"' in said
    gone = warning_words(str(_status_error(U, 404, cached=True)))
    assert gone.startswith(f"{U} is no longer on the site") and "tick" not in gone, gone


def test_several_pages_whose_letters_were_worked_out_make_one_line():
    found = (charset.decide("text/html; charset=klingon", b"cafe", markup=True)[1]
             + charset.decide("text/html; charset=vulcan", b"cafe", markup=True)[1])
    assert len(found) == 2
    assert len(warnings_words(found)) == 1


def test_a_warning_already_in_plain_words_keeps_them():
    plain = "Two people match Ada Ng: Ada Ng and Ada Nguyen; check which one you mean."
    assert warning_words(plain) == plain


def test_the_warnings_tab_says_a_page_the_site_keeps_from_programs_in_plain_words(sites,
                                                                                 tmp_path):
    site = sites.get("robots_team")
    panel = ResearchPanel(None, settings=fast_settings(tmp_path), background=False)
    panel.company_url.value = site.url
    panel.research_button.click()
    assert panel.company is not None
    assert any("robots.txt" in w for w in panel.company.warnings)  # the library's words stay
    shown = panel.warnings.value
    assert "the site asks programs like this one not to read that page" in shown, shown
    assert "robots.txt" not in shown and "not fetched" not in shown, shown

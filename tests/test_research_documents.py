"""Reports a site links, read for facts with their pages (issue 19), on a loopback server."""

from __future__ import annotations

import json

import pytest
from report_pdfs import broken_pdf, encrypted_pdf, report_shelf, scanned_pdf
from research_sites import fast_settings

from infoview.demo.site import serve
from infoview.questions.topics import topics_covered
from infoview.research.company import research_company
from infoview.research.documents import choose_reports, report_links, year_of
from infoview.research.extract.links import Link
from infoview.research.extract.pdftext import pdf_text
from infoview.research.extract.reportfacts import report_facts
from infoview.research.models import CompanyProfile

pytest.importorskip("weasyprint")


def _site(root, links: dict[str, str], files: dict[str, bytes]) -> None:
    """A home page linking ``links`` (text -> path), and the files behind them."""
    anchors = "".join(f'<li><a href="{path}">{text}</a></li>' for text, path in links.items())
    (root / "index.html").write_text(
        "<html><head><title>Tern Energy</title></head><body><h1>Tern Energy</h1>"
        "<p>Tern Energy builds home batteries for rented flats.</p>"
        f"<nav><a href='/investors.html'>Investors</a></nav><ul>{anchors}</ul></body></html>")
    (root / "investors.html").write_text(
        "<html><body><h1>Investors</h1><a href='/files/impact-report-2023.pdf'>Impact report "
        "2023</a></body></html>")
    for path, data in files.items():
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@pytest.fixture(scope="module")
def reports():
    return report_shelf()


def test_the_newest_annual_report_is_read_and_its_figures_keep_their_pages(tmp_path, reports):
    old, new, impact = reports.report(1, year=2022), reports.report(2, year=2023), reports.report(5)
    _site(tmp_path, {"Annual report 2022 (PDF)": "/files/annual-report-2022.pdf",
                     "Annual report 2023 (PDF)": "/files/annual-report-2023.pdf",
                     "Menu (PDF)": "/files/canteen-menu.pdf"},
          {"/files/annual-report-2022.pdf": old.pdf, "/files/annual-report-2023.pdf": new.pdf,
           "/files/impact-report-2023.pdf": impact.pdf, "/files/canteen-menu.pdf": old.pdf})
    with serve(tmp_path) as server:
        profile = research_company(server.url, settings=fast_settings(tmp_path))
    assert "/files/annual-report-2022.pdf" not in server.requests       # older: not fetched
    assert "/files/canteen-menu.pdf" not in server.requests             # not a report
    annual, second = profile.documents
    assert (annual.kind, annual.year, annual.pages) == ("annual report", 2023, 12)
    assert second.kind == "impact report" and second.url.endswith("/files/impact-report-2023.pdf")
    found = {(f.kind, f.value and f.value.split()[0].lstrip("£$€").rstrip("mn"), f.page)
             for f in annual.facts}
    for planted in new.figures:
        assert (planted.kind, planted.number, planted.page) in found, planted
    assert profile.pages["annual_report"] == annual.url
    # the facts are profile facts too, sourced to the PDF opened at their page
    sources = {f.source_url for f in profile.facts}
    assert f"{annual.url}#page={new.figures[0].page}" in sources
    assert profile.warnings and all("scanned" in w for w in profile.warnings)  # one picture page


def test_document_facts_answer_the_questions_research_covers(tmp_path, reports):
    report = reports.report(3)
    _site(tmp_path, {"Our annual review": "/annual-review.pdf"}, {"/annual-review.pdf": report.pdf})
    with serve(tmp_path) as server:
        profile = research_company(server.url, settings=fast_settings(tmp_path))
    covered = topics_covered(profile)
    assert "annual-review.pdf#page=" in covered["size"]
    assert "annual-review.pdf#page=" in covered["locations"]
    again = CompanyProfile.from_dict(json.loads(json.dumps(profile.to_dict())))
    assert again.documents == profile.documents


@pytest.mark.parametrize("problem, words", [
    ("scanned", "no text layer"), ("encrypted", "password"), ("broken", "damaged"),
    ("too big", "over the"), ("missing", "404")])
def test_an_unreadable_report_is_a_warning_never_a_failed_research(tmp_path, reports, problem, words):
    good = reports.report(4)
    data = {"scanned": scanned_pdf(2), "encrypted": encrypted_pdf(good.pdf),
            "broken": broken_pdf(good.pdf), "too big": good.pdf + b"\0" * 300_000}.get(problem)
    _site(tmp_path, {"Annual report 2024": "/ar-2024.pdf"}, {"/ar-2024.pdf": data} if data else {})
    with serve(tmp_path) as server:
        profile = research_company(server.url, settings=fast_settings(tmp_path, max_bytes=250_000))
    assert profile.name == "Tern Energy"
    assert not [d for d in profile.documents if d.facts]
    assert any("ar-2024.pdf" in w and words in w for w in profile.warnings), profile.warnings


def test_report_links_need_a_pdf_that_names_a_kind_of_report():
    links = [Link("https://x.example/docs/Integrated_Report_FY24.pdf", "", False),
             Link("https://x.example/esg.pdf", "ESG report 2022-23", False),
             Link("https://x.example/annual-report.html", "Annual report", False),
             Link("https://x.example/brochure.pdf", "Our brochure", False),
             Link("https://x.example/ar.pdf", "Annual Report 2019 (PDF)", False),
             Link("https://x.example/ar-2023-24.pdf", "Annual Report", False)]
    found = {link.url.rsplit("/", 1)[-1]: (link.kind, link.year) for link in report_links(links)}
    assert found == {"Integrated_Report_FY24.pdf": ("annual report", 2024),
                     "esg.pdf": ("sustainability report", 2023),
                     "ar.pdf": ("annual report", 2019), "ar-2023-24.pdf": ("annual report", 2024)}
    chosen = choose_reports(report_links(links))
    assert [c.url.rsplit("/", 1)[-1] for c in chosen] == ["Integrated_Report_FY24.pdf", "esg.pdf"]


@pytest.mark.parametrize("text, year", [
    ("Annual Report 2023", 2023), ("annual-report-2021-22.pdf", 2022), ("FY2020 results", 2020),
    ("Report 2019/2020", 2020), ("annual report", None), ("our 1850 founding", None)])
def test_year_of_a_report(text, year):
    assert year_of(text) == year


def test_figures_need_words_that_say_what_they_count():
    page = ("Our people\nWe planted 4,000 trees and served 12,000 patients. Operating costs were "
            "£9.1 million. We ended the year with 312 employees. Revenue rose 12% to £48.2m "
            "(2023: £43.0m). We invested £2m in new systems. In May we raised $30 million in a "
            "Series B round.\n")
    facts = [(f.kind, f.value) for f in report_facts([page])]
    assert facts == [("headcount", "312"), ("revenue", "£48.2m"), ("funding", "$30 million")]


def test_a_table_row_gives_the_newest_years_figure():
    page = "Key figures\n2022 2023\nEmployees 1,050 1,240\nRevenue (£m) 39.1 48.2\n"
    facts = {f.kind: f.value for f in report_facts([page])}
    assert facts == {"headcount": "1,240", "revenue": "48.2 (£m)"}
    # says where the figure came from in plain words, not the raw row "Employees 1,050 1,240"
    texts = {f.kind: f.text for f in report_facts([page])}
    assert texts["headcount"] == "1,240 employees in 2023 (from a table in their report)"
    assert "1,050" not in texts["headcount"] and ":" not in texts["revenue"]


def test_pdf_text_reads_each_page_and_names_the_scanned_ones(reports):
    report = reports.report(6)
    text = pdf_text(report.pdf)
    assert text.page_count == 12 == len(text.pages)
    assert text.scanned == report.scanned_pages
    assert report.company in text.pages[0]


def test_the_brief_cites_report_facts_with_document_and_page(sites, tmp_path):
    from infoview.models import Person
    from infoview.prep.brief import build_brief
    from infoview.prep.render import render_markdown
    from infoview.questions.select import select_questions

    server = sites.get()
    company = research_company(server.url, settings=fast_settings(tmp_path))
    plan = select_questions(role="UX researcher", industry="health tech", minutes=20, research=company)
    brief = build_brief(person=Person(name="Samira Okafor"), company=company, plan=plan)
    text = render_markdown(brief)
    assert "Revenue rose 35% to £4.2 million" in text          # the sentence, not the table row
    assert "Annual report 2024, p. 2" in text and "kestrel-annual-report-2024.pdf#page=2" in text

"""Fixture PDFs that look like real annual reports, built from HTML with WeasyPrint.

Each report has a cover page, a contents page, the leader's letter (with the year's
priorities), a key-figures table, two-column narrative pages, a page on markets and
locations, one scanned page (a picture of text, no text layer) and filler pages full of
numbers that are not headcount, revenue or funding (patients served, trees planted, costs,
percentages). Every section is forced onto a page of its own, so the page of each planted
figure is known; :func:`build_report` checks it with pypdf (a library the kit does not use
to read reports) before returning.

The wordings vary with the seed, so a benchmark over many seeds meets many phrasings.
Tests and benchmarks build these once per session (a 40-page report takes a second or two).
"""

from __future__ import annotations

import base64
import io
import random
import re
from dataclasses import dataclass, field

COMPANIES = ["Kestrel Health Labs", "Northwind Clinics", "Bramble Analytics", "Otter Mobility",
             "Lumen Water Trust", "Harbour Learning", "Quill Payments", "Sable Robotics",
             "Tern Energy", "Willow Care Group", "Cobalt Freight", "Fennel Foods"]
CITIES = ["Leeds", "Lagos", "Toronto", "Lisbon", "Nairobi", "Melbourne", "Austin", "Dublin",
          "Pune", "Rotterdam", "Accra", "Glasgow", "Bogotá", "Kraków"]
CURRENCY = ["£", "$", "€"]
LEADER_TITLES = ["Letter from our Chief Executive", "Chair's statement",
                 "A message from our founder", "Chief Executive's review",
                 "Letter from the CEO"]
FILLER_TOPICS = ["Governance", "Sustainability", "Our customers", "Risk management",
                 "Research and development", "Community", "Safety and quality",
                 "Technology", "Partnerships", "Operations review", "Our approach",
                 "Stakeholder engagement", "Environment", "Product highlights"]


@dataclass
class Planted:
    """A figure written into a report: its kind, the number as printed, and its page (1-based)."""

    kind: str     # headcount | revenue | funding
    number: str   # the digits as printed, e.g. "1,240" or "48.2"
    page: int
    sentence: str = ""


@dataclass
class Report:
    """A fixture report and what was planted in it."""

    pdf: bytes
    company: str
    year: int
    pages: int
    figures: list[Planted] = field(default_factory=list)
    priorities_page: int = 0
    locations_page: int = 0
    scanned_pages: list[int] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)


_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
        @bottom-center { content: counter(page); font-size: 8pt; color: #666; } }
body { font-family: sans-serif; font-size: 9.5pt; line-height: 1.35; }
section { break-after: page; }
section.cover { text-align: center; padding-top: 70mm; }
section.cover h1 { font-size: 34pt; margin: 0; }
section.cover p.sub { font-size: 20pt; color: #2b5d8a; }
.cols { columns: 2; column-gap: 8mm; }
h2 { font-size: 16pt; color: #2b5d8a; }
table { border-collapse: collapse; width: 100%; margin: 6mm 0; }
td, th { border-bottom: 0.5pt solid #999; padding: 2mm 3mm; text-align: right; }
td:first-child, th:first-child { text-align: left; }
.scan { page: scan; }
.scan img { width: 100%; }
@page scan { margin: 0; @bottom-center { content: none; } }
"""


def _money(rng: random.Random, big: bool = False) -> tuple[str, str]:
    """A money amount as printed, and its number: ("£48.2 million", "48.2")."""
    cur = rng.choice(CURRENCY)
    number = f"{rng.randint(12, 480)}.{rng.randint(1, 9)}"
    style = rng.choice(["million", "m", "mn"] if not big else ["million", "m"])
    text = f"{cur}{number} {style}" if style == "million" else f"{cur}{number}{style}"
    return text, number


def _count(rng: random.Random) -> str:
    value = rng.choice([rng.randint(35, 950), rng.randint(1000, 9800)])
    return f"{value:,}"


def _headcount_sentence(rng: random.Random, n: str, year: int) -> str:
    return rng.choice([
        f"We ended {year} with {n} employees across our offices.",
        f"Our team grew to {n} people over the year, and we kept our attrition low.",
        f"At the end of the year we employed {n} people.",
        f"Our headcount reached {n} in December, up from the year before.",
        f"We are now a team of {n} colleagues working in several countries.",
        f"The company has {n} full-time staff.",
        f"Our workforce of {n} people is our greatest strength.",
    ])


def _revenue_sentence(rng: random.Random, money: str, year: int) -> str:
    pct = rng.randint(4, 61)
    return rng.choice([
        f"Revenue rose {pct}% to {money} in {year}.",
        f"Total revenue for the year was {money}.",
        f"Our turnover grew by {pct} per cent to {money}.",
        f"Group revenue increased to {money}, driven by new contracts.",
        f"In {year} we generated revenues of {money}.",
        f"Sales reached {money}, a rise of {pct}% on the previous year.",
    ])


def _funding_sentence(rng: random.Random, money: str) -> str:
    lead = rng.choice(["Harbour Ventures", "North Star Capital", "Fieldstone Partners"])
    return rng.choice([
        f"In March we closed a {money} Series B round led by {lead}.",
        f"We raised {money} in new funding from {lead} and existing investors.",
        f"The business secured {money} of investment to expand into new markets.",
        f"A {money} funding round, led by {lead}, was completed in the autumn.",
        f"We completed a Series A raise of {money}.",
    ])


def _distractors(rng: random.Random) -> list[str]:
    """Sentences with numbers that are none of the figures the kit reads."""
    cur = rng.choice(CURRENCY)
    return rng.sample([
        f"We planted {rng.randint(2, 40)},000 trees with local schools.",
        f"Our app was downloaded {rng.randint(2, 9)}.{rng.randint(1, 9)} million times.",
        f"Clinicians used the platform for {rng.randint(100, 999)},000 appointments.",
        f"We spent {cur}{rng.randint(2, 9)}.{rng.randint(1, 9)} million on training and development.",
        f"Emissions per employee fell by {rng.randint(5, 30)}% compared with {rng.randint(2018, 2021)}.",
        f"More than {rng.randint(2, 9)},{rng.randint(100, 999)} customers answered our survey.",
        f"Operating costs were {cur}{rng.randint(5, 60)}.{rng.randint(1, 9)} million.",
        f"We donated {cur}{rng.randint(100, 900)},000 to community projects.",
        f"The board met {rng.randint(6, 14)} times during the year.",
        f"Average response time improved to {rng.randint(2, 9)} minutes.",
        f"We answered {rng.randint(20, 90)},000 calls from patients and families.",
        f"{rng.randint(60, 98)}% of staff said they would recommend us as a place to work.",
        f"Our {rng.randint(3, 9)} regional hubs handled {rng.randint(100, 900)},000 orders.",
        f"Capital expenditure came to {cur}{rng.randint(2, 20)}.{rng.randint(1, 9)} million.",
        f"We paid {cur}{rng.randint(1, 9)}.{rng.randint(1, 9)} million in corporation tax.",
    ], 4)


_FILLER_WORDS = ("our teams worked closely with partners to improve quality and reach while "
                 "keeping costs in check and listening to the people who use our services "
                 "every day the board reviewed progress against plans and agreed where to "
                 "invest next in systems training and new ways of working").split()


def _prose(rng: random.Random, sentences: int) -> list[str]:
    out = []
    for _ in range(sentences):
        words = [rng.choice(_FILLER_WORDS) for _ in range(rng.randint(12, 22))]
        out.append(" ".join(words).capitalize() + ".")
    return out


def _para(sentences: list[str]) -> str:
    return "<p>" + " ".join(_esc(s) for s in sentences) + "</p>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _scan_png(lines: list[str]) -> str:
    """A page-sized greyscale picture of text lines (what a scanner makes): a data URI."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1240, 1600), 250)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=30)
    except TypeError:  # Pillow before 10.1
        font = ImageFont.load_default()
    for i, line in enumerate(lines):
        draw.text((90, 120 + 52 * i), line, fill=25, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def build_report(seed: int, *, pages: int = 40, year: int | None = None,
                 funding: bool | None = None, scanned: bool = True) -> Report:
    """A fixture annual report of ``pages`` pages (at least 9), its figures planted by ``seed``."""
    rng = random.Random(seed)
    company = COMPANIES[seed % len(COMPANIES)]
    year = year or rng.randint(2019, 2025)
    funding = rng.random() < 0.6 if funding is None else funding
    cities = rng.sample(CITIES, 3)
    sections: list[str] = []   # one page each
    figures: list[Planted] = []
    report = Report(pdf=b"", company=company, year=year, pages=pages, cities=cities)

    def add(html: str, kind: str = "") -> int:
        sections.append(f"<section class='{kind}'>{html}</section>")
        return len(sections)

    sections.append(f"<section class='cover'><h1>{_esc(company)}</h1>"
                    f"<p class='sub'>Annual Report {year}</p><p>Caring for what matters</p></section>")
    # Filled in once the section order is known.
    sections.append("")

    headcount = _count(rng)
    revenue_text, revenue = _money(rng)
    fund_text, fund = _money(rng, big=True)
    headcount_in_table = rng.random() < 0.4
    headcount_in_letter = not headcount_in_table and rng.random() < 0.4

    leader = rng.choice(LEADER_TITLES)
    priorities = rng.choice([
        f"Our priorities for {year + 1} are clear: grow in {cities[1]}, make our service "
        "simpler for patients, and invest in our people.",
        "Our strategy rests on three pillars: quality, reach and financial resilience.",
        f"Next year we will focus on expanding our partnerships and opening in {cities[2]}.",
    ])
    letter = [*_prose(rng, 2), priorities, *_prose(rng, 2)]
    if headcount_in_letter:
        sentence = _headcount_sentence(rng, headcount, year)
        letter.insert(3, sentence)
    page = add(f"<h2>{leader}</h2>" + _para(letter[:3]) + _para(letter[3:])
               + "<p>Thank you for your support.</p>")
    report.priorities_page = page
    if headcount_in_letter:
        figures.append(Planted("headcount", headcount, page, sentence))

    rows = [("Patients supported", _count(rng), _count(rng)),
            ("Countries", str(rng.randint(3, 20)), str(rng.randint(2, 12)))]
    if headcount_in_table:
        rows.insert(rng.randint(0, 2), ("Employees", headcount, _count(rng)))
    table_revenue = rng.random() < 0.5
    cur = rng.choice(CURRENCY)
    if table_revenue:
        rows.insert(0, (f"Revenue ({cur}m)", revenue, f"{rng.randint(10, 400)}.{rng.randint(1, 9)}"))
    table = "".join(f"<tr><td>{_esc(a)}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    page = add(f"<h2>{year} in numbers</h2><table><tr><th></th><th>{year}</th><th>{year - 1}</th>"
               f"</tr>{table}</table>" + _para(_prose(rng, 3)))
    if headcount_in_table:
        figures.append(Planted("headcount", headcount, page, f"Employees {headcount}"))
    if table_revenue:
        figures.append(Planted("revenue", revenue, page, f"Revenue {revenue}"))

    narrative = [*_prose(rng, 4), *_distractors(rng), *_prose(rng, 3)]
    if not headcount_in_table and not headcount_in_letter:
        sentence = _headcount_sentence(rng, headcount, year)
        narrative.insert(rng.randint(1, len(narrative) - 1), sentence)
    page = add("<h2>Our people</h2><div class='cols'>" + _para(narrative[:7]) + _para(narrative[7:])
               + "</div>")
    if not headcount_in_table and not headcount_in_letter:
        figures.append(Planted("headcount", headcount, page, sentence))

    if not table_revenue:
        sentence = _revenue_sentence(rng, revenue_text, year)
        finance = [*_prose(rng, 3), sentence, *_distractors(rng)[:2], *_prose(rng, 4)]
        page = add("<h2>Financial review</h2><div class='cols'>" + _para(finance[:5])
                   + _para(finance[5:]) + "</div>")
        figures.append(Planted("revenue", revenue, page, sentence))
    if funding:
        sentence = _funding_sentence(rng, fund_text)
        body = [*_prose(rng, 2), sentence, *_prose(rng, 3)]
        page = add("<h2>Investment</h2><div class='cols'>" + _para(body) + "</div>")
        figures.append(Planted("funding", fund, page, sentence))

    countries = rng.randint(4, 30)
    where = [f"We now work in {countries} countries, with offices in {cities[0]}, {cities[1]} "
             f"and {cities[2]}.", *_prose(rng, 3),
             "Our largest markets are the United Kingdom, Nigeria and Canada."]
    report.locations_page = add("<h2>Where we work</h2>" + _para(where))

    scan_page = 0
    if scanned:
        picture = _scan_png(["Appendix (scanned)", f"We employ 9,999 people in {year}.",
                             "Revenue was £999.9 million."])   # decoys: no text layer
        scan_page = add(f"<div><img src='{picture}'></div>", "scan")
        report.scanned_pages = [scan_page]

    while len(sections) < pages:
        topic = rng.choice(FILLER_TOPICS)
        body = [*_prose(rng, 5), *_distractors(rng), *_prose(rng, 5)]
        rng.shuffle(body)
        layout = rng.random()
        if layout < 0.5:
            add(f"<h2>{topic}</h2><div class='cols'>" + _para(body[:7]) + _para(body[7:]) + "</div>")
        else:
            add(f"<h2>{topic}</h2>" + _para(body))
    contents = "".join(f"<tr><td>{_esc(t)}</td><td>{n}</td></tr>"
                       for n, t in ((3, leader), (4, f"{year} in numbers"), (5, "Our people")))
    sections[1] = f"<section><h2>Contents</h2><table>{contents}</table></section>"

    html = f"<html><head><style>{_CSS}</style></head><body>{''.join(sections)}</body></html>"
    from weasyprint import HTML

    report.pdf = HTML(string=html).write_pdf()
    report.figures = figures
    _check_pages(report)
    return report


def _check_pages(report: Report) -> None:
    """Fail loudly if a planted figure did not land on the page it was written for."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(report.pdf))
    assert len(reader.pages) == report.pages, (len(reader.pages), report.pages)
    for figure in report.figures:
        text = re.sub(r"\s+", " ", reader.pages[figure.page - 1].extract_text() or "")
        assert figure.number in text, (figure, text[:300])
    for page in report.scanned_pages:
        assert not (reader.pages[page - 1].extract_text() or "").strip()


def scanned_pdf(pages: int = 3) -> bytes:
    """A report made only of pictures of pages: no text layer at all."""
    from weasyprint import HTML

    pictures = [_scan_png([f"Annual Report, page {n}", "We employ 4,100 people."])
                for n in range(1, pages + 1)]
    body = "".join(f"<section class='scan'><img src='{p}'></section>" for p in pictures)
    return HTML(string=f"<html><head><style>{_CSS}</style></head><body>{body}</body></html>").write_pdf()


def encrypted_pdf(pdf: bytes, password: str = "secret") -> bytes:
    """``pdf`` encrypted with a user password (so it cannot be opened without it)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken_pdf(pdf: bytes) -> bytes:
    """The first fifth of ``pdf``: a download cut short, with no cross-reference table."""
    return pdf[: max(200, len(pdf) // 5)]


class ReportShelf:
    """Reports built once per test session, on first use (a 40-page one takes a second or two)."""

    def __init__(self) -> None:
        self._built: dict[tuple, Report] = {}

    def report(self, seed: int, pages: int = 12, **kwargs) -> Report:
        key = (seed, pages, tuple(sorted(kwargs.items())))
        if key not in self._built:
            self._built[key] = build_report(seed, pages=pages, **kwargs)
        return self._built[key]


_SHELF = ReportShelf()


def report_shelf() -> ReportShelf:
    """The session's shelf of fixture reports."""
    return _SHELF

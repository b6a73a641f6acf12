"""Exports of the brief: Markdown and HTML escaping, a self-contained page, one printed page
of PDF, an .ics that parses back, and the HTML opened in a real headless chromium."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import prep_samples as s
import pytest

from infoview.errors import BadInput
from infoview.prep.render import (
    DEFAULT_SECTIONS,
    export_brief,
    md_escape,
    render_html,
    render_ics,
    render_markdown,
    render_pdf,
    safe_url,
)


@pytest.fixture
def hostile_brief():
    """A brief whose scraped text carries markup, a script and a javascript: link."""
    company = s.company(description="We build clinic software. " + s.SCRIPT + " <b>bold</b> [x](http://evil.example)")
    company.news[2].url = "javascript:window.__pwned=2"
    company.news[2].title = "<img src=x onerror=\"window.__pwned=3\">"
    research = s.person_research()
    research.bio = "Studied at the University of Bristol. <iframe src='http://evil.example'></iframe>"
    return s.brief(company=company, person_research=research)


# ---- escaping ------------------------------------------------------------------------------

def test_the_agenda_says_each_steps_length_in_minutes_not_as_a_bare_number():
    """The web page and PDF have no header over the lengths: "2" alone meant nothing."""
    brief = s.brief()
    cells = re.findall(r'<td class="len">([^<]*)</td>', render_html(brief))
    assert cells == [f"{item.minutes:g} min" for item in brief.agenda]


def test_html_escapes_scraped_text_through_jinja(hostile_brief):
    html = render_html(hostile_brief)
    assert "<script>" not in html and "<iframe" not in html and "<img" not in html
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_html_drops_links_with_unsafe_schemes(hostile_brief):
    html = render_html(hostile_brief)
    assert "javascript:" not in html
    assert 'href="https://kestrel.example/news/series-a.html"' in html


def test_safe_url_keeps_only_web_and_mail_links():
    assert safe_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    assert safe_url("mailto:a@b.example") == "mailto:a@b.example"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x",
                "", None):
        assert safe_url(bad) == ""


def test_html_page_is_self_contained_with_print_styles():
    html = render_html(s.brief())
    assert "@media print" in html and "@page" in html
    assert not re.search(r"<(link|script|img|iframe)\b", html)
    assert not re.search(r"\bsrc=|url\(", html)
    assert "default-src 'none'" in html  # scripts could not run even if escaping failed


def test_markdown_escapes_markup_and_keeps_text_readable(hostile_brief):
    md = render_markdown(hostile_brief)
    assert "<script>" not in md and "<iframe" not in md
    assert r"\<script\>window.\_\_pwned = 1; document.title = 'pwned'\</script\>" in md
    assert r"\[x\](http://evil.example)" in md  # no link can form from scraped text
    assert "javascript:" not in md
    assert ("- Mon 2 Jun 2025: [Kestrel raises £6m for remote monitoring]"
            "(<https://kestrel.example/news/series-a.html>)") in md


def test_md_escape_neutralises_line_starts_and_entities():
    assert md_escape("# Heading") == r"\# Heading"
    assert md_escape("- item") == r"\- item"
    assert md_escape("1. first") == r"1\. first"
    assert md_escape("2.5") == "2.5"
    assert md_escape("&lt;b&gt; & co") == r"\&lt;b\&gt; & co"
    assert md_escape("two\n\nlines") == "two lines"


def test_markdown_has_every_default_section_in_order():
    md = render_markdown(s.brief())
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == ["Who", "Why them", "The company", "Logistics", "Agenda and questions (20 minutes)",
                        "On the day"]
    assert ("| 1:30 (10:01) | Question 1 | How did you come to user research at Kestrel Health Labs? "
            "| 3 |") in md
    assert "Shared school: **University of Bristol** (in their bio" in md


def test_sections_can_be_chosen_and_unknown_ones_are_refused():
    md = render_markdown(s.brief(), sections=("who", "agenda", "notes"))
    assert re.findall(r"^## (\w+)", md, re.M) == ["Who", "Agenda", "Notes"]
    with pytest.raises(BadInput, match="unknown brief section"):
        render_html(s.brief(), sections=("who", "horoscope"))


# ---- PDF -----------------------------------------------------------------------------------

def _pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def test_default_twenty_minute_brief_prints_on_one_page():
    data = render_pdf(s.brief())
    assert data.startswith(b"%PDF")
    assert _pages(data) == 1


def test_long_scraped_texts_and_every_gap_still_fit_one_page():
    from infoview.research.models import CompanyProfile, NewsItem, PersonMention

    words = "word " * 200
    wordy = s.company(description=words)
    wordy.news = [NewsItem(words, f"2025-01-0{i}", f"https://kestrel.example/{i}") for i in range(1, 6)]
    wordy.people = [PersonMention(f"Person {i} " + "Longname" * 3, "Chief Officer of Many Things", "https://k.example/")
                    for i in range(8)]
    assert _pages(render_pdf(s.brief(company=wordy, reason="Because " + "reasons " * 40))) == 1
    empty = s.brief(company=CompanyProfile(url="https://kestrel.example/"), person_research=None,
                    person=s.person(title=None))
    assert len(empty.gaps) == 7
    assert _pages(render_pdf(empty)) == 1


def _wordy_company():
    from infoview.research.models import NewsItem, PersonMention

    words = "word " * 200
    wordy = s.company(description=words)
    wordy.news = [NewsItem(words, f"2025-01-0{i}", f"https://kestrel.example/{i}") for i in range(1, 6)]
    wordy.people = [PersonMention(f"Person {i} " + "Longname" * 3, "Chief Officer of Many Things",
                                  "https://k.example/") for i in range(8)]
    return wordy


@pytest.mark.parametrize("minutes", [45, 60])
def test_a_long_plan_with_long_research_still_prints_on_one_page_with_every_question(minutes):
    from pypdf import PdfReader

    from infoview.questions.select import select_questions

    plan = select_questions(role="UX researcher", industry="digital health", minutes=minutes,
                            company="Kestrel Health Labs", person="Samira Okafor")
    assert len(plan.items) >= 15
    brief = s.brief(plan=plan, meeting=s.meeting(planned_minutes=minutes),
                    company=_wordy_company(), reason="Because " + "reasons " * 40)
    data = render_pdf(brief)
    assert _pages(data) == 1
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    asked = [item for item in brief.agenda if item.kind == "question"]
    assert f"Question {len(asked)} " in text  # the agenda is never cut
    assert "May I mention your name" in text
    assert _pages(render_pdf(brief, sections=(*DEFAULT_SECTIONS, "notes"))) == 2
    # the web page is not squeezed: only the printed copy is set tightly
    assert "font-size: 8.6pt" in render_html(brief)


def test_pdf_holds_the_brief_text_and_a_notes_page_when_asked():
    from pypdf import PdfReader

    data = render_pdf(s.brief(), sections=None)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Samira Okafor" in text and "Question 1" in text
    assert _pages(render_pdf(s.brief(), sections=("who", "agenda", "notes"))) == 2


def test_the_pdf_prints_each_news_links_address_after_its_title():
    """Paper cannot be clicked: a news title alone left the reader no way to the article."""
    from pypdf import PdfReader

    brief = s.brief()
    data = render_pdf(brief)
    text = "".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    shown = brief.company.news[:3]  # the three newest print
    assert len(shown) == 3 and all(n["date"] for n in shown)
    for item in shown:
        assert "".join(f"{item['title']}({item['url']})".split()) in text, item["url"]
    # the web page keeps its links as they were: the address is added for print only
    html = render_html(brief)
    first = shown[0]
    assert f'<a class="address" href="{first["url"]}">{first["title"]}</a></li>' in html
    assert f"({first['url']})" not in html


def test_the_pdf_prints_each_common_ground_sources_address():
    """A "source" link on paper said where a shared fact came from but not how to find it."""
    from pypdf import PdfReader

    brief = s.brief()
    linked = [g for g in brief.common_ground if g.source_url]
    assert linked, "the sample brief should hold common ground with a source"
    text = "".join(PdfReader(io.BytesIO(render_pdf(brief))).pages[0].extract_text().split())
    assert "".join(f"source({linked[0].source_url})".split()) in text
    # the web page keeps the one word "source" as its link text
    html = render_html(brief)
    assert f'<a class="address" href="{linked[0].source_url}">source</a>' in html
    assert f"({linked[0].source_url})" not in html


def test_a_sixty_minute_brief_with_gaps_still_renders():
    company = s.company()
    company.founded, company.people = None, []
    brief = s.brief(plan=s.plan(60), company=company, person_research=None)
    assert _pages(render_pdf(brief)) >= 1
    html = render_html(brief)
    assert "Gaps to fill by asking" in html
    assert "No public bio found: ask how they came to this work. <span class=\"src\">(see Question 1)" in html
    assert "(see Question 1)" in render_markdown(brief)


# ---- calendar ------------------------------------------------------------------------------

def test_ics_parses_back_with_start_end_zone_and_a_reminder():
    from icalendar import Calendar

    cal = Calendar.from_ical(render_ics(s.brief(), alarm_minutes=45))
    (event,) = cal.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    london = ZoneInfo("Europe/London")
    assert start == datetime(2026, 12, 1, 10, 0, tzinfo=london)
    assert end - start == timedelta(minutes=20)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTEND"].params["TZID"] == "Europe/London"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-45)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(event["UID"]) == "meeting-7@infoview"
    assert str(event["SUMMARY"]) == "Informational interview with Samira Okafor (Kestrel Health Labs)"
    assert str(event["URL"]) == "https://meet.example.org/kestrel-abc"
    assert "Question 1" in str(event["DESCRIPTION"])


def test_ics_in_summer_time_keeps_the_wall_clock_time():
    from icalendar import Calendar

    meeting = s.meeting(starts_at=datetime(2026, 7, 1, 13, 30, tzinfo=UTC), timezone="America/New_York")
    event = Calendar.from_ical(render_ics(s.brief(meeting=meeting))).walk("VEVENT")[0]
    assert event.decoded("dtstart").replace(tzinfo=None) == datetime(2026, 7, 1, 9, 30)
    assert event["DTSTART"].params["TZID"] == "America/New_York"


def test_ics_without_an_agreed_time_is_refused():
    with pytest.raises(BadInput, match="no start time"):
        render_ics(s.brief(meeting=None))


# ---- files ---------------------------------------------------------------------------------

def test_export_brief_names_files_in_a_folder_or_writes_the_given_path(tmp_path):
    brief = s.brief()
    md = export_brief(brief, tmp_path, "md")
    assert md == tmp_path / "brief-samira-okafor-2026-12-01.md" and md.read_text().startswith("# ")
    html = export_brief(brief, tmp_path / "new-folder", "html")
    assert html.parent.name == "new-folder" and html.suffix == ".html"
    ics = export_brief(brief, tmp_path / "mine.ics", "ics")
    assert ics == tmp_path / "mine.ics" and b"BEGIN:VCALENDAR" in ics.read_bytes()
    with pytest.raises(BadInput, match="unknown format 'docx'"):
        export_brief(brief, tmp_path, "docx")


# ---- a real browser ------------------------------------------------------------------------

@pytest.mark.browser
def test_html_brief_renders_in_chromium_and_is_not_blank(page, tmp_path):
    path = export_brief(s.brief(), tmp_path, "html")
    page.goto(path.as_uri())
    assert page.title() == "Informational interview with Samira Okafor (Kestrel Health Labs)"
    assert page.locator("table.agenda tr").count() == len(s.brief().agenda)
    shot = page.screenshot(full_page=True)
    from PIL import Image

    image = Image.open(io.BytesIO(shot)).convert("L")
    low, high = image.getextrema()
    assert high - low > 100  # dark text on a light page, not a blank sheet
    histogram = image.histogram()
    assert sum(histogram[:128]) > 0.005 * sum(histogram)


@pytest.mark.browser
def test_injected_script_in_scraped_text_does_not_run(page, tmp_path, hostile_brief):
    path = export_brief(hostile_brief, tmp_path, "html")
    errors = []
    page.on("pageerror", lambda exc: errors.append(exc))
    page.goto(path.as_uri())  # returns after the load event: inline scripts would have run
    # and one turn of the event loop more, for anything a script might have scheduled
    page.evaluate("() => new Promise(done => setTimeout(done, 0))")
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    assert page.locator("script, iframe, img").count() == 0
    body = page.inner_text("body")
    assert "<script>window.__pwned = 1; document.title = 'pwned'</script>" in body
    assert errors == []

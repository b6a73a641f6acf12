"""The outcomes report reads like the app: days in the app's words, columns headed in
plain words, charts' axes said in words, empty sections said once in a sentence.

Lena opens the report from the Outcomes page; she has never seen a column name or an ISO
date, and the app writes every day as "Tue 1 Sep 2026" (:func:`infoview.times.day_words`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pandas as pd
import pytest

from infoview.analytics import charts, report
from infoview.demo.history import generate_sample
from infoview.flows.outcomes import report_inputs
from infoview.models import Person, Referral
from infoview.store import Store

NOW = datetime(2026, 3, 31, 18, tzinfo=UTC)
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("words") / "sample.sqlite"
    with Store.open(path) as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
    return path


def _page(path: Path, **selection) -> lxml.html.HtmlElement:
    with Store.open(path) as store:
        html = report.build_report(report_inputs(store, now=NOW, **selection),
                                   zone=ZoneInfo("Europe/London"))
    return lxml.html.fromstring(html)


def _headers(page) -> list[str]:
    return [th.text_content() for th in page.xpath("//thead//th")]


def test_every_column_is_headed_in_words_not_by_its_name(sample):
    headers = _headers(_page(sample))
    assert len(headers) > 40
    assert not [h for h in headers if "_" in h]
    # names a reader never sees: the code's, where the app has words for them
    for code in ("text", "mean usefulness", "top tags", "count", "check", "value",
                 "share of identified", "conversion", "rebooked", "learned", "insights", "category"):
        assert code not in headers, code
    for words in ("question", "average usefulness (1 to 5)", "tags noted most",
                  "what you learned", "kind of question", "times asked", "requests sent",
                  "answered", "with", "booked again", "share of everyone on your list"):
        assert words in headers, words


def test_a_column_a_table_names_its_own_way_keeps_its_words_elsewhere(sample):
    page = _page(sample)
    (funnel,) = page.xpath('//section[@id="funnel"]')
    first = [th.text_content() for th in funnel.xpath("(.//table)[1]//th")]
    assert first[:2] == ["stage", "people"]  # the funnel counts people ...
    warmth = [th.text_content() for th in funnel.xpath("(.//table)[2]//th")]
    assert "replied" in warmth and "answered" not in warmth  # ... and "replied" is a stage
    (followup,) = page.xpath('//section[@id="followup"]')
    statuses = [th.text_content() for th in followup.xpath("(.//table)[last()]//th")]
    assert statuses[:2] == ["status", "meetings"]
    (targets,) = page.xpath('//section[@id="targets"]')
    assert [th.text_content() for th in targets.xpath(".//th")][:2] == ["rank", "organization"]


def test_no_day_on_the_page_is_written_as_an_iso_date(sample):
    page = _page(sample, since="2026-01-01", until=date(2026, 2, 15),
                 channels=["email", "linkedin"])
    text = page.text_content()
    assert not ISO_DAY.search(text), ISO_DAY.findall(text)[:5]
    meta = page.xpath('//p[@class="meta"]')[0].text_content()
    assert "from Thu 1 Jan 2026 to Sun 15 Feb 2026" in meta
    assert "channels: email, LinkedIn" in meta  # the channel as the filters write it
    # the chart's days too (in its markup: an SVG's texts are not the page's text)
    svg = "".join(lxml.html.tostring(s, encoding="unicode") for s in page.xpath("//svg"))
    assert not ISO_DAY.search(svg)


@pytest.mark.parametrize("value, zone, said", [
    (date(2026, 6, 30), UTC, "Tue 30 Jun 2026"),
    (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), ZoneInfo("Europe/Berlin"), "Wed 1 Jul 2026, 01:30"),
    (pd.Timestamp("2026-06-30T23:30", tz="UTC"), ZoneInfo("Europe/Berlin"),
     "Wed 1 Jul 2026, 01:30"),
])
def test_a_day_or_a_moment_in_a_table_is_written_as_the_app_writes_it(value, zone, said):
    cell = report._cell(value, "due", zone)
    assert cell["text"] == said and cell["when"] and not cell["numeric"]


def test_an_average_rating_reads_as_the_chart_beside_it_writes_it():
    assert report._cell(4.0909, "mean_usefulness")["text"] == "4.1"
    assert report._cell(5.0, "mean_usefulness")["text"] == "5.0"
    assert report._cell(0.8333, "answer_rate")["text"] == "83%"


def test_the_activity_chart_names_its_weeks_as_days_and_says_what_its_axes_are():
    weeks = pd.date_range("2026-11-30", periods=8, freq="7D", tz="UTC")  # across a new year
    data = pd.DataFrame({"week_start": weeks, "outreach": range(8), "meetings": [0] * 8})
    svg = charts.activity_chart(data)
    texts = re.findall(r"<text [^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>", svg)
    days = [t for t in texts if t.startswith("Mon ")]
    assert days[0] == "Mon 30 Nov 2026"
    assert "Mon 4 Jan 2027" in days or any(d.endswith("2027") for d in days)
    assert all(re.fullmatch(r"Mon \d{1,2} [A-Z][a-z]{2}( \d{4})?", d) for d in days), days
    assert "week starting" in texts and "how many that week" in texts


def test_week_ticks_say_the_year_on_the_first_and_where_it_changes():
    weeks = list(pd.date_range("2026-12-14", periods=6, freq="7D", tz="UTC"))
    assert charts.week_ticks(weeks, 2) == [(0, "Mon 14 Dec 2026"), (2, "Mon 28 Dec"),
                                           (4, "Mon 11 Jan 2027")]
    assert charts.week_ticks(weeks[:2]) == [(0, "Mon 14 Dec 2026"), (1, "Mon 21 Dec")]


def test_a_funnel_split_by_channel_heads_its_legend_in_words():
    data = pd.DataFrame({"group": ["email", "linkedin"], "stage": ["identified"] * 2,
                         "count": [3, 2]})
    svg = charts.funnel_chart(data, by="channel")
    assert ">first message by<" in svg and ">channel<" not in svg
    assert ">LinkedIn<" in svg


def test_an_empty_store_says_each_empty_section_once_in_a_sentence(tmp_path):
    with Store.open(tmp_path / "empty.sqlite") as store:
        html = report.build_report(report_inputs(store, now=NOW))
    page = lxml.html.fromstring(html)
    (network,) = page.xpath('//section[@id="network"]')
    said = [p.text_content() for p in network.xpath(".//p")]
    assert said == ["Nothing to show yet: no referrals recorded yet."]
    assert "0 introductions" not in html and "0 people" not in html
    for key, sentence in [("funnel", "no people saved yet"), ("replies", "no requests sent"),
                          ("questions", "no questions recorded")]:
        (section,) = page.xpath(f'//section[@id="{key}"]')
        assert section.text_content().count(sentence) == 1, key  # not once per table
        assert not section.xpath(".//h3"), key  # nor headings over tables not there
    (activity,) = page.xpath('//section[@id="activity"]')  # two things missing: two sentences
    assert [p.text_content() for p in activity.xpath('.//p[@class="empty"]')] == [
        "Nothing to show yet: no messages or meetings in this selection.",
        "Nothing to show yet: no insights recorded in debriefs yet."]
    for section in page.xpath("//section"):  # each says something in words, no empty heading
        assert section.xpath('.//p[@class="empty"]') or section.xpath(".//table"), \
            section.get("id")


def test_one_introduction_is_counted_in_the_singular(tmp_path):
    with Store.open(tmp_path / "one.sqlite") as store:
        ada = store.add(Person(name="Ada"))
        bo = store.add(Person(name="Bo"))
        store.add(Referral(from_person_id=ada.id, to_person_id=bo.id,
                           created_at=datetime(2026, 3, 1, tzinfo=UTC)))
        html = report.build_report(report_inputs(store, now=NOW))
    assert "1 introduction linking 2 people; the longest chain runs 1 introduction deep." in html


@pytest.mark.parametrize("rows, said", [(3, "… and 1 more row."), (4, "… and 2 more rows.")])
def test_the_rows_left_out_are_counted_in_words(rows, said):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(report.__file__).parent)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    table = report.table_view(pd.DataFrame({"name": ["a"] * rows}), max_rows=2)
    html = env.get_template(report.TEMPLATE).render(
        title="t", generated="now", zone="UTC", selection="", headline=[],
        sections=[{"key": "k", "heading": "h", "intro": None, "blocks": [
            {"subheading": None, "chart": None, "text": None, "table": table}]}])
    assert said in html


@pytest.mark.browser
def test_the_page_prints_without_links_split_rows_or_lost_highlights(sample, page, tmp_path):
    """In a real browser: on screen the links and the days under the activity chart, none
    touching another; on paper no links, no heading or row cut from what follows it, and
    the rows to work on now still shaded (a browser leaves backgrounds out by default)."""
    path = tmp_path / "report.html"
    with Store.open(sample) as store:
        path.write_text(report.build_report(report_inputs(store, now=NOW)), encoding="utf-8")
    page.goto(path.as_uri())
    assert page.locator("nav").is_visible()
    boxes = page.eval_on_selector_all(
        "#activity svg text", "ts => ts.filter(t => /^Mon /.test(t.textContent))"
                              ".map(t => {const b = t.getBBox(); return [b.x, b.x + b.width]})")
    assert len(boxes) >= 3
    assert all(a[1] < b[0] for a, b in zip(boxes, boxes[1:], strict=False)), boxes  # days never overlap
    assert boxes[0][0] >= 0 and boxes[-1][1] <= 720  # nor run out of the picture
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible()

    def style(selector: str, prop: str) -> str:
        return page.eval_on_selector(selector, f"e => getComputedStyle(e)['{prop}']")

    assert style("h2", "breakAfter") == "avoid" and style("h3", "breakAfter") == "avoid"
    assert style("tbody tr", "breakInside") == "avoid"
    assert style("figure.chart", "breakInside") == "avoid"
    assert style("tr.batch td", "printColorAdjust") == "exact"
    assert page.pdf(format="A4")[:5] == b"%PDF-"  # one readable layout to print


#: Words of the analytics a new user does not know, and the plain words said instead.
JARGON = ("deepest referral chain", "door opener", "conversion", "share of identified",
          "identified", "open actions", "overdue action", "in the store", "in your store",
          "check", "rebooked")


def _jargon(text: str) -> list[str]:
    return [word for word in JARGON if re.search(rf"\b{word}s?\b", text)]


def _outcomes_page_text(store) -> str:
    from infoview.widgets.outcomes import OutcomesDashboard

    panel = OutcomesDashboard(store, now=NOW)
    panel.funnel_by.value = "warmth"  # the split funnel's columns too
    shown = [panel.headline_html.value, *(pane.value for pane in panel.panes.values())]
    panel.funnel_by.value = "overall"
    shown += [panel.headline_html.value, panel.panes["Funnel"].value]
    return lxml.html.fromstring("<div>" + "".join(shown) + "</div>").text_content().lower()


def _outcomes_headers(store_path) -> set[str]:
    from infoview.widgets.outcomes import OutcomesDashboard

    with Store.open(store_path) as store:
        panel = OutcomesDashboard(store, now=NOW)
    shown = lxml.html.fromstring("<div>" + panel.panes["Funnel"].value + "</div>")
    return {th.text_content().strip().lower() for th in shown.xpath("//th")}


def test_the_outcomes_page_says_its_labels_in_plain_words(sample):
    """Seen by a new user: cards and tabs said "deepest referral chain", "Door openers",
    "Conversion", "Share of identified" and "open actions"."""
    with Store.open(sample) as store:
        text = _outcomes_page_text(store)
    assert not _jargon(text), _jargon(text)
    assert "count" not in _outcomes_headers(store_path=sample)  # "people", "meetings"
    for words in ("longest chain of introductions", "who introduced you to the most people",
                  "on your list", "share of the step before", "follow-ups to do"):
        assert words in text, words


def test_the_outcomes_page_of_a_new_user_says_what_is_missing_in_plain_words(tmp_path):
    """An empty Outcomes page said "no people in the store"."""
    with Store.open(tmp_path / "new.sqlite") as store:
        text = _outcomes_page_text(store)
    assert not _jargon(text), _jargon(text)
    assert "no people saved yet" in text

"""Parsing once, organization facts from metadata and prose, main text and summaries, news."""

from __future__ import annotations

from infoview.research.extract.maintext import main_text, summarize
from infoview.research.extract.news import extract_news
from infoview.research.extract.organization import name_from_title, organization_facts
from infoview.research.extract.page import parse_page


def _page(html: str | bytes, url: str = "https://a.example/", encoding: str | None = "utf-8"):
    body = html.encode() if isinstance(html, str) else html
    return parse_page(body, url, encoding)


def test_empty_body_is_a_warning_not_an_error():
    page = _page(b"   ")
    assert page.tree is None
    assert page.warnings and "empty" in page.warnings[0]
    assert organization_facts(page) == {} and extract_news(page) == []


def test_charset_from_the_meta_tag_when_the_fetcher_gave_none():
    html = '<html><head><meta charset="windows-1252"><title>Café Zoë</title></head></html>'
    assert _page(html.encode("cp1252"), encoding=None).title == "Café Zoë"


def test_script_and_style_text_is_not_page_text():
    page = _page("<body><p>Visible</p><script>var hidden = 1;</script><style>p{}</style></body>")
    assert page.text == "Visible"


def test_metadata_beats_prose():
    page = _page("""<html><head><script type="application/ld+json">
      {"@type": "Corporation", "name": "Acme Tools", "foundingDate": "1950-06-01",
       "address": {"addressLocality": "Sheffield", "addressCountry": "UK"}}</script></head>
      <body><p>Acme is a tool company based in Leeds, founded in 1962.</p></body></html>""")
    facts = organization_facts(page)
    assert facts["name"] == "Acme Tools"
    assert facts["founded"] == "1950"
    assert facts["location"] == "Sheffield, UK"
    assert facts["industry"] == "tool"


def test_prose_fills_what_metadata_lacks():
    page = _page("<p>Northwind is an award-winning logistics company headquartered in "
                 "Rotterdam, Netherlands. Established in 2001.</p>")
    assert organization_facts(page) == {"industry": "logistics",
                                         "location": "Rotterdam, Netherlands", "founded": "2001"}


def test_name_from_title_skips_generic_parts():
    assert name_from_title(_page("<title>Home | Quayside Analytics</title>")) == "Quayside Analytics"
    assert name_from_title(_page("<title>Welcome to Brightwater</title>")) == "Brightwater"
    assert name_from_title(_page("<title>Atelier Rousseau – Meubles à Lyon</title>"
                                 "<h1>Atelier Rousseau</h1>")) == "Atelier Rousseau"


def test_main_text_leaves_out_navigation_and_summary_is_short():
    html = ("<html><body><nav><a href='/'>Home</a><a href='/a'>About</a></nav><article>"
            "<h1>About us</h1>"
            + "".join(f"<p>Sentence number {i} explains at some length what the company does "
                      f"for its customers every day.</p>" for i in range(8))
            + "</article><footer>Cookie settings. All rights reserved.</footer></body></html>")
    text = main_text(html.encode(), "https://a.example/about")
    assert "Sentence number 0" in text and "Cookie settings" not in text
    summary = summarize(text)
    assert summary.startswith("Sentence number 0") and len(summary) <= 500
    assert summarize("") is None


def test_news_items_newest_first_with_undated_last():
    page = _page("""<main><h1>News</h1>
      <article><h2><a href="/n/old">An older announcement</a></h2>
        <time datetime="2023-01-05">5 Jan</time></article>
      <article><h2><a href="/n/undated">An announcement with no date</a></h2></article>
      <article><h2><a href="/news/2025/02/10/new">The newest announcement</a></h2></article></main>""",
                 url="https://a.example/news/")
    assert [(n.title, n.date, n.url) for n in extract_news(page)] == [
        ("The newest announcement", "2025-02-10", "https://a.example/news/2025/02/10/new"),
        ("An older announcement", "2023-01-05", "https://a.example/n/old"),
        ("An announcement with no date", None, "https://a.example/n/undated"),
    ]


def test_text_of_reads_the_same_with_and_without_invisible_elements():
    # text_of takes lxml's text iterator for plain elements and walks the others itself;
    # both must give one line with the invisible parts left out and the tails kept
    from infoview.research.extract.page import clean, in_chrome, text_of

    page = _page('<body><div id="plain"> Jane\xa0 <b>Doe</b>\n<i>CEO</i> </div>'
                 '<div id="icon"><svg><text>star</text></svg>Jane <b>Doe</b> <script>x=1</script>'
                 'CEO</div><header><p id="top">Menu</p></header></body>')
    tree = page.tree
    plain, icon, top = (tree.get_element_by_id(i) for i in ("plain", "icon", "top"))
    assert text_of(plain) == "Jane Doe CEO" == text_of(icon)
    assert clean(" a\u2003b\n\t") == "a b" and clean(None) == ""
    assert in_chrome(top) and not in_chrome(plain)
    assert page.flat_text == "Jane Doe CEO Jane Doe CEO Menu"


def test_parsed_elements_keep_the_html_element_methods():
    from lxml.html import HtmlElement

    page = _page('<body><form><input name="q"><label>Find</label></form><p>Hi</p></body>')
    assert all(isinstance(el, HtmlElement) for el in page.tree.iter("form", "input", "p"))
    assert page.tree.find(".//form").text_content() == "Find"

"""Page types with a confidence, main text without chrome, testimonials and undated cards."""

from __future__ import annotations

from infoview.research.extract.content import content_lines
from infoview.research.extract.maintext import main_text
from infoview.research.extract.news import extract_news
from infoview.research.extract.page import parse_page
from infoview.research.extract.pagetype import page_type
from infoview.research.extract.people import extract_people


def _page(html: str, url: str = "https://a.example/"):
    return parse_page(html.encode(), url, "utf-8")


_TEAM_CARDS = "".join(
    f"<div class='card'><h3>{name}</h3><p>{title}</p></div>"
    for name, title in [("Ada Brennan", "Chief Executive Officer"),
                        ("Tomas Ruiz", "Head of Engineering"),
                        ("Lena Kowalski", "Product Designer")])


def test_a_page_of_people_cards_is_a_team_page_whatever_its_link_said():
    page = _page(f"<html><body><h1>Who does the work</h1>{_TEAM_CARDS}</body></html>",
                 "https://a.example/company/crew")
    people = extract_people(page)
    found = page_type(page, fetched_as="about", people=len(people))
    assert len(people) == 3 and found.type == "team"
    assert found.url == "https://a.example/company/crew"


def test_metadata_and_structure_agreeing_are_surer_than_a_path_alone():
    news_items = "".join(
        f"<article><h2><a href='/press/item-{i}'>Quarterly results number {i} announced</a>"
        f"</h2><time datetime='2025-0{i}-01'>{i} 2025</time></article>" for i in range(1, 5))
    rich = _page("<html><head><script type='application/ld+json'>"
                 "{\"@type\": \"CollectionPage\"}</script></head><body>"
                 f"{news_items}</body></html>", "https://a.example/press/")
    dated = [n for n in extract_news(rich) if n.date]
    sure = page_type(rich, fetched_as="news", dated_news=len(dated))
    thin = page_type(_page("<p>Nothing here yet.</p>", "https://a.example/press/"))
    assert sure.type == thin.type == "news"
    assert sure.confidence > 0.8 > 0.5 > thin.confidence


def test_a_page_with_no_evidence_is_other_with_no_confidence():
    found = page_type(_page("<p>Plain words.</p>", "https://a.example/x7/q"))
    assert (found.type, found.confidence) == ("other", 0.0)


def test_home_path_and_contact_form_are_recognised():
    assert page_type(_page("<p>Hi</p>", "https://a.example/")).type == "home"
    contact = _page("<body><h1>Write to us</h1><address>1 Quay St, Leeds</address>"
                    "<p>Call +44 113 496 0000</p><form><input name='email'></form></body>",
                    "https://a.example/reach")
    assert page_type(contact).type == "contact"


def test_content_leaves_out_menus_buttons_cookie_banners_and_site_footer():
    html = """<html><body>
      <div class="site-header"><a href="/">Acme</a></div>
      <ul><li><a href="/a">Products</a></li><li><a href="/b">Pricing</a></li>
          <li><a href="/c">Docs</a></li><li><a href="/d">Blog</a></li></ul>
      <section><h1>Acme builds quiet pumps</h1>
        <p>Our pumps move water for farms across three continents.</p>
        <div class="tab" hidden><p>Folded answer: yes, they run on solar power.</p></div>
        <a class="btn" href="/demo">Book a demo</a></section>
      <div id="cookie-banner">We use cookies to improve your experience.</div>
      <footer>© Acme. All rights reserved.</footer></body></html>"""
    lines = content_lines(_page(html).tree)
    assert lines == ["Acme builds quiet pumps",
                     "Our pumps move water for farms across three continents.",
                     "Folded answer: yes, they run on solar power."]
    assert main_text(html.encode(), "https://a.example/") == "\n".join(lines)


def test_a_wrapper_named_like_chrome_around_the_whole_page_is_kept():
    # themes wrap the whole page in "off-canvas" or "sidebar layout" containers
    html = ("<body><div class='sidebar-layout'>"
            + "".join(f"<p>Paragraph {i} says what the firm does for its clients.</p>"
                      for i in range(5)) + "</div></body>")
    assert len(content_lines(_page(html).tree)) == 5


def test_testimonial_authors_and_quote_authors_are_not_people():
    html = f"""<body><h2>Our team</h2>{_TEAM_CARDS}
      <div class="testimonials"><div class="slide"><p>"They saved our harvest."</p>
        <h4>Maria Jensen</h4><p>Operations Manager, Fieldfresh</p></div></div>
      <blockquote><p>"Best pumps we ever bought."</p>
        <footer><strong>Oskar Lind</strong>, Head of Procurement at Nordmill</footer></blockquote>
      <figure class="quote"><figcaption><b>Priya Natarajan</b><span>Director, Agri Co</span>
      </figcaption></figure></body>"""
    names = {p.name for p in extract_people(_page(html))}
    assert names == {"Ada Brennan", "Tomas Ruiz", "Lena Kowalski"}


def test_undated_product_cards_are_not_news():
    cards = "".join(
        f"<div class='card'><h3><a href='/products/{slug}'>{title}</a></h3>"
        f"<p>From $49 a month. Ships in two days.</p></div>"
        for slug, title in [("flow", "Flow pump for small farms"),
                            ("surge", "Surge pump for irrigation"),
                            ("mini", "Mini pump for gardens")])
    page = _page(f"<body><h1>News and products</h1>{cards}"
                 "<article><h2><a href='/news/solar'>Acme opens a solar pump factory</a></h2>"
                 "<time datetime='2025-04-02'>2 April 2025</time></article></body>",
                 "https://a.example/news/")
    dated = [(n.title, n.date) for n in extract_news(page) if n.date]
    undated = [n.title for n in extract_news(page) if not n.date]
    assert dated == [("Acme opens a solar pump factory", "2025-04-02")]
    assert undated == []

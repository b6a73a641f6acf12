"""People research on shapes of real pages that the first rules missed (issue 17, the
round that judged every rule on a held-out half of the annotated pages).

Every page here is invented for the test (names, firms, towns), written after shapes seen
on real small-business pages; each test fails without the rule it names.
"""

from __future__ import annotations

from infoview.research.extract.page import parse_page
from infoview.research.extract.people import extract_people


def _everyone(html: str) -> dict[str, tuple[str | None, str]]:
    page = parse_page(f"<html><body>{html}</body></html>".encode(), "https://a.example/", "utf-8")
    return {p.name: (p.title, p.kind) for p in extract_people(page, everyone=True)}


def test_a_bio_that_calls_someone_by_an_unknown_given_name_vouches_for_it():
    # "Tavin" and "Oskel" are in no census list: the bio calling them so is the evidence
    found = _everyone("""<h2>About Us</h2>
      <div><b>Tavin Quarrell</b></div>
      <div>As co-founder, Tavin brings twenty years of building experience to every job. His
        crews have framed more than four hundred homes in the valley.</div>
      <div><b>Oskel Varnum</b></div>
      <div>Oskel grew up on a dairy farm and still keeps the books the way his mother taught
        him, one column at a time.</div>""")
    assert found["Tavin Quarrell"] == ("co-founder", "staff")
    assert "Oskel Varnum" in found


def test_a_nickname_in_brackets_stays_inside_the_name():
    found = _everyone("""<div><b>Walden (Buck) Ferrow</b></div>
      <div>Buck started as a roofer at sixteen and has run the company since he bought it in
        2004 from his uncle.</div>""")
    assert "Walden (Buck) Ferrow" in found


def test_a_product_blurb_under_a_bold_label_is_no_bio():
    found = _everyone("""<div><b>Ledger Sync</b></div>
      <div>Ledger keeps your accounts in step with the bank, and it tells you when anything
        does not match so you can fix it.</div>
      <div><b>Morning Brief</b></div>
      <div>Morning report that sums up what happened overnight in your market, sent daily at
        six.</div>""")
    assert found == {}


def test_a_long_first_row_of_a_layout_table_is_no_header_naming_a_name_column():
    found = _everyone("""<table><tr><td>Find a school: enter the School Name, the town or
      the zip code below and press search</td><td>District news: the board has filled the
      open teaching position at the high school</td><td></td></tr>
      <tr><td>Brookfield Primary School</td><td>Marlow Heath</td><td>02 - 05</td></tr>
      <tr><td>Castleton Middle School</td><td>Ashby Vale</td><td>06 - 08</td></tr></table>""")
    assert found == {}


def test_the_rows_of_a_nested_table_are_not_read_with_the_outer_table_s_columns():
    found = _everyone("""<table><tr><th>Name</th><th>Role</th></tr>
      <tr><td>Idris Calloway</td><td>Branch Manager</td></tr>
      <tr><td colspan="2"><table><tr><td>Orchard Grove</td><td>Weekdays 8 to 6</td></tr>
      </table></td></tr></table>""")
    assert found == {"Idris Calloway": ("Branch Manager", "staff")}


def test_a_heading_over_links_to_its_sub_pages_is_no_person_with_a_title():
    found = _everyone("""<div class="module"><h2>Tenancy Law</h2><div><ul>
      <li><a href="/tenancy/deposit-officer-disputes/">Deposit Officer Disputes</a></li>
      <li><a href="/tenancy/eviction/">Eviction Defence</a></li>
      <li><a href="/tenancy/repairs/">Repairs and Disrepair</a></li></ul></div></div>""")
    assert found == {}


def test_a_heading_over_its_one_linked_title_is_still_a_person():
    found = _everyone("""<div class="card"><h3>Ottilie Marsh</h3>
      <a href="/team/ottilie-marsh/">Managing Partner</a></div>""")
    assert found == {"Ottilie Marsh": ("Managing Partner", "staff")}


def test_words_after_a_capitalised_word_and_an_ampersand_end_a_firm_s_name():
    found = _everyone("<footer><p>Copyright 2019 © Hartley &amp; Son Joinery - fitted kitchens "
                      "and staircases made in Ramsgate. | Find us</p></footer>")
    assert found == {}


def test_a_byline_alone_on_its_line_names_its_author_whatever_the_given_name():
    found = _everyone("""<h2>Five ways to keep a kitchen fitting on schedule</h2>
      <p>by Tamsyn Grewcock</p>
      <p>I have a confession to make: our last fitting ran two weeks late. Here is what we
        learned about ordering worktops early.</p>
      <p>Posted by Site Editor</p>""")
    assert found == {"Tamsyn Grewcock": (None, "named")}


def test_a_definition_list_of_offers_names_no_one():
    found = _everyone("""<dl class="collapsible">
      <dt>Colour Consultations</dt><dd><strong>Stuck on paint?</strong> Book a free visit and
        we bring the swatches.</dd>
      <dt>Sewing Workshops</dt><dd>Learn to make your own curtains in two evenings.</dd>
      <dt>Greta Holloway</dt><dd>Our founder answers every letter herself.</dd></dl>""")
    assert set(found) == {"Greta Holloway"}


def test_a_row_of_names_over_a_row_of_their_titles_is_a_team():
    found = _everyone("""<h3>The Pinout Team</h3><table>
      <tr><td><img src="a.jpg" alt=""></td><td><img src="b.jpg" alt=""></td></tr>
      <tr><td>Joran Åkesson</td><td>Vilgot Strand</td></tr>
      <tr><td>Creator and editor</td><td>Alumni editor</td></tr></table>
      <table><tr><td>Sea Cliff</td><td>Mill Neck</td></tr>
      <tr><td>Open daily</td><td>Closed Sundays</td></tr></table>""")
    assert found == {"Joran Åkesson": ("Creator and editor", "staff"),
                     "Vilgot Strand": ("Alumni editor", "staff")}


def test_the_next_name_of_a_list_under_a_role_heading_takes_the_role_too():
    found = _everyone("""<h2>Partners</h2><p>3 found.</p>
      <div>Margaret L. Osgood</div><div>Peter Vantongeren</div><div>Eero Lindqvist</div>
      <h2>Associates</h2><div>Laura Benning</div>""")
    assert found["Eero Lindqvist"] == ("Partner", "staff")
    assert found["Laura Benning"] == ("Associate", "staff")


def test_a_middle_initial_without_its_full_stop_is_no_article():
    found = _everyone("""<p>Doctors serving this office.</p><blockquote><ul>
      <li><a href="/doctors/1">Martin A Keeble, M.D.</a></li>
      <li><a href="/doctors/2">Susan J Keeble, M.D.</a></li></ul></blockquote>""")
    assert set(found) == {"Martin A Keeble", "Susan J Keeble"}


def test_a_blockquote_that_indents_a_list_quotes_no_one():
    found = _everyone("""<blockquote>“The nicest practice I have been to in years, and they
      were on time.”<p>- Maureen Tolliver</p></blockquote>
      <p>Doctors serving this office.</p><blockquote><ul>
      <li>Susan J. Keeble, M.D.</li></ul></blockquote>""")
    assert found["Susan J. Keeble"][1] != "quoted"
    assert found["Maureen Tolliver"][1] == "quoted"


def test_a_blog_s_posted_by_line_names_its_author():
    found = _everyone("""<h3>Five home improvements that make things worse</h3>
      <p>Posted by: Tobias Wrenfield Posted on: August 21st, 2013 4 Comments</p>
      <p>This post is about the upgrades we are asked to undo every spring.</p>""")
    assert found == {"Tobias Wrenfield": (None, "named")}


def test_a_signature_written_in_capitals_is_read_as_a_name():
    found = _everyone("""<div class="testimonials">
      <p>I truly feel these vitamins helped both me and my baby, and I will keep taking them
        while nursing. Thank you so much!</p>
      <p>ZELIMIRA OKONKWO</p><p><a href="/reviews">Read More Testimonials</a></p></div>""")
    assert found == {"Zelimira Okonkwo": (None, "quoted")}


def test_a_name_between_entries_of_a_list_of_people_is_the_next_entry():
    found = _everyone("""<h3>Thanks to</h3>
      <p>We would especially like to thank the following people:</p>
      <p>Karl Halvorsen, for hosting the guide in its first years.</p>
      <p>Robert Gilmour, for sending many careful corrections.</p>
      <p>Dusan Vrtal, for sending many careful corrections.</p>
      <p>Maria Lindgren, for the drawings of every connector.</p>
      <p>Grand Central, for nothing at all.</p>""")
    assert set(found) == {"Karl Halvorsen", "Robert Gilmour", "Dusan Vrtal", "Maria Lindgren"}


def test_people_in_the_main_content_count_even_when_broken_markup_nests_it_in_a_menu():
    # an unclosed <li> of a mega menu leaves <main> inside the <nav> as a parser reads it
    found = _everyone("""<nav><ul><li class="megaMenu__li">Services
      <main><h2>Leadership</h2><div class="contactCard"><div>Anselm Pickering</div>
      <div>Anselm is a Managing Director at the firm. He leads the security practice.</div>
      </div></main></li></ul></nav>""")
    assert found["Anselm Pickering"] == ("Managing Director", "staff")


def test_a_title_in_a_bio_ends_before_where_the_person_works():
    found = _everyone("""<h2>Leadership</h2><div><b>Odile Brennan</b></div>
      <div>Odile is a Managing Director within Harwick’s Risk Practice, where she leads its audit
        work.</div><div><b>Tobias Ferrante</b></div>
      <div>Tobias is a Senior Director based in Harwick’s Leeds office. He joined in 2009.</div>""")
    assert found["Odile Brennan"][0] == "Managing Director"
    assert found["Tobias Ferrante"][0] == "Senior Director"


def test_no_one_signs_a_quotation_across_a_heading():
    found = _everyone("""<div class="testimonial">We cut our audit findings by half in a
      single year with their help, and the board noticed.</div>
      <h2>Leadership</h2><p>Robert Castellane</p>
      <p>Robert is our managing director. He leads every engagement himself.</p>""")
    assert found["Robert Castellane"] == ("managing director", "staff")


def test_a_testimonial_signed_with_a_given_name_and_an_initial_needs_no_census():
    found = _everyone("""<div class="testimonials">
      <p>Our new windows made a huge difference to the house, and the fitters cleaned up
        after themselves every single day.</p><p>Tiernan K. , Brampton</p>
      <p>We noticed the heating bill drop in the very first month after the installation
        was finished.</p><p>Mr &amp; Mrs. Anwen V. , North York</p></div>""")
    assert set(found) == {"Tiernan K.", "Anwen V."}
    assert {kind for _, kind in found.values()} == {"quoted"}


def test_what_follows_a_person_and_a_dash_is_their_firm_not_a_second_person():
    found = _everyone("""<div class="testimonials">
      <p>“So happy with the designs for the new website, well done. It is literally perfect!
        Thank you so much.”</p><p>Rosalind Pryor - Rosalind Interiors</p></div>""")
    assert set(found) == {"Rosalind Pryor"}


def test_a_family_name_spelt_like_a_month_after_a_given_name():
    found = _everyone("""<p>Since 2006 the festival has been under the capable direction of
      Nadine May who has made sure it grew in stature every year. The next one opens in
      May 2015.</p>""")
    assert set(found) == {"Nadine May"}

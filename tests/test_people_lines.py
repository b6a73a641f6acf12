"""People in the plain shapes of small-business pages (issue 17), read line by line.

Every page here is invented for the test (names, firms, towns), written after the shapes
found on real small-business pages: "Name, Title" lines, a name over its title, titles only
in a bio or a section heading, credentials, testimonial signatures, bylines, and the
Title-Case things that are not people (services, towns, menu labels, form tables).
"""

from __future__ import annotations

from infoview.research.extract.page import parse_page
from infoview.research.extract.people import extract_people
from infoview.research.extract.people_lines import name_words, title_phrase


def _everyone(html: str) -> dict[str, tuple[str | None, str]]:
    page = parse_page(f"<html><body>{html}</body></html>".encode(), "https://a.example/", "utf-8")
    return {p.name: (p.title, p.kind) for p in extract_people(page, everyone=True)}


def test_name_comma_title_lines_in_a_plain_list():
    found = _everyone("""<h2>Management</h2><ul>
      <li>Norah Whitfield, Chief Executive Officer</li>
      <li>Glen Ashcombe, Director of Field Operations</li>
      <li>Wendell Pryce, Director, Finance &amp; Administration</li></ul>""")
    assert found == {"Norah Whitfield": ("Chief Executive Officer", "staff"),
                     "Glen Ashcombe": ("Director of Field Operations", "staff"),
                     "Wendell Pryce": ("Director, Finance & Administration", "staff")}


def test_name_dash_title_with_a_sentence_after_it():
    found = _everyone("<p>Maura Lindqvist – Practice Manager of the Lindqvist Clinic. Maura "
                      "keeps the diary.</p><p>Tobin Reyes - Estimator</p>")
    assert found["Maura Lindqvist"] == ("Practice Manager", "staff")
    assert found["Tobin Reyes"] == ("Estimator", "staff")


def test_a_name_over_its_title_in_plain_blocks():
    found = _everyone("""<div><div>Harriet Vance</div><div>Outside Sales Representative</div>
      <div>780-555-0101</div><div>Colin Marsh</div><div>Controller</div></div>""")
    assert found == {"Harriet Vance": ("Outside Sales Representative", "staff"),
                     "Colin Marsh": ("Controller", "staff")}


def test_bold_inline_styled_name_with_the_title_in_the_next_block():
    found = _everyone("""<div><div style="font-weight: bold">Petra Okonjo</div>
      <div>Hygiene Coordinator</div></div>""")
    assert found == {"Petra Okonjo": ("Hygiene Coordinator", "staff")}


def test_a_label_line_before_the_name_is_its_title():
    found = _everyone("<table><tr><td><b>Head of School:</b></td></tr>"
                      "<tr><td>Linus P. Harrow</td></tr></table>")
    assert found == {"Linus P. Harrow": ("Head of School", "staff")}


def test_a_title_only_in_the_bio_under_the_name():
    found = _everyone("""<h3>Desmond Acheson</h3>
      <p>As co-founder, Desmond looks after every estimate we send. He grew up in Ohio.</p>
      <h3>Imelda Brandt</h3>
      <p>Imelda has been a licensed real estate broker since 1998 and knows every street.</p>""")
    assert found["Desmond Acheson"] == ("co-founder", "staff")
    assert found["Imelda Brandt"] == ("licensed real estate broker", "staff")


def test_a_title_inside_a_sentence_that_names_the_person():
    found = _everyone("<p>Clarissa Moen is admissions director at the Harbour Institute. "
                      "Write to her with any question.</p><p>Patient Coordinator, Ruth Ebsen, "
                      "RN, is the first person you will meet.</p>")
    assert found["Clarissa Moen"] == ("admissions director", "staff")
    assert found["Ruth Ebsen"] == ("Patient Coordinator", "staff")


def test_a_section_heading_gives_everyone_under_it_their_role():
    found = _everyone("""<h2>Our Dentists</h2><p><b>Dr. Anselm Kowalczyk</b></p>
      <p><b>Dr. Berit Holmgaard</b></p>""")
    assert found == {"Anselm Kowalczyk": ("Dentist", "staff"),
                     "Berit Holmgaard": ("Dentist", "staff")}


def test_credentials_after_a_name_are_not_part_of_it():
    found = _everyone("""<p>Yvette Carmody, RDH</p><p>Lorna Speight, DA, EFDA</p>
      <p>HOLLIS GRANGER, M.D.</p><p>Ambrose Tully, CPA - Senior Accountant</p>""")
    assert found["Yvette Carmody"] == ("RDH", "named")  # a licence, not a job at the firm
    assert found["Lorna Speight"] == ("DA, EFDA", "named")
    assert "Hollis Granger" in found
    assert found["Ambrose Tully"] == ("Senior Accountant", "staff")


def test_testimonial_signatures_and_reviews_are_quoted_not_staff():
    found = _everyone("""<p>“They rebuilt our porch in a week and cleaned up after themselves.”</p>
      <p>- Rosalie Dunmore, Eastfield</p>
      <p>I was nervous about my first crown, but the whole team made it painless.</p>
      <p>5by Hector Alvey (March 3, 2013)</p>""")
    assert found == {"Rosalie Dunmore": (None, "quoted"), "Hector Alvey": (None, "quoted")}
    assert extract_people(parse_page(b"<p>\xe2\x80\x9cThey rebuilt our porch in a week and "
                                     b"cleaned up.\xe2\x80\x9d</p><p>- Rosalie Dunmore</p>",
                                     "https://a.example/")) == []


def test_a_section_of_client_quotes_makes_its_names_customers():
    found = _everyone("""<h2>What our clients say</h2><p>Fast and friendly.</p>
      <h4>Marguerite Osei</h4><p>Operations Director</p>""")
    assert found == {"Marguerite Osei": ("Operations Director", "quoted")}


def test_bylines_name_authors_without_making_them_staff():
    found = _everyone("<h3>Five ways to plan a kitchen</h3><p>by Wilhelmina Tarrant</p>"
                      "<p>Start with the sink, then the light.</p>")
    assert found == {"Wilhelmina Tarrant": (None, "named")}


def test_a_credit_naming_another_firm_is_not_staff():
    found = _everyone("<p>Lucinda Farrow, Art Director, Brightwater Agency</p>")
    assert found["Lucinda Farrow"][1] == "named"


def test_names_inside_sentences_need_a_known_given_name():
    found = _everyone("<p>Last spring Margaret Ellery visited our showroom with her dog. "
                      "Rivermead Kitchens fitted it.</p>")
    assert found == {"Margaret Ellery": (None, "named")}


def test_services_towns_menus_and_form_tables_are_not_people():
    found = _everyone("""<ul><li>Ball Valves</li><li>Loan Calculator</li><li>Photo Gallery</li></ul>
      <p><b>Cloud Consulting</b></p><p>Managed Services Specialists</p>
      <p>Cedar Hollow, NJ</p><p>Granite Falls, MN 55241</p>
      <table><tr><td>Name</td><td>Phone Number</td></tr><tr><td>Street Address</td><td></td></tr>
      <tr><td>Zip Code</td><td></td></tr></table>""")
    assert found == {}


def test_name_words_know_given_names_and_page_vocabulary():
    assert name_words("Abigail Farnsworth", set(), strict=True) == ["Abigail", "Farnsworth"]
    assert name_words("Dr. Obi Nwankwo", set(), strict=True) == ["Obi", "Nwankwo"]
    assert name_words("Kestrel Farnsworth", set(), strict=True) is None  # no given name
    assert name_words("Kestrel Farnsworth", set(), strict=False) == ["Kestrel", "Farnsworth"]
    assert name_words("Abigail Gardens", {"gardens"}, strict=False) is None
    assert name_words("Harris Dermatology", set(), strict=True) is None  # mostly a family name


def test_titles_need_a_role_word():
    assert title_phrase("Inside Sales Representative", whole=True)
    assert title_phrase("Hygienist", whole=True)
    assert title_phrase("Founder of the Thornbury Studio who paints") == "Founder"
    assert title_phrase("Shower Screens", whole=True) is None
    assert title_phrase("included on a list of lawyers") is None


def test_an_initial_a_or_i_is_part_of_the_name_not_a_word_of_speech():
    found = _everyone("<p>Dr. Oswin A. Pellegrini is a facial plastic surgeon certified by two "
                      "boards, and he has taught injection techniques for twelve years.</p>")
    title, kind = found["Oswin A. Pellegrini"]
    assert kind == "staff" and title.startswith("facial plastic surgeon")
    assert name_words("Helen I. Solberg", set(), strict=True) == ["Helen", "I.", "Solberg"]
    assert name_words("Read A Review", set(), strict=False) is None  # the article stays a word


def _candidates(html: str) -> dict[str, object]:
    from infoview.research.extract.people import people_candidates

    page = parse_page(f"<html><body>{html}</body></html>".encode(), "https://a.example/", "utf-8")
    return {c.name: c for c in people_candidates(page)}


def test_a_job_word_before_a_name_is_its_title_and_never_the_card_above():
    cands = _candidates("<h3>Faculty</h3><p>Imogen Castellano</p><p>Professor Tobias Wendlandt</p>"
                        "<p>Ruairi Okafor</p>")
    assert cands["Tobias Wendlandt"].guess == "Professor"
    assert cands["Imogen Castellano"].guess != "Professor Tobias Wendlandt"
    found = _everyone("<p>Imogen Castellano</p><p>Professor Tobias Wendlandt</p>")
    assert found.get("Imogen Castellano", (None,))[0] is None


def test_brands_and_versioned_products_are_not_names():
    cands = _candidates("<p>Pick a model: Harlow Quill 2.1 or Bexley Standard.</p>"
                        "<p>ZapLoom Studio</p><p>Made with JotBarrow Forms and MacKinnon Tully</p>")
    assert "Harlow Quill" not in cands and "ZapLoom Studio" not in cands
    assert "MacKinnon Tully" in cands
    assert name_words("ZapLoom Studio", set(), strict=False) is None
    assert name_words("Ida McCallister", set(), strict=True) == ["Ida", "McCallister"]


def test_a_name_under_words_in_quote_marks_signs_them_even_with_a_title_and_no_given_name():
    found = _everyone("""<p>“Their planning tool took a week off every launch we ran this year,
      and our whole team now lives in it.”</p><p>Kestrel Farnsworth</p><p>VP Digital Marketing</p>
      <p>“We moved every site over in a single afternoon without one broken page.”</p>
      <p>Oriel Vantongeren, Founder of Quillfield</p>""")
    assert {name: kind for name, (_, kind) in found.items()} == {
        "Kestrel Farnsworth": "quoted", "Oriel Vantongeren": "quoted"}


def test_a_card_after_a_first_person_bio_without_quote_marks_is_still_staff():
    found = _everyone("""<p>Bryony Castell</p><p>Lead Designer</p><p>I have drawn kitchens for twenty
      years and my favourite part is the first sketch with a client.</p>
      <p>Kestrel Farnsworth</p><p>Site Manager</p>""")
    assert found["Kestrel Farnsworth"] == ("Site Manager", "staff")


def test_a_list_of_credits_to_other_firms_makes_its_few_plain_entries_credits_too():
    # the firms of the last two are words the page also writes in lower case
    found = _everyone("""<p>Our graduates now work at studios everywhere: bright ideas, cold
      brew and careful work.</p>
      <p>Orla Penhallow — Designer, Kittering Studio</p><p>View</p>
      <p>Ned Ashworth — Art Director, The Marlow Group</p><p>View</p>
      <p>Hester Quayle — Founder, Quayle Works</p><p>View</p>
      <p>Ines Varga — Graphic Designer, Bright Ideas</p><p>View</p>
      <p>Tomasz Wilde — Graphic Designer, Cold Brew</p><p>View</p>""")
    assert {name: kind for name, (_, kind) in found.items()} == {
        "Orla Penhallow": "named", "Ned Ashworth": "named", "Hester Quayle": "named",
        "Ines Varga": "named",
        "Tomasz Wilde": "named"}


def test_a_heading_between_quotes_and_the_team_ends_the_list_of_quotes():
    found = _everyone("""<p>“The crew fixed our roof in a day and left the garden tidy.”</p>
      <h4>Rosalind Okoro</h4><p>“Quick, friendly and fair on price for the whole job.”</p>
      <h4>Barnaby Quell</h4><p>“We would call them again for any repair at all.”</p>
      <h4>Winifred Sallow</h4><p>Office Manager</p>
      <h2>Our team</h2><h4>Cosmo Hartigan</h4><p>Site Foreman</p>""")
    assert found["Cosmo Hartigan"] == ("Site Foreman", "staff")
    assert found["Rosalind Okoro"][1] == found["Barnaby Quell"][1] == "quoted"
    assert found["Winifred Sallow"][1] == "quoted"


def test_a_town_with_its_state_code_opening_a_heading_is_not_a_person():
    found = _everyone("<h2>San Aldo, CA Residential Electrician Services</h2>"
                      "<p>We wire homes across the valley.</p>")
    assert "San Aldo" not in found


def test_firms_with_their_legal_form_are_not_names_or_titles():
    cands = _candidates("<p>Our partners: Quillon Air, Marrowby Holdings Limited, and Tessaly "
                        "Freight Limited NZ dba Tessaly Freight.</p>")
    assert "Marrowby Holdings" not in cands and "Tessaly Freight Limited" not in cands
    assert all(c.guess is None or "dba" not in c.guess for c in cands.values())


def test_a_plural_role_before_names_lists_guests_not_staff():
    found = _everyone("<p>Hosted by our department, associate professors Harriet Quenby (Univ. "
                      "of Tallis) and Oren Maddox (Univ. of Brill) presented their findings.</p>")
    assert all(kind != "staff" for _, kind in found.values())


def test_a_heading_under_a_plain_name_is_the_work_it_signs_not_its_title():
    found = _everyone("""<p>Small tools people made for the web: cursor images, sounds, pixel
      editors.</p><div><p>Ottoline Graves</p><h3>Pixel Editor</h3>
      <p>Bram Castellan</p><h3>Cursor Images</h3><p>Edda Morrow</p><h3>Sound Editor</h3></div>""")
    assert all(kind != "staff" for _, kind in found.values())


def test_role_words_are_heads_of_titles_not_their_fields_or_places():
    from infoview.research.extract.vocab import job_head

    assert job_head("Director") and job_head("hygienists") and job_head("Auditor")
    # "Director of Architecture", "Receptionist, Airline Lounge": a field and a place
    assert not job_head("architecture") and not job_head("Lounge")
    assert title_phrase("Free lounge access", whole=True) is None


def test_words_of_job_titles_without_a_given_name_are_no_name():
    found = _everyone("<h1>Support Small, Buy Artisan</h1><p>Shop the makers of the county.</p>"
                      "<p>Constellation Research - Best Enterprise Software Vendor</p>")
    assert found == {}
    assert name_words("Support Small", set(), strict=False) is None
    assert name_words("Kestrel Farnsworth", set(), strict=False) == ["Kestrel", "Farnsworth"]


def test_an_acronym_after_a_name_is_a_job_and_a_family_name_may_end_in_s():
    found = _everyone("""<ul><li>Ruben Hollis, CEO</li><li>Kenton Snells, President</li>
      <li>Joanne Prewitt, COO</li></ul>""")
    assert found == {"Ruben Hollis": ("CEO", "staff"), "Kenton Snells": ("President", "staff"),
                     "Joanne Prewitt": ("COO", "staff")}
    assert name_words("Grace Gardens", set(), strict=False) is None  # a thing, with no title


def test_a_role_in_a_long_sentence_ends_at_its_head_noun():
    assert title_phrase("Facial Plastic and Reconstructive Surgeon dual board certified by the "
                        "American Board of Facial Surgery") == "Facial Plastic and Reconstructive Surgeon"
    assert title_phrase("Receive a great loan while having your own attorney on your side "
                        "through the whole purchase") is None


def test_a_title_after_a_comma_in_a_sentence_is_read_and_a_list_of_names_gives_none():
    found = _everyone("<p>For transfer questions, please contact Helena Marchetti, Program "
                      "Manager, at the front office.</p><p>Tonight: tenor Ruben Castel, the "
                      "band Oakhollow, and multi-platinum artists Mara Delune and Ike Fenn.</p>"
                      "<p>From Capt. Walter Brisbane, Realtor</p>")
    assert found["Helena Marchetti"] == ("Program Manager", "staff")
    assert found["Walter Brisbane"] == ("Realtor", "staff")
    assert found["Ruben Castel"][1] != "staff"
    assert title_phrase("and rock band Oakhollow") is None
    assert title_phrase("multi-platinum artists") is None


def test_adverbs_and_participles_are_not_names():
    cands = _candidates("<p>Marlowe: Training a Fully Open-sourced, State-of-the-Art Coding "
                        "Agent by Scaling Search</p><p>Thanks to Kelly Ahmed and Reed Donnelly.</p>")
    assert "Fully Open-sourced" not in cands
    assert "Kelly Ahmed" in cands and "Reed Donnelly" in cands



def test_a_social_feed_embedded_in_the_page_is_someone_elses_words_not_the_staff():
    feed = """<div class="feed"><div class="item"><a href="https://www.instagram.com/p/Cx81kq/">
      <span>Founded in 2011 by designer Odile Brackwater, Fernhook is a line of linen
      goods</span></a></div><div class="item"><a href="https://x.com/fernhook/status/1789">
      <span>Our buyer Tamsin Heathcote picked these for spring</span></a> shared by us</div></div>"""
    staff = """<h2>Visit us</h2><p>Questions? Our store manager Karen Ashdale answers them.</p>
      <p>Follow <a href="https://www.linkedin.com/in/karen-ashdale">Karen Ashdale</a> on LinkedIn</p>"""
    found = _everyone(feed + staff)
    assert found == {"Karen Ashdale": ("store manager", "staff"),
                     "Odile Brackwater": ("designer", "quoted"),
                     "Tamsin Heathcote": ("buyer", "quoted")}
    # the same sentence outside a post's link is the page's own word
    found = _everyone(feed.replace("https://www.instagram.com/p/Cx81kq/", "/about"))
    assert found["Odile Brackwater"] == ("designer", "staff")


def test_soft_hyphens_and_zero_width_marks_do_not_split_a_name():
    # a directory that lets long words break (&shy;), and a stray zero-width space
    found = _everyone("""<ul><li><h3>Gwen&shy;dolyn&nbsp;Tarrant</h3>
      <h4>Admin&shy;is&shy;tra&shy;tive&nbsp;Assistant</h4></li>
      <li><h3>Osric\u200b Pellham</h3><h4>Building Inspector</h4></li></ul>""")
    assert found == {"Gwendolyn Tarrant": ("Administrative Assistant", "staff"),
                     "Osric Pellham": ("Building Inspector", "staff")}


def test_every_chief_officer_acronym_is_a_title():
    found = _everyone("""<h2>Our experts</h2><div><h3>Marisol Quenby</h3><p>North America CISO</p>
      <h3>Edgar Tollen</h3><p>CHRO</p><h3>Fenna Rusk</h3><p>Group CDO</p></div>""")
    assert found == {"Marisol Quenby": ("North America CISO", "staff"),
                     "Edgar Tollen": ("CHRO", "staff"), "Fenna Rusk": ("Group CDO", "staff")}

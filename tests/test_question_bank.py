"""The shipped question bank is valid, and a user's own file merges into it by id."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from infoview.errors import BadInputFile
from infoview.questions.bank import (
    COLUMNS,
    USER_BANK_ENV,
    fill_placeholders,
    load_bank,
    placeholders_in,
    shipped_bank_path,
)
from infoview.questions.models import (
    AUDIENCES,
    CATEGORIES,
    PLACEHOLDERS,
    RESEARCH_TOPICS,
    TIARA_TAGS,
)

HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture(autouse=True)
def _no_user_bank(monkeypatch):
    monkeypatch.delenv(USER_BANK_ENV, raising=False)


def _write(tmp_path, text: str, name: str = "mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_bank_is_found_through_the_package_data_folder():
    assert shipped_bank_path().is_file()
    assert shipped_bank_path().parent.name in ("data", "_data")


def test_shipped_bank_has_at_least_150_valid_questions():
    bank = load_bank()
    assert len(bank) >= 150
    ids = [q.id for q in bank]
    assert len(ids) == len(set(ids))
    for q in bank:
        assert q.category in CATEGORIES
        assert set(q.audiences) <= set(AUDIENCES) and q.audiences
        assert set(q.answered_by_research) <= set(RESEARCH_TOPICS)
        assert set(placeholders_in(q.text)) <= set(PLACEHOLDERS)
        assert q.minutes > 0 and q.weight > 0
        assert re.fullmatch(rf"{q.category}-\d\d", q.id), q.id
        assert not q.favourite and not q.never


def test_shipped_bank_covers_every_category_audience_topic_and_tiara_tag():
    bank = load_bank()
    per_category = Counter(q.category for q in bank)
    assert all(per_category[c] >= 10 for c in CATEGORIES if c != "closing")
    assert per_category["closing"] == 2
    assert {a for q in bank for a in q.audiences} == set(AUDIENCES)
    # The bank asks for the insider's view of what research can find, so research makes its
    # questions sharper, never unnecessary: every topic is built on, none is answered.
    assert {t for q in bank for t in q.builds_on} == set(RESEARCH_TOPICS)
    assert not any(q.answered_by_research for q in bank)
    assert set(TIARA_TAGS) <= {t for q in bank for t in q.tags}


def test_closing_pair_asks_for_names_and_permission():
    closing = sorted((q for q in load_bank() if q.category == "closing"), key=lambda q: q.id)
    assert "who else" in closing[0].text.lower()
    assert "mention your name" in closing[1].text.lower()


def test_role_placeholder_always_reads_well_with_and_without_a_role():
    for q in load_bank():
        if "{role}" in q.text:
            assert re.search(r"\ba \{role\}", q.text), q.id
            assert "your role" in fill_placeholders(q.text)
            assert "an engineer" in fill_placeholders(q.text, {"role": "engineer"})


@pytest.mark.parametrize("role, expected", [
    ("analyst", "an analyst"), ("nurse", "a nurse"), ("UX designer", "a UX designer"),
    ("SEO lead", "an SEO lead"), ("university lecturer", "a university lecturer"),
    ("an editor", "an editor"), ("hour-based tutor", "an hour-based tutor"),
])
def test_role_gets_the_right_article(role, expected):
    assert expected in fill_placeholders("What makes a {role} good?", {"role": role})


def test_missing_role_keeps_the_sentence_capitalised():
    assert fill_placeholders("A {role} often travels. As a {role}, what helps?") == (
        "Someone in your role often travels. In your role, what helps?")


def test_neutral_fills_replace_missing_values():
    text = "How did you come to {company} from {industry} in {profession}?"
    assert fill_placeholders(text) == "How did you come to your company from your industry in your field?"
    assert fill_placeholders(text, {"company": "  ", "industry": None}) == fill_placeholders(text)


def test_braces_in_a_value_cannot_leave_a_placeholder():
    filled = fill_placeholders("At {company}?", {"company": "{role} Ltd"})
    assert placeholders_in(filled) == [] and filled == "At role Ltd?"


def test_user_file_adds_a_question_and_overrides_one_by_id(tmp_path):
    mine = _write(tmp_path, HEADER
                  + 'mine-01,role,2,5,student,,insights,"Which meeting of your week matters most?"\n'
                  + 'path-01,path,4,,,,,"How did you get into {industry}?"\n')
    bank = {q.id: q for q in load_bank(user_file=mine)}
    shipped = {q.id: q for q in load_bank()}
    assert len(bank) == len(shipped) + 1
    assert bank["mine-01"].audiences == ["student"] and bank["mine-01"].weight == 5
    assert bank["path-01"].text == "How did you get into {industry}?"
    assert bank["path-01"].minutes == 4
    assert bank["path-01"].weight == shipped["path-01"].weight  # blank cell: keep shipped value


def test_user_file_with_only_id_and_flags_marks_favourites_and_never(tmp_path):
    mine = _write(tmp_path, "id,favourite,never\nrole-05,yes,\nindustry-03,,yes\n")
    bank = {q.id: q for q in load_bank(user_file=mine)}
    assert bank["role-05"].favourite and not bank["role-05"].never
    assert bank["industry-03"].never and not bank["industry-03"].favourite


def test_user_file_is_taken_from_the_environment(tmp_path, monkeypatch):
    mine = _write(tmp_path, "id,favourite\nrole-07,x\n")
    monkeypatch.setenv(USER_BANK_ENV, str(mine))
    assert {q.id: q for q in load_bank()}["role-07"].favourite


def test_new_user_question_without_text_is_an_error_with_its_line(tmp_path):
    mine = _write(tmp_path, "id,category,text\nmine-01,role,What do you fix first?\nmine-02,role,\n")
    with pytest.raises(BadInputFile, match=r"mine.csv, line 3: mine-02: the text is empty") as info:
        load_bank(user_file=mine)
    assert info.value.line == 3


@pytest.mark.parametrize("row, problem", [
    ('x-1,hobbies,2,3,anyone,,,"What?"', "unknown category 'hobbies'"),
    ('x-1,role,two,3,anyone,,,"What?"', "minutes must be a number"),
    ('x-1,role,0,3,anyone,,,"What?"', "minutes must be more than 0"),
    ('x-1,role,2,3,pensioner,,,"What?"', "unknown audience"),
    ('x-1,role,2,3,anyone,weather,,"What?"', "unknown research topic"),
    ('x-1,role,2,3,anyone,,,"What is {team}?"', "unknown placeholder"),
    ('bad id,role,2,3,anyone,,,"What?"', "question id 'bad id'"),
    ('x-1,role,2,3,anyone,,,What, then?', "more cells than columns"),
])
def test_malformed_row_names_the_line_and_the_problem(tmp_path, row, problem):
    main = _write(tmp_path, HEADER + 'ok-1,role,2,3,anyone,,,"Fine?"\n' + row + "\n")
    with pytest.raises(BadInputFile, match=re.escape(problem)) as info:
        load_bank(path=main)
    assert info.value.line == 3


def test_duplicate_id_in_one_file_is_an_error(tmp_path):
    main = _write(tmp_path, HEADER + 'a-1,role,2,3,anyone,,,"One?"\na-1,role,2,3,anyone,,,"Two?"\n')
    with pytest.raises(BadInputFile, match="appears twice"):
        load_bank(path=main)


def test_missing_columns_and_missing_file_are_clear_errors(tmp_path):
    with pytest.raises(BadInputFile, match="missing column"):
        load_bank(path=_write(tmp_path, "id,text\na-1,Why?\n"))
    with pytest.raises(BadInputFile, match="unknown column"):
        load_bank(user_file=_write(tmp_path, "id,colour\nrole-01,red\n"))
    with pytest.raises(BadInputFile, match="cannot open"):
        load_bank(user_file=tmp_path / "absent.csv")


def test_a_file_that_is_not_text_is_an_error(tmp_path):
    # Windows text (Excel's "CSV") is read since test_sheettext; binary data is refused.
    path = tmp_path / "latin.csv"
    path.write_bytes(b"id,favourite\nrole-01,\xff\xfe\x00\n")
    with pytest.raises(BadInputFile, match="line 2: is not a text file"):
        load_bank(user_file=path)


def test_comment_and_blank_rows_are_ignored(tmp_path):
    mine = _write(tmp_path, "id,favourite\n# my picks\n\nrole-02,yes\n")
    assert {q.id: q for q in load_bank(user_file=mine)}["role-02"].favourite


@pytest.mark.parametrize(("typed", "reads"), [
    ("Digital health", "Which trends are changing digital health the most right now?"),
    ("Health-tech", "Which trends are changing health-tech the most right now?"),
    ("digital health", "Which trends are changing digital health the most right now?"),
    ("AI", "Which trends are changing AI the most right now?"),
    ("UX research", "Which trends are changing UX research the most right now?"),
    ("iOS apps", "Which trends are changing iOS apps the most right now?"),
    ("NHS England", "Which trends are changing NHS England the most right now?"),
    ("McKinsey-style consulting", "Which trends are changing McKinsey-style consulting the most right now?"),
])
def test_a_typed_term_loses_only_an_ordinary_capital_mid_sentence(typed, reads):
    """Lena typed "Digital health" and a question read "changing Digital health": a term
    reads mid-sentence in lower case unless its capitals make it a name or acronym."""
    text = "Which trends are changing {industry} the most right now?"
    assert fill_placeholders(text, {"industry": typed}) == reads


def test_roles_and_fields_lose_their_ordinary_capital_but_organizations_do_not():
    filled = fill_placeholders("What does a {role} in {profession} at {company} do all day?",
                               {"role": "Product manager", "profession": "Health tech",
                                "company": "Kestrel Health"})
    assert filled == "What does a product manager in health tech at Kestrel Health do all day?"
    assert fill_placeholders("{industry} moves fast. Why?", {"industry": "digital health"}) == (
        "Digital health moves fast. Why?")

"""The one module texts are compared by (infoview/text.py), and the folds built on it."""

from __future__ import annotations

import pandas as pd

from infoview.analytics._frames import org_keys
from infoview.research.extract.sitename import brand_key
from infoview.research.names import name_parts, name_words
from infoview.text import fold, name_key, org_key, unaccent, words


def test_fold_ignores_case_and_spacing_but_keeps_accents():
    assert fold("  ZOË   Lindqvist ") == "zoë lindqvist"
    assert fold("Zoe") != fold("Zoë")
    assert fold(None) == "" and fold("") == ""


def test_words_keeps_letters_and_digits_only():
    assert words("What's the OTE?!  (2026)") == "what s the ote 2026"
    assert words("Baden-Württemberg", keep="-") == "baden-württemberg"
    assert words("snake_case") == "snake case"


def test_unaccent_writes_undecomposable_letters_plainly_and_keeps_case():
    assert unaccent("Núñez-Łódź Øre Straße Æsir Œuvre đ") == "Nunez-Lodz Ore Strasse AEsir OEuvre d"


def test_name_and_organization_keys_agree_across_spellings():
    assert name_key("José Núñez-García") == name_key("JOSE NUNEZ GARCIA") == "jose nunez garcia"
    assert name_key("JosÃ© NÃºÃ±ez-GarcÃ\xada") == "jose nunez garcia"  # mis-decoded UTF-8
    assert org_key("The Kestrel Health Labs, Inc.") == org_key("kestrel health labs GmbH")
    assert org_key("Ltd") == "ltd"  # a name that is only a suffix keeps it


def test_research_names_keep_hyphens_and_join_apostrophes():
    assert name_words("Dr Seán O'Brien-Núñez, PhD") == ["dr", "sean", "obrien-nunez", "phd"]
    assert name_parts("O’Brien, Seán") == ["sean", "obrien"]


def test_brand_key_reads_ampersands_and_drops_legal_forms_anywhere():
    assert brand_key("Acme & Sons, Inc. — Builders") == "acme and sons builders"
    assert brand_key("Hart Ltd") == brand_key("HART") == "hart"


def test_the_analytics_key_organizations_by_the_same_rule():
    names = pd.Series(["Kestrel Health Labs, Inc.", None, "kestrel health labs", "  "])
    keys = org_keys(names)
    assert keys.tolist()[0] == keys.tolist()[2] == org_key("Kestrel Health Labs")
    assert keys.isna().tolist() == [False, True, False, True]


def test_count_of_says_one_thing_and_many_things():
    from infoview.text import count_of

    assert count_of(1, "introduction") == "1 introduction"
    assert count_of(0, "introduction") == "0 introductions"
    assert count_of(2, "address", "addresses") == "2 addresses"
    assert count_of(1, "person", "people") == "1 person"
    assert count_of(1200, "message") == "1,200 messages"


def test_import_summaries_count_one_thing_in_the_singular():
    # "Read 1 events in 1 calendar file", "Ana <ana@x.org>: 1 messages" seen after an import
    from infoview.flows.calendar_import import CalendarImportReport
    from infoview.flows.mail_import import Correspondent, MailImportReport
    from infoview.flows.question_file import QuestionFileReport

    calendar = CalendarImportReport(source="work.ics", files=1, events=1, matched=1)
    assert calendar.lines()[0] == "Read 1 event in 1 calendar file; 1 names someone you saved."
    mail = MailImportReport(source="mail.mbox", files=1, messages=1, unreadable=1, matched=1)
    mail.offered = [Correspondent(address="ana@example.org", name="Ana", sent=1)]
    lines = mail.lines()
    assert lines[0] == "Read 1 message in 1 file."
    assert "  Ana <ana@example.org>: 1 message (1 from you)" in lines
    assert "1 message could not be read as email and was left out." in lines
    assert mail.kept() == "Nothing new was kept."  # not "0 new messages with 0 people"
    questions = QuestionFileReport(source="mine.csv", added=["What surprised you?"])
    assert questions.lines()[0].startswith("1 new question added to the bank")
    assert questions.kept().startswith("Added 1 question to the bank.")

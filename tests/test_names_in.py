"""Finding every stored person named in a file in one pass gives the same people as
searching the file once per name (the way it was done before, kept here as the reference)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.models import Person
from infoview.store import Store
from infoview.store.exports import list_exports, write_export
from infoview.store.mentions import mention_pattern, names_in
from infoview.text import fold


def one_search_per_name(text: str, names: list[tuple[int, str]]) -> list[int]:
    """The former rule: a test on words, then the whole folded name as whole words."""
    folded = fold(text)
    words = set(re.findall(r"\w+", folded))
    found = []
    for person_id, name in names:
        key = fold(name)
        if not key or not set(re.findall(r"\w+", key)) <= words:
            continue
        pattern = mention_pattern([key])
        if pattern is not None and pattern.search(folded):
            found.append(person_id)
    return found


# Letters that fold (ß, Å, É), punctuation inside and around names, digits, odd spaces. The
# dotless ı is left out on purpose: re.IGNORECASE alone takes it for an "i", which the
# folded comparison of a name (the rule everywhere else) does not.
ALPHABET = "aAbBßÅåÉe\u0301 \t\n\u00a0-.'_1(),;:<>&"
texts = st.text(alphabet=ALPHABET, max_size=60)
names = st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=12), max_size=8)


@settings(max_examples=400, deadline=None)
@given(text=texts, candidates=names, copies=st.lists(st.integers(0, 7), max_size=4))
def test_one_pass_finds_exactly_whom_one_search_per_name_found(text, candidates, copies):
    pairs = list(enumerate(candidates, start=1))
    for i in copies:  # names that do occur, among text around them
        if i < len(candidates):
            text = f"{text} {candidates[i]}{text[:3]}"
    assert names_in(text, pairs) == sorted(one_search_per_name(text, pairs))


def test_full_names_as_whole_words_in_any_case_and_spacing():
    pairs = [(1, "Zoë Ångström-Nakamura"), (2, "Ann Lee"), (3, "Lee"), (4, "Ann Lee Jr."),
             (5, "Bo"), (6, "ann lee"), (7, "  Ann   Lee ")]
    text = "<td>ZOË  ÅNGSTRÖM-NAKAMURA</td> met Annie Leeds and ann\n LEE; Ann Lee Jr. (Bob)"
    assert names_in(text, pairs) == [1, 2, 3, 4, 6, 7]
    assert names_in("Ann Lee Jr.s", pairs) == [2, 3, 6, 7]  # "Jr." then a letter is not him
    assert names_in("", pairs) == [] and names_in("Ann Lee", []) == []


def test_a_report_records_the_people_it_names_reading_only_their_names(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as store:
        ann, _bo, cy = store.add_many([Person(name="Ann Lee"), Person(name="Bo Chan"),
                                       Person(name="Cy Ode", organization="Acme")])
        out = write_export(store, tmp_path / "report.html", "<p>Ann Lee and CY ODE</p>",
                           kind="report")
        (record,) = list_exports(store)
    assert record.path == out.resolve()
    assert record.person_ids == [ann.id, cy.id]

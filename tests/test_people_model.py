"""The learned scorer of people research (issue 17): the shipped weights, and the people it
adds beyond the rule finders on invented pages (names, firms and towns made up for these
tests, in the shapes real small-business pages use)."""

from __future__ import annotations

import json
import math

from infoview.research.extract.page import parse_page
from infoview.research.extract.people import extract_people, people_candidates
from infoview.research.extract.people_candidates import FEATURES
from infoview.research.extract.people_model import MODEL_FILE, PersonModel, shipped_model


def _everyone(html: str, model: PersonModel | None | str = "shipped") -> dict[str, tuple[str | None, str]]:
    page = parse_page(f"<html><body>{html}</body></html>".encode(), "https://a.example/", "utf-8")
    return {p.name: (p.title, p.kind) for p in extract_people(page, everyone=True, model=model)}


#: A fixed description of a candidate: a bold name alone on its line, a common given name.
_FIXED = {name: 0.0 for name in FEATURES} | {"given": 2.1, "given_first": 1.0, "family": 1.4,
                                              "alone": 1.0, "bold": 1.0, "title_next": 1.0}


def test_shipped_model_loads_with_one_weight_per_feature():
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert sorted(raw["features"]) == sorted(FEATURES)
    assert len(raw["weights"]) == len(FEATURES)
    assert 0.0 < raw["threshold"] <= 1.01


def test_shipped_model_scores_a_fixed_input_the_same_as_its_weights_say():
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    z = raw["bias"] + sum(w * _FIXED[n] for n, w in zip(raw["features"], raw["weights"], strict=True))
    expected = 1 / (1 + math.exp(-z))
    model = shipped_model()
    assert model is not None
    again = PersonModel.from_json(raw)
    assert model.probability(_FIXED) == again.probability(_FIXED) == expected
    assert PersonModel.from_json(model.to_json()).probability(_FIXED) == expected
    # a bold name alone over a title line reads like a person; an empty description does not
    assert model.probability(_FIXED) > 0.5 > model.probability({n: 0.0 for n in FEATURES})


def test_every_candidate_no_finder_took_is_described_by_the_model_features():
    page = parse_page(b"<html><body><p>Clinical Director, Yolanda Pike, MS, RN, is a nurse who "
                      b"trained in Ohio and leads the clinic.</p><p>Cedar Hollow Storage</p>"
                      b"</body></html>", "https://a.example/", "utf-8")
    loose = [c for c in people_candidates(page) if not c.routes]
    assert {c.name for c in loose} >= {"Yolanda Pike", "Cedar Hollow Storage"}
    assert all(set(c.features) == set(FEATURES) for c in loose)


def test_a_role_before_a_name_with_credentials_adds_a_staff_member_the_rules_miss():
    html = ("<h1>Staff</h1><p>Clinical Director, Yolanda Pike, MS, RN, is a registered nurse who "
            "trained at a state university and has led our clinic for ten years.</p>"
            "<p>Yolanda enjoys hiking.</p>")
    assert _everyone(html, model=None) == {}
    assert _everyone(html) == {"Yolanda Pike": ("Clinical Director", "staff")}


def test_a_name_run_into_its_title_is_cut_where_the_words_meet():
    found = _everyone("<h2>What teams say</h2><div><p>“We moved every project over in a week "
                      "and never looked back at spreadsheets again.”</p>"
                      "<p>Renata OkaforDesign Lead, Quillfield</p></div>")
    assert found == {"Renata Okafor": ("Design Lead, Quillfield", "quoted")}


def test_towns_and_a_depot_name_are_not_added():
    found = _everyone("<p>We deliver to Port Wexley, Cedar Hollow and Briar Glen every Tuesday, "
                      "and our vans reach Lake Ormond on Fridays.</p><h3>Harbor Freight Terminal</h3>"
                      "<p>Open daily.</p>")
    assert found == {}


def test_without_the_model_file_research_keeps_what_the_rules_find(monkeypatch, tmp_path):
    import infoview.research.extract.people_model as people_model

    monkeypatch.setattr(people_model, "MODEL_FILE", tmp_path / "missing.json")
    monkeypatch.setattr(people_model, "_shipped", None)
    html = "<ul><li>Norah Whitfield, Chief Executive Officer</li></ul><p>Clinical Director, " \
           "Yolanda Pike, MS, RN, is a registered nurse who has led our clinic for years.</p>"
    assert _everyone(html) == {"Norah Whitfield": ("Chief Executive Officer", "staff")}

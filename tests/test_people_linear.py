"""People research of one page reads each part of the page a bounded number of times.

Timing would make these tests flaky on a busy machine, so they count work instead: every
call of the text helpers (``text_of``, ``lines_of``) is charged the number of elements it
reads. Doubling the number of team cards must about double the work; a step that re-reads a
whole section for each card (a page of n cards costing n^2) at least triples it.
"""

from __future__ import annotations

import sys

import pytest

from infoview.research.extract import page as page_module
from infoview.research.extract import parse_page
from infoview.research.extract.people import extract_people

FIRST = ["Ada", "Bram", "Cleo", "Dov", "Esme", "Finn", "Gia", "Hugo", "Ines", "Jonah"]
LAST = ["Marlow", "Quince", "Tarrant", "Vesey", "Whitcombe", "Ashdown", "Brightwell",
        "Calloway", "Dunmore", "Elsworth", "Fairleigh", "Grimsby", "Holloway"]


def team_page(cards: int, *, template: bool = False, flat: bool = False) -> bytes:
    """A team grid of ``cards`` invented people, each card a box (or, ``flat``, no box)."""
    out = []
    for i in range(cards):
        name = f"{FIRST[i % 10]} {LAST[(i // 10) % 13]}{LAST[(i // 130) % 13].lower()}"
        card = (f"<h3>{name}</h3><p>Senior Engineer</p>" if flat else
                f'<div class="member"><h3>{name}</h3><p>Senior Engineer</p></div>')
        out.append(f"<template>{card}</template>" if template else card)
    return f"<html><body><section class='team'>{''.join(out)}</section></body></html>".encode()


class WorkCounter:
    """Charges each text-helper call the size (in elements) of what it reads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.elements = 0
        for helper in ("text_of", "lines_of"):
            original = getattr(page_module, helper)
            counted = self._counted(original)
            for module in list(sys.modules.values()):
                name = getattr(module, "__name__", "") or ""
                if name.startswith("infoview.research.extract") and \
                        getattr(module, helper, None) is original:
                    monkeypatch.setattr(module, helper, counted)

    def _counted(self, helper):
        def counted(el, *args, **kwargs):
            self.elements += sum(1 for _ in el.iter())
            return helper(el, *args, **kwargs)
        return counted


def _work(monkeypatch: pytest.MonkeyPatch, body: bytes) -> tuple[int, int]:
    page = parse_page(body, "http://127.0.0.1/")
    with monkeypatch.context() as patch:
        counter = WorkCounter(patch)
        found = extract_people(page)
    return counter.elements, len(found)


@pytest.mark.parametrize("shape", ["cards", "flat"])
def test_twice_the_team_cards_cost_about_twice_the_work(monkeypatch, shape):
    flat = shape == "flat"
    small, found_small = _work(monkeypatch, team_page(300, flat=flat))
    large, found_large = _work(monkeypatch, team_page(600, flat=flat))
    assert found_small == 300 and found_large == 600  # the work was real: everyone found
    assert large <= 2.5 * small, (small, large)


def test_cards_inside_templates_are_neither_listed_nor_costly(monkeypatch):
    small, found_small = _work(monkeypatch, team_page(500, template=True))
    large, found_large = _work(monkeypatch, team_page(1000, template=True))
    assert found_small == found_large == 0  # a <template> is never shown as it stands
    assert large <= 2.5 * max(small, 1), (small, large)

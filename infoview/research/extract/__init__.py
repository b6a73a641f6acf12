"""Extraction: pure functions from a fetched page's bytes to research records.

Each page is parsed once (:func:`parse_page`) and the tree is shared by every extractor:
embedded metadata, organization facts, people, news, links. Main text (the page's
content without its chrome) runs only on the page that feeds the summary.
"""

from __future__ import annotations

from infoview.research.extract.links import classify, discover_pages, page_links, social_links
from infoview.research.extract.maintext import main_text, summarize
from infoview.research.extract.news import extract_news
from infoview.research.extract.organization import name_from_title, organization_facts
from infoview.research.extract.page import ParsedPage, parse_page
from infoview.research.extract.people import extract_people
from infoview.research.extract.person import person_facts

__all__ = [
    "ParsedPage", "parse_page", "organization_facts", "name_from_title", "extract_people",
    "extract_news", "page_links", "social_links", "discover_pages", "classify", "main_text",
    "summarize", "person_facts",
]

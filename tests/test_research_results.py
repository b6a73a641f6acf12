"""Research results as DataFrames and as snapshots in a real SQLite store."""

from __future__ import annotations

import pandas as pd

from infoview.flows.research import latest_research, save_research
from infoview.research.models import (
    CompanyProfile,
    Fact,
    FetchRecord,
    NewsItem,
    PersonMention,
    PersonProfile,
)
from infoview.research.results import news_frame, people_frame, profiles_frame
from infoview.store import Store


def _company(name="Kestrel Health Labs", url="http://127.0.0.1:1/") -> CompanyProfile:
    return CompanyProfile(
        url=url, name=name, founded="2015",
        people=[PersonMention("Samira Okafor", "Senior UX Researcher", url + "team.html")],
        news=[NewsItem("Older", "2024-11-05", url + "a"), NewsItem("Undated", None, url + "b"),
              NewsItem("Newer", "2025-09-18", url + "c")],
        social={"linkedin": "https://www.linkedin.com/company/x", "github": "https://github.com/x"},
        facts=[Fact("Founded: 2015", url)], fetched=[FetchRecord(url, 200, False)],
    )


def test_snapshot_round_trip_through_the_store(tmp_path):
    with Store.open(tmp_path / "db.sqlite") as store:
        saved = save_research(store, _company())
        assert saved.id is not None and saved.kind == "company"
        assert latest_research(store, "http://127.0.0.1:1/") == _company()


def test_latest_research_is_the_newest_and_filters_by_kind(tmp_path):
    with Store.open(tmp_path / "db.sqlite") as store:
        save_research(store, _company(name="Old name"))
        save_research(store, _company(name="New name"))
        save_research(store, PersonProfile(url="http://127.0.0.1:1/p", name="Samira Okafor"))
        assert latest_research(store).name == "New name"
        assert latest_research(store, kind="person").name == "Samira Okafor"
        assert latest_research(store, "http://elsewhere.example/") is None


def test_profiles_frame_has_one_row_per_profile_with_counts():
    frame = profiles_frame([_company(), PersonProfile(url="http://p.example/", name="A B")])
    assert list(frame["kind"]) == ["company", "person"]
    assert frame.loc[0, "people"] == 1 and frame.loc[0, "news"] == 3
    assert frame.loc[0, "social"] == "github, linkedin"
    assert frame.loc[1, "name"] == "A B"


def test_people_and_news_frames():
    people = people_frame([_company()])
    assert people.to_dict("records") == [{
        "company": "Kestrel Health Labs", "company_url": "http://127.0.0.1:1/",
        "name": "Samira Okafor", "title": "Senior UX Researcher",
        "source_url": "http://127.0.0.1:1/team.html", "kind": "staff"}]
    news = news_frame([_company()])
    assert list(news["title"]) == ["Newer", "Older", "Undated"]
    assert pd.isna(news.loc[2, "date"])
    assert news_frame([]).empty

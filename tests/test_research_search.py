"""Optional web search for a person (issue 19): off unless configured; tested against local
servers that answer as SearXNG (``format=json``) and the Brave Web Search API do."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from research_sites import fast_settings

from infoview.cli import main
from infoview.demo.site import serve
from infoview.errors import BadInput
from infoview.research.find_person import find_person
from infoview.research.search import ENV_BRAVE_KEY, ENV_SEARXNG, SearchConfig, parse_results


class _SearchServer:
    """Answers ``/search?q=...&format=json`` (SearXNG) and ``/res/v1/web/search`` (Brave)."""

    def __init__(self, results: list[dict], key: str = "test-key"):
        self.queries: list[tuple[str, dict]] = []
        state = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                state.queries.append((parts.path, {k.lower(): v for k, v in self.headers.items()}))
                if parts.path == "/robots.txt":   # as SearXNG's: crawlers keep out of /search
                    return self._send(200, b"User-agent: *\nDisallow: /search\nDisallow: /res/\n",
                                      "text/plain")
                if parts.path == "/search" and query.get("format") == ["json"]:
                    body = {"query": query["q"][0], "number_of_results": 0, "answers": [],
                            "corrections": [], "infoboxes": [], "suggestions": [],
                            "unresponsive_engines": [],
                            "results": [{**r, "content": r.get("snippet", ""), "template": "default.html",
                                         "parsed_url": [], "engines": [r.get("engine", "")],
                                         "positions": [i + 1], "score": 1.0, "category": "general"}
                                        for i, r in enumerate(results)]}
                    return self._send(200, json.dumps(body).encode(), "application/json")
                if parts.path == "/res/v1/web/search":
                    if self.headers.get("X-Subscription-Token") != key:
                        return self._send(401, b'{"type": "ErrorResponse"}', "application/json")
                    body = {"type": "search", "query": {"original": query["q"][0]},
                            "web": {"type": "search", "family_friendly": True, "results": [
                                {"title": r["title"], "url": r["url"], "description": r.get("snippet", ""),
                                 "page_age": r.get("publishedDate"), "type": "search_result",
                                 "profile": {"name": "Example"}, "language": "en"} for r in results]}}
                    return self._send(200, json.dumps(body).encode(), "application/json")
                self._send(404, b"not found", "text/plain")

            def _send(self, status, body, kind):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self):
        self._httpd.shutdown()
        self._httpd.server_close()


def _settings(tmp_path):
    # the result pages stand for the public web on 127.0.0.2: name it, since research
    # never follows a stranger's link (a search result) into a private network otherwise
    return fast_settings(tmp_path, allow_private=("127.0.0.2",))


@pytest.fixture
def web(sites, tmp_path):
    """The sample site, a site with pages about Samira, and a search server listing them."""
    (tmp_path / "talks").mkdir()
    (tmp_path / "talks" / "ux-bristol.html").write_text(
        "<html><body><h1>Designing with nurses</h1><p>A talk by Samira Okafor of Kestrel "
        "Health Labs at UX Bristol.</p></body></html>")
    (tmp_path / "other.html").write_text("<html><body><p>Nothing about her here.</p></body></html>")
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    pages = serve(tmp_path, host="127.0.0.2")
    results = [
        {"title": "Designing with <strong>nurses</strong> — a talk",
         "url": pages.url + "talks/ux-bristol.html",
         "snippet": "Samira Okafor on research with clinic staff", "engine": "duckduckgo",
         "publishedDate": "2025-04-02T00:00:00"},
        {"title": "Samira Okafor | LinkedIn", "url": "https://www.linkedin.com/in/samira-okafor-example",
         "snippet": "Senior UX Researcher", "engine": "bing"},
        {"title": "Unrelated", "url": pages.url + "other.html", "snippet": "", "engine": "bing"},
        {"title": "Private", "url": pages.url + "private/notes.html", "snippet": "", "engine": "bing"},
    ]
    search = _SearchServer(results)
    yield sites.get(), pages, search
    search.close()
    pages.close()


def test_searxng_results_are_listed_with_their_source_and_checked_politely(web, tmp_path):
    site, pages, search = web
    config = SearchConfig("searxng", search.url + "/")
    found = find_person("Sam Okafor", site.url, settings=_settings(tmp_path), search=config)
    assert found.found.url.endswith("/team/samira-okafor.html")     # the site search is unchanged
    assert [(r.kind, r.source, r.names_them) for r in found.web] == [
        ("talk", "searxng: duckduckgo", True), ("profile", "searxng: bing", None),
        ("page", "searxng: bing", False), ("page", "searxng: bing", None)]
    assert found.web[0].title == "Designing with nurses — a talk" and found.web[0].date == "2025-04-02"
    # the API is asked once, with the name and the company; robots.txt rules the result pages
    assert [p for p, _ in search.queries] == ["/search"]
    assert "/private/notes.html" not in pages.requests and "/talks/ux-bristol.html" in pages.requests
    assert any("private/notes.html" in w and "robots" in w for w in found.warnings)


def test_brave_search_sends_its_key_only_to_the_api(web, tmp_path):
    site, pages, search = web
    config = SearchConfig("brave", search.url + "/res/v1/web/search", key="test-key")
    found = find_person("Sam Okafor", site.url, settings=_settings(tmp_path), search=config)
    assert [r.source for r in found.web] == ["brave"] * 4
    (path, headers), = search.queries
    assert headers["x-subscription-token"] == "test-key"
    assert "test-key" not in repr(config)
    wrong = SearchConfig("brave", search.url + "/res/v1/web/search", key="wrong")
    refused = find_person("Sam Okafor", site.url, settings=_settings(tmp_path), search=wrong)
    assert refused.web == [] and refused.found is not None        # never required
    assert any("Web search (brave) did not answer" in w and "401" in w for w in refused.warnings)
    assert not any("wrong" in w for w in refused.warnings)


def test_web_search_is_off_unless_configured(monkeypatch):
    assert SearchConfig.from_env({}) is None
    assert SearchConfig.from_env({ENV_SEARXNG: "http://localhost:8888"}).engine == "searxng"
    assert SearchConfig.from_env({ENV_BRAVE_KEY: "k"}).engine == "brave"
    assert SearchConfig.from_env({ENV_BRAVE_KEY: "k"}, searxng="http://127.0.0.1:9").engine == "searxng"
    with pytest.raises(BadInput, match="not a web address"):
        SearchConfig.from_env({ENV_SEARXNG: "localhost:8888"})


def test_cli_finds_a_person_by_name_with_web_search(web, capsys, monkeypatch):
    site, pages, search = web
    monkeypatch.delenv(ENV_SEARXNG, raising=False)
    monkeypatch.delenv(ENV_BRAVE_KEY, raising=False)
    assert main(["research", "person", "--name", "Sam Okafor", "--site", site.url, "--delay", "0",
                 "--no-cache", "--json", "--searxng", search.url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "Samira Okafor" and data["title"] == "Senior UX Researcher"
    assert data["search"]["found"]["confidence"] >= 0.9
    assert data["search"]["web"][0]["url"].endswith("/talks/ux-bristol.html")
    assert main(["research", "person", "--name", "Grace Okafor", "--site", site.url, "--delay", "0",
                 "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("No page about Grace Okafor was found")
    assert "Web search is off" in out


def test_cli_person_needs_a_page_or_a_name_and_a_site(capsys):
    assert main(["research", "person"]) == 2
    assert "--name and --site" in capsys.readouterr().err
    assert main(["research", "person", "--name", "Sam Okafor"]) == 2


def test_parse_results_ignores_what_is_not_a_result():
    assert parse_results({"results": [{"url": "javascript:alert(1)", "title": "x"}, "junk"]},
                         "searxng") == []
    assert parse_results(["not", "an", "object"], "brave") == []

"""Batch research against real sites on several loopback hosts."""

from __future__ import annotations

import json

import pytest
from hostile_server import Hostile, needs_loopback

from infoview.demo.site import serve
from infoview.errors import BadInput, BadInputFile
from infoview.research.batch import read_results, read_urls, research_batch, research_many
from infoview.settings import Settings

pytestmark = [pytest.mark.timeout(60), needs_loopback("127.0.0.2", "127.0.0.3", "127.0.0.4")]
DELAY = 0.3


@pytest.fixture(scope="module")
def batch_sites():
    """The sample company on two hosts, and a third host whose home page fails (HTTP 500)."""
    with serve(host="127.0.0.1") as one, serve(host="127.0.0.2") as two, \
            Hostile("127.0.0.3") as broken:
        broken.routes["/"] = (500, {}, b"down")
        yield one, two, broken


@pytest.fixture
def settings(tmp_path):
    return Settings(host_delay=DELAY, cache_path=tmp_path / "cache.sqlite")


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.slow
def test_batch_researches_every_url_and_records_a_failure_without_stopping(batch_sites, settings,
                                                                           tmp_path):
    one, two, broken = batch_sites
    before = len(one.requests), len(two.requests)
    source = tmp_path / "targets.txt"
    source.write_text(f"# companies to research\n{one.url}\n\n{broken.url}\n{two.url}\n")
    out = tmp_path / "out.jsonl"
    summary = research_batch(source, out, settings=settings, progress=False)
    lines = {line["url"]: line for line in _lines(out)}
    assert set(lines) == {one.url, two.url, broken.url}
    assert lines[one.url]["name"] == lines[two.url]["name"] == "Kestrel Health Labs"
    assert "500" in lines[broken.url]["error"] and lines[broken.url]["warnings"] == []
    assert (summary.total, summary.done, summary.failed, summary.skipped) == (3, 2, 1, 0)
    assert all(len(s.requests) - b > 2 for s, b in zip((one, two), before, strict=True))


def _record_order(site, name: str, order: list, monkeypatch) -> None:
    """Log ``(site name, path)`` in one shared list, in the order requests arrive."""
    keep = site._record

    def record(path: str) -> None:
        order.append((name, path))
        keep(path)

    monkeypatch.setattr(site, "_record", record)


@pytest.mark.slow
def test_two_sites_are_researched_side_by_side(batch_sites, settings, tmp_path, monkeypatch):
    """Each site waits DELAY between its own requests, and meanwhile the other site is
    asked: the requests of the two interleave. (An order, not a stopwatch: a busy machine
    slows both and changes nothing here.)"""
    one, two, _broken = batch_sites
    order: list[tuple[str, str]] = []
    _record_order(one, "one", order, monkeypatch)
    _record_order(two, "two", order, monkeypatch)
    source = tmp_path / "targets.txt"
    source.write_text(f"{one.url}\n{two.url}\n")
    research_batch(source, tmp_path / "out.jsonl", settings=settings, progress=False,
                   processes=1)
    hosts = [name for name, _path in order]
    assert hosts.count("one") > 2 and hosts.count("two") > 2
    first = {h: hosts.index(h) for h in ("one", "two")}
    last = {h: len(hosts) - 1 - hosts[::-1].index(h) for h in ("one", "two")}
    assert first["two"] < last["one"] and first["one"] < last["two"], hosts


@pytest.mark.slow
def test_rerun_resumes_after_a_crash_left_a_truncated_line(batch_sites, settings, tmp_path):
    one, two, broken = batch_sites
    source = tmp_path / "targets.txt"
    source.write_text(f"{one.url}\n{two.url}\n{broken.url}\n")
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"url": one.url, "name": "from the first run"}) + "\n"
                   + '{"url": "' + two.url + '", "name": "Kes')   # the crash
    before = len(one.requests)
    summary = research_batch(source, out, settings=settings, progress=False)
    assert (summary.skipped, summary.done, summary.failed) == (1, 1, 1)
    assert len(one.requests) == before
    lines = _lines(out)
    assert lines[0] == {"url": one.url, "name": "from the first run"}
    assert len(lines) == 3 and {line["url"] for line in lines[1:]} == {two.url, broken.url}


@pytest.mark.slow
def test_finished_batch_run_again_sends_no_request(batch_sites, settings, tmp_path):
    one, two, _ = batch_sites
    source = tmp_path / "targets.txt"
    source.write_text(f"{one.url}\n{two.url}\n")
    out = tmp_path / "out.jsonl"
    research_batch(source, out, settings=settings, progress=False)
    again = research_batch(source, out, settings=settings, progress=False)
    assert (again.skipped, again.done, again.network_requests) == (2, 0, 0)
    assert len(_lines(out)) == 2


def test_csv_with_url_column_and_person_kind(batch_sites, settings, tmp_path):
    one, _, _ = batch_sites
    source = tmp_path / "people.csv"
    source.write_text(f'name,url\n"Okafor, Samira",{one.url}team/samira-okafor.html\n')
    out = tmp_path / "people.jsonl"
    summary = research_batch(source, out, settings=settings, kind="person", progress=False)
    (line,) = _lines(out)
    assert summary.done == 1 and line["name"] == "Samira Okafor"


@pytest.mark.slow
def test_progress_bar_goes_to_stderr(batch_sites, settings, tmp_path, capsys):
    one, _, _ = batch_sites
    source = tmp_path / "t.txt"
    source.write_text(one.url + "\n")
    research_batch(source, tmp_path / "o.jsonl", settings=settings, progress=True)
    captured = capsys.readouterr()
    assert "research company" in captured.err and "1/1" in captured.err
    assert captured.out == ""


@pytest.mark.slow
def test_research_many_yields_rows_for_a_dataframe(batch_sites, settings):
    import pandas as pd

    one, two, broken = batch_sites
    rows = list(research_many([one.url, two.url, broken.url, one.url], settings=settings))
    frame = pd.DataFrame(rows)
    assert len(frame) == 3 and frame["error"].notna().sum() == 1


def test_stopping_research_many_early_cuts_the_url_in_progress_short(batch_sites, settings,
                                                                     monkeypatch):
    """Closing the iterator while a site is being researched stops that research: the site
    gets fewer requests than a whole research makes, and the next site none. The test
    closes once the research of the site has begun (an event, not a pause)."""
    import threading

    one, two, broken = batch_sites
    whole = len(one.requests)
    list(research_many([one.url], settings=settings.with_(use_cache=False, host_delay=0)))
    whole = len(one.requests) - whole  # what a whole research of the site asks for
    assert whole > 2
    started = threading.Event()
    before_one, before_two = len(one.requests), len(two.requests)
    keep = one._record

    def record(path: str) -> None:
        keep(path)
        started.set()

    monkeypatch.setattr(one, "_record", record)
    results = research_many([broken.url, one.url, two.url],
                            settings=settings.with_(workers=1, use_cache=False), processes=1)
    first = next(results)
    assert "error" in first
    assert started.wait(timeout=60)  # a safety net: the event comes in a fraction of a second
    results.close()
    assert len(one.requests) - before_one < whole  # cut short, not waited for
    assert len(two.requests) == before_two


@pytest.mark.parametrize("content,line,words", [
    ('url,name\nhttp://a.example/,"unterminated\n', 2, "malformed CSV"),
    ("name,site\nAcme,http://a.example/\n", 1, "no 'url' column"),
    ("url,name\nhttp://a.example/,Acme\nhttp://b.example/,Beta,extra\n", 3, "3 fields"),
])
def test_malformed_csv_names_the_line(tmp_path, content, line, words):
    source = tmp_path / "bad.csv"
    source.write_text(content)
    with pytest.raises(BadInputFile, match=words) as info:
        read_urls(source)
    assert info.value.line == line and f"line {line}" in str(info.value)


def test_text_input_skips_comments_blanks_and_duplicates(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text("# header\n\n https://a.example/ \nb.example\nhttps://a.example/\n")
    assert read_urls(source) == ["https://a.example/", "https://b.example"]


@pytest.mark.parametrize("content", [b"", b"# nothing but a comment\n", b"url\n"])
def test_input_without_urls_is_refused(tmp_path, content):
    source = tmp_path / ("in.csv" if content == b"url\n" else "in.txt")
    source.write_bytes(content)
    with pytest.raises(BadInputFile, match="no URLs"):
        read_urls(source)


def test_missing_or_binary_input_file_is_refused(tmp_path):
    with pytest.raises(BadInputFile, match="no such file"):
        read_urls(tmp_path / "nope.txt")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"https://a.example/\n\xff\xfe\x00")
    with pytest.raises(BadInputFile, match="line 2"):
        read_urls(binary)


def test_output_that_is_a_folder_is_refused(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text("https://a.example/\n")
    with pytest.raises(BadInputFile, match="batch output"):
        research_batch(source, tmp_path, progress=False)


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(BadInput, match="company, person"):
        research_batch(tmp_path / "x.txt", tmp_path / "o.jsonl", kind="planet")


def test_read_results_repairs_a_line_missing_only_its_newline(tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_text('{"url": "a"}\n{"url": "b"}')
    assert [r["url"] for r in read_results(out, repair=True)] == ["a", "b"]
    assert out.read_text().endswith('{"url": "b"}\n')


@pytest.mark.slow
def test_processes_split_the_hosts_and_count_every_request(batch_sites, settings):
    from infoview.research.parallel import RunStats

    one, two, _ = batch_sites
    before = len(one.requests) + len(two.requests)
    stats = RunStats()
    rows = list(research_many([one.url, two.url], settings=settings, processes=2, stats=stats))
    assert stats.processes == 2
    assert [r["name"] for r in rows] == ["Kestrel Health Labs"] * 2
    assert stats.network_requests == len(one.requests) + len(two.requests) - before
    # Both processes wrote the one cache file: a re-run finds everything there.
    again = RunStats()
    assert len(list(research_many([one.url, two.url], settings=settings, processes=2,
                                  stats=again))) == 2
    assert again.network_requests == 0


@pytest.mark.slow
def test_warm_rerun_reuses_finished_results_without_a_request(batch_sites, settings):
    one, two, _ = batch_sites
    first = list(research_many([one.url, two.url], settings=settings))
    before = len(one.requests), len(two.requests)
    again = list(research_many([one.url, two.url], settings=settings))
    assert (len(one.requests), len(two.requests)) == before
    assert sorted(r["name"] for r in again) == sorted(r["name"] for r in first)
    assert all(f["from_cache"] for r in again for f in r["fetched"])


def test_result_with_a_passing_failure_is_researched_again(settings):
    with Hostile("127.0.0.4") as site:
        site.routes["/"] = (200, {"Content-Type": "text/html"},
                            b'<html><head><title>Flaky Co</title></head><body>'
                            b'<a href="/about">About us</a></body></html>')
        site.routes["/about"] = (503, {}, b"maintenance")
        flaky = settings.with_(max_retries=0, host_delay=0.0)
        for _ in range(2):
            (row,) = research_many([site.url], settings=flaky)
            assert any("/about" in w for w in row["warnings"])
        assert site.hits["/about"] == 2


@pytest.mark.slow
def test_refresh_researches_again_from_the_network(batch_sites, settings, tmp_path):
    one, _, _ = batch_sites
    source = tmp_path / "t.txt"
    source.write_text(one.url + "\n")
    research_batch(source, tmp_path / "first.jsonl", settings=settings, progress=False)
    before = len(one.requests)
    again = research_batch(source, tmp_path / "second.jsonl", settings=settings,
                           progress=False, refresh=True)
    assert again.done == 1 and again.network_requests > 0
    assert len(one.requests) - before == again.network_requests


@pytest.mark.parametrize("content", [
    b"Meeting notes\nCall Samira on Monday\nlast line without newline",
    b"just one line, no newline",
    bytes(range(256)) * 4,
    b'{"note": "a JSON object, but not a research result"}\n',
])
def test_an_out_file_that_is_not_batch_output_is_refused_and_left_byte_identical(tmp_path, content):
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/\n")
    out = tmp_path / "notes.txt"
    out.write_bytes(content)
    with pytest.raises(BadInputFile, match="not the output of a batch research run"):
        research_batch(urls, out, settings=Settings(host_delay=0.0, use_cache=False),
                       progress=False)
    assert out.read_bytes() == content


def test_summary_counts_urls_left_without_a_line_as_unfinished(tmp_path):
    from infoview.research.batch import BatchSummary

    summary = BatchSummary(out=tmp_path / "o.jsonl", total=6, skipped=1, done=2, failed=1,
                           seconds=1.0, network_requests=9)
    assert summary.unfinished == 2
    assert summary.to_dict()["unfinished"] == 2


@pytest.mark.slow
@needs_loopback("127.0.0.5", "127.0.0.6")
def test_a_host_two_processes_reach_is_asked_one_request_at_a_time(tmp_path):
    # Two companies in two research processes keep their reports on the same server:
    # every request to that server, from either process, waits the delay after the last.
    from itertools import pairwise

    from infoview.research.parallel import RunStats

    html = {"Content-Type": "text/html"}
    pdf = {"Content-Type": "application/pdf"}
    with Hostile("127.0.0.4") as reports, Hostile("127.0.0.5") as one, \
            Hostile("127.0.0.6") as two:
        for site, name in ((one, "one"), (two, "two")):
            link = f"{reports.url}{name}/annual-report-2024.pdf"
            site.routes["/"] = (200, html, f"<html><head><title>Company {name}</title></head>"
                                f"<body><h1>Company {name}</h1><a href='{link}'>Annual report "
                                "2024 (PDF)</a></body></html>".encode())
            reports.routes[f"/{name}/annual-report-2024.pdf"] = (200, pdf, b"%PDF-1.4\n%%EOF\n")
        stats = RunStats()
        settings = Settings(host_delay=DELAY, use_cache=False, allow_private=("127.0.0.4",))
        rows = list(research_many([one.url, two.url], settings=settings, processes=2,
                                  stats=stats))
        log = list(reports.log)
    assert stats.processes == 2 and len(rows) == 2
    paths = [path for _, path in log]
    assert "/one/annual-report-2024.pdf" in paths and "/two/annual-report-2024.pdf" in paths
    assert min(b - a for (a, _), (b, _) in pairwise(log)) >= DELAY - 0.02, log

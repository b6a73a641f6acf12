"""The HTTP cache queues its writes for one writer thread: reads see queued entries at
once, and closing the cache leaves every entry in the file for the next process."""

from __future__ import annotations

import threading

import pytest

from infoview.research.httpcache import HttpCache


def _put(cache: HttpCache, url: str, body: bytes) -> None:
    cache.put(url, final_url=url, status=200, content_type="text/html", encoding="utf-8",
              body=body, warnings=["odd charset"])


def test_a_page_and_a_result_are_readable_at_once_and_after_reopening(tmp_path):
    cache = HttpCache(tmp_path / "cache.sqlite", days=7)
    _put(cache, "http://a.test/", b"<p>hello</p>")
    cache.put_result("research a.test", {"name": "A"})
    assert cache.get("http://a.test/")["body"] == b"<p>hello</p>"
    assert cache.get_result("research a.test") == {"name": "A"}
    cache.close()
    assert not [t for t in threading.enumerate() if t.name == "infoview-cache-writer"]

    again = HttpCache(tmp_path / "cache.sqlite", days=7)
    page = again.get("http://a.test/")
    assert page["body"] == b"<p>hello</p>" and page["warnings"] == ["odd charset"]
    assert again.get_result("research a.test") == {"name": "A"}
    again.close()


def test_many_threads_writing_at_once_lose_nothing(tmp_path):
    cache = HttpCache(tmp_path / "cache.sqlite", days=7)
    threads = [threading.Thread(target=_put, args=(cache, f"http://a.test/{i}", b"x" * i))
               for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cache.close()
    again = HttpCache(tmp_path / "cache.sqlite", days=7)
    assert all(again.get(f"http://a.test/{i}")["body"] == b"x" * i for i in range(40))
    again.close()


def test_the_latest_write_of_a_url_wins(tmp_path):
    cache = HttpCache(tmp_path / "cache.sqlite", days=7)
    _put(cache, "http://a.test/", b"old")
    _put(cache, "http://a.test/", b"new")
    assert cache.get("http://a.test/")["body"] == b"new"
    cache.close()
    again = HttpCache(tmp_path / "cache.sqlite", days=7)
    assert again.get("http://a.test/")["body"] == b"new"
    again.close()


def test_opening_waits_while_another_process_writes_to_the_cache(tmp_path):
    """A batch's research processes and a second notebook open the same cache file; one
    that opens while another writes must wait, not fail with "database is locked"."""
    import subprocess
    import sys

    path = tmp_path / "cache.sqlite"
    HttpCache(path, days=7).close()      # the file exists, in WAL mode, as in real use
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"con = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
         "con.execute('BEGIN EXCLUSIVE')\n"
         "print('locked', flush=True)\n"
         "time.sleep(1.0)\n"
         "con.execute('COMMIT')\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        cache = HttpCache(path, days=7)  # raised "database is locked" before opening waited
        cache.put("http://example.test/", final_url="http://example.test/", status=200,
                  content_type="text/html", encoding="utf-8", body=b"<p>x</p>", warnings=[])
        cache.close()
    finally:
        holder.wait(timeout=10)
    assert HttpCache(path, days=7).get("http://example.test/")["body"] == b"<p>x</p>"


def test_a_cache_file_that_is_not_sqlite_is_a_clear_error(tmp_path):
    from infoview.errors import StoreError

    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="--no-cache"):
        HttpCache(path, days=7)
    assert path.read_bytes() == b"this is not a database" * 100

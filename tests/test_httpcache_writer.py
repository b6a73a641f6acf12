"""The HTTP cache queues its writes for one writer thread: reads see queued entries at
once, and closing the cache leaves every entry in the file for the next process."""

from __future__ import annotations

import threading

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

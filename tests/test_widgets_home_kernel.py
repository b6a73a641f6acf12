"""The home page in a real kernel, spoken to as a browser speaks to it (over the kernel's
messages): the page a browser draws must never hear of a widget that holds another it was
not told of.

The app's home page works out what is due in a worker thread while the page paints. A
browser connecting to the kernel hears only the messages sent after it connected. When the
home page drew its rows just then, the browser was told of a row's box but not of the
label inside it (sent a moment before), and drew a broken widget: "widget model not found"
in the console, on a busy machine. So the page shows what the worker found only once the
browser has drawn it (the view count the browser reports), never on its own.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from jupyter_client.manager import start_new_kernel

from infoview.models import Action, Person
from infoview.store import Store

WAIT = 120  # s: the most one reply may take (a cold kernel importing pandas on a busy machine)
DEADLINE = 300  # s: the most a thing the kernel does on its own may take, on a busy machine
POLL = 0.1  # s: the pause between two questions to the kernel while waiting on it
MODEL = re.compile(r"IPY_MODEL_([0-9a-f]{32})")

SETUP = """
from infoview.store import Store
from infoview.widgets.home import HomePage
page = HomePage(Store.open({db!r}), go=lambda _key: None, choose=lambda **_kw: None,
                background=True)

def worked_out():
    # The worker starts once the kernel is free (after this cell), so it is looked at, not
    # joined here: done once it has started and finished (handing its findings over last).
    worker = page._thread
    return worker is not None and worker.ident is not None and not worker.is_alive()

print(page.model_id)
"""


@pytest.fixture
def kernel():
    """A real IPython kernel (the one Voila starts for the app), and a client to it."""
    manager, client = start_new_kernel(kernel_name="python3", startup_timeout=WAIT)
    try:
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def _run(client, code: str) -> tuple[list[dict], str]:
    """Run ``code``; the widget messages the kernel sent until it was idle again (what a
    browser would hear), and what the code printed."""
    msg_id = client.execute(code)
    heard, printed = [], ""
    while True:
        msg = client.get_iopub_msg(timeout=WAIT)
        kind, content = msg["msg_type"], msg["content"]
        if kind in ("comm_open", "comm_msg", "comm_close"):
            heard.append(msg)
        elif kind == "stream":
            printed += content["text"]
        elif kind == "error":
            raise AssertionError("\n".join(content["traceback"]))
        elif (kind == "status" and content["execution_state"] == "idle"
              and msg["parent_header"].get("msg_id") == msg_id):
            return heard, printed


def _run_until(client, code: str, done: Callable[[list[dict], str], bool],
               what: str) -> list[dict]:
    """Run ``code`` again and again, each time until the kernel is idle, until ``done``
    says so of all the widget messages heard and of what the last run printed; those
    messages. Fails after :data:`DEADLINE` seconds, saying ``what`` never came."""
    heard: list[dict] = []
    give_up = time.monotonic() + DEADLINE
    while True:
        more, printed = _run(client, code)
        heard += more
        if done(heard, printed):
            return heard
        if time.monotonic() > give_up:
            raise AssertionError(f"{what} within {DEADLINE} s; heard "
                                 f"{[m['msg_type'] for m in heard]}")
        time.sleep(POLL)


def _says(heard: list[dict], text: str) -> bool:
    return any(text in json.dumps(m["content"]) for m in heard)


def _widgets_opened(heard: list[dict]) -> list[str]:
    return [m["content"]["comm_id"] for m in heard if m["msg_type"] == "comm_open"]


def _unknown_references(heard: list[dict], known: set[str]) -> list[str]:
    """Widgets named in a message before the kernel opened them (in the order heard)."""
    unknown = []
    for msg in heard:
        named = set(MODEL.findall(json.dumps(msg["content"].get("data", {}))))
        unknown += sorted(named - known)
        if msg["msg_type"] == "comm_open":
            known.add(msg["content"]["comm_id"])
    return unknown


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_the_home_page_shows_what_is_due_only_once_the_browser_has_drawn_it(kernel, tmp_path):
    db = tmp_path / "store.sqlite"
    now = datetime.now(UTC)
    with Store.open(db) as store:
        sam = store.add(Person(name="Sam Okafor"))
        store.add(Action(what="Send Sam the article", person_id=sam.id, due=now + timedelta(days=3)))
    heard, printed = _run(kernel, SETUP.format(db=str(db)))
    page_id = printed.strip()
    known = set(_widgets_opened(heard))
    assert page_id in known

    # The worker finishes and hands its findings to the kernel's thread, which then goes
    # idle again (one more run after the worker is done: the hand-off queued before it),
    # but no browser has drawn the page: one connecting now must not hear of widgets on
    # their own, at any moment of this.
    alone = _run_until(kernel, "print(worked_out())", lambda _h, said: said.strip() == "True",
                       "the worker did not finish")
    alone += _run(kernel, "pass")[0]
    assert alone == [], [m["msg_type"] for m in alone]

    # The browser draws the page: its view count rises, as a browser reports it. The rows
    # come on the kernel's thread once it has handled that message (and, on a busy machine,
    # perhaps a little later): wait until the kernel is idle with them drawn.
    drawn = kernel.session.msg("comm_msg", {"comm_id": page_id, "data": {
        "method": "update", "state": {"_view_count": 1}, "buffer_paths": []}})
    kernel.shell_channel.send(drawn)
    heard = _run_until(kernel, "pass", lambda heard, _p: _says(heard, "Send Sam Okafor the article"),
                       "the row of what is due was not drawn")
    assert _unknown_references(heard, known) == []

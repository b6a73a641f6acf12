"""The preparation panel's "I sent it" and "They replied": driven without a browser, checked
in the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoview.flows.outreach_log import record_outreach
from infoview.models import Outreach, Person
from infoview.widgets.prepare import NEW, PreparePanel


@pytest.fixture
def store(store):
    store.add(Person(name="Tomas Reyes", organization="Kestrel Health Labs"))
    store.add(Person(name="Samira Okafor", title="UX Research Lead", organization="Kestrel Health Labs"))
    return store


@pytest.fixture
def panel(store, tmp_path):
    panel = PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher", minutes=20)
    panel.person.value = 2
    panel.your_name.value = "Maya Lindqvist"
    panel.reason.value = "I read your post on testing the booking app with patients"
    panel.narrow.value = "research for digital health products"
    return panel


def _today() -> str:
    now = datetime.now().astimezone()
    return f"{now:%a} {now.day} {now:%b}"  # day_words, this year's left out: "Mon 7 Dec"


def test_i_sent_it_records_the_request_with_the_drafts_subject_and_text(panel, store):
    panel.draft_button.click()
    assert panel.draft is not None, panel.message.text
    panel.draft_text.value += "\nPS: edited by hand before sending."
    panel.channel.value = "linkedin"
    panel.sent_button.click()
    assert panel.sent_message.kind == "ok", panel.sent_message.text  # beside "I sent it"
    assert panel.sent_message.text == f"Recorded: request to Samira by LinkedIn on {_today()}."
    [row] = store.list(Outreach)
    assert (row.person_id, row.kind, row.channel) == (2, "request", "linkedin")
    assert row.subject == panel.draft.subject
    assert row.body.startswith(panel.draft.body.strip()[:40])
    assert row.body.endswith("PS: edited by hand before sending.")
    assert not row.body.lower().startswith("subject:")
    assert datetime.now(UTC) - row.sent_at < timedelta(minutes=1)


def test_a_sent_request_waits_until_they_reply(panel, store):
    panel.draft_button.click()
    panel.sent_button.click()
    [row] = store.list(Outreach)
    assert [item.outreach.id for item in panel.waiting] == [row.id]
    assert "request by email, sent" in panel.waiting_box.children[0].children[0].value
    panel.replied_buttons[row.id].click()
    assert panel.sent_message.kind == "ok", panel.sent_message.text
    assert panel.sent_message.text == f"Recorded: Samira replied on {_today()}."
    assert store.get(Outreach, row.id).replied_at is not None
    assert panel.waiting == [] and "No message awaits a reply" in panel.waiting_box.children[0].value


def test_waiting_list_follows_the_chosen_person(panel, store):
    old = datetime.now(UTC) - timedelta(days=14)
    record_outreach(store, 1, sent_at=old, channel="phone")
    assert panel.waiting == []  # Samira is chosen: Tomas's message is not hers
    panel.person.value = 1
    [item] = panel.waiting
    label = panel.waiting_box.children[0].children[0].value
    assert label.startswith("request by phone, sent") and "business days ago" in label
    assert item.business_days == 10  # two weeks to the day: ten weekdays (no country, no holidays)


@pytest.mark.parametrize("setup, words", [
    (lambda p: setattr(p.person, "value", NEW), "save the person first"),
    (lambda p: setattr(p.draft_kind, "value", "pitch"), "spoken, not sent"),
    (lambda p: None, "write the draft first"),
])
def test_sending_mistakes_show_in_the_panel_and_store_nothing(panel, store, setup, words):
    setup(panel)
    panel.sent_button.click()
    assert panel.sent_message.kind == "error" and words in panel.sent_message.text.lower()
    assert store.list(Outreach) == []


def test_a_reply_the_library_refuses_shows_in_the_panel(panel, store):
    row = record_outreach(store, 2, sent_at=datetime.now(UTC) + timedelta(days=2))
    panel.person.value = 1
    panel.person.value = 2  # reload the list
    panel.replied_buttons[row.id].click()  # "now" is before a message dated the day after tomorrow
    assert panel.sent_message.kind == "error"
    assert "before the message was sent" in panel.sent_message.text
    assert store.get(Outreach, row.id).replied_at is None


def test_a_request_without_why_them_says_so_once_and_names_the_field(store, tmp_path):
    import html
    import re

    panel = PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher", minutes=20)
    panel.person.value = 2  # stored, with no research: nothing found to open with
    panel.draft_button.click()
    assert panel.draft is not None, panel.draft_message.text
    shown = [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in
             re.findall(r"<li>(.*?)</li>", panel.draft_warnings.value)]
    why_them = [line for line in shown if "why them" in line.lower()]
    assert len(why_them) == 1, shown
    assert "Fill in “Why them (your words)” above." in why_them[0]
    assert len(shown) == len(set(shown))
    panel.reason.value = "I read your post on testing the booking app with patients"
    panel.draft_button.click()
    assert "why them" not in panel.draft_warnings.value.lower()

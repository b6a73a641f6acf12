"""A draft can be taken away: copied with one click, opened in the mail program, downloaded;
and every file the panels write is offered for download from the page itself."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlsplit

import ipywidgets as w

from infoview.widgets._common import DOWNLOAD_LIMIT, download_link, file_link
from infoview.widgets.draftbox import DRAFT_CLASS, DraftActions, draft_box, mailto_url

DRAFT = ("Subject: A question about research at Kestrel & co\n\n"
         "Hi Sam,\n\nWould you have 20 minutes? 100% advice, no job ask.\n\nBest,\nLena")


def _data(html: str) -> bytes:
    [encoded] = re.findall(r"base64,([A-Za-z0-9+/=]+)'", html)
    return base64.b64decode(encoded)


def test_the_mail_link_carries_subject_and_body_encoded_for_a_mail_program():
    url = mailto_url("sam@kestrel.example", "A & B?", "Line one\nLine two 100%")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "sam@kestrel.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["A & B?"]
    assert query["body"] == ["Line one\r\nLine two 100%"]  # line breaks as mail expects
    assert " " not in url and "\n" not in url


def test_the_actions_follow_the_text_as_edited_and_copy_what_is_on_screen():
    box = w.Textarea()
    actions = DraftActions(box, lambda: ("sam@kestrel.example", "Sam Okafor"), "request")
    assert actions.value == "" and actions.mailto == ""  # nothing to take away yet
    box.value = DRAFT
    query = parse_qs(urlsplit(actions.mailto).query)
    assert query["subject"] == ["A question about research at Kestrel & co"]
    assert query["body"][0].startswith("Hi Sam,")
    assert actions.mailto.startswith("mailto:sam@kestrel.example?")
    assert "Copy the draft" in actions.value and "navigator.clipboard.writeText" in actions.value
    assert "querySelector(&#x27;textarea&#x27;)" in actions.value  # reads the box as shown
    assert _data(actions.value).decode() == DRAFT
    assert "download='request-to-sam-okafor.txt'" in actions.value
    box.value = DRAFT + "\nPS: edited"
    assert _data(actions.value).decode().endswith("PS: edited")
    assert "PS%3A%20edited" in actions.mailto
    holder = draft_box(box, actions)
    assert DRAFT_CLASS in holder._dom_classes and box in holder.children


def test_without_an_address_the_mail_link_opens_an_empty_to_and_says_where_to_add_one():
    box = w.Textarea(value=DRAFT)
    actions = DraftActions(box, lambda: (None, "Sam Okafor"))
    assert actions.mailto.startswith("mailto:?subject=")
    assert "add their email under People" in actions.value


def test_a_written_file_downloads_from_the_page_and_names_its_folder(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(b"%PDF-1.7 fake")
    shown = file_link(path)
    assert "download='brief.pdf'" in shown and "data:application/pdf;base64," in shown
    assert _data(shown) == b"%PDF-1.7 fake"
    assert f"saved in <code>{tmp_path}</code>" in shown and "file://" not in shown
    assert "<script" not in download_link(b"x", "<script>.txt")


def test_a_file_too_large_for_the_page_is_named_with_its_folder(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(DOWNLOAD_LIMIT + 1)
    shown = file_link(path)
    assert "base64" not in shown and "huge.html" in shown and str(tmp_path) in shown


def test_a_draft_with_gaps_says_beside_the_copy_button_what_is_left_to_fill_in():
    # Lena copied a request that still said "[link to your professional profile]".
    box = w.Textarea(value="Hi Sam,\n\nMore about me: [link to your professional profile]."
                           "\n\nBest,\n[your name]")
    actions = DraftActions(box, lambda: ("sam@kestrel.example", "Sam Okafor"), "request")
    assert "infoview-draft-gaps" in actions.value
    assert "still has 2 places to fill in" in actions.value
    assert "[link to your professional profile], [your name]" in actions.value
    box.value = box.value.replace("[your name]", "Lena")
    assert "still has 1 place to fill in" in actions.value
    box.value = DRAFT  # filled in: nothing to say
    assert "infoview-draft-gaps" not in actions.value

"""A draft the user can take away: copy it with one click, open it in their mail program,
or download it as a text file.

:class:`DraftActions` sits under a draft's text box and always acts on the text as it
stands (edits included): the copy button reads the box in the browser, and the mail link
and the download are rebuilt whenever the box changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

import ipywidgets as w

from infoview.flows.drafts import split_subject
from infoview.prep.checks import places_to_fill
from infoview.text import count_of
from infoview.widgets._common import download_link, esc

#: The class of the box holding a draft's text and its actions (the copy button finds the
#: text through it).
DRAFT_CLASS = "infoview-draft"

# Copies the draft box's text as it is on screen. The clipboard API needs a secure page
# (127.0.0.1 is one); where it is missing, the older select-and-copy does the same.
_COPY_SCRIPT = (
    "var b=this,t=b.closest('.infoview-draft').querySelector('textarea');"
    "if(!t){return;}"
    "var done=function(){b.textContent='Copied \\u2713';"
    "setTimeout(function(){b.textContent='Copy the draft';},2500);};"
    "if(navigator.clipboard&&window.isSecureContext){"
    "navigator.clipboard.writeText(t.value).then(done,function(){t.select();"
    "document.execCommand('copy');done();});}"
    "else{t.select();document.execCommand('copy');done();}"
)
_BUTTON_STYLE = ("margin:2px 8px 2px 0;padding:2px 10px;border:1px solid #999;"
                 "border-radius:3px;background:#f3f3f3;cursor:pointer")


def mailto_url(to: str | None, subject: str | None, body: str) -> str:
    """A ``mailto:`` address that opens the user's mail program with the draft filled in
    (spaces and line breaks encoded as mail programs expect)."""
    query = []
    if subject:
        query.append("subject=" + quote(subject, safe=""))
    if body:
        query.append("body=" + quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe=""))
    return f"mailto:{quote(to or '', safe='@')}" + ("?" + "&".join(query) if query else "")


def draft_file_name(kind: str, who: str | None) -> str:
    """``request-to-samira-okafor.txt``: what a downloaded draft is called."""
    slug = re.sub(r"[^a-z0-9]+", "-", (who or "").lower()).strip("-")
    return f"{kind.replace('_', '-')}{'-to-' + slug if slug else ''}.txt"


class DraftActions(w.HTML):
    """Copy, mail and download controls for the draft in ``text_box``.

    Args:
        text_box: the ``Textarea`` holding the draft (its first line may be ``Subject: ...``).
        recipient: returns the email address to write to (``None`` when unknown) and the
            person's name, asked each time the controls are redrawn.
        kind: the draft's kind (names the downloaded file).

    Attributes:
        mailto: the ``mailto:`` address offered, or ``""`` while the box is empty.
    """

    def __init__(self, text_box: w.Textarea,
                 recipient: Callable[[], tuple[str | None, str | None]] = lambda: (None, None),
                 kind: str = "draft"):
        super().__init__()
        self.text_box = text_box
        self.recipient = recipient
        self.kind = kind
        self.mailto = ""
        text_box.observe(lambda _c: self.refresh(), names="value")
        self.refresh()

    def refresh(self) -> None:
        """Redraw the controls for the text now in the box."""
        text = self.text_box.value or ""
        if not text.strip():
            self.mailto, self.value = "", ""
            return
        subject, body = split_subject(text)
        to, name = self.recipient()
        self.mailto = mailto_url(to, subject, body)
        to_note = "" if to else " (add their email under People to fill in the address)"
        gaps = places_to_fill(text)
        self.value = (
            "<div class='infoview-draft-actions'>"
            f"<button class='infoview-copy' type='button' style='{_BUTTON_STYLE}' "
            f"onclick=\"{esc(_COPY_SCRIPT)}\">Copy the draft</button>"
            f"<a class='infoview-mailto' href='{esc(self.mailto)}' "
            "style='margin-right:10px;color:#1a5fb4;text-decoration:underline'>Open in my mail "
            f"program</a>"
            + download_link(text.encode("utf-8"), draft_file_name(self.kind, name),
                            "Download as a text file")
            + f"<small style='color:#555'>{esc(to_note)}</small>"
            + (f"<div class='infoview-draft-gaps' style='color:#8a5300;margin-top:4px'>"
               f"{esc(gaps_note(gaps))}</div>" if gaps else "")
            + "</div>")


def gaps_note(gaps: list[str]) -> str:
    """What to say beside the copy button while the draft still has places to fill in."""
    return (f"Before you send it: the draft still has {count_of(len(gaps), 'place')} to fill "
            f"in with your own words: {', '.join(gaps)}. What you copy or download holds "
            "them as they are.")


def draft_box(text_box: w.Textarea, actions: DraftActions, *before: w.Widget) -> w.VBox:
    """The draft's text with its actions under it, in one box the copy button can find."""
    box = w.VBox([*before, text_box, actions])
    box.add_class(DRAFT_CLASS)
    return box

"""A small panel: everything the kit holds about one person (what they are owed on asking),
as a readable list, with a button that deletes all of it (asking first, with Undo).

It shows :func:`infoview.flows.forget.what_is_held` for the person chosen: their records,
other records naming them, research, cached pages and kept results, exports and backups,
with dates, in plain words. The outcomes dashboard carries it under its tabs; the app's
People page shows it for the person chosen there.
"""

from __future__ import annotations

from collections import Counter
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.errors import BadInput
from infoview.flows.batch_research import BATCH_KEY
from infoview.flows.forget import Holdings, what_is_held
from infoview.flows.form_drafts import FORM_PREFIX
from infoview.flows.meeting_notes import DEBRIEF_PREFIX
from infoview.flows.meeting_notes import PREFIX as NOTES_PREFIX
from infoview.flows.profile import user_zone
from infoview.flows.records import ROW_WORDS
from infoview.models import Person
from infoview.times import stored_day
from infoview.widgets._common import MessageLine, bullet_list, button, esc, link
from infoview.widgets.deletions import Deletions

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: Each table of the store as a reader would name its rows (one, many): the deletion's words.
TABLE_WORDS = ROW_WORDS


def _count(n: int, table: str) -> str:
    one, many = TABLE_WORDS.get(table, (table.replace("_", " "),) * 2)
    return f"{n} {one if n == 1 else many}"


def _day(value: object, zone: tzinfo | None = None) -> str:
    """``Thu 3 Dec 2026`` from a stored date or date-time (``""`` when there is none); a
    moment falls on its day in ``zone`` (the user's) when one is given."""
    return stored_day(value, zone)


def holdings_html(held: Holdings, zone: tzinfo | None = None) -> str:
    """What is held, as headed lists a reader can follow (no table names, no ids), dated
    on the calendar of ``zone`` (the user's, from About me) when it is given."""
    person = held.person
    parts = [f"<h4 style='margin:6px 0'>What infoview holds about {esc(person.name)}</h4>"]
    details = [f"{label}: {esc(value)}" for label, value in (
        ("Job title", person.title), ("Organization", person.organization),
        ("Email", person.email), ("Phone", person.phone), ("Location", person.location),
        ("Profile link", person.profile_url), ("Notes", person.notes)) if value]
    added = _day(person.created_at, zone)
    parts.append("<b>Their record</b>" + (f" (added {esc(added)})" if added else "")
                 + bullet_list(details, "Only their name."))
    own: dict[str, list[str]] = {}
    for record in held.records:
        if record["table"] == "people":
            continue
        line = " ".join(str(record.get("what") or "").split())
        when = _day(record.get("date"), zone)
        own.setdefault(record["table"], []).append(
            esc((line[:80] + "…") if len(line) > 81 else line or "(no text)")
            + (f" <small style='color:#555'>({esc(when)})</small>" if when else ""))
    if own:
        parts.append("<b>Records about them</b>" + "".join(
            f"<details><summary>{esc(_count(len(items), table))}</summary>"
            f"{bullet_list(items)}</details>" for table, items in own.items()))
    else:
        parts.append("<b>Records about them</b><p><i>None besides their own record.</i></p>")
    named = Counter(m["table"] for m in held.mentions)
    if named:
        parts.append("<b>Other records that mention them</b>"
                     + bullet_list(esc(_count(n, t)) for t, n in named.items()))
    if held.snapshots:
        parts.append("<b>Research</b>" + bullet_list(
            f"{'their public page' if s['kind'] == 'person' else 'their organization'}: "
            f"{link(s['source_url'])}" + (f", read {esc(_day(s['fetched_at'], zone))}"
                                          if s["fetched_at"] else "")
            for s in held.snapshots))
    if held.cached_pages or held.kept_results:
        pages = sorted({p.url for p in held.cached_pages} | {r.url for r in held.kept_results})
        parts.append(f"<b>Web pages kept in the cache</b> ({len(pages)}, kept for a few days "
                     "so research does not fetch them twice)" + bullet_list(link(u) for u in pages))
    if held.exports:
        parts.append("<b>Files you exported that name them</b>" + bullet_list(
            f"{esc(e.path.name)} <small style='color:#555'>(in {esc(e.path.parent)}, "
            f"{esc(_day(e.written_at.isoformat(), zone))})</small>" for e in held.exports))
    if held.backups:
        parts.append("<b>Backups of your data that name them</b> (copies made before an upgrade)"
                     + bullet_list(f"{esc(Path(b['path']).name)} <small style='color:#555'>"
                                   f"(in {esc(Path(b['path']).parent)})</small>"
                                   for b in held.backups))
    notes = sum(1 for k in held.kept_plans if k["key"].startswith((NOTES_PREFIX, DEBRIEF_PREFIX)))
    typed = sum(1 for k in held.kept_plans if k["key"].startswith(FORM_PREFIX))
    batch = sum(1 for k in held.kept_plans if k["key"] == BATCH_KEY)
    plans = len(held.kept_plans) - notes - typed - batch
    if plans:
        parts.append(f"<p><b>Plans you were editing for them</b> ({plans}, "
                     "kept until you save or drop them)</p>")
    if notes:
        parts.append(f"<p><b>Notes and a debrief being written about a meeting with them</b> "
                     f"({notes}, kept until you save its debrief)</p>")
    if typed:
        parts.append("<p><b>Changes to their details or meetings you typed and did not "
                     "save</b> (kept until you save or drop them)</p>")
    if batch:
        parts.append("<p><b>Research of several organizations that names them</b> (not saved "
                     "yet: kept until you save it or research another list)</p>")
    parts.append("<b>Out of infoview's reach</b>" + bullet_list(esc(x) for x in held.unreachable))
    return "<div class='infoview-holdings'>" + "".join(parts) + "</div>"


class HoldingsPanel(w.VBox):
    """Pick a person, press the button, read what is held about them; delete it all.

    Args:
        store: the open store.
        cache_path: the HTTP cache file (default: the one beside the store).
        deletions: where deleting asks first and offers Undo (a new one when ``None``).
        pick: show the person list (the app's People page passes ``False`` and sets
            :attr:`person_id` itself).

    Attributes:
        held: the last :class:`~infoview.flows.forget.Holdings` shown, or ``None``.
    """

    def __init__(self, store: Store, *, cache_path: str | Path | None = None,
                 deletions: Deletions | None = None, pick: bool = True):
        self.store = store
        self.cache_path = cache_path
        self.held: Holdings | None = None
        self.deletions = deletions or Deletions(store, cache_path=cache_path,
                                                on_change=self._after_change)
        self.person = w.Dropdown(description="Person", options=[],
                                 style={"description_width": "initial"})
        self.person.layout.display = "" if pick else "none"
        self.show_button = button("What I hold about them", tooltip="every record, cached "
                                  "page, snapshot and export that names them, with dates")
        self.delete_button = button("Delete everything about them", "danger")
        self.delete_button.layout.display = "none"
        self.message = MessageLine()
        self.report = w.HTML()
        self.show_button.on_click(lambda _b: self.show())
        self.delete_button.on_click(lambda _b: self.delete())
        parts = [w.HBox([self.person, self.show_button]), self.message, self.report,
                 self.delete_button]
        if deletions is None:  # otherwise the page that owns it shows it
            parts.append(self.deletions)
        super().__init__(parts)
        if pick:
            self.refresh_people()

    def refresh_people(self) -> None:
        """Fill the person list from the store (the first one chosen when none was)."""
        options = [(p.name, p.id) for p in self.store.list(Person)]
        keep = self.person.value
        self.person.options = options
        ids = [value for _name, value in options]
        self.person.value = keep if keep in ids else (ids[0] if ids else None)

    def show(self, person_id: int | None = None):
        """Show everything held about the chosen person (what the button does)."""
        with self.message.guard("listing what is held"):
            chosen = person_id if person_id is not None else self.person.value
            if chosen is None:
                raise BadInput("choose a person first")
            held = self.held = what_is_held(self.store, chosen, cache_path=self.cache_path)
            self.report.value = holdings_html(held, user_zone(self.store))
            self.delete_button.layout.display = ""
            self.message.clear()
            return self.held
        return None

    def delete(self) -> None:
        """Ask before deleting the person shown (what "Delete everything about them" does)."""
        if self.held is not None:
            self.deletions.ask("person", self.held.person.saved_id)

    def clear(self) -> None:
        """Show nothing (the person shown was deleted)."""
        self.held = None
        self.report.value = ""
        self.delete_button.layout.display = "none"

    def _after_change(self) -> None:
        self.clear()
        self.refresh_people()

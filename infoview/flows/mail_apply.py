"""Turning matched messages into outreach, replies and kept messages (inside one transaction).

The rules are those of :mod:`infoview.flows.mail_import`; this module applies them to the
store, one person at a time and in time order, so that a reply answers only what was sent
before it, whatever order the mailbox holds the messages in.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from infoview.flows.outreach_log import WAITING_KINDS
from infoview.models import MailMessage, Outreach, Person

if TYPE_CHECKING:
    from infoview.flows.mail_import import Found, MailImportReport
    from infoview.store.core import Store

#: A message the user logged by hand this close to one found in the mail is the same one.
SAME_MESSAGE_WITHIN = timedelta(days=1)


class _Person:
    """One person's messages: those in the store and those this import adds."""

    def __init__(self, rows: list[Outreach], received: list[datetime], linked: set[int]):
        self.rows = sorted(rows, key=lambda r: (r.sent_at is None, r.sent_at or datetime.max))
        self.received = sorted(received)
        self.linked = linked
        self.new_ids: set[int] = set()  # id() of rows this import creates

    def history_before(self, at: datetime) -> bool:
        """Whether anything was sent to or received from them before ``at``."""
        sent = any(r.sent_at is not None and r.sent_at < at for r in self.rows)
        return sent or bisect.bisect_left(self.received, at) > 0

    def pending_before(self, at: datetime) -> list[Outreach]:
        """Their unanswered messages sent at or before ``at``."""
        return [r for r in self.rows
                if r.replied_at is None and r.sent_at is not None and r.sent_at <= at]

    def hand_logged(self, at: datetime) -> Outreach | None:
        """An email the user logged by hand around ``at`` that no message is linked to."""
        for row in self.rows:
            if (row.id is not None and row.channel == "email" and row.id not in self.linked
                    and row.sent_at is not None and abs(row.sent_at - at) <= SAME_MESSAGE_WITHIN):
                return row
        return None


def _known(store: Store, ids: list[int]) -> tuple[set[tuple[str, int]], dict[int, list[datetime]],
                                                   dict[int, set[int]], dict[int, dict[str, int]]]:
    """Messages imported before for these people: their keys, received times, the outreach
    records linked to a sent message, and per person sent keys -> outreach id (for thread
    answers)."""
    from infoview.store.schema import _py_datetime

    keys: set[tuple[str, int]] = set()
    received: dict[int, list[datetime]] = defaultdict(list)
    linked: dict[int, set[int]] = defaultdict(set)
    sent_rows: dict[int, dict[str, int]] = defaultdict(dict)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for key, pid, direction, at, outreach_id in store.execute(
                "SELECT message_key, person_id, direction, sent_at, outreach_id FROM mail_messages "
                f"WHERE person_id IN ({marks})", chunk):
            keys.add((key, pid))
            if direction == "received" and at:
                received[pid].append(_py_datetime(at))
            elif outreach_id is not None:
                linked[pid].add(outreach_id)
                sent_rows[pid][key] = outreach_id
    return keys, received, linked, sent_rows


def apply_found(store: Store, found: list[Found], people: dict[int, Person],
                added: dict[int, int], bodies_for: set[int], report: MailImportReport) -> None:
    """Write what the matched messages mean (see the module docstring); fills ``report``."""
    from infoview.flows.mail_import import PersonSummary

    for item in found:
        if item.person < 0:
            item.person = added[item.person]
    by_person: dict[int, list[Found]] = defaultdict(list)
    for item in found:
        by_person[item.person].append(item)
    ids = sorted(by_person)
    keys, received, linked, sent_rows = _known(store, ids)
    new_rows: list[Outreach] = []
    changed: dict[int, Outreach] = {}
    mails: list[tuple[MailMessage, Outreach | None]] = []
    for pid in ids:
        rows = store.list(Outreach, person_id=pid)
        by_id = {r.id: r for r in rows}
        state = _Person(rows, received.get(pid, []), linked.get(pid, set()))
        summary = PersonSummary(pid, people[pid].name)
        thread_rows = {k: by_id[v] for k, v in sent_rows.get(pid, {}).items() if v in by_id}
        for item in sorted(by_person[pid], key=lambda f: (f.at, f.direction != "sent", f.key)):
            if (item.key, pid) in keys:
                report.already += 1
                if item.direction == "received":  # still answers what this import adds
                    _answer(state, item.at, new_only=True, changed=changed)
                continue
            keys.add((item.key, pid))
            if item.direction == "sent":
                sent = _sent(state, item, new_rows, changed, report)
                thread_rows[item.key] = sent
                mails.append((MailMessage(person_id=pid, message_key=item.key, direction="sent",
                                          sent_at=item.at), sent))
                summary.sent += 1
            else:
                answered = _answer(state, item.at, new_only=False, changed=changed)
                report.replies_marked += len(answered)
                summary.replies += len(answered)
                target = next((thread_rows[k] for k in item.thread if k in thread_rows), None)
                if target is None and answered:
                    target = answered[-1]
                mails.append((MailMessage(person_id=pid, message_key=item.key,
                                          direction="received", sent_at=item.at,
                                          subject=item.subject or None, body=item.body), target))
                bisect.insort(state.received, item.at)
                report.received_added += 1
                summary.received += 1
            if item.body:
                summary.bodies += 1
                report.bodies_kept += 1
        report.people.append(summary)
    store.add_many(new_rows)
    for changed_row in changed.values():
        store.update(changed_row)
    for mail, target in mails:
        mail.outreach_id = target.id if target is not None else None
    store.add_many(mail for mail, _row in mails)


def _sent(state: _Person, item: Found, new_rows: list[Outreach], changed: dict[int, Outreach],
          report: MailImportReport) -> Outreach:
    """The outreach record of a message the user sent: one logged by hand, else a new one."""
    row = state.hand_logged(item.at)
    if row is not None:
        assert row.id is not None
        state.linked.add(row.id)
        if not row.subject and item.subject:
            row.subject = item.subject
            changed[row.id] = row
        if item.body and not row.body:
            row.body = item.body
            changed[row.id] = row
        report.sent_linked += 1
        return row
    if item.is_reply or item.is_forward:
        kind = "other"
    elif any(r.kind in WAITING_KINDS for r in state.pending_before(item.at)):
        kind = "follow_up"
    elif not state.history_before(item.at):
        kind = "request"
    else:
        kind = "other"
    row = Outreach(person_id=item.person, channel="email", kind=kind, sent_at=item.at,
                   subject=item.subject or None, body=item.body)
    state.new_ids.add(id(row))
    bisect.insort(state.rows, row, key=lambda r: r.sent_at or datetime.max)
    new_rows.append(row)
    report.sent_added += 1
    return row


def _answer(state: _Person, at: datetime, *, new_only: bool,
            changed: dict[int, Outreach]) -> list[Outreach]:
    """Mark their messages sent before ``at`` and still unanswered as answered at ``at``."""
    answered = []
    for row in state.pending_before(at):
        if new_only and id(row) not in state.new_ids:
            continue
        row.replied_at = at
        if row.id is not None:
            changed[row.id] = row
        answered.append(row)
    return answered

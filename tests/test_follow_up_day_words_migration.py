"""Migration 15 (``_FOLLOW_UP_DAY_WORDS``): the open 3B7 follow-ups and keep-in-touch updates saved before the
follow-up rules (migration 14) say their days as every other follow-up does ("Fri 28 Aug
2026", not "28 Aug"), so one page never says the same thing two ways. Only the exact words
the kit wrote are rewritten; done ones, words the user changed, a person renamed since, a
day that is no day, and a 3B7 day whose year cannot be told apart are left as they are. On a
real SQLite file built at migration 14."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

from infoview.models import Action, Outreach, Person
from infoview.prep.followup import KeepInTouch, keep_in_touch_actions, three_b_seven
from infoview.store import Store
from infoview.store.migrations import MIGRATIONS

DONE = datetime(2026, 9, 9, 12, 0, tzinfo=UTC)
AUG_28 = datetime(2026, 8, 28, 9, 0, tzinfo=UTC)


def _old(what: str, kind: str, person_id: int, *, rule: str | None = None,
         done_at: datetime | None = None) -> Action:
    return Action(what=what, kind=kind, person_id=person_id, rule=rule, done_at=done_at,
                  due=datetime(2026, 9, 8, 9, 0, tzinfo=UTC))


def _step() -> int:
    """The version this migration brings a file from (14 when it was written)."""
    return next(i for i, script in enumerate(MIGRATIONS) if "old_follow_up_days" in script)


def _store_at_migration_14(tmp_path):
    """A store as migration 14 left it: the follow-ups saved before it in their old words
    (the rule given where its words showed one), the user's own edits, a done one."""
    path = tmp_path / "v14.sqlite"
    with Store.open(path) as store:
        ana = store.add(Person(name="Ana Ruiz", organization="Acme"))
        ben = store.add(Person(name="Ben Cho", organization="Acme"))
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        eve = store.add(Person(name="Eve Stone", organization="Acme"))
        store.add(Outreach(person_id=ana.id, kind="request", sent_at=AUG_28))
        # Ben was written to on 28 Aug of two years: which year the words meant is unknown
        store.add(Outreach(person_id=ben.id, kind="request", sent_at=AUG_28))
        store.add(Outreach(person_id=ben.id, kind="request",
                           sent_at=datetime(2025, 8, 28, 9, 0, tzinfo=UTC)))
        store.add(Outreach(person_id=eve.id, kind="request", sent_at=AUG_28))
        ids = {
            "ana": store.add(_old("Follow up with Ana Ruiz: no reply to your request of 28 Aug "
                                  "after 7 business days", "follow_up", ana.id, rule="no reply")),
            "ana done": store.add(_old("Follow up with Ana Ruiz: no reply to your request of "
                                       "28 Aug after 7 business days", "follow_up", ana.id,
                                       rule="no reply", done_at=DONE)),
            "ana edited": store.add(_old("Follow up with Ana Ruiz: no reply to your request of "
                                         "28 Aug after 7 business days, by phone",
                                         "follow_up", ana.id)),
            "ben": store.add(_old("Follow up with Ben Cho: no reply to your request of 28 Aug "
                                  "after 7 business days", "follow_up", ben.id, rule="no reply")),
            "eve renamed": store.add(_old("Follow up with Eve Stone-Ali: no reply to your request "
                                          "of 28 Aug after 7 business days", "follow_up", eve.id)),
            "sam overdue": store.add(_old("Send Sam Okafor a short update (overdue): last "
                                          "contact 02 Sep 2026, at the latest by 01 Dec 2026",
                                          "keep_in_touch", sam.id)),
            "sam": store.add(_old("Send Sam Okafor a short update: last contact 02 Sep 2026, "
                                  "at the latest by 01 Dec 2026", "keep_in_touch", sam.id,
                                  rule="since 2026-09-02")),
            "sam edited": store.add(_old("Send Sam Okafor a short update: last contact 02 Sep "
                                         "2026, at the latest by 01 Dec 2026 (the article)",
                                         "keep_in_touch", sam.id)),
            "sam no day": store.add(_old("Send Sam Okafor a short update: last contact 31 Feb "
                                         "2026, at the latest by 01 Dec 2026", "keep_in_touch",
                                         sam.id)),
        }
        people = {p.id: p for p in store.list(Person)}
        outreach = store.list(Outreach)
    conn = sqlite3.connect(path)
    # the version before this migration (its data undone: it changes no table)
    conn.execute(f"PRAGMA user_version = {_step()}")
    conn.commit()
    conn.close()
    return path, {k: a.id for k, a in ids.items()}, people, outreach


def test_open_old_words_are_said_as_today_and_nothing_else_changes(tmp_path):
    path, ids, people, outreach = _store_at_migration_14(tmp_path)
    conn = sqlite3.connect(path)
    before = dict(conn.execute("SELECT id, what || '|' || coalesce(rule, '') FROM actions"))
    conn.close()
    with Store.open(path) as store:
        after = {a.id: a for a in store.list(Action)}
    # Ana's follow-up in the words the 3B7 rule writes today, its year that of her request
    today = three_b_seven(outreach, people, today=date(2026, 9, 10))
    now_words = next(a.what for a in today if a.kind == "follow_up" and a.person_id ==
                     after[ids["ana"]].person_id)
    assert now_words == ("Follow up with Ana Ruiz: no reply to your request of Fri 28 Aug 2026 "
                         "after 7 business days")
    assert (after[ids["ana"]].what, after[ids["ana"]].rule) == (now_words, "no reply")
    # keep in touch: both days in day words, as keep_in_touch_actions writes them
    status = KeepInTouch(after[ids["sam"]].person_id, "Sam Okafor", date(2026, 9, 2),
                         date(2026, 11, 1), date(2026, 12, 1), "overdue")
    assert after[ids["sam overdue"]].what == keep_in_touch_actions([status])[0].what == (
        "Send Sam Okafor a short update (overdue): last contact Wed 2 Sep 2026, at the latest "
        "by Tue 1 Dec 2026")
    assert after[ids["sam overdue"]].rule == "since 2026-09-02"  # given the rule it lacked
    assert (after[ids["sam"]].what, after[ids["sam"]].rule) == (
        "Send Sam Okafor a short update: last contact Wed 2 Sep 2026, at the latest by "
        "Tue 1 Dec 2026", "since 2026-09-02")
    # left as they were: done, edited by the user, a year not told apart, a person renamed
    # since, a day that is no day
    for key in ("ana done", "ana edited", "ben", "eve renamed", "sam edited", "sam no day"):
        assert f"{after[ids[key]].what}|{after[ids[key]].rule or ''}" == before[ids[key]], key
    assert after[ids["ana done"]].done_at is not None

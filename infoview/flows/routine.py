"""The records 3B7 needs to read for a window of recent requests, chosen from the store in
SQL or from frames already read.

:func:`~infoview.prep.followup.three_b_seven` skips a person whose first request came
before the window (less a day) unless kept, and one who answered; reading every message,
person and meeting of a store of years to find the few it looks at cost seconds. So it is
given (:func:`routine_records_since`):

- the people to keep, and those whose first request is that recent and who did not
  answer (no reply to any message, no meeting agreed since), with all their messages
  and meetings;
- per organization of theirs, the two people there last written to since the earliest
  such request (3B7 asks whether someone else there was written to since a request: the
  latest of the others answers that for everyone), each as one message at that time;
- per organization, the first person there never written to (the next to contact).

The choice is made once (:func:`_choose`) from a few questions asked of a source: the store
in SQL (:class:`_StoreSource`), or the frames a digest or report has read already in the
same snapshot (:class:`_FrameSource`, :func:`routine_records_in_frames`), which answers
them in whole arrays instead of scanning the tables again. Both give the follow-ups of
every record (the tests check all three agree).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from infoview.models import Action, Meeting, Outreach, Person
from infoview.prep.followup import ANSWERED_STATUSES, REQUEST_KINDS
from infoview.store.schema import COLUMNS, from_sql
from infoview.text import fold

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

_DATETIME = next(c for c in COLUMNS["outreach"] if c.name == "sent_at")
#: What :func:`routine_records_in_frames` reads, by table.
FRAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "outreach": ("id", "person_id", "kind", "sent_at", "replied_at"),
    "people": ("id", "name", "organization"),
    "meetings": ("id", "person_id", "status", "starts_at"),
}

#: The columns of ids :class:`_FrameSource` compares as whole numbers.
_IDS = (("outreach", "person_id"), ("outreach", "id"), ("people", "id"),
        ("meetings", "person_id"), ("meetings", "id"))

#: The chosen records: messages, people, meetings, and the people kept whatever the day.
Chosen = tuple[list[Outreach], list[Person], list[Meeting], set[int]]


class _Source(Protocol):
    """The questions :func:`_choose` asks of the store."""

    def colleagues(self, people: set[int]) -> set[int]:
        """Everyone at the organizations of ``people`` (however its name is written)."""

    def unanswered(self, cut: date) -> set[int]:
        """The people whose first request was sent on ``cut`` or later (UTC), none before,
        who replied to no message and agreed no meeting since that first request."""

    def records(self, people: set[int]) -> tuple[list[Outreach], dict[int, Person], list[Meeting]]:
        """The messages (in id order), the people (by id) and the meetings (in id order)
        of ``people``."""

    def last_written(self, earliest: dict[str, datetime],
                     ) -> Iterable[tuple[int, datetime, str | None, str | None]]:
        """``(person id, time, name, organization)`` of the latest message to each person
        whose folded organization is a key of ``earliest`` and who was written to at its
        time or later: at least the two latest of each organization (ties: the lower
        id), maybe more."""

    def never_written(self, organizations: set[str]) -> Iterable[tuple[int, str | None, str]]:
        """``(id, name, organization)`` of the first person (lowest id) never written to,
        per organization as written whose folded name is one of ``organizations``."""


def routine_records_since(store: Store, since: date, actions: list[Action]) -> Chosen | None:
    """What :func:`~infoview.prep.followup.three_b_seven` needs to read for ``since`` and
    the open 3B7 ``actions``, chosen in SQL, and the people to ``keep``: the same follow-ups
    come out as from every record, at a fraction of the cost on a store of years.

    Returns ``None`` when a stored time is not in the store's own form (a file edited by
    hand), which only the reading of every record handles.
    """
    if store.has_odd_times("outreach", "sent_at") or store.has_odd_times("meetings", "starts_at"):
        return None
    return _choose(_StoreSource(store), since, actions)


def routine_records_in_frames(frames: Any, store: Store, since: date,
                              actions: list[Action]) -> Chosen | None:
    """:func:`routine_records_since` answered from ``frames`` (the store's, read in the
    same snapshot, holding at least :data:`FRAME_COLUMNS`): the same records without
    reading the tables again. ``None`` when the frames lack a column, or a stored time is
    not in the store's own form."""
    for name, columns in FRAME_COLUMNS.items():
        if name not in frames or not set(columns) <= set(frames[name].columns):
            return None
    if any(frames[name][column].hasnans for name, column in _IDS):
        return None  # not NULL in any store infoview writes; SQL's answer is its own
    if store.has_odd_times("outreach", "sent_at") or store.has_odd_times("meetings", "starts_at"):
        return None
    return _choose(_FrameSource(frames), since, actions)


def _choose(source: _Source, since: date, actions: list[Action]) -> Chosen:
    """The records of the module docstring, from the answers of ``source``."""
    keep: set[int] = {a.person_id for a in actions if a.person_id is not None}
    if keep:  # and everyone at their organizations, however its name is written
        keep |= source.colleagues(keep)
    candidates = source.unanswered(since - timedelta(days=1)) | keep  # a day's margin
    outreach, people, meetings = source.records(candidates)
    # the earliest first request at each organization of those 3B7 will look at
    first_request: dict[int, datetime] = {}
    for row in outreach:
        if row.kind in REQUEST_KINDS and row.sent_at is not None:
            if row.person_id not in first_request or row.sent_at < first_request[row.person_id]:
                first_request[row.person_id] = row.sent_at
    earliest: dict[str, datetime] = {}
    for person_id, sent in first_request.items():
        if sent.date() < since - timedelta(days=1) and person_id not in keep:
            continue  # a kept person's colleague with only an old request: skipped
        key = fold(people[person_id].organization) if person_id in people else ""
        if key and (key not in earliest or sent < earliest[key]):
            earliest[key] = sent
    if not earliest:
        return outreach, [people[i] for i in sorted(people)], meetings, keep
    latest: dict[str, list[tuple[datetime, int, str | None, str | None]]] = {}
    for person_id, at, name, org in source.last_written(earliest):
        latest.setdefault(fold(org), []).append((at, person_id, name, org))
    for rows in latest.values():
        for at, person_id, name, org in sorted(rows, key=lambda r: (r[0], -r[1]))[-2:]:
            if person_id not in people:  # one message stands for all theirs
                people[person_id] = Person(name=name, organization=org, id=person_id)  # type: ignore[arg-type]
                outreach.append(Outreach(person_id=person_id, kind="other", sent_at=at))
    for i, name, org in source.never_written(set(earliest)):
        people.setdefault(i, Person(name=name, organization=org, id=i))  # type: ignore[arg-type]
    return outreach, [people[i] for i in sorted(people)], meetings, keep


class _StoreSource:
    """The answers read from the store in SQL."""

    def __init__(self, store: Store):
        self.store = store

    @staticmethod
    def _moment(raw: Any) -> datetime | None:
        return from_sql(_DATETIME, raw)

    def colleagues(self, people: set[int]) -> set[int]:
        store = self.store
        organizations = [o for (o,) in store.execute(
            "SELECT DISTINCT organization FROM people NOT INDEXED WHERE organization IS NOT NULL")]
        kept = {fold(o) for (o,) in store.execute(
            "SELECT organization FROM people WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(people))]) if o}
        spellings = [o for o in organizations if o and fold(o) in kept]
        return {i for (i,) in store.execute(
            "SELECT id FROM people NOT INDEXED "
            "WHERE organization IN (SELECT value FROM json_each(?))", [json.dumps(spellings)])}

    def unanswered(self, cut: date) -> set[int]:
        asking = ", ".join(f"'{k}'" for k in REQUEST_KINDS)
        agreed = ", ".join(f"'{k}'" for k in ANSWERED_STATUSES)
        # NOT INDEXED: one pass over the messages, not a walk of the index in person order
        return {i for (i,) in self.store.execute(f"""
            WITH recent AS (
                SELECT person_id, min(sent_at) AS first FROM outreach NOT INDEXED
                WHERE kind IN ({asking}) AND sent_at >= ? GROUP BY person_id)
            SELECT person_id FROM recent r
            WHERE NOT EXISTS (SELECT 1 FROM outreach o WHERE o.person_id = r.person_id
                              AND (o.replied_at IS NOT NULL
                                   OR (o.kind IN ({asking}) AND o.sent_at < ?)))
              AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.person_id = r.person_id
                              AND m.status IN ({agreed})
                              AND (m.starts_at IS NULL OR m.starts_at >= r.first))""",
            [cut.isoformat(), cut.isoformat()])}

    def records(self, people: set[int]) -> tuple[list[Outreach], dict[int, Person], list[Meeting]]:
        store, moment = self.store, self._moment
        chosen = json.dumps(sorted(people))
        outreach = [Outreach(person_id=p, kind=k, sent_at=moment(s), replied_at=moment(r), id=i)
                    for p, k, s, r, i in store.execute(
                        "SELECT person_id, kind, sent_at, replied_at, id FROM outreach "
                        "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                        [chosen])]
        found = {i: Person(name=n, organization=o, id=i) for i, n, o in store.execute(
            "SELECT id, name, organization FROM people "
            "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id", [chosen])}
        meetings = [Meeting(person_id=p, status=st, starts_at=moment(s), id=i)
                    for p, st, s, i in store.execute(
                        "SELECT person_id, status, starts_at, id FROM meetings "
                        "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                        [chosen])]
        return outreach, found, meetings

    def last_written(self, earliest: dict[str, datetime],
                     ) -> Iterable[tuple[int, datetime, str | None, str | None]]:
        since = min(earliest.values()).isoformat(timespec="microseconds")
        # (CROSS JOIN: the messages since then first, each with its person, not the reverse)
        last: dict[int, tuple[str, str, str]] = {}
        for person_id, sent, name, org in self.store.execute(
                "SELECT o.person_id, o.sent_at, p.name, p.organization "
                "FROM outreach o NOT INDEXED CROSS JOIN people p ON p.id = o.person_id "
                "WHERE o.sent_at >= ?", [since]):
            if person_id not in last or sent > last[person_id][0]:
                last[person_id] = (sent, name, org)
        for person_id, (text, name, org) in last.items():
            at, key = self._moment(text), fold(org)
            if at is not None and key in earliest and at >= earliest[key]:
                yield person_id, at, name, org

    def never_written(self, organizations: set[str]) -> Iterable[tuple[int, str | None, str]]:
        for i, name, org in self.store.execute(
                "SELECT min(id), name, organization FROM people p NOT INDEXED "
                "WHERE organization IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM outreach o WHERE o.person_id = p.id) GROUP BY organization"):
            if fold(org) in organizations:
                yield i, name, org


class _FrameSource:
    """The answers found in the store's frames (:data:`FRAME_COLUMNS`), in whole arrays.

    A stored time in the store's own form compares as text as it does as a moment, so
    the comparisons SQL makes on text are made here on the frames' times (microseconds
    since 1970; a missing one compares as SQL's NULL does, never true).
    """

    def __init__(self, frames: Any):
        import numpy as np
        import pandas as pd

        self.outreach = frames["outreach"]
        self.people = frames["people"]
        self.meetings = frames["meetings"]
        # each person's organization as the number of its folded name in self.keys (""
        # for none), each distinct name folded once
        codes, names = pd.factorize(self.people["organization"])
        folded = [fold(name) if name else "" for name in names.tolist()]
        numbers, keys = pd.factorize(np.array([*folded, ""], dtype=object))
        self.keys: list[str] = keys.tolist()
        self.org = numbers[codes]  # (code -1 takes the last number: no organization)

    def _folded_in(self, keys: set[str]) -> Any:
        """Whether each person's organization folds to one of ``keys``."""
        import numpy as np

        return np.array([bool(k) and k in keys for k in self.keys], dtype=bool)[self.org]

    def colleagues(self, people: set[int]) -> set[int]:
        frame = self.people
        ids = frame["id"]
        mine = frame["organization"][ids.isin(people).to_numpy(dtype=bool)].dropna().tolist()
        kept = {fold(o) for o in mine if o}
        return set(ids[self._folded_in(kept)].dropna().tolist())

    def unanswered(self, cut: date) -> set[int]:
        import numpy as np
        import pandas as pd

        outreach, meetings = self.outreach, self.meetings
        start = _micros(datetime(cut.year, cut.month, cut.day, tzinfo=UTC))
        person, sent = _ids(outreach["person_id"]), _stamps(outreach["sent_at"])
        asking = outreach["kind"].isin(REQUEST_KINDS).to_numpy(dtype=bool)
        recent = asking & (sent >= start)
        first = pd.Series(sent[recent]).groupby(person[recent]).min()  # by person id
        blocked = outreach["replied_at"].notna().to_numpy() | (
            asking & (sent != _NOT_A_TIME) & (sent < start))
        first = first[~first.index.isin(person[blocked])]
        met_with = _ids(meetings["person_id"])
        agreed = (meetings["status"].isin(ANSWERED_STATUSES).to_numpy(dtype=bool)
                  & np.isin(met_with, first.index.to_numpy()))
        starts = _stamps(meetings["starts_at"])[agreed]
        since = first.reindex(met_with[agreed]).to_numpy()
        answered = met_with[agreed][(starts == _NOT_A_TIME) | (starts >= since)]
        return set(first.index[~first.index.isin(answered)].tolist())

    def records(self, people: set[int]) -> tuple[list[Outreach], dict[int, Person], list[Meeting]]:
        chosen = sorted(people)

        def rows(frame: Any, columns: tuple[str, ...], by: str) -> Iterable[tuple[Any, ...]]:
            picked = frame.loc[frame[by].isin(chosen).to_numpy(dtype=bool)].sort_values("id")
            return zip(*(_values(picked[c]) for c in columns), strict=True)

        outreach = [Outreach(person_id=p, kind=k, sent_at=s, replied_at=r, id=i)
                    for p, k, s, r, i in rows(self.outreach, (
                        "person_id", "kind", "sent_at", "replied_at", "id"), "person_id")]
        found = {i: Person(name=n, organization=o, id=i)
                 for i, n, o in rows(self.people, ("id", "name", "organization"), "id")}
        meetings = [Meeting(person_id=p, status=st, starts_at=s, id=i)
                    for p, st, s, i in rows(self.meetings, (
                        "person_id", "status", "starts_at", "id"), "person_id")]
        return outreach, found, meetings

    def last_written(self, earliest: dict[str, datetime],
                     ) -> Iterable[tuple[int, datetime, str | None, str | None]]:
        import numpy as np
        import pandas as pd

        sent = _stamps(self.outreach["sent_at"])
        recent = sent >= _micros(min(earliest.values()))
        last = pd.Series(sent[recent]).groupby(_ids(self.outreach["person_id"])[recent]).max()
        written = self.people["id"].isin(last.index).to_numpy(dtype=bool)
        who = self.people.loc[written]
        folded = self.org[written]  # the folded organization of each
        # each organization's earliest first request (none: never reached)
        bound = np.array([_micros(earliest[k]) if k in earliest else np.iinfo(np.int64).max
                          for k in self.keys], dtype=np.int64)
        ids = _ids(who["id"])
        at = last.reindex(ids).to_numpy()
        late = at >= bound[folded]
        order = np.lexsort((-ids[late], at[late], folded[late]))
        group = folded[late][order]
        top = np.zeros(len(order), dtype=bool)  # the two last of each group (in this order)
        top[-2:] = True
        top[:-1] |= group[:-1] != group[1:]
        top[:-2] |= group[:-2] != group[2:]
        chosen = who.iloc[np.flatnonzero(late)[order][top]]
        times = [datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=t)
                 for t in at[late][order][top].tolist()]
        return zip(_values(chosen["id"]), times, _values(chosen["name"]),
                   _values(chosen["organization"]), strict=True)

    def never_written(self, organizations: set[str]) -> Iterable[tuple[int, str | None, str]]:
        who = self.people
        written = _ids(self.outreach["person_id"])
        who = who.loc[who["organization"].notna().to_numpy()
                      & ~who["id"].isin(written).to_numpy(dtype=bool)
                      & self._folded_in(organizations)]
        first = who.sort_values("id").drop_duplicates("organization")
        return zip(_values(first["id"]), _values(first["name"]), _values(first["organization"]),
                   strict=True)


#: A missing time among :func:`_stamps` (numpy's NaT).
_NOT_A_TIME = -(2**63)


def _micros(moment: datetime) -> int:
    """Microseconds since 1970 (UTC) of an aware ``datetime``."""
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _stamps(series: Any) -> Any:
    """A column of times as microseconds since 1970 (int64), :data:`_NOT_A_TIME` for none."""
    import pandas as pd

    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series.to_numpy(dtype="datetime64[us]").view("int64")


def _ids(series: Any) -> Any:
    """A column of ids (none missing: see :func:`routine_records_in_frames`) as int64."""
    import numpy as np

    return series.to_numpy(dtype=np.int64)


def _values(series: Any) -> list[Any]:
    """A column's values as the store's records hold them: ``None`` for a missing one,
    times as ``datetime`` in UTC, whole numbers as ``int``, choices and text as ``str``."""
    import pandas as pd

    if series.dtype.kind == "M":
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        naive = series.to_numpy(dtype="datetime64[us]").astype(object)  # NaT as None
        return [None if t is None else t.replace(tzinfo=UTC) for t in naive.tolist()]
    return series.astype(object).where(series.notna().to_numpy(), None).tolist()

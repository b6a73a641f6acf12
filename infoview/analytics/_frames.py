"""Shared plumbing for the analytics: reading tables out of a frames dict, filters, messages.

Every analytic takes the dict that ``Store.frames()`` returns (one DataFrame per table,
columns named after the fields of :mod:`infoview.models`). The helpers here make the
functions tolerant of what a caller may hand them instead: a missing table, a missing
column, datetimes as Python objects in several time zones. Everything comes out as UTC.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import fields
from datetime import UTC, date, datetime
from functools import cache, wraps
from typing import TYPE_CHECKING, Any, TypeVar

from infoview.errors import BadInput
from infoview.models import CHOICES, RECORD_TYPES

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

    from infoview.store.matching import OrganizationIndex

#: Group shown for people never contacted when a result is split by channel.
NOT_CONTACTED = "not contacted"
#: Warmth from warmest to coldest: the order groups are shown in.
WARMTH_ORDER = ("referral", "alumni", "friend", "colleague", "event", "linkedin", "cold")

#: Columns no analytic reads: free text (a message's body can be long), contact details and
#: people's tags. The report and the digest leave them unread (``Store.frames(skip=UNREAD)``)
#: and :func:`table` does not fill them in, so an analytic that starts reading one fails
#: in the tests instead of seeing it empty: then take it out of this list.
UNREAD: dict[str, tuple[str, ...]] = {
    "people": ("email", "phone", "profile_url", "location", "tags", "notes"),
    "organizations": ("website", "location", "notes"),
    "outreach": ("subject", "body", "notes"), "meetings": ("notes",),
    "questions_asked": ("answer_notes",), "referrals": ("notes",), "outcomes": ("notes",),
    "affiliations": ("source_url", "notes"), "mail_messages": ("subject", "body"),
    "calendar_events": ("summary",),
}
#: The tables the report reads (not research snapshots, large JSON no analytic reads).
REPORT_TABLES: tuple[str, ...] = (
    "people", "organizations", "outreach", "meetings", "questions_asked", "referrals", "actions",
    "outcomes", "insights", "affiliations", "mail_messages", "calendar_events",
)
#: The tables the weekly digest reads.
DIGEST_TABLES: tuple[str, ...] = ("people", "outreach", "meetings", "actions", "referrals",
                                  "mail_messages")

#: Key of ``DataFrame.attrs`` holding the plain sentence shown when a result is empty.
MESSAGE_KEY = "message"

Frames = Mapping[str, Any]

F = TypeVar("F", bound=Callable[..., Any])

#: Results of :func:`shared` functions while :func:`sharing` is in force, else ``None``.
_SHARED: ContextVar[dict | None] = ContextVar("infoview_shared_results", default=None)


@contextmanager
def sharing() -> Iterator[None]:
    """Within the block, a :func:`shared` analytic asked again with the same frames and
    arguments gives (a copy of) its first result instead of computing it again.

    The report asks for the keep-in-touch status, the funnel's levels and the reply
    conversations several times over the same frames; outside such a block nothing is kept,
    so frames changed between two calls are always read afresh.
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared(function: F) -> F:
    """Let ``function(frames, ...)`` reuse its result inside :func:`sharing` (a call whose
    ``now`` is left to the clock is computed each time)."""

    @wraps(function)
    def wrapper(frames: Frames, *args: Any, **kwargs: Any) -> Any:
        results = _SHARED.get()
        if results is None or ("now" in kwargs and kwargs["now"] is None):
            return function(frames, *args, **kwargs)
        key = (function.__qualname__, id(frames), repr(args), repr(sorted(kwargs.items())))
        if key not in results:  # the frames are kept with the result, so their id stays theirs
            results[key] = (frames, function(frames, *args, **kwargs))
        return _own_copy(results[key][1])

    return wrapper  # type: ignore[return-value]


def _own_copy(result: Any) -> Any:
    """The caller's own copy of a shared result: a frame or series copied shallow where
    pandas copies on write (pandas 3: a change to either copy never reaches the other, and
    no row is copied until one changes; a deep copy of every large table each time it was
    asked for was a twentieth of the report), deep under pandas 2; anything else with a
    ``copy``, copied; the rest as it is."""
    if _copies_on_write() and _is_pandas(result):
        return result.copy(deep=False)
    return result.copy() if hasattr(result, "copy") else result


def rows_where(df: pd.DataFrame, mask: Any) -> pd.DataFrame:
    """``df.loc[mask]`` (a boolean numpy mask) as a frame of the caller's own: when every
    row is kept, as it is with no dates chosen, a shallow copy where pandas copies on write
    (the same rows, index and columns, without taking a quarter of a million rows one by
    one into a new frame); otherwise, and under pandas 2, the rows taken and copied."""
    import numpy as np

    keep = np.asarray(mask, dtype=bool)
    if _copies_on_write():
        return df.copy(deep=False) if keep.all() else df.loc[keep]
    return df.loc[keep].copy()


def _is_pandas(value: Any) -> bool:
    import pandas as pd

    return isinstance(value, (pd.DataFrame, pd.Series))


@cache
def _copies_on_write() -> bool:
    """Whether pandas copies a shallow copy's data before changing it (always from pandas 3)."""
    import pandas as pd

    return int(pd.__version__.split(".")[0]) >= 3


@cache
def _schema() -> dict[str, dict[str, str]]:
    """``{table: {column: kind}}`` with kind ``datetime``, ``date``, ``int`` or ``other``."""
    schema: dict[str, dict[str, str]] = {}
    for record in RECORD_TYPES:
        columns = {}
        for f in fields(record):
            type_text = str(f.type)
            if "datetime" in type_text:
                kind = "datetime"
            elif type_text.startswith("date"):
                kind = "date"
            elif type_text.startswith("int"):
                kind = "int"
            else:
                kind = "other"
            columns[f.name] = kind
        schema[record.table] = columns
    return schema


def table(frames: Frames, name: str) -> pd.DataFrame:
    """The table ``name`` from ``frames``, with every model column present and dates in UTC.

    A missing table gives an empty frame with the right columns, so that callers never need
    to special-case a fresh store.
    """
    import pandas as pd

    columns = _schema()[name]
    read = getattr(frames, "tables_read", None)
    if read is not None and name not in read:  # frames read for a purpose that forgot it
        raise KeyError(f"the frames were read without the {name!r} table; "
                       "add it to the tables asked of Store.frames()")
    df = frames.get(name) if frames is not None else None
    if df is None:
        df = pd.DataFrame({c: pd.Series(dtype=_empty_dtype(k)) for c, k in columns.items()})
        return df
    # Columns left unread on purpose are not filled in: an analytic reading one fails.
    unread = getattr(frames, "skipped", {}).get(name, ())
    missing = [c for c in columns if c not in df.columns and c not in unread]
    # dates may stay naive (the store gives them so); datetimes must be UTC
    convert = [
        c for c, k in columns.items()
        if c in df.columns and (
            (k == "datetime" and not _is_utc_datetime(df[c]))
            or (k == "date" and not _is_datetime(df[c]))
        )
    ]
    if not missing and not convert:
        return df
    df = df.copy()
    for c in missing:
        df[c] = pd.Series(pd.NA, index=df.index, dtype=_empty_dtype(columns[c]))
    for c in convert:
        df[c] = to_utc(df[c])
    return df


def _empty_dtype(kind: str) -> str:
    return {"datetime": "datetime64[ns, UTC]", "date": "datetime64[ns, UTC]", "int": "Int64"}.get(
        kind, "object"
    )


def _is_datetime(series: pd.Series) -> bool:
    import pandas as pd

    return pd.api.types.is_datetime64_any_dtype(series.dtype)


def _is_utc_datetime(series: pd.Series) -> bool:
    import pandas as pd

    dtype = series.dtype
    return isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == "UTC"


def to_utc(values: Any) -> pd.Series:
    """Datetimes (aware in any zone, naive taken as UTC, dates, strings) as UTC timestamps."""
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_convert("UTC")
    if pd.api.types.is_datetime64_dtype(series.dtype):
        return series.dt.tz_localize("UTC")
    # Python objects, possibly mixing zones: utc=True converts each aware value, and
    # treats naive ones (dates included) as UTC.
    return pd.to_datetime(series, utc=True, errors="coerce", format="mixed")


def timestamp(value: date | datetime | str | None, *, end_of_day: bool = False) -> pd.Timestamp | None:
    """A bound given by a caller as a UTC timestamp (``None`` stays ``None``).

    A plain date means the start of that day, or with ``end_of_day`` its last instant, so
    that ``until=date(2026, 3, 31)`` includes the whole of 31 March.
    """
    import pandas as pd

    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise BadInput(f"{value!r} is not a date; give a date such as 2026-03-31.") from exc
    if ts.tzinfo is None:
        ts = ts.tz_localize("UTC")
    else:
        ts = ts.tz_convert("UTC")
    plain_date = isinstance(value, date) and not isinstance(value, datetime)
    if isinstance(value, str) and len(value.strip()) <= 10:
        plain_date = True
    if end_of_day and plain_date:
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    return ts


def _day(stamp: Any) -> str:
    """A day as a reader writes it ("31 Dec 2026")."""
    return f"{stamp.day} {stamp:%b %Y}"


def in_range(series: pd.Series, since=None, until=None) -> pd.Series:
    """Boolean mask of the timestamps in ``[since, until]`` (both ends inclusive; open when None)."""
    import pandas as pd

    mask = pd.Series(True, index=series.index)
    start = timestamp(since)
    end = timestamp(until, end_of_day=True)
    if start is not None and end is not None and start > end:
        # Words for both faces: the page's From and to, the terminal's --since and --until.
        raise BadInput(f"the period is empty: it starts on {_day(start)} and ends before, on "
                       f"{_day(end)}; swap the two dates.")
    if start is not None:
        mask &= (series >= start).fillna(False).astype(bool)
    if end is not None:
        mask &= (series <= end).fillna(False).astype(bool)
    return mask


def channel_list(channels: str | Iterable[str] | None) -> list[str] | None:
    """The channel filter as a list (``None`` means every channel)."""
    if channels is None:
        return None
    chosen = [channels] if isinstance(channels, str) else list(channels)
    known = CHOICES[("outreach", "channel")]
    unknown = [c for c in chosen if c not in known]
    if unknown:  # an unknown channel would silently empty every table
        raise BadInput(f"unknown channel {', '.join(map(repr, unknown))}; use {', '.join(known)}.")
    return chosen


def now_utc(now: datetime | None = None) -> pd.Timestamp:
    """``now`` (default: the current time) as a UTC timestamp."""
    return timestamp(now if now is not None else datetime.now(UTC))


def with_message(df: pd.DataFrame, message: str) -> pd.DataFrame:
    """Attach the sentence shown instead of an empty table (``Nothing to show yet: ...``)."""
    df.attrs[MESSAGE_KEY] = f"Nothing to show yet: {message}"
    return df


def message(df: pd.DataFrame) -> str | None:
    """The "nothing to show" sentence of an empty result, else ``None``."""
    if len(df):
        return None
    return df.attrs.get(MESSAGE_KEY) or "Nothing to show yet."


def person_field(frames: Frames, person_ids: pd.Series, column: str = "name") -> pd.Series:
    """A column of ``people`` (the name by default) for each person id, NA where unknown."""
    import pandas as pd

    people = table(frames, "people")
    rows = row_positions(person_ids, pd.to_numeric(people["id"]).to_numpy(dtype="int64"))
    return pd.Series(people[column].array.take(rows, allow_fill=True), index=person_ids.index)


def safe_ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """``numerator / denominator`` with NaN (not an error or inf) where the denominator is 0."""
    den = denominator.astype("float64")
    return numerator.astype("float64") / den.where(den > 0)


def org_keys(values: pd.Series, frames: Frames | None = None) -> pd.Series:
    """:func:`infoview.text.org_key` of each organization name (NA for none): case, accents,
    punctuation and legal suffixes ignored, the rule of warm paths and the dossier. With
    ``frames``, a name that plainly is a stored organization written shorter or fuller
    takes that organization's key (:func:`organization_keys`).

    Keys each distinct name once (a million rows hold a few thousand organizations).
    """
    import numpy as np
    import pandas as pd

    from infoview.text import org_key

    key = org_key if frames is None else organization_keys(frames).key
    codes, uniques = pd.factorize(values.astype("object"))
    keys = pd.Series([key(str(u)) or None for u in uniques], dtype="string")
    result = keys.array.take(np.where(codes < 0, -1, codes), allow_fill=True)
    return pd.Series(result, index=values.index, dtype="string")


@shared
def organization_keys(frames: Frames) -> OrganizationIndex:
    """The stored organizations, to group names by the record they plainly are ("Kestrel
    Health Labs" typed on a person is research's "Kestrel Health"): made once per report."""
    from infoview.store.matching import OrganizationIndex

    names = table(frames, "organizations")
    if "id" in names.columns:  # the oldest record first, as the store matches them
        names = names.sort_values("id", kind="stable")
    return OrganizationIndex(names["name"].astype("object").tolist())


@shared
def people_org_keys(frames: Frames) -> tuple[np.ndarray, np.ndarray]:
    """:func:`org_keys` of every person's organization (by the stored organization it
    plainly is) as whole numbers: the position of each person's key among the distinct
    keys (``-1`` for none), and those keys. Made once per report (the targets, advocacy
    and industries all group people by it)."""
    import numpy as np
    import pandas as pd

    key = organization_keys(frames).key
    people = table(frames, "people")
    codes, uniques = pd.factorize(people["organization"].astype("object"))
    key_codes, keys = pd.factorize(pd.Series([key(str(u)) or None for u in uniques],
                                             dtype=object))
    person_key = np.where(codes < 0, -1, np.append(key_codes, -1)[codes]).astype(np.int64)
    return person_key, np.asarray(keys, dtype=object)


def lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """``keys.map(mapping)`` for a mapping indexed by ids, vectorised, keeping its dtype.

    (``Series.map`` turns datetimes into Python objects on the way, slow at a million rows,
    and pandas 3 fails on an empty datetime mapping.) Unknown and missing keys give NA.
    """
    import pandas as pd

    rows = row_positions(keys, pd.to_numeric(pd.Series(mapping.index)).to_numpy(dtype="int64"))
    values = mapping.array.take(rows, allow_fill=True)
    return pd.Series(values, index=keys.index)


def row_positions(keys: pd.Series, ids) -> np.ndarray:
    """The row in ``ids`` (an int array) of each key, or -1 for a missing or unknown key.

    Vectorised: ids as the store hands them out (small, dense integers) go through a lookup
    table, others through a binary search, so joining a million messages onto their
    people costs milliseconds.
    """
    import numpy as np
    import pandas as pd

    ids = np.asarray(ids, dtype=np.int64)
    values = pd.to_numeric(keys, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    if len(ids) == 0 or len(values) == 0:
        return np.full(len(values), -1, dtype=np.int64)
    known = ~np.isnan(values)
    wanted = np.where(known, values, -1).astype(np.int64)
    low, high = int(ids.min()), int(ids.max())
    if low >= 0 and high < 4 * len(ids) + 1024:
        table_ = np.full(high + 2, -1, dtype=np.int64)  # the last slot answers "unknown"
        table_[ids] = np.arange(len(ids))
        return table_[np.where(known & (wanted >= 0) & (wanted <= high), wanted, high + 1)]
    order = np.argsort(ids, kind="stable")
    at = np.clip(np.searchsorted(ids[order], wanted), 0, len(ids) - 1)
    found = known & (ids[order][at] == wanted)
    return np.where(found, order[at], -1)


def id_flags(ids: pd.Series, keys: pd.Series) -> np.ndarray:
    """``ids.isin(keys)`` as a numpy mask (missing keys match nothing), by positions
    rather than hashing: a person's id among hundreds of thousands costs a lookup."""

    if ids.isna().any():
        return ids.isin(keys.dropna()).to_numpy(dtype=bool)
    values = ids.to_numpy(dtype="int64")
    rows = row_positions(keys, values)
    mask = flags(rows, len(values))
    if len(values) and mask.any():  # every row holding an id found, not only the first
        return mask[row_positions(ids, values)]
    return mask


def flags(rows: np.ndarray, n: int) -> np.ndarray:
    """A boolean array of length ``n``, true at the given rows (negative rows ignored)."""
    import numpy as np

    mask = np.zeros(n, dtype=bool)
    mask[rows[rows >= 0]] = True
    return mask


def is_in(series: pd.Series, values) -> np.ndarray:
    """Boolean numpy mask: the value is one of ``values`` (missing values never are).

    Works on categorical, string and object columns alike without converting them, which
    matters at a million rows.
    """
    return series.isin(list(values)).to_numpy(dtype=bool, na_value=False)


def group_order(index, group_col: str | None) -> list:
    """Groups in a reading order: channels as the model lists them, warmth from warm to
    cold, anything unknown after, alphabetically."""
    if group_col == "channel":
        known = list(CHOICES[("outreach", "channel")]) + [NOT_CONTACTED]
    elif group_col == "warmth":
        known = list(WARMTH_ORDER)
    else:
        return list(index)
    present = list(index)
    return [g for g in known if g in present] + sorted(g for g in present if g not in known)

"""Research results beyond the dataclasses: DataFrame views, and snapshots in the store.

A snapshot keeps a profile's ``to_dict()`` so that preparation can use the research later
without fetching again; :func:`latest_research` brings the newest one back as a profile.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

from infoview.research.models import CompanyProfile, PersonProfile

Profile = CompanyProfile | PersonProfile


def kind_of(profile: Profile) -> str:
    """``"company"`` or ``"person"``."""
    return "person" if isinstance(profile, PersonProfile) else "company"


def save_research(store: Any, profile: Profile, person_id: int | None = None,
                  organization_id: int | None = None) -> Any:
    """Save a profile into the store as a research snapshot; returns the saved snapshot.

    Args:
        store: an open :class:`infoview.store.Store`.
        profile: a :class:`CompanyProfile` or :class:`PersonProfile`.
        person_id: the person the research is about (or for), if any.
        organization_id: the organization it is about, if any.
    """
    from infoview.models import ResearchSnapshot

    snapshot = ResearchSnapshot(
        kind=kind_of(profile), source_url=profile.url, data=profile.to_dict(),
        fetched_at=datetime.now(timezone.utc), person_id=person_id,
        organization_id=organization_id,
    )
    return store.add(snapshot)


def latest_research(store: Any, url: str | None = None, *, kind: str = "company",
                    person_id: int | None = None,
                    organization_id: int | None = None) -> Profile | None:
    """The newest saved research matching the filters, as a profile; ``None`` if there is none.

    Args:
        store: an open :class:`infoview.store.Store`.
        url: the researched URL, if known.
        kind: ``"company"`` or ``"person"``.
        person_id, organization_id: the record the research was saved for.
    """
    from infoview.models import ResearchSnapshot

    filters: dict[str, Any] = {"kind": kind}
    if url is not None:
        filters["source_url"] = url
    if person_id is not None:
        filters["person_id"] = person_id
    if organization_id is not None:
        filters["organization_id"] = organization_id
    snapshots = store.list(ResearchSnapshot, **filters)
    if not snapshots:
        return None
    newest = max(snapshots, key=lambda s: (s.fetched_at or datetime.min.replace(tzinfo=timezone.utc), s.id or 0))
    cls = PersonProfile if kind == "person" else CompanyProfile
    return cls.from_dict(newest.data)


def profiles_frame(profiles: Iterable[Profile]) -> Any:
    """A pandas DataFrame with one row per profile.

    Text fields stay as they are; lists become counts (``people``, ``news``, ``warnings``)
    and dicts the names of their keys (``social``: "github, linkedin"), so that many
    researched companies compare at a glance. ``people_frame`` and ``news_frame`` give the
    detail.
    """
    import pandas as pd

    rows = []
    for profile in profiles:
        row: dict[str, Any] = {"kind": kind_of(profile)}
        for key, value in profile.to_dict().items():
            if isinstance(value, list):
                row[key] = len(value)
            elif isinstance(value, dict):
                row[key] = ", ".join(sorted(value))
            else:
                row[key] = value
        rows.append(row)
    return pd.DataFrame(rows)


def people_frame(profiles: Iterable[CompanyProfile]) -> Any:
    """One row per person named on the companies' pages: company, name, title, source_url."""
    import pandas as pd

    rows = [{"company": p.name, "company_url": p.url, **vars(person)}
            for p in profiles for person in p.people]
    return pd.DataFrame(rows, columns=["company", "company_url", "name", "title", "source_url"])


def news_frame(profiles: Iterable[CompanyProfile]) -> Any:
    """One row per news item: company, title, date (a datetime, or NaT) and url, newest first."""
    import pandas as pd

    rows = [{"company": p.name, "company_url": p.url, **vars(item)}
            for p in profiles for item in p.news]
    frame = pd.DataFrame(rows, columns=["company", "company_url", "title", "date", "url"])
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    return frame.sort_values("date", ascending=False, na_position="last", ignore_index=True)

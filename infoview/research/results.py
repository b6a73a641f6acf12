"""Research results beyond the dataclasses: their kind, and DataFrame views of many.

Keeping results in the store (and finding them again) is :mod:`infoview.flows.research`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from infoview.research.models import CompanyProfile, PersonProfile

Profile = CompanyProfile | PersonProfile


def kind_of(profile: Profile) -> str:
    """``"company"`` or ``"person"``."""
    return "person" if isinstance(profile, PersonProfile) else "company"


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
    """One row per person named on the companies' pages: company, name, title, source_url,
    and kind (``staff``, ``quoted`` customers, or others ``named``; filter on it for staff)."""
    import pandas as pd

    rows = [{"company": p.name, "company_url": p.url, **vars(person)}
            for p in profiles for person in p.people]
    return pd.DataFrame(rows, columns=["company", "company_url", "name", "title", "source_url",
                                       "kind"])


def news_frame(profiles: Iterable[CompanyProfile]) -> Any:
    """One row per news item: company, title, date (a datetime, or NaT) and url, newest first."""
    import pandas as pd

    rows = [{"company": p.name, "company_url": p.url, **vars(item)}
            for p in profiles for item in p.news]
    frame = pd.DataFrame(rows, columns=["company", "company_url", "title", "date", "url"])
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    return frame.sort_values("date", ascending=False, na_position="last", ignore_index=True)

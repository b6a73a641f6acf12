"""The local store: one SQLite file holding everything the user records.

``from infoview.store import Store``; see :class:`~infoview.store.core.Store`. Only the
standard library is imported here; pandas loads when :meth:`Store.frames` is called and
vobject when people are exported as vCards.
"""

from __future__ import annotations

from infoview.store.core import Store
from infoview.store.erase import DeleteReport
from infoview.store.linkedin import LinkedInReport
from infoview.store.migrations import LATEST as SCHEMA_VERSION

__all__ = ["Store", "DeleteReport", "LinkedInReport", "SCHEMA_VERSION"]

"""infoview: prepare, hold and learn from informational interviews.

Only light names are imported here so that ``import infoview`` stays fast; the heavy parts
(pandas, trafilatura, matplotlib, networkx) load when first used.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from infoview.errors import InfoviewError  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__", "InfoviewError"]

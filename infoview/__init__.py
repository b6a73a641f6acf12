"""infoview: prepare, hold and learn from informational interviews.

The names users need are importable from here (``from infoview import Store,
research_company``) but load on first use, so that ``import infoview`` stays fast; the
heavy parts (pandas, trafilatura, matplotlib, networkx) load only when a function needs them.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from infoview._lazy import lazy_exports  # noqa: E402
from infoview.errors import InfoviewError  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

#: Public name -> the module that defines it (imported on first use).
_LAZY = {
    "Settings": "infoview.settings",
    "Store": "infoview.store",
    "research_company": "infoview.research.company",
    "research_person": "infoview.research.person",
    "research_batch": "infoview.research.batch",
    "select_questions": "infoview.questions.select",
    "lint_question": "infoview.questions.lint",
    "load_bank": "infoview.questions.bank",
    "build_brief": "infoview.prep.brief",
    "brief_from_store": "infoview.flows.prep",
    "export_brief": "infoview.prep.render",
    "Debrief": "infoview.flows.debrief",
    "save_debrief": "infoview.flows.debrief",
    "write_report": "infoview.analytics.report",
    "generate_sample": "infoview.demo.history",
    "run_demo": "infoview.demo.run",
}

__all__ = ["__version__", "InfoviewError", *sorted(_LAZY)]

__getattr__ = lazy_exports(__name__, _LAZY)

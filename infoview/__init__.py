"""infoview: prepare, hold and learn from informational interviews.

The names users need are importable from here (``from infoview import Store,
research_company``) but load on first use, so that ``import infoview`` stays fast; the
heavy parts (pandas, trafilatura, matplotlib, networkx) load only when a function needs them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

__version__ = "0.1.0"

from infoview._lazy import lazy_exports  # noqa: E402
from infoview.errors import InfoviewError  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:  # pragma: no cover
    # The same names for the type checker, which does not look through ``__getattr__``
    # (``name as name`` marks a re-export); a test keeps these and the table in step.
    from infoview.analytics.report import write_report as write_report
    from infoview.demo.history import generate_sample as generate_sample
    from infoview.demo.run import run_demo as run_demo
    from infoview.flows.debrief import Debrief as Debrief
    from infoview.flows.debrief import save_debrief as save_debrief
    from infoview.flows.prep import brief_from_store as brief_from_store
    from infoview.prep.brief import build_brief as build_brief
    from infoview.prep.render import export_brief as export_brief
    from infoview.questions.bank import load_bank as load_bank
    from infoview.questions.lint import lint_question as lint_question
    from infoview.questions.select import select_questions as select_questions
    from infoview.research.batch import research_batch as research_batch
    from infoview.research.company import research_company as research_company
    from infoview.research.person import research_person as research_person
    from infoview.settings import Settings as Settings
    from infoview.store import Store as Store

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

"""The prep brief, its exports, outreach drafts and follow-up rules.

* :mod:`~infoview.prep.brief`: :func:`build_brief` (pure) and :func:`brief_from_store`.
* :mod:`~infoview.prep.render`: :func:`export_brief` to Markdown, HTML, PDF or ``.ics``.
* :mod:`~infoview.prep.outreach` and :mod:`~infoview.prep.checks`: drafts and :func:`check_draft`.
* :mod:`~infoview.prep.followup`: actions after a meeting, 3B7, keep-in-touch, due actions to ``.ics``.

The names below load their module on first use, so ``import infoview.prep`` stays cheap.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Brief": "brief", "build_brief": "brief", "brief_from_store": "brief",
    "export_brief": "render", "render_markdown": "render", "render_html": "render",
    "render_pdf": "render", "render_ics": "render",
    "Draft": "outreach", "check_draft": "checks",
    "followup_actions": "followup", "missing_actions": "followup", "three_b_seven": "followup",
    "keep_in_touch": "followup", "due_actions_ics": "followup",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'infoview.prep' has no attribute {name!r}")
    return getattr(importlib.import_module(f"infoview.prep.{module}"), name)

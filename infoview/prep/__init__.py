"""The prep brief, its exports, outreach drafts and follow-up rules.

* :mod:`~infoview.prep.brief`: :func:`build_brief` (pure)
  (:func:`infoview.flows.prep.brief_from_store` builds it from the store).
* :mod:`~infoview.prep.render`: :func:`export_brief` to Markdown, HTML, PDF or ``.ics``.
* :mod:`~infoview.prep.outreach` and :mod:`~infoview.prep.checks`: drafts and :func:`check_draft`.
* :mod:`~infoview.prep.followup`: actions after a meeting, 3B7, keep-in-touch, due actions to ``.ics``.

The names below load their module on first use, so ``import infoview.prep`` stays cheap.
"""

from __future__ import annotations

from infoview._lazy import lazy_exports

_EXPORTS = {
    "Brief": "infoview.prep.brief",
    "build_brief": "infoview.prep.brief",
    "export_brief": "infoview.prep.render",
    "render_markdown": "infoview.prep.render",
    "render_html": "infoview.prep.render",
    "render_pdf": "infoview.prep.render",
    "render_ics": "infoview.prep.render",
    "Draft": "infoview.prep.outreach",
    "check_draft": "infoview.prep.checks",
    "follow_up_actions": "infoview.prep.followup",
    "missing_actions": "infoview.prep.followup",
    "three_b_seven": "infoview.prep.followup",
    "keep_in_touch": "infoview.prep.followup",
    "due_actions_ics": "infoview.prep.followup",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)

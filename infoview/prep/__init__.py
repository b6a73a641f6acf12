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
    "Brief": "brief", "build_brief": "brief",
    "export_brief": "render", "render_markdown": "render", "render_html": "render",
    "render_pdf": "render", "render_ics": "render",
    "Draft": "outreach", "check_draft": "checks",
    "followup_actions": "followup", "missing_actions": "followup", "three_b_seven": "followup",
    "keep_in_touch": "followup", "due_actions_ics": "followup",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(
    __name__, {name: f"infoview.prep.{module}" for name, module in _EXPORTS.items()})

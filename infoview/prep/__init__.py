"""The prep brief, its exports, outreach drafts and follow-up rules.

* :mod:`~infoview.prep.brief`: :func:`build_brief` (pure)
  (:func:`infoview.flows.prep.brief_from_store` builds it from the store).
* :mod:`~infoview.prep.render`: :func:`export_brief` to Markdown, HTML, PDF or ``.ics``.
* :mod:`~infoview.prep.outreach` and :mod:`~infoview.prep.checks`: drafts and :func:`check_draft`.
* :mod:`~infoview.prep.followup`: actions after a meeting, 3B7, keep-in-touch, due actions to ``.ics``.

The names below load their module on first use, so ``import infoview.prep`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview._lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    # The same names for the type checker, which does not look through ``__getattr__``
    # (``name as name`` marks a re-export); a test keeps these and the table in step.
    from infoview.prep.brief import Brief as Brief
    from infoview.prep.brief import build_brief as build_brief
    from infoview.prep.checks import check_draft as check_draft
    from infoview.prep.followup import due_actions_ics as due_actions_ics
    from infoview.prep.followup import follow_up_actions as follow_up_actions
    from infoview.prep.followup import keep_in_touch as keep_in_touch
    from infoview.prep.followup import missing_actions as missing_actions
    from infoview.prep.followup import three_b_seven as three_b_seven
    from infoview.prep.outreach import Draft as Draft
    from infoview.prep.render import export_brief as export_brief
    from infoview.prep.render import render_html as render_html
    from infoview.prep.render import render_ics as render_ics
    from infoview.prep.render import render_markdown as render_markdown
    from infoview.prep.render import render_pdf as render_pdf

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

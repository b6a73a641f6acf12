"""The layers hold: read every module's imports from its source (AST, nothing executed)."""

from __future__ import annotations

import ast
from pathlib import Path

import infoview

PACKAGE = Path(infoview.__file__).parent


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_the_cli_never_imports_the_widgets():
    offenders = {str(p.relative_to(PACKAGE)): sorted(i for i in imports_of(p)
                                                    if i.startswith("infoview.widgets"))
                 for p in modules("cli")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_brief_and_the_library_below_the_flows_do_not_import_them_back():
    # prep/brief.py may read time zones from flows.times (a leaf), nothing else of flows.
    for folder in ("prep", "research", "questions", "store"):
        for path in modules(folder):
            flows = {i for i in imports_of(path) if i.startswith("infoview.flows")}
            assert flows == set(), path
    assert "infoview.workflow" not in imports_of(PACKAGE / "prep" / "brief.py")


def test_the_old_glue_modules_are_gone():
    for name in ("workflow.py", "debrief.py", "outreach_log.py", "meeting_status.py",
                 "forget.py"):
        assert not (PACKAGE / name).exists()


def test_the_faces_reach_the_store_touching_steps_only_through_the_flows():
    # Meeting status, forgetting a person and warm paths read or write the store: the CLI and
    # the widgets call them in infoview.flows, never a module of their own outside it.
    outside = ("infoview.analytics.warmth", "infoview.meeting_status", "infoview.forget")
    for folder in ("cli", "widgets"):
        for path in modules(folder):
            found = {i for i in imports_of(path) if i.startswith(outside)}
            assert found == set(), path
    for name in ("meeting_status.py", "forget.py", "warm.py"):
        assert (PACKAGE / "flows" / name).exists(), name


def test_the_warm_ranking_outside_the_flows_does_not_read_the_store():
    source = (PACKAGE / "analytics" / "warmth.py").read_text(encoding="utf-8")
    assert "infoview.store.core" not in imports_of(PACKAGE / "analytics" / "warmth.py")
    assert "store.execute" not in source and ".get_profile(" not in source


def test_flows_times_is_a_leaf():
    inner = {i for i in imports_of(PACKAGE / "times.py") if i.startswith("infoview")}
    # the models only for the range of years the store keeps (the models import nothing)
    assert inner <= {"infoview.errors", "infoview.errors.BadInput", "infoview.models",
                     "infoview.models.EARLIEST", "infoview.models.LATEST_DATE"}
    models = {i for i in imports_of(PACKAGE / "models.py") if i.startswith("infoview")}
    assert models == set()


def test_one_lazy_export_helper():
    for init in ("__init__.py", "research/__init__.py", "prep/__init__.py",
                 "widgets/__init__.py", "flows/__init__.py"):
        tree = ast.parse((PACKAGE / init).read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert "__getattr__" not in defined, init
        assert "infoview._lazy" in imports_of(PACKAGE / init), init

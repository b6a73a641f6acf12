"""Each layer imports only downward: read every module's imports from its source (AST,
nothing executed) and hold them to one ordered list of layers.

Every import counts, wherever it is written: at the top, inside a function, or for the
type checker only (``if TYPE_CHECKING:``); a name a package loads lazily (``from infoview
import Store``) counts as an import of the module that defines it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import infoview

PACKAGE = Path(infoview.__file__).parent

#: The layers, bottom first. A module may import the modules of its own part and of any
#: part of a lower layer. Parts that share a layer (the command line and the widgets) are
#: siblings and import nothing of each other.
LAYERS: tuple[tuple[tuple[str, ...], ...], ...] = (
    # What everything stands on: the package itself (its version, its lazy names), errors,
    # JSON written ahead, records, paths, settings, and the helpers every layer shares (comparing texts, times
    # and zones, business days, files the user names, waiting out a locked SQLite file).
    (("infoview", "infoview._lazy", "infoview.errors", "infoview.jsontext", "infoview.models",
      "infoview.paths", "infoview.settings", "infoview.text", "infoview.times",
      "infoview.businessdays", "infoview.userfiles", "infoview.sheettext", "infoview.locking"),),
    # The store's tables, migrations, files, readers and matching rules, which know nothing
    # of the Store object ...
    (("infoview.store.schema", "infoview.store.migrations", "infoview.store.files",
      "infoview.store.frames", "infoview.store.columns", "infoview.store.matching",
      "infoview.store.mentions", "infoview.store.csvfiles", "infoview.store.mailbox",
      "infoview.store.mailheaders"),),
    # ... the Store itself, which imports none of what works on it ...
    (("infoview.store.core",),),
    # ... and what works on an open store: deleting a person, export and import, the one
    # writer of exports and its registry, LinkedIn imports.
    (("infoview.store",),),
    # Research writes a batch's results through the store's one writer of exports.
    (("infoview.research",),),
    (("infoview.questions",),),
    (("infoview.analytics",),),
    (("infoview.prep",),),
    (("infoview.flows",),),
    (("infoview.demo",),),
    (("infoview.app", "infoview._voila"),),
    (("infoview.widgets",), ("infoview.cli", "infoview.__main__")),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def lazy_names(package: str) -> dict[str, str]:
    """The names a package loads on first use (``lazy_exports(__name__, TABLE)``) and the
    module of each."""
    path = MODULES[package] if package in MODULES else None
    if path is None or path.name != "__init__.py":
        return {}
    return lazy_table(ast.parse(path.read_text(encoding="utf-8")))


def lazy_table(tree: ast.Module) -> dict[str, str]:
    """The table a package's ``__init__`` passes to ``lazy_exports`` (empty if none)."""
    tables = {node.targets[0].id: node.value for node in tree.body
              if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
              and isinstance(node.value, ast.Dict)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "lazy_exports":
            table = tables[getattr(node.args[1], "id", "")]
            return {ast.literal_eval(k): ast.literal_eval(v)
                    for k, v in zip(table.keys, table.values, strict=True)}
    return {}


def type_checking_imports(tree: ast.Module) -> list[ast.ImportFrom]:
    """The ``from ... import`` statements of ``tree``'s top-level ``if TYPE_CHECKING:``."""
    return [node for block in tree.body
            if isinstance(block, ast.If) and getattr(block.test, "id", "") == "TYPE_CHECKING"
            for node in block.body if isinstance(node, ast.ImportFrom)]


def lazy_declarations(tree: ast.Module) -> set[ast.ImportFrom]:
    """The type checker's imports in a package ``__init__`` that each re-export one of the
    package's lazy names from the module its table names (``from M import N [as N]``)."""
    table = lazy_table(tree)
    return {node for node in type_checking_imports(tree)
            if all(table.get(a.name) == node.module and a.asname in (None, a.name)
                   for a in node.names)}


def resolve(name: str) -> str:
    """The infoview module ``name`` is, or is defined in (``infoview.store.core.Store``
    is ``infoview.store.core``)."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports_of(module: str, source: str | None = None) -> set[str]:
    """Every infoview module ``module`` imports, anywhere in its source (read from its file
    unless given)."""
    path = MODULES.get(module, PACKAGE / "probe.py")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    text = source if source is not None else path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    # A package's declarations of its own lazy names for the type checker are its table
    # written again (a test below holds the two equal), not imports.
    declared = lazy_declarations(tree) if path.name == "__init__.py" else set()
    for node in ast.walk(tree):
        if node in declared:
            continue
        if isinstance(node, ast.Import):
            found |= {resolve(a.name) for a in node.names if a.name.startswith("infoview")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            if not base.startswith("infoview"):
                continue
            lazy = lazy_names(base)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else resolve(lazy.get(alias.name, base)))
    found.discard(module)
    return found


def place(module: str) -> tuple[int, tuple[str, ...]]:
    """The layer (its index) and the part a module belongs to: the part naming it or its
    nearest package (the package ``infoview`` itself names only itself)."""
    best: tuple[int, tuple[str, ...], int] | None = None
    for index, layer in enumerate(LAYERS):
        for part in layer:
            for prefix in part:
                covers = module == prefix or (prefix != "infoview"
                                              and module.startswith(prefix + "."))
                if covers and (best is None or len(prefix) > best[2]):
                    best = (index, part, len(prefix))
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[0], best[1]


def test_every_module_imports_only_its_own_part_and_the_layers_below():
    wrong = []
    for module in MODULES:
        layer, part = place(module)
        for target in sorted(imports_of(module)):
            their_layer, their_part = place(target)
            if their_layer > layer or (their_layer == layer and their_part != part):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_every_module_has_a_layer_and_every_layer_a_module():
    named = {prefix for layer in LAYERS for part in layer for prefix in part}
    for module in MODULES:
        place(module)
    for prefix in named:
        assert any(m == prefix or m.startswith(prefix + ".") for m in MODULES), prefix


def test_the_reader_sees_every_kind_of_import():
    # The rule above is only as good as what imports_of sees: each of these must count.
    source = ("from __future__ import annotations\n"
              "from typing import TYPE_CHECKING\n"
              "import infoview.flows.debrief\n"
              "from infoview import Store\n"                 # a lazy name of the package
              "from infoview.flows import warm_paths\n"       # a lazy name of a subpackage
              "from . import text\n"                          # relative
              "from .analytics import warmth\n"
              "if TYPE_CHECKING:\n"
              "    from infoview.prep.brief import Brief\n"
              "def later():\n"
              "    from infoview.demo.run import run_demo\n")
    assert imports_of("infoview.probe", source) == {
        "infoview.flows.debrief", "infoview.store", "infoview.flows.warm", "infoview.text",
        "infoview.analytics.warmth", "infoview.prep.brief", "infoview.demo.run"}


def test_a_package_declaring_its_lazy_names_imports_nothing_but_a_real_import_counts():
    lazy = ("from typing import TYPE_CHECKING\n"
            "from infoview._lazy import lazy_exports\n"
            "{}"
            "_LAZY = {{'Store': 'infoview.store'}}\n"
            "__getattr__ = lazy_exports(__name__, _LAZY)\n")
    declared = lazy.format("if TYPE_CHECKING:\n    from infoview.store import Store as Store\n")
    assert imports_of("infoview", declared) == {"infoview._lazy"}
    # At run time, from another module than the table names, or under another name, it is
    # an import like any other.
    for line in ("from infoview.store import Store\n",
                 "if TYPE_CHECKING:\n    from infoview.store.core import Store as Store\n",
                 "if TYPE_CHECKING:\n    from infoview.store import Store as S\n"):
        found = imports_of("infoview", lazy.format(line)) - {"infoview._lazy"}
        assert found and all(m.startswith("infoview.store") for m in found), line


def test_the_store_imports_none_of_the_modules_that_work_on_it():
    # What store/core.py imports sits below it; what imports it sits above: no way round.
    core, _ = place("infoview.store.core")
    for target in imports_of("infoview.store.core"):
        assert place(target)[0] < core, target
    for module in ("infoview.store.erase", "infoview.store.exchange", "infoview.store.exports",
                   "infoview.store.linkedin", "infoview.store.archive_import"):
        assert place(module)[0] > core, module


def test_one_lazy_export_helper():
    for init in ("__init__.py", "research/__init__.py", "prep/__init__.py",
                 "widgets/__init__.py", "flows/__init__.py", "demo/__init__.py"):
        tree = ast.parse((PACKAGE / init).read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert "__getattr__" not in defined, init
        assert "infoview._lazy" in imports_of(module_name(PACKAGE / init)), init
        assert lazy_names(module_name(PACKAGE / init)), init


def test_each_lazy_name_is_declared_for_the_type_checker():
    # ``__getattr__`` returns Any: without these declarations ``from infoview import Store``
    # would be untyped for mypy and for every editor. Each package that loads names lazily
    # declares the same names, from the same modules, under ``if TYPE_CHECKING:``.
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        table = lazy_table(tree)
        if not table:
            continue
        declared = {alias.name: node.module for node in type_checking_imports(tree)
                    for alias in node.names}
        assert declared == table, module
        assert all(node in lazy_declarations(tree) for node in type_checking_imports(tree))

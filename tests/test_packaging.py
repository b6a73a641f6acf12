"""The two install routes (pip's pyproject.toml, conda's environment.yml) stay in step,
and the shipped data is found by an installed (not editable) copy of the package."""

from __future__ import annotations

import ast
import importlib.metadata
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])
    return {canonicalize_name(Requirement(r).name): str(Requirement(r).specifier) for r in reqs}


def _conda_requirements() -> dict[str, str]:
    from rattler import MatchSpec

    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):  # the pip: section
            continue
        spec = MatchSpec(dep)  # raises on a malformed spec
        name = spec.name.normalized if hasattr(spec.name, "normalized") else str(spec.name)
        version = str(spec.version) if spec.version is not None else ""
        found[canonicalize_name(name)] = version
    return found


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    pip_deps = _pyproject_requirements()
    conda_deps = _conda_requirements()
    conda_deps.pop("python")
    conda_deps.pop("pip")
    assert set(conda_deps) == set(pip_deps), (
        f"only in pyproject: {sorted(set(pip_deps) - set(conda_deps))}; "
        f"only in environment.yml: {sorted(set(conda_deps) - set(pip_deps))}"
    )


def test_environment_yml_and_pyproject_agree_on_minimum_versions():
    pip_deps = _pyproject_requirements()
    conda_deps = _conda_requirements()
    for name, spec in pip_deps.items():
        assert conda_deps[name].replace(" ", "") == spec.replace(" ", ""), name


def test_environment_yml_pins_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    assert env["channels"] == ["conda-forge"]


@pytest.mark.slow
def test_installed_wheel_finds_the_shipped_data(tmp_path):
    """Build a wheel, install it into a throwaway venv outside the repository (reusing this
    environment's third-party packages), and load the shipped data from there."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheel_dir), str(ROOT)],
        check=True,
    )
    wheel = next(wheel_dir.glob("infoview-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    # Third-party packages come from the current environment; infoview itself from the wheel.
    site = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "_parent_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([py, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True)
    probe = (
        "import infoview, infoview.paths as p, json;"
        "d = p.data_dir();"
        "print(json.dumps({'module': infoview.__file__, 'data': str(d),"
        " 'files': sorted(x.name for x in d.iterdir())}))"
    )
    out = subprocess.run([py, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout
    import json

    info = json.loads(out)
    assert str(ROOT) not in info["module"], "the installed copy must be used, not the checkout"
    assert Path(info["data"]).is_relative_to(Path(site))
    shipped = sorted(p.name for p in (ROOT / "data").iterdir())
    assert info["files"] == shipped


# ---- what the kit imports is what it declares --------------------------------------------

PACKAGE = ROOT / "infoview"

#: Declared dependencies the kit uses without importing them, and how.
USED_WITHOUT_IMPORT = {
    "jupyterlab": "make lab, and the notebooks the kit ships, run in it",
    "voila": "infoview app serves the notebooks with it (a separate process)",
    "names": "its census name lists are read as files (research/extract/vocab.py)",
    "find-job-titles": "its job-title list is read as a file (research/extract/vocab.py)",
}


def _optional(node: ast.Try) -> bool:
    """A ``try`` whose import may fail: the code goes on without the package."""
    caught = {getattr(h.type, "id", "") for h in node.handlers}
    return bool(caught & {"ImportError", "ModuleNotFoundError", "Exception"})


def imported_packages() -> dict[str, set[str]]:
    """Top-level names of the third-party packages ``infoview/`` imports (outside a ``try``
    that lets them be missing), with the modules importing each."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        optional = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) and _optional(t)
                    for stmt in t.body for n in ast.walk(stmt)}
        for node in ast.walk(tree):
            if id(node) in optional:
                continue
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "infoview":
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def _runtime_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}


def _distributions(top: str) -> set[str]:
    return {canonicalize_name(d) for d in importlib.metadata.packages_distributions().get(top, [])}


def test_every_package_the_kit_imports_is_a_declared_dependency():
    declared = _runtime_requirements()
    missing = {top: sorted(where) for top, where in imported_packages().items()
               if not _distributions(top) & declared}
    assert missing == {}, "declare these in pyproject.toml and environment.yml"


def test_every_declared_dependency_is_imported_or_used_otherwise():
    imported = set().union(*(_distributions(top) for top in imported_packages()))
    unused = _runtime_requirements() - imported - set(USED_WITHOUT_IMPORT)
    assert unused == set(), "drop these, or say in USED_WITHOUT_IMPORT how they are used"
    for name in USED_WITHOUT_IMPORT:  # each is truly not imported, or it needs no entry here
        assert name not in imported, name


def test_the_import_reader_sees_imports_in_functions_and_skips_optional_ones():
    # numpy is imported inside functions only; brotli inside a try that lets it be missing.
    found = imported_packages()
    assert "numpy" in found and "infoview/analytics/_reach.py" in found["numpy"]
    assert "brotli" not in found

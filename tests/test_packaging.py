"""The two install routes (pip's pyproject.toml, conda's environment.yml) stay in step,
and the shipped data is found by an installed (not editable) copy of the package."""

from __future__ import annotations

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

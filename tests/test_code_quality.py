"""The code stays ruff- and mypy-clean: checked with the suite, so CI keeps it so."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SUBPACKAGES = ("ingest", "normalise", "export")


def tool(name: str) -> list[str]:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return [found]


def test_ruff_is_clean():
    done = subprocess.run([*tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def installed_layout(target: Path) -> Path:
    """The package as it installs, made of links to the repository's folders: mypy reads module
    names from folders, and the top-level ingest/, normalise/ and export/ are actionplan's."""
    package = target / "actionplan"
    package.mkdir()
    for item in (ROOT / "actionplan").glob("*.py"):
        (package / item.name).symlink_to(item)
    for item in (ROOT / "actionplan").glob("*/__init__.py"):  # its own subpackages (web)
        (package / item.parent.name).symlink_to(item.parent, target_is_directory=True)
    for name in SUBPACKAGES:
        (package / name).symlink_to(ROOT / name, target_is_directory=True)
    return package


def test_mypy_is_clean(tmp_path):
    installed_layout(tmp_path)
    done = subprocess.run([*tool("mypy"), "--config-file", str(ROOT / "pyproject.toml"), "-p", "actionplan"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_only_actionplan_is_importable_after_install():
    """No top-level ingest, normalise or export: a user's own ingest.py must never shadow ours."""
    import actionplan.ingest

    assert Path(actionplan.ingest.__file__).parent == ROOT / "ingest"
    probe = "import importlib.util, sys; print([n for n in SUBPACKAGES if importlib.util.find_spec(n)])"
    done = subprocess.run([sys.executable, "-c", probe.replace("SUBPACKAGES", repr(SUBPACKAGES))],
                          cwd="/", capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_users_own_ingest_py_does_not_shadow_the_package(tmp_path):
    for name in SUBPACKAGES:
        (tmp_path / f"{name}.py").write_text("raise SystemExit('the wrong module was imported')\n")
    done = subprocess.run([sys.executable, "-m", "actionplan", "--help"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0 and "ingest" in done.stdout, done.stderr

"""A normal install works: the wheel carries every file the program reads, and ``lagebild demo``
runs from a fresh virtual environment that holds the wheel and nothing of the source tree.

The wheel is built from a copy of ``src/``, ``pyproject.toml`` and ``README.md`` without build
isolation (the test extra brings setuptools and wheel, so nothing is fetched).  The virtual
environment sees the machine's site-packages for the third-party dependencies (installing spaCy
and the rest anew would take minutes and the network); lagebild itself comes from the wheel, and
a test checks that it is the wheel's copy that runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from lagebild import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "lagebild"


def _env() -> dict[str, str]:
    """The environment without anything that points Python at the source tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("setuptools", reason="building the wheel needs setuptools (the test extra)")
    pytest.importorskip("wheel", reason="building the wheel needs wheel (the test extra)")
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(PACKAGE, source / "src" / "lagebild", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "-q", "-w", str(out), str(source)], cwd=source)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = list(out.glob("lagebild-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin/ folder."""
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(system_site_packages=True, with_pip=False, symlinks=os.name != "nt").create(home)
    bindir = home / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    # the outer pip installs into the venv (pip >= 22.3): the venv itself has no pip
    done = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                 "-q", str(wheel)], cwd=home)
    assert done.returncode == 0, done.stdout + done.stderr
    return bindir


def test_wheel_carries_every_file_of_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = []
    for path in PACKAGE.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            name = path.relative_to(PACKAGE.parent).as_posix()
            if name not in names:
                missing.append(name)
    assert missing == [], f"not in the wheel (pyproject.toml [tool.setuptools.package-data]): {missing}"
    assert "lagebild/defaults.toml" in names
    assert any(n.startswith("lagebild/resources/ner/") and n.endswith(".npz") for n in names)


def test_wheel_runs_from_its_own_copy_not_the_source_tree(installed: Path, tmp_path: Path) -> None:
    done = _run([str(installed / "python"), "-c",
                 "import lagebild, lagebild.settings as s; print(lagebild.__file__); print(s.load().db)"],
                cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    module_file, db = done.stdout.splitlines()
    assert Path(module_file).resolve().is_relative_to(installed.parent.resolve()), module_file
    assert not Path(module_file).resolve().is_relative_to(ROOT), module_file
    assert db == "lagebild.db"  # read from the packaged defaults.toml


def test_wheel_version_and_help(installed: Path, tmp_path: Path) -> None:
    done = _run([str(installed / "lagebild"), "--version"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"lagebild {__version__}"
    done = _run([str(installed / "lagebild"), "export", "--help"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "--format" in done.stdout


def test_wheel_registers_the_spacy_components(installed: Path, tmp_path: Path) -> None:
    code = ("from importlib.metadata import entry_points\n"
            "print(sorted(e.name for e in entry_points(group='spacy_factories') if e.value.startswith('lagebild.')))")
    done = _run([str(installed / "python"), "-c", code], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['lagebild_entities', 'lagebild_ner']"


def test_wheel_runs_the_demo(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _run([str(installed / "lagebild"), "demo", "--out", str(out), "--workers", "1"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert (out / "lagebild-demo.db").stat().st_size > 0
    report = (out / "lagebild-demo.html").read_text(encoding="utf-8")
    assert "<html" in report.lower()
    first = done.stdout.splitlines()[0]
    ingested = int(first.split(":")[1].split()[0])
    assert ingested > 0, done.stdout
    facts = [w for w in done.stdout.split(",") if w.strip().endswith("facts")]
    assert facts and int(facts[0].split()[0]) > 0, done.stdout

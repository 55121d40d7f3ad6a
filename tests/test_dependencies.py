"""pyproject.toml declares what the code imports, and imports what it declares.

Every third-party module imported under ``src/`` (at the top of a file or lazily inside a
function) comes from a runtime dependency; every module the tests import comes from a runtime
dependency or the ``test`` extra.  A declared dependency that nothing imports is listed below with
the reason it is needed, or it goes.  A package that only happens to be installed as another's
dependency breaks a fresh install the day that other package drops it.  Imports are read with
``ast``; modules are mapped to their distributions with :mod:`importlib.metadata`.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

requirements = pytest.importorskip("packaging.requirements", reason="pip install packaging (the test extra)")
utils = pytest.importorskip("packaging.utils", reason="pip install packaging (the test extra)")

ROOT = Path(__file__).resolve().parents[1]
#: folders whose scripts run from where they lie and import their neighbours by bare name
SCRIPT_ROOTS = ("training", "benchmarks")

#: runtime dependencies that no file imports by name, and why they are needed
RUNTIME_NOT_IMPORTED = {
    "psycopg": "the PostgreSQL driver SQLAlchemy loads for postgresql+psycopg:// URLs (store/base.py)",
    "pystemmer": "the C stemmer snowballstemmer uses when it is installed (store/search.py)",
    "lxml-html-clean": "lxml.html.clean, split out of lxml 5.2, which trafilatura's jusText needs",
}

#: test-extra packages that no test imports by name, and why they are needed
TEST_NOT_IMPORTED = {
    "httpx": "Starlette's TestClient (fastapi.testclient) runs on it",
    "setuptools": "builds the wheel in tests/test_wheel.py (pip wheel --no-build-isolation)",
    "wheel": "builds the wheel in tests/test_wheel.py (setuptools' bdist_wheel)",
}


def _declared() -> tuple[set[str], set[str]]:
    """The runtime dependencies, and those of the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return _names(project["dependencies"]), _names(project["optional-dependencies"]["test"])


def _extras() -> set[str]:
    """Everything the optional extras declare (an optional import under src/ may come from one)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set().union(*(_names(items) for items in project["optional-dependencies"].values()))


def _names(items: list[str]) -> set[str]:
    return {utils.canonicalize_name(requirements.Requirement(item).name) for item in items}


def _optional(handlers: list[ast.ExceptHandler]) -> bool:
    """A ``try`` whose handler catches ImportError: what it imports may be missing."""
    for handler in handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any(isinstance(k, ast.Name) and k.id in ("ImportError", "ModuleNotFoundError") for k in kinds):
            return True
    return False


def _imports(tree: ast.AST, *, optional: bool = False) -> set[str]:
    """Top-level names of the modules a file imports for sure; with ``optional``, also those it
    may go without (inside ``try: … except ImportError``, or ``pytest.importorskip("x")``)."""
    found: set[str] = set()
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and _optional(node.handlers):
            guarded |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in guarded and not optional:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif (optional and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "importorskip" and node.args and isinstance(node.args[0], ast.Constant)):
            found.add(str(node.args[0].value).split(".")[0])
    return found


@cache
def _distributions() -> dict[str, list[str]]:
    return packages_distributions()


@cache
def _local_modules() -> set[str]:
    """Names that resolve to the project's own files: the package, the tests, and the modules
    of scripts run from their folder (``training/ner/neural.py`` imported as ``neural``)."""
    names = {"lagebild", "tests", "conftest"}
    for top in SCRIPT_ROOTS:
        for path in (ROOT / top).rglob("*.py"):
            names.add(path.stem)
            names |= set(path.relative_to(ROOT / top).parts[:-1])
    return names


def _third_party(folder: str, *, optional: bool = False) -> dict[str, list[str]]:
    """Third-party top-level module -> the files under ``folder`` that import it."""
    local = _local_modules()
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for module in _imports(ast.parse(path.read_text(encoding="utf-8")), optional=optional):
            if module not in sys.stdlib_module_names and module not in local and module != "__future__":
                found.setdefault(module, []).append(str(path.relative_to(ROOT)))
    return found


def _undeclared(modules: dict[str, list[str]], declared: set[str]) -> list[str]:
    distributions = _distributions()
    wrong = []
    for module, files in sorted(modules.items()):
        dists = {utils.canonicalize_name(d) for d in distributions.get(module, [])}
        if not dists:
            wrong.append(f"{module} (imported by {files[0]}) is not installed")
        elif not dists & declared:
            wrong.append(f"{module} (imported by {files[0]}) comes from {sorted(dists)}, which is not declared")
    return wrong


def _imported_distributions(*folders: str) -> set[str]:
    distributions = _distributions()
    used: set[str] = set()
    for folder in folders:
        for module in _third_party(folder, optional=True):
            used |= {utils.canonicalize_name(d) for d in distributions.get(module, [])}
    return used


def test_dependencies_src_imports_are_runtime_dependencies() -> None:
    runtime, _test = _declared()
    wrong = _undeclared(_third_party("src"), runtime)
    assert not wrong, "\n".join(wrong)


def test_dependencies_test_imports_are_declared() -> None:
    runtime, test = _declared()
    wrong = _undeclared(_third_party("tests"), runtime | test)
    assert not wrong, "\n".join(wrong)


def test_dependencies_every_runtime_dependency_is_used() -> None:
    runtime, _test = _declared()
    unused = runtime - _imported_distributions("src") - set(RUNTIME_NOT_IMPORTED)
    assert unused == set(), "declared at runtime, imported nowhere under src/ (move to the test extra or drop)"
    stale = set(RUNTIME_NOT_IMPORTED) - runtime
    assert stale == set(), "RUNTIME_NOT_IMPORTED names packages that are not declared"


def test_dependencies_optional_src_imports_are_declared() -> None:
    """An import under src/ that may be missing (``try: … except ImportError``) still comes from
    a runtime dependency or an optional extra, so that an install can bring it."""
    runtime, _test = _declared()
    certain = _third_party("src")
    optional = {m: f for m, f in _third_party("src", optional=True).items() if m not in certain}
    wrong = _undeclared(optional, runtime | _extras())
    assert not wrong, "\n".join(wrong)


def test_dependencies_every_test_extra_is_used() -> None:
    runtime, test = _declared()
    # by a test, or by an optional import under src/ that tests exercise (ray for the Ray engine)
    unused = test - _imported_distributions("tests", "src") - set(TEST_NOT_IMPORTED)
    assert unused == set(), "in the test extra, imported by no test"
    assert set(TEST_NOT_IMPORTED) <= test


def test_dependencies_the_check_finds_what_it_should() -> None:
    code = ("import os, numpy.linalg\nfrom yaml import safe_load\nfrom . import sibling\n"
            "def f():\n    import lxml.html\n"
            "try:\n    import fcntl, never_there\nexcept ImportError:\n    pass\n"
            "pytest.importorskip('playwright.sync_api')\n")
    assert _imports(ast.parse(code)) == {"os", "numpy", "yaml", "lxml"}
    assert _imports(ast.parse(code), optional=True) == {"os", "numpy", "yaml", "lxml", "fcntl", "never_there",
                                                        "playwright"}
    found = _undeclared({"yaml": ["x.py"], "not_a_module_anywhere": ["y.py"]}, set())
    assert found == ["not_a_module_anywhere (imported by y.py) is not installed",
                     "yaml (imported by x.py) comes from ['pyyaml'], which is not declared"]

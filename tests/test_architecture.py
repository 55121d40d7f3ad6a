"""The layers keep their arrows (docs: STYLE habits 7 and 10): all SQL lives under
``lagebild.store``; the API and the web page are two faces that do not import each other; the CLI
reaches the store and the link stage only through the services.  Imports are read with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "lagebild"
STATEMENT_BUILDERS = {"select", "insert", "update", "delete", "text"}


def _modules(package: str | None = None) -> list[Path]:
    root = SRC / package if package else SRC
    return sorted(root.rglob("*.py"))


def _name(path: Path) -> str:
    return str(path.relative_to(SRC.parent))


def _imports(tree: ast.AST) -> list[str]:
    """Every module a file imports (``from a.b import c`` counts as ``a.b`` and ``a.b.c``)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _sql_uses(tree: ast.AST) -> list[str]:
    """What in a file builds or runs SQL: engine.connect/begin, SQLAlchemy statement builders
    (imported, or called as ``sqlalchemy.select``), the store's schema tables."""
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("connect", "begin"):
            owner = node.value
            if (isinstance(owner, ast.Name) and owner.id == "engine") or \
                    (isinstance(owner, ast.Attribute) and owner.attr == "engine"):
                uses.append(f"line {node.lineno}: engine.{node.attr}")
        if isinstance(node, ast.Attribute) and node.attr in STATEMENT_BUILDERS and \
                isinstance(node.value, ast.Name) and node.value.id in ("sqlalchemy", "sa"):
            uses.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sqlalchemy"):
            builders = {a.name for a in node.names} & STATEMENT_BUILDERS
            if builders:
                uses.append(f"line {node.lineno}: from {node.module} import {', '.join(sorted(builders))}")
    uses += [f"imports {m}" for m in _imports(tree)
             if m == "lagebild.store.schema" or m.startswith("lagebild.store.schema.")]
    return uses


@pytest.mark.parametrize("path", [p for p in _modules() if not p.is_relative_to(SRC / "store")], ids=_name)
def test_architecture_no_sql_outside_the_store(path: Path) -> None:
    assert _sql_uses(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_architecture_the_check_finds_sql() -> None:
    code = ("from sqlalchemy import select, func\nfrom lagebild.store import schema as t\n"
            "import sqlalchemy\nwith store.engine.begin() as c:\n    c.execute(sqlalchemy.text('x'))\n")
    assert len(_sql_uses(ast.parse(code))) == 4


@pytest.mark.parametrize(("face", "other"), [("api", "web"), ("web", "api")])
def test_architecture_api_and_web_do_not_import_each_other(face: str, other: str) -> None:
    for path in _modules(face):
        wrong = [m for m in _imports(ast.parse(path.read_text(encoding="utf-8")))
                 if m == f"lagebild.{other}" or m.startswith(f"lagebild.{other}.")]
        assert wrong == [], f"{_name(path)} imports {wrong}"


def test_architecture_cli_goes_through_the_services() -> None:
    for path in _modules("cli"):
        imports = _imports(ast.parse(path.read_text(encoding="utf-8")))
        wrong = [m for m in imports if m.startswith("lagebild.link")
                 or (m.startswith("lagebild.store") and m not in ("lagebild.store", "lagebild.store.Store"))]
        assert wrong == [], f"{_name(path)} imports {wrong}"


def test_architecture_store_stands_below_the_stages() -> None:
    above = ("lagebild.analyze", "lagebild.link", "lagebild.services", "lagebild.api", "lagebild.web",
             "lagebild.cli", "lagebild.report")
    for path in _modules("store"):
        wrong = [m for m in _imports(ast.parse(path.read_text(encoding="utf-8"))) if m.startswith(above)]
        assert wrong == [], f"{_name(path)} imports {wrong}"


#: which top-level parts of the package each part may import (docs/architecture.md, "Layers")
ALLOWED = {
    "model": {"lexicons", "errors"},
    "lexicons": set(),
    "errors": set(),
    "settings": {"errors"},
    "ingest": {"model", "errors", "settings", "lexicons"},
    "analyze": {"model", "lexicons", "errors"},
    "link": {"model", "store", "lexicons", "errors"},
    "store": {"model", "errors", "settings"},
    "engines": {"analyze", "model", "errors", "settings"},
    "services": {"model", "ingest", "analyze", "engines", "link", "store", "errors", "settings", "lexicons"},
    "api": {"services", "model", "store", "errors", "settings"},
    "web": {"services", "model", "errors", "settings"},
    "report": {"services", "model", "store", "errors"},
    "app": {"api", "web", "settings"},
    "demo": {"services", "report", "errors", "settings"},
    "eval": {"analyze", "model", "errors", "lexicons"},
    "cli": {"services", "report", "app", "demo", "eval", "ingest", "store", "model", "errors", "settings"},
    "__main__": {"cli"},
}


def _part(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


@pytest.mark.parametrize("path", [p for p in _modules() if _part(p) not in ("__init__", "schema", "resources")
                                  and "migrations" not in p.parts], ids=_name)
def test_architecture_arrows_run_downwards(path: Path) -> None:
    part = _part(path)
    assert part in ALLOWED, f"{_name(path)}: a new part of the package: add it to ALLOWED and docs/architecture.md"
    used = set()
    for m in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if m.startswith("lagebild."):
            used.add(m.split(".")[1])
    wrong = sorted(u for u in used - ALLOWED[part] - {part} if (SRC / u).is_dir() or (SRC / f"{u}.py").exists())
    assert wrong == [], f"{_name(path)} ({part}) imports {wrong}; allowed: {sorted(ALLOWED[part])}"


@pytest.mark.parametrize("path", [p for p in _modules() if "migrations" not in p.parts], ids=_name)
def test_architecture_modules_and_functions_stay_readable(path: Path) -> None:
    """No module over ~600 lines, no function over ~100 (Alembic's migration scripts aside)."""
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= 620, f"{_name(path)} has {source.count(chr(10))} lines: split it by concern"
    long = [f"{n.name} ({n.end_lineno - n.lineno + 1} lines)" for n in ast.walk(ast.parse(source))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 105]
    assert long == [], f"{_name(path)}: cut into named steps: {long}"

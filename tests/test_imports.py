"""Imports inside functions are the exception: each says why it is lazy, or it moves to the top.

An import hidden in a function body hides an arrow between modules; it stays only where it keeps
a heavy or format-specific dependency off the start-up path (or breaks a cycle), with a comment
``# lazy: <why>`` (or ``# cycle: <why>``) on its line.  Checked for the whole package (the
Alembic migration scripts aside, which Alembic loads by path).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "lagebild"
def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.relative_to(PACKAGE).parts]


def _nested_imports(tree: ast.AST) -> list[ast.stmt]:
    found = []
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += [n for n in ast.walk(func) if isinstance(n, (ast.Import, ast.ImportFrom))]
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_inside_functions_say_why(path):
    lines = path.read_text("utf-8").splitlines()
    unexplained = [f"{path.relative_to(PACKAGE)}:{node.lineno}: {lines[node.lineno - 1].strip()}"
                   for node in _nested_imports(ast.parse("\n".join(lines)))
                   if "# lazy:" not in lines[node.lineno - 1] and "# cycle:" not in lines[node.lineno - 1]]
    assert not unexplained, "move to the top, or say why with '# lazy:' / '# cycle:': " + "; ".join(unexplained)

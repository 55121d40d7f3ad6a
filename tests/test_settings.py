"""Settings are data: every shipped setting is documented and validated strictly."""

from __future__ import annotations

import os
import ast
import fnmatch
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from lagebild import settings
from lagebild.errors import SettingsError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_settings_every_setting_is_documented_in_the_readme():
    text = README.read_text()
    for name, field in settings.Settings.model_fields.items():
        assert f"| `{name}` |" in text, name
        assert field.description and field.description in text, name


def test_settings_defaults_match_the_schema():
    assert set(settings.defaults()) == set(settings.Settings.model_fields)


def test_settings_unknown_keys_are_rejected():
    with pytest.raises(ValidationError):
        settings.Settings(**settings.defaults(), colour="blue")


def test_settings_environment_and_overrides(monkeypatch):
    monkeypatch.setenv("LAGEBILD_WORKERS", "3")
    assert settings.load().workers == 3
    assert settings.load(workers=1).workers == 1
    assert settings.load(workers=None).workers == 3


ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "lagebild"
VARIABLE = re.compile(r"\bLAGEBILD_[A-Z][A-Z0-9_]*\b")


def test_settings_readme_table_is_the_generated_one():
    assert settings.readme_table() in README.read_text()


def test_settings_every_lagebild_variable_is_documented_in_the_readme():
    text = README.read_text()
    named = {settings.env_name(name) for name in settings.Settings.model_fields}
    for folder in ("src", "tests", "training", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            named |= set(VARIABLE.findall(path.read_text("utf-8")))
    assert named >= {"LAGEBILD_DB", "LAGEBILD_API_TOKEN", "LAGEBILD_API_MAX_BODY", "LAGEBILD_SHARED"}
    missing = sorted(v for v in named if f"`{v}`" not in text)
    assert not missing, f"LAGEBILD_* variables not documented in README.md: {missing}"


def _environment_uses(path: Path) -> list[str]:
    """Where a module reads or writes the process environment (os.environ, os.getenv, os.putenv)."""
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        if name in ("environ", "getenv", "putenv", "environb", "getenvb"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if isinstance(node, ast.ImportFrom) and node.module == "os" and \
                any(a.name in ("environ", "getenv", "putenv") for a in node.names):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_settings_only_settings_py_reads_the_environment():
    uses = [u for path in sorted(PACKAGE.rglob("*.py")) if path.name != "settings.py"
            or path.parent != PACKAGE for u in _environment_uses(path)]
    assert not uses, f"read LAGEBILD_* variables through lagebild.settings, not here: {uses}"
    assert _environment_uses(PACKAGE / "settings.py")  # the check itself finds a use


def test_settings_unknown_key_in_the_defaults_names_it_and_its_file(monkeypatch):
    shipped = settings.defaults()
    monkeypatch.setattr(settings, "defaults", lambda: {**shipped, "colour": "blue"})
    with pytest.raises(SettingsError, match=r"unknown setting 'colour' \(from defaults.toml\); known settings: db, "):
        settings.load()


def test_settings_unknown_override_is_rejected():
    with pytest.raises(SettingsError, match=r"unknown setting 'colour' \(from an option\)"):
        settings.load(colour="blue")


@pytest.mark.parametrize("variable, value, message", [
    ("LAGEBILD_WORKERS", "many", r"setting 'workers' = 'many' \(from \$LAGEBILD_WORKERS\): .*integer"),
    ("LAGEBILD_WORKERS", "-1", r"setting 'workers' = '-1' \(from \$LAGEBILD_WORKERS\): .*greater than or equal to 0"),
    ("LAGEBILD_API_MAX_BODY", "0", r"setting 'api_max_body' = '0' \(from \$LAGEBILD_API_MAX_BODY\)"),
    ("LAGEBILD_STAGES", "lagebild.sentences", r"setting 'stages' from \$LAGEBILD_STAGES: not a JSON list"),
    ("LAGEBILD_STAGES", "[]", r"setting 'stages' = \[\] \(from \$LAGEBILD_STAGES\)"),
])
def test_settings_bad_environment_value_names_setting_and_variable(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=message):
        settings.load()


def test_settings_empty_variable_counts_as_unset(monkeypatch):
    for name in settings.Settings.model_fields:
        monkeypatch.setenv(settings.env_name(name), "")
    assert settings.load() == settings.Settings(**settings.defaults())


@pytest.mark.parametrize("name, variable, raw, value", [
    ("db", "LAGEBILD_DB", "other.db", "other.db"),
    ("max_bytes", "LAGEBILD_MAX_BYTES", "1000", 1000),
    ("stages", "LAGEBILD_STAGES", '["lagebild.sentences"]', ["lagebild.sentences"]),
    ("api_token", "LAGEBILD_API_TOKEN", "s3cret", "s3cret"),
    ("api_max_body", "LAGEBILD_API_MAX_BODY", "2000", 2000),
])
def test_settings_each_variable_overrides_its_setting(monkeypatch, name, variable, raw, value):
    assert settings.env_name(name) == variable
    monkeypatch.setenv(variable, raw)
    assert getattr(settings.load(), name) == value


def test_settings_to_environment_is_read_back_by_load(monkeypatch):
    for name in ("db", "stages"):  # empty (= unset) now; monkeypatch restores what was there after the test
        monkeypatch.setenv(settings.env_name(name), "")
    settings.to_environment(db="served.db", stages=["lagebild.sentences"])
    loaded = settings.load()
    assert (loaded.db, loaded.stages) == ("served.db", ["lagebild.sentences"])
    settings.to_environment(db=None)  # None: leaves the variable as it is
    assert settings.load().db == "served.db"
    with pytest.raises(SettingsError, match="unknown setting 'colour'"):
        settings.to_environment(colour="blue")


def test_settings_documented_gives_every_setting_with_default_and_help():
    rows = list(settings.documented())
    assert [r.name for r in rows] == list(settings.Settings.model_fields)
    shipped = settings.defaults()
    for row in rows:
        assert row.env == "LAGEBILD_" + row.name.upper()
        assert row.default == shipped[row.name]
        assert row.help


# ---- the package ships every data file the code reads ----------------------------------------

def _data_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}


def test_settings_package_data_globs_cover_every_data_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["lagebild"]
    assert "**/*.toml" in globs
    uncovered = sorted(f for f in _data_files(PACKAGE)
                       if not any(fnmatch.fnmatch(f, g) or fnmatch.fnmatch(f, g.removeprefix("**/")) for g in globs))
    assert not uncovered, f"not in [tool.setuptools.package-data]: {uncovered}"


def test_settings_built_package_contains_defaults_and_every_data_file(tmp_path):
    """What setuptools' build_py puts into the build tree is what a wheel holds."""
    pytest.importorskip("setuptools")
    shutil.copytree(PACKAGE, tmp_path / "src" / "lagebild",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.db", "*.db-wal", "*.db-shm"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    build = tmp_path / "build-lib"
    result = subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py",
                             "--build-lib", str(build)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    built = _data_files(build / "lagebild")
    assert "defaults.toml" in built
    missing = sorted(_data_files(tmp_path / "src" / "lagebild") - built)
    assert not missing, f"data files a built wheel would lack: {missing}"


def test_settings_foreign_environment_is_put_back(monkeypatch):
    monkeypatch.setenv("FOREIGN_TEST_VARIABLE", "before")
    monkeypatch.delenv("FOREIGN_TEST_ABSENT", raising=False)
    with settings.foreign_environment("FOREIGN_TEST_VARIABLE", "0"), \
            settings.foreign_environment("FOREIGN_TEST_ABSENT", "1"):
        assert os.environ["FOREIGN_TEST_VARIABLE"] == "0"
        assert os.environ["FOREIGN_TEST_ABSENT"] == "1"
    assert os.environ["FOREIGN_TEST_VARIABLE"] == "before"
    assert "FOREIGN_TEST_ABSENT" not in os.environ

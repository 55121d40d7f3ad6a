"""The migrations form one line: every revision has one successor, so a store is always upgraded
to the single newest schema (two changes that each added a migration after the same one gave
alembic two heads)."""

from __future__ import annotations

from importlib import resources

from alembic.config import Config
from alembic.script import ScriptDirectory


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(resources.files("lagebild.store") / "migrations"))
    return ScriptDirectory.from_config(config)


def test_migrations_have_one_head_and_unique_revisions():
    scripts = _scripts()
    assert len(scripts.get_heads()) == 1, scripts.get_heads()
    revisions = [r.revision for r in scripts.walk_revisions()]
    assert len(revisions) == len(set(revisions))


def test_each_migration_file_is_named_by_its_revision():
    for rev in _scripts().walk_revisions():
        assert rev.module.__file__.rsplit("/", 1)[-1].startswith(rev.revision + "_")

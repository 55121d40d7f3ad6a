"""Storage: one Store interface over SQLite and PostgreSQL, migrated with Alembic."""

from lagebild.store.base import Store, resolve_url

__all__ = ["Store", "resolve_url"]

"""Storage: one Store interface over SQLite and PostgreSQL, migrated with Alembic."""

from lagebild.store.base import DEFAULT_DB, Store, resolve_url

__all__ = ["DEFAULT_DB", "Store", "resolve_url"]

"""The store interface: everything lagebild reads from and writes to its database.

Every layer above the store (link, services, and through them the CLI, the API, the web page
and the report) holds a :class:`Store` and calls its methods; all SQL lives in the backends under
``lagebild.store`` (:mod:`lagebild.store.sql`: SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from pathlib import Path

DEFAULT_DB = "lagebild.db"


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """``--db`` value (path or URL), else ``LAGEBILD_DB``, else ``./lagebild.db`` → SQLAlchemy URL."""
    value = str(db) if db else os.environ.get("LAGEBILD_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://"):]
        elif value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value[len("postgres://"):]
        return value
    return f"sqlite:///{Path(value).expanduser()}"


class Store(ABC):
    """A lagebild database, migrated to the newest schema when opened."""

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> "Store":
        """The store at ``db`` (path or URL; default ``LAGEBILD_DB`` or ``./lagebild.db``)."""
        from lagebild.store.sql import open_store

        return open_store(db, migrate=migrate)

    @property
    @abstractmethod
    def dialect(self) -> str:
        """The backend's name: ``sqlite`` or ``postgresql``."""

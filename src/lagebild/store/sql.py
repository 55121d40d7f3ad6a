"""What the SQL backends behind :class:`~lagebild.store.base.Store` share: one SQLAlchemy schema,
its Alembic migrations and the statements of the mixins (articles, link data, read models,
reads, search).  The backends (:mod:`lagebild.store.sqlite`, :mod:`lagebild.store.postgres`)
add how to connect and their full-text index.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock, as before
    fcntl = None  # type: ignore[assignment]

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, func, make_url, select
from sqlalchemy.exc import DBAPIError, OperationalError

from lagebild.errors import StoreError
from lagebild.store import schema as t
from lagebild.store.articles import Articles
from lagebild.store.base import Store, resolve_url
from lagebild.store.corpus import LinkData
from lagebild.store.readmodels import ReadModels
from lagebild.store.reads import Reads
from lagebild.store.search import Search
from lagebild.store.workbench import Workbench


#: the PostgreSQL advisory lock key that serializes schema migrations ("lagebild" in hex digits)
MIGRATION_LOCK = 0x1A6EB11D


class SQLStore(Articles, LinkData, ReadModels, Reads, Search, Workbench, Store):
    """A lagebild database over SQLAlchemy, migrated to the newest schema when opened."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision.

        One process at a time: two runs creating one new store at once would otherwise both create
        its tables, and the loser would stop ("table articles already exists").  The others wait
        for the lock and find the schema at head.
        """
        config = Config()
        config.set_main_option("script_location", str(resources.files("lagebild.store") / "migrations"))
        with self._migration_lock(), self.engine.begin() as connection:
            if self.dialect == "postgresql":  # held until this transaction ends
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """An exclusive lock across processes for an SQLite file (PostgreSQL locks in the server)."""
        path = self.engine.url.database if self.dialect == "sqlite" else None
        if not path or path == ":memory:" or fcntl is None:
            yield
            return
        # The lock is taken on the store's folder, never on the file itself: closing any descriptor
        # of the database file drops every POSIX lock this process's SQLite connections hold on it
        # (SQLite's "How To Corrupt" §2.2), and a process that wrongly thinks itself the last one
        # may checkpoint and delete the write-ahead log under another's committed write.
        folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)  # flock: independent of SQLite's own POSIX locks
            try:
                yield
            finally:
                fcntl.flock(folder, fcntl.LOCK_UN)
        finally:
            os.close(folder)

    def close(self) -> None:
        self.engine.dispose()

    def info(self) -> dict[str, Any]:
        """What the store holds: counts per table, languages, date range."""
        with self.engine.connect() as conn:
            langs = dict(conn.execute(select(t.articles.c.language, func.count())
                                      .group_by(t.articles.c.language)).all())
            first, last = conn.execute(select(func.min(t.articles.c.published),
                                              func.max(t.articles.c.published))).one()
        counts = {name: self.count(name) for name in (
            "articles", "analysis_runs", "entities", "stories", "facts", "discrepancies", "problems")}
        return {"url": self.engine.url.render_as_string(hide_password=True), "counts": counts,
                "languages": {str(k): v for k, v in langs.items()},
                "published": [str(first) if first else None, str(last) if last else None]}


def open_store(db: str | os.PathLike[str] | None = None, *, migrate: bool = True, create: bool = True) -> SQLStore:
    """The store at ``db`` (a path or URL; see :func:`resolve_url`), migrated unless told not to.

    A new SQLite file is made only with ``create`` (``ingest``, ``demo``) and only in a folder that
    exists: a mistyped ``--db`` is an error, not a new empty store.
    """
    from lagebild.store.postgres import PostgresStore  # cycle: the backends subclass SQLStore
    from lagebild.store.sqlite import SQLiteStore  # cycle: as above

    url = resolve_url(db)
    shown = _shown(url)
    if url.startswith("sqlite"):
        path = url.split("sqlite:///", 1)[-1]
        if path and path != ":memory:":
            where = Path(path)
            if not where.parent.is_dir():
                raise StoreError(f"cannot open the store at {path}: the folder {where.parent} does not exist")
            if not create and not where.exists():
                raise StoreError(f"there is no store at {path} (check --db; 'lagebild ingest' creates a new one)")
    elif not url.startswith("postgresql"):
        scheme = url.split("://", 1)[0]
        raise StoreError(f"unsupported store {shown}: the scheme {scheme!r} is neither SQLite (a file path or "
                         "sqlite:///…) nor PostgreSQL (postgresql://…)")
    try:
        store = SQLiteStore.connect(url) if url.startswith("sqlite") else PostgresStore.connect(url)
        if migrate:
            store.migrate()
    except (OperationalError, DBAPIError) as exc:
        raise StoreError(f"cannot open the store at {shown}: {_without_secrets(str(exc.orig), url)}") from None
    return store


def _shown(url: str) -> str:
    """``url`` with its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can read: show nothing after the scheme
        return url.split("://", 1)[0] + "://…"


def _without_secrets(message: str, url: str) -> str:
    """A driver message with the password of ``url`` blanked (some drivers echo the DSN)."""
    try:
        password = make_url(url).password
    except Exception:
        return message
    return message.replace(str(password), "***") if password else message

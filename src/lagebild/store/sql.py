"""What the SQL backends behind :class:`~lagebild.store.base.Store` share: one SQLAlchemy schema,
its Alembic migrations and the statements of the mixins (articles, link data, read models,
reads, search).  The backends (:mod:`lagebild.store.sqlite`, :mod:`lagebild.store.postgres`)
add how to connect and their full-text index.
"""

from __future__ import annotations

import os
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError

from lagebild.errors import StoreError
from lagebild.store import schema as t
from lagebild.store.articles import Articles
from lagebild.store.base import Store, resolve_url
from lagebild.store.corpus import LinkData
from lagebild.store.readmodels import ReadModels
from lagebild.store.reads import Reads
from lagebild.store.search import Search


class SQLStore(Articles, LinkData, ReadModels, Reads, Search, Store):
    """A lagebild database over SQLAlchemy, migrated to the newest schema when opened."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        config = Config()
        config.set_main_option("script_location", str(resources.files("lagebild.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

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


def open_store(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> SQLStore:
    """The store at ``db`` (a path or URL; see :func:`resolve_url`), migrated unless told not to."""
    from lagebild.store.postgres import PostgresStore  # cycle: the backends subclass SQLStore
    from lagebild.store.sqlite import SQLiteStore  # cycle: as above

    url = resolve_url(db)
    try:
        store = SQLiteStore.connect(url) if url.startswith("sqlite") else PostgresStore.connect(url)
        if migrate:
            store.migrate()
    except OperationalError as exc:
        raise StoreError(f"cannot open the store at {url}: {exc.orig}") from exc
    return store

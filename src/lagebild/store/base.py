"""The store: one interface over SQLite (default, one file) and PostgreSQL.

Writes are transactional per article: an article and its analysis are committed together or not
at all, so a crash (even ``kill -9``) leaves only whole articles behind, and re-running the same
command completes what was missing.  Re-ingesting an article with the same text is a no-op.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from lagebild.errors import StoreError
from lagebild.model import Analysis, Article
from lagebild.store import schema as t

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


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "source": article.source, "title": article.title, "outlet": article.outlet,
        "url": article.url, "published": article.published, "published_inferred": article.published_inferred,
        "language": article.language, "external_id": article.external_id, "text": article.text,
        "meta": article.meta or {}, "ingested_at": _now(),
    }


def _article(row: Any) -> Article:
    published = row.published
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return Article(
        id=row.id, text=row.text, source=row.source, title=row.title, outlet=row.outlet, url=row.url,
        published=published, published_inferred=bool(row.published_inferred), language=row.language,
        external_id=row.external_id, meta=row.meta or {},
    )


class Store:
    """A lagebild database, migrated to the newest schema when opened."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> "Store":
        url = resolve_url(db)
        try:
            if url.startswith("sqlite"):
                path = url.split("sqlite:///", 1)[1]
                if path and path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, future=True)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, future=True, pool_pre_ping=True)
            store = cls(engine)
            if migrate:
                store.migrate()
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {url}: {exc.orig}") from exc
        return store

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

    # --- articles ---------------------------------------------------------------------------

    def add_article(self, article: Article) -> bool:
        """Store one article; False when an article with the same id is already stored."""
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(select(t.articles.c.id).where(t.articles.c.id == article.id)).first()
                if exists:
                    return False
                conn.execute(insert(t.articles).values(_article_row(article)))
            return True
        except IntegrityError:  # a concurrent writer stored it first
            return False

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id)).first() is not None

    def get_article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).first()
        return _article(row) if row else None

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(t.articles.c.id).order_by(t.articles.c.id)).scalars())

    def iter_articles(self, ids: Iterable[str] | None = None, *, batch: int = 500) -> Iterator[Article]:
        """Articles ordered by publication date (unknown last), then id."""
        order = (t.articles.c.published.is_(None), t.articles.c.published, t.articles.c.id)
        wanted = list(ids) if ids is not None else None
        with self.engine.connect() as conn:
            if wanted is None:
                for row in conn.execute(select(t.articles).order_by(*order)).yield_per(batch):
                    yield _article(row)
                return
            for i in range(0, len(wanted), batch):
                chunk = wanted[i:i + batch]
                for row in conn.execute(select(t.articles).where(t.articles.c.id.in_(chunk)).order_by(*order)):
                    yield _article(row)

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(t.metadata.tables[table])).scalar_one()

    # --- analyses ---------------------------------------------------------------------------

    def pending_analysis(self, signature: str) -> list[str]:
        """Ids of articles not yet analysed with the pipeline ``signature``."""
        j = t.articles.outerjoin(t.analysis_runs, t.analysis_runs.c.article_id == t.articles.c.id)
        query = (select(t.articles.c.id).select_from(j)
                 .where((t.analysis_runs.c.signature.is_(None)) | (t.analysis_runs.c.signature != signature))
                 .order_by(t.articles.c.id))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def save_analysis(self, analysis: Analysis, signature: str) -> None:
        """Replace the stored layers of one article, atomically."""
        with self.engine.begin() as conn:
            conn.execute(delete(t.analyses).where(t.analyses.c.article_id == analysis.article))
            rows = [
                {"article_id": analysis.article, "layer": layer, "stage": analysis.versions.get(layer, ""),
                 "data": records}
                for layer, records in analysis.layers.items()
            ]
            if rows:
                conn.execute(insert(t.analyses), rows)
            conn.execute(delete(t.analysis_runs).where(t.analysis_runs.c.article_id == analysis.article))
            conn.execute(insert(t.analysis_runs).values(
                article_id=analysis.article, signature=signature, analyzed_at=_now()))

    def load_layers(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.analyses.c.layer, t.analyses.c.data)
                                .where(t.analyses.c.article_id == article_id))
            return {row.layer: row.data for row in rows}

    def iter_layers(self, layer: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """``(article_id, records)`` for one layer across all articles."""
        with self.engine.connect() as conn:
            query = select(t.analyses.c.article_id, t.analyses.c.data).where(t.analyses.c.layer == layer)
            for row in conn.execute(query.order_by(t.analyses.c.article_id)).yield_per(500):
                yield row.article_id, row.data

    # --- problems ---------------------------------------------------------------------------

    def log_problem(self, stage: str, source: str, reason: str) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(t.problems).values(stage=stage, source=source, reason=reason, at=_now()))
        except SQLAlchemyError:  # the report on screen is what matters; never fail on logging
            pass

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

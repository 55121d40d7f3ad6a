"""Articles, their analyses and the problems log (a mixin of the SQL store).

Writes are transactional per article: an article and its analysis are committed together or not
at all, so a crash (even ``kill -9``) leaves only whole articles behind, and re-running the same
command completes what was missing.  Re-ingesting an article with the same text is a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from lagebild.model import Analysis, Article
from lagebild.store import schema as t


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


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


class Articles:
    """Articles, analyses and problems (needs ``self.engine``)."""

    engine: Engine

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

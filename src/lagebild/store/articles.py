"""Articles, their analyses and the problems log (a mixin of the SQL store).

Writes are transactional per article or per batch: an article and its analysis are committed
whole or not at all, so a crash (even ``kill -9``) leaves only whole articles behind, and re-running
the same command completes what was missing.  Re-ingesting an article with the same text is a no-op.
Batches go through :mod:`lagebild.store.bulk` (``COPY`` on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from lagebild.model import Analysis, Article
from lagebild.store import schema as t
from lagebild.store.bulk import bulk_insert, delete_keys, insert_new


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
        return bool(self.add_articles([article]))

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Store many articles in one transaction (``COPY`` on PostgreSQL); the ids of those added,
        in order.  An article already stored, or repeated in ``articles``, is left out."""
        batch = list(articles)
        if not batch:
            return []
        try:
            with self.engine.begin() as conn:
                return insert_new(conn, t.articles, [_article_row(a) for a in batch], "id")
        except IntegrityError:  # a concurrent writer stored one of them first: one at a time
            if len(batch) == 1:
                return []
            return [a.id for a in batch if self.add_articles([a])]

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
        self.save_analyses([(analysis, signature)])

    def save_analyses(self, results: Sequence[tuple[Analysis, str]]) -> None:
        """Replace the stored layers of several articles (each with its pipeline signature) in one
        transaction (``COPY`` on PostgreSQL); an article given twice keeps the last."""
        latest = {analysis.article: (analysis, signature) for analysis, signature in results}
        if not latest:
            return
        now = _now()
        layers = [
            {"article_id": a, "layer": layer, "stage": analysis.versions.get(layer, ""), "data": records}
            for a, (analysis, _) in latest.items() for layer, records in analysis.layers.items()
        ]
        runs = [{"article_id": a, "signature": signature, "analyzed_at": now} for a, (_, signature) in latest.items()]
        with self.engine.begin() as conn:
            delete_keys(conn, t.analyses, "article_id", list(latest))
            delete_keys(conn, t.analysis_runs, "article_id", list(latest))
            bulk_insert(conn, t.analyses, layers)
            bulk_insert(conn, t.analysis_runs, runs)

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

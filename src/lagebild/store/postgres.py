"""The PostgreSQL backend: full-text search through the ``tsvector`` column that the server keeps
in step (German, English and simple configurations), so nothing is indexed by hand."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import create_engine

from lagebild.store.search import Term
from lagebild.store.sql import SQLStore

_TSQUERY = ("(websearch_to_tsquery('german', :q) || websearch_to_tsquery('english', :q) || "
            "websearch_to_tsquery('simple', :q))")


class PostgresStore(SQLStore):
    """A PostgreSQL database."""

    @classmethod
    def connect(cls, url: str) -> "PostgresStore":
        return cls(create_engine(url, future=True, pool_pre_ping=True))

    def _search_sql(self, query: str, terms: Sequence[Term], extra: str) -> tuple[str, str, str, str]:
        base = f"FROM articles a WHERE a.search_vector @@ {_TSQUERY}" + extra
        ranked = (f"SELECT a.id, -ts_rank(a.search_vector, {_TSQUERY}) AS score {base} "
                  "ORDER BY score, a.id LIMIT :limit OFFSET :offset")
        recent = (f"SELECT a.id, 0.0 AS score {base} ORDER BY a.published DESC NULLS LAST, a.id "
                  "LIMIT :limit OFFSET :offset")
        count = f"SELECT 1 {base}"
        return query, ranked, recent, count

"""The SQLite backend: one file (WAL, foreign keys on), full-text search through an FTS5 table.

SQLite has no German stemmer, so the FTS5 table of migration 0002 holds a *stemmed copy* of each
article's title and text, written here (:meth:`SQLiteStore.index_articles`); queries are stemmed
the same way (:mod:`lagebild.store.search`).  Triggers queue new or changed articles in
``search_pending``; a search indexes whatever is still queued before it runs, so it never misses
an article that the ingest step forgot to index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, create_engine, event, text

from lagebild.store.search import _BATCH, STEMMER_VERSION, SearchError, Term, fts5_expression, stemmed_copy
from lagebild.store.sql import SQLStore


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _remove(conn: Any, ids: Sequence[str]) -> None:
    expanding = bindparam("ids", expanding=True)
    conn.execute(text("DELETE FROM article_fts WHERE rowid IN "
                      "(SELECT rowid FROM search_docs WHERE article_id IN :ids)").bindparams(expanding),
                 {"ids": list(ids)})
    conn.execute(text("DELETE FROM search_docs WHERE article_id IN :ids").bindparams(
        bindparam("ids", expanding=True)), {"ids": list(ids)})


class SQLiteStore(SQLStore):
    """One SQLite file; full-text search through an FTS5 table of stemmed copies."""

    @classmethod
    def connect(cls, url: str) -> "SQLiteStore":
        engine = create_engine(url, future=True)
        event.listen(engine, "connect", _pragmas)
        return cls(engine)

    # --- the search index ---------------------------------------------------------------------

    def index_articles(self, ids: Iterable[str] | None = None) -> int:
        """Write the stemmed copy of the queued articles, and of ``ids`` (re-indexed even when they
        are not queued), into the FTS index.

        Idempotent: an article indexed before is replaced.  Returns how many articles were indexed.
        """
        with self.engine.connect() as conn:  # queued ones first, in the order they were stored, so
            # that FTS rowids follow ingestion and "recent" search order means newest stored first
            wanted = list(conn.execute(text(
                "SELECT p.article_id FROM search_pending p JOIN articles a ON a.id = p.article_id "
                "ORDER BY a.ingested_at, a.rowid")).scalars())
        if ids is not None:
            queued = set(wanted)
            wanted += [i for i in dict.fromkeys(ids) if i not in queued]
        done = 0
        select_rows = text("SELECT id, title, text, language FROM articles WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True))
        for i in range(0, len(wanted), _BATCH):
            chunk = wanted[i:i + _BATCH]
            with self.engine.connect() as conn:
                rows = conn.execute(select_rows, {"ids": chunk}).all()
            position = {article_id: i for i, article_id in enumerate(chunk)}
            docs = [(row.id, stemmed_copy(row.title, row.language), stemmed_copy(row.text, row.language))
                    for row in sorted(rows, key=lambda r: position[r.id])]
            with self.engine.begin() as conn:
                _remove(conn, chunk)
                for article_id, title, body in docs:
                    rowid = conn.execute(text(
                        "INSERT INTO search_docs (article_id, stemmer) VALUES (:a, :v) RETURNING rowid"),
                        {"a": article_id, "v": STEMMER_VERSION}).scalar_one()
                    conn.execute(text("INSERT INTO article_fts (rowid, title, body) VALUES (:r, :t, :b)"),
                                 {"r": rowid, "t": title, "b": body})
                conn.execute(text("DELETE FROM search_pending WHERE article_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)), {"ids": chunk})
            done += len(docs)
        return done

    def pending_search_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM search_pending")).scalar_one()

    def ensure_indexed(self) -> int:
        """Index the queued articles, if any (cheap when the queue is empty)."""
        with self.engine.connect() as conn:
            queued = conn.execute(text("SELECT 1 FROM search_pending LIMIT 1")).first()
        return self.index_articles() if queued else 0

    def _search_sql(self, query: str, terms: Sequence[Term], extra: str) -> tuple[str, str, str, str]:
        if not terms:  # pragma: no cover - the caller rejects an empty query first
            raise SearchError(f"the query {query!r} has no searchable words")
        base = ("FROM article_fts f JOIN search_docs d ON d.rowid = f.rowid "
                "JOIN articles a ON a.id = d.article_id WHERE article_fts MATCH :q" + extra)
        ranked = (f"SELECT a.id, bm25(article_fts, 3.0, 1.0) AS score {base} "
                  "ORDER BY score, a.id LIMIT :limit OFFSET :offset")
        recent = f"SELECT a.id, 0.0 AS score {base} ORDER BY f.rowid DESC LIMIT :limit OFFSET :offset"
        count = f"SELECT 1 {base}" if extra else "SELECT 1 FROM article_fts WHERE article_fts MATCH :q"
        return fts5_expression(terms), ranked, recent, count

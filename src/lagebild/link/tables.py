"""The link stage's bookkeeping tables (created by migration 0003, or on first use).

``link_articles`` holds, per linked article, what incremental linking needs again later: the
MinHash signature (the LSH buckets are rebuilt from it; no pickles), the story features, the
article's entity ids and when it was linked.  ``link_index`` is an inverted index ``(kind, key)
→ ref`` that makes linking one more article a handful of indexed look-ups instead of a scan:

=========  ==========================================  ==================
kind       key                                         ref
=========  ==========================================  ==================
``lsh``    band hash of an article's MinHash            article id
``name``   folded name key (``full:…``, ``sur:…``)      entity id
``story``  story feature (entity id or ``t:term``)      story id
``fam``    fact family (type + core arguments)          fact id
=========  ==========================================  ==================
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Engine, Index, MetaData, String, Table, Text, inspect, text

metadata = MetaData()

link_articles = Table(
    "link_articles", metadata,
    Column("article_id", String(32), primary_key=True),
    Column("linked_at", DateTime, nullable=False),
    Column("data", JSON, nullable=False),
)

link_index = Table(
    "link_index", metadata,
    Column("kind", String(8), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("ref", String(64), primary_key=True),
    Index("ix_link_index_ref", "kind", "ref"),
)

TABLES = (link_articles, link_index)


#: finding the articles analysed since the last link must not scan ``analysis_runs``
RUNS_INDEX = "ix_analysis_runs_analyzed_at"


def ensure(engine: Engine) -> None:
    """Create the bookkeeping tables (and the index on analysis times) when no migration has."""
    inspector = inspect(engine)
    names = set(inspector.get_table_names())
    missing = [table for table in TABLES if table.name not in names]
    if missing:
        metadata.create_all(engine, tables=missing, checkfirst=True)
    if RUNS_INDEX not in {ix["name"] for ix in inspector.get_indexes("analysis_runs")}:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {RUNS_INDEX} ON analysis_runs (analyzed_at)"))

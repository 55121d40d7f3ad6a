"""Table definitions (SQLAlchemy Core).  Migrations in ``migrations/versions`` create them."""

from __future__ import annotations

from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False, default=""),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", Date),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("language", String(8)),
    Column("external_id", Text),
    Column("text", Text, nullable=False),
    Column("meta", JSON),
    Column("ingested_at", DateTime, nullable=False),
)

analyses = Table(
    "analyses", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("layer", String(32), primary_key=True),
    Column("stage", String(64), nullable=False),
    Column("data", JSON, nullable=False),
)

analysis_runs = Table(
    "analysis_runs", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", Text, nullable=False),
    Column("analyzed_at", DateTime, nullable=False),
)

problems = Table(
    "problems", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("stage", String(16), nullable=False),  # ingest | analyze | link
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

# --- results of the link stage ------------------------------------------------------------

entities = Table(
    "entities", metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("data", JSON),
)

mention_entities = Table(
    "mention_entities", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # index into the article's entities layer
    Column("entity_id", String(32), nullable=False, index=True),
    Column("score", Float),
    Column("evidence", JSON),
)

judgements = Table(
    "judgements", metadata,
    Column("a", Text, primary_key=True),  # entity keys or alias names, a < b
    Column("b", Text, primary_key=True),
    Column("verdict", String(16), nullable=False),  # same | different
    Column("at", DateTime, nullable=False),
)

duplicates = Table(
    "duplicates", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("original_id", String(32), nullable=False),
    Column("similarity", Float, nullable=False),
)

stories = Table(
    "stories", metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("data", JSON),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(32), nullable=False, index=True),
)

facts = Table(
    "facts", metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(16), nullable=False, index=True),
    Column("label", Text, nullable=False),
    Column("time", String(32)),
    Column("status", String(16)),
    Column("independent_origins", Integer, nullable=False, default=0),
    Column("first_reported", Date),
    Column("story_id", String(32), index=True),
    Column("data", JSON),
)

fact_events = Table(
    "fact_events", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # index into the article's events layer
    Column("fact_id", String(32), nullable=False, index=True),
    Column("origin", Text),
    Column("data", JSON),
)

discrepancies = Table(
    "discrepancies", metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("data", JSON, nullable=False),
)

summaries = Table(
    "summaries", metadata,
    Column("story_id", String(32), primary_key=True),
    Column("language", String(8)),
    Column("data", JSON, nullable=False),
)

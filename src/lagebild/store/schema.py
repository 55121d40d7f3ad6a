"""Table definitions (SQLAlchemy Core).  Migrations in ``migrations/versions`` create them."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
)
from sqlalchemy.types import TypeDecorator


class JSONText(TypeDecorator):
    """For reading: JSON as text, parsed here in one pass with orjson (several times faster than
    the stdlib parser the JSON type uses); psycopg hands over dicts already."""

    impl = Text
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return orjson.loads(value) if isinstance(value, (str, bytes)) else value


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

# an outlet's articles and dates from the index alone (migration 0007)
Index("ix_articles_outlet", articles.c.outlet, articles.c.published)
# the newest articles first: the articles page and a search listed by date (migration 0009)
# (SQLite has no NULLS LAST in an index: its migration leaves it out, as its DESC lists NULL last)
Index("ix_articles_published", articles.c.published.desc().nulls_last(), articles.c.id)

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
    Column("analyzed_at", DateTime, nullable=False, index=True),  # what is new since the last link
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
# a story's entity counts come from the index alone (migration 0004)
Index("ix_mention_entities_article_entity", mention_entities.c.article_id, mention_entities.c.entity_id)

judgements = Table(
    "judgements", metadata,
    Column("a", Text, primary_key=True),  # entity keys or alias names, a < b
    Column("b", Text, primary_key=True),
    Column("verdict", String(16), nullable=False),  # same | different | speaks_for
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
    # the highest confidence of the events behind the fact (None: none has one) and whether an
    # event of the rules, which give none, backs it (migration 0008)
    Column("confidence", Float),
    Column("rules", Boolean),
    # every entity or origin id its data names, between spaces (" gpe:KP gpe:RU "; migration 0010)
    Column("named_ids", Text),
)
# the order in which the API lists facts (migration 0002)
Index("ix_facts_rank", facts.c.independent_origins.desc(), facts.c.first_reported, facts.c.id)
Index("ix_facts_type_rank", facts.c.type, facts.c.independent_origins.desc(), facts.c.first_reported, facts.c.id)
# the confidence filter from the index alone, in the list order (migration 0008)
Index("ix_facts_confidence", facts.c.rules, facts.c.confidence, facts.c.independent_origins.desc(),
      facts.c.first_reported, facts.c.id)
# an entity's facts in the list order from the index alone (migration 0010)
Index("ix_facts_named", facts.c.independent_origins.desc(), facts.c.first_reported, facts.c.id, facts.c.named_ids)

fact_events = Table(
    "fact_events", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # index into the article's events layer
    Column("fact_id", String(32), primary_key=True),  # one mention may back several facts (0006)
    Column("origin", Text),
    Column("data", JSON),
)
# a fact's mentions and a story's origins come from the index alone (migration 0004)
Index("ix_fact_events_fact_cover", fact_events.c.fact_id, fact_events.c.article_id, fact_events.c.origin)

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

# --- the link stage's bookkeeping ---------------------------------------------------------
# ``link_articles``: per linked article what incremental linking needs again (MinHash signature,
# story features, entity ids).  ``link_index``: an inverted index (kind, key) → ref, so that
# linking one more article is a few indexed look-ups: kind ``lsh`` (band hash → article),
# ``name`` (folded name key → entity), ``story`` (story feature → story), ``fam`` (fact family → fact).

#: read models the link stage keeps for the API (``lagebild.link.views``, migration 0005)
story_views = Table(
    "story_views", metadata,
    Column("story_id", String(32), primary_key=True),
    Column("data", JSON, nullable=False),
)

fact_views = Table(
    "fact_views", metadata,
    Column("fact_id", String(32), primary_key=True),
    Column("mention_count", Integer, nullable=False),
    Column("mentions", JSON, nullable=False),
    Column("doc", JSON, nullable=False),  # the fact as the API lists it
)

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

#: full-text search objects that migration 0002 creates in raw SQL (FTS5 tables, the PostgreSQL
#: tsvector column and its index): not modelled here, and never to be dropped by autogenerate
SEARCH_TABLES = frozenset({"search_docs", "search_pending"})
SEARCH_PREFIXES = ("article_fts",)
SEARCH_COLUMNS = frozenset({("articles", "search_vector")})
SEARCH_INDEXES = frozenset({"ix_articles_search_vector"})


def modelled(obj: object, name: str | None, type_: str, reflected: bool, _compare_to: object) -> bool:
    """Alembic ``include_object`` hook: leave the raw-SQL search objects out of comparisons."""
    if type_ == "table":
        return not (name in SEARCH_TABLES or (name or "").startswith(SEARCH_PREFIXES))
    if type_ == "column":
        return (getattr(obj, "table").name, name) not in SEARCH_COLUMNS
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True

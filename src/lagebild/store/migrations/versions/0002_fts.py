"""full-text search over articles (title + text)

SQLite: an FTS5 table ``article_fts`` over a *stemmed* copy of title and text (SQLite has no German
stemmer, so ``lagebild.store.sqlite`` stems in Python and writes the rows).  ``search_docs`` maps
each indexed article to its FTS rowid; triggers queue every inserted or changed article in
``search_pending`` (they cannot stem) and remove the rows of deleted articles.  Articles still
pending are indexed lazily before a search runs.

Both: indexes ``ix_facts_rank`` and ``ix_facts_type_rank`` in the order the API lists facts (most
independent origins first, optionally of one type), so a page of facts is an index walk instead
of a sort of the whole table.

PostgreSQL: a stored generated ``tsvector`` column ``articles.search_vector`` built with the
text-search configuration of the article's language ('german', 'english', else 'simple'), title
weighted above text, with a GIN index.  It is always in step with the row.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PG_CONFIG = ("CASE WHEN language LIKE 'de%' THEN 'german'::regconfig "
              "WHEN language LIKE 'en%' THEN 'english'::regconfig ELSE 'simple'::regconfig END")

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TABLE search_docs ("
    " rowid INTEGER PRIMARY KEY,"
    " article_id VARCHAR(32) NOT NULL UNIQUE,"
    " stemmer VARCHAR(32) NOT NULL)",
    "CREATE TABLE search_pending (article_id VARCHAR(32) PRIMARY KEY)",
    "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN"
    " INSERT OR IGNORE INTO search_pending (article_id) VALUES (new.id); END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text, language ON articles BEGIN"
    " INSERT OR IGNORE INTO search_pending (article_id) VALUES (new.id); END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN"
    " DELETE FROM article_fts WHERE rowid IN (SELECT rowid FROM search_docs WHERE article_id = old.id);"
    " DELETE FROM search_docs WHERE article_id = old.id;"
    " DELETE FROM search_pending WHERE article_id = old.id; END",
    "INSERT OR IGNORE INTO search_pending (article_id) SELECT id FROM articles",
)

_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS articles_search_delete",
    "DROP TRIGGER IF EXISTS articles_search_update",
    "DROP TRIGGER IF EXISTS articles_search_insert",
    "DROP TABLE IF EXISTS search_pending",
    "DROP TABLE IF EXISTS search_docs",
    "DROP TABLE IF EXISTS article_fts",
)

_PG_UP = (
    "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f" setweight(to_tsvector({_PG_CONFIG}, coalesce(title, '')), 'A') ||"
    f" setweight(to_tsvector({_PG_CONFIG}, text), 'B')) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
)

_PG_DOWN = (
    "DROP INDEX IF EXISTS ix_articles_search_vector",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search_vector",
)


_BOTH_UP = (
    "CREATE INDEX ix_facts_rank ON facts (independent_origins DESC, first_reported, id)",
    "CREATE INDEX ix_facts_type_rank ON facts (type, independent_origins DESC, first_reported, id)",
)
_BOTH_DOWN = ("DROP INDEX IF EXISTS ix_facts_type_rank", "DROP INDEX IF EXISTS ix_facts_rank")


def _statements(up: bool) -> tuple[str, ...]:
    dialect = op.get_bind().dialect.name
    both = _BOTH_UP if up else _BOTH_DOWN
    if dialect == "sqlite":
        return both + (_SQLITE_UP if up else _SQLITE_DOWN)
    if dialect == "postgresql":
        return both + (_PG_UP if up else _PG_DOWN)
    return both


def upgrade() -> None:
    for statement in _statements(up=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(up=False):
        op.execute(statement)

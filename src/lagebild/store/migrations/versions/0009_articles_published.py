"""An index on articles (published DESC NULLS LAST, id): the order of the articles page and of a
full-text search listed newest first, so a page is a walk down the index instead of a sort of every
match (on a million-article PostgreSQL store, the newest 20 of the ~460,000 articles matching one
common word).

Revision ID: 0009
Revises: 0008
"""

from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite sorts NULL below every date, so DESC lists them last already (and has no NULLS LAST
    # in an index); PostgreSQL sorts them above, so DESC would list them first
    nulls = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute(f"CREATE INDEX ix_articles_published ON articles (published DESC{nulls}, id)")


def downgrade() -> None:
    op.drop_index('ix_articles_published', table_name='articles')

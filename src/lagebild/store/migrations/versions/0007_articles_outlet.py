"""An index on articles (outlet, published): the outlets page counts an outlet's articles and
dates from the index alone, and the facts explorer finds an outlet's articles without reading
every article's text (the outlet filter on a 100k-article store took seconds).

Revision ID: 0007
Revises: 0006
"""

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_articles_outlet', 'articles', ['outlet', 'published'])


def downgrade() -> None:
    op.drop_index('ix_articles_outlet', table_name='articles')

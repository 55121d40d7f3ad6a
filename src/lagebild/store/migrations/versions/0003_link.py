"""link stage bookkeeping: link_articles (per-article MinHash and features), link_index

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('link_articles',
        sa.Column('article_id', sa.String(length=32), nullable=False),
        sa.Column('linked_at', sa.DateTime(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('article_id'))
    op.create_table('link_index',
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('ref', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'key', 'ref'))
    op.create_index('ix_link_index_ref', 'link_index', ['kind', 'ref'])
    # what is new since the last link, without a scan
    op.create_index('ix_analysis_runs_analyzed_at', 'analysis_runs', ['analyzed_at'])


def downgrade() -> None:
    op.drop_index('ix_analysis_runs_analyzed_at', table_name='analysis_runs')
    op.drop_index('ix_link_index_ref', table_name='link_index')
    op.drop_table('link_index')
    op.drop_table('link_articles')

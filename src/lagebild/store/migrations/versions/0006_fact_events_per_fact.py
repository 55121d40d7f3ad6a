"""fact_events keyed by (article_id, idx, fact_id): one event mention may back several facts

"Pjöngjang lieferte Abschussrampen und Munition" states two transfers, one per item class; the
link stage files the mention under both facts.  The table is rebuilt with the wider primary key
(link data only: the next link refills it, since the link version changed).

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _create(name: str, key: tuple[str, ...]) -> None:
    op.create_table(name,
        sa.Column('article_id', sa.String(length=32), nullable=False),
        sa.Column('idx', sa.Integer(), nullable=False),
        sa.Column('fact_id', sa.String(length=32), nullable=False),
        sa.Column('origin', sa.Text(), nullable=True),
        sa.Column('data', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint(*key))


def _rebuild(key: tuple[str, ...]) -> None:
    op.drop_index('ix_fact_events_fact_cover', table_name='fact_events')
    op.drop_table('fact_events')  # link data: the next (full) link writes it again
    _create('fact_events', key)
    op.create_index('ix_fact_events_fact_cover', 'fact_events', ['fact_id', 'article_id', 'origin'])


def upgrade() -> None:
    _rebuild(('article_id', 'idx', 'fact_id'))


def downgrade() -> None:
    _rebuild(('article_id', 'idx'))

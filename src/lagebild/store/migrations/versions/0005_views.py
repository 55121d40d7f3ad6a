"""read models for the API: story_views (per-story counts, entities, sources) and fact_views
(per-fact mention count, first mentions and the fact as the API lists it), kept by the link stage

Stores linked before this revision have empty views; the API computes a missing view on the
spot, and the next link (a full one, since the link version changed) fills them.

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('story_views',
        sa.Column('story_id', sa.String(length=32), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('story_id'))
    op.create_table('fact_views',
        sa.Column('fact_id', sa.String(length=32), nullable=False),
        sa.Column('mention_count', sa.Integer(), nullable=False),
        sa.Column('mentions', sa.JSON(), nullable=False),
        sa.Column('doc', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('fact_id'))


def downgrade() -> None:
    op.drop_table('fact_views')
    op.drop_table('story_views')

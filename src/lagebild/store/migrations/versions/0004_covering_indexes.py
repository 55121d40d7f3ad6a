"""covering indexes for the story page: mention_entities (article_id, entity_id) and
fact_events (fact_id, article_id, origin), which replaces the plain fact_id index

A story page counts the entities and the origins of a story's articles; with these indexes both
are read from the index alone instead of one table row per mention.

Revision ID: 0004
Revises: 0003
"""

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_mention_entities_article_entity', 'mention_entities', ['article_id', 'entity_id'])
    op.create_index('ix_fact_events_fact_cover', 'fact_events', ['fact_id', 'article_id', 'origin'])
    op.drop_index('ix_fact_events_fact_id', table_name='fact_events')


def downgrade() -> None:
    op.create_index('ix_fact_events_fact_id', 'fact_events', ['fact_id'])
    op.drop_index('ix_fact_events_fact_cover', table_name='fact_events')
    op.drop_index('ix_mention_entities_article_entity', table_name='mention_entities')

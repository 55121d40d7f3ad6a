"""facts.confidence and facts.rules: the highest confidence of the events behind a fact and
whether an event of the rules (which give none) backs it, kept by the link stage

The facts explorer's and the API's confidence filter read every events layer of the store to find
them (29 s on a 100k-article store); stored, the filter is an indexed query and every list shows
them.  Existing facts are filled here from their mentions' events; the next link (a full one,
since the link version changed) writes them itself.

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

#: each fact's (best confidence, backed by a rule's event) from its mentions' events, every events
#: layer unpacked once (SQLite: CROSS JOIN keeps that loop order, fact_events found by its key)
_FILL = {
    "sqlite": "UPDATE facts SET confidence = c.best, rules = c.rules FROM (SELECT fe.fact_id AS id, "
              "MAX(ev.c) AS best, MAX(ev.c IS NULL) AS rules FROM (SELECT an.article_id AS a, je.key AS idx, "
              "json_extract(je.value, '$.confidence') AS c FROM analyses AS an, json_each(an.data) AS je "
              "WHERE an.layer = 'events') AS ev CROSS JOIN fact_events AS fe ON fe.article_id = ev.a "
              "AND fe.idx = ev.idx GROUP BY fe.fact_id) AS c WHERE facts.id = c.id",
    "postgresql": "UPDATE facts SET confidence = c.best, rules = c.rules FROM (SELECT fe.fact_id AS id, "
                  "MAX(ev.c) AS best, BOOL_OR(ev.c IS NULL) AS rules FROM (SELECT an.article_id AS a, "
                  "je.n - 1 AS idx, CAST(je.value ->> 'confidence' AS double precision) AS c FROM analyses AS an "
                  "CROSS JOIN LATERAL jsonb_array_elements(CAST(an.data AS jsonb)) WITH ORDINALITY AS je(value, n) "
                  "WHERE an.layer = 'events') AS ev JOIN fact_events AS fe ON fe.article_id = ev.a "
                  "AND fe.idx = ev.idx GROUP BY fe.fact_id) AS c WHERE facts.id = c.id",
}


def upgrade() -> None:
    op.add_column('facts', sa.Column('confidence', sa.Float(), nullable=True))
    op.add_column('facts', sa.Column('rules', sa.Boolean(), nullable=True))
    op.execute(_FILL[op.get_bind().dialect.name])
    op.execute("CREATE INDEX ix_facts_confidence ON facts (rules, confidence, independent_origins DESC, "
               "first_reported, id)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_facts_confidence")
    with op.batch_alter_table('facts') as batch:
        batch.drop_column('rules')
        batch.drop_column('confidence')

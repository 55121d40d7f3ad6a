"""facts.named_ids: every entity or origin id a fact's data names, between spaces, kept by the
link stage

The entity filter (an entity's page, ``/api/v1/facts?entity=``) searched the JSON of every fact
(55 ms a request on a 100k-article store); the narrow column, in an index in the list order, is
read instead.  Existing facts are filled here from their data; the next link (a full one, since
the link version changed) writes them itself.

Revision ID: 0010
Revises: 0009
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

#: as ``lagebild.link.facts.named_ids``: the strings (values and keys) of the data that read
#: ``[a-z]{2,8}:\S+``, sorted, each between spaces
_FILL = {
    "sqlite": "UPDATE facts SET named_ids = (SELECT ' ' || group_concat(v, ' ') || ' ' FROM (SELECT DISTINCT v FROM "
              "(SELECT j.value AS v FROM json_tree(facts.data) AS j WHERE j.type = 'text' UNION ALL "
              "SELECT j.key FROM json_tree(facts.data) AS j WHERE typeof(j.key) = 'text') "
              "WHERE instr(v, ':') BETWEEN 3 AND 9 AND length(v) > instr(v, ':') "
              "AND substr(v, 1, instr(v, ':') - 1) NOT GLOB '*[^a-z]*' "
              "AND v NOT GLOB ('*[ ' || char(9, 10, 11, 12, 13) || ']*') ORDER BY v))",
    "postgresql": "UPDATE facts SET named_ids = n.ids FROM (SELECT f.id, ' ' || string_agg(DISTINCT named.v, ' ' "
                  "ORDER BY named.v) || ' ' AS ids FROM facts AS f CROSS JOIN LATERAL ("
                  "SELECT x #>> '{}' AS v FROM jsonb_path_query(CAST(f.data AS jsonb), 'strict $.**') AS x "
                  "WHERE jsonb_typeof(x) = 'string' UNION ALL SELECT k FROM jsonb_path_query(CAST(f.data AS jsonb), "
                  "'strict $.** ? (@.type() == \"object\")') AS o, jsonb_object_keys(o) AS k) AS named "
                  "WHERE named.v ~ '^[a-z]{2,8}:\\S+$' GROUP BY f.id) AS n WHERE facts.id = n.id",
}


def upgrade() -> None:
    op.add_column('facts', sa.Column('named_ids', sa.Text(), nullable=True))
    op.execute(_FILL[op.get_bind().dialect.name])
    op.execute("CREATE INDEX ix_facts_named ON facts (independent_origins DESC, first_reported, id, named_ids)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_facts_named")
    with op.batch_alter_table('facts') as batch:
        batch.drop_column('named_ids')

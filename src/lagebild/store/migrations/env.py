"""Alembic environment: lagebild always passes an open connection in ``config.attributes``."""

from alembic import context

from lagebild.store.schema import metadata, modelled

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  include_object=modelled)
with context.begin_transaction():
    context.run_migrations()

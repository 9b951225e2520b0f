"""Alembic environment: always driven from netdesk.store.db with a live connection."""

from __future__ import annotations

from alembic import context

from netdesk.models import Base
from netdesk.store import search_index

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    # The search index is made by hand (FTS5 has no model): autogenerate must not drop it.
    include_name=search_index.include_name,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

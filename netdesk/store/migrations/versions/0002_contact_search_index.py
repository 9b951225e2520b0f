"""contact search index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

from netdesk.store import search_index

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The backfill reads through today's models and index code; a later migration that changes
    # what the index holds must rebuild it again itself (search_index.rebuild_all). Phones have
    # no extension column before 0006 (and so nothing of it to index).
    conn = op.get_bind()
    search_index.create(conn)
    search_index.rebuild_all(conn, phone_extensions=False)


def downgrade() -> None:
    search_index.drop(op.get_bind())

"""the PostgreSQL search index carries each contact's sort_name, indexed in order and by trigrams

A search sorted by name (the People table's default) then filters, counts and sorts in the
index table alone instead of joining every match to contacts, walking the names in order when
a word matches many people. Nothing changes on SQLite.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from netdesk.store import search_index

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        return
    search_index.create(conn)  # adds the column and its index to the existing table
    search_index.fill_sort_names(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        return
    for index in ("sort_name", "sort_name_trgm"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{search_index.TABLE}_{index}")
    conn.exec_driver_sql(f"ALTER TABLE {search_index.TABLE} DROP COLUMN IF EXISTS sort_name")

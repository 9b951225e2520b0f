"""CardDAV/CalDAV accounts, their collections, the per-item sync state, conflicts and history

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from netdesk.models import Base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Created from the models, as they stand in this release: new tables only, in FK order.
TABLES = (
    "sync_accounts",
    "sync_collections",
    "sync_items",
    "sync_conflicts",
    "sync_unlinked",
    "sync_runs",
)


def upgrade() -> None:
    conn = op.get_bind()
    for name in TABLES:
        Base.metadata.tables[name].create(conn)


def downgrade() -> None:
    conn = op.get_bind()
    for name in reversed(TABLES):
        Base.metadata.tables[name].drop(conn)

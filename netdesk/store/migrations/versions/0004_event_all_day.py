"""all-day events: a date (or run of dates) rather than a moment

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch rebuild: SQLite takes it as it is, and a rebuild would
    # have to repeat 0003's AUTOINCREMENT. Existing events are timed ones: false.
    op.add_column(
        "events",
        sa.Column("all_day", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("all_day")

"""a phone's extension apart from its number; an event's recurrence lines kept verbatim

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs (no batch rebuild, so 0003's AUTOINCREMENT is untouched); existing rows
    # have no extension and no recurrence.
    op.add_column(
        "contact_phones",
        sa.Column("extension", sa.String(40), server_default=sa.text("''"), nullable=False),
    )
    op.add_column(
        "events", sa.Column("recurrence", sa.Text(), server_default=sa.text("''"), nullable=False)
    )


def downgrade() -> None:
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("recurrence")
    with op.batch_alter_table(
        "contact_phones", table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_column("extension")

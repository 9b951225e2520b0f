"""an index on contacts.is_me: "my card" is found without reading every contact

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain CREATE INDEX: no table rebuild, so 0003's AUTOINCREMENT is untouched.
    op.create_index(op.f("ix_contacts_is_me"), "contacts", ["is_me"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_contacts_is_me"), table_name="contacts")

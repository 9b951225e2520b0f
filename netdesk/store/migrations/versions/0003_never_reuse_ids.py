"""never reuse ids on SQLite (AUTOINCREMENT), so that undo can put deleted rows back;
names typed in one piece sort by their last word

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Every table with an integer id that undo restores. PostgreSQL sequences never hand an id out
# twice already; SQLite needs each table rebuilt with AUTOINCREMENT.
TABLES = (
    "contacts",
    "events",
    "tags",
    "attendances",
    "contact_addresses",
    "contact_emails",
    "contact_extra_properties",
    "contact_phones",
    "contact_urls",
    "followups",
    "notes",
)


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TABLES:
        with op.batch_alter_table(
            name, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(True)
    _resort_one_piece_names()


def _resort_one_piece_names() -> None:
    """Names typed in one piece now sort by their last word (netdesk.text.sort_key_for_name)."""
    from sqlalchemy import text

    from netdesk.text import sort_key_for_name

    conn = op.get_bind()
    rows = conn.execute(
        text("SELECT id, formatted_name FROM contacts WHERE given_name = '' AND family_name = ''")
    ).all()
    if rows:
        conn.execute(
            text("UPDATE contacts SET sort_name = :key WHERE id = :id"),
            [{"id": cid, "key": sort_key_for_name("", "", name)} for cid, name in rows],
        )


def downgrade() -> None:
    _rebuild(False)

"""CardDAV/CalDAV accounts, their collections, the per-item sync state, conflicts and history

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from netdesk.models.base import UTCDateTime
from netdesk.models.sync_triggers import create_triggers, drop_triggers

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, owner: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_{owner}_{column}_{table}"), ondelete=ondelete
    )


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "sync_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("server_url", sa.String(length=2048), nullable=False),
        sa.Column("principal_url", sa.String(length=2048), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("server_kind", sa.String(length=40), nullable=False),
        sa.Column("trusted_fingerprint", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_sync_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("retry_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_sync_accounts_name")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "sync_collections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("display_name", sa.String(length=255), nullable=False),
        sa.Column("sync_token", sa.Text(), nullable=False),
        sa.Column("ctag", sa.String(length=255), nullable=False),
        sa.Column("vcard_version", sa.String(length=8), nullable=False),
        _fk("account_id", "sync_accounts", "sync_collections", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_collections")),
        sqlite_autoincrement=True,
    )
    _index("sync_collections", "account_id")
    op.create_table(
        "sync_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collection_id", sa.Integer(), nullable=False),
        sa.Column("href", sa.String(length=2048), nullable=False),
        sa.Column("etag", sa.String(length=255), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("base_text", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("synced_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("dirty", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("ignored", sa.Boolean(), server_default=sa.false(), nullable=False),
        _fk("collection_id", "sync_collections", "sync_items", "CASCADE"),
        _fk("contact_id", "contacts", "sync_items", "SET NULL"),
        _fk("event_id", "events", "sync_items", "SET NULL"),
        _fk("followup_id", "followups", "sync_items", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_items")),
        sa.UniqueConstraint("collection_id", "href", name=op.f("uq_sync_items_collection_id")),
        sqlite_autoincrement=True,
    )
    for column in ("collection_id", "contact_id", "event_id", "followup_id"):
        _index("sync_items", column)
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("local_value", sa.Text(), nullable=False),
        sa.Column("remote_value", sa.Text(), nullable=False),
        sa.Column("found_at", UTCDateTime(timezone=True), nullable=False),
        _fk("account_id", "sync_accounts", "sync_conflicts", "CASCADE"),
        _fk("contact_id", "contacts", "sync_conflicts", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
        sqlite_autoincrement=True,
    )
    _index("sync_conflicts", "account_id")
    _index("sync_conflicts", "contact_id")
    op.create_table(
        "sync_unlinked",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("account_name", sa.String(length=120), nullable=False),
        sa.Column("removed_at", UTCDateTime(timezone=True), nullable=False),
        _fk("contact_id", "contacts", "sync_unlinked", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_unlinked")),
        sqlite_autoincrement=True,
    )
    _index("sync_unlinked", "contact_id")
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        _fk("account_id", "sync_accounts", "sync_runs", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
        sqlite_autoincrement=True,
    )
    _index("sync_runs", "account_id")
    # Local change detection: writes here mark the items that mirror them (sync_triggers).
    create_triggers(op.get_bind())


def downgrade() -> None:
    drop_triggers(op.get_bind())
    for name in (
        "sync_runs",
        "sync_unlinked",
        "sync_conflicts",
        "sync_items",
        "sync_collections",
        "sync_accounts",
    ):
        op.drop_table(name)

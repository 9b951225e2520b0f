"""Email templates and drafts, keep-in-touch rhythms, introductions, goals and event aims,
and when the after-event review dealt with an attendee

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from netdesk.models.base import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, owner: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_{owner}_{column}_{table}"), ondelete=ondelete
    )


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def upgrade() -> None:
    op.create_table(
        "email_templates",
        _id(),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attach_my_card", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        _pk("email_templates"),
        sa.UniqueConstraint("key", name=op.f("uq_email_templates_key")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "introductions",
        _id(),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("introduced_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        _fk("first_id", "contacts", "introductions", "CASCADE"),
        _fk("second_id", "contacts", "introductions", "CASCADE"),
        _pk("introductions"),
        sqlite_autoincrement=True,
    )
    for column in ("first_id", "second_id", "introduced_on"):
        _index("introductions", column)
    op.create_table(
        "email_drafts",
        _id(),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("introduction_id", sa.Integer(), nullable=True),
        sa.Column("template_key", sa.String(length=60), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("note_id", sa.Integer(), nullable=True),
        _fk("contact_id", "contacts", "email_drafts", "CASCADE"),
        _fk("followup_id", "followups", "email_drafts", "SET NULL"),
        _fk("event_id", "events", "email_drafts", "SET NULL"),
        _fk("introduction_id", "introductions", "email_drafts", "SET NULL"),
        _fk("note_id", "notes", "email_drafts", "SET NULL"),
        _pk("email_drafts"),
        sqlite_autoincrement=True,
    )
    for column in (
        "contact_id",
        "followup_id",
        "event_id",
        "introduction_id",
        "created_at",
        "sent_at",
        "note_id",
    ):
        _index("email_drafts", column)
    op.create_table(
        "rhythms",
        _id(),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("tag_id", sa.Integer(), nullable=True),
        sa.Column("every", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        _fk("contact_id", "contacts", "rhythms", "CASCADE"),
        _fk("tag_id", "tags", "rhythms", "CASCADE"),
        _pk("rhythms"),
        sa.UniqueConstraint("contact_id", name=op.f("uq_rhythms_contact_id")),
        sa.UniqueConstraint("tag_id", name=op.f("uq_rhythms_tag_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "reconnect_snoozes",
        _id(),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        _fk("contact_id", "contacts", "reconnect_snoozes", "CASCADE"),
        _pk("reconnect_snoozes"),
        sa.UniqueConstraint("contact_id", name=op.f("uq_reconnect_snoozes_contact_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "goals",
        _id(),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("done_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        _pk("goals"),
        sqlite_autoincrement=True,
    )
    _index("goals", "done_at")
    for name, other in (
        ("tags", "tag"),
        ("contacts", "contact"),
        ("events", "event"),
        ("notes", "note"),
        ("followups", "followup"),
    ):
        table = f"goal_{name}"
        op.create_table(
            table,
            sa.Column("goal_id", sa.Integer(), nullable=False),
            sa.Column(f"{other}_id", sa.Integer(), nullable=False),
            _fk("goal_id", "goals", table, "CASCADE"),
            _fk(f"{other}_id", f"{other}s", table, "CASCADE"),
            sa.PrimaryKeyConstraint("goal_id", f"{other}_id", name=op.f(f"pk_{table}")),
        )
        _index(table, f"{other}_id")
    op.create_table(
        "event_aims",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(length=255), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=True),
        _fk("event_id", "events", "event_aims", "CASCADE"),
        _fk("goal_id", "goals", "event_aims", "SET NULL"),
        _fk("tag_id", "tags", "event_aims", "SET NULL"),
        _pk("event_aims"),
        sqlite_autoincrement=True,
    )
    for column in ("event_id", "goal_id", "tag_id"):
        _index("event_aims", column)
    op.add_column(
        "attendances", sa.Column("reviewed_at", UTCDateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("attendances") as batch:
        batch.drop_column("reviewed_at")
    for name in (
        "event_aims",
        "goal_followups",
        "goal_notes",
        "goal_events",
        "goal_contacts",
        "goal_tags",
        "goals",
        "reconnect_snoozes",
        "rhythms",
        "email_drafts",
        "introductions",
        "email_templates",
    ):
        op.drop_table(name)

"""CardDAV/CalDAV accounts and what netdesk remembers between two syncs.

Like vdirsyncer's status database: for every item on a server, where it lives (href), the
version last seen there (etag), and the text both sides agreed on at the last sync, which is
the base of the next three-way merge. Passwords are never stored here (the system keyring
holds them).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, event, false
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netdesk.models.base import Base, UTCDateTime, utcnow


class SyncAccount(Base):
    __tablename__ = "sync_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # What the user typed ("example.com", "https://dav.example.com/") and where discovery led.
    server_url: Mapped[str] = mapped_column(String(2048))
    principal_url: Mapped[str] = mapped_column(String(2048), default="")
    username: Mapped[str] = mapped_column(String(255))
    # A netdesk.services.sync quirks name ("radicale", "icloud", "nextcloud", "generic", ...).
    server_kind: Mapped[str] = mapped_column(String(40), default="generic")
    # SHA-256 of a certificate the user chose to trust although it does not verify, as
    # "AB:CD:..."; empty when only verified certificates are accepted.
    trusted_fingerprint: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Why the last run failed, in words ("" after a good run), and when to try again.
    last_error: Mapped[str] = mapped_column(Text, default="")
    failures: Mapped[int] = mapped_column(Integer, default=0)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    collections: Mapped[list[SyncCollection]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )


class SyncCollection(Base):
    """An address book, task list or calendar of an account that netdesk syncs with."""

    __tablename__ = "sync_collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    # "contacts" (CardDAV address book), "tasks" (VTODO list), "events" (VEVENT calendar).
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(2048))
    display_name: Mapped[str] = mapped_column(String(255), default="")
    # RFC 6578 token of the last sync-collection REPORT; empty when the server offers none.
    sync_token: Mapped[str] = mapped_column(Text, default="")
    # getctag / collection etag at the last sync, for servers without sync-collection.
    ctag: Mapped[str] = mapped_column(String(255), default="")
    # The vCard version written to this address book ("3.0" unless it asks for "4.0").
    vcard_version: Mapped[str] = mapped_column(String(8), default="3.0")

    account: Mapped[SyncAccount] = relationship(back_populates="collections")


class SyncItem(Base):
    """One card or task on a server and the local row it belongs to."""

    __tablename__ = "sync_items"
    __table_args__ = (
        UniqueConstraint("collection_id", "href"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(
        ForeignKey("sync_collections.id", ondelete="CASCADE"), index=True
    )
    href: Mapped[str] = mapped_column(String(2048))
    etag: Mapped[str] = mapped_column(String(255), default="")
    # SHA-256 of the text last synced, and that text itself: the base of a three-way merge.
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    base_text: Mapped[str] = mapped_column(Text, default="")
    # The local row; set to NULL when it is deleted in netdesk, which the next sync sends on.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True, default=None
    )
    followup_id: Mapped[int | None] = mapped_column(
        ForeignKey("followups.id", ondelete="SET NULL"), index=True, default=None
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True, default=None
    )
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by database triggers (models/sync_triggers.py) when the local row or one of its child
    # rows changes: a sync then looks at these items only instead of rendering every contact.
    dirty: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # An item netdesk leaves alone: a task made on a phone without netdesk's id, or a task the
    # phone deleted whose follow-up stays here (kept so that it is not sent again).
    ignored: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SyncConflict(Base):
    """A field changed differently on both sides; the local value stays until the user picks."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    # A ContactRecord field name ("title", "organization", "birthday", ...).
    field: Mapped[str] = mapped_column(String(60))
    local_value: Mapped[str] = mapped_column(Text, default="")
    remote_value: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncUnlinked(Base):
    """A contact deleted on a server but kept here because netdesk knows more about them."""

    __tablename__ = "sync_unlinked"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    account_name: Mapped[str] = mapped_column(String(120))
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncRun(Base):
    """One sync of one account, for Accounts > History."""

    __tablename__ = "sync_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # "running", "ok", "conflicts", "partial" (some items failed), "failed", "stopped".
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    sent: Mapped[int] = mapped_column(Integer, default=0)
    received: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    # One line per change, "sent: Ada Lovelace", "deleted here: Bob", for the history window.
    details: Mapped[str] = mapped_column(Text, default="")


def _install_triggers(_table: object, conn: Connection, **_kw: object) -> None:
    from netdesk.models.sync_triggers import create_triggers

    create_triggers(conn)


# create_all (a new database) gets the triggers with the table; migration 0008 calls the same.
event.listen(SyncItem.__table__, "after_create", _install_triggers)

"""A person and the child rows a vCard can carry."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netdesk.models.base import Base, UTCDateTime, utcnow
from netdesk.models.tag import Tag, contact_tags


def new_uid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True, default=new_uid)
    formatted_name: Mapped[str] = mapped_column(String(255))
    # Lower-cased, accent-folded "family given" used for ordering the People table.
    sort_name: Mapped[str] = mapped_column(String(255), index=True, default="")
    given_name: Mapped[str] = mapped_column(String(120), default="")
    family_name: Mapped[str] = mapped_column(String(120), default="")
    middle_name: Mapped[str] = mapped_column(String(120), default="")
    prefix: Mapped[str] = mapped_column(String(60), default="")
    suffix: Mapped[str] = mapped_column(String(60), default="")
    nickname: Mapped[str] = mapped_column(String(120), default="")
    organization: Mapped[str] = mapped_column(String(255), default="", index=True)
    department: Mapped[str] = mapped_column(String(255), default="")
    title: Mapped[str] = mapped_column(String(255), default="")
    birthday: Mapped[date | None] = mapped_column(Date, default=None)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    photo_mime: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Indexed: the QR card window looks "me" up among 100,000 contacts within its 100 ms.
    is_me: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Where the record came from: "manual", "vcard", "linkedin", "qr", "demo", ...
    source: Mapped[str] = mapped_column(String(40), default="manual")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    emails: Mapped[list[ContactEmail]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactEmail.position"
    )
    phones: Mapped[list[ContactPhone]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactPhone.position"
    )
    urls: Mapped[list[ContactUrl]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactUrl.position"
    )
    addresses: Mapped[list[ContactAddress]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactAddress.position"
    )
    extra_properties: Mapped[list[ContactExtraProperty]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="ContactExtraProperty.position",
    )
    tags: Mapped[list[Tag]] = relationship(secondary=contact_tags, order_by=Tag.key)


class _ContactChild:
    """Columns every per-contact list row has."""

    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(40), default="")
    label: Mapped[str] = mapped_column(String(120), default="")
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactEmail(_ContactChild, Base):
    __tablename__ = "contact_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str] = mapped_column(String(320), index=True)
    contact: Mapped[Contact] = relationship(back_populates="emails")


class ContactPhone(_ContactChild, Base):
    __tablename__ = "contact_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    # As the user typed it or the file had it.
    value: Mapped[str] = mapped_column(String(80))
    # Normalised "+4930123456" form; empty when the number could not be parsed.
    e164: Mapped[str] = mapped_column(String(32), default="", index=True)
    contact: Mapped[Contact] = relationship(back_populates="phones")
    # An extension dialled after the number ("102" from tel:+1-418-656-9254;ext=102), kept apart
    # so that e164 stays a number another program can call. Sorted after the mixin's columns:
    # migration 0006 adds it at the end of the table, where create_all must put it too.
    extension: Mapped[str] = mapped_column(
        String(40), default="", server_default=text("''"), sort_order=10
    )


class ContactUrl(_ContactChild, Base):
    """Web pages and social profiles (kind: "home", "work", "linkedin", "mastodon", ...)."""

    __tablename__ = "contact_urls"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str] = mapped_column(String(2048))
    contact: Mapped[Contact] = relationship(back_populates="urls")


class ContactAddress(_ContactChild, Base):
    __tablename__ = "contact_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    po_box: Mapped[str] = mapped_column(String(120), default="")
    extended: Mapped[str] = mapped_column(String(255), default="")
    street: Mapped[str] = mapped_column(String(255), default="")
    locality: Mapped[str] = mapped_column(String(120), default="")
    region: Mapped[str] = mapped_column(String(120), default="")
    postal_code: Mapped[str] = mapped_column(String(40), default="")
    country: Mapped[str] = mapped_column(String(120), default="")
    contact: Mapped[Contact] = relationship(back_populates="addresses")


class ContactExtraProperty(Base):
    """A vCard property netdesk does not show, kept verbatim so that export loses nothing."""

    __tablename__ = "contact_extra_properties"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The unfolded content line, e.g. "item2.X-ABLabel:_$!<Anniversary>!$_".
    line: Mapped[str] = mapped_column(Text)
    contact: Mapped[Contact] = relationship(back_populates="extra_properties")

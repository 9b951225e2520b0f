"""Fetching a contact's photo from the web address their vCard gave, when the user asks.

A vCard may give its PHOTO as a link (`PHOTO;VALUE=uri:https://…`). Reading the card never
follows it: the line is kept as it came (for the export) and netdesk fetches nothing because a
file says so. Only the user's explicit choice calls `PhotoFetchService.fetch`, which downloads
the picture (http or https only, 10 seconds, at most 10 MB), checks that it is a JPEG, PNG, GIF
or WebP picture, and stores it as the contact's photo, the link line going in the same
transaction: the picture now stands for it, and an export holding both would give the contact
two photos (some address books refuse such a card, others show the first).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select

from netdesk.models import Contact, ContactExtraProperty
from netdesk.services.contacts import ContactService
from netdesk.services.photo_rules import MAX_BYTES, OVERALL_SECONDS, TIMEOUT_SECONDS, WEB_SCHEMES
from netdesk.store import Database


@dataclass(frozen=True)
class PhotoLink:
    url: str
    host: str
    line: str  # the kept vCard line that gave it


def _split_line(line: str) -> tuple[str, str]:
    """A content line's property name (no group, upper case) and its value. The value starts
    after the first colon outside double quotes (a parameter may be quoted and hold one)."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            name = line[:i].split(";", 1)[0].rsplit(".", 1)[-1]
            return name.strip().upper(), line[i + 1 :].strip()
    return "", ""


def web_link(line: str, property_name: str = "PHOTO") -> str:
    """The http(s) address a kept vCard line of this property links to, else ""."""
    name, value = _split_line(line)
    if name != property_name:
        return ""
    try:
        parts = urlsplit(value)
        return value if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else ""
    except ValueError:  # a broken IPv6 host ("http://[") links nowhere
        return ""


def fetch_image(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    limit: int = MAX_BYTES,
    within: float = OVERALL_SECONDS,
) -> tuple[bytes, str]:
    """The picture at `url` and its MIME type, or PhotoFetchError saying why not; `timeout`
    for each read, `within` for the whole download."""
    # urllib and http.client take 40 ms to import: only when the user asks for a photo.
    from netdesk.services.web_fetch import download

    return download(url, timeout=timeout, limit=limit, within=within)


class PhotoFetchService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._contacts = ContactService(db)

    def link(self, contact_id: int) -> PhotoLink | None:
        """The web address of the contact's photo, when their card gave a link and netdesk has
        no picture of them yet (fetching one is then worth offering)."""
        with self.db.Session() as session:
            has_photo = session.scalar(
                select(Contact.photo.is_not(None)).where(Contact.id == contact_id)
            )
            if has_photo is None or has_photo:
                return None
            lines = session.scalars(
                select(ContactExtraProperty.line)
                .where(ContactExtraProperty.contact_id == contact_id)
                .order_by(ContactExtraProperty.position, ContactExtraProperty.id)
            )
            for line in lines:
                url = web_link(line)
                if url:
                    return PhotoLink(url, urlsplit(url).hostname or url, line)
        return None

    def fetch(
        self,
        contact_id: int,
        link: PhotoLink,
        *,
        timeout: float = TIMEOUT_SECONDS,
        limit: int = MAX_BYTES,
    ) -> str:
        """Download the picture and store it as the contact's photo (the link line goes);
        returns its MIME type. PhotoFetchError, or NotFoundError when the contact went."""
        data, mime = fetch_image(link.url, timeout=timeout, limit=limit)
        self._contacts.set_photo(contact_id, data, mime, replaces_line=link.line)
        return mime

    def photo(self, contact_id: int) -> tuple[bytes, str] | None:
        """The contact's stored photo and its MIME type, if any."""
        with self.db.Session() as session:
            row = session.execute(
                select(Contact.photo, Contact.photo_mime).where(Contact.id == contact_id)
            ).first()
        if row is None or row.photo is None:
            return None
        return bytes(row.photo), row.photo_mime

"""What a QR card window opens with: the fields and format last chosen, cut down to what the
contact has. Apart from the window, so the main window can make one's own card ahead."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from netdesk.cards.payload import PayloadFormat
from netdesk.cards.share import CARD_DEFAULT_FIELDS, SHARE_FIELDS, parse_fields
from netdesk.formats.records import ContactRecord

SETTINGS_GROUP = "qr_card"


def saved_fields(settings: QSettings) -> tuple[str, ...]:
    saved = settings.value(f"{SETTINGS_GROUP}/fields")
    return parse_fields(saved) if isinstance(saved, str) else CARD_DEFAULT_FIELDS


def saved_format(settings: QSettings) -> PayloadFormat:
    saved = settings.value(f"{SETTINGS_GROUP}/format")
    try:
        return PayloadFormat(str(saved)) if saved else PayloadFormat.VCARD
    except ValueError:
        return PayloadFormat.VCARD


def first_choice(
    settings: QSettings, record: ContactRecord
) -> tuple[tuple[str, ...], PayloadFormat]:
    """The fields and format a card window opens with for this contact."""
    chosen, available = set(saved_fields(settings)) | {"name"}, available_fields(record)
    fields = tuple(f for f in SHARE_FIELDS if f in chosen and f in available)
    return fields, saved_format(settings)


def available_fields(record: ContactRecord) -> frozenset[str]:
    """The fields this contact has something in (the name always counts)."""
    has = {
        "name": True,
        "organization": bool(record.organization or record.department),
        "title": bool(record.title),
        "email": bool(record.emails),
        "phone": bool(record.phones),
        "url": bool(record.urls),
        "address": bool(record.addresses),
    }
    return frozenset(name for name, present in has.items() if present)

"""The contact pane shows a person's photo, small, and never chokes on a bad one."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import PEOPLE
from netdesk.ui.people.detail import PHOTO_SIDE
from netdesk.ui.people.photo import photo_pixmap
from tests.pictures import plain_picture
from tests.reliability.mutations import png_declaring
from tests.ui.main_window_helpers import open_window, settings_at


def _picture(width: int, height: int, kind: str = "JPEG") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#5a8dd6"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind)
    return bytes(buffer.data())


def test_an_imported_photo_shows_in_the_pane_scaled_to_fit(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    photo = base64.b64encode(_picture(600, 800)).decode()
    card = tmp_path / "grace.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nEND:VCARD\r\n"
    )
    sqlite_services.imports.import_file(card)
    plain = sqlite_services.contacts.create(ContactInput(formatted_name="Alan Turing"))
    grace = sqlite_services.contacts.find_by_name("Grace Hopper")
    assert grace is not None
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = window.go_to(PEOPLE)
    detail = people.detail

    assert people.show_contact(grace)
    assert detail.photo_label.isVisibleTo(detail)
    shown = detail.photo_label.pixmap()
    ratio = shown.devicePixelRatio()
    # Portrait, kept upright and in proportion, no bigger than its square.
    assert round(shown.height() / ratio) == PHOTO_SIDE
    assert round(shown.width() / ratio) == PHOTO_SIDE * 600 // 800

    # Someone without a photo: none shown, not the previous person's.
    assert people.show_contact(plain)
    assert not detail.photo_label.isVisibleTo(detail)

    # A photo saved meanwhile (fetched, for instance) shows as soon as it is stored.
    sqlite_services.contacts.set_photo(plain, _picture(100, 100, "PNG"), "image/png")
    qtbot.waitUntil(lambda: detail.photo_label.isVisibleTo(detail))


def test_a_photo_that_is_not_a_picture_or_is_absurdly_large_is_not_shown(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    broken = sqlite_services.contacts.create(ContactInput(formatted_name="Broken Photo"))
    sqlite_services.contacts.set_photo(broken, b"\xff\xd8\xff not really a jpeg", "image/jpeg")
    huge = sqlite_services.contacts.create(ContactInput(formatted_name="Huge Photo"))
    claims = png_declaring(_picture(10, 10, "PNG"), 100_000, 100_000)
    sqlite_services.contacts.set_photo(huge, claims, "image/png")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = window.go_to(PEOPLE)
    for contact in (broken, huge):
        assert people.show_contact(contact)
        assert not people.detail.photo_label.isVisibleTo(people.detail)
    assert photo_pixmap(claims, PHOTO_SIDE) is None


def test_a_small_photo_is_not_blown_up() -> None:
    pixmap = photo_pixmap(_picture(40, 30, "PNG"), PHOTO_SIDE)
    assert pixmap is not None
    assert (pixmap.width(), pixmap.height()) == (40, 30)


def test_a_big_photo_is_decoded_at_the_size_shown_and_only_once(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    """A 4,000 px square PNG (small as a file, being mostly one colour) becomes a picture of
    the pane's size; going back to its person shows the same picture, not a second decode."""
    big = sqlite_services.contacts.create(ContactInput(formatted_name="Big Photo"))
    sqlite_services.contacts.set_photo(big, plain_picture(4000, 4000), "image/png")
    other = sqlite_services.contacts.create(ContactInput(formatted_name="Small Photo"))
    sqlite_services.contacts.set_photo(other, _picture(50, 50, "PNG"), "image/png")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = window.go_to(PEOPLE)
    detail = people.detail

    assert people.show_contact(big)
    shown = detail.photo_label.pixmap()
    ratio = shown.devicePixelRatio()
    assert (shown.width(), shown.height()) == (round(PHOTO_SIDE * ratio),) * 2
    assert people.show_contact(other)
    assert detail.photo_label.pixmap().cacheKey() != shown.cacheKey()
    assert people.show_contact(big)
    assert detail.photo_label.pixmap().cacheKey() == shown.cacheKey()

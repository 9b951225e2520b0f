"""The person page's "Business card" section: the scanned card's front and back as thumbnails,
a larger view on click, Save picture… and an undoable Remove, and pictures another process
adds shown without asking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from netdesk.formats.records import CardImage, ContactRecord, Typed
from netdesk.services.card_images import CardImageInfo
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.main_window import PEOPLE, MainWindow
from netdesk.ui.people.card_picture_view import CardPictureDialog
from netdesk.ui.people.card_pictures import THUMB_SIDE, CardPicturesSection, side_names
from tests.ui.main_window_helpers import answer_message_box, open_window, settings_at


def _card_picture(colour: str, width: int = 1050, height: int = 600) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPEG")
    return bytes(buffer.data())


FRONT = _card_picture("#f4f1e8")
BACK = _card_picture("#1d3557")


def _scan(services: Services, *pictures: bytes, source: str = "IMG_2041.HEIC") -> int:
    record = ContactRecord(
        formatted_name="Ana Lima",
        emails=[Typed("ana@example.org", "work")],
        source="scan",
        card_images=[CardImage(p, source=source) for p in pictures],
    )
    services.scanning.save(services.scanning.plan([record], source), None)
    found = services.contacts.find_by_name("Ana Lima")
    assert found is not None
    return found


def _section(window: MainWindow, contact_id: int) -> CardPicturesSection:
    people = window.go_to(PEOPLE)
    assert people.show_contact(contact_id)
    return people.detail.card_pictures


def test_front_and_back_show_as_thumbnails_and_open_larger(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ana = _scan(sqlite_services, FRONT, BACK, source="<b>IMG</b>.jpg")
    plain = sqlite_services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    section = _section(window, ana)
    detail = window.view(PEOPLE).detail
    assert section.isVisibleTo(detail)
    assert [t.text() for t in section.thumbs] == ["Front", "Back"]
    size = section.thumbs[0].iconSize()
    assert (size.width(), size.height()) == (THUMB_SIDE, THUMB_SIDE * 600 // 1050)
    headings = [w.text() for w in detail.findChildren(QLabel) if w.isVisibleTo(detail)]
    assert "Business card" in headings
    # The photo's file name is user text: shown as typed in the tooltip, never as markup.
    assert "&lt;b&gt;IMG&lt;/b&gt;.jpg" in section.thumbs[0].toolTip()

    qtbot.mouseClick(section.thumbs[1], Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CardPictureDialog))
    qtbot.waitExposed(dialog)
    shown = dialog.picture.pixmap()
    assert not shown.isNull() and shown.toImage().pixelColor(5, 5).name() == "#1d3557"
    dialog.close()

    # Someone without card pictures: no section, not the previous person's.
    other = _section(window, plain)
    assert not other.has_pictures and not other.isVisibleTo(detail)
    headings = [w.text() for w in detail.findChildren(QLabel) if w.isVisibleTo(detail)]
    assert "Business card" not in headings


def test_save_picture_writes_the_stored_picture(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ana = _scan(sqlite_services, FRONT)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    section = _section(window, ana)
    (thumb,) = section.thumbs
    assert thumb.text() == "Card"
    menu = section.context_menu(thumb.info.id)
    assert [a.text() for a in menu.actions()] == ["Save picture…", "Remove"]
    target = tmp_path / "ana.jpg"
    assert section.save_picture(thumb.info.id, target)
    assert target.read_bytes() == FRONT
    assert "Saved the card picture as ana.jpg" in window.statusBar().currentMessage()


def test_save_picture_refuses_to_write_over_the_open_database(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ana = _scan(sqlite_services, FRONT)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    section = _section(window, ana)
    (thumb,) = section.thumbs
    database = tmp_path / "netdesk.sqlite"
    before = database.read_bytes()
    seen: list[str] = []
    answer_message_box(seen)
    assert not section.save_picture(thumb.info.id, database)
    assert seen and "netdesk.sqlite" in seen[0]
    assert database.read_bytes() == before
    assert sqlite_services.card_images.list_for(ana)


def test_remove_is_undone_with_ctrl_z(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ana = _scan(sqlite_services, FRONT, BACK)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    section = _section(window, ana)
    back = section.thumbs[1].info.id
    assert section.remove_picture(back)
    detail = window.view(PEOPLE).detail
    qtbot.waitUntil(lambda: len(detail.card_pictures.thumbs) == 1)
    assert back not in [i.id for i in sqlite_services.card_images.list_for(ana)]
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(detail.card_pictures.thumbs) == 2)
    assert sqlite_services.card_images.image(back) == BACK


def test_a_picture_added_by_another_process_shows_on_the_open_page(
    qtbot: QtBot, services: Services, db_url: str, tmp_path: Path
) -> None:
    """On SQLite (the file watched) and on PostgreSQL (LISTEN/NOTIFY)."""
    ana = services.contacts.create(ContactInput(formatted_name="Ana Lima"))
    window = open_window(qtbot, services, settings_at(tmp_path))
    assert not _section(window, ana).has_pictures
    other = open_database(db_url)
    try:
        Services(other).card_images.add(ana, [CardImage(FRONT, source="IMG_1.jpg")])
    finally:
        other.close()
    detail = window.view(PEOPLE).detail
    qtbot.waitUntil(lambda: detail.card_pictures.has_pictures, timeout=2500)
    assert detail.card_pictures.isVisibleTo(detail)
    window.close()


def test_sides_are_named_by_the_scan_they_came_from() -> None:
    at = datetime(2026, 12, 5, 9, tzinfo=UTC)

    def info(position: int, later: timedelta) -> CardImageInfo:
        return CardImageInfo(position, position, "image/jpeg", "", at + later)

    # A two-sided card, then a one-sided one a month later (a new job), then another two-sided.
    pictures = [
        info(0, timedelta()),
        info(1, timedelta()),
        info(2, timedelta(days=30)),
        info(3, timedelta(days=60)),
        info(4, timedelta(days=60)),
    ]
    assert side_names(pictures) == ["Front", "Back", "Card", "Front", "Back"]
    assert side_names([]) == []


def test_front_and_back_of_different_shapes_have_their_captions_on_one_line(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    # A back cut out taller than its front (as the scanner often squares them): the captions
    # "Front" and "Back" stood at different heights.
    ana = _scan(sqlite_services, FRONT, _card_picture("#1d3557", 1050, 760))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    section = _section(window, ana)
    front, back = section.thumbs
    assert front.iconSize() == back.iconSize()
    # The style lays the caption out under the picture the icon holds, not under the icon's box:
    # both pictures must be the same size.
    drawn = [t.icon().pixmap(t.iconSize()).deviceIndependentSize() for t in (front, back)]
    assert drawn[0] == drawn[1]
    assert front.geometry().top() == back.geometry().top()


def test_the_same_card_scanned_twice_in_a_row_is_two_cards_not_a_front_and_back(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    # Saved one after the other in one review (the second merged into the first person): the
    # page called them "Front" and "Back" because they were stored within seconds.
    # Each photo of the card is cut out a little differently (the same bytes twice are kept
    # once: tests/cli/test_scan_cards.py).
    ana = _scan(sqlite_services, _card_picture("#f4f1e8", 1050), source="IMG_1.jpg")
    assert _scan(sqlite_services, _card_picture("#f4f1e8", 1046), source="IMG_2.jpg") == ana
    both = _scan(sqlite_services, _card_picture("#f4f1e8", 1042), BACK, source="IMG_3.jpg")
    assert both == ana
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    section = _section(window, ana)
    assert [t.text() for t in section.thumbs] == ["Card", "Card", "Front", "Back"]


def test_a_stored_picture_that_cannot_be_decoded_is_said_in_words(qtbot: QtBot) -> None:
    # A row another program wrote (or a cut-off JPEG): the larger view says so, never crashes.
    dialog = CardPictureDialog(FRONT[:40], "<b>Ana</b>")
    qtbot.addWidget(dialog)
    assert dialog.picture.pixmap().isNull()
    assert dialog.picture.text() == "This picture cannot be shown."
    assert dialog.picture.textFormat() == Qt.TextFormat.PlainText

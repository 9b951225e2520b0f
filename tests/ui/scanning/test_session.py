"""Several cards in one scan: reviewed one after the other ("Card 2 of 5"), Save and Skip going
on to the next, Cancel leaving the rest out, the next card taken as the back side, a back side
read from a photo, and the review waiting for a photo still being read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from netdesk.scan.card_fields import CardFields, CardPhone
from netdesk.services.service_set import Services
from netdesk.ui.main_window import MainWindow
from netdesk.ui.scanning.actions import ScanActions
from netdesk.ui.scanning.card_picture import ScaledPicture
from netdesk.ui.scanning.review_dialog import ScanReviewDialog
from tests.ui.main_window_helpers import open_window, settings_at
from tests.ui.scanning.cards import ana_fields, scanned


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


@pytest.fixture
def scanning(window: MainWindow) -> ScanActions:
    return window.scanning


def _bruno() -> CardFields:
    return CardFields(
        name="Bruno Costa",
        given="Bruno",
        family="Costa",
        organization="Costa & Filhos Lda",
        emails=["bruno@costa.example"],
    )


def _dialog(scanning: ScanActions) -> ScanReviewDialog:
    assert scanning.session is not None and scanning.session.dialog is not None
    return scanning.session.dialog


def test_cards_are_reviewed_one_after_the_other(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, sqlite_services: Services
) -> None:
    scanning.review([scanned(), scanned(_bruno(), source="IMG_2042.jpg")])
    dialog = _dialog(scanning)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.isModal() or dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.position_label.text() == "Card 1 of 2"
    assert dialog.back_from_next_action.text() == "The next card (IMG_2042.jpg)"
    dialog.save_button.click()
    assert window.statusBar().currentMessage() == "Added Ana Lima."
    assert dialog.position_label.text() == "Card 2 of 2"
    assert dialog.form.singles["name"].text() == "Bruno Costa"
    shown = [p for p in dialog.pictures.findChildren(ScaledPicture) if p.isVisible()]
    assert shown == dialog.pictures.pictures  # the first card's picture is gone at once
    assert not dialog.back_from_next_action.isEnabled()
    dialog.skip_button.click()
    qtbot.waitUntil(lambda: scanning.session is None)
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "Scan finished: 1 added, 1 skipped."
    assert [row.name for row in sqlite_services.search.page("")] == ["Ana Lima"]


def test_cancel_leaves_the_cards_not_saved_out(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, sqlite_services: Services
) -> None:
    scanning.review([scanned(), scanned(_bruno(), source="IMG_2042.jpg"), scanned()])
    dialog = _dialog(scanning)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClick(dialog.form.singles["name"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: scanning.session is None)
    assert window.statusBar().currentMessage() == "Scan cancelled: 3 cards not saved."
    assert sqlite_services.contacts.count() == 0


def test_the_next_card_is_taken_as_the_back_side(
    qtbot: QtBot, scanning: ScanActions, sqlite_services: Services
) -> None:
    back = scanned(
        CardFields(name="Ana Lima", phones=[CardPhone("+55 11 91234 5678", "mobile")]),
        source="IMG_2042.jpg",
    )
    scanning.review([scanned(), back])
    dialog = _dialog(scanning)
    dialog.back_from_next_action.trigger()
    assert dialog.position_label.text() == "Card 1 of 1"
    assert len(dialog.pictures.pictures) == 2
    numbers = [p.number for p in dialog.current_fields().phones]
    assert numbers == ["+49 170 1234567", "+55 11 91234 5678"]
    dialog.save_button.click()
    qtbot.waitUntil(lambda: scanning.session is None)
    [person] = sqlite_services.search.page("Ana")
    assert len(sqlite_services.card_images.list_for(person.id)) == 2


def test_a_back_side_without_a_card_is_said_and_can_be_tried_again(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, tmp_path: Path
) -> None:
    blank = QImage(640, 400, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    path = tmp_path / "back.png"
    assert blank.save(str(path))
    scanning.review([scanned()])
    dialog = _dialog(scanning)
    assert scanning.session is not None
    scanning.session.reading_back = True
    dialog.back_button.setEnabled(False)
    scanning.queue_back(path)
    qtbot.waitUntil(lambda: dialog.back_button.isEnabled(), timeout=30000)
    assert "back.png: no business card found" in window.statusBar().currentMessage()
    assert dialog.form.singles["name"].text() == "Ana Lima"  # the front is as it was
    assert len(dialog.pictures.pictures) == 1


def test_the_review_waits_for_a_photo_still_being_read(qtbot: QtBot, scanning: ScanActions) -> None:
    session = scanning.review([scanned()])
    session.set_waiting(1)
    dialog = _dialog(scanning)
    assert dialog.position_label.text() == "Card 1 of 1 · 1 photo still being read"
    dialog.save_button.click()
    assert dialog.position_label.text() == "Reading the next photo…"
    assert not dialog.save_button.isEnabled() and not dialog.form.isEnabled()
    assert dialog.cancel_button.isEnabled()  # no waiting for OCR to leave
    session.add_cards([scanned(_bruno(), source="IMG_2042.jpg")])
    session.set_waiting(0)
    assert dialog.save_button.isEnabled() and dialog.form.isEnabled()
    assert dialog.position_label.text() == "Card 2 of 2"
    assert dialog.form.singles["name"].text() == "Bruno Costa"
    dialog.reject()
    qtbot.waitUntil(lambda: scanning.session is None)


def test_cancel_while_the_next_photo_is_read(qtbot: QtBot, scanning: ScanActions) -> None:
    session = scanning.review([scanned()])
    session.set_waiting(1)
    dialog = _dialog(scanning)
    dialog.save_button.click()
    dialog.show()
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: scanning.session is None)


def test_a_skipped_duplicate_still_says_who(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, sqlite_services: Services
) -> None:
    from netdesk.services.records import ContactInput

    sqlite_services.contacts.create(
        ContactInput(formatted_name="Ana Lima", emails=["ana.lima@example.org"])
    )
    scanning.review([scanned(ana_fields())])
    dialog = _dialog(scanning)
    dialog.duplicate_line.choice.setCurrentIndex(dialog.duplicate_line.choice.findText("Skip"))
    dialog.save_button.click()
    assert window.statusBar().currentMessage().startswith("Skipped Ana Lima")

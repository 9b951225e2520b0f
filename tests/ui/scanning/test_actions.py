"""Scanning from the main window: File > Scan business cards…, a photo dropped on the window, a
pasted picture; the queue off the GUI thread with its progress and Cancel; what could not be
read; the message when the scanner is not installed. One test runs the real OCR end to end."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import EventInput
from netdesk.services.service_set import Services
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.importing.report_dialog import ImportReportDialog
from netdesk.ui.main_window import MainWindow
from netdesk.ui.scanning.actions import NO_PICTURE, ScanActions
from netdesk.ui.scanning.progress_panel import STOPPING, reading_text
from netdesk.ui.scanning.queue import NICENESS, ScanJob, ScanOutcome
from netdesk.ui.scanning.review_dialog import ScanReviewDialog
from tests.scan.rendered import photo
from tests.ui.main_window_helpers import ModalDriver, click, open_window, settings_at


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


@pytest.fixture
def scanning(window: MainWindow) -> ScanActions:
    return window.scanning


def _texts(window: MainWindow, title: str) -> list[str]:
    for action in window.menuBar().actions():
        menu = action.menu()
        if action.text().replace("&", "") == title and isinstance(menu, QMenu):
            return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    raise AssertionError(f"no {title} menu")


def _drop(window: MainWindow, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where, copy = QPointF(200, 200), Qt.DropAction.CopyAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), copy, data, left, none)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(where, copy, data, left, none)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def _blank_picture(path: Path) -> Path:
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(path))
    return path


def test_file_and_edit_menus_offer_scanning(window: MainWindow, scanning: ScanActions) -> None:
    file_items = _texts(window, "File")
    at = file_items.index("Import…")
    assert file_items[at + 1 : at + 4] == [
        "Add contact from QR image…",
        "Paste QR code",
        "Scan business cards…",
    ]
    assert scanning.act_scan.shortcut().toString() == "Ctrl+Shift+K"
    edit = _texts(window, "Edit")
    assert edit.index("Paste business card") == edit.index("Redo") + 1
    assert scanning.act_paste.shortcut() == QKeySequence(QKeySequence.StandardKey.Paste)
    assert all(act.isEnabled() for act in scanning.data_actions)


def test_without_the_scanner_the_menu_item_says_how_to_get_it(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETDESK_NO_SCANNER", "1")
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    box = scanning.not_installed_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.windowTitle() == "The card scanner is not installed"
    assert "pip install 'netdesk[scan]'" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.button(QMessageBox.StandardButton.Ok).click()
    assert scanning.session is None


def test_without_the_scanner_a_dropped_picture_is_read_for_its_qr_code(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netdesk.cards.qr import qr_code
    from netdesk.cards.qr_image import save_png

    monkeypatch.setenv("NETDESK_NO_SCANNER", "1")
    path = tmp_path / "badge.png"
    save_png(qr_code("MECARD:N:Hopper,Grace;EMAIL:grace@navy.example;;"), path)
    preview = ModalDriver(ImportPreviewDialog, lambda d: click(qtbot, d.ok_button))
    report = ModalDriver(ImportReportDialog, lambda d: d.close_button.click())
    _drop(window, path)
    qtbot.waitUntil(lambda: sqlite_services.contacts.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: report.ran, timeout=5000)
    preview.check()
    report.check()
    assert window.scanning._queue is None  # the scanner was never started


def test_a_dropped_photo_is_read_off_the_gui_thread_reviewed_and_saved(
    qtbot: QtBot,
    window: MainWindow,
    scanning: ScanActions,
    sqlite_services: Services,
    tmp_path: Path,
) -> None:
    """The one test that runs the real OCR on a card: a photo of the rendered test set (a
    card lying turned on a table), a few seconds on a busy machine."""
    event = sqlite_services.events.create(
        EventInput(name="Fintech Summit", starts_at=clock.now().replace(microsecond=0))
    )
    found = photo("002_de_front.jpg")
    truth = found.cards[0].fields()
    _drop(window, found.path)
    # The window stays free while the photo is read: the progress says which photo.
    qtbot.waitUntil(lambda: scanning.progress.isVisible(), timeout=5000)
    assert scanning.progress.label.text() == "Reading the card — 002_de_front.jpg"
    qtbot.waitUntil(
        lambda: (
            scanning.session is not None
            and scanning.session.dialog is not None
            and scanning.session.dialog.isVisible()
        ),
        timeout=60000,
    )
    assert scanning.session is not None
    dialog = scanning.session.dialog
    assert isinstance(dialog, ScanReviewDialog)
    assert not scanning.progress.isVisible()
    form = dialog.form
    assert form.singles["name"].text() == truth.name == "Niklas Brenninger"
    assert form.singles["organization"].text() == truth.organization
    assert form.lists["emails"][0].text() == truth.emails[0]
    assert dialog.unplaced.lines() == truth.unplaced  # the tax number is no phone
    assert dialog.position_label.text() == "Card 1 of 1"
    assert dialog.event_row.event_id() == event  # the event happening now
    dialog.save_button.click()
    qtbot.waitUntil(lambda: scanning.session is None)
    [person] = sqlite_services.search.page("Brenninger")
    [image] = sqlite_services.card_images.list_for(person.id)
    assert image.source == "002_de_front.jpg"
    assert [a.contact_id for a in sqlite_services.events.attendees(event)] == [person.id]
    assert window.statusBar().currentMessage() == (
        "Added Niklas Brenninger and put on “Fintech Summit”."
    )


def test_a_pasted_picture_goes_to_the_scanner(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions
) -> None:
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    QGuiApplication.clipboard().setImage(image)
    window.activateWindow()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # A plain white picture holds no card: said in the status bar and in a box that waits
    # for nobody.
    qtbot.waitUntil(
        lambda: "Pasted picture: no business card found" in window.statusBar().currentMessage(),
        timeout=30000,
    )
    assert scanning.session is None
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible() and not box.isModal()
    assert box.text() == "Pasted picture: no business card found on this picture"
    box.close()


def test_paste_without_a_picture_says_so(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions
) -> None:
    QGuiApplication.clipboard().setText("just words")
    scanning.act_paste.trigger()
    assert window.statusBar().currentMessage() == NO_PICTURE
    assert scanning._queue is None


def test_ctrl_v_in_a_text_field_still_pastes_text(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions
) -> None:
    QGuiApplication.clipboard().setText("Ana")
    edit = QLineEdit(window)
    edit.show()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    triggered: list[bool] = []
    scanning.act_paste.triggered.connect(lambda: triggered.append(True))
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "Ana"
    assert not triggered


def test_a_broken_photo_is_said_without_stopping_the_others(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, tmp_path: Path
) -> None:
    broken = tmp_path / "IMG_3.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    blank = _blank_picture(tmp_path / "IMG_4.png")
    scanning.scan_paths([broken, blank])
    qtbot.waitUntil(lambda: not scanning.queue.busy, timeout=30000)
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    lines = box.text().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("IMG_3.jpg: ")
    assert lines[1] == "IMG_4.png: no business card found on this picture"
    box.close()


def test_cancel_drops_the_photos_not_read_yet(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, tmp_path: Path
) -> None:
    blanks = [_blank_picture(tmp_path / f"IMG_{n}.png") for n in range(4)]
    outcomes: list[ScanOutcome] = []
    scanning.queue.finished_one.connect(outcomes.append)
    scanning.scan_paths(blanks)
    assert scanning.progress.isVisible() or scanning.queue.busy
    scanning.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not scanning.queue.busy, timeout=30000)
    assert len(outcomes) == 4
    assert sum(o.cancelled for o in outcomes) >= 3
    assert not scanning.progress.isVisible()
    assert scanning.session is None
    if sys.platform == "linux":
        # The reading thread gives way to the window on a busy machine; the window does not.
        window_nice = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        reading_nice = os.getpriority(os.PRIO_PROCESS, scanning.queue.thread_id)
        assert reading_nice == min(19, window_nice + NICENESS)


def test_the_progress_names_the_photo_being_read() -> None:
    assert reading_text(2, 5, "IMG_2041.HEIC") == "Reading card 2 of 5 — IMG_2041.HEIC"
    assert reading_text(1, 1, "Pasted picture") == "Reading the card — Pasted picture"
    assert ScanJob("x").purpose == "card"


def test_a_dropped_iphone_photo_goes_to_the_scanner_not_the_import(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, tmp_path: Path
) -> None:
    from PIL import Image
    from pillow_heif import register_heif_opener

    register_heif_opener()
    path = tmp_path / "IMG_0001.HEIC"
    Image.new("RGB", (640, 400), "white").save(path, format="HEIF")
    _drop(window, path)
    qtbot.waitUntil(
        lambda: "IMG_0001.HEIC: no business card found" in window.statusBar().currentMessage(),
        timeout=30000,
    )
    box = window.findChild(QMessageBox)
    assert box is not None
    box.close()


def test_the_guide_tells_how_to_scan_with_the_real_key(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    guide = window.help.show_guide()
    assert guide is not None
    text = guide.browser.toPlainText()
    key = scanning.act_scan.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert f"Scan business cards ({key})" in text
    # Its link runs the command (here: the scanner said to be missing, so no file dialog).
    monkeypatch.setenv("NETDESK_NO_SCANNER", "1")
    guide.browser.anchorClicked.emit(QUrl("netdesk:scan"))
    box = scanning.not_installed_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    box.close()
    guide.close()


def test_the_window_starts_without_loading_the_scanner() -> None:
    """OCR and OpenCV take a second or two to import: only the first scan loads them."""
    import subprocess

    heavy = ("rapidocr", "onnxruntime", "cv2", "numpy", "PIL", "netdesk.scan.reader")
    code = (
        "import sys, netdesk.app, netdesk.ui.main_window; "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == ""


def test_ctrl_shift_k_asks_for_photos_and_reads_them(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    blank = _blank_picture(tmp_path / "IMG_5.png")

    def pick(dialog: QFileDialog) -> None:
        assert dialog.windowTitle() == "Scan business cards"
        assert any("*.heic" in f for f in dialog.nameFilters())
        dialog.selectFile(str(blank))
        dialog.accept()

    files = ModalDriver(QFileDialog, pick)
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    files.check()
    qtbot.waitUntil(
        lambda: "IMG_5.png: no business card found" in window.statusBar().currentMessage(),
        timeout=30000,
    )
    box = window.findChild(QMessageBox)
    assert box is not None
    box.close()


def test_a_huge_pasted_picture_is_refused_at_once_without_freezing_the_window(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions
) -> None:
    # 72 megapixels: writing it out as PNG in the window's thread took seconds, then the reader
    # refused it all the same.
    image = QImage(9000, 8000, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    QGuiApplication.clipboard().setImage(image)
    del image
    scanning.act_paste.trigger()
    assert window.statusBar().currentMessage() == (
        "Pasted picture: the picture is 9,000 x 8,000 pixels (72 megapixels); "
        "netdesk reads pictures of up to 60 megapixels."
    )
    assert scanning._queue is None  # nothing was queued, so nothing was encoded
    assert scanning.session is None


def test_closing_the_window_while_a_photo_is_read_hides_it_at_once(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions
) -> None:
    """The close waits for the reading thread to stop (seconds on a busy machine): the window
    must be gone meanwhile, not frozen on screen. Seen from the reading thread itself, which
    reports the photo it was reading while the window's thread waits for it."""
    seen: list[bool] = []
    scanning.scan_paths([photo("001_en_table.jpg").path])
    scanning.queue.finished_one.connect(
        lambda _outcome: seen.append(window.isVisible()), Qt.ConnectionType.DirectConnection
    )
    qtbot.waitUntil(lambda: scanning.progress.isVisible(), timeout=5000)
    window.close()
    assert seen == [False]


def test_the_progress_numbers_each_photo_in_turn(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, tmp_path: Path
) -> None:
    # The reading thread starts on the next photo before the window has counted the one it
    # just finished: numbered there, the second of two photos said "Reading card 1 of 2".
    blanks = [_blank_picture(tmp_path / f"IMG_{n}.png") for n in (1, 2, 3)]
    said: list[tuple[str, int, int]] = []
    scanning.queue.started.connect(
        lambda job, number, total: said.append((job.name, number, total))
    )
    scanning.scan_paths(blanks)
    qtbot.waitUntil(lambda: not scanning.queue.busy, timeout=30000)
    assert said == [("IMG_1.png", 1, 3), ("IMG_2.png", 2, 3), ("IMG_3.png", 3, 3)]
    box = window.findChild(QMessageBox)
    if box is not None:
        box.close()


def test_cancel_says_the_scan_is_stopping_until_the_photo_being_read_stops(
    qtbot: QtBot, window: MainWindow, scanning: ScanActions, tmp_path: Path
) -> None:
    # The photo being read stops only at the reader's next step (seconds on a busy machine):
    # meanwhile the line went on saying "Reading card 1 of 5", with Cancel still offered.
    blanks = [_blank_picture(tmp_path / f"IMG_{n}.png") for n in range(5)]
    scanning.scan_paths(blanks)
    qtbot.waitUntil(lambda: scanning.progress.isVisible(), timeout=5000)
    scanning.progress.cancel_button.click()
    assert scanning.progress.label.text() == STOPPING
    assert not scanning.progress.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not scanning.queue.busy, timeout=30000)
    assert not scanning.progress.isVisible()
    # The next scan can be cancelled again.
    scanning.scan_paths(blanks[:2])
    qtbot.waitUntil(lambda: scanning.progress.isVisible(), timeout=5000)
    assert scanning.progress.cancel_button.isEnabled()
    assert scanning.progress.label.text().startswith("Reading card")
    scanning.cancel()
    qtbot.waitUntil(lambda: not scanning.queue.busy, timeout=30000)

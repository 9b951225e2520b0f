"""Import, export and duplicates as the main window offers them: menus, dropping files on the
window, exporting what is selected, merging and undoing with Ctrl+Z."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.importing.duplicates_dialog import DuplicatesDialog
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.importing.report_dialog import ImportReportDialog
from netdesk.ui.main_window import PEOPLE, MainWindow
from netdesk.ui.widgets.mime_types import CONTACT_IDS_MIME
from tests.formats.independent_vcard import parse_vcards
from tests.ui.main_window_helpers import ModalDriver, click, ctrl, open_window, settings_at

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n"
)


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


def _menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise AssertionError(f"no {title} menu")


def _texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_menus_offer_import_export_and_duplicates(window: MainWindow) -> None:
    file_items = _texts(_menu(window, "File"))
    assert "Import…" in file_items and "Export" in file_items
    export = window.findChild(QMenu, "export_menu")
    assert _texts(export) == [
        "People as vCard 3.0…",
        "People as vCard 4.0…",
        "People as CSV…",
        "Events as iCalendar…",
    ]
    assert _texts(_menu(window, "People")) == [
        "Find duplicates…",
        "My QR card…",
        "QR card for this person…",
        "Write email…",
        "Save email draft…",
        "Introduce…",
    ]
    assert window.exchange.act_import.shortcut().toString() == "Ctrl+I"


def _drop_events(data: QMimeData) -> tuple[QDragEnterEvent, QDropEvent]:
    where = QPointF(200, 200)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    drop = QDropEvent(
        where, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    return enter, drop


def test_dropping_a_vcard_file_on_the_window_imports_it(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "friends.vcf"
    path.write_text(CARDS, newline="")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter, drop = _drop_events(data)
    preview = ModalDriver(ImportPreviewDialog, lambda d: click(qtbot, d.ok_button))
    report = ModalDriver(ImportReportDialog, lambda d: d.close_button.click())
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: sqlite_services.contacts.count() == 2, timeout=5000)
    qtbot.waitUntil(lambda: report.ran, timeout=5000)
    preview.check()
    report.check()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "friends.vcf: 2 added")


def test_dropping_a_picture_of_a_qr_code_adds_its_contact(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, tmp_path: Path
) -> None:
    from netdesk.cards.qr import qr_code
    from netdesk.cards.qr_image import save_png

    path = tmp_path / "badge photo.png"
    save_png(qr_code("MECARD:N:Hopper,Grace;ORG:US Navy;EMAIL:grace@navy.example;;"), path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter, drop = _drop_events(data)
    seen: list[str] = []

    def preview_it(dialog: ImportPreviewDialog) -> None:
        seen.append(dialog.layout_label.text())
        click(qtbot, dialog.ok_button)

    preview = ModalDriver(ImportPreviewDialog, preview_it)
    report = ModalDriver(ImportReportDialog, lambda d: d.close_button.click())
    QApplication.sendEvent(window, enter)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: sqlite_services.contacts.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: report.ran, timeout=5000)
    preview.check()
    report.check()
    [row] = sqlite_services.search.page("Grace")
    assert (row.name, row.organization, row.email) == (
        "Grace Hopper",
        "US Navy",
        "grace@navy.example",
    )
    assert "QR code" in seen[0]


def test_people_dragged_out_of_netdesk_are_not_imported_again(
    window: MainWindow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "Ada.vcf"
    path.write_text(CARDS, newline="")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    data.setData(CONTACT_IDS_MIME, json.dumps([1]).encode())
    enter, _drop = _drop_events(data)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    assert sqlite_services.contacts.count() == 0


def test_export_saves_the_selected_people(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, tmp_path: Path
) -> None:
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
        sqlite_services.contacts.create(ContactInput(formatted_name=name))
    people = window.go_to(PEOPLE)
    qtbot.waitUntil(lambda: people.model.rowCount() == 3)
    people.table.selectRow(1)
    target = tmp_path / "chosen.vcf"

    def save_as(dialog: QFileDialog) -> None:
        dialog.selectFile(str(target))
        dialog.accept()

    chooser = ModalDriver(QFileDialog, save_as)
    window.exchange.act_export_vcard.trigger()
    chooser.check()
    cards = parse_vcards(target.read_bytes())
    assert [c.one("FN").text() for c in cards] == ["Ada Lovelace"]
    assert "Exported" in window.statusBar().currentMessage()


def test_find_duplicates_merges_and_ctrl_z_in_the_window_undoes_it(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    for name in ("Ada Lovelace", "Ada Lovelace"):
        sqlite_services.contacts.create(
            ContactInput(formatted_name=name, emails=["ada@example.org"])
        )
    dialog = window.exchange.find_duplicates()
    assert isinstance(dialog, DuplicatesDialog)
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.merge_button)
    assert sqlite_services.contacts.count() == 1
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert sqlite_services.contacts.count() == 2


def test_an_attendee_list_is_imported_from_the_event_page(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from netdesk.services.records import EventInput
    from netdesk.ui.main_window import EVENTS

    event_id = sqlite_services.events.create(
        EventInput(name="Demo Night", starts_at=datetime(2027, 3, 1, 18, tzinfo=UTC))
    )
    report_csv = (
        "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,"
        "Attendee #,Attendee Status,Job Title,Company\n"
        "1001,2027-02-01,Ada,Lovelace,ada@example.org,1,,Speaker,1,Checked In,CTO,Engines\n"
        "1002,2027-02-02,Alan,Turing,alan@example.org,1,,General,2,Attending,,Bletchley\n"
    )
    path = tmp_path / "eventbrite.csv"
    path.write_text(report_csv, encoding="utf-8")
    window.show_event(event_id)
    page = window.view(EVENTS).page
    qtbot.waitUntil(lambda: page.event_id() == event_id)
    chosen: list[str] = []

    def open_file(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    def check_event_then_import(dialog: ImportPreviewDialog) -> None:
        chosen.append(dialog.event_combo.currentText())
        click(qtbot, dialog.ok_button)

    files = ModalDriver(QFileDialog, open_file)
    preview = ModalDriver(ImportPreviewDialog, check_event_then_import)
    report = ModalDriver(ImportReportDialog, lambda d: d.close_button.click())
    click(qtbot, page.import_button)
    for driver in (files, preview, report):
        driver.check()
    assert chosen and chosen[0].startswith("Demo Night")
    attendees = {a.name: (a.role, a.status) for a in sqlite_services.events.attendees(event_id)}
    assert attendees == {
        "Ada Lovelace": ("speaker", "checked in"),
        "Alan Turing": ("attendee", "registered"),
    }
    # And out again, from the same page.
    target = tmp_path / "night.csv"

    def save_as(dialog: QFileDialog) -> None:
        dialog.selectFile(str(target))
        dialog.accept()

    saver = ModalDriver(QFileDialog, save_as)
    menu = page.export_button.menu()
    assert menu is not None
    as_csv = next(a for a in menu.actions() if "spreadsheet" in a.text())
    as_csv.trigger()
    saver.check()
    assert "Ada Lovelace" in target.read_text(encoding="utf-8-sig")


def test_file_import_offers_every_picture_a_drop_reads_for_qr_codes() -> None:
    from netdesk.ui.cards.add_actions import PICTURE_SUFFIXES
    from netdesk.ui.importing.actions import import_filter

    pictures = next(c for c in import_filter().split(";;") if c.startswith("Pictures"))
    assert pictures == "Pictures of QR codes (" + " ".join(f"*{s}" for s in PICTURE_SUFFIXES) + ")"
    assert "*.tiff" in pictures and "*.pgm" in pictures

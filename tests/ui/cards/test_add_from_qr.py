"""QR cards from the main window: People > My QR card and QR card, and adding a contact from a
picture of a QR code (a file or the clipboard) through the import preview and its duplicate
check, onto the current event."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolBar
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.cards.qr import qr_code
from netdesk.cards.qr_image import save_png, scaled_image
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.cards.actions import CardActions
from netdesk.ui.cards.me import ChooseMeDialog
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.importing.report_dialog import ImportReportDialog
from netdesk.ui.main_window import PEOPLE, MainWindow
from tests.ui.main_window_helpers import (
    ModalDriver,
    answer_message_box,
    click,
    open_window,
    settings_at,
)

GRACE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hopper;Grace;;;\r\nFN:Grace Hopper\r\n"
    "ORG:US Navy\r\nEMAIL:grace@example.org\r\nEND:VCARD\r\n"
)


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


@pytest.fixture
def cards(window: MainWindow) -> CardActions:
    return window.cards


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    raise AssertionError(f"no {title} menu")


def card_picture(path: Path, payload: str = GRACE_CARD) -> Path:
    save_png(qr_code(payload), path)
    return path


def _event_now(services: Services) -> int:
    now = clock.now()
    return services.events.create(
        EventInput(name="Demo Night", starts_at=now.replace(microsecond=0))
    )


def test_the_menus_and_toolbar_offer_cards(window: MainWindow, cards: CardActions) -> None:
    file_items = _menu_texts(window, "File")
    at = file_items.index("Import…")
    assert file_items[at + 1 : at + 3] == ["Add contact from QR image…", "Paste QR code"]
    people = _menu_texts(window, "People")
    assert "My QR card…" in people and "QR card for this person…" in people
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None
    assert cards.act_my_card in toolbar.actions()
    assert cards.act_my_card.shortcut().toString() == "Ctrl+Shift+M"
    assert all(act.isEnabled() for act in cards.data_actions)


def test_card_actions_wait_for_the_database(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(None, settings_at(tmp_path))
    qtbot.addWidget(window)
    cards = getattr(window, "cards", None) or CardActions(window, window.exchange)
    assert not any(act.isEnabled() for act in cards.data_actions)
    window.attach(sqlite_services)
    assert all(act.isEnabled() for act in cards.data_actions)


def test_my_qr_card_shortcut_opens_my_own_card(
    qtbot: QtBot, window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Someone Else"))
    me = sqlite_services.contacts.create(
        ContactInput(formatted_name="Alex Schröder", emails=["alex@example.org"], is_me=True)
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    card = cards.windows.get(me)
    assert card is not None
    qtbot.waitExposed(card)
    assert card.name_label.text() == "Alex Schröder"
    # Asking again brings the same window forward instead of opening a second one.
    assert cards.show_my_card() is card
    card.close()
    qtbot.waitUntil(lambda: me not in cards.windows)


def test_the_window_makes_my_card_ahead_so_the_first_open_finds_it_ready(
    qtbot: QtBot, window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    me = sqlite_services.contacts.create(
        ContactInput(
            formatted_name="Alex Schröder",
            organization="Acme",
            emails=["alex@example.org"],
            is_me=True,
        )
    )
    qr_code.cache_clear()
    cards.warm_up()
    assert qr_code.cache_info().currsize == 1
    card = cards.show_my_card()
    assert card is not None
    qtbot.waitExposed(card)
    assert card.card() is not None
    # The window asked for exactly the code made ahead: no second one was made.
    assert qr_code.cache_info().currsize == 1
    assert qr_code.cache_info().hits >= 1
    card.close()
    qtbot.waitUntil(lambda: me not in cards.windows)


def test_without_me_a_message_says_how_to_mark_a_contact(
    window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    seen: list[str] = []
    answer_message_box(seen, "Cancel")
    assert cards.show_my_card() is None
    assert seen and "This is me" in seen[0]
    assert sqlite_services.cards.me_id() is None


def test_without_me_the_user_can_choose_their_contact(
    qtbot: QtBot, window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    ada = sqlite_services.contacts.create(
        ContactInput(formatted_name="Ada Lovelace", phones=["+44 20 7946 0958"])
    )
    seen: list[str] = []

    def choose(dialog: ChooseMeDialog) -> None:
        qtbot.keyClicks(dialog.picker, "Ada Lovelace")
        click(qtbot, dialog.ok_button)

    answer_message_box(seen, "Choose my contact…")
    chooser = ModalDriver(ChooseMeDialog, choose)
    card = cards.show_my_card()
    chooser.check()
    assert sqlite_services.cards.me_id() == ada
    assert card is not None and card.contact_id == ada
    assert sqlite_services.contacts.get(ada).phones[0].value == "+44 20 7946 0958"
    card.close()


def test_qr_card_for_the_selected_person(
    qtbot: QtBot, window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    ids = {
        name: sqlite_services.contacts.create(ContactInput(formatted_name=name))
        for name in ("Ada Lovelace", "Grace Hopper")
    }
    assert cards.show_selected_card() is None
    assert "Select a person" in window.statusBar().currentMessage()
    people = window.go_to(PEOPLE)
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    people.table.selectRow(people.model.row_of(ids["Grace Hopper"]))
    cards.act_contact_card.trigger()
    [card] = cards.windows.values()
    assert card.contact_id == ids["Grace Hopper"]
    assert card.name_label.text() == "Grace Hopper"
    card.close()


def test_the_detail_pane_opens_the_persons_card(
    qtbot: QtBot, window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    grace = sqlite_services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    people = window.go_to(PEOPLE)
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)
    people.table.selectRow(0)
    qtbot.waitUntil(lambda: people.detail.qr_button.isVisible())
    click(qtbot, people.detail.qr_button)
    [card] = cards.windows.values()
    assert card.contact_id == grace
    card.close()


def _import_drivers(
    qtbot: QtBot, seen: dict[str, object]
) -> tuple[ModalDriver[ImportPreviewDialog], ModalDriver[ImportReportDialog]]:
    def preview(dialog: ImportPreviewDialog) -> None:
        seen["event"] = dialog.event_combo.currentText()
        seen["layout"] = dialog.layout_label.text()
        seen["duplicates"] = dialog.plan.duplicate_count
        seen["summary"] = dialog.summary_label.text()
        click(qtbot, dialog.ok_button)

    return (
        ModalDriver(ImportPreviewDialog, preview),
        ModalDriver(ImportReportDialog, lambda d: d.close_button.click()),
    )


def test_a_picture_of_a_card_adds_the_contact_to_the_current_event(
    qtbot: QtBot,
    window: MainWindow,
    cards: CardActions,
    sqlite_services: Services,
    tmp_path: Path,
) -> None:
    event_id = _event_now(sqlite_services)
    picture = card_picture(tmp_path / "badge.png")
    seen: dict[str, object] = {}

    def open_file(dialog: QFileDialog) -> None:
        dialog.selectFile(str(picture))
        dialog.accept()

    files = ModalDriver(QFileDialog, open_file)
    preview, report = _import_drivers(qtbot, seen)
    cards.act_add_from_image.trigger()
    for driver in (files, preview, report):
        driver.check()
    assert seen["layout"] == "QR code"
    assert str(seen["event"]).startswith("Demo Night")
    assert seen["duplicates"] == 0
    grace = sqlite_services.contacts.find_by_name("Grace Hopper")
    assert grace is not None
    assert sqlite_services.contacts.get(grace).emails == ("grace@example.org",)
    assert [a.name for a in sqlite_services.events.attendees(event_id)] == ["Grace Hopper"]
    assert "badge.png" in window.statusBar().currentMessage()


def test_a_known_person_is_found_as_a_duplicate(
    qtbot: QtBot,
    window: MainWindow,
    cards: CardActions,
    sqlite_services: Services,
    tmp_path: Path,
) -> None:
    sqlite_services.contacts.create(
        ContactInput(formatted_name="Grace Hopper", emails=["GRACE@example.org"])
    )
    seen: dict[str, object] = {}
    preview, report = _import_drivers(qtbot, seen)
    cards.adder.add_from_path(card_picture(tmp_path / "card.png"))
    preview.check()
    report.check()
    assert seen["duplicates"] == 1
    assert "1 duplicate" in str(seen["summary"])
    assert sqlite_services.contacts.count() == 1
    [grace] = [sqlite_services.contacts.find_by_name("Grace Hopper")]
    assert grace is not None
    assert sqlite_services.contacts.get(grace).organization == "US Navy"  # merged in


def test_a_pasted_picture_adds_the_contact(
    qtbot: QtBot, window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    QApplication.clipboard().setImage(scaled_image(qr_code(GRACE_CARD), 6))
    seen: dict[str, object] = {}
    preview, report = _import_drivers(qtbot, seen)
    cards.act_paste_qr.trigger()
    preview.check()
    report.check()
    assert sqlite_services.contacts.find_by_name("Grace Hopper") is not None


def test_a_copied_picture_file_can_be_pasted(
    qtbot: QtBot,
    window: MainWindow,
    cards: CardActions,
    sqlite_services: Services,
    tmp_path: Path,
) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(card_picture(tmp_path / "copied.png")))])
    QApplication.clipboard().setMimeData(data)
    seen: dict[str, object] = {}
    preview, report = _import_drivers(qtbot, seen)
    cards.act_paste_qr.trigger()
    preview.check()
    report.check()
    assert sqlite_services.contacts.find_by_name("Grace Hopper") is not None


@pytest.mark.parametrize(
    ("make", "said"),
    [
        ("blank", "no QR code found"),
        ("url", "web address"),
        ("garbage", "not a picture"),
    ],
)
def test_pictures_without_a_contact_are_explained(
    window: MainWindow,
    cards: CardActions,
    sqlite_services: Services,
    tmp_path: Path,
    make: str,
    said: str,
) -> None:
    path = tmp_path / "picture.png"
    if make == "blank":
        image = QImage(300, 300, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        assert image.save(str(path))
    elif make == "url":
        card_picture(path, "https://example.org/<b>me</b>")
    else:
        path.write_bytes(b"Traceback? no: this is not a PNG")
    seen: list[str] = []
    answer_message_box(seen)
    assert cards.adder.add_from_path(path) is None
    assert len(seen) == 1 and said in seen[0]
    assert "Traceback (most recent call last)" not in seen[0]
    assert sqlite_services.contacts.count() == 0


def test_pasting_without_a_picture_says_what_to_copy(
    window: MainWindow, cards: CardActions, sqlite_services: Services
) -> None:
    QApplication.clipboard().setText("just some text")
    seen: list[str] = []
    answer_message_box(seen)
    cards.act_paste_qr.trigger()
    assert seen and "no picture" in seen[0]
    assert sqlite_services.contacts.count() == 0

"""The QR card window as a user meets it: the code it shows is read back with zxing-cpp (the
decoder phones use), and every way of handing it on gives a code that reads back too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRectF, QSettings, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from netdesk.cards.payload import PayloadFormat
from netdesk.cards.qr_read import contacts_from_text, decode_texts
from netdesk.cards.share import CARD_DEFAULT_FIELDS
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.cards.code import MIN_SCREEN_CM, screen_pixels
from netdesk.ui.cards.printing import PRINT_MM, paint_card_page
from netdesk.ui.cards.saving import file_stem
from netdesk.ui.cards.window import QrCardWindow
from netdesk.ui.change_bridge import ChangeBridge
from tests.ui.main_window_helpers import ModalDriver, settings_at

ADA = ContactInput(
    formatted_name="Ada Lovelace",
    given_name="Ada",
    family_name="Lovelace",
    organization="Analytical Engines",
    title="Chief <b>Programmer</b>",
    emails=["ada@example.org"],
    phones=["+44 20 7946 0958"],
    urls=["https://ada.example.org"],
)


@pytest.fixture
def ada(sqlite_services: Services) -> int:
    return sqlite_services.contacts.create(ADA)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return settings_at(tmp_path)


@pytest.fixture
def open_card(qtbot: QtBot) -> Iterator[Callable[..., QrCardWindow]]:
    """Opens card windows and closes, at the end, those the test left open (a card window
    deletes itself when closed, so qtbot.addWidget cannot be used for it)."""
    opened: list[QrCardWindow] = []

    def opener(services: Services, contact_id: int, settings: QSettings, **kw: Any) -> QrCardWindow:
        window = QrCardWindow(services, contact_id, settings, **kw)
        opened.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield opener
    for window in opened:
        if shiboken6.isValid(window):
            window.close()


def tick(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a check box or radio button on its box, where a user clicks."""
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def shown_texts(window: QrCardWindow) -> list[str]:
    """What a phone reads off the code as the window shows it now."""
    return decode_texts(window.code_view.grab().toImage())


def test_the_window_shows_the_contacts_card_large_and_readable(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    expected = sqlite_services.cards.card(ada, CARD_DEFAULT_FIELDS).payload
    assert shown_texts(window) == [expected]
    [read] = contacts_from_text(expected, "shown")
    assert read.formatted_name == "Ada Lovelace"
    assert [e.value for e in read.emails] == ["ada@example.org"]
    assert window.name_label.text() == "Ada Lovelace"
    assert window.name_label.textFormat() == Qt.TextFormat.PlainText
    assert "Ada Lovelace" in window.windowTitle()
    # Big enough to scan across a table, and it grows with the window.
    # (whole pixels per module: the code may be a module's width short of its space)
    side = window.code_view.shown_rect().width()
    assert side >= screen_pixels(window, MIN_SCREEN_CM) * 0.95
    window.resize(window.width() + 300, window.height() + 300)
    qtbot.waitUntil(lambda: window.code_view.shown_rect().width() > side + 100)
    assert shown_texts(window) == [expected]
    assert not window.warning_label.isVisible()


def test_unticking_a_field_takes_it_out_of_the_code_and_is_remembered(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    assert "EMAIL" in shown_texts(window)[0]
    tick(qtbot, window.field_boxes["email"])
    tick(qtbot, window.field_boxes["phone"])
    [text] = shown_texts(window)
    [read] = contacts_from_text(text, "shown")
    assert read.emails == [] and read.phones == []
    assert read.organization == "Analytical Engines"
    assert read.title == "Chief <b>Programmer</b>"
    window.close()
    again = open_card(sqlite_services, ada, settings)
    assert not again.field_boxes["email"].isChecked()
    assert again.field_boxes["organization"].isChecked()
    assert "EMAIL" not in shown_texts(again)[0]


def test_fields_the_contact_lacks_cannot_be_ticked_and_the_name_always_goes(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    settings: QSettings,
) -> None:
    bare = sqlite_services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    window = open_card(sqlite_services, bare, settings)
    for field in ("organization", "title", "email", "phone", "url", "address"):
        box = window.field_boxes[field]
        assert not box.isEnabled() and not box.isChecked(), field
    name = window.field_boxes["name"]
    assert name.isChecked() and not name.isEnabled()
    [read] = contacts_from_text(shown_texts(window)[0], "shown")
    assert read.formatted_name == "Grace Hopper"


def test_the_missing_field_hints_show_the_name_as_plain_text_and_follow_edits(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    settings: QSettings,
) -> None:
    contact_id = sqlite_services.contacts.create(ContactInput(formatted_name="<b>Bo</b> & Co"))
    bridge = ChangeBridge(sqlite_services.db)
    window = open_card(sqlite_services, contact_id, settings, bridge=bridge)
    tip = window.field_boxes["email"].toolTip()
    assert tip == "&lt;b&gt;Bo&lt;/b&gt; &amp; Co has no email"
    data = sqlite_services.contacts.get(contact_id).as_input()
    data.emails = ["bo@example.org"]
    sqlite_services.contacts.update(contact_id, data)
    qtbot.waitUntil(lambda: window.field_boxes["email"].isEnabled())
    assert window.field_boxes["email"].toolTip() == ""
    bridge.detach()


def test_mecard_is_offered_and_remembered(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    assert window.format_buttons[PayloadFormat.VCARD].isChecked()
    tick(qtbot, window.format_buttons[PayloadFormat.MECARD])
    [text] = shown_texts(window)
    assert text.startswith("MECARD:N:Lovelace,Ada;")
    assert "EMAIL:ada@example.org" in text
    assert window.payload() == text
    window.close()
    again = open_card(sqlite_services, ada, settings)
    assert again.format_buttons[PayloadFormat.MECARD].isChecked()
    assert shown_texts(again)[0].startswith("MECARD:")


def test_a_dense_code_shows_the_warning(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    settings: QSettings,
) -> None:
    wordy = sqlite_services.contacts.create(
        ContactInput(
            formatted_name="Bartholomew " + "Featherstonehaugh-" * 6 + "Smith",
            organization="The " + "Extraordinarily Long Named Institute " * 5,
            title="Senior " + "Principal Distinguished Staff " * 6 + "Engineer",
            emails=["bartholomew.featherstonehaugh@" + "very-long-subdomain." * 4 + "example"],
            urls=["https://example.org/" + "people/" * 20],
        )
    )
    window = open_card(sqlite_services, wordy, settings)
    assert window.warning_label.isVisible()
    assert "hard to scan" in window.warning_label.text()
    assert window.warning_label.textFormat() == Qt.TextFormat.PlainText
    # Sharing less makes the warning go.
    for field in ("organization", "title", "email", "url"):
        tick(qtbot, window.field_boxes[field])
    assert not window.warning_label.isVisible()


def test_save_png_and_svg_write_codes_that_read_back(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    messages: list[str] = []
    window.message.connect(messages.append)
    png = window.save_png_to(tmp_path / "ada.png")
    assert png is not None
    assert decode_texts(QImage(str(png))) == [window.payload()]
    svg = window.save_svg_to(tmp_path / "ada.svg")
    assert svg is not None
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid()
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 600, 600))
    painter.end()
    assert decode_texts(image) == [window.payload()]
    assert messages == ["Saved the QR code as ada.png.", "Saved the QR code as ada.svg."]


def test_save_png_asks_where_through_the_file_dialog(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    suggested: list[str] = []
    target = tmp_path / "out" / "card"  # no suffix: ".png" is added
    target.parent.mkdir()

    def save_as(dialog: QFileDialog) -> None:
        suggested.extend(dialog.selectedFiles())
        dialog.selectFile(str(target))
        dialog.accept()

    chooser = ModalDriver(QFileDialog, save_as)
    qtbot.mouseClick(window.save_png_button, Qt.MouseButton.LeftButton)
    chooser.check()
    assert suggested and suggested[0].endswith("Ada Lovelace QR card.png")
    saved = target.with_name("card.png")
    assert decode_texts(QImage(str(saved))) == [window.payload()]
    assert settings.value("qr_card/folder") == str(target.parent)


def test_file_names_leave_out_what_file_systems_refuse() -> None:
    assert file_stem('A/B: "C"?') == "A-B- -C- QR card"  # the rule every export follows
    assert file_stem("..") == "QR card"


def test_copy_image_puts_a_readable_code_on_the_clipboard(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    QApplication.clipboard().clear()
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    image = QApplication.clipboard().image()
    assert not image.isNull()
    assert decode_texts(image) == [window.payload()]


def test_full_screen_shows_the_code_black_on_white_and_esc_leaves(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    qtbot.mouseClick(window.full_screen_button, Qt.MouseButton.LeftButton)
    full = window.full_screen
    assert full is not None
    qtbot.waitExposed(full)
    assert full.isFullScreen()
    assert full.size() == full.screen().size()
    grab = full.grab().toImage()
    assert decode_texts(grab) == [window.payload()]
    # High contrast: pure white around the code, the code filling most of the height.
    assert grab.pixelColor(2, 2).name() == "#ffffff"
    assert full.code_rect().height() >= full.height() * 0.6
    qtbot.keyClick(full, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.full_screen is None)
    assert window.isVisible()


def test_a_click_also_leaves_full_screen(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    full = window.show_full_screen()
    assert full is not None
    qtbot.waitExposed(full)
    qtbot.mouseClick(full, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.full_screen is None)


def test_the_printed_card_is_six_centimetres_and_reads_back(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    window = open_card(sqlite_services, ada, settings)
    card = window.card()
    assert card is not None
    dpi = 150
    page = QImage(round(148 / 25.4 * dpi), round(210 / 25.4 * dpi), QImage.Format.Format_RGB32)
    page.fill(0xFFFFFF)
    painter = QPainter(page)
    where = paint_card_page(painter, QRectF(page.rect()), dpi, card.code, window.name)
    painter.end()
    assert abs(where.width() / dpi * 25.4 - PRINT_MM) < 0.5
    assert decode_texts(page) == [window.payload()]
    # And through a real QPrinter, as Print… does after its dialog.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "card.pdf"
    printer.setOutputFileName(str(pdf))
    assert window.print_to(printer)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_print_opens_the_print_dialog(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    window = open_card(sqlite_services, ada, settings)
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    dialogs = window.findChildren(QPrintDialog)
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    dialogs[0].reject()


def test_an_edit_elsewhere_shows_in_the_open_card(
    qtbot: QtBot,
    open_card: Callable[..., QrCardWindow],
    sqlite_services: Services,
    ada: int,
    settings: QSettings,
) -> None:
    bridge = ChangeBridge(sqlite_services.db)
    window = open_card(sqlite_services, ada, settings, bridge=bridge)
    data = sqlite_services.contacts.get(ada).as_input()
    data.formatted_name = "Augusta Ada King"
    data.emails = []
    sqlite_services.contacts.update(ada, data)
    qtbot.waitUntil(lambda: window.name_label.text() == "Augusta Ada King")
    assert not window.field_boxes["email"].isEnabled()
    [read] = contacts_from_text(shown_texts(window)[0], "shown")
    assert read.formatted_name == "Augusta Ada King" and read.emails == []
    bridge.detach()

"""One person's QR card: a code large enough to scan across a table, the fields it shares, its
payload format, and ways to hand it on (clipboard, PNG, SVG, printer, full screen).

Opening it must feel instant (under 100 ms): the window reads the contact once and makes the
code only when it is first painted; printing support loads when Print is clicked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QImage, QKeySequence, QShowEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from netdesk.cards.payload import PayloadFormat, display_name
from netdesk.cards.qr import PayloadTooLong, QrCode
from netdesk.cards.share import fields_text
from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.ui.cards.choices import SETTINGS_GROUP, available_fields, saved_fields, saved_format
from netdesk.ui.cards.code import QrCodeView
from netdesk.ui.cards.face import card_face, name_label
from netdesk.ui.cards.saving import ask_save_path, print_dialog, write_code
from netdesk.ui.cards.share_panel import (
    field_boxes,
    format_buttons,
    heading,
    refresh_field_boxes,
    share_layout,
)
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label, show_error, window_title

if TYPE_CHECKING:
    from netdesk.services.cards import QrCard
    from netdesk.services.service_set import Services
    from netdesk.ui.cards.fullscreen import QrFullScreen
    from netdesk.ui.change_bridge import ChangeBridge

COPY_PIXELS_PER_MODULE = 10


class QrCardWindow(QWidget):
    """A window of its own (not modal): the user may keep it open beside the main window.

    `message` says what a button did ("Copied the QR code…") for the main window's status bar.
    """

    message = Signal(str)

    def __init__(
        self,
        services: Services,
        contact_id: int,
        settings: QSettings,
        parent: QWidget | None = None,
        bridge: ChangeBridge | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("qr_card_window")
        self._services = services
        self._settings = settings
        self.contact_id = contact_id
        self._card: QrCard | None = None
        self._dirty = True
        self._problem = ""
        self.full_screen: QrFullScreen | None = None
        self._printer: object = None
        record = services.cards.record(contact_id)  # NotFoundError goes to the caller
        self.name = display_name(record)
        self._available = available_fields(record)

        self.code_view = QrCodeView(self._code)
        self.name_label = name_label(self.name, self.font())
        self.warning_label = plain_label(wrap=True)
        self.warning_label.setObjectName("qr_card_warning")
        theme.follow(self.warning_label, theme.notice_sheet)
        self.warning_label.hide()
        card = card_face(self.code_view, self.name_label)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(card, 1)
        left.addWidget(self.warning_label)

        # -- what to share, in which format -------------------------------------------------
        self.field_boxes = field_boxes(
            self.name, self._available, self._saved_fields(), self._choice_changed
        )
        self.format_group = QButtonGroup(self)
        self.format_buttons = format_buttons(
            self.format_group, self._saved_format(), self._format_toggled
        )
        share = share_layout(self.field_boxes, self.format_buttons)

        # -- handing it on -------------------------------------------------------------------
        self.copy_button = QPushButton("Copy image")
        self.copy_button.setToolTip("Copy the code as a picture (Ctrl+C)")
        self.copy_button.setShortcut(QKeySequence.StandardKey.Copy)
        self.save_png_button = QPushButton("Save PNG…")
        self.save_png_button.setToolTip("Save the code as a PNG picture")
        self.save_svg_button = QPushButton("Save SVG…")
        self.save_svg_button.setToolTip("Save the code as an SVG drawing, sharp at any size")
        self.print_button = QPushButton("Print…")
        self.print_button.setToolTip("Print the code 6 cm wide with the name under it (Ctrl+P)")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.full_screen_button = QPushButton("Full screen")
        self.full_screen_button.setToolTip(
            "Black on white over the whole screen, for scanning across a room (F11)"
        )
        self.full_screen_button.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.full_screen_button.setDefault(True)
        self.full_screen_button.setMinimumHeight(34)
        self.close_button = QPushButton("Close")
        self.close_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.copy_button.clicked.connect(self.copy_image)
        self.save_png_button.clicked.connect(self.save_png)
        self.save_svg_button.clicked.connect(self.save_svg)
        self.print_button.clicked.connect(self.print_card)
        self.full_screen_button.clicked.connect(self.show_full_screen)
        self.close_button.clicked.connect(self.close)
        self._output_buttons = (
            self.copy_button,
            self.save_png_button,
            self.save_svg_button,
            self.print_button,
            self.full_screen_button,
        )

        side = QVBoxLayout()
        side.setSpacing(6)
        side.addLayout(share)
        side.addSpacing(10)
        side.addWidget(heading("Hand it on"))
        for button in (
            self.copy_button,
            self.save_png_button,
            self.save_svg_button,
            self.print_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.full_screen_button)
        side.addWidget(self.close_button)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(max(210, side_widget.sizeHint().width()))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(18)
        layout.addLayout(left, 1)
        layout.addWidget(side_widget)

        self.setWindowTitle(window_title(f"QR card: {self.name}"))
        geometry = settings.value(f"{SETTINGS_GROUP}/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(self.minimumSizeHint().width() + 160, self.minimumSizeHint().height() + 60)
        if bridge is not None:
            bridge.changed.connect(self._data_changed)

    # -- choices --------------------------------------------------------------------------------

    def _saved_fields(self) -> tuple[str, ...]:
        return saved_fields(self._settings)

    def _saved_format(self) -> PayloadFormat:
        return saved_format(self._settings)

    def fields(self) -> tuple[str, ...]:
        return tuple(f for f, box in self.field_boxes.items() if box.isChecked())

    def payload_format(self) -> PayloadFormat:
        for fmt, radio in self.format_buttons.items():
            if radio.isChecked():
                return fmt
        return PayloadFormat.VCARD

    def _format_toggled(self, checked: bool) -> None:
        if checked:  # the radio button turned off says nothing new
            self._choice_changed()

    def _choice_changed(self) -> None:
        self._remember_choice()
        self._dirty = True
        self._show_card()

    def _remember_choice(self) -> None:
        # Fields this contact lacks keep their remembered state for the next contact.
        before = set(self._saved_fields())
        kept = before - self._available
        self._settings.setValue(f"{SETTINGS_GROUP}/fields", fields_text(kept | set(self.fields())))
        self._settings.setValue(f"{SETTINGS_GROUP}/format", self.payload_format().value)

    # -- the card -------------------------------------------------------------------------------

    def card(self) -> QrCard | None:
        """The card for the choices now, made on first use; None when it cannot be made (the
        warning label says why)."""
        if self._dirty:
            self._dirty = False
            self._card = None
            self._problem = ""
            try:
                self._card = self._services.cards.card(
                    self.contact_id, self.fields(), self.payload_format()
                )
            except PayloadTooLong as exc:
                self._problem = str(exc)
            except ServiceError as exc:
                self._problem = f"Cannot make the card: {exc}"
        return self._card

    def payload(self) -> str:
        card = self.card()
        return card.payload if card is not None else ""

    def _code(self) -> QrCode | None:
        card = self.card()
        return card.code if card is not None else None

    def warning(self) -> str:
        """What the density check (or the payload's size) says, "" when all is well."""
        card = self.card()
        return self._problem if card is None else card.warning

    def _show_card(self) -> None:
        text = self.warning()
        self.warning_label.setText(text)
        self.warning_label.setVisible(bool(text))
        ready = self.card() is not None
        for button in self._output_buttons:
            button.setEnabled(ready)
        self.code_view.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_card()

    def _data_changed(self, kinds: frozenset[str]) -> None:
        """The contact was edited (or deleted) elsewhere: show what is stored now."""
        if "contacts" not in kinds:
            return
        try:
            record = self._services.cards.record(self.contact_id)
        except NotFoundError:
            self.close()
            return
        self.name = display_name(record)
        self._available = available_fields(record)
        self.name_label.setText(self.name)
        self.setWindowTitle(window_title(f"QR card: {self.name}"))
        chosen = set(self._saved_fields())
        refresh_field_boxes(self.field_boxes, self.name, self._available, chosen)
        self._dirty = True
        if self.isVisible():
            self._show_card()

    # -- handing it on --------------------------------------------------------------------------

    def image(self, pixels_per_module: int = COPY_PIXELS_PER_MODULE) -> QImage:
        from netdesk.cards.qr_image import scaled_image

        code = self._code()
        return scaled_image(code, pixels_per_module) if code is not None else QImage()

    def copy_image(self) -> None:
        if self._code() is None:
            return
        QGuiApplication.clipboard().setImage(self.image())
        self.message.emit("Copied the QR code. Paste it into a message or a document.")

    def ask_save_path(self, suffix: str) -> Path | None:
        """Asks where to save; None when the user cancelled. A method of its own so that tests
        can drive the file dialog apart from the saving."""
        return ask_save_path(self, self._settings, self.name, suffix)

    def save_png(self) -> Path | None:
        path = self.ask_save_path(".png")
        return self.save_png_to(path) if path is not None else None

    def save_svg(self) -> Path | None:
        path = self.ask_save_path(".svg")
        return self.save_svg_to(path) if path is not None else None

    def save_png_to(self, path: Path) -> Path | None:
        from netdesk.cards.qr_image import save_png

        return self._save(path, save_png)

    def save_svg_to(self, path: Path) -> Path | None:
        from netdesk.cards.qr_image import save_svg

        return self._save(path, save_svg)

    def _save(self, path: Path, writer: object) -> Path | None:
        code = self._code()
        if code is None:
            return None
        if not write_code(self, code, path, writer):
            return None
        self.message.emit(f"Saved the QR code as {path.name}.")
        return path

    def print_dialog(self) -> QWidget:
        """The print dialog, not yet opened; accepting it prints."""
        # The window keeps the printer: the dialog only points at it.
        dialog, self._printer = print_dialog(self, self.name, lambda device: self.print_to(device))
        return dialog

    def print_card(self) -> QWidget:
        dialog = self.print_dialog()
        dialog.show()
        return dialog

    def print_to(self, device: object) -> bool:
        from PySide6.QtGui import QPagedPaintDevice

        from netdesk.ui.cards.printing import print_card

        code = self._code()
        if code is None or not isinstance(device, QPagedPaintDevice):
            return False
        if not print_card(device, code, self.name):
            show_error(self, "Could not print", "The printer could not be opened.")
            return False
        self.message.emit("Sent the QR card to the printer.")
        return True

    def show_full_screen(self) -> QrFullScreen | None:
        from netdesk.ui.cards.fullscreen import QrFullScreen

        code = self._code()
        if code is None:
            return None
        self.full_screen = QrFullScreen(code, self.name, self)
        self.full_screen.destroyed.connect(self._full_screen_gone)
        # On the card window's screen, at its full size from the first frame.
        self.full_screen.setGeometry(self.screen().geometry())
        self.full_screen.showFullScreen()
        self.full_screen.activateWindow()
        self.full_screen.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.full_screen

    def _full_screen_gone(self) -> None:
        self.full_screen = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(f"{SETTINGS_GROUP}/geometry", self.saveGeometry())
        if self.full_screen is not None:
            self.full_screen.close()
        super().closeEvent(event)

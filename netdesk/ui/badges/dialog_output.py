"""What the badge dialog makes of its choices: a PDF, a print, a print preview or the alignment
page, marking the badges printed afterwards, and the row of buttons that makes them. The choices
themselves live in dialog.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QPushButton

from netdesk.cards import badge_sheet
from netdesk.cards.badge import Badge
from netdesk.cards.templates import LabelTemplate
from netdesk.services.errors import ServiceError
from netdesk.services.records import EventDetail
from netdesk.services.service_set import Services
from netdesk.ui.badges.output import (
    JobCancelled,
    ask_pdf_path,
    ask_printer,
    badges_pdf,
    preview_dialog,
    print_badges,
)
from netdesk.ui.badges.printer_group import PrinterGroup
from netdesk.ui.exporting.actions import export_failure_text
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.plain_text import ElidedLabel, show_error


class BadgeOutputDialog(QDialog):
    """The outputs of a dialog that has chosen its badges, template and sheet options."""

    message = Signal(str)  # what was done, for the main window's status bar

    _services: Services
    _event: EventDetail
    _badges: list[Badge]
    mark_check: QCheckBox
    status_label: ElidedLabel
    printer_group: PrinterGroup

    # The choices, as the dialog holds them.
    def badges(self) -> list[Badge]:
        raise NotImplementedError

    def template(self) -> LabelTemplate:
        raise NotImplementedError

    def sheet_options(self) -> badge_sheet.SheetOptions:
        raise NotImplementedError

    def printer_name(self) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def _output_bar(self) -> QHBoxLayout:
        """Mark these badges as printed, what was done last, and the output buttons."""
        self.mark_check = QCheckBox("&Mark these badges as printed")
        self.mark_check.setToolTip(
            "After printing or exporting, Not yet printed leaves these people out next time"
        )
        self.mark_check.setChecked(True)
        self.status_label = ElidedLabel()
        theme.colour(self.status_label, theme.success)
        self.preview_button = QPushButton("Print pre&view…")
        self.preview_button.clicked.connect(self.print_preview)
        self.pdf_button = QPushButton("&Export PDF…")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.print_button = QPushButton("&Print…")
        self.print_button.clicked.connect(self.print_badges)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.mark_check)
        bottom.addSpacing(12)
        bottom.addWidget(self.status_label, 1)
        for button in (self.preview_button, self.pdf_button, self.print_button, self.close_button):
            # Enter in a number field must never start a print run.
            button.setAutoDefault(False)
            bottom.addWidget(button)
        return bottom

    # -- output ----------------------------------------------------------------------------

    def _done(self, text: str) -> None:
        """Say what was made, and mark those badges printed when the box is ticked."""
        if self.mark_check.isChecked():
            ids = [b.attendance_id for b in self._badges if b.attendance_id]
            try:
                marked = self._services.cards.mark_printed(ids)
            except ServiceError as exc:
                show_error(self, "Cannot mark the badges as printed", str(exc))
            else:
                text += f" Marked {plural(marked, 'badge')} as printed."
                self.reload()
        self.status_label.set_full_text(text)
        self.message.emit(text)

    def export_pdf(self) -> bool:
        path = ask_pdf_path(self, "Export badges as PDF", f"{self._event.name} badges", "badges")
        return path is not None and self.export_pdf_to(path)

    def export_pdf_to(self, path: Path) -> bool:
        badges = self.badges()
        if not badges:
            return False
        try:
            pages = badges_pdf(self, path, self.template(), badges, self.sheet_options())
        except JobCancelled:
            self.status_label.set_full_text("Export cancelled: no file was written.")
            return False
        except OSError as exc:
            show_error(self, "Cannot export the badges", export_failure_text(path, exc))
            return False
        self._done(
            f"Saved {plural(len(badges), 'badge')} on {plural(pages, 'page')} to {path.name}."
        )
        return True

    def print_to(self, printer: QPrinter) -> int:
        """Paint every badge on this printer (or a QPrinter set to PDF output); pages printed."""
        badges = self.badges()
        try:
            pages = print_badges(self, printer, self.template(), badges, self.sheet_options())
        except OSError as exc:
            show_error(self, "Cannot print the badges", str(exc))
            return 0
        self._done(
            f"Sent {plural(len(badges), 'badge')} on {plural(pages, 'page')} to the printer."
        )
        return pages

    def print_badges(self) -> bool:
        printer = ask_printer(self, self.printer_name(), "Print badges")
        if printer is None:
            return False
        self.printer_group.use_printer(printer.printerName())
        self.print_to(printer)
        return True

    def print_preview_dialog(self) -> QPrintPreviewDialog:
        """Qt's print preview over the chosen printer; printing from it marks the badges."""
        return preview_dialog(
            self,
            self.printer_name(),
            lambda p: badge_sheet.paint_sheets(
                p, self.template(), self.badges(), self.sheet_options()
            ),
        )

    def print_preview(self) -> bool:
        dialog = self.print_preview_dialog()
        printed = dialog.exec() == QDialog.DialogCode.Accepted
        if printed:
            self._done(f"Printed {plural(len(self._badges), 'badge')}.")
        dialog.deleteLater()
        return printed

    def save_alignment(self) -> bool:
        name = f"{self.template().id} alignment"
        path = ask_pdf_path(self, "Save the alignment page", name, "alignment")
        return path is not None and self.save_alignment_to(path)

    def save_alignment_to(self, path: Path) -> bool:
        try:
            with busy_cursor():
                badge_sheet.alignment_pdf(path, self.template(), self.sheet_options())
        except OSError as exc:
            show_error(self, "Cannot save the alignment page", export_failure_text(path, exc))
            return False
        self.status_label.set_full_text(f"Saved the alignment page to {path.name}.")
        return True

    def print_alignment(self) -> bool:
        printer = ask_printer(self, self.printer_name(), "Print the alignment page")
        if printer is None:
            return False
        self.printer_group.use_printer(printer.printerName())
        try:
            with busy_cursor():
                badge_sheet.paint_alignment_page(printer, self.template(), self.sheet_options())
        except OSError as exc:
            show_error(self, "Cannot print the alignment page", str(exc))
            return False
        self.status_label.set_full_text("Sent the alignment page to the printer.")
        return True

"""How badges leave the app: a PDF file or a printer, long runs under a progress dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget
from shiboken6 import Shiboken

from netdesk.cards import badge_sheet
from netdesk.cards.badge import Badge
from netdesk.cards.badge_sheet import SheetOptions
from netdesk.cards.templates import LabelTemplate
from netdesk.services.exporting import safe_file_name
from netdesk.ui.exporting.actions import ask_save_path, default_folder, with_suffix
from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.plain_text import plain_label

# Fewer badges than this are done before a progress dialog would even show.
PROGRESS_FROM = 60

Progress = Callable[[int, int], None]
PDF_FILTER = "PDF files (*.pdf);;All files (*)"


class JobCancelled(Exception):
    """The user pressed Cancel in the progress dialog."""


@contextmanager
def job_progress(
    parent: QWidget | None, badges: int, text: str, *, cancellable: bool
) -> Iterator[Progress | None]:
    """A progress callback for the painter (None for short jobs, which only get the wait
    cursor). With `cancellable`, the callback raises JobCancelled once Cancel is pressed."""
    if badges < PROGRESS_FROM:
        with busy_cursor():
            yield None
        return
    dialog = QProgressDialog(parent)
    dialog.setLabel(plain_label(text))
    dialog.setWindowTitle("Badges")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(360)
    if cancellable:
        dialog.setCancelButtonText("Cancel")
    else:
        dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setRange(0, 1)
    dialog.setValue(0)

    def advance(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))  # a modal dialog handles events here
        if cancellable and dialog.wasCanceled():
            raise JobCancelled

    try:
        with busy_cursor():
            yield advance
    finally:
        dialog.reset()
        dialog.deleteLater()


def printer_names() -> list[str]:
    """The system's printers, the default one first."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    if default in names:
        names.remove(default)
        names.insert(0, default)
    return names


def make_printer(name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name:
        printer.setPrinterName(name)
    return printer


def ask_printer(parent: QWidget, printer_name: str, title: str) -> QPrinter | None:
    """The system's print dialog, starting on this printer; None when cancelled."""
    printer = make_printer(printer_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        # The dialog only points at the printer: it must not outlive it as a child of parent.
        Shiboken.delete(dialog)
    return printer if accepted else None


class BadgePreviewDialog(QPrintPreviewDialog):
    """Qt's print preview, holding on to its printer: QPrintPreviewDialog only points at it,
    and a printer Python had already freed made it write into released memory."""

    def __init__(self, printer: QPrinter, parent: QWidget) -> None:
        super().__init__(printer, parent)
        self.kept_printer = printer


def preview_dialog(
    parent: QWidget, printer_name: str, paint: Callable[[QPrinter], object]
) -> QPrintPreviewDialog:
    dialog = BadgePreviewDialog(make_printer(printer_name), parent)
    dialog.setWindowTitle("Badges: print preview")
    dialog.resize(900, 760)
    dialog.paintRequested.connect(paint)
    return dialog


def ask_pdf_path(parent: QWidget, caption: str, name: str, fallback: str) -> Path | None:
    suggested = default_folder() / safe_file_name(name, ".pdf", fallback)
    chosen = ask_save_path(parent, caption, str(suggested), PDF_FILTER)
    return with_suffix(chosen, ".pdf") if chosen else None


def badges_pdf(
    parent: QWidget,
    path: Path,
    template: LabelTemplate,
    badges: Sequence[Badge],
    options: SheetOptions,
) -> int:
    """The badges as a PDF file, with a progress dialog for long runs; its page count.
    Raises JobCancelled or OSError, leaving no file behind (the write is atomic)."""
    text = f"Making {plural(len(badges), 'badge')}…"
    with job_progress(parent, len(badges), text, cancellable=True) as progress:
        return badge_sheet.write_pdf(path, template, badges, options, progress)


def print_badges(
    parent: QWidget,
    printer: QPrinter,
    template: LabelTemplate,
    badges: Sequence[Badge],
    options: SheetOptions,
) -> int:
    """Paint the badges on the printer (no Cancel: a stopped print run would waste a sheet)."""
    text = f"Printing {plural(len(badges), 'badge')}…"
    with job_progress(parent, len(badges), text, cancellable=False) as progress:
        return badge_sheet.paint_sheets(printer, template, badges, options, progress)

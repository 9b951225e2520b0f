"""Saving and printing a QR code from the card window: where to save, writing the file with a
clear message when that fails, and the print dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from netdesk.cards.qr import QrCode
from netdesk.output_files import OutputRefused
from netdesk.services.exporting import safe_file_name
from netdesk.ui.cards.choices import SETTINGS_GROUP
from netdesk.ui.exporting.actions import export_failure_text
from netdesk.ui.widgets.plain_text import show_error


def file_stem(name: str) -> str:
    """A file name for the person's card, by the one rule exports follow."""
    return safe_file_name(f"{name} QR card", "", "QR card")


def ask_save_path(parent: QWidget, settings: QSettings, name: str, suffix: str) -> Path | None:
    """Asks where to save the code of `name`'s card; None when the user cancelled. The folder
    chosen is offered again next time."""
    folder = str(settings.value(f"{SETTINGS_GROUP}/folder", "") or Path.home())
    kind = "PNG picture (*.png)" if suffix == ".png" else "SVG drawing (*.svg)"
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save the QR code", str(Path(folder) / (file_stem(name) + suffix)), kind
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    settings.setValue(f"{SETTINGS_GROUP}/folder", str(path.parent))
    return path


def write_code(parent: QWidget, code: QrCode, path: Path, writer: object) -> bool:
    """Writes the code with `writer`; False, after saying why, when that failed."""
    try:
        writer(code, path)  # type: ignore[operator]
    except OutputRefused as exc:
        # Said as every save dialog of the window says it, not as the command line does.
        show_error(parent, "Could not save the QR code", export_failure_text(path, exc))
        return False
    except OSError as exc:
        show_error(parent, "Could not save the QR code", str(exc))
        return False
    return True


def print_dialog(
    parent: QWidget, name: str, print_to: Callable[[object], object]
) -> tuple[QWidget, object]:
    """The print dialog, not yet opened (accepting it calls `print_to` with the printer), and
    its printer, which the caller keeps: the dialog only points at it."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(file_stem(name))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the QR card")
    dialog.accepted.connect(lambda: print_to(dialog.printer()))
    dialog.finished.connect(dialog.deleteLater)
    return dialog, printer

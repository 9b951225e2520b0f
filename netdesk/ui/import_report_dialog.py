"""After an import: what went in, and every line that did not, in text that can be copied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.import_plan import ImportReport
from netdesk.ui.counted import counted
from netdesk.ui.plain_text import plain_label, show_error, window_title


def outcome_lines(report: ImportReport) -> list[str]:
    """What the import did, one sentence a line."""
    if report.cancelled:
        return ["The import was cancelled. Nothing was changed."]
    lines = []
    if report.added:
        lines.append(f"Added {counted(report.added, 'new person', 'new people')}.")
    if report.merged:
        lines.append(
            f"Merged {counted(report.merged, 'person', 'people')} into people already here."
        )
    if report.skipped:
        lines.append(f"Skipped {counted(report.skipped, 'duplicate', 'duplicates')}.")
    if report.events_added:
        lines.append(f"Added {counted(report.events_added, 'event', 'events')}.")
    if report.events_updated:
        lines.append(f"Updated {counted(report.events_updated, 'event', 'events')}.")
    if report.attached:
        lines.append(
            f"Put {counted(report.attached, 'person', 'people')} on the event's attendee list."
        )
    if report.problems:
        # Not always whole cards: a photo that could not be decoded leaves its contact in.
        lines.append(
            f"{counted(report.rejected, 'problem', 'problems')} in the file; what "
            f"{'it names was' if report.rejected == 1 else 'each names was'} left out:"
        )
    return lines or ["There was nothing to import."]


def report_text(report: ImportReport) -> str:
    """The whole report as plain text, for the clipboard or a file."""
    lines = [f"Import of {report.file}", "", *outcome_lines(report)]
    lines.extend(f"  {problem}" for problem in report.problems)
    return "\n".join(lines) + "\n"


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        name = Path(report.file).name or report.file
        self.setWindowTitle(window_title(f"Imported {name}" if not report.cancelled else name))
        self.title_label = plain_label(
            f"Import of {name} cancelled" if report.cancelled else f"Import of {name} finished"
        )
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(font.Weight.DemiBold)
        self.title_label.setFont(font)
        self.summary_label = plain_label("\n".join(outcome_lines(report)), wrap=True)
        self.problems_edit = QPlainTextEdit()
        self.problems_edit.setReadOnly(True)
        self.problems_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problems_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.problems_edit.setPlainText("\n".join(str(p) for p in report.problems))
        self.problems_edit.setVisible(bool(report.problems))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.accept)
        self.copy_button = QPushButton("Copy report")
        self.save_button = QPushButton("Save report…")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self._ask_where_to_save)
        self.copy_button.setVisible(bool(report.problems))
        self.save_button.setVisible(bool(report.problems))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addSpacing(4)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_edit, 1)
        layout.addWidget(self.buttons)
        if report.problems:
            self.resize(720, 420)
        else:
            self.setMinimumWidth(460)
        self.close_button.setFocus()

    def text(self) -> str:
        return report_text(self.report)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def save_to(self, path: Path) -> None:
        path.write_text(self.text(), encoding="utf-8")

    def _ask_where_to_save(self) -> None:
        suggested = str(Path.home() / f"{Path(self.report.file).stem} import report.txt")
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save import report", suggested, "Text files (*.txt)"
        )
        if not chosen:
            return
        try:
            self.save_to(Path(chosen))
        except OSError as exc:
            show_error(self, "Report not saved", f"Could not write {chosen}: {exc.strerror}")

"""After an import: what went in, and every line that did not, in text that can be copied."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
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

from netdesk.formats.records import Problem
from netdesk.services.exporting import file_error_text, write_atomically
from netdesk.services.import_plan import ImportPlan, ImportReport
from netdesk.ui.importing.models import short_file_name
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.plain_text import plain_label, show_error, window_title

# The headings of the two kinds of problem (Problem.kept), here and in the preview.
LEFT_OUT = "Left out"
CHECK = "Imported, but check"

# Why a file had nothing to import, by kind, when it had no problems to show instead.
NOTHING_IN = {
    "vcard": "it has no contact cards",
    "csv": "it has no rows with people in them",
    "ics": "it has no events; netdesk imports events from calendars",
    "scan": "no business card was read from it",
}


def _batch(context: ImportContext, file: str = "this file") -> str:
    """What the people came in: a file, or the cards scanned together (ImportPlan.kind "scan",
    netdesk.services.scanning)."""
    return "these cards" if context.kind == "scan" else file


@dataclass(frozen=True)
class ImportContext:
    """What the preview knew that the report does not say."""

    kind: str = ""  # "vcard", "csv", "ics" or "scan": says why a file had nothing to import
    # Merges the plan asked for, into people already here and into earlier cards of the file;
    # None when not known (the report then words its count to cover both).
    merges_into_existing: int | None = None
    merges_into_earlier: int | None = None
    # An attendee list imported without an event: roles and check-in status were dropped.
    attendance_dropped: bool = False


def context_of(plan: ImportPlan, event_id: int | None) -> ImportContext:
    into_existing, into_earlier = plan.merge_counts()
    has_event = event_id is not None or bool(plan.new_event_name.strip())
    return ImportContext(
        kind=plan.kind,
        merges_into_existing=into_existing,
        merges_into_earlier=into_earlier,
        attendance_dropped=plan.is_attendee_list and not has_event,
    )


def report_title(report: ImportReport, file: str) -> str:
    """The heading of a report about `file` (its name, or its path where there is room)."""
    if report.cancelled:
        return f"Import of {file} cancelled"
    if not report.imported_anything:
        return f"Nothing was imported from {file}"
    return f"Import of {file} finished"


def merge_lines(report: ImportReport, context: ImportContext) -> list[str]:
    existing, earlier = context.merges_into_existing, context.merges_into_earlier
    if existing is None or earlier is None or existing + earlier != report.merged:
        # The plan does not say (or the database changed since): one sentence for both.
        return [
            f"Merged {plural(report.merged, 'person', 'people')} with someone already here "
            f"or earlier in {_batch(context)}."
        ]
    lines = []
    if existing:
        lines.append(f"Merged {plural(existing, 'person', 'people')} into people already here.")
    if earlier:
        lines.append(
            f"Merged {plural(earlier, 'person', 'people')} with someone earlier in "
            f"{_batch(context)}."
        )
    return lines


def attached_line(report: ImportReport) -> str:
    people = plural(report.attached, "person", "people")
    if not report.event_name:
        return f"Put {people} on the event's attendee list."
    new = " (a new event)" if report.event_created else ""
    return f"Put {people} on the attendee list of “{report.event_name}”{new}."


def outcome_lines(report: ImportReport, context: ImportContext | None = None) -> list[str]:
    """What the import did, one sentence a line."""
    context = context or ImportContext()
    if report.cancelled:
        return ["The import was cancelled. Nothing was changed."]
    lines = []
    if report.added:
        lines.append(f"Added {plural(report.added, 'new person', 'new people')}.")
    if report.merged:
        lines.extend(merge_lines(report, context))
    if report.skipped:
        lines.append(f"Skipped {plural(report.skipped, 'duplicate')}.")
    if report.events_added:
        lines.append(f"Added {plural(report.events_added, 'event')}.")
    if report.events_updated:
        lines.append(f"Updated {plural(report.events_updated, 'event')}.")
    if report.attached:
        lines.append(attached_line(report))
    if context.attendance_dropped and (report.added or report.merged):
        lines.append("Roles and check-in status were not kept because no event was chosen.")
    if report.possible_added:
        lines.append(
            f"{plural(report.possible_added, 'person', 'people')} added as new although their "
            "name matches someone: review them with People > Find duplicates."
        )
    if report.rejected:
        # Not always whole cards: a photo that could not be decoded leaves its contact in.
        lines.append(
            f"{plural(report.rejected, 'problem')} in {_batch(context, 'the file')}; what "
            f"{'it names was' if report.rejected == 1 else 'each names was'} left out."
        )
    if report.warned:
        lines.append(
            f"{plural(report.warned, 'warning')} about what was imported; check "
            f"{'it' if report.warned == 1 else 'each'}."
        )
    if lines:
        return lines
    why = NOTHING_IN.get(context.kind)
    return [f"There was nothing to import: {why}." if why else "There was nothing to import."]


def report_text(report: ImportReport, context: ImportContext | None = None) -> str:
    """The whole report as plain text, for the clipboard or a file: with the file's whole
    path, which the dialog's title leaves out."""
    lines = [report_title(report, report.file), "", *outcome_lines(report, context)]
    if report.problems:
        lines.extend(["", *problem_lines(report.problems)])
    return "\n".join(lines) + "\n"


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """The problems under two headings, what was left out first, then what went in but should
    be checked (Problem.kept); each heading with its count, only when it has lines."""
    lines: list[str] = []
    for heading, kept in ((LEFT_OUT, False), (CHECK, True)):
        listed = [f"  {problem}" for problem in problems if problem.kept is kept]
        if listed:
            lines.extend([*([""] if lines else []), f"{heading} ({len(listed):,}):", *listed])
    return lines


def status_message(report: ImportReport) -> str:
    """The report's one-line summary with the file's name, not its path: for a status bar."""
    return dataclasses.replace(report, file=short_file_name(report.file)).summary()


class ImportReportDialog(QDialog):
    def __init__(
        self,
        report: ImportReport,
        parent: QWidget | None = None,
        context: ImportContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.context = context
        name = short_file_name(report.file)
        self.setWindowTitle(window_title(f"Import of {name}"))
        self.title_label = plain_label(report_title(report, name))
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(font.Weight.DemiBold)
        self.title_label.setFont(font)
        self.summary_label = plain_label("\n".join(outcome_lines(report, context)), wrap=True)
        self.problems_edit = QPlainTextEdit()
        self.problems_edit.setReadOnly(True)
        self.problems_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problems_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.problems_edit.setPlainText("\n".join(problem_lines(report.problems)))
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
        return report_text(self.report, self.context)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def save_to(self, path: Path) -> None:
        data = self.text().encode("utf-8")
        write_atomically(path, lambda out: out.write(data))

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
            why = file_error_text(exc)
            show_error(self, "Report not saved", f"Could not write {chosen}: {why}.")

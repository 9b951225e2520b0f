"""Importing files from the GUI: read each file, ask what its columns hold when netdesk does not
know, show who is in it, import it with a progress dialog that can cancel, and report.

Each step is its own method returning its dialog unopened, so tests can drive every step
without exec(); `run` chains them with exec() for the user.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from netdesk.formats.csv.read import CONTACT_FIELDS, CsvTable, guess_mapping
from netdesk.services.errors import ServiceError
from netdesk.services.import_plan import ImportPlan, ImportReport
from netdesk.services.importing import NeedsMapping
from netdesk.services.service_set import Services
from netdesk.ui.importing.csv_mapping_dialog import CsvMappingDialog
from netdesk.ui.importing.models import short_file_name
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.importing.report_dialog import ImportContext, ImportReportDialog, context_of
from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.plain_text import plain_label, show_error

# Below this many people or events an import takes well under a second: no progress dialog.
PROGRESS_FROM = 200
# The mapping dialog shows examples from the first rows only.
SAMPLE_ROWS = 50


class ImportFlow(QObject):
    """Imports files into `services` with dialogs parented to `parent`."""

    # An ImportReport, after each file whose import ran (also when it was cancelled).
    imported = Signal(object)

    def __init__(self, parent: QWidget, services: Services) -> None:
        super().__init__(parent)
        self._window = parent
        self._services = services

    def run(self, paths: list[Path], event_id: int | None = None) -> list[ImportReport]:
        """Import each file in turn; a file the user cancels is left out, the others go on."""
        reports = []
        for path in paths:
            report = self.import_path(path, event_id)
            if report is not None:
                reports.append(report)
        return reports

    def import_path(self, path: Path, event_id: int | None = None) -> ImportReport | None:
        plan = self.read(path)
        if plan is None:
            return None
        return self.import_plan(plan, event_id)

    def import_plan(self, plan: ImportPlan, event_id: int | None = None) -> ImportReport | None:
        """Preview, import and report a plan read elsewhere (a file, or a QR code's cards)."""
        if not plan.has_something_to_import:
            # Nothing readable: what went wrong is all there is to show.
            report = ImportReport(file=plan.file, problems=list(plan.problems))
            self.report_dialog(report, ImportContext(kind=plan.kind)).exec()
            return report
        preview = self.preview_dialog(plan, event_id)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.finish(preview)

    def finish(self, preview: ImportPreviewDialog) -> ImportReport | None:
        """Import what an accepted preview shows, then show the report."""
        report = self.apply(preview.plan, preview.event_id)
        if report is not None:
            self.report_dialog(report, context_of(preview.plan, preview.event_id)).exec()
        return report

    # -- steps --------------------------------------------------------------------------------

    def read(self, path: Path, mapping: dict[int, str] | None = None) -> ImportPlan | None:
        """The plan for a file, asking for the columns of an unknown CSV; None when the file
        cannot be read (the user was told) or the user cancelled."""
        try:
            with busy_cursor():
                return self._services.imports.preview(path, mapping)
        except NeedsMapping as exc:  # only without a mapping
            table = exc.table
            assert isinstance(table, CsvTable)
            dialog = self.mapping_dialog(table)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return self.read(path, dialog.mapping())
        except ServiceError as exc:
            show_error(self._window, "Cannot import this file", str(exc))
            return None

    def mapping_dialog(self, table: CsvTable) -> CsvMappingDialog:
        return CsvMappingDialog(
            table.file,
            table.headers,
            [cells for _line, cells in table.rows[:SAMPLE_ROWS]],
            CONTACT_FIELDS,
            guess_mapping(table.headers),
            self._window,
        )

    def preview_dialog(self, plan: ImportPlan, event_id: int | None = None) -> ImportPreviewDialog:
        return ImportPreviewDialog(self._services, plan, event_id, self._window)

    def apply(self, plan: ImportPlan, event_id: int | None) -> ImportReport | None:
        """Carry the plan out, with a progress dialog for big files; None when the database
        refused (the user was told)."""
        total = len(plan.items) + len(plan.events)
        progress = self.progress_dialog(plan, total) if total >= PROGRESS_FROM else None
        if progress is not None:
            # Shown now, not after Qt's estimate: setValue keeps the window responsive only
            # once the dialog is visible.
            progress.show()

        def advance(done: int, of: int) -> bool:
            assert progress is not None
            progress.setMaximum(max(of, 1))
            # Processes events for a modal dialog: the window repaints and Cancel can be clicked.
            progress.setValue(min(done, of))
            return not progress.wasCanceled()

        try:
            if progress is None:
                with busy_cursor():
                    report = self._services.imports.apply(plan, event_id)
            else:
                report = self._services.imports.apply(plan, event_id, advance)
        except ServiceError as exc:
            show_error(self._window, "Import failed", f"{short_file_name(plan.file)}: {exc}")
            return None
        finally:
            if progress is not None:
                progress.reset()
                progress.deleteLater()
        self.imported.emit(report)
        return report

    def progress_dialog(self, plan: ImportPlan, total: int) -> QProgressDialog:
        noun = "events" if plan.kind == "ics" else "people"
        dialog = QProgressDialog(self._window)
        # The file's name is user text: a plain label, never rich text.
        dialog.setLabel(
            plain_label(f"Importing {total:,} {noun} from {short_file_name(plan.file)}…")
        )
        dialog.setCancelButtonText("Cancel import")
        dialog.setRange(0, max(total, 1))
        dialog.setWindowTitle("Importing")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(380)
        dialog.setValue(0)
        return dialog

    def report_dialog(
        self, report: ImportReport, context: ImportContext | None = None
    ) -> ImportReportDialog:
        """`context`: what the plan knew (what merged into what, why a file was empty)."""
        return ImportReportDialog(report, self._window, context)

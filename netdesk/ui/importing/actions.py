"""File > Import and Export, People > Find duplicates, and files dropped on the window.

Kept out of main_window.py, which only puts these actions into its menus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from netdesk.ui.shell import EVENTS, PEOPLE
from netdesk.ui.widgets.mime_types import CONTACT_IDS_MIME

if TYPE_CHECKING:
    from netdesk.services.import_plan import ImportPlan, ImportReport
    from netdesk.ui.importing.duplicates_dialog import DuplicatesDialog
    from netdesk.ui.importing.flow import ImportFlow
    from netdesk.ui.shell import Shell


def import_filter() -> str:
    """The file dialog's choices; its pictures are those a drop reads for QR codes too."""
    from netdesk.ui.cards.add_actions import PICTURE_SUFFIXES  # QR reading loads on first use

    pictures = " ".join(f"*{suffix}" for suffix in PICTURE_SUFFIXES)
    return (
        "Contacts and calendars (*.vcf *.vcard *.csv *.ics *.ical);;"
        "vCard (*.vcf *.vcard);;CSV (*.csv);;iCalendar (*.ics);;"
        f"Pictures of QR codes ({pictures});;All files (*)"
    )


class ExchangeActions(QObject):
    """`add_picture` reads a dropped or chosen picture for QR codes (the card actions do)."""

    def __init__(self, shell: Shell, add_picture: Callable[[Path], object]) -> None:
        window = shell.widget()
        super().__init__(window)
        self.shell = shell
        self.window = window
        self.add_picture = add_picture
        self._flow: ImportFlow | None = None
        a = shell.make_action
        self.act_import = a(
            "&Import…",
            self.import_files,
            "Ctrl+I",
            "import",
            "Add people or events from vCard, CSV or iCalendar files (or drop files here)",
        )
        self.act_export_vcard = a(
            "People as &vCard 3.0…",
            lambda: self.export_vcard("3.0"),
            None,
            "export",
            "Save the selected people (or everybody) for phones and mail programs",
        )
        self.act_export_vcard4 = a(
            "People as vCard &4.0…",
            lambda: self.export_vcard("4.0"),
            None,
            "export",
            "Save the selected people (or everybody) as vCard 4.0",
        )
        self.act_export_csv = a(
            "People as &CSV…",
            self.export_csv,
            None,
            "export",
            "Save the selected people, an event's attendees or everybody as a spreadsheet",
        )
        self.act_export_ics = a(
            "Events as &iCalendar…",
            self.export_ics,
            None,
            "export",
            "Save events and open follow-ups for a calendar program",
        )
        self.act_duplicates = a(
            "Find &duplicates…",
            self.find_duplicates,
            None,
            "people",
            "Find people listed twice and merge them",
        )
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    @property
    def data_actions(self) -> tuple[QAction, ...]:
        """The actions that need an open database."""
        return (self.act_import, *self.export_actions(), self.act_duplicates)

    def export_actions(self) -> tuple[QAction, ...]:
        return (
            self.act_export_vcard,
            self.act_export_vcard4,
            self.act_export_csv,
            self.act_export_ics,
        )

    # -- import -----------------------------------------------------------------------------

    @property
    def flow(self) -> ImportFlow:
        if self._flow is None:
            from netdesk.ui.importing.flow import ImportFlow
            from netdesk.ui.importing.report_dialog import status_message

            self._flow = ImportFlow(self.window, self.shell.services)
            self._flow.imported.connect(
                lambda report: self.shell.say(status_message(report), 10000)
            )
        return self._flow

    def import_plan(self, plan: ImportPlan, event_id: int | None) -> ImportReport | None:
        """A plan read elsewhere (a QR code) through the same preview and duplicate check."""
        return self.flow.import_plan(plan, event_id)

    def _selected_event(self) -> int | None:
        if self.shell.current_key() != EVENTS:
            return None
        return self.shell.view(EVENTS).selected_event_id()  # type: ignore[no-any-return]

    def import_files(self, event_id: int | None = None) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "Import people or events", "", import_filter()
        )
        if names:
            self.import_paths([Path(n) for n in names], event_id)

    def import_for_event(self, event_id: int) -> None:
        """An attendee list (or any people file) straight onto this event."""
        self.import_files(event_id)

    def import_paths(self, paths: list[Path], event_id: int | None = None) -> None:
        """Files go through the import preview; pictures are read for QR codes first."""
        from netdesk.ui.cards.add_actions import is_picture

        if not self.act_import.isEnabled():
            return  # no database yet, or a damaged one
        # HEIC photos (an iPhone's own) are for the card scanner, which reads them.
        pictures = [p for p in paths if is_picture(p) or p.suffix.lower() in (".heic", ".heif")]
        files = [p for p in paths if p not in pictures]
        if files:
            self.flow.run(files, event_id=event_id or self._selected_event())
        for picture in pictures:
            self.add_picture(picture)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if self._dropped_paths(event):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = self._dropped_paths(event)
            if paths:
                event.acceptProposedAction()
                # After the drop returns: a modal dialog inside dropEvent would keep the
                # program the files came from waiting until it closes.
                QTimer.singleShot(0, lambda: self.import_paths(paths))
                return True
        return super().eventFilter(watched, event)

    def _dropped_paths(self, event: QDropEvent) -> list[Path]:
        data = event.mimeData()
        # People dragged out of our own table and let go over the window are not an import.
        if event.source() is not None or data.hasFormat(CONTACT_IDS_MIME):
            return []
        if not self.act_import.isEnabled():
            return []
        return [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]

    # -- export -----------------------------------------------------------------------------

    def _scope(self) -> tuple[list[int] | None, int | None]:
        """The selected people on the People page, else the selected event, else everybody."""
        if self.shell.current_key() == PEOPLE:
            ids = self.shell.view(PEOPLE).selected_contact_ids()
            if ids:
                return list(ids), None
        return None, self._selected_event()

    def _said(self, text: str | None) -> None:
        if text:
            self.shell.say(text, 8000)

    def export_vcard(self, version: str) -> None:
        from netdesk.ui.exporting.actions import export_vcard

        ids, event_id = self._scope()
        self._said(export_vcard(self.window, self.shell.services, ids, event_id, version))

    def export_csv(self) -> None:
        from netdesk.ui.exporting.actions import export_csv

        ids, event_id = self._scope()
        self._said(export_csv(self.window, self.shell.services, ids, event_id))

    def export_event_people(self, event_id: int, kind: str) -> None:
        from netdesk.ui.exporting.actions import export_csv, export_vcard

        export = export_csv if kind == "csv" else export_vcard
        self._said(export(self.window, self.shell.services, None, event_id))

    def export_ics(self) -> None:
        from netdesk.ui.exporting.actions import export_ics

        self._said(export_ics(self.window, self.shell.services, self._selected_event()))

    # -- duplicates -------------------------------------------------------------------------

    def find_duplicates(self) -> DuplicatesDialog:
        from netdesk.ui.importing.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.shell.services, self.shell.undo_stack, self.window)
        dialog.message.connect(self._said)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

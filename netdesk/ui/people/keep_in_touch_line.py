"""The person page's keep-in-touch line: "Keep in touch: every 3 months · last: Met at
PyCon DE, 2 Sep · next: 2 Dec", with Change… to set the person's own rhythm."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QHBoxLayout, QWidget

from netdesk import clock
from netdesk.services.errors import ServiceError
from netdesk.services.keep_in_touch import RhythmStatus, RhythmUnit
from netdesk.services.service_set import Services
from netdesk.ui.people.detail_labels import edit_link, wrapped
from netdesk.ui.people.rhythm_commands import change_rhythm
from netdesk.ui.people.rhythm_dialog import RhythmDialog
from netdesk.ui.widgets.dates import short_date
from netdesk.ui.widgets.plain_text import show_error


def _day(d: date, today: date) -> str:
    # Kept on one line where the pane wraps: "22 May", never "22" and "May".
    return short_date(d, today).replace(" ", "\u00a0")


def status_text(status: RhythmStatus | None, today: date) -> str:
    """What the line says; the rhythm's tag in brackets when it is not the person's own."""
    if status is None:
        return "Keep in touch: no rhythm set"
    rhythm = status.rhythm
    parts = [rhythm.text if rhythm.own else f"{rhythm.text} (tag {rhythm.source})"]
    last = status.last
    parts.append(f"last: {last.label}, {_day(last.on, today)}" if last else "not in touch yet")
    if status.snoozed_until is not None and status.snoozed_until > today:
        parts.append(f"snoozed until {_day(status.snoozed_until, today)}")
    elif status.due_on <= today:
        parts.append(f"due since {_day(status.due_on, today)}")
    else:
        parts.append(f"next: {_day(status.due_on, today)}")
    return "Keep in touch: " + " · ".join(parts)


class KeepInTouchLine(QWidget):
    """`changed` after the user set a rhythm here (the pane reads the person again);
    `message` says what happened for the status bar."""

    changed = Signal()
    message = Signal(str)

    def __init__(
        self,
        services: Services,
        contact_id: int,
        name: str,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keep_in_touch")
        self._services = services
        self._contact_id = contact_id
        self._name = name
        self._undo_stack = undo_stack
        self.status = services.keep_in_touch.status(contact_id)
        self.label = wrapped(status_text(self.status, clock.today()))
        self.change_button = edit_link("Change…")
        self.change_button.setToolTip("How often to be in touch with this person")
        self.change_button.clicked.connect(self.change)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)

    def make_dialog(self) -> RhythmDialog:
        status = self.status
        own = status.rhythm if status is not None and status.rhythm.own else None
        inherited = None
        if own is None:
            inherited = status.rhythm if status is not None else None
        return RhythmDialog(self, self._name, own, inherited=inherited)

    def change(self) -> None:
        dialog = self.make_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply(*dialog.value())
        dialog.deleteLater()

    def apply(self, every: int | None, unit: RhythmUnit) -> bool:
        try:
            text = change_rhythm(
                self._undo_stack,
                self._services.keep_in_touch,
                self._name,
                every,
                unit,
                contact_id=self._contact_id,
            )
        except ServiceError as exc:
            show_error(self, "Keep in touch", str(exc))
            return False
        self.message.emit(text)
        self.changed.emit()
        return True

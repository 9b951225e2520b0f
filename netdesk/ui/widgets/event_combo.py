"""A combo box of events with a "No event" choice, shared by the note, follow-up and capture
dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from netdesk.services.service_set import Services
from netdesk.ui.widgets.dates import event_day, short_date

NO_EVENT = "No event"


class EventCombo(QComboBox):
    """Upcoming events soonest first, then past ones (the order of services.events.list())."""

    def __init__(
        self, services: Services, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.addItem(NO_EVENT, None)
        for row in services.events.list():
            # English month names like the rest of the interface (strftime follows LC_TIME).
            when = short_date(event_day(row.starts_at, row.all_day))
            self.addItem(f"{row.name} · {when}", row.id)
        self.setMaxVisibleItems(15)
        self.set_event_id(event_id)

    def event_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_event_id(self, event_id: int | None) -> None:
        index = self.findData(event_id) if event_id is not None else 0
        self.setCurrentIndex(max(index, 0))

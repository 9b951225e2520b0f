"""Turns the database's change notifications into a Qt signal views can connect to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from netdesk.store import Database


class ChangeBridge(QObject):
    """`changed` carries a frozenset of kinds: "contacts", "events", "attendances", "notes",
    "followups", "tags"."""

    changed = Signal(object)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        db.add_change_listener(self._relay)
        self.destroyed.connect(lambda *_: db.remove_change_listener(self._relay))

    def _relay(self, kinds: frozenset[str]) -> None:
        self.changed.emit(kinds)

    def detach(self) -> None:
        self._db.remove_change_listener(self._relay)

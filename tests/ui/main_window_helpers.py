"""Driving the whole main window as a user would, for the end-to-end tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.ui.main_window import MainWindow
from tests.ui.polling import poll

D = TypeVar("D", bound=QDialog)


def settings_at(tmp_path: Path) -> QSettings:
    """Settings in a file under the test's folder: never the user's real settings."""
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def open_window(qtbot: QtBot, services: Services | None, settings: QSettings) -> MainWindow:
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make the window active again, as it is for a user once a dialog closes (the offscreen
    platform does not hand activation back by itself)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def ctrl(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def click(qtbot: QtBot, button: QPushButton) -> None:
    """Click a button as the user would: with the mouse, and only once it can be clicked."""
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_message_box(seen: list[str], answer: str | None = None) -> None:
    """Click `answer` (else OK) in the message box about to show, noting what it said. Armed
    until the box comes, its deadline passes or the test ends (tests/ui/polling.py)."""

    def click() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return False
        seen.append(box.text())
        if answer is None:
            box.button(QMessageBox.StandardButton.Ok).click()
            return True
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == answer]
        button.click()
        return True

    poll(click)


class ModalDriver(Generic[D]):
    """Fills in a dialog that some click will open with exec(), while exec() runs.

    Arm it before the click. If the dialog never comes, or filling it in fails, every modal
    dialog is rejected so that exec() returns and the test fails instead of hanging.
    """

    def __init__(self, kind: type[D], fill: Callable[[D], None]) -> None:
        self.kind = kind
        self.fill = fill
        self.error: BaseException | None = None
        self.ran = False
        poll(self._attempt, interval_ms=20, on_deadline=self._never_came)

    def _attempt(self) -> bool:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, self.kind) or not dialog.isVisible():
            return False
        self.ran = True
        try:
            self.fill(dialog)
        except BaseException as exc:  # re-raised by check() in the test
            self.error = exc
            _reject_modals()
        return True

    def _never_came(self) -> None:
        self.error = AssertionError(f"no {self.kind.__name__} was opened")
        _reject_modals()

    def check(self) -> None:
        if self.error is not None:
            raise self.error
        assert self.ran, f"no {self.kind.__name__} was opened"


def _reject_modals() -> None:
    for _ in range(10):
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QDialog):
            return
        modal.reject()


def all_indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    """Every index of the view's model, depth first (tree children included)."""
    model = view.model()
    if model is None:
        return
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        # A list model's columnCount is private in PySide: it has one column.
        flat = isinstance(model, QAbstractListModel)
        columns = 1 if flat else model.columnCount(parent)
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                yield index
                if column == 0 and not flat and model.rowCount(index):
                    pending.append(index)


def label_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]

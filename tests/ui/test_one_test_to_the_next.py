"""Nothing one test leaves acts in the next: the timers that answer dialogs end with their test
(tests/ui/polling.py), and no key stays held (tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.main_window_helpers import answer_message_box
from tests.ui.polling import armed_polls, poll

CHECKOUT = Path(__file__).resolve().parents[2]

TESTS_IN_ORDER = """
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMessageBox, QTableView
from tests.ui.main_window_helpers import answer_message_box


def test_1_expects_no_box(qtbot):
    seen = []
    answer_message_box(seen, "Cancel")  # would answer one, were it shown
    qtbot.wait(50)
    assert seen == []


def test_2_a_later_box_is_left_to_its_own_test(qtbot):
    Buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "netdesk", "Sure?", Buttons.Ok | Buttons.Cancel)
    qtbot.addWidget(box)
    box.open()
    qtbot.wait(200)
    assert box.isVisible()


def _table(qtbot):
    model = QStandardItemModel()
    for name in ("Ada", "Grace", "Alan"):
        model.appendRow(QStandardItem(name))
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    qtbot.addWidget(table)
    table.show()
    return table


def test_3_ctrl_a_selects_everyone(qtbot):
    table = _table(qtbot)
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(table.selectionModel().selectedRows()) == 3


def test_4_selecting_a_row_selects_only_it(qtbot):
    table = _table(qtbot)
    table.selectRow(0)
    table.selectRow(1)
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]
"""


def test_an_answer_or_a_key_of_one_test_reaches_no_later_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in this order, the first test's helper clicked the second test's box away, and the
    fourth test's selectRow added to the selection: the third test's Ctrl was still held."""
    pytester.makepyfile(test_order=TESTS_IN_ORDER)
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(CHECKOUT), os.environ.get("PYTHONPATH", "")])
    )
    result = pytester.runpytest_subprocess("-p", "tests.conftest", "-p", "no:randomly", "-q")
    result.assert_outcomes(passed=4)


def test_a_poll_gives_up_at_its_deadline(qtbot: QtBot) -> None:
    gave_up: list[bool] = []
    poll(lambda: False, deadline_s=0.05, on_deadline=lambda: gave_up.append(True))
    assert armed_polls() == 1
    qtbot.waitUntil(lambda: gave_up == [True])
    assert armed_polls() == 0


def test_an_answered_box_leaves_nothing_armed(qtbot: QtBot) -> None:
    seen: list[str] = []
    answer_message_box(seen)
    # No parent: the active window may be one an earlier test left half torn down (Qt aborted
    # on it in a random order).
    QMessageBox.information(None, "netdesk", "Saved.")
    assert seen == ["Saved."]
    assert armed_polls() == 0

"""The timers that answer dialogs for a test end with it (tests/ui/polling.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.main_window_helpers import answer_message_box
from tests.ui.polling import armed_polls, poll

CHECKOUT = Path(__file__).resolve().parents[2]

TWO_TESTS = """
from PySide6.QtWidgets import QMessageBox
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
"""


def test_an_answer_armed_in_one_test_answers_no_box_of_the_next(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in this order, the second test's box was clicked away by the first test's helper."""
    pytester.makepyfile(test_order=TWO_TESTS)
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(CHECKOUT), os.environ.get("PYTHONPATH", "")])
    )
    result = pytester.runpytest_subprocess("-p", "tests.conftest", "-p", "no:randomly", "-q")
    result.assert_outcomes(passed=2)


def test_a_poll_gives_up_at_its_deadline(qtbot: QtBot) -> None:
    gave_up: list[bool] = []
    poll(lambda: False, deadline_s=0.05, on_deadline=lambda: gave_up.append(True))
    assert armed_polls() == 1
    qtbot.waitUntil(lambda: gave_up == [True])
    assert armed_polls() == 0


def test_an_answered_box_leaves_nothing_armed(qtbot: QtBot) -> None:
    seen: list[str] = []
    answer_message_box(seen)
    QMessageBox.information(QApplication.activeWindow(), "netdesk", "Saved.")
    assert seen == ["Saved."]
    assert armed_polls() == 0

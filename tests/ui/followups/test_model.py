"""The follow-ups tree model, without any widget."""

from __future__ import annotations

import locale
import os
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from netdesk.services.followups import Bucket, bucket_of
from netdesk.services.records import FollowUpRow
from netdesk.ui.followups.model import (
    ACTION,
    BUCKET_ROLE,
    DUE,
    PERSON,
    ROW_ROLE,
    FollowUpsModel,
    due_text,
)
from netdesk.ui.widgets import theme

TODAY = date(2025, 3, 12)  # a Wednesday


def _row(fid: int, due: date | None, done: datetime | None = None) -> FollowUpRow:
    return FollowUpRow(fid, 7, "Anna Schroeder", None, "", f"Action {fid}", due, done)


def _queue() -> dict[Bucket, list[FollowUpRow]]:
    return {
        Bucket.OVERDUE: [_row(1, TODAY - timedelta(days=3)), _row(2, TODAY - timedelta(days=1))],
        Bucket.TODAY: [],
        Bucket.NEXT_DAYS: [_row(3, TODAY + timedelta(days=2))],
        Bucket.LATER: [_row(4, None)],
        Bucket.DONE: [_row(5, TODAY, datetime(2025, 3, 10, 12, tzinfo=UTC))],
    }


def test_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = FollowUpsModel()
    qtmodeltester.check(model)
    model.set_queue(_queue(), TODAY)
    qtmodeltester.check(model)
    model.set_queue({b: [] for b in Bucket}, TODAY)
    qtmodeltester.check(model)


def test_groups_with_counts_and_rows_under_them() -> None:
    model = FollowUpsModel()
    model.set_queue(_queue(), TODAY)
    # Empty groups (Today here) are left out.
    assert model.buckets() == [Bucket.OVERDUE, Bucket.NEXT_DAYS, Bucket.LATER, Bucket.DONE]
    groups = [model.index(i, 0) for i in range(model.rowCount())]
    assert [g.data() for g in groups] == ["Overdue (2)", "Next 7 days (1)", "Later (1)", "Done (1)"]
    assert groups[0].data(BUCKET_ROLE) == Bucket.OVERDUE
    assert groups[0].data(ROW_ROLE) is None
    for group in groups:
        assert not model.flags(group) & Qt.ItemFlag.ItemIsSelectable
        assert not model.flags(group.siblingAtColumn(DUE)) & Qt.ItemFlag.ItemIsSelectable
    first = model.index(0, ACTION, groups[0])
    assert first.data() == "Action 1"
    assert first.data(ROW_ROLE).id == 1
    assert model.index(0, PERSON, groups[0]).data() == "Anna Schroeder"
    assert model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    assert model.parent(first) == groups[0]
    assert model.index_of(4) == model.index(0, 0, groups[2])
    assert model.index_of(99) == QModelIndex()
    assert model.count(Bucket.OVERDUE) == 2 and model.count(Bucket.TODAY) == 0


def test_overdue_due_dates_are_red_and_done_rows_struck_out() -> None:
    model = FollowUpsModel()
    model.set_queue(_queue(), TODAY)
    overdue_due = model.index(0, DUE, model.group_index(Bucket.OVERDUE))
    assert overdue_due.data() == "3 days overdue"
    assert overdue_due.data(Qt.ItemDataRole.ForegroundRole) == theme.error(theme.app_palette())
    assert overdue_due.data(Qt.ItemDataRole.ToolTipRole) == "Due Sunday 9 March 2025"
    later_due = model.index(0, DUE, model.group_index(Bucket.LATER))
    assert later_due.data(Qt.ItemDataRole.ForegroundRole) is None
    done_action = model.index(0, ACTION, model.group_index(Bucket.DONE))
    assert done_action.data(Qt.ItemDataRole.FontRole).strikeOut()


@pytest.mark.parametrize(
    ("due", "text"),
    [
        (TODAY - timedelta(days=3), "3 days overdue"),
        (TODAY - timedelta(days=1), "1 day overdue"),
        (TODAY, "Today"),
        (TODAY + timedelta(days=1), "Tomorrow"),
        (TODAY + timedelta(days=2), "Fri 14 Mar"),
        (TODAY + timedelta(days=7), "Wed 19 Mar"),
        (TODAY + timedelta(days=8), "20 Mar"),
        (TODAY + timedelta(days=30), "11 Apr"),
        (date(2026, 1, 5), "5 Jan 2026"),
        (None, "No due date"),
    ],
)
def test_due_text(due: date | None, text: str) -> None:
    assert due_text(_row(1, due), TODAY) == text


def test_due_text_of_done_rows() -> None:
    done = datetime(2025, 3, 12, 12, tzinfo=UTC)
    assert due_text(_row(1, None, done), TODAY) == "Done today"
    assert due_text(_row(1, None, done - timedelta(days=2)), TODAY) == "Done 10 Mar"


def test_every_row_of_next_7_days_shows_its_weekday() -> None:
    rows = [_row(i, TODAY + timedelta(days=i)) for i in range(1, 10)]
    texts: dict[Bucket, list[str]] = {}
    for r in rows:
        texts.setdefault(bucket_of(r, TODAY), []).append(due_text(r, TODAY))
    assert texts[Bucket.NEXT_DAYS] == [
        "Tomorrow",
        "Fri 14 Mar",
        "Sat 15 Mar",
        "Sun 16 Mar",
        "Mon 17 Mar",
        "Tue 18 Mar",
        "Wed 19 Mar",
    ]
    assert texts[Bucket.LATER] == ["20 Mar", "21 Mar"]


def test_next_7_days_across_the_new_year_shows_the_year() -> None:
    today = date(2025, 12, 29)
    assert due_text(_row(1, date(2026, 1, 2)), today) == "Fri 2 Jan 2026"


def test_dates_stay_english_whatever_the_system_language() -> None:
    # QApplication sets the C library's locale from the environment; strftime would follow it.
    # scripts/setup-debian --test installs the German locale (`localedef -i de_DE -f UTF-8
    # de_DE.UTF-8`; without root, `localedef ... DIR/de_DE.UTF-8` and LOCPATH=DIR make one).
    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        message = "no German locale installed (scripts/setup-debian --test installs it)"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        model = FollowUpsModel()
        model.set_queue(_queue(), TODAY)
        due = model.index(0, DUE, model.group_index(Bucket.NEXT_DAYS))
        assert due.data() == "Fri 14 Mar"
        assert due.data(Qt.ItemDataRole.ToolTipRole) == "Due Friday 14 March 2025"
    finally:
        locale.setlocale(locale.LC_TIME, "")

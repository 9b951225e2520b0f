"""The window's import preview and report list what was left out apart from what went in but
should be checked (Problem.kept), each under its heading with its count, in plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from netdesk.formats.problem_limit import PROBLEM_LIMIT
from netdesk.formats.records import Problem
from netdesk.formats.vcard.read import read_vcards
from netdesk.services.import_plan import ImportReport
from netdesk.services.service_set import Services
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.importing.report_dialog import ImportReportDialog, problem_lines, status_message

REFUSED = "BEGIN:VCARD\r\nVERSION:3.0\r\nBDAY:1990-01-02\r\nEND:VCARD\r\n"  # names nobody
CUT_SHORT = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zofia <b>Nowak</b>\r\n"
NO_NAME = (
    "card has no name: no FN, N, nickname, organisation, email, phone, IM handle, web or "
    "postal address"
)
CUT = "the file ends before END:VCARD; the card was kept"


def mixed_file(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.vcf"
    path.write_text(REFUSED + CUT_SHORT, encoding="utf-8")
    return path


def test_the_report_lists_what_was_left_out_and_what_to_check_under_their_headings(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    path = mixed_file(tmp_path)
    report = sqlite_services.imports.import_file(path)
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.title_label.text() == "Import of mixed.vcf finished"
    assert dialog.summary_label.text().splitlines() == [
        "Added 1 new person.",
        "1 problem in the file; what it names was left out.",
        "1 warning about what was imported; check it.",
    ]
    assert dialog.summary_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.problems_edit.toPlainText().splitlines() == [
        "Left out (1):",
        f"  {path}:1: {NO_NAME}",
        "",
        "Imported, but check (1):",
        f"  {path}:7: {CUT}",
    ]
    assert dialog.problems_edit.isReadOnly() and dialog.copy_button.isVisible()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().splitlines()[-5:] == [
        "Left out (1):",
        f"  {path}:1: {NO_NAME}",
        "",
        "Imported, but check (1):",
        f"  {path}:7: {CUT}",
    ]
    assert status_message(report) == "mixed.vcf: 1 added, 1 warning, 1 left out"


def test_a_report_with_only_warnings_has_only_that_heading(qtbot: QtBot) -> None:
    report = ImportReport(file="a.vcf", added=1, problems=[Problem("a.vcf", 4, CUT, kept=True)])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary_label.text().splitlines() == [
        "Added 1 new person.",
        "1 warning about what was imported; check it.",
    ]
    assert dialog.problems_edit.toPlainText() == f"Imported, but check (1):\n  a.vcf:4: {CUT}"
    assert status_message(report) == "a.vcf: 1 added, 1 warning"


def test_the_preview_shows_each_kind_in_its_own_tab(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    path = mixed_file(tmp_path)
    dialog = ImportPreviewDialog(sqlite_services, sqlite_services.imports.preview(path), None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary_label.text() == "1 new, 0 duplicates, 1 warning, 1 left out"
    tabs = dialog.tabs
    assert tabs.tabText(dialog.problems_tab) == "Left out (1)"
    assert tabs.tabText(dialog.warnings_tab) == "Imported, but check (1)"
    assert tabs.isTabEnabled(dialog.problems_tab) and tabs.isTabEnabled(dialog.warnings_tab)

    def rows(model: object) -> list[str]:
        return [model.index(r, 0).data() for r in range(model.rowCount())]  # type: ignore[attr-defined]

    assert rows(dialog.problems_model) == [f"mixed.vcf:1: {NO_NAME}"]
    assert rows(dialog.warnings_model) == [f"mixed.vcf:7: {CUT}"]


def test_the_possible_duplicates_added_as_new_are_named_in_the_report(qtbot: QtBot) -> None:
    dialog = ImportReportDialog(ImportReport(file="a.vcf", added=3, possible_added=2))
    qtbot.addWidget(dialog)
    assert dialog.summary_label.text().splitlines() == [
        "Added 3 new people.",
        "2 people added as new although their name matches someone: review them with "
        "People > Find duplicates.",
    ]


def test_the_cap_of_each_kind_is_listed_under_its_heading() -> None:
    bad = "".join("no colon\r\n" for _ in range(PROBLEM_LIMIT + 2))
    data = f"BEGIN:VCARD\r\nFN:Ada\r\n{bad}BEGIN:VCARD\r\nFN:Bob\r\n".encode()
    problems = [item for item in read_vcards(data, "big.vcf") if isinstance(item, Problem)]
    lines = problem_lines(problems)
    assert lines[0] == f"Left out ({PROBLEM_LIMIT + 1:,}):"
    assert lines[PROBLEM_LIMIT + 1].startswith("  big.vcf:1003: 2 more problems from here on")
    assert lines[PROBLEM_LIMIT + 2 :] == [
        "",
        "Imported, but check (1):",
        "  big.vcf:1005: 2 more warnings from here on were not listed (only the first 1,000 are)",
    ]

"""Importing files from the GUI end to end: real files under tmp_path, the real services, each
dialog filled in while the flow waits on it with exec()."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from netdesk.services.import_plan import ImportReport
from netdesk.services.records import ContactInput, ContactRow, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.importing.csv_mapping_dialog import CsvMappingDialog
from netdesk.ui.importing.flow import PROGRESS_FROM, ImportFlow
from netdesk.ui.importing.mapping_model import ColumnMappingModel
from netdesk.ui.importing.models import PlanEventsModel, PlanPeopleModel
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.importing.report_dialog import ImportReportDialog
from tests.ui.import_helpers import choose, column_texts
from tests.ui.main_window_helpers import ModalDriver, click
from tests.ui.polling import poll, stop_poll

CRLF = "\r\n"

VCARDS = CRLF.join(
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:<b>x</b>",
        "N:;<b>x</b>;;;",
        "ORG:Evil & Co",
        "EMAIL:x@example.org",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Ada King",
        "N:King;Ada;;;",
        "ORG:Analytical Engines",
        "EMAIL;TYPE=work:ada@example.org",
        "TEL;TYPE=cell:+44 20 7946 0000",
        "END:VCARD",
        # Broken: the card never ends (kept, with a warning).
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Broken Bob",
        "EMAIL:bob@example.org",
        "",
    ]
)

LINKEDIN = "\n".join(
    [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Grace,Hopper,https://www.linkedin.com/in/grace,grace@navy.mil,US Navy,Rear Admiral,"
        "01 Jan 2024",
        "Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley Park,Cryptanalyst,02 Feb 2024",
        "",
    ]
)

UNKNOWN_CSV = "\n".join(
    [
        "Person,Mail,Company,Favourite colour",
        "Ada Byron,ada.byron@example.org,Analytical,blue",
        "Alan Turing,alan@example.org,Bletchley,green",
        "",
    ]
)


def calendar(name: str) -> str:
    return CRLF.join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Test//EN",
            "BEGIN:VEVENT",
            "UID:pydata-2026@example.org",
            f"SUMMARY:{name}",
            "DTSTART:20260502T090000Z",
            "DTEND:20260502T170000Z",
            "LOCATION:bcc",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:holiday@example.org",
            "SUMMARY:Holiday",
            "DTSTART;VALUE=DATE:20260501",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.resize(800, 600)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def flow(window: QWidget, sqlite_services: Services) -> ImportFlow:
    return ImportFlow(window, sqlite_services)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def people(services: Services) -> list[ContactRow]:
    return services.search.page("")


def accept_report(seen: list[str]) -> ModalDriver[ImportReportDialog]:
    def fill(dialog: ImportReportDialog) -> None:
        seen.append(dialog.summary_label.text())
        seen.append(dialog.problems_edit.toPlainText())
        dialog.close_button.click()

    return ModalDriver(ImportReportDialog, fill)


def preview_driver(
    qtbot: QtBot, decide: Callable[[ImportPreviewDialog], None]
) -> ModalDriver[ImportPreviewDialog]:
    def fill(dialog: ImportPreviewDialog) -> None:
        decide(dialog)
        click(qtbot, dialog.ok_button)

    return ModalDriver(ImportPreviewDialog, fill)


def import_through_preview(
    qtbot: QtBot,
    flow: ImportFlow,
    path: Path,
    decide: Callable[[ImportPreviewDialog], None] = lambda dialog: None,
    seen: list[str] | None = None,
) -> ImportReport:
    """Import one file as the user does: `decide` fills in its preview before OK is clicked,
    then the report is closed (its texts noted in `seen`)."""
    preview = preview_driver(qtbot, decide)
    report_driver = accept_report([] if seen is None else seen)
    [report] = flow.run([path])
    preview.check()
    report_driver.check()
    return report


# --- vCard -----------------------------------------------------------------------------------


def test_a_vcard_file_adds_the_new_merges_the_duplicate_and_reports_the_broken_card(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    ada = services.contacts.create(
        ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"])
    )
    demo = services.events.create(
        EventInput(name="Demo Day", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    path = write(tmp_path, "people.vcf", VCARDS)
    shown: dict[str, object] = {}

    def decide(dialog: ImportPreviewDialog) -> None:
        view = dialog.people_view
        shown["names"] = column_texts(view, PlanPeopleModel.NAME)
        shown["status"] = column_texts(view, PlanPeopleModel.STATUS)
        shown["summary"] = dialog.summary_label.text()
        shown["problems"] = dialog.tabs.tabText(dialog.problems_tab)
        shown["warnings"] = dialog.tabs.tabText(dialog.warnings_tab)
        dialog.event_combo.setFocus()
        qtbot.keyClicks(dialog.event_combo, "Demo")
        shown["button"] = dialog.ok_button.text()

    preview = preview_driver(qtbot, decide)
    seen: list[str] = []
    report_driver = accept_report(seen)

    reports = flow.run([path])

    preview.check()
    report_driver.check()
    assert shown == {
        "names": ["<b>x</b>", "Ada King", "Broken Bob"],
        "status": ["New", "Duplicate of Ada Lovelace (same email ada@example.org)", "New"],
        # The card cut short goes in: a warning, not something left out.
        "summary": "2 new, 1 duplicate, 1 warning, 0 left out",
        "problems": "Left out (0)",
        "warnings": "Imported, but check (1)",
        "button": "Add 2, merge 1",
    }
    reports_counts = [(r.added, r.merged, r.attached, r.rejected, r.warned) for r in reports]
    assert reports_counts == [(2, 1, 3, 0, 1)]
    assert seen[0].splitlines() == [
        "Added 2 new people.",
        "Merged 1 person into people already here.",
        "Put 3 people on the attendee list of \u201cDemo Day\u201d.",
        "1 warning about what was imported; check it.",
    ]
    assert seen[1].splitlines()[0] == "Imported, but check (1):"
    assert seen[1].splitlines()[1].startswith(f"  {path}:19: the file ends before END:VCARD")
    assert sorted(row.name for row in people(services)) == [
        "<b>x</b>",
        "Ada Lovelace",
        "Broken Bob",
    ]
    merged = services.contacts.get(ada)
    assert merged.organization == "Analytical Engines"  # the empty field was filled
    assert len(merged.phones) == 1
    assert sorted(a.name for a in services.events.attendees(demo)) == [
        "<b>x</b>",
        "Ada Lovelace",
        "Broken Bob",
    ]


def test_skip_chosen_for_a_duplicate_leaves_the_person_in_netdesk_as_they_were(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    ada = sqlite_services.contacts.create(
        ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"])
    )
    path = write(tmp_path, "people.vcf", VCARDS)

    def decide(dialog: ImportPreviewDialog) -> None:
        index = dialog.people_model.index(1, PlanPeopleModel.ACTION)
        choose(qtbot, dialog.people_view, index, "Skip")
        assert dialog.ok_button.text() == "Add 2, skip 1"

    report = import_through_preview(qtbot, flow, path, decide)
    assert (report.added, report.merged, report.skipped) == (2, 0, 1)
    assert sqlite_services.contacts.get(ada).organization == ""
    assert len(people(sqlite_services)) == 3


# --- CSV -------------------------------------------------------------------------------------


def test_a_linkedin_export_is_recognised_and_imported(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, "Connections.csv", LINKEDIN)
    shown: list[str] = []

    def decide(dialog: ImportPreviewDialog) -> None:
        shown.append(dialog.layout_label.text())
        shown.extend(column_texts(dialog.people_view, PlanPeopleModel.ORGANIZATION))

    report = import_through_preview(qtbot, flow, path, decide)
    assert shown == ["LinkedIn connections", "US Navy", "Bletchley Park"]
    assert report.added == 2
    rows = {row.name: row for row in people(sqlite_services)}
    assert set(rows) == {"Grace Hopper", "Alan Turing"}
    assert rows["Grace Hopper"].email == "grace@navy.mil"
    assert rows["Alan Turing"].title == "Cryptanalyst"


def test_an_unknown_csv_asks_what_its_columns_hold_then_imports_by_that(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, "odd.csv", UNKNOWN_CSV)
    guessed: list[str] = []

    def map_columns(dialog: CsvMappingDialog) -> None:
        guessed.extend(column_texts(dialog.view, ColumnMappingModel.FIELD))
        # The user knows better: the third column is the job, not the employer.
        choose(qtbot, dialog.view, dialog.model.index(2, ColumnMappingModel.FIELD), "Job title")
        click(qtbot, dialog.ok_button)

    mapping = ModalDriver(CsvMappingDialog, map_columns)
    report = import_through_preview(qtbot, flow, path)
    mapping.check()
    assert guessed == ["Full name", "Email", "Organisation", "Ignore"]
    assert report.added == 2
    rows = {row.name: row for row in people(sqlite_services)}
    assert rows["Ada Byron"].title == "Analytical"
    assert rows["Ada Byron"].organization == ""
    assert rows["Ada Byron"].email == "ada.byron@example.org"


def test_the_column_dialog_preselects_from_the_synonyms_of_other_programs(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    # French Outlook headers: before, only "Prénom" and "Nom" were recognised.
    path = write(
        tmp_path,
        "contacts.csv",
        "Prénom,Nom,Adresse de messagerie,Tél. mobile,Ville (bureau),Ville (domicile),Custom 1\n"
        "Marie,Curie,marie@radium.example,+33 6 12 34 56 78,Paris,Sceaux,x\n",
    )
    guessed: list[str] = []

    def accept(dialog: CsvMappingDialog) -> None:
        guessed.extend(column_texts(dialog.view, ColumnMappingModel.FIELD))
        click(qtbot, dialog.ok_button)

    mapping = ModalDriver(CsvMappingDialog, accept)
    report = import_through_preview(qtbot, flow, path)
    mapping.check()
    assert guessed == ["First name", "Last name", "Email", "Phone", "City", "City", "Ignore"]
    assert report.added == 1
    (marie,) = people(sqlite_services)
    assert (marie.name, marie.email) == ("Marie Curie", "marie@radium.example")


@pytest.mark.parametrize(
    ("name", "content", "dialog"),
    [
        ("people.vcf", VCARDS, ImportPreviewDialog),
        ("odd.csv", UNKNOWN_CSV, CsvMappingDialog),
    ],
)
def test_cancelling_the_preview_or_the_column_mapping_imports_nothing(
    qtbot: QtBot,
    flow: ImportFlow,
    sqlite_services: Services,
    tmp_path: Path,
    name: str,
    content: str,
    dialog: type[ImportPreviewDialog | CsvMappingDialog],
) -> None:
    path = write(tmp_path, name, content)
    cancel = ModalDriver(dialog, lambda d: d.buttons.rejected.emit())
    assert flow.run([path]) == []
    cancel.check()
    assert people(sqlite_services) == []


def test_a_file_with_nobody_in_it_says_so_without_a_preview(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, "Connections.csv", LINKEDIN.split("Grace")[0])
    seen: list[str] = []
    report_driver = accept_report(seen)
    [report] = flow.run([path])
    report_driver.check()
    assert seen[0] == "There was nothing to import: it has no rows with people in them."
    assert report.added == 0


# --- iCalendar -------------------------------------------------------------------------------


def test_calendar_events_are_created_then_updated_by_uid(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    shown: list[list[str]] = []

    def decide(dialog: ImportPreviewDialog) -> None:
        shown.append(column_texts(dialog.events_view, PlanEventsModel.NAME))
        shown.append(column_texts(dialog.events_view, PlanEventsModel.STATUS))

    first = write(tmp_path, "cal.ics", calendar("PyData Berlin"))
    report = import_through_preview(qtbot, flow, first, decide)
    assert report.events_added == 2
    assert sorted(e.name for e in sqlite_services.events.list()) == ["Holiday", "PyData Berlin"]

    again = write(tmp_path, "cal2.ics", calendar("PyData Berlin 2026"))
    report = import_through_preview(qtbot, flow, again, decide)
    assert shown[2:] == [["PyData Berlin 2026", "Holiday"], ["Update", "Update"]]
    assert report.events_updated == 2
    names = sorted(e.name for e in sqlite_services.events.list())
    assert names == ["Holiday", "PyData Berlin 2026"]


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.vcf", None), ("<b>empty<i>.vcf", b"  \r\n"), ("picture.png", b"\x89PNG\r\n\x1a\n")],
)
def test_a_file_that_cannot_be_read_is_explained_in_plain_text(
    qtbot: QtBot,
    flow: ImportFlow,
    sqlite_services: Services,
    tmp_path: Path,
    name: str,
    content: bytes | None,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    told: list[tuple[str, Qt.TextFormat]] = []

    def read(box: QMessageBox) -> None:
        told.append((box.text(), box.textFormat()))
        box.accept()

    error = ModalDriver(QMessageBox, read)
    assert flow.run([path]) == []
    error.check()
    [(text, text_format)] = told
    assert str(path) in text and "Traceback" not in text
    assert text_format == Qt.TextFormat.PlainText


# --- big files -------------------------------------------------------------------------------


def word(i: int, salt: int) -> str:
    """A made-up name unlike every other: similar names would be taken for duplicates."""
    digest = hashlib.sha256(f"{i}-{salt}".encode()).digest()
    return "".join(chr(ord("a") + b % 26) for b in digest[:7]).capitalize()


def linkedin_rows(n: int) -> str:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    rows = [f"{word(i, 0)},{word(i, 1)},,p{i}@example.org,,,01 Jan 2024" for i in range(n)]
    return "\n".join([header, *rows, ""])


class ProgressWatcher:
    """Looks for the progress dialog each time events are processed (the import processes them
    through QProgressDialog.setValue); clicks its Cancel button when told to."""

    def __init__(self, cancel: bool) -> None:
        self.cancel = cancel
        self.seen: list[str] = []
        self._timer = poll(self._look, interval_ms=0)

    def stop(self) -> None:
        stop_poll(self._timer)

    def _look(self) -> bool:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QProgressDialog) and modal.isVisible():
            self.seen.append(modal.labelText())
            if self.cancel:
                [button] = modal.findChildren(QPushButton)
                self.seen.append(button.text())
                button.click()
            return True
        return False


def test_a_big_import_shows_its_progress(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    n = PROGRESS_FROM + 50
    path = write(tmp_path, "big.csv", linkedin_rows(n))
    watcher = ProgressWatcher(cancel=False)
    report = import_through_preview(qtbot, flow, path)
    assert watcher.seen == [f"Importing {n} people from big.csv…"]
    assert report.added == n
    assert sqlite_services.search.count() == n
    assert not any(
        isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_cancelling_a_big_import_keeps_nothing(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, "big.csv", linkedin_rows(1500))
    preview = preview_driver(qtbot, lambda d: None)
    watcher = ProgressWatcher(cancel=True)
    seen: list[str] = []
    report_driver = accept_report(seen)
    reports: list[ImportReport] = []
    flow.imported.connect(reports.append)

    [report] = flow.run([path])

    preview.check()
    report_driver.check()
    assert watcher.seen[1] == "Cancel import"
    assert report.cancelled and reports == [report]
    assert seen[0] == "The import was cancelled. Nothing was changed."
    assert sqlite_services.search.count() == 0


def test_small_imports_show_no_progress_dialog(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, "small.csv", linkedin_rows(PROGRESS_FROM - 1))
    watcher = ProgressWatcher(cancel=False)
    report = import_through_preview(qtbot, flow, path)
    watcher.stop()
    assert watcher.seen == []
    assert report.added == PROGRESS_FROM - 1


# --- what the report says --------------------------------------------------------------------

EVENTBRITE = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,"
    "Attendee #,Attendee Status,Job Title,Company\n"
    "1001,2027-02-01,Ada,Lovelace,ada@example.org,1,,Speaker,1,Checked In,CTO,Engines\n"
    "1002,2027-02-02,Alan,Turing,alan@example.org,1,,General,2,Attending,,Bletchley\n"
)


def report_titled(seen: list[str]) -> ModalDriver[ImportReportDialog]:
    def fill(dialog: ImportReportDialog) -> None:
        seen.extend([dialog.title_label.text(), dialog.summary_label.text()])
        dialog.close_button.click()

    return ModalDriver(ImportReportDialog, fill)


def run_and_read(
    qtbot: QtBot,
    flow: ImportFlow,
    path: Path,
    decide: Callable[[ImportPreviewDialog], None] = lambda _dialog: None,
) -> tuple[str, list[str]]:
    """Import `path`, deciding in the preview; the OK button's text once decided, and the
    report's title and summary."""
    button: list[str] = []

    def fill(dialog: ImportPreviewDialog) -> None:
        decide(dialog)
        button.append(dialog.ok_button.text())

    preview = preview_driver(qtbot, fill)
    seen: list[str] = []
    report_driver = report_titled(seen)
    flow.run([path])
    preview.check()
    report_driver.check()
    [said] = button
    return said, seen


def test_an_attendee_list_without_an_event_says_roles_and_check_in_were_not_kept(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, "attendees.csv", EVENTBRITE)
    button, seen = run_and_read(qtbot, flow, path)
    assert button == "Import 2 people without an event"
    assert seen == [
        "Import of attendees.csv finished",
        "Added 2 new people.\nRoles and check-in status were not kept because no event was chosen.",
    ]


def test_an_attendee_list_put_on_a_new_event_names_it_in_the_report(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, "attendees.csv", EVENTBRITE)

    def new_event(dialog: ImportPreviewDialog) -> None:
        dialog.event_combo.setCurrentIndex(dialog.event_combo.count() - 1)
        qtbot.keyClicks(dialog.new_event_edit, "Launch <Night>")

    _button, seen = run_and_read(qtbot, flow, path, new_event)
    assert seen[1].splitlines() == [
        "Added 2 new people.",
        "Put 2 people on the attendee list of \u201cLaunch <Night>\u201d (a new event).",
    ]
    event = sqlite_services.events.find_by_name("Launch <Night>")
    assert event is not None
    roles = {a.name: a.role for a in sqlite_services.events.attendees(event)}
    assert roles == {"Ada Lovelace": "speaker", "Alan Turing": "attendee"}


def test_someone_listed_twice_is_reported_as_merged_with_their_earlier_card(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    card = CRLF.join(["BEGIN:VCARD", "VERSION:3.0", "FN:Ada King", "EMAIL:ada@example.org"])
    path = write(
        tmp_path,
        "twice.vcf",
        CRLF.join([card, "END:VCARD", card, "TEL:+44 20 7946 0000", "END:VCARD", ""]),
    )
    button, seen = run_and_read(qtbot, flow, path)
    assert button == "Add 1, merge 1"
    assert seen[1].splitlines() == [
        "Added 1 new person.",
        "Merged 1 person with someone earlier in this file.",
    ]
    [ada] = people(sqlite_services)
    assert len(sqlite_services.contacts.get(ada.id).phones) == 1


def test_a_calendar_of_to_dos_says_why_nothing_was_imported(
    qtbot: QtBot, flow: ImportFlow, sqlite_services: Services, tmp_path: Path
) -> None:
    todos = CRLF.join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Test//EN",
            "BEGIN:VTODO",
            "UID:todo-1@example.org",
            "SUMMARY:Write to Ada",
            "DUE;VALUE=DATE:20260601",
            "END:VTODO",
            "END:VCALENDAR",
            "",
        ]
    )
    path = write(tmp_path, "tasks.ics", todos)
    seen: list[str] = []
    report_driver = report_titled(seen)
    [report] = flow.run([path])
    report_driver.check()
    assert seen == [
        "Nothing was imported from tasks.ics",
        "There was nothing to import: it has no events; netdesk imports events from calendars.",
    ]
    assert report.events_added == 0 and sqlite_services.events.list() == []

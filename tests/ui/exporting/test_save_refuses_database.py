"""Every save dialog of the window refuses the open database: a symlink or a hard link to it, or
its own path, chosen by mistake in a file dialog, gets a clear message and nothing is written."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from netdesk.output_files import OutputRefused
from netdesk.services.import_plan import ImportReport
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.cards.window import QrCardWindow
from netdesk.ui.exporting.actions import export_csv, export_ics, export_vcard
from netdesk.ui.importing.report_dialog import ImportReportDialog
from tests.ui.badges.test_dialog import _event_with_people, _open
from tests.ui.main_window_helpers import answer_message_box, settings_at


@pytest.fixture
def database(sqlite_services: Services, tmp_path: Path) -> Iterator[Path]:
    """The open database's file, with a symlink and a hard link to it beside it."""
    sqlite_services.contacts.create(
        ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"])
    )
    path = tmp_path / "netdesk.sqlite"
    (tmp_path / "link.vcf").symlink_to(path)
    os.link(path, tmp_path / "hard.csv")
    before = _digest(path)
    yield path
    assert _digest(path) == before
    assert (tmp_path / "link.vcf").is_symlink()
    assert not list(tmp_path.glob(".*.part"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_export_dialogs_refuse_the_database(
    qtbot: QtBot, sqlite_services: Services, database: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    folder = database.parent
    for export, name in (
        (export_vcard, "link.vcf"),
        (export_csv, "hard.csv"),
        (export_ics, "netdesk.sqlite"),
        (export_vcard, "netdesk.sqlite-wal"),
    ):
        seen: list[str] = []
        answer_message_box(seen)
        chosen = str(folder / name)
        assert export(window, sqlite_services, ask=lambda *_args, c=chosen: c) is None
        assert seen == [
            f"Could not save “{name}” in {folder}: it is the open database.\n\n"
            "Nothing was written. Choose another name and try again."
        ]


def test_an_export_into_the_backups_folder_asks_for_another_folder(
    qtbot: QtBot, sqlite_services: Services, database: Path
) -> None:
    """Another name would be refused there too: the advice is another folder."""
    window = QWidget()
    qtbot.addWidget(window)
    backups = database.with_name(database.name + ".backups")
    backups.mkdir(exist_ok=True)
    seen: list[str] = []
    answer_message_box(seen)
    chosen = str(backups / "contacts.vcf")
    assert export_vcard(window, sqlite_services, ask=lambda *_args: chosen) is None
    assert seen == [
        f"Could not save “contacts.vcf” in {backups}: it is in the open database's backups "
        "folder.\n\nNothing was written. Choose another folder and try again."
    ]
    assert not (backups / "contacts.vcf").exists()


def test_the_qr_card_window_refuses_the_database(
    qtbot: QtBot, sqlite_services: Services, database: Path, tmp_path: Path
) -> None:
    contact_id = sqlite_services.cards.find_contact("ada@example.org")
    window = QrCardWindow(sqlite_services, contact_id, settings_at(tmp_path))
    window.show()
    try:
        for save, name in ((window.save_png_to, "card.png"), (window.save_svg_to, "card.svg")):
            (tmp_path / name).symlink_to(database)
            seen: list[str] = []
            answer_message_box(seen)
            assert save(tmp_path / name) is None
            # In the words of the window's other save dialogs, not the command line's.
            assert seen == [
                f"Could not save “{name}” in {tmp_path}: it is the open database.\n\n"
                "Nothing was written. Choose another name and try again."
            ]
    finally:
        if shiboken6.isValid(window):
            window.close()


def test_the_badge_dialog_refuses_the_database(
    qtbot: QtBot, sqlite_services: Services, database: Path, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 2)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    (tmp_path / "badges.pdf").symlink_to(database)
    for save in (dialog.export_pdf_to, dialog.save_alignment_to):
        seen: list[str] = []
        answer_message_box(seen)
        assert not save(tmp_path / "badges.pdf")
        assert seen == [
            f"Could not save “badges.pdf” in {tmp_path}: it is the open database.\n\n"
            "Nothing was written. Choose another name and try again."
        ]


def test_the_import_report_refuses_the_database(qtbot: QtBot, database: Path) -> None:
    dialog = ImportReportDialog(ImportReport(file="a.vcf", added=1))
    qtbot.addWidget(dialog)
    with pytest.raises(OutputRefused, match="it is the open database"):
        dialog.save_to(database.parent / "link.vcf")

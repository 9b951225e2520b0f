"""The welcome of a first start: three first steps on an empty database, and none otherwise."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from netdesk.config import demo_database_path
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.help.welcome import DEMO_TITLE, IMPORT_TITLE, ME_TITLE
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.importing.report_dialog import ImportReportDialog
from netdesk.ui.main_window import TODAY, MainWindow
from netdesk.ui.people.contact_dialog import ContactDialog
from tests.ui.main_window_helpers import ModalDriver, click, open_window, settings_at

VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL:ada@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nN:Turing;Alan;;;\r\nEND:VCARD\r\n"
)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder (where demo.sqlite goes) under the test's folder."""
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def today_page(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    window = open_window(qtbot, services, settings_at(tmp_path))
    window.go_to(TODAY)
    return window


def welcome_shown(window: MainWindow) -> bool:
    return window.welcome.isVisible() and not window.view(TODAY).isVisible()


def test_an_empty_database_shows_the_welcome_with_three_steps(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = today_page(qtbot, sqlite_services, tmp_path)
    assert welcome_shown(window)
    titles = [b.text() for b in window.welcome.buttons()]
    assert titles == [ME_TITLE, IMPORT_TITLE, DEMO_TITLE]
    assert all(b.isVisible() and b.isEnabled() for b in window.welcome.buttons())
    # It says where to find the steps again, and that the guide goes on past a first start.
    said = " ".join(
        label.text() for label in window.welcome.findChildren(type(window.database_label))
    )
    assert "Help > Getting started (F1)" in said
    assert "emails from templates, keeping in touch, goals and reminders" in said


@pytest.mark.parametrize("kind", ["person", "event"])
def test_a_database_with_people_or_events_shows_no_welcome(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, kind: str
) -> None:
    if kind == "person":
        sqlite_services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    else:
        sqlite_services.events.create(
            EventInput(name="PyCon", starts_at=datetime(2027, 5, 1, 9, tzinfo=UTC))
        )
    window = today_page(qtbot, sqlite_services, tmp_path)
    assert not window.welcome.isVisible()
    assert window.view(TODAY).isVisible()


def test_the_welcome_leaves_with_the_first_person_and_comes_back_when_emptied(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = today_page(qtbot, sqlite_services, tmp_path)
    contact_id = sqlite_services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    qtbot.waitUntil(lambda: not window.welcome.isVisible())
    assert window.view(TODAY).isVisible()
    sqlite_services.contacts.delete([contact_id])
    qtbot.waitUntil(lambda: welcome_shown(window))


def test_set_up_my_card_adds_me_and_shows_my_qr_card(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = today_page(qtbot, sqlite_services, tmp_path)
    click(qtbot, window.welcome.me_button)
    dialog = window.findChild(ContactDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.is_me_check.isChecked()
    dialog.name_edit.setText("Ada Lovelace")
    click(qtbot, dialog.ok_button)
    me = sqlite_services.contacts.me()
    assert me is not None and me.formatted_name == "Ada Lovelace"
    qtbot.waitUntil(lambda: me.id in window.cards.windows)
    assert window.cards.windows[me.id].isVisible()
    assert not window.welcome.isVisible()


def test_import_contacts_opens_the_import_and_brings_people_in(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "phone.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    window = today_page(qtbot, sqlite_services, tmp_path)

    def open_file(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    files = ModalDriver(QFileDialog, open_file)
    preview = ModalDriver(ImportPreviewDialog, lambda d: click(qtbot, d.ok_button))
    report = ModalDriver(ImportReportDialog, lambda d: d.close_button.click())
    click(qtbot, window.welcome.import_button)
    for driver in (files, preview, report):
        driver.check()
    assert sqlite_services.contacts.count() == 2
    qtbot.waitUntil(lambda: not window.welcome.isVisible())


def test_demo_data_opens_in_a_file_and_window_of_its_own(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, data_home: Path
) -> None:
    window = today_page(qtbot, sqlite_services, tmp_path)
    commands: list[list[str]] = []
    window.help.launch = lambda command: commands.append(command) is None
    demo = demo_database_path()
    assert demo.is_relative_to(data_home) and not demo.exists()

    click(qtbot, window.welcome.demo_button)

    assert demo.exists()
    assert commands == [[sys.executable, "-m", "netdesk", "--db", str(demo)]]
    db = open_database(f"sqlite:///{demo}")
    try:
        assert Services(db).contacts.count() == 150
    finally:
        db.close()
    # The user's own database and window are as they were.
    assert sqlite_services.contacts.count() == 0
    assert sqlite_services.events.list() == []
    assert welcome_shown(window)
    assert window.windowTitle() == "netdesk"
    assert "demo" in window.statusBar().currentMessage()

    # A second look opens the same demo again: not made anew.
    made = demo.stat().st_mtime_ns
    click(qtbot, window.welcome.demo_button)
    assert len(commands) == 2 and demo.stat().st_mtime_ns == made


def test_the_demo_window_says_it_is_the_demo(qtbot: QtBot, tmp_path: Path, data_home: Path) -> None:
    from netdesk.services.demo.demo_file import ensure_demo_file

    path, made = ensure_demo_file()
    assert made
    db = open_database(f"sqlite:///{path}")
    try:
        window = open_window(qtbot, Services(db), settings_at(tmp_path))
        assert window.windowTitle() == "netdesk — demo data"
        banner = window.findChild(type(window.database_label), "demo_banner")
        assert banner is not None and banner.isVisible()
        assert "your own address book is not touched" in banner.text()
        assert not window.help.act_demo.isEnabled()
        window.close()
    finally:
        db.close()


def test_a_failed_start_of_the_demo_window_is_said(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, data_home: Path
) -> None:
    from tests.ui.main_window_helpers import answer_message_box

    window = today_page(qtbot, sqlite_services, tmp_path)
    window.help.launch = lambda command: False
    seen: list[str] = []
    answer_message_box(seen)
    assert not window.help.open_demo()
    qtbot.waitUntil(lambda: bool(seen))
    assert "could not start a second window" in seen[0]
    assert QApplication.activeModalWidget() is None


def test_the_demo_window_keeps_its_own_settings(data_home: Path, qapp: object) -> None:
    """Closing the demo's window must not change how the user's own window opens next time."""
    from netdesk.app import window_settings
    from netdesk.config import database_url, sqlite_url

    demo = window_settings(sqlite_url(demo_database_path()))
    own = window_settings(database_url(None, environ={}))
    assert demo.fileName() != own.fileName()
    assert "demo-window" in demo.fileName()
    assert window_settings(sqlite_url(data_home / "other.sqlite")).fileName() == own.fileName()


@pytest.mark.parametrize("filled", [False, True])
def test_an_empty_database_opens_on_the_welcome_whatever_page_was_last(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, filled: bool
) -> None:
    """The last session ended on People: an empty database still opens on the welcome, a
    filled one where the user left off."""
    if filled:
        sqlite_services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    settings = settings_at(tmp_path)
    settings.setValue("window/page", "people")
    window = open_window(qtbot, sqlite_services, settings)
    assert window.current_key() == ("people" if filled else TODAY)
    if not filled:
        assert welcome_shown(window)

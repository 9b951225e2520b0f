"""A dialog open in the window while another process changes the same record: saving the
dialog writes what the user changed, and keeps what the other process wrote meanwhile."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from netdesk import clock
from netdesk.models.note import NoteTopic
from netdesk.services.edit_merge import merge_lists
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import CHANNEL, open_database
from netdesk.ui.events.attendees_model import NOTES, AttendeesModel
from netdesk.ui.followups.dialog import FollowUpDialog
from netdesk.ui.main_window import EVENTS, PEOPLE, MainWindow
from netdesk.ui.outside_changes import BACK_TEXT, LOG_GONE_TEXT, REPLACED_TEXT, RESTORED_TEXT
from netdesk.ui.people.note_dialog import NoteDialog
from tests.conftest import PG_URL_VAR
from tests.conftest import _reset_postgres as reset_postgres
from tests.ui.main_window_helpers import open_window, settings_at
from tests.ui.test_outside_changes import _damage, netdesk_cli, people_count, reloads_of

MERGED_IN = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@old.org\r\nEMAIL:ann@new.org\r\n"
    "TEL:+46 70 123 45 67\r\nTITLE:CTO\r\nEND:VCARD\r\n"
)


def test_saving_a_contact_dialog_keeps_what_an_import_merged_in_meanwhile(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    contacts = sqlite_services.contacts
    ann = contacts.create(
        ContactInput(formatted_name="Ann Lee", emails=["ann@old.org"], tags=["python"])
    )
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    dialog = window.view(PEOPLE).make_contact_dialog(ann)
    dialog.open()
    # The user gives Ann an organisation and a tag and drops nothing...
    dialog.organization_edit.setText("Acme")
    dialog.tags_edit.setText("python, speaker")

    # ...while a terminal merges a second email, a phone and a title into her.
    vcf = tmp_path / "merge.vcf"
    vcf.write_text(MERGED_IN, encoding="utf-8")
    assert "1 merged" in netdesk_cli(str(db_path), "import", str(vcf)).stdout

    assert dialog.save()
    saved = contacts.get(ann)
    assert saved.organization == "Acme"
    assert list(saved.tags) == ["python", "speaker"]
    assert list(saved.emails) == ["ann@old.org", "ann@new.org"]
    assert [p.shown for p in saved.phones] == ["+46 70 123 45 67"]
    assert saved.title == "CTO"


def test_a_field_both_changed_takes_the_users_value_and_lists_keep_both_changes() -> None:
    # The user removed b and added d; the other process removed c and added e.
    assert merge_lists(["a", "b", "c"], ["a", "c", "d"], ["a", "b", "e"]) == ["a", "d", "e"]
    # Untouched by the other process: the user's list as typed, in the user's order.
    assert merge_lists(["a", "b"], ["b", "a", "x"], ["a", "b"]) == ["b", "a", "x"]


def _other_process_adds_event(db_path: Path, name: str) -> None:
    other = open_database(f"sqlite:///{db_path}")
    try:
        Services(other).events.create(
            EventInput(name=name, starts_at=datetime(2026, 5, 1, 9, tzinfo=UTC))
        )
    finally:
        other.close()


def test_an_outside_commit_just_before_the_windows_own_is_still_shown(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """Another process adds an event; before the window's next check the user saves a note
    (which reloads no event list). The event must still appear: the window's own commit may
    not swallow the sign that the file changed."""
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    events = window.go_to(EVENTS)
    assert events.model.event_count() == 0
    window.outside_changes.timer.stop()  # the check has not come round yet

    _other_process_adds_event(db_path, "Outside Conf")
    sqlite_services.notes.add(ann, "Met at the door")

    window.outside_changes.timer.start()
    qtbot.waitUntil(lambda: events.model.event_count() == 1, timeout=2500)


def test_after_the_windows_own_restore_a_plain_outside_write_is_not_called_a_restore(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    backups = sqlite_services.db.backups
    assert backups is not None
    backup = backups.take("manual")
    sqlite_services.contacts.create(ContactInput(formatted_name="Bo Chen"))
    sqlite_services.db.restore(backup.path)  # what File > Restore backup… does
    window.statusBar().showMessage("Restored.")

    other = open_database(f"sqlite:///{db_path}")
    try:
        Services(other).contacts.create(ContactInput(formatted_name="Cy Dow"))
    finally:
        other.close()
    qtbot.waitUntil(lambda: people_count(window) == 2, timeout=2500)
    qtbot.wait(200)
    assert window.statusBar().currentMessage() != RESTORED_TEXT


def test_the_windows_own_restore_over_a_damaged_file_is_not_reported_as_replaced(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """A damaged file is set aside and the backup copied in its place (a new file): done by
    the window itself, it is no outside replacement to reopen and announce."""
    sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    backups = sqlite_services.db.backups
    assert backups is not None
    backup = backups.take("manual")
    for i in range(300):
        sqlite_services.contacts.create(ContactInput(formatted_name=f"Person {i}"))
    before = db_path.stat().st_ino
    _damage(db_path)
    seen = reloads_of(window)

    sqlite_services.db.restore(backup.path)
    assert db_path.stat().st_ino != before
    window.statusBar().showMessage("Restored.")
    qtbot.wait(2500)
    assert window.statusBar().currentMessage() == "Restored."
    assert len(seen) == 1  # the restore's own reload, no second one for a "replacement"
    assert people_count(window) == 1
    sqlite_services.contacts.create(ContactInput(formatted_name="Bo Chen"))
    assert people_count(window) == 2


def test_a_write_ahead_log_deleted_under_the_window_keeps_its_changes(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """`rm book.sqlite-wal book.sqlite-shm` while the window is open: the last commits live
    only in that log, which the window's connections still hold. They are written into the
    file and the file reopened, instead of lost, with errors at every click."""
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    for name in ("Ann Lee", "Bo Chen"):
        sqlite_services.contacts.create(ContactInput(formatted_name=name))
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0  # the two are in the log, not yet in the file
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink()

    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == LOG_GONE_TEXT, timeout=2500)
    assert people_count(window) == 2
    sqlite_services.contacts.create(ContactInput(formatted_name="Cy Dow"))
    assert people_count(window) == 3
    with closing(sqlite3.connect(db_path)) as fresh:  # as another process sees the file
        names = {name for (name,) in fresh.execute("SELECT formatted_name FROM contacts")}
    assert names == {"Ann Lee", "Bo Chen", "Cy Dow"}


def test_a_restore_from_the_command_line_clears_the_windows_undo_steps(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """As the window's own restore does: Ctrl+Z would put a deleted person back into the
    restored state (or fail on a row the restore brought back)."""
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    sqlite_services.contacts.create(ContactInput(formatted_name="Bo Chen"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = window.go_to(PEOPLE)
    backups = sqlite_services.db.backups
    assert backups is not None
    backup = backups.take("manual")
    assert people.delete_contacts([ann])
    assert window.undo_stack.canUndo()

    netdesk_cli(str(db_path), "restore", str(backup.path), "--yes")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == RESTORED_TEXT, timeout=2500)
    assert people_count(window) == 2
    assert not window.undo_stack.canUndo()


def _calendar(start: str, end: str, description: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:conf-1@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:PyCon Nord\r\n"
        f"DESCRIPTION:{description}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_saving_an_event_dialog_keeps_the_new_times_an_ics_import_brought_meanwhile(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "conf.ics"
    ics.write_text(_calendar("20260601T090000Z", "20260601T170000Z", "Old text"), "utf-8")
    netdesk_cli(str(db_path), "import", str(ics))
    [event] = sqlite_services.events.list()
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = window.go_to(EVENTS).event_dialog(event.id)
    dialog.open()
    dialog.venue_edit.setText("Folkets hus")  # the user adds the venue...

    # ...while the organisers' updated calendar, moved by a day, is imported in a terminal.
    ics.write_text(_calendar("20260602T100000Z", "20260602T180000Z", "Moved by a day"), "utf-8")
    assert "1 event updated" in netdesk_cli(str(db_path), "import", str(ics)).stdout

    dialog.save()
    assert not dialog.isVisible()
    saved = sqlite_services.events.get(event.id)
    assert saved.venue == "Folkets hus"
    assert saved.starts_at == datetime(2026, 6, 2, 10, tzinfo=UTC)
    assert saved.ends_at == datetime(2026, 6, 2, 18, tzinfo=UTC)
    assert saved.description == "Moved by a day"


def test_an_event_time_both_changed_is_taken_whole_from_the_user() -> None:
    from netdesk.services.edit_merge import EVENT_TIMES, merge_edit

    nine, ten, noon = (datetime(2026, 6, 1, h, tzinfo=UTC) for h in (9, 10, 12))
    opened = EventInput(name="A", starts_at=nine, ends_at=ten)
    mine = EventInput(name="A", starts_at=ten, ends_at=ten)  # a start moved, end left
    theirs = EventInput(name="B", starts_at=nine, ends_at=noon)
    merged = merge_edit(opened, mine, theirs, EVENT_TIMES)
    assert (merged.name, merged.starts_at, merged.ends_at) == ("B", ten, ten)


def test_a_dialog_opened_on_a_file_since_replaced_saves_nothing_over_a_stranger(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """`mv colleague.sqlite book.sqlite` while Ann's dialog is open: the window reopens the
    new file, where Ann's id is Zed's. Saving must not write Ann's form over Zed."""
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    dialog = window.view(PEOPLE).make_contact_dialog(ann)
    dialog.open()
    dialog.title_edit.setText("CTO")

    colleague = tmp_path / "colleague.sqlite"
    theirs = open_database(f"sqlite:///{colleague}")
    zed = Services(theirs).contacts.create(ContactInput(formatted_name="Zed Other"))
    theirs.close()
    assert zed == ann
    os.replace(colleague, db_path)
    qtbot.waitUntil(lambda: people_count(window) == 1 and window.isEnabled(), timeout=2500)
    qtbot.waitUntil(lambda: "replaced" in window.statusBar().currentMessage(), timeout=2500)

    assert not dialog.save()
    assert dialog.isVisible()
    assert dialog.title_edit.text() == "CTO"
    assert "replaced" in dialog.errors.label("form").text()
    stranger = sqlite_services.contacts.get(zed)
    assert (stranger.formatted_name, stranger.title) == ("Zed Other", "")
    dialog.reject()
    # A dialog opened now edits the new file.
    again = window.view(PEOPLE).make_contact_dialog(zed)
    again.title_edit.setText("CFO")
    assert again.save()
    assert sqlite_services.contacts.get(zed).title == "CFO"


def test_a_new_file_made_where_the_database_went_is_taken_as_another_file(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """`rm book.sqlite*`, the window says the file is gone; then `netdesk import` makes a new
    one there, which may even get the deleted file's inode number. That is another file: the
    window must not say its own came back, and editors opened before must not save into it."""
    sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    for suffix in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    qtbot.waitUntil(lambda: "not open" in window.database_label.text(), timeout=2500)

    vcf = tmp_path / "new.vcf"
    vcf.write_text(MERGED_IN.replace("Ann Lee", "New One"), encoding="utf-8")
    netdesk_cli(str(db_path), "import", str(vcf))
    replaced_before = window.services.db.files_replaced
    qtbot.waitUntil(lambda: "not open" not in window.database_label.text(), timeout=2500)
    assert window.statusBar().currentMessage() == BACK_TEXT
    assert "new one" in BACK_TEXT  # not "your file is back"
    assert window.services.db.files_replaced == replaced_before + 1
    assert window.services.contacts.find_by_name("New One") is not None


def test_a_newer_netdesk_upgrading_the_open_file_in_place_is_said_not_a_traceback(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """A newer netdesk run from a terminal upgrades the file in place (same file, new
    layout): this window's queries would fail at every reload. It says why it stops instead."""
    sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    with closing(sqlite3.connect(db_path)) as newer:
        newer.execute("UPDATE alembic_version SET version_num = '0099'")
        newer.execute("ALTER TABLE contacts RENAME COLUMN title TO job_title")
        newer.commit()

    qtbot.waitUntil(lambda: "not open" in window.database_label.text(), timeout=2500)
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "newer version of netdesk" in box.text()
    assert "layout" in box.text()
    assert people_count(window) == 1  # what it showed stays
    assert not window.act_capture.isEnabled()


@pytest.fixture
def pg_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    reset_postgres(url)
    db = open_database(url)
    for name in ("Ann Lee", "Bo Chen", "Cy Dow"):
        Services(db).contacts.create(ContactInput(formatted_name=name))
    window = open_window(qtbot, Services(db), settings_at(tmp_path))
    window.go_to(PEOPLE)
    yield window
    window.close()
    db.close()


@pytest.mark.postgres
def test_postgres_a_newer_netdesk_upgrading_the_server_stops_the_window_with_its_reason(
    qtbot: QtBot, pg_window: MainWindow
) -> None:
    window = pg_window
    url = window.services.db.engine.url.render_as_string(hide_password=False)
    newer = open_database(url)
    try:
        with newer.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
            conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": "newer contacts"})
    finally:
        newer.close()
    qtbot.waitUntil(lambda: "not open" in window.database_label.text(), timeout=2500)
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "newer version of netdesk" in box.text()
    assert people_count(window) == 3


def test_saving_a_note_dialog_keeps_the_topic_another_window_gave_the_note_meanwhile(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    note = sqlite_services.notes.add(ann, "Talked about Rust")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = NoteDialog(sqlite_services, ann, note_id=note, parent=window)
    dialog.open()
    dialog.body.setPlainText("Talked about Rust and Zig")

    other = open_database(f"sqlite:///{db_path}")  # a second window
    try:
        body = Services(other).notes.get(note).body
        Services(other).notes.update(note, body, NoteTopic.COMMON_GROUND.value, None)
    finally:
        other.close()

    dialog.ok_button.click()
    saved = sqlite_services.notes.get(note)
    assert (saved.body, saved.topic) == ("Talked about Rust and Zig", NoteTopic.COMMON_GROUND)


def test_saving_a_follow_up_dialog_keeps_a_snooze_another_window_made_meanwhile(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    due = clock.today() + timedelta(days=3)
    followup = sqlite_services.followups.add(ann, "Send the slides", due)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = FollowUpDialog(sqlite_services, followup_id=followup, parent=window)
    dialog.open()
    dialog.action.setText("Send the slides and the paper")

    other = open_database(f"sqlite:///{db_path}")  # a second window snoozes it a week
    try:
        snoozed = Services(other).followups.snooze(followup, days=7)
    finally:
        other.close()
    assert snoozed != due

    dialog.ok_button.click()
    saved = sqlite_services.followups.get(followup)
    assert (saved.action, saved.due_date) == ("Send the slides and the paper", snoozed)


def test_a_follow_up_dialog_opened_on_a_file_since_replaced_saves_nothing(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    mine = sqlite_services.followups.add(ann, "Send the slides", None)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = FollowUpDialog(sqlite_services, followup_id=mine, parent=window)
    dialog.open()
    dialog.action.setText("Send the slides today")

    colleague = tmp_path / "colleague.sqlite"
    theirs = open_database(f"sqlite:///{colleague}")
    zed = Services(theirs).contacts.create(ContactInput(formatted_name="Zed Other"))
    assert Services(theirs).followups.add(zed, "Pay the invoice", None) == mine
    theirs.close()
    os.replace(colleague, db_path)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == REPLACED_TEXT, timeout=2500)

    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "replaced" in dialog.form_error.text()
    assert sqlite_services.followups.get(mine).action == "Pay the invoice"


def test_an_attendee_edit_open_across_a_replacement_saves_nothing_over_a_stranger(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    """The event page reloads its attendees only once an in-place edit ends: the edit's row
    still names an attendance of the file that went."""
    when = datetime(2026, 6, 1, 9, tzinfo=UTC)
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    conf = sqlite_services.events.create(EventInput(name="Conf", starts_at=when))
    sqlite_services.events.add_attendee(conf, ann)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    model = AttendeesModel(sqlite_services, window)
    model.set_rows(sqlite_services.events.attendees(conf))
    errors: list[str] = []
    model.error.connect(errors.append)

    colleague = tmp_path / "colleague.sqlite"
    theirs = Services(open_database(f"sqlite:///{colleague}"))
    zed = theirs.contacts.create(ContactInput(formatted_name="Zed Other"))
    theirs.events.add_attendee(theirs.events.create(EventInput(name="Gala", starts_at=when)), zed)
    theirs.db.close()
    os.replace(colleague, db_path)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == REPLACED_TEXT, timeout=2500)

    assert not model.setData(model.index(0, NOTES), "Owes me a beer")
    assert errors and "replaced" in errors[0]
    [stranger] = sqlite_services.events.attendees(sqlite_services.events.list()[0].id)
    assert stranger.notes == ""


def test_an_event_deleted_elsewhere_keeps_its_open_dialog_and_what_was_typed(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    when = datetime(2026, 6, 1, 9, tzinfo=UTC)
    conf = sqlite_services.events.create(EventInput(name="Conf", starts_at=when))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = window.go_to(EVENTS).event_dialog(conf)
    dialog.open()
    dialog.description_edit.setPlainText("Three pages of notes on the venue")

    other = open_database(f"sqlite:///{db_path}")  # a second window deletes it
    try:
        Services(other).events.delete(conf)
    finally:
        other.close()

    dialog.save()
    assert dialog.isVisible()
    assert dialog.description_edit.toPlainText() == "Three pages of notes on the venue"
    assert "no longer exists" in dialog.errors.label("form").text()
    dialog.reject()

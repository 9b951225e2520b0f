"""A dialog open in the window while another process changes the same record: saving the
dialog writes what the user changed, and keeps what the other process wrote meanwhile."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from netdesk.services.edit_merge import merge_lists
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import PEOPLE
from tests.ui.main_window_helpers import open_window, settings_at
from tests.ui.test_outside_changes import netdesk_cli

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

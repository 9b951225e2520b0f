"""In the window: a phone's extension shown after the number and edited as "ext. 102" or "x102";
cards known only by a handle named in the import preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.importing.models import PlanPeopleModel
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.people.contact_dialog import ContactDialog
from netdesk.ui.people.table_model import NAME, PHONE
from netdesk.ui.people.view import PeopleView
from tests.ui.import_helpers import column_texts
from tests.undo_stacks import new_undo_stack

CARD = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\n"
    "TEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=102\r\nEND:VCARD\r\n"
)


def _imported(services: Services, tmp_path: Path) -> int:
    path = tmp_path / "ada.vcf"
    path.write_text(CARD)
    services.imports.import_file(path)
    [row] = services.search.page("")
    return row.id


def test_the_pane_and_the_table_show_the_extension_after_the_number(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    contact_id = _imported(sqlite_services, tmp_path)
    view = PeopleView(sqlite_services, ChangeBridge(sqlite_services.db), new_undo_stack())
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    assert view.show_contact(contact_id)
    texts = [w.text() for w in view.detail.findChildren(QLabel) if w.isVisible()]
    assert "+1-418-656-9254 ext. 102" in texts
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, NAME).data() == "Ada Lovelace"
    assert model.index(0, PHONE).data() == "+1-418-656-9254 ext. 102"


def test_the_dialog_edits_the_extension_with_the_number(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    contact_id = _imported(sqlite_services, tmp_path)
    dialog = ContactDialog(sqlite_services, contact_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.phones_edit.toPlainText() == "+1-418-656-9254 ext. 102"
    dialog.phones_edit.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(dialog.phones_edit, "+1 418 656 9254 x103")
    qtbot.keyClick(dialog.phones_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    phones = sqlite_services.contacts.get(contact_id).phones
    assert [(p.value, p.extension, p.e164) for p in phones] == [
        ("+1 418 656 9254", "103", "+14186569254"),
        ("+1-418-656-9254", "102", "+14186569254"),  # unchanged: the same row, its type kept
    ]
    assert phones[1].kind == "work"


def test_the_preview_names_cards_known_only_by_a_handle(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "handles.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Bobby;1;;;;;;;;;;;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nX-SKYPE:mallory.m\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nURL:http://www.example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nBDAY:1990-01-02\r\nEND:VCARD\r\n"
    )
    dialog = ImportPreviewDialog(sqlite_services, sqlite_services.imports.preview(path), None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert column_texts(dialog.people_view, PlanPeopleModel.NAME) == [
        "Bobby",
        "mallory.m",
        "example.org",
    ]
    # Only the card with nothing to name it by is a problem; the named ones are not reported.
    assert dialog.summary_label.text() == "3 new, 0 duplicates, 1 left out"

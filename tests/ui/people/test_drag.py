"""Dragging people out of the People table as a .vcf file."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.people.drag import (
    CONTACT_IDS_MIME,
    LEGACY_VCARD_MIME,
    VCARD_MIME,
    ContactDrag,
    ContactDragTable,
)
from netdesk.ui.people.table_model import NAME, PeopleTableModel
from tests.formats.independent_vcard import parse_vcards


def _add(services: Services, *names: str) -> list[int]:
    return [
        services.contacts.create(ContactInput(formatted_name=name, emails=[f"{i}@example.org"]))
        for i, name in enumerate(names)
    ]


def _dragged_file(mime_urls: list) -> Path:  # type: ignore[type-arg]
    (url,) = mime_urls
    assert url.isLocalFile()
    return Path(url.toLocalFile())


def test_one_person_is_a_vcf_file_named_after_them(qtbot: QtBot, sqlite_services: Services) -> None:
    (ada,) = _add(sqlite_services, "Ada Lovelace")
    drag = ContactDrag(sqlite_services)

    mime = drag.mime_data([ada])

    path = _dragged_file(mime.urls())
    assert path.name == "Ada Lovelace.vcf"
    assert mime.hasUrls()
    data = path.read_bytes()
    (card,) = parse_vcards(data)
    assert card.one("FN").text() == "Ada Lovelace"
    assert card.one("EMAIL").text() == "0@example.org"
    # Targets that take the card itself get the same bytes, under both names in use.
    assert bytes(mime.data(VCARD_MIME).data()) == data
    assert bytes(mime.data(LEGACY_VCARD_MIME).data()) == data
    assert json.loads(bytes(mime.data(CONTACT_IDS_MIME).data())) == [ada]
    drag.cleanup()


def test_files_stay_until_cleanup_and_drags_never_overwrite_each_other(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ada, bo, cy = _add(sqlite_services, "Ada Lovelace", "Bo Lind", "Cy Young")
    drag = ContactDrag(sqlite_services)

    first = _dragged_file(drag.mime_data([ada, bo]).urls())
    second = _dragged_file(drag.mime_data([bo, cy]).urls())

    assert first.name == second.name == "2 people.vcf"
    assert first != second
    names = [card.one("FN").text() for card in parse_vcards(first.read_bytes())]
    assert sorted(names) == ["Ada Lovelace", "Bo Lind"]
    # Both still there after the drags: a target may read a file after the drop.
    assert first.is_file() and second.is_file()
    folder = drag.folder()
    assert first.is_relative_to(folder) and second.is_relative_to(folder)

    drag.cleanup()

    assert not folder.exists()


def test_the_table_drags_the_selected_people(qtbot: QtBot, sqlite_services: Services) -> None:
    ids = _add(sqlite_services, "Ada Lovelace", "Bo Lind", "Cy Young")
    model = PeopleTableModel(sqlite_services)
    selected: list[int] = []

    def selected_ids() -> list[int]:
        rows = sorted(i.row() for i in table.selectionModel().selectedRows())
        selected[:] = [cid for r in rows if (cid := model.contact_id_at(r)) is not None]
        return selected

    table = ContactDragTable(ContactDrag(sqlite_services), selected_ids)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    qtbot.addWidget(table)
    table.resize(500, 300)
    table.show()
    qtbot.waitExposed(table)
    assert table.dragEnabled()
    assert table.dragDropMode() == QAbstractItemView.DragDropMode.DragOnly

    # The user clicks Ada, then Ctrl-clicks Cy.
    rows = {model.index(r, NAME).data(): r for r in range(model.rowCount())}
    for name, modifier in (
        ("Ada Lovelace", Qt.KeyboardModifier.NoModifier),
        ("Cy Young", Qt.KeyboardModifier.ControlModifier),
    ):
        rect = table.visualRect(model.index(rows[name], NAME))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    drag = table.drag_for(selected_ids())

    assert drag is not None
    assert sorted(selected) == [ids[0], ids[2]]
    path = _dragged_file(drag.mimeData().urls())
    assert path.name == "2 people.vcf"
    names = sorted(card.one("FN").text() for card in parse_vcards(path.read_bytes()))
    assert names == ["Ada Lovelace", "Cy Young"]
    assert not drag.pixmap().isNull()
    assert drag.hotSpot() != QPoint(0, 0)
    table.contact_drag.cleanup()


def test_nothing_is_dragged_without_people(qtbot: QtBot, sqlite_services: Services) -> None:
    (ada,) = _add(sqlite_services, "Ada Lovelace")
    drag = ContactDrag(sqlite_services)
    table = ContactDragTable(drag, lambda: [])
    qtbot.addWidget(table)

    assert table.drag_for([]) is None
    sqlite_services.contacts.delete([ada])
    # Deleted meanwhile (in another window): there is nothing to drag, and no error.
    assert table.drag_for([ada]) is None
    assert drag.folder().exists() and not any(drag.folder().iterdir())
    drag.cleanup()

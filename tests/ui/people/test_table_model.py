"""The People table model: pages fetched lazily, search and sort done by the services."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, ContactRow
from netdesk.services.service_set import Services
from netdesk.ui.people.table_model import (
    EMAIL,
    HEADERS,
    NAME,
    ORGANIZATION,
    PHONE,
    ROW_ROLE,
    PeopleTableModel,
)


def _add(services: Services, name: str, **fields: object) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]


def _names(model: PeopleTableModel) -> list[str]:
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def _many(services: Services, n: int) -> list[int]:
    return [_add(services, f"Person {i:03d}", organization=f"Org {i % 3}") for i in range(n)]


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester, sqlite_services: Services) -> None:
    _many(sqlite_services, 23)
    _add(sqlite_services, "Ann Lee", emails=["ann@acme.org"], phones=["+44 20 7946 0958"])
    model = PeopleTableModel(sqlite_services, page_size=10)
    qtmodeltester.check(model)
    model.set_query("ann")
    qtmodeltester.check(model)
    model.sort(EMAIL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_empty_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, sqlite_services: Services
) -> None:
    model = PeopleTableModel(sqlite_services)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


def test_columns_and_cells(sqlite_services: Services) -> None:
    contact_id = _add(
        sqlite_services,
        "Ann Lee",
        organization="Acme",
        title="CTO",
        emails=["ann@acme.org"],
        phones=["+44 20 7946 0958"],
    )
    model = PeopleTableModel(sqlite_services)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == list(HEADERS) == ["Name", "Organisation", "Title", "Email", "Phone"]
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells == ["Ann Lee", "Acme", "CTO", "ann@acme.org", "+44 20 7946 0958"]
    row = model.index(0, PHONE).data(ROW_ROLE)
    assert isinstance(row, ContactRow) and row.id == contact_id
    assert model.contact_id_at(0) == contact_id
    assert model.contact_id_at(1) is None
    assert model.row_of(contact_id) == 0


def test_cells_cut_short_have_their_whole_text_as_tooltip(sqlite_services: Services) -> None:
    """A phone with its extension is wider than the Phone column; a name is user text."""
    _add(sqlite_services, "<b>Ann</b> Lee", phones=["+1-418-656-9254 ext. 102"])
    model = PeopleTableModel(sqlite_services)

    def tip(column: int) -> str | None:
        value = model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        return None if value is None else str(value)

    assert "+1-418-656-9254 ext. 102" in (tip(PHONE) or "")
    assert "&lt;b&gt;Ann&lt;/b&gt; Lee" in (tip(NAME) or "")
    assert tip(ORGANIZATION) is None  # an empty cell has no tooltip


def test_pages_are_fetched_as_needed(sqlite_services: Services) -> None:
    _many(sqlite_services, 25)
    model = PeopleTableModel(sqlite_services, page_size=10)
    assert model.rowCount() == 10
    assert model.total_count() == 25
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 20
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25
    assert not model.canFetchMore(QModelIndex())
    assert _names(model) == [f"Person {i:03d}" for i in range(25)]


def test_query_filters_and_counts(sqlite_services: Services) -> None:
    _add(sqlite_services, "Jürgen Schröder")
    _add(sqlite_services, "Ann Lee")
    _add(sqlite_services, "Joanna Bann")
    model = PeopleTableModel(sqlite_services)
    model.set_query("schroder")
    assert _names(model) == ["Jürgen Schröder"]
    assert (model.match_count(), model.total_count()) == (1, 3)
    model.set_query("ann")
    assert _names(model) == ["Ann Lee", "Joanna Bann"]
    model.set_query("")
    assert model.rowCount() == 3 and model.match_count() == 3


def test_sort_is_done_by_the_service_in_both_directions(sqlite_services: Services) -> None:
    _add(sqlite_services, "Bo", organization="Zeta")
    _add(sqlite_services, "Al", organization="")
    _add(sqlite_services, "Cy", organization="Alpha")
    model = PeopleTableModel(sqlite_services)
    model.sort(ORGANIZATION, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["Cy", "Bo", "Al"]
    model.sort(ORGANIZATION, Qt.SortOrder.DescendingOrder)
    assert _names(model) == ["Bo", "Cy", "Al"]
    assert model.sort_column == ORGANIZATION
    assert model.sort_order == Qt.SortOrder.DescendingOrder
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert _names(model) == ["Cy", "Bo", "Al"]


def test_reset_signals_on_query_and_sort(qtbot: QtBot, sqlite_services: Services) -> None:
    _add(sqlite_services, "Ann")
    model = PeopleTableModel(sqlite_services)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_query("an")
    with qtbot.waitSignals([model.modelReset]):
        model.sort(NAME, Qt.SortOrder.DescendingOrder)


def test_reload_keeps_query_and_loaded_rows(sqlite_services: Services) -> None:
    _many(sqlite_services, 25)
    model = PeopleTableModel(sqlite_services, page_size=10)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 20
    _add(sqlite_services, "Person 000b")
    model.reload()
    assert model.rowCount() == 20
    assert model.total_count() == 26
    assert model.index(1, NAME).data() == "Person 000b"
    model.set_query("013")
    model.reload()
    assert model.query == "013"
    assert _names(model) == ["Person 013"]


def test_load_until_fetches_pages_up_to_a_far_contact(sqlite_services: Services) -> None:
    ids = _many(sqlite_services, 35)
    model = PeopleTableModel(sqlite_services, page_size=10)
    assert model.row_of(ids[27]) is None
    assert model.load_until(ids[27]) == 27
    assert model.rowCount() == 30
    assert model.canFetchMore(QModelIndex())
    model.set_query("Person 00")
    assert model.load_until(ids[27]) is None


def test_rows_between_are_read_only_when_looked_at(sqlite_services: Services) -> None:
    ids = _many(sqlite_services, 35)
    model = PeopleTableModel(sqlite_services, page_size=10)
    model.load_until(ids[27])
    # Rows 10-19 were skipped; asking for one reads its page.
    assert model.row_of(ids[15]) is None
    assert model.index(15, NAME).data() == "Person 015"
    assert model.row_of(ids[15]) == 15
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 35
    assert _names(model) == [f"Person {i:03d}" for i in range(35)]


def test_reload_reads_a_partly_read_page_again_when_rows_grow(sqlite_services: Services) -> None:
    _many(sqlite_services, 15)
    model = PeopleTableModel(sqlite_services, page_size=10)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 15 and not model.canFetchMore(QModelIndex())
    for i in range(15, 18):
        _add(sqlite_services, f"Person {i:03d}")
    model.reload()
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert _names(model) == [f"Person {i:03d}" for i in range(18)]


def test_find_row_after_a_shift(sqlite_services: Services) -> None:
    ids = _many(sqlite_services, 25)
    model = PeopleTableModel(sqlite_services, page_size=10)
    model.fetchMore(QModelIndex())
    _add(sqlite_services, "Person 000a")  # every later row moves down by one
    model.reload()
    assert model.find_row(ids[19], 19, anywhere=False) == 20
    assert model.find_row(ids[24]) == 25
    assert model.find_row(99999, 3) is None  # gone (deleted elsewhere)

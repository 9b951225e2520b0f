"""The import preview's columns: as wide as what they hold, the name first."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QTableView
from pytestqt.qtbot import QtBot

from netdesk.formats.records import ContactRecord, Typed
from netdesk.services.import_plan import Action, ImportPlan, PlanItem
from netdesk.services.service_set import Services
from netdesk.ui.importing.models import PlanPeopleModel
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog

LONG_NAME = "Maximiliane Alexandra von Hohenzollern-Sigmaringen"


def _person(name: str, org: str, email: str) -> ContactRecord:
    return ContactRecord(formatted_name=name, organization=org, emails=[Typed(email)])


def _plan() -> ImportPlan:
    """Mostly new people (a short status), one long name, one possible duplicate whose
    status says at length why."""
    items = [
        PlanItem(
            _person(LONG_NAME, "Hohenzollern Holdings", "max@hohenzollern.example"), Action.ADD
        ),
        PlanItem(_person("Mei Lin", "Harbour AI", "mei.lin@harbour.example"), Action.ADD),
        PlanItem(_person("Kwame Mensah", "Accra Cloud", "kwame@accracloud.example"), Action.ADD),
        PlanItem(
            _person("Jana Becker", "Ledgerly", "jana.becker@mail.example"),
            Action.ADD,
            match_id=7,
            match_name="Jana Becker",
            reason="same name and organisation, but different email addresses and phones",
            possible=True,
        ),
    ]
    return ImportPlan(file="/home/me/phone.vcf", kind="vcard", items=items, problems=[])


def _shows_whole(view: QTableView, row: int, column: int) -> bool:
    text = str(view.model().index(row, column).data() or "")
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    return view.fontMetrics().horizontalAdvance(text) + margin <= view.columnWidth(column)


def test_a_long_name_shows_whole_and_the_long_status_gives_way(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = ImportPreviewDialog(sqlite_services, _plan())
    qtbot.addWidget(dialog)
    dialog.resize(960, 600)  # the size it had (wider where the screen allows)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.people_view
    model = view.model()

    for row in range(model.rowCount()):
        for column in (PlanPeopleModel.NAME, PlanPeopleModel.ORGANIZATION, PlanPeopleModel.EMAIL):
            assert _shows_whole(view, row, column), model.index(row, column).data()
    # The columns fit the table: no scrolling sideways to find the choices.
    header = view.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(model.columnCount())) <= view.viewport().width()
    # The short statuses show whole; only the long explanation may be cut.
    assert _shows_whole(view, 0, PlanPeopleModel.STATUS)

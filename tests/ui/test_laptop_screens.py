"""The screens a newcomer meets first, at the size of a 1,366 x 768 laptop (the window then
gets about 1,366 x 700 once the taskbar and title bar are taken) and at the default size."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QStyle, QTableView
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.badges.dialog import DIALOG_SIZE, BadgeDialog
from netdesk.ui.main_window import PEOPLE as PEOPLE_PAGE
from netdesk.ui.main_window import MainWindow
from netdesk.ui.people.table_model import NAME, PHONE
from netdesk.ui.widgets.screen_fit import FRAME, WINDOW_SIZE, fit_to_screen
from tests.ui.main_window_helpers import open_window, settings_at

LAPTOP = (1366, 700)
DEFAULT = (1200, 760)  # the window's size at first start


def _window(qtbot: QtBot, services: Services, tmp_path: Path, size: tuple[int, int]) -> MainWindow:
    window = open_window(qtbot, services, settings_at(tmp_path))
    window.resize(*size)
    qtbot.wait(20)
    return window


def _one_line(label: QLabel) -> bool:
    metrics = label.fontMetrics()
    return (
        label.height() < 2 * metrics.lineSpacing()
        and label.contentsRect().width() >= metrics.horizontalAdvance(label.text())
    )


@pytest.mark.parametrize("size", [DEFAULT, LAPTOP, (1600, 900)])
def test_the_event_page_people_heading_keeps_to_one_line(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, size: tuple[int, int]
) -> None:
    s = sqlite_services
    starts = clock.now() - timedelta(days=3)
    event = s.events.create(
        EventInput(name="EuroPython 2026", starts_at=starts, ends_at=starts + timedelta(days=2))
    )
    for n in range(20):
        person = s.contacts.create(ContactInput(formatted_name=f"Person {n:02d}"))
        s.events.add_attendee(event, person, met=n < 11)
    window = _window(qtbot, s, tmp_path, size)
    window.show_event(event)
    qtbot.wait(20)

    page = window.view("events").page
    label = page.people_label
    assert label.text() == "People · 20 · 11 met"
    assert _one_line(label), (label.size(), label.text())
    # Its buttons show their texts where there is room, else their icons (texts in tooltips).
    buttons = [page.add_button, page.import_button, page.export_button, page.badges_button]
    for button in [*buttons, page.remove_button]:
        assert button.isVisible()
        assert page.people_bar.rect().contains(button.geometry())
    if size == (1600, 900):
        assert not page.people_bar.is_compact()
        assert page.add_button.text() == "Add person…"
    if page.people_bar.is_compact():
        assert page.add_button.text() == ""
        assert "Add person…" in page.add_button.toolTip()


# What a 1,366 x 768 laptop leaves free under a 32 px top bar and above a 36 px dock.
LAPTOP_AVAILABLE = QRect(0, 32, 1366, 700)


def test_the_badge_dialog_fits_a_laptop_screen(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    s = sqlite_services
    event = s.events.create(EventInput(name="Nordic Summit", starts_at=clock.now()))
    for n in range(30):
        person = s.contacts.create(
            ContactInput(formatted_name=f"Person {n:02d}", organization="Acme", title="CTO")
        )
        s.events.add_attendee(event, person)
    dialog = BadgeDialog(
        s,
        event,
        settings_at(tmp_path),
        templates_path=tmp_path / "label-templates.json",
        printers=["Office laser"],
    )
    qtbot.addWidget(dialog)
    # On the screen it opens on (the test platform's), it fits too.
    screen = dialog.screen().availableGeometry()
    assert dialog.height() + FRAME.height() <= screen.height()

    fit_to_screen(dialog, DIALOG_SIZE, LAPTOP_AVAILABLE)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(20)

    frame = dialog.size() + FRAME
    assert frame.width() <= LAPTOP_AVAILABLE.width()
    assert frame.height() <= LAPTOP_AVAILABLE.height()
    # Nothing squeezed or cut: every control shows within the dialog, the preview stays large.
    assert dialog.width() >= dialog.minimumSizeHint().width()
    assert dialog.height() >= dialog.minimumSizeHint().height()
    inside = dialog.rect()
    for widget in (
        dialog.mark_check,
        dialog.preview_button,
        dialog.pdf_button,
        dialog.print_button,
        dialog.close_button,
        dialog.preview,
    ):
        assert widget.isVisible()
        top_left = widget.mapTo(dialog, QPoint(0, 0))
        assert inside.contains(QRect(top_left, widget.size())), widget
    assert dialog.preview.height() >= 400


# People as long as most in a real address book (the demo data's longest but a few).
PEOPLE = [
    (
        "Małgorzata Dąbrowska",
        "Kepler Institute for Data Science",
        "Senior Python Developer",
        "franziskaschroeder89@gmail.com",
        "+49 1590 1466388",
    ),
    (
        "Oluwaseun Adeyemi",
        "Fjordline Analytics",
        "Staff Software Engineer",
        "oluwaseun.adeyemi@fjordline.no",
        "+234 806 046 8302",
    ),
    (
        "Tomáš Černý",
        "Quiet Harbor Software",
        "Head of Engineering",
        "tomascerny@quietharbor.io",
        "+420 605 282 709",
    ),
]


def _add_people(services: Services) -> dict[str, int]:
    return {
        name: services.contacts.create(
            ContactInput(
                formatted_name=name, organization=org, title=title, emails=[email], phones=[phone]
            )
        )
        for name, org, title, email, phone in PEOPLE
    }


def _cut_cells(table: QTableView) -> list[tuple[int, str]]:
    """The cells whose text does not show whole (elided, or beyond the table's right edge)."""
    model, header = table.model(), table.horizontalHeader()
    style = table.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    metrics = table.fontMetrics()
    cut = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        for row in range(model.rowCount()):
            text = str(model.index(row, column).data() or "")
            needed = metrics.horizontalAdvance(text) + margin
            if needed > header.sectionSize(column) or right > table.viewport().width():
                cut.append((column, text))
    return cut


@pytest.mark.parametrize("size", [(WINDOW_SIZE.width(), WINDOW_SIZE.height()), LAPTOP])
def test_the_people_table_shows_every_column_whole(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, size: tuple[int, int]
) -> None:
    _add_people(sqlite_services)
    window = _window(qtbot, sqlite_services, tmp_path, size)
    people = window.go_to(PEOPLE_PAGE)
    qtbot.wait(20)

    assert _cut_cells(people.table) == []
    assert people.detail.width() >= 300


def test_a_narrow_window_cuts_the_widest_column_first_never_the_name(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    _add_people(sqlite_services)
    window = _window(qtbot, sqlite_services, tmp_path, (1200, 760))
    people = window.go_to(PEOPLE_PAGE)
    qtbot.wait(20)

    cut_columns = {column for column, _text in _cut_cells(people.table)}
    assert cut_columns and NAME not in cut_columns and PHONE not in cut_columns


def test_the_people_view_opens_on_someone_the_first_time_then_on_the_last_one_shown(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ids = _add_people(sqlite_services)
    first = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = first.go_to(PEOPLE_PAGE)
    # Sorted by family name: Adeyemi, Černý, Dąbrowska.
    assert people.selected_contact_ids() == [ids["Oluwaseun Adeyemi"]]
    assert not people.detail.is_empty()
    assert people.detail.name_label.text() == "Oluwaseun Adeyemi"

    people.show_contact(ids["Małgorzata Dąbrowska"])
    first.close()
    second = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = second.go_to(PEOPLE_PAGE)
    assert people.selected_contact_ids() == [ids["Małgorzata Dąbrowska"]]
    assert people.detail.name_label.text() == "Małgorzata Dąbrowska"

    # Deleted since (from the command line, say): the first person instead.
    sqlite_services.contacts.delete([ids["Małgorzata Dąbrowska"]])
    second.close()
    third = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = third.go_to(PEOPLE_PAGE)
    assert people.selected_contact_ids() == [ids["Oluwaseun Adeyemi"]]

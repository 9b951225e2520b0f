"""Light and dark palettes: every coloured text in the window reads (WCAG AA, 4.5:1) and the
Today check boxes stand out from their rows (WCAG 1.4.11, 3:1).

The colours are read back from what the window uses: the palette a widget's style sheet gave
it, the brushes a model hands its view, the colours a delegate paints with, and, where the
style draws (the sidebar's selection, check boxes), the pixels of a real rendering.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QLabel,
    QListView,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.demo import generate_demo
from netdesk.services.import_plan import Action, ImportPlan, PlanItem
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.events.attendees_model import MET
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.main_window import EVENTS, FOLLOWUPS, PEOPLE, TODAY, MainWindow
from netdesk.ui.people.contact_dialog import ContactDialog
from netdesk.ui.today.quick_capture import QuickCaptureDialog
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.indicator_style import outline_indicators
from netdesk.ui.widgets.two_line_delegate import TwoLineDelegate
from tests.ui.main_window_helpers import all_indexes, open_window, settings_at

TEXT = 4.5
UI = 3.0
Role = QPalette.ColorRole


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v / 255) for v in (color.red(), color.green(), color.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    """The application's palette for one test: Fusion's own light one, or a dark one as KDE's
    Breeze Dark or a GNOME dark theme gives; the previous palette comes back afterwards."""
    previous = QPalette(qapp.palette())
    chosen = qapp.style().standardPalette() if request.param == "light" else theme.dark_palette()
    qapp.setPalette(chosen)
    yield QPalette(chosen)
    qapp.setPalette(previous)


def _grounds(palette: QPalette) -> list[QColor]:
    return [palette.color(Role.Window), palette.color(Role.Base)]


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel) else getattr(widget, "text", str)()
    return f"{type(widget).__name__} {widget.objectName()!r} {str(text)[:40]!r}"


def styled_text_problems(root: QWidget, palette: QPalette) -> list[str]:
    """Each widget under `root` whose style sheet colours its text, with its contrast when below
    4.5:1 against the background behind it: its own or an ancestor's style sheet background
    (a pill, the QR card), or else both the window and the base (a label may sit on either:
    a page, or a Today card)."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if "color" not in widget.styleSheet():
            continue
        widget.ensurePolished()
        fg = widget.palette().color(widget.foregroundRole())
        grounds = _grounds_behind(widget) or _grounds(palette)
        worst = min(contrast(fg, ground) for ground in grounds)
        if worst < TEXT:
            problems.append(f"{_name(widget)} {fg.name()} reads {worst:.2f}:1")
    return problems


def _grounds_behind(widget: QWidget) -> list[QColor]:
    """The background a style sheet paints under `widget`, from it or its nearest ancestor
    that has one; [] when the window's own colours show through."""
    here: QWidget | None = widget
    while here is not None:
        rules = here.styleSheet().split("::")[0]
        if "background" in rules and "background: transparent" not in rules:
            here.ensurePolished()
            return [here.palette().color(here.backgroundRole())]
        here = here.parentWidget()
    return []


def model_colour_problems(root: QWidget, palette: QPalette) -> list[str]:
    """Every cell a model colours (ForegroundRole) in the views under `root`, and every row a
    TwoLineDelegate paints, against the row's background."""
    problems = []
    for view in root.findChildren(QAbstractItemView):
        if not type(view.model()).__module__.startswith("netdesk"):
            continue  # Qt's own, as a date field's calendar
        base = view.palette().color(Role.Base)
        backgrounds = [base]
        if view.alternatingRowColors():
            backgrounds.append(view.palette().color(Role.AlternateBase))
        delegate = view.itemDelegate()
        for index in all_indexes(view):
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            if brush is not None:
                fg = QColor(brush.color()) if hasattr(brush, "color") else QColor(brush)
                worst = min(contrast(fg, b) for b in backgrounds)
                if worst < TEXT:
                    problems.append(f"{view.objectName()} {index.data()!r} {fg.name()} {worst:.2f}")
            if isinstance(delegate, TwoLineDelegate):
                problems += _row_problems(view, delegate, index)
    return problems


def _row_problems(view: QAbstractItemView, delegate: TwoLineDelegate, index: QModelIndex) -> list:
    option = QStyleOptionViewItem()
    option.palette = view.palette()  # type: ignore[attr-defined]
    option.state = QStyle.StateFlag.State_Enabled  # type: ignore[attr-defined]
    colours = delegate.colours(option, index)
    found = [
        f"{index.data()!r} {part} {getattr(colours, part).name()} on {colours.background.name()}"
        for part in ("title", "subtitle", "trailing")
        if contrast(getattr(colours, part), colours.background) < TEXT
    ]
    if contrast(colours.check_outline, colours.background) < UI:
        found.append(f"{index.data()!r} check box outline")
    option.state |= QStyle.StateFlag.State_Selected  # type: ignore[attr-defined]
    selected = delegate.colours(option, index)
    if contrast(selected.check_outline, selected.background) < UI:
        found.append(f"{index.data()!r} check box outline on the selection")
    return found


def _demo_window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    generate_demo(services.db, seed=2026, today=clock.today())
    services.contacts.create(
        ContactInput(formatted_name="Robin Me", tags=["health tech", "python"], is_me=True)
    )
    window = open_window(qtbot, services, settings_at(tmp_path))
    window.resize(1360, 820)
    return window


def _people_with_everything(services: Services) -> list[int]:
    """The people to show: me (the "This is me" chip) and one with tags and an overdue
    follow-up (pills, a red due line)."""
    me = services.cards.me_id()
    assert me is not None
    tagged = next(
        row.id for row in services.search.page(limit=200) if services.contacts.get(row.id).tags
    )
    services.followups.add(tagged, "Send the slides", clock.today() - timedelta(days=4))
    return [me, tagged]


def test_every_coloured_text_in_the_window_reads(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, palette: QPalette
) -> None:
    window = _demo_window(qtbot, sqlite_services, tmp_path)
    people = _people_with_everything(sqlite_services)
    problems: list[str] = []
    window.go_to(TODAY)
    problems += styled_text_problems(window, palette) + model_colour_problems(window, palette)
    events = window.go_to(EVENTS)
    busiest = max(sqlite_services.events.list(), key=lambda e: e.people)
    events.show_event(busiest.id)
    problems += styled_text_problems(window, palette) + model_colour_problems(window, palette)
    view = window.go_to(PEOPLE)
    for contact_id in people:
        view.show_contact(contact_id)
        problems += styled_text_problems(window, palette)
    window.go_to(FOLLOWUPS)
    problems += styled_text_problems(window, palette) + model_colour_problems(window, palette)
    card = window.cards.show_my_card()
    assert card is not None
    card.warning_label.setText("Some fields do not fit")
    problems += styled_text_problems(card, palette)
    card.close()
    window.badges.templates_path = tmp_path / "label-templates.json"
    badges = window.badges.open_dialog(busiest.id)
    assert badges is not None
    problems += styled_text_problems(badges, palette)
    badges.reject()
    assert problems == []


def _pixels(image: QImage, rect: QRect) -> list[QColor]:
    return [
        image.pixelColor(x, y)
        for x in range(max(rect.left(), 0), min(rect.right(), image.width() - 1) + 1)
        for y in range(max(rect.top(), 0), min(rect.bottom(), image.height() - 1) + 1)
    ]


def _ground_and_strongest(pixels: list[QColor]) -> tuple[QColor, float]:
    """The colour most pixels have (the background) and the highest contrast any other pixel
    makes with it (the ink of text or of an outline, at its fully covered pixels)."""
    ground = QColor(Counter(c.rgb() for c in pixels).most_common(1)[0][0])
    return ground, max(contrast(c, ground) for c in pixels)


def test_the_sidebar_selection_follows_the_palette_and_reads(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, palette: QPalette
) -> None:
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.go_to(PEOPLE)
    sidebar = window.sidebar
    image = sidebar.viewport().grab().toImage()
    rect = sidebar.visualItemRect(sidebar.currentItem())
    text_area = rect.adjusted(sidebar.iconSize().width() + 16, 2, -8, -2)
    ground, ink = _ground_and_strongest(_pixels(image, text_area))
    assert ink >= TEXT, f"{ink:.2f}:1"
    window_is_dark = theme.is_dark(palette)
    # Selected, the item keeps to the theme: a soft tint, dark in a dark theme.
    assert (_luminance(ground) < 0.2) == window_is_dark, ground.name()
    assert contrast(ground, palette.color(Role.Window)) < 2.5


def test_today_check_boxes_stand_out_from_their_rows(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, palette: QPalette
) -> None:
    window = _demo_window(qtbot, sqlite_services, tmp_path)
    today = window.go_to(TODAY)
    listing: QListView = today.due_card.list_view
    model = listing.model()
    assert model.rowCount() >= 2
    listing.setCurrentIndex(model.index(1, 0))
    qtbot.wait(10)
    image = listing.viewport().grab().toImage()
    for row, selected in ((0, False), (1, True)):
        index = model.index(row, 0)
        option = QStyleOptionViewItem()
        option.rect = listing.visualRect(index)  # type: ignore[attr-defined]
        option.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator  # type: ignore[attr-defined]
        box = listing.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, listing
        )
        ground, outline = _ground_and_strongest(_pixels(image, box.adjusted(-2, -2, 2, 2)))
        row_ground = palette.color(Role.Highlight if selected else Role.Base)
        assert ground == row_ground
        assert outline >= UI, f"row {row}: the check box reaches {outline:.2f}:1"


@pytest.fixture
def outlined(qapp: QApplication) -> Iterator[None]:
    """Fusion with the outlines the app adds (app.py), for this test only."""
    qapp.setStyle("fusion")
    outline_indicators(qapp)
    yield
    qapp.setStyle("fusion")


def test_met_check_boxes_and_radio_buttons_stand_out_in_fusion(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, palette: QPalette, outlined: None
) -> None:
    window = _demo_window(qtbot, sqlite_services, tmp_path)
    events = window.go_to(EVENTS)
    busiest = max(sqlite_services.events.list(), key=lambda e: e.people)
    events.show_event(busiest.id)
    table = events.page.table
    table.clearSelection()
    qtbot.wait(10)
    image = table.viewport().grab().toImage()
    for row in range(3):
        cell = table.visualRect(table.model().index(row, MET))
        ground, outline = _ground_and_strongest(_pixels(image, cell.adjusted(1, 1, -1, -1)))
        assert outline >= UI, f"Met box in row {row}: {outline:.2f}:1 on {ground.name()}"

    boxes = QWidget()
    qtbot.addWidget(boxes)
    layout = QVBoxLayout(boxes)
    for widget in (QCheckBox("Mark as printed"), QRadioButton("All attendees")):
        layout.addWidget(widget)
    boxes.show()
    qtbot.waitExposed(boxes)
    picture = boxes.grab().toImage()
    for widget in boxes.findChildren(QAbstractButton):
        option = QStyleOptionButton()
        widget.initStyleOption(option)  # type: ignore[attr-defined]
        element = (
            QStyle.SubElement.SE_CheckBoxIndicator
            if isinstance(widget, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonIndicator
        )
        box = widget.style().subElementRect(element, option, widget).translated(widget.pos())
        ground, outline = _ground_and_strongest(_pixels(picture, box.adjusted(-1, -1, 1, 1)))
        assert outline >= UI, f"{widget.text()}: {outline:.2f}:1"


def test_dialogs_read_quick_capture_import_preview_and_form_errors(
    qtbot: QtBot, sqlite_services: Services, palette: QPalette
) -> None:
    sqlite_services.contacts.create(
        ContactInput(formatted_name="Grace Hopper", organization="Navy")
    )
    capture = QuickCaptureDialog(sqlite_services)
    qtbot.addWidget(capture)
    capture.show()
    qtbot.keyClicks(capture.name, "Grace Hopper")
    qtbot.waitUntil(capture.match_note.isVisible)

    plan = ImportPlan(
        file=Path("phone.vcf"),
        kind="vcard",
        layout="vCard",
        items=[
            PlanItem(_record("Ada King")),
            PlanItem(_record("Grace Hopper"), Action.MERGE, match_id=1, match_name="Grace Hopper"),
        ],
        problems=[],
    )
    preview = ImportPreviewDialog(sqlite_services, plan, None)
    qtbot.addWidget(preview)
    preview.show()

    contact = ContactDialog(sqlite_services)
    qtbot.addWidget(contact)
    contact.show()
    qtbot.keyClicks(contact.name_edit, "Someone")
    contact.emails_edit.setPlainText("not-an-email")
    assert not contact.save()
    assert contact.isVisible()  # refused, with the reason beside the field

    problems = []
    for dialog in (capture, preview, contact):
        problems += styled_text_problems(dialog, palette) + model_colour_problems(dialog, palette)
    # Closing asks before throwing typing away: empty the fields first.
    capture.name.clear()
    contact.name_edit.clear()
    contact.emails_edit.clear()
    assert problems == []


def _record(name: str):
    from netdesk.formats.records import ContactRecord

    return ContactRecord(formatted_name=name)


def test_switching_to_a_dark_palette_while_open_restyles_the_window(
    qtbot: QtBot, qapp: QApplication, sqlite_services: Services, tmp_path: Path
) -> None:
    previous = QPalette(qapp.palette())
    qapp.setPalette(qapp.style().standardPalette())
    try:
        window = _demo_window(qtbot, sqlite_services, tmp_path)
        window.go_to(TODAY)
        light_sheet = window.sidebar.styleSheet()
        dark = theme.dark_palette()
        qapp.setPalette(dark)
        qtbot.wait(10)
        assert window.sidebar.styleSheet() != light_sheet
        problems = styled_text_problems(window, dark) + model_colour_problems(window, dark)
        assert problems == []
    finally:
        qapp.setPalette(previous)

"""The badge dialog as an organiser uses it: pick people and a label sheet, check the preview,
export or print, and find the badges marked printed."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from netdesk.cards.qr_read import decode_texts
from netdesk.cards.templates import TemplateStore
from netdesk.services.cards import BadgeSelection
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.badges.dialog import BadgeDialog
from netdesk.ui.badges.logo_group import LOGO_BOX
from netdesk.ui.badges.template_dialog import TemplateDialog
from netdesk.ui.events.page import EventPage
from netdesk.ui.main_window import EVENTS, MainWindow
from tests.pictures import plain_picture
from tests.ui.event_ui_helpers import click as click_cell
from tests.ui.event_ui_helpers import tick
from tests.ui.main_window_helpers import click, open_window, settings_at

PEOPLE = (
    ("Astrid", "Lindqvist", "Spotify", "Staff engineer", "speaker"),
    ("Bo", "Ek", "Klarna", "Designer", "attendee"),
    ("Chen", "Li", "Ericsson", "CTO", "staff"),
    ("Dara", "Okafor", "Northvolt", "Product manager", "attendee"),
    ("Eli", "Berg", "Volvo", "Engineer", "sponsor"),
    ("Fia", "Holm", "IKEA", "Buyer", "attendee"),
    ("Gus", "Sand", "Saab", "Pilot", "attendee"),
    ("Hedda", "Nyström", "H&M", "Analyst", "attendee"),
    ("Ivar", "Dahl", "Scania", "Planner", "attendee"),
    ("Jon", "Ahl", "SEB", "Banker", "attendee"),
)


def _event(services: Services, name: str = "Nordic Summit") -> int:
    return services.events.create(
        EventInput(name=name, starts_at=datetime(2026, 6, 1, 9, tzinfo=UTC))
    )


def _event_with_people(services: Services, count: int = len(PEOPLE)) -> int:
    event_id = _event(services)
    for given, family, org, title, role in PEOPLE[:count]:
        contact_id = services.contacts.create(
            ContactInput(given_name=given, family_name=family, organization=org, title=title)
        )
        services.events.add_attendee(event_id, contact_id, role=role)
    return event_id


def _open(
    qtbot: QtBot,
    services: Services,
    event_id: int,
    tmp_path: Path,
    contact_ids: list[int] | None = None,
) -> BadgeDialog:
    dialog = BadgeDialog(
        services,
        event_id,
        settings_at(tmp_path),
        contact_ids=contact_ids,
        templates_path=tmp_path / "label-templates.json",
        printers=["Office laser", "Front desk"],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _event_page(
    qtbot: QtBot, services: Services, tmp_path: Path, event_id: int
) -> tuple[MainWindow, EventPage]:
    """The main window showing the event, with label templates kept under tmp_path."""
    window = open_window(qtbot, services, settings_at(tmp_path))
    window.badges.templates_path = tmp_path / "label-templates.json"
    events = window.go_to(EVENTS)
    events.show_event(event_id)
    return window, events.page


def _type_number(qtbot: QtBot, box: QAbstractSpinBox, text: str) -> None:
    """Select what the field holds and type over it, as a user does."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def _choose(qtbot: QtBot, radio: QWidget) -> None:
    """Click a radio button on its circle (a stretched button's middle may be empty)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def _pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Open the combo box's list and click the item whose text starts with `text`."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    [row] = [r for r in range(combo.count()) if combo.itemText(r).startswith(text)]
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == row


def _preview(qtbot: QtBot, dialog: BadgeDialog) -> QImage:
    qtbot.waitUntil(lambda: not dialog.preview_pending())
    return dialog.preview.view.image()


def _pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


def test_exports_the_not_yet_printed_badges_from_label_three_and_marks_them(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    event_id = _event_with_people(services)
    already = services.cards.badges(event_id)[0]
    services.cards.mark_printed([already.attendance_id])
    dialog = _open(qtbot, services, event_id, tmp_path)

    _choose(qtbot, dialog.selection_buttons[BadgeSelection.ALL.value])
    assert len(dialog.badges()) == 10
    not_printed = dialog.selection_buttons[BadgeSelection.NOT_PRINTED.value]
    assert not_printed.text().replace("&", "") == "Not yet printed (9)"
    _choose(qtbot, not_printed)
    _pick(qtbot, dialog.template_combo, "Avery 5395")
    assert dialog.template().id == "avery-5395"
    _pick(qtbot, dialog.template_combo, "Avery L4785")
    assert dialog.template().id == "avery-l4785"
    _type_number(qtbot, dialog.start_spin, "3")
    assert dialog.summary_label.text() == "9 badges on 2 sheets"
    assert already.attendance_id not in {b.attendance_id for b in dialog.badges()}

    out = tmp_path / "badges.pdf"
    assert dialog.export_pdf_to(out)

    # 9 badges from label 3 of a 10-label sheet: 8 on the first page, 1 on the second.
    assert _pdf_pages(out) == 2
    assert services.cards.badges(event_id, BadgeSelection.NOT_PRINTED) == []
    assert all(b.printed for b in services.cards.badges(event_id))
    assert "Marked 9 badges as printed" in dialog.status_label.text()
    assert not_printed.text().replace("&", "") == "Not yet printed (0)"
    assert _preview(qtbot, dialog).isNull()
    assert "has been printed" in dialog.preview.view.message()
    assert not dialog.pdf_button.isEnabled()


def test_unticking_mark_as_printed_leaves_the_badges_unprinted(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 3)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    tick(qtbot, dialog.mark_check)
    assert not dialog.mark_check.isChecked()
    assert dialog.export_pdf_to(tmp_path / "b.pdf")
    assert _pdf_pages(tmp_path / "b.pdf") == 1
    assert len(sqlite_services.cards.badges(event_id, BadgeSelection.NOT_PRINTED)) == 3


def test_the_preview_shows_codes_that_phones_read_as_each_attendees_card(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    _pick(qtbot, dialog.template_combo, "A6")
    assert dialog.template().id == "a6-4up"
    badges = dialog.badges()
    assert len(badges) == 10 and dialog.preview.page_count() == 3

    first = _preview(qtbot, dialog)
    assert sorted(decode_texts(first)) == sorted(b.payload for b in badges[:4])
    # Name order by family name: Jon Ahl's badge comes first.
    assert "FN:Jon Ahl\r\nORG:SEB\r\nTITLE:Banker" in badges[0].payload

    qtbot.mouseClick(dialog.preview.next_button, Qt.MouseButton.LeftButton)
    assert dialog.preview.page_label.text() == "Page 2 of 3"
    second = _preview(qtbot, dialog)
    assert sorted(decode_texts(second)) == sorted(b.payload for b in badges[4:8])


def test_start_at_leaves_the_used_labels_blank_in_the_preview(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 2)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    _pick(qtbot, dialog.template_combo, "A6")
    # Clicking the third label of the small sheet map makes it the first one printed.
    map_ = dialog.sheet_map
    qtbot.mouseClick(map_, Qt.MouseButton.LeftButton, pos=map_.label_rect(2).center().toPoint())
    assert dialog.start_spin.value() == 3
    image = _preview(qtbot, dialog)
    top_half = image.copy(0, 0, image.width(), image.height() // 2)
    assert decode_texts(top_half) == []
    assert len(decode_texts(image)) == 2


def test_a_custom_template_made_in_the_dialog_is_saved_and_offered(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 3)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    editor = dialog.template_dialog()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.name_edit, "Lanyard cards")
    _pick(qtbot, editor.page_combo, "Letter")
    assert editor.page_width.value() == pytest.approx(215.9)
    _type_number(qtbot, editor.columns, "2")
    _type_number(qtbot, editor.rows, "3")
    for field, value in (
        ("left_mm", "10"),
        ("top_mm", "15"),
        ("pitch_x_mm", "100"),
        ("pitch_y_mm", "85"),
        ("label_width_mm", "95"),
        ("label_height_mm", "80"),
    ):
        _type_number(qtbot, editor.mm_boxes[field], value)
    click(qtbot, editor.ok_button)

    assert editor.result() == TemplateDialog.DialogCode.Accepted
    saved = TemplateStore(tmp_path / "label-templates.json").get("lanyard-cards")
    assert (saved.columns, saved.rows, saved.pitch_y_mm, saved.label_width_mm) == (2, 3, 85, 95)
    assert saved.page_height_mm == pytest.approx(279.4)
    data = json.loads((tmp_path / "label-templates.json").read_text())
    assert [t["name"] for t in data["templates"]] == ["Lanyard cards"]
    assert dialog.template_combo.currentText() == "Lanyard cards"
    assert dialog.template().id == "lanyard-cards"
    assert dialog.start_spin.maximum() == 6
    assert dialog.edit_template_button.isEnabled()
    assert len(decode_texts(_preview(qtbot, dialog))) == 3


def test_wrong_template_values_are_explained_beside_their_fields(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 1)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    editor = dialog.template_dialog()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.name_edit, "Tiny")
    _type_number(qtbot, editor.mm_boxes["label_width_mm"], "12")
    _type_number(qtbot, editor.mm_boxes["pitch_y_mm"], "30")
    click(qtbot, editor.ok_button)

    assert editor.isVisible()
    assert "at least 20 mm" in editor.error_text("label_width_mm")
    assert "overlap" in editor.error_text("pitch_y_mm")
    assert editor.error_text("name") == ""
    assert not (tmp_path / "label-templates.json").exists()
    # Fixing a field takes its message away.
    _type_number(qtbot, editor.mm_boxes["label_width_mm"], "80")
    assert editor.error_text("label_width_mm") == ""


def test_a_name_that_clashes_with_a_built_in_is_still_saved_under_its_own_id(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 1)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    editor = dialog.template_dialog()
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.name_edit, "Avery 5395")
    click(qtbot, editor.ok_button)
    assert editor.saved_id == "avery-5395-2"
    assert dialog.template().id == "avery-5395-2"


def test_printer_offsets_are_remembered_for_each_printer(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 2)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    _pick(qtbot, dialog.printer_group.printer_combo, "Front desk")
    assert dialog.printer_name() == "Front desk"
    _type_number(qtbot, dialog.printer_group.offset_x, "1.5")
    _type_number(qtbot, dialog.printer_group.offset_y, "-2")
    options = dialog.sheet_options()
    assert (options.offset_x_mm, options.offset_y_mm) == (1.5, -2.0)
    _pick(qtbot, dialog.printer_group.printer_combo, "Office laser")
    assert (dialog.printer_group.offset_x.value(), dialog.printer_group.offset_y.value()) == (
        0.0,
        0.0,
    )
    dialog.close()

    again = _open(qtbot, sqlite_services, event_id, tmp_path)
    assert again.printer_name() == "Office laser"
    assert (again.printer_group.offset_x.value(), again.printer_group.offset_y.value()) == (
        0.0,
        0.0,
    )
    _pick(qtbot, again.printer_group.printer_combo, "Front desk")
    assert (again.printer_group.offset_x.value(), again.printer_group.offset_y.value()) == (
        1.5,
        -2.0,
    )


def test_the_logo_is_remembered_for_its_event_only(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 1)
    other = _event(sqlite_services, "Other meetup")
    logo = QImage(60, 30, QImage.Format.Format_RGB32)
    logo.fill(QColor("#2563eb"))
    logo.save(str(tmp_path / "logo.png"))
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    assert dialog.logo_group.set_logo_path(str(tmp_path / "logo.png"))
    assert dialog.sheet_options().logo is not None
    assert not dialog.logo_group.set_logo_path(str(tmp_path / "missing.png"))
    assert "Could not read missing.png" in dialog.logo_group.logo_error.text()
    dialog.close()

    again = _open(qtbot, sqlite_services, event_id, tmp_path)
    assert again.logo_group.logo_label.text() == "logo.png"
    assert again.sheet_options().logo is not None
    elsewhere = _open(qtbot, sqlite_services, other, tmp_path)
    assert elsewhere.sheet_options().logo is None


def test_a_big_logo_is_held_at_the_size_a_badge_can_use(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 1)
    logo = tmp_path / "poster.png"
    logo.write_bytes(plain_picture(4000, 2000))  # a poster's artwork, chosen as the logo
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    assert dialog.logo_group.set_logo_path(str(logo))
    held = dialog.sheet_options().logo
    assert held is not None
    assert (held.width(), held.height()) == (LOGO_BOX.width(), LOGO_BOX.width() // 2)
    dialog.close()


def test_an_event_without_people_says_so_and_offers_nothing_to_print(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event(sqlite_services)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    dialog.render_preview()
    assert "No one is on this event yet" in dialog.preview.view.message()
    assert dialog.preview.view.image().isNull()
    assert dialog.summary_label.text() == "No badges"
    for button in (dialog.print_button, dialog.pdf_button, dialog.preview_button):
        assert not button.isEnabled()
    assert dialog.selection_buttons[BadgeSelection.ALL.value].text().endswith("(0)")
    assert not dialog.density_label.isVisible()
    assert not dialog.export_pdf_to(tmp_path / "none.pdf")
    assert not (tmp_path / "none.pdf").exists()
    # The alignment page needs no people.
    assert dialog.save_alignment_to(tmp_path / "align.pdf")
    assert _pdf_pages(tmp_path / "align.pdf") == 1


def test_badges_button_on_the_event_page_offers_the_selected_people(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 4)
    window, page = _event_page(qtbot, sqlite_services, tmp_path, event_id)
    model = page.attendees_model
    chen = next(r for r in range(model.rowCount()) if model.row_at(r).name == "Chen Li")
    click_cell(qtbot, page.table, model.index(chen, 0))
    button = page.findChild(QWidget, "badges_button")
    assert button is not None
    click(qtbot, button)

    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BadgeDialog))
    qtbot.addWidget(dialog)
    assert dialog.selection() == "selected"
    assert [b.full_name for b in dialog.badges()] == ["Chen Li"]
    _choose(qtbot, dialog.selection_buttons["all"])
    assert len(dialog.badges()) == 4
    assert dialog.export_pdf_to(tmp_path / "all.pdf")
    assert "Marked 4 badges" in window.statusBar().currentMessage()


def test_several_people_picked_on_the_event_page_get_their_badges_and_stay_picked(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 5)
    _window, page = _event_page(qtbot, sqlite_services, tmp_path, event_id)
    model = page.attendees_model
    click_cell(qtbot, page.table, model.index(1, 0))
    qtbot.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        page.table.visualRect(model.index(3, 0)).center(),
    )
    picked = [model.row_at(1).name, model.row_at(3).name]
    assert [r.name for r in page.selected_attendees()] == picked

    click(qtbot, page.findChild(QWidget, "badges_button"))
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BadgeDialog))
    qtbot.addWidget(dialog)
    assert [b.full_name for b in dialog.badges()] == sorted(picked, key=lambda n: n.split()[-1])
    assert dialog.export_pdf_to(tmp_path / "two.pdf")

    # The page reloads with both badges ticked, and both people are still picked.
    qtbot.waitUntil(lambda: all(r.badge_printed for r in page.selected_attendees()))
    assert [r.name for r in page.selected_attendees()] == picked


def test_badges_marked_printed_show_in_the_event_pages_badge_column(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 2)
    _window, page = _event_page(qtbot, sqlite_services, tmp_path, event_id)
    model = page.attendees_model
    assert not any(model.row_at(r).badge_printed for r in range(model.rowCount()))
    click(qtbot, page.findChild(QWidget, "badges_button"))
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BadgeDialog))
    qtbot.addWidget(dialog)
    assert dialog.export_pdf_to(tmp_path / "all.pdf")
    qtbot.waitUntil(
        lambda: all(model.row_at(r).badge_printed for r in range(model.rowCount())), timeout=2000
    )


def test_print_badges_in_the_events_menu_opens_the_dialog_for_the_selected_event(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event_with_people(sqlite_services, 2)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    actions = window.badges
    actions.templates_path = tmp_path / "label-templates.json"
    menu = actions.events_menu()
    assert actions.act_print_badges in menu.actions()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Events") == titles.index("&Go") - 1
    window.go_to(EVENTS).show_event(event_id)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BadgeDialog))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Badges for Nordic Summit"
    assert len(dialog.badges()) == 2


def test_the_sheet_map_point_maps_to_labels(qtbot: QtBot) -> None:
    from netdesk.cards.templates import BUILTIN_TEMPLATES
    from netdesk.ui.badges.preview import SheetMap

    sheet = SheetMap()
    qtbot.addWidget(sheet)
    sheet.set_template(BUILTIN_TEMPLATES[2])
    assert sheet.label_at(sheet.label_rect(9).center()) == 10
    assert sheet.label_at(QPoint(0, 0).toPointF()) is None


def test_printing_sends_every_badge_to_the_printer_and_marks_them(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    event_id = _event_with_people(sqlite_services, 3)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    assert dialog.print_to(printer) == 1

    assert _pdf_pages(tmp_path / "printed.pdf") == 1
    assert all(b.printed for b in sqlite_services.cards.badges(event_id))


def test_a_printer_that_fails_is_explained_and_nothing_is_marked(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.main_window_helpers import ModalDriver

    event_id = _event_with_people(sqlite_services, 2)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no such folder" / "x.pdf"))
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.windowTitle())
        box.accept()

    driver = ModalDriver(QMessageBox, read)
    assert dialog.print_to(printer) == 0
    driver.check()
    assert seen == ["Cannot print the badges"]
    assert not any(b.printed for b in sqlite_services.cards.badges(event_id))


def test_print_preview_shows_the_badges_on_a_printer_it_keeps(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    import gc

    event_id = _event_with_people(sqlite_services, 3)
    dialog = _open(qtbot, sqlite_services, event_id, tmp_path)
    painted: list[int] = []
    preview = dialog.print_preview_dialog()
    preview.paintRequested.connect(lambda printer: painted.append(printer.pageLayout().units()))
    gc.collect()  # Qt's preview only points at its printer: it must still be there
    preview.show()
    qtbot.waitExposed(preview)
    qtbot.waitUntil(lambda: bool(painted))
    assert preview.printer() is not None
    preview.reject()
    preview.deleteLater()

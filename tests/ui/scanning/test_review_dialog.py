"""The review of a scanned card: the picture beside editable fields, low-confidence marks, the
text not placed (dragged or put into a field), the duplicate line, the event, both sides of a
card, and Save / Skip / Cancel from the keyboard. Cards are built by hand here (no OCR)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, QPointF, QRect, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.scan.card_fields import CardFields, CardPhone
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.scanning.card_picture import BiggerPicture
from netdesk.ui.scanning.field_form import LOW_CONFIDENCE
from netdesk.ui.scanning.review_dialog import SIZE, ScanReviewDialog, position_text
from netdesk.ui.widgets.screen_fit import fitted_size
from tests.scan.rendered import two_sided
from tests.ui.scanning.cards import ana_fields, rendered, scanned


@pytest.fixture
def dialog(qtbot: QtBot, sqlite_services: Services) -> Iterator[ScanReviewDialog]:
    review = ScanReviewDialog(sqlite_services, None)
    qtbot.addWidget(review)
    yield review
    review.close()


def _drop_text(target: QLineEdit, data: QMimeData) -> None:
    """What letting go of a dragged line over a field does."""
    where = QPointF(target.rect().center())
    move = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(target, QDragEnterEvent(where.toPoint(), move, data, buttons, keys))
    QApplication.sendEvent(target, QDragMoveEvent(where.toPoint(), move, data, buttons, keys))
    drop = QDropEvent(where, move, data, buttons, keys)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()


def _submenu(menu: QMenu, title: str) -> QMenu:
    [sub] = [a.menu() for a in menu.actions() if a.text() == title]
    assert isinstance(sub, QMenu)
    return sub


def test_the_card_is_shown_beside_its_fields_in_the_cards_order(
    qtbot: QtBot, dialog: ScanReviewDialog
) -> None:
    dialog.show_card(scanned(), 2, 5, waiting=1)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    assert form.singles["name"].text() == "Ana Lima"
    assert (form.singles["given"].text(), form.singles["family"].text()) == ("Ana", "Lima")
    assert form.singles["organization"].text() == "Example GmbH"
    assert form.lists["emails"][0].text() == "ana.lima@example.org"
    assert form.phones[0].edit.text() == "+49 170 1234567"
    assert form.phones[0].kind.currentText() == "Mobile"
    assert dialog.position_label.text() == "Card 2 of 5 · 1 photo still being read"
    assert dialog.source_label.text() == "IMG_2041.jpg"
    assert dialog.unplaced.lines() == ["Always at your service"]
    # The picture is there, scaled into the room the dialog gives it.
    [picture] = dialog.pictures.pictures
    shown = picture.pixmap()
    assert not shown.isNull()
    assert shown.width() <= picture.width() + 1 and shown.height() <= picture.height() + 1
    # Tab goes down the fields in the order of the form, which is the order on the card.
    assert dialog.focusWidget() is form.singles["name"]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    form.singles["name"].setFocus()
    order = [form.singles[k] for k in ("given", "family", "title", "organization", "department")]
    for expected in [*order, form.lists["emails"][0], form.lists["emails"][1]]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected


def test_the_picture_grows_with_the_dialog(qtbot: QtBot, dialog: ScanReviewDialog) -> None:
    dialog.show_card(scanned(), 1, 1)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    [picture] = dialog.pictures.pictures
    small = picture.pixmap().width()
    dialog.resize(1300, 700)
    qtbot.waitUntil(lambda: picture.pixmap().width() > small)
    dialog.resize(760, 520)
    qtbot.waitUntil(lambda: picture.pixmap().width() < small)
    # A click shows it bigger, as big as the screen allows.
    qtbot.mouseClick(picture, Qt.MouseButton.LeftButton)
    bigger = dialog.findChild(BiggerPicture)
    assert bigger is not None
    qtbot.waitExposed(bigger)
    assert bigger.picture.pixmap().width() > picture.pixmap().width()
    qtbot.keyClick(bigger, Qt.Key.Key_Escape)
    assert not bigger.isVisible()


def test_the_dialog_fits_a_small_laptop_screen(dialog: ScanReviewDialog) -> None:
    dialog.show_card(scanned(), 1, 1)
    laptop = QRect(0, 0, 1366, 728)  # 1366 x 768 less a taskbar
    fitted = fitted_size(SIZE, laptop, dialog.minimumSizeHint())
    assert fitted.width() <= 1366 - 16 and fitted.height() <= 728 - 40
    assert dialog.minimumSizeHint().height() <= 688


def test_low_confidence_fields_are_marked_until_edited(
    qtbot: QtBot, dialog: ScanReviewDialog
) -> None:
    fields = ana_fields(low_confidence={"title", "emails:0"})
    dialog.show_card(scanned(fields), 1, 1)
    form = dialog.form
    title, email, name = form.singles["title"], form.lists["emails"][0], form.singles["name"]
    assert form.is_marked(title) and form.is_marked(email) and not form.is_marked(name)
    assert title.toolTip() == LOW_CONFIDENCE
    assert [a.toolTip() for a in title.actions()] == [LOW_CONFIDENCE]
    assert "background" in title.styleSheet() and not name.styleSheet()
    assert dialog.current_fields().low_confidence == {"title", "emails:0"}
    qtbot.keyClicks(title, " EMEA")  # the user checked it and put it right
    assert not form.is_marked(title) and not title.styleSheet() and not title.actions()
    assert dialog.current_fields().low_confidence == {"emails:0"}


def test_a_line_not_placed_is_dragged_into_the_title(dialog: ScanReviewDialog) -> None:
    fields = ana_fields(title="", unplaced=["Head of Sales", "Always at your service"])
    dialog.show_card(scanned(fields), 1, 1)
    title = dialog.form.singles["title"]
    data = dialog.unplaced.mimeData([dialog.unplaced.item(0)])
    assert data.text() == "Head of Sales"
    _drop_text(title, data)
    assert title.text() == "Head of Sales"
    assert dialog.current_fields().title == "Head of Sales"


def test_a_line_not_placed_is_put_into_a_field_from_its_menu(dialog: ScanReviewDialog) -> None:
    fields = ana_fields(department="", unplaced=["Always at your service", "Export Sales"])
    dialog.show_card(scanned(fields), 1, 1)
    menu = dialog.unplaced.menu_for(dialog.unplaced.item(1))
    put_into = _submenu(menu, "Put into")
    labels = [a.text() for a in put_into.actions()]
    assert labels[:6] == [
        "Name",
        "Given name",
        "Family name",
        "Title",
        "Organisation",
        "Department",
    ]
    assert "Email" in labels and "Phone" in labels and "Address" in labels
    [department] = [a for a in put_into.actions() if a.text() == "Department"]
    department.trigger()
    assert dialog.form.singles["department"].text() == "Export Sales"
    assert dialog.unplaced.lines() == ["Always at your service"]
    # A phone goes into the spare row, not over the number already there.
    dialog.unplaced.set_lines(["+49 30 5550123"])
    menu = dialog.unplaced.menu_for(dialog.unplaced.item(0))
    put_into = _submenu(menu, "Put into")
    [phone] = [a for a in put_into.actions() if a.text() == "Phone"]
    phone.trigger()
    numbers = [p.number for p in dialog.current_fields().phones]
    assert numbers == ["+49 170 1234567", "+49 30 5550123"]


def test_given_and_family_follow_the_name_until_typed_by_hand(
    qtbot: QtBot, dialog: ScanReviewDialog
) -> None:
    dialog.show_card(scanned(), 1, 1)
    form = dialog.form
    name = form.singles["name"]
    name.selectAll()
    qtbot.keyClicks(name, "Ana Maria Lima Souza")
    assert form.singles["family"].text() == "Souza"
    assert form.singles["given"].text().startswith("Ana")
    form.singles["family"].selectAll()
    qtbot.keyClicks(form.singles["family"], "Lima Souza")
    qtbot.keyClicks(name, " Jr")
    assert form.singles["family"].text() == "Lima Souza"


def test_save_makes_the_person_with_the_card_picture_on_the_event(
    qtbot: QtBot, services: Services
) -> None:
    event = services.events.create(EventInput(name="Fintech Summit", starts_at=clock.now()))
    dialog = ScanReviewDialog(services, event)
    qtbot.addWidget(dialog)
    dialog.show_card(scanned(), 1, 1)
    dialog.form.singles["title"].setText("Head of Sales EMEA")
    saved: list[object] = []
    dialog.saved.connect(lambda report, record: saved.append(report))
    dialog.save_button.click()
    assert saved
    [person] = services.search.page("Ana")
    detail = services.contacts.get(person.id)
    assert (detail.given_name, detail.title, detail.organization) == (
        "Ana",
        "Head of Sales EMEA",
        "Example GmbH",
    )
    assert detail.emails == ("ana.lima@example.org",)
    [image] = services.card_images.list_for(person.id)
    assert image.source == "IMG_2041.jpg"
    assert services.card_images.image(image.id)[:2] == b"\xff\xd8"  # the JPEG card picture
    assert [a.contact_id for a in services.events.attendees(event)] == [person.id]


def test_enter_saves_and_escape_cancels(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = ScanReviewDialog(sqlite_services, None)
    qtbot.addWidget(dialog)
    dialog.show_card(scanned(), 1, 2)
    dialog.show()
    qtbot.waitExposed(dialog)
    saved: list[object] = []
    dialog.saved.connect(lambda report, record: saved.append(record))
    qtbot.keyClick(dialog.form.singles["title"], Qt.Key.Key_Return)
    assert len(saved) == 1 and sqlite_services.contacts.count() == 1
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.form.singles["title"], Qt.Key.Key_Escape)


def test_an_empty_card_is_not_saved(dialog: ScanReviewDialog, sqlite_services: Services) -> None:
    dialog.show_card(scanned(CardFields(unplaced=["Always at your service"])), 1, 1)
    assert dialog.save() is None
    assert dialog.error_label.isVisibleTo(dialog)
    assert "name" in dialog.error_label.text()
    assert sqlite_services.contacts.count() == 0


def test_the_duplicate_line_says_who_and_follows_the_fields(
    qtbot: QtBot, dialog: ScanReviewDialog, sqlite_services: Services
) -> None:
    known = sqlite_services.contacts.create(
        ContactInput(formatted_name="Ana Lima", emails=["ana.lima@example.org"])
    )
    dialog.show_card(scanned(), 1, 1)
    line = dialog.duplicate_line
    assert line.isVisibleTo(dialog)
    assert line.label.text() == "Already in netdesk: Ana Lima (same email ana.lima@example.org)"
    assert line.choice.currentText() == "Merge into them"
    # Another person typed in: the line goes once typing pauses.
    for edit in (dialog.form.singles["name"], dialog.form.lists["emails"][0]):
        edit.clear()
    qtbot.keyClicks(dialog.form.singles["name"], "Bruno Costa")
    qtbot.waitUntil(lambda: not line.isVisibleTo(dialog), timeout=3000)
    # Back to Ana, merged: one person, with the card's phone and picture.
    dialog.form.lists["emails"][0].setText("ana.lima@example.org")
    dialog.form.singles["name"].setText("Ana Lima")
    qtbot.waitUntil(lambda: line.isVisibleTo(dialog), timeout=3000)
    dialog.save_button.click()
    assert sqlite_services.contacts.count() == 1
    assert sqlite_services.contacts.get(known).phones[0].e164 == "+491701234567"
    assert len(sqlite_services.card_images.list_for(known)) == 1


def test_a_duplicate_can_be_skipped_or_added_as_new(
    dialog: ScanReviewDialog, sqlite_services: Services
) -> None:
    sqlite_services.contacts.create(
        ContactInput(formatted_name="Ana Lima", emails=["ana.lima@example.org"])
    )
    dialog.show_card(scanned(), 1, 1)
    choice = dialog.duplicate_line.choice
    choice.setCurrentIndex(choice.findText("Skip"))
    dialog.save_button.click()
    assert sqlite_services.contacts.count() == 1
    dialog.show_card(scanned(), 1, 1)
    choice.setCurrentIndex(choice.findText("Add as new"))
    dialog.save_button.click()
    assert sqlite_services.contacts.count() == 2


def test_a_rendered_two_sided_card_makes_one_contact(
    dialog: ScanReviewDialog, sqlite_services: Services
) -> None:
    front, back, merged = next((f, b, m) for f, b, m in two_sided() if f.file == "002_de_front.jpg")
    dialog.show_card(rendered(front.file), 1, 2)
    [picture] = dialog.pictures.pictures
    assert picture.source().width() > picture.source().height()  # upright, landscape
    dialog.add_back(rendered(back.file))
    fields = dialog.current_fields()
    assert (fields.name, fields.organization) == (merged.name, merged.organization)
    assert fields.emails == merged.emails
    assert [p.number for p in fields.phones] == [p.number for p in merged.phones]
    dialog.save_button.click()
    [person] = sqlite_services.search.page(merged.family)
    assert len(sqlite_services.card_images.list_for(person.id)) == 2


def test_the_back_side_makes_one_contact_with_both_pictures(
    dialog: ScanReviewDialog, sqlite_services: Services
) -> None:
    dialog.show_card(scanned(ana_fields(phones=[])), 1, 2)
    back = scanned(
        CardFields(
            name="Ana Lima",
            phones=[CardPhone("+55 11 91234 5678", "mobile")],
            urls=["https://www.linkedin.com/in/analima"],
            unplaced=["Sempre ao seu dispor"],
        ),
        source="IMG_2042.jpg",
    )
    dialog.set_next_card("IMG_2042.jpg")
    assert dialog.back_from_next_action.isEnabled()
    assert dialog.back_from_next_action.text() == "The next card (IMG_2042.jpg)"
    dialog.add_back(back)
    assert len(dialog.pictures.pictures) == 2
    assert dialog.source_label.text() == "IMG_2041.jpg + IMG_2042.jpg"
    assert not dialog.back_button.isEnabled()
    fields = dialog.current_fields()
    assert fields.name == "Ana Lima" and fields.emails == ["ana.lima@example.org"]
    assert [p.number for p in fields.phones] == ["+55 11 91234 5678"]
    assert fields.urls == ["https://www.linkedin.com/in/analima"]
    dialog.save_button.click()
    [person] = sqlite_services.search.page("Ana")
    sources = [i.source for i in sqlite_services.card_images.list_for(person.id)]
    assert sources == ["IMG_2041.jpg", "IMG_2042.jpg"]


def test_position_text() -> None:
    assert position_text(1, 1, 0) == "Card 1 of 1"
    assert position_text(2, 5, 3) == "Card 2 of 5 · 3 photos still being read"
    assert position_text(3, 2, 0) == "Card 3 of 3"


def test_user_text_is_never_rich_text(dialog: ScanReviewDialog) -> None:
    fields = ana_fields(name="<b>Ana</b> Lima", unplaced=["<i>slogan</i>"])
    dialog.show_card(scanned(fields, source="<b>x</b>.jpg"), 1, 1)
    assert dialog.form.singles["name"].text() == "<b>Ana</b> Lima"
    assert dialog.source_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.unplaced.item(0).text() == "<i>slogan</i>"


def test_tab_stops_only_where_there_is_something_to_use(
    qtbot: QtBot, dialog: ScanReviewDialog
) -> None:
    """Keyboard use: once round the dialog with Tab, every stop is a field, the list, a choice
    or a button; the form's scroll area took a stop of its own that showed nothing."""
    dialog.show_card(scanned(), 1, 1, waiting=0)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    start = dialog.form.singles["name"]
    start.setFocus()
    stops = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            break
        stops.append(focused)
    assert focused is start
    assert dialog.form_scroll not in stops
    assert dialog.unplaced in stops
    assert stops[-1] is dialog.save_button


def test_the_card_keeps_its_room_when_no_text_is_left_unplaced(
    qtbot: QtBot, dialog: ScanReviewDialog
) -> None:
    # Without the "Text not placed" list the left column asked for no room: the first card
    # shown came up as a 160-pixel thumbnail beside a form stretched across the dialog.
    dialog.show_card(scanned(ana_fields(unplaced=[])), 1, 1)
    dialog.show()
    qtbot.waitExposed(dialog)
    # About five ninths of the width (the form keeps its 380-pixel minimum on a small screen).
    left, form = dialog.splitter.sizes()
    assert left >= min(form, dialog.width() * 0.45)
    assert dialog.pictures.width() > dialog.width() * 0.4


def test_a_long_line_not_placed_is_cut_short_not_scrolled_sideways(
    qtbot: QtBot, dialog: ScanReviewDialog
) -> None:
    # A sideways scroll bar took the room of the last row the list is sized for.
    lines = ["IBAN DE89 3704 0044 0532 0130 00 " * 6, "Always at your service", "Since 1998"]
    dialog.show_card(scanned(ana_fields(unplaced=lines)), 1, 1)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.unplaced.horizontalScrollBar().isVisible()
    assert dialog.unplaced.lines() == lines  # the whole text is kept for the drag
    assert lines[0].strip() in dialog.unplaced.item(0).toolTip()  # and shown on hover


def test_new_event_is_made_by_the_first_save_and_chosen_for_the_next_card(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = ScanReviewDialog(sqlite_services, None)
    qtbot.addWidget(dialog)
    dialog.show_card(scanned(), 1, 2)
    row = dialog.event_row
    row.combo.setCurrentIndex(row.combo.findText("New event…"))
    assert row.wants_new() and row.new_edit.isVisibleTo(dialog)
    # No name typed: nothing is saved, and the dialog says what is missing.
    assert dialog.save() is None and sqlite_services.contacts.count() == 0
    assert dialog.error_label.text() == "Type a name for the new event."
    row.new_edit.setText("  Fintech   Summit ")
    assert dialog.save() is not None
    event = sqlite_services.events.find_by_name("Fintech Summit")
    assert event is not None
    [ana] = sqlite_services.events.attendees(event)
    # The next card goes on the event just made, without asking for its name again.
    assert row.event_id() == event and not row.wants_new()
    assert not row.new_edit.isVisibleTo(dialog)
    dialog.show_card(
        scanned(
            ana_fields(
                name="Bo Berg", given="Bo", family="Berg", emails=["bo@example.org"], phones=[]
            )
        ),
        2,
        2,
    )
    assert dialog.save() is not None
    assert sorted(a.name for a in sqlite_services.events.attendees(event)) == [
        "Ana Lima",
        "Bo Berg",
    ]
    assert ana.name == "Ana Lima"

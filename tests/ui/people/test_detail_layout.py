"""The contact detail pane's layout: tag pills on one line each, and events grouped by
whether we met there."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.people.detail import ContactDetail
from netdesk.ui.people.detail_labels import LinkButton
from netdesk.ui.widgets.tag_pill import TagPill
from tests.undo_stacks import new_undo_stack

TAGS = [
    "health tech",
    "developer relations",
    "python",
    "open source software",
    "ai safety research",
    "Berlin",
]


def _pane(qtbot: QtBot, services: Services, contact_id: int, width: int) -> ContactDetail:
    pane = ContactDetail(services, undo_stack=new_undo_stack())
    qtbot.addWidget(pane)
    pane.resize(width, 900)
    pane.show()
    pane.set_contact(contact_id)
    qtbot.waitExposed(pane)
    return pane


def text_room(label: QLabel) -> int:
    """The width a label draws its text in: its contents less the indent (a framed label,
    as a style sheet's border makes it, indents by half an "x" unless given an indent)."""
    indent = label.indent()
    if indent < 0:
        indent = label.fontMetrics().horizontalAdvance("x") // 2 if label.frameWidth() > 0 else 0
    return label.contentsRect().width() - indent


def _pills(pane: ContactDetail) -> list[QLabel]:
    texts = set(TAGS)
    return [w for w in pane.findChildren(QLabel) if w.isVisible() and w.text() in texts]


def test_a_multi_word_tag_stays_on_one_line_and_the_row_of_pills_wraps(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee", tags=TAGS))
    pane = _pane(qtbot, sqlite_services, ann, 320)

    pills = _pills(pane)
    assert sorted(p.text() for p in pills) == sorted(TAGS)
    for pill in pills:
        metrics = pill.fontMetrics()
        assert pill.height() < 2 * metrics.lineSpacing(), pill.text()
        # The whole tag shows: nothing elided, nothing cut.
        assert text_room(pill) >= metrics.horizontalAdvance(pill.text()), pill.text()
    # The pane is too narrow for every pill on one row: the row wraps between pills.
    assert len({p.y() for p in pills}) > 1


def test_a_tag_longer_than_the_pane_elides_instead_of_widening_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    tag = "a tag so long that no detail pane could ever show it on a single line at all"
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann Lee", tags=[tag]))
    pane = _pane(qtbot, sqlite_services, ann, 320)

    (pill,) = pane.findChildren(TagPill)
    assert pill.text().endswith("…")
    assert pill.full_text() == tag
    assert pill.height() <= pill.sizeHint().height()
    assert pane.width() == 320


def test_events_where_we_met_lists_only_met_events(qtbot: QtBot, sqlite_services: Services) -> None:
    s = sqlite_services
    now = clock.now()
    ann = s.contacts.create(ContactInput(formatted_name="Ann Lee"))

    def event(name: str, days: int) -> int:
        starts = now + timedelta(days=days)
        return s.events.create(
            EventInput(name=name, starts_at=starts, ends_at=starts + timedelta(hours=3))
        )

    s.events.add_attendee(event("PyCon", -30), ann, status="checked in", met=True)
    s.events.add_attendee(event("Data Meetup", -10), ann, status="checked in")
    s.events.add_attendee(event("EuroPython", 20), ann)
    pane = _pane(qtbot, s, ann, 360)

    texts = [w.text() for w in pane.findChildren(QLabel) if w.isVisible()]
    links = sorted(pane.findChildren(LinkButton, "event_link"), key=lambda b: b.y())
    assert [b.full_text() for b in links] == ["PyCon", "Data Meetup", "EuroPython"]
    met = texts.index("Events where we met")
    also = texts.index("Also at")
    ahead = texts.index("Coming up together")
    assert met < also < ahead
    assert "not met yet" not in " ".join(texts)
    assert also < texts.index("Attendee · checked in") < ahead
    assert texts.index("Attendee · registered") > ahead

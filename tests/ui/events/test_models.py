"""The item models of the Events and Today pages, checked by Qt's model tester and by content."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester

from netdesk import clock
from netdesk.services.records import AttendeeRow, ContactInput, EventInput, EventRow
from netdesk.services.service_set import Services
from netdesk.ui.events.add_attendee_dialog import ContactChoicesModel
from netdesk.ui.events.attendees_model import MET, NAME, NOTES, ROLE, STATUS, AttendeesModel
from netdesk.ui.events.list_model import EventsListModel
from netdesk.ui.today.models import DueFollowUpsModel, RecentlyMetModel, UpcomingEventsModel
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import event_zone, zoned_when_text
from netdesk.ui.widgets.two_line_delegate import (
    HEADER_ROLE,
    ROW_ROLE,
    SUBTITLE_COLOR_ROLE,
    SUBTITLE_ROLE,
    TRAILING_ROLE,
)


def _event_row(event_id: int, name: str, days: int, upcoming: bool, people: int = 0) -> EventRow:
    start = clock.now().replace(second=0, microsecond=0) + timedelta(days=days)
    return EventRow(
        id=event_id,
        name=name,
        kind="association meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        venue="Talkdesk HQ",
        city="Lisbon",
        people=people,
        upcoming=upcoming,
    )


def test_events_list_model_sections(qtmodeltester: ModelTester) -> None:
    model = EventsListModel()
    model.set_events(
        [
            _event_row(1, "Soon", 2, True, people=3),
            _event_row(2, "Later", 9, True),
            _event_row(3, "Last week", -7, False, people=1),
        ]
    )
    qtmodeltester.check(model)
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert texts == ["Upcoming · 2", "Soon", "Later", "Past · 1", "Last week"]
    header, soon, past = model.index(0, 0), model.index(1, 0), model.index(4, 0)
    assert header.data(HEADER_ROLE) is True
    assert header.data(ROW_ROLE) is None
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable
    assert soon.flags() & Qt.ItemFlag.ItemIsSelectable
    assert soon.data(ROW_ROLE).id == 1
    assert soon.data(TRAILING_ROLE) == "3 people"
    assert past.data(TRAILING_ROLE) == "1 person"
    assert model.index(2, 0).data(TRAILING_ROLE) == ""
    assert "Association meeting" in soon.data(SUBTITLE_ROLE)
    assert "Talkdesk HQ, Lisbon" in soon.data(SUBTITLE_ROLE)
    # Past events are greyed; upcoming ones use the normal text colour.
    assert isinstance(past.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert soon.data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.row_of(3) == 4
    assert model.event_count() == 3
    assert model.nearest_event_row(3) == 4  # a header row points on to the next event

    model.set_events([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_events_list_model_with_only_past_events(qtmodeltester: ModelTester) -> None:
    model = EventsListModel()
    model.set_events([_event_row(3, "Last week", -7, False)])
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Past · 1",
        "Last week",
    ]


def test_attendees_model_saves_edits(
    qtmodeltester: ModelTester, sqlite_services: Services, frozen_now: datetime
) -> None:
    event_id = sqlite_services.events.create(EventInput(name="Meetup", starts_at=frozen_now))
    ana = sqlite_services.contacts.create(ContactInput(formatted_name="Ana", organization="Acme"))
    sqlite_services.events.add_attendee(event_id, ana)
    model = AttendeesModel(sqlite_services)
    model.set_rows(sqlite_services.events.attendees(event_id))
    qtmodeltester.check(model)
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.index(0, ROLE).data() == "Attendee"
    assert model.index(0, ROLE).data(Qt.ItemDataRole.EditRole) == "attendee"
    assert isinstance(model.index(0, NAME).data(ROW_ROLE), AttendeeRow)
    assert model.index(0, ROLE).flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.index(0, NAME).flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, MET).flags() & Qt.ItemFlag.ItemIsUserCheckable

    assert model.setData(model.index(0, ROLE), "speaker")
    assert model.setData(model.index(0, STATUS), "checked in")
    assert model.setData(model.index(0, NOTES), " Works on packaging ")
    assert model.setData(
        model.index(0, MET), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    [row] = sqlite_services.events.attendees(event_id)
    assert (row.role, row.status, row.met, row.notes) == (
        "speaker",
        "checked in",
        True,
        "Works on packaging",
    )
    assert model.index(0, STATUS).data() == "Checked in"
    assert model.met_count() == 1

    errors: list[str] = []
    model.error.connect(errors.append)
    assert not model.setData(model.index(0, ROLE), "juggler")
    assert errors and "juggler" in errors[0]
    assert model.index(0, ROLE).data() == "Speaker"
    qtmodeltester.check(model)


def test_contact_choices_model(qtmodeltester: ModelTester, sqlite_services: Services) -> None:
    sqlite_services.contacts.create(
        ContactInput(formatted_name="Ana Lopez", organization="Acme", title="CTO")
    )
    ben = sqlite_services.contacts.create(ContactInput(formatted_name="Ben Okafor"))
    model = ContactChoicesModel()
    model.set_rows(sqlite_services.search.page("", limit=20), present={ben})
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Ana Lopez"
    assert model.index(0, 0).data(SUBTITLE_ROLE) == "Acme · CTO"
    assert model.index(1, 0).data(TRAILING_ROLE) == "Already here"
    assert model.row_of(ben) == 1


def test_today_models(
    qtmodeltester: ModelTester, sqlite_services: Services, frozen_today: date, frozen_now: datetime
) -> None:
    s = sqlite_services
    past = s.events.create(EventInput(name="PyCon", starts_at=frozen_now - timedelta(days=2)))
    s.events.create(
        EventInput(
            name="Meetup", starts_at=frozen_now + timedelta(days=1), venue="Hub", city="Porto"
        )
    )
    ana = s.contacts.create(ContactInput(formatted_name="Ana Lopez", organization="Acme"))
    s.events.add_attendee(past, ana, met=True)
    s.followups.add(ana, "Send slides", frozen_today - timedelta(days=2), event_id=past)
    s.followups.add(ana, "Call", frozen_today)
    summary = s.today.summary()

    upcoming = UpcomingEventsModel()
    upcoming.set_rows(summary.upcoming_events, frozen_today)
    qtmodeltester.check(upcoming)
    assert upcoming.index(0, 0).data() == "Meetup"
    assert upcoming.index(0, 0).data(SUBTITLE_ROLE).endswith("Hub, Porto")

    due = DueFollowUpsModel(s)
    due.set_rows(summary.due_followups, frozen_today)
    qtmodeltester.check(due)
    overdue, today = due.index(0, 0), due.index(1, 0)
    assert overdue.data() == "Send slides"
    assert overdue.data(SUBTITLE_ROLE) == "2 days overdue · Ana Lopez · PyCon"
    assert overdue.data(SUBTITLE_COLOR_ROLE) == theme.error(theme.app_palette())
    assert today.data(SUBTITLE_ROLE) == "Due today · Ana Lopez"
    assert today.data(SUBTITLE_COLOR_ROLE) is None
    assert overdue.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert due.setData(overdue, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert [f.action for f in s.followups.due(frozen_today)] == ["Call"]

    met = RecentlyMetModel()
    met.set_rows(summary.recently_met, frozen_today)
    qtmodeltester.check(met)
    assert met.index(0, 0).data() == "Ana Lopez"
    assert met.index(0, 0).data(SUBTITLE_ROLE) == "Acme · at PyCon"


def test_attendee_notes_tooltip_is_the_whole_note_shown_verbatim(
    qtmodeltester: ModelTester, sqlite_services: Services, frozen_now: datetime
) -> None:
    event_id = sqlite_services.events.create(EventInput(name="Meetup", starts_at=frozen_now))
    for name in ("Ana", "Ben"):
        contact = sqlite_services.contacts.create(ContactInput(formatted_name=name))
        sqlite_services.events.add_attendee(event_id, contact)
    ana_attendance = sqlite_services.events.attendees(event_id)[0].attendance_id
    sqlite_services.events.update_attendance(ana_attendance, notes="<i>R&D</i> lead\nsays hi")
    model = AttendeesModel(sqlite_services)
    model.set_rows(sqlite_services.events.attendees(event_id))
    qtmodeltester.check(model)
    assert model.index(0, NOTES).data() == "<i>R&D</i> lead says hi"
    assert model.index(0, NOTES).data(Qt.ItemDataRole.ToolTipRole) == (
        '<p style="white-space: pre-wrap">&lt;i&gt;R&amp;D&lt;/i&gt; lead\nsays hi</p>'
    )
    assert model.index(1, NOTES).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole) is None


@pytest.fixture
def berlin_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock set to Berlin time for the test, then back to what it was."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


EVENING = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # 18:00 in Berlin, 12:00 in New York


@pytest.mark.usefixtures("berlin_clock")
@pytest.mark.parametrize(
    ("start", "hours", "zone", "expected"),
    [
        (EVENING, 3, "America/New_York", "Fri 4 Dec 2026, 12:00–15:00 EST (18:00–21:00 your time)"),
        (
            EVENING + timedelta(hours=6),
            2,
            "America/New_York",
            "Fri 4 Dec 2026, 18:00–20:00 EST (Sat 5 Dec, 00:00–02:00 your time)",
        ),
        (
            EVENING + timedelta(hours=6),
            2,
            "America/Los_Angeles",
            "Fri 4 Dec 2026, 15:00–17:00 PST (Sat 5 Dec, 00:00–02:00 your time)",
        ),
        (
            EVENING + timedelta(hours=5),
            3,
            "Asia/Tokyo",
            "Sat 5 Dec 2026, 07:00–10:00 JST (Fri 4 Dec, 23:00 – Sat 5 Dec, 02:00 your time)",
        ),
        (EVENING, None, "Asia/Dubai", "Fri 4 Dec 2026, 21:00 UTC+04 (18:00 your time)"),
        (EVENING, 48, "America/New_York", "Fri 4 – Sun 6 Dec 2026"),
        # Days without hours: the zone only matters when the days differ here.
        (EVENING + timedelta(hours=7), 48, "Pacific/Auckland", "Sat 5 – Mon 7 Dec 2026"),
        (
            EVENING,
            48,
            "Pacific/Kiritimati",
            "Sat 5 – Mon 7 Dec 2026 (Fri 4 – Sun 6 Dec 2026 your time)",
        ),
        (EVENING, 3, "Europe/Paris", "Fri 4 Dec 2026, 18:00–21:00"),
        (EVENING, 3, "", "Fri 4 Dec 2026, 18:00–21:00"),
        (EVENING, 3, "Mars/Olympus_Mons", "Fri 4 Dec 2026, 18:00–21:00"),
        (EVENING, 3, "../../etc/passwd", "Fri 4 Dec 2026, 18:00–21:00"),
        (EVENING, 3, "Not a zone at all!", "Fri 4 Dec 2026, 18:00–21:00"),
    ],
)
def test_event_time_in_the_events_own_zone(
    start: datetime, hours: float | None, zone: str, expected: str
) -> None:
    end = start + timedelta(hours=hours) if hours is not None else None
    assert zoned_when_text(start, end, zone) == expected


@pytest.mark.usefixtures("berlin_clock")
def test_the_same_clock_in_summer_and_winter_needs_no_zone() -> None:
    summer = datetime(2026, 7, 1, 16, 0, tzinfo=UTC)
    assert zoned_when_text(summer, summer + timedelta(hours=1), "Europe/Rome") == (
        "Wed 1 Jul 2026, 18:00–19:00"
    )
    # London keeps Berlin's clock minus one hour in both seasons: always labelled.
    assert zoned_when_text(summer, summer + timedelta(hours=1), "Europe/London") == (
        "Wed 1 Jul 2026, 17:00–18:00 BST (18:00–19:00 your time)"
    )


def test_unknown_zones_are_none() -> None:
    assert event_zone("America/New_York") is not None
    assert event_zone(" America/New_York ") is not None
    for name in ("", "  ", "Mars/Olympus_Mons", "../../etc/passwd", "/usr/share/zoneinfo/UTC"):
        assert event_zone(name) is None

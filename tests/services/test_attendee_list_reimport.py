"""Importing an event site's attendee list again, after the event changed it: the attendances
already there are updated (role, status, the ticket in their notes), never doubled, and what
the user noted by hand stays."""

from __future__ import annotations

from pathlib import Path

from netdesk.services.records import AttendeeRow, ContactInput
from netdesk.services.service_set import Services

HEADER = "Order #,Order Date,First Name,Last Name,Email,Ticket Type,Attendee Status\r\n"
BEFORE = HEADER + (
    "1001,2026-04-01,Ada,Lovelace,ada@example.org,General Admission,Attending\r\n"
    "1002,2026-04-02,Grace,Hopper,grace@example.org,General Admission,Attending\r\n"
    "1003,2026-04-03,Alan,Turing,alan@example.org,Speaker pass,Attending\r\n"
)
# A week later: Ada speaks and came, Grace got her money back, Alan's line did not change.
AFTER = HEADER + (
    "1001,2026-04-01,Ada,Lovelace,ada@example.org,Speaker pass,Checked In\r\n"
    "1002,2026-04-02,Grace,Hopper,grace@example.org,General Admission,Refunded\r\n"
    "1003,2026-04-03,Alan,Turing,alan@example.org,Speaker pass,Attending\r\n"
)


def _import(services: Services, tmp_path: Path, text: str, event_id: int) -> None:
    path = tmp_path / "attendees.csv"
    path.write_text(text, "utf-8")
    services.imports.import_file(path, event_id=event_id)


def _by_name(services: Services, event_id: int) -> dict[str, AttendeeRow]:
    return {a.name: a for a in services.events.attendees(event_id)}


def test_a_changed_attendee_list_updates_the_attendances_it_made(
    services: Services, tmp_path: Path
) -> None:
    event_id, _ = services.imports.event_for_import("Analytical Engines Summit")
    _import(services, tmp_path, BEFORE, event_id)
    first = _by_name(services, event_id)
    assert {(n, a.role, a.status, a.notes) for n, a in first.items()} == {
        ("Ada Lovelace", "attendee", "registered", "Ticket: General Admission"),
        ("Grace Hopper", "attendee", "registered", "Ticket: General Admission"),
        ("Alan Turing", "speaker", "registered", "Ticket: Speaker pass"),
    }
    # What the user did in between: met Ada, wrote a note on Grace's attendance.
    services.events.update_attendance(first["Ada Lovelace"].attendance_id, met=True)
    services.events.update_attendance(
        first["Grace Hopper"].attendance_id, notes="Ticket: General Admission\nVegetarian"
    )

    _import(services, tmp_path, AFTER, event_id)

    after = _by_name(services, event_id)
    assert services.contacts.count() == 3
    assert len(services.events.attendees(event_id)) == 3
    ada, grace, alan = after["Ada Lovelace"], after["Grace Hopper"], after["Alan Turing"]
    assert ada.attendance_id == first["Ada Lovelace"].attendance_id
    assert (ada.role, ada.status, ada.met) == ("speaker", "checked in", True)
    assert ada.notes == "Ticket: General Admission\nTicket: Speaker pass"
    assert (grace.role, grace.status) == ("attendee", "cancelled")
    assert grace.notes == "Ticket: General Admission\nVegetarian"
    assert alan == first["Alan Turing"]


def test_an_attendee_list_updates_an_attendance_added_by_hand(
    services: Services, tmp_path: Path
) -> None:
    event_id, _ = services.imports.event_for_import("Analytical Engines Summit")
    grace = services.contacts.create(
        ContactInput(formatted_name="Grace Hopper", emails=["grace@example.org"])
    )
    attendance = services.events.add_attendee(event_id, grace, role="staff", met=True)
    services.events.update_attendance(attendance, notes="Helps at the door")

    _import(services, tmp_path, AFTER, event_id)

    after = _by_name(services, event_id)
    assert sorted(after) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert after["Grace Hopper"].attendance_id == attendance
    # The list's role and status win; the user's note and "met" stay.
    assert (after["Grace Hopper"].role, after["Grace Hopper"].status) == ("attendee", "cancelled")
    assert after["Grace Hopper"].met
    assert after["Grace Hopper"].notes == "Helps at the door\nTicket: General Admission"

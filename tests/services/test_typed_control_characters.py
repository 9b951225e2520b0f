"""Control characters typed or pasted into the window (a NUL from a terminal, a form feed
from a PDF, an invisible byte order mark) are removed before anything is saved, on SQLite and
PostgreSQL alike: PostgreSQL refused a NUL, SQLite kept it unseen. Silently: the user then
sees the text as saved."""

from __future__ import annotations

from datetime import UTC, date, datetime

from netdesk.services.capture import Capture
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

PASTED = "Ada\x00 Love\x0clace\ufeff\x85"
CLEAN = "Ada Lovelace"


def test_a_contact_typed_with_control_characters_is_saved_without_them(
    services: Services,
) -> None:
    contact_id = services.contacts.create(
        ContactInput(
            formatted_name=PASTED,
            organization="Analytical\x00 Engines",
            emails=["ada\x00@example.org"],
            phones=["+44 20 7946\x00 0958"],
            urls=["https://ada\x00.example.org"],
            note="First line\x00\nsecond\x1b line",
            tags=["Math\x00s"],
        )
    )

    saved = services.contacts.get(contact_id)
    assert saved.formatted_name == CLEAN
    assert saved.organization == "Analytical Engines"
    assert saved.emails == ("ada@example.org",)
    assert saved.phones[0].e164 == "+442079460958"
    assert saved.urls == ("https://ada.example.org",)
    assert saved.note == "First line\nsecond line"
    assert saved.tags == ("Maths",)
    assert [row.name for row in services.search.page("lovelace")] == [CLEAN]

    services.contacts.update(contact_id, ContactInput(formatted_name="Ada\x00 King"))
    assert services.contacts.get(contact_id).formatted_name == "Ada King"


def test_events_notes_follow_ups_and_tags_are_saved_without_control_characters(
    services: Services,
) -> None:
    event_id = services.events.create(
        EventInput(
            name="Py\x00Con",
            starts_at=datetime(2027, 5, 1, 9, tzinfo=UTC),
            venue="Hall\x07 A",
            description="Talks\x00 and\u2028sprints",
            tags=["Con\x00ference"],
        )
    )
    contact_id = services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    note_id = services.notes.add(contact_id, "Talked\x00 about COBOL\x1b")
    followup_id = services.followups.add(contact_id, "Send\x00 the slides", date(2027, 5, 2))
    attendance_id = services.events.add_attendee(event_id, contact_id)
    services.events.update_attendance(attendance_id, notes="VIP\x00 ticket")

    event = services.events.get(event_id)
    assert (event.name, event.venue) == ("PyCon", "Hall A")
    assert event.description == "Talks and\nsprints"
    assert event.tags == ("Conference",)
    assert services.notes.get(note_id).body == "Talked about COBOL"
    assert services.followups.get(followup_id).action == "Send the slides"
    assert [a.notes for a in services.events.attendees(event_id)] == ["VIP ticket"]

    services.notes.update(note_id, "Edited\x00 note", "general", None)
    services.followups.update(followup_id, "Call\x00 back", None)
    services.tags.rename("Conference", "Big\x00 Conference")
    assert services.notes.get(note_id).body == "Edited note"
    assert services.followups.get(followup_id).action == "Call back"
    assert services.events.get(event_id).tags == ("Big Conference",)


def test_a_quick_capture_is_saved_without_control_characters(services: Services) -> None:
    result = services.capture.save(
        Capture(
            name=PASTED,
            organization="Acme\x00",
            talked_about="Robots\x00",
            followup="Write\x00 to her",
        )
    )

    saved = services.contacts.get(result.contact_id)
    assert (saved.formatted_name, saved.organization) == (CLEAN, "Acme")
    assert result.note_id is not None and result.followup_id is not None
    assert services.notes.get(result.note_id).body == "Robots"
    assert services.followups.get(result.followup_id).action == "Write to her"

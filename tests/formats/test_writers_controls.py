"""vCard and iCalendar exports carry no control characters either, even from a database
filled before imports and forms removed them (SQLite kept a NUL as it came): each text keeps
its visible characters, and the files still parse."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
import vobject

from netdesk.formats.ics.read import read_ics
from netdesk.formats.ics.write import write_ics
from netdesk.formats.records import (
    ContactRecord,
    EventRecord,
    PostalAddress,
    TodoRecord,
    Typed,
)
from netdesk.formats.vcard.write import write_vcards

STORED = "Ada\x00 Love\x1blace\x85\ufeff\x7f"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_a_vcard_export_drops_control_characters_stored_earlier(version: str) -> None:
    record = ContactRecord(
        uid="uid-\x00-1",
        formatted_name=STORED,
        organization="Analytical\x85 Engines",
        title="Count\ufeffess",
        emails=[Typed("ada\x00@example.org", "work", label="Wo\x9frk")],
        addresses=[PostalAddress(street="12\x00 St James's Square", locality="London\x85")],
        note="first\x07 line\n\tsecond\ufeff line",
        categories=["Math\x85s"],
        extra_lines=["X-SOMETHING:kept\x9f value"],
    )
    out = io.BytesIO()

    write_vcards([record], out, version)

    text = out.getvalue().decode()
    assert CONTROL.findall(text) == []
    card = vobject.readOne(text)
    assert card.fn.value == "Ada Lovelace"
    assert card.email.value == "ada@example.org"
    assert card.note.value == "first line\n\tsecond line"
    assert "X-SOMETHING:kept value" in text


def test_an_icalendar_export_drops_control_characters_stored_earlier() -> None:
    event = EventRecord(
        uid="event-\x00-1",
        name=STORED,
        starts_at=datetime(2027, 5, 1, 9, tzinfo=UTC),
        venue="Hall\x07 A",
        city="Berl\x85in",
        description="Talks\x00 and\ufeff sprints",
        categories=["Con\x1bference"],
    )
    todo = TodoRecord(
        uid="todo-\x00-1",
        summary="Follow up with Ada\x00: send\x85 the slides",
        due=date(2027, 5, 2),
        description="About\x1b COBOL",
        related_event_uid="event-\x00-1",
    )
    out = io.BytesIO()

    write_ics([event], [todo], out)

    data = out.getvalue()
    assert CONTROL.findall(data.decode()) == []
    read = [item for item in read_ics(data, "export.ics") if isinstance(item, EventRecord)]
    assert [(e.name, e.venue, e.city, e.description) for e in read] == [
        ("Ada Lovelace", "Hall A", "Berlin", "Talks and sprints")
    ]
    assert "SUMMARY:Follow up with Ada: send the slides" in data.decode()

"""An event's LOCATION longer than the venue column: the venue shows its start and the
description keeps it whole (it used to be cut at 255 characters without a word)."""

from __future__ import annotations

import io
from pathlib import Path

from netdesk.services.service_set import Services

# Directions in the venue's name, as organisers write them: 300 characters.
LONG = (
    "Centro de Congressos de Lisboa ("
    + "enter by the river side gate and take the lift to the third floor; " * 3
    + "follow the signs), Praça das Indústrias 1, 1300-307 Lisboa, Portugal"
)


def _calendar(location: str) -> str:
    escaped = location.replace(",", "\\,").replace(";", "\\;")
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:long@example.org\r\nSUMMARY:Summit\r\nDTSTART:20260301T090000Z\r\n"
        f"DESCRIPTION:Bring a badge.\r\nLOCATION:{escaped}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_a_location_too_long_for_the_venue_is_kept_whole_in_the_description(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "long.ics"
    path.write_text(_calendar(LONG), encoding="utf-8", newline="")

    report = services.imports.import_file(path)

    (row,) = services.events.list()
    event = services.events.get(row.id)
    whole = " ".join(LONG.split())
    assert len(whole) > 255
    assert event.venue == whole[:255]
    assert event.city == "Lisboa"
    assert event.description == f"Bring a badge.\n\nLocation: {whole}"
    assert [(p.line, p.kept) for p in report.problems] == [(4, True)]
    assert "longer than 255 characters" in report.problems[0].reason

    # Importing the file again, or our own export of it, adds no second line.
    services.imports.import_file(path)
    exported = tmp_path / "events.ics"
    out = io.BytesIO()
    services.exports.ics(out)
    exported.write_bytes(out.getvalue())
    services.imports.import_file(exported)
    again = services.events.get(row.id)
    assert (again.venue, again.city, again.description) == (
        event.venue,
        event.city,
        event.description,
    )

"""Control characters (a NUL above all) leave every imported record's text the same way on
SQLite and PostgreSQL, where one NUL used to abort the whole file, and each record that lost
some is reported once."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

from netdesk.formats.control_text import clean_text
from netdesk.formats.records import ContactRecord
from netdesk.services.control_characters import REPORT_LIMIT
from netdesk.services.service_set import Services

# NUL, BEL, ESC, DEL, the C1 control NEL (U+0085) and a byte order mark in the middle of the
# text; a Unicode line separator in the note, which is a line break and stays one.
HOSTILE_VCARD = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Ada\x00 Love\x07lace\r\n"
    "N:Love\x00lace;Ada\x1b;;;\r\n"
    "ORG:Analytical\x7f Engines\r\n"
    "EMAIL;TYPE=work:ada\x00@example.org\r\n"
    "TEL:+44 20 7946\x00 0958\r\n"
    "ADR:;;12 St\x00James's Square;London;;SW1Y\x85 4JH;UK\r\n"
    "NOTE:first\x00 line\u2028second\ufeff line\\n\tthird\r\n"
    "CATEGORIES:math\x00s,pioneers\r\n"
    "X-SKYPE:ada\x00.l\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Grace Hopper\r\n"
    "EMAIL:grace@example.org\r\n"
    "END:VCARD\r\n"
).encode()

# LinkedIn's own connections layout.
HOSTILE_CSV = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    b"Hedy\x00,La\x08marr,https://www.linkedin.com/in/hedy\x00,hedy\x00@example.org,"
    b"Frequency\x1f Hopping,Inventor\x7f,15 Jan 2024\r\n"
    b"Alan,Turing,,alan@example.org,Bletchley,,15 Jan 2024\r\n"
)

HOSTILE_ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nBEGIN:VEVENT\r\n"
    b"UID:evt-1@example.org\r\nSUMMARY:Py\x00thon Meetup\r\n"
    b"DTSTART:20270115T180000Z\r\nLOCATION:Beta\x07haus\r\nDESCRIPTION:Talks\x00\\nand pizza\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _import(services: Services, tmp_path: Path, name: str, data: bytes) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    report = services.imports.import_file(path)
    return [str(problem) for problem in report.problems]


def _stored(services: Services) -> list[dict[str, Any]]:
    records = []
    for record in services.exports.records():
        fields = dataclasses.asdict(record)
        del fields["line"]
        records.append(fields)
    return records


def test_a_vcard_with_control_characters_imports_clean_and_reported(
    services: Services, tmp_path: Path
) -> None:
    problems = _import(services, tmp_path, "hostile.vcf", HOSTILE_VCARD)

    assert problems == [
        f"{tmp_path / 'hostile.vcf'}:1: control characters removed from Ada Lovelace's fields"
    ]
    stored = {record.formatted_name: record for record in services.exports.records()}
    assert set(stored) == {"Ada Lovelace", "Grace Hopper"}
    ada = stored["Ada Lovelace"]
    assert (ada.formatted_name, ada.family_name, ada.given_name) == (
        "Ada Lovelace",
        "Lovelace",
        "Ada",
    )
    assert ada.organization == "Analytical Engines"
    assert [e.value for e in ada.emails] == ["ada@example.org"]
    assert [p.value for p in ada.phones] == ["+44 20 7946 0958"]
    assert ada.addresses[0].street == "12 StJames's Square"
    assert ada.addresses[0].postal_code == "SW1Y 4JH"
    assert ada.note == "first line\nsecond line\n\tthird"
    assert sorted(ada.categories) == ["maths", "pioneers"]
    assert ada.extra_lines == ["X-SKYPE:ada.l"]


def test_a_csv_with_control_characters_imports_clean_and_reported(
    services: Services, tmp_path: Path
) -> None:
    problems = _import(services, tmp_path, "Connections.csv", HOSTILE_CSV)

    assert problems == [
        f"{tmp_path / 'Connections.csv'}:2: control characters removed from Hedy Lamarr's fields"
    ]
    stored = {record.formatted_name: record for record in services.exports.records()}
    assert set(stored) == {"Hedy Lamarr", "Alan Turing"}
    hedy = stored["Hedy Lamarr"]
    assert [e.value for e in hedy.emails] == ["hedy@example.org"]
    assert [u.value for u in hedy.urls] == ["https://www.linkedin.com/in/hedy"]
    assert (hedy.organization, hedy.title) == ("Frequency Hopping", "Inventor")


def test_an_event_with_control_characters_imports_clean_and_reported(
    services: Services, tmp_path: Path
) -> None:
    problems = _import(services, tmp_path, "meetup.ics", HOSTILE_ICS)

    assert len(problems) == 1
    assert problems[0].endswith(
        "control characters removed from the fields of the event “Python Meetup”"
    )
    event_id = services.events.find_by_name("Python Meetup")
    assert event_id is not None
    event = services.events.get(event_id)
    assert event.venue == "Betahaus"
    assert event.description == "Talks\nand pizza"


def test_both_databases_keep_the_same(services: Services, tmp_path: Path) -> None:
    """The same files give the same records whatever the database (compared with what a
    clean copy of the files gives)."""
    _import(services, tmp_path, "hostile.vcf", HOSTILE_VCARD)
    _import(services, tmp_path, "Connections.csv", HOSTILE_CSV)
    stored = _stored(services)

    assert len(stored) == 4
    for record in stored:
        for value in _strings(record):
            assert clean_text(value) == value, value


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_a_card_from_a_qr_code_is_cleaned_too(services: Services) -> None:
    record = ContactRecord(formatted_name="Q\x00R Person", emails=[])

    plan = services.imports.preview_items([record], "QR code")

    assert plan.items[0].record.formatted_name == "QR Person"
    assert [str(p) for p in plan.problems] == [
        "QR code: control characters removed from QR Person's fields"
    ]


def test_reports_stop_at_the_limit_with_a_count(sqlite_services: Services, tmp_path: Path) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person\x00 {n}\r\nEND:VCARD\r\n"
        for n in range(REPORT_LIMIT + 5)
    )
    problems = _import(sqlite_services, tmp_path, "many.vcf", cards.encode())

    assert len(problems) == REPORT_LIMIT + 1
    assert problems[-1].endswith(
        "control characters were also removed from the fields of 5 more records "
        f"(only the first {REPORT_LIMIT:,} are listed)"
    )
    out = io.BytesIO()
    sqlite_services.exports.vcard(out)
    assert b"\x00" not in out.getvalue()

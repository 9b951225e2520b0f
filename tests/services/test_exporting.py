"""Exports read back with parsers that are not ours: the independent vCard reader in
tests/formats, the csv module and vobject for iCalendar."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import vobject

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from tests.formats.independent_vcard import parse_vcards


def _people(services: Services) -> tuple[int, int]:
    ada = services.contacts.create(
        ContactInput(
            formatted_name="Ada Lovelace",
            given_name="Ada",
            family_name="Lovelace",
            organization="Analytical Engines; Ltd",
            emails=["ada@example.org"],
            phones=["+44 20 7946 0958"],
            birthday=date(1815, 12, 10),
            note="Line one\nline two, with a comma",
            tags=["math"],
        )
    )
    evil = services.contacts.create(
        ContactInput(formatted_name='=HYPERLINK("http://x")', organization="@SUM(A1)")
    )
    return ada, evil


def test_vcard_export_reads_back_with_an_independent_parser(services: Services) -> None:
    ada, _ = _people(services)
    for version in ("3.0", "4.0"):
        out = io.BytesIO()
        assert services.exports.vcard(out, version=version) == 2
        cards = parse_vcards(out.getvalue())
        assert [c.version for c in cards] == [version, version]
        card = next(c for c in cards if c.one("FN").text() == "Ada Lovelace")
        assert card.one("N").components()[:2] == ["Lovelace", "Ada"]
        assert card.one("ORG").components()[0] == "Analytical Engines; Ltd"
        assert card.one("NOTE").text() == "Line one\nline two, with a comma"
        assert card.one("EMAIL").text() == "ada@example.org"
        assert "1815-12-10" in card.one("BDAY").raw.replace("18151210", "1815-12-10")
    only = parse_vcards(services.exports.vcard_bytes([ada]))
    assert [c.one("FN").text() for c in only] == ["Ada Lovelace"]
    assert services.exports.file_name([ada]) == "Ada Lovelace.vcf"
    assert services.exports.file_name([ada, ada + 1]) == "2 people.vcf"


def test_an_events_people_export_with_role_and_status(services: Services) -> None:
    ada, _evil = _people(services)
    event = services.events.create(
        EventInput(name="Soirée", starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC))
    )
    services.events.add_attendee(event, ada, role="speaker", status="checked in")
    out = io.StringIO(newline="")
    assert services.exports.csv(out, event_id=event) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    header, row = rows
    assert header[-2:] == ["Role", "Status"]
    assert row[0] == "Ada Lovelace" and row[-2:] == ["speaker", "checked in"]


def test_csv_export_neutralises_formulas(services: Services) -> None:
    _people(services)
    out = io.StringIO(newline="")
    services.exports.csv(out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    # Only a phone number is written as it is: no spreadsheet can run it (issue 11).
    assert "+44 20 7946 0958" in cells
    cells.remove("+44 20 7946 0958")
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells), cells
    assert '\'=HYPERLINK("http://x")' in cells and "'@SUM(A1)" in cells


def test_icalendar_export_has_events_and_open_followups(services: Services) -> None:
    ada, _ = _people(services)
    event = services.events.create(
        EventInput(
            name="Berlin meetup, spring",
            starts_at=datetime(2026, 5, 1, 17, tzinfo=UTC),
            ends_at=datetime(2026, 5, 1, 19, tzinfo=UTC),
            timezone="Europe/Berlin",
            venue="Betahaus",
            city="Berlin",
        )
    )
    services.followups.add(ada, "Send the slides", date(2026, 5, 4), event_id=event)
    done = services.followups.add(ada, "Already done", date(2026, 5, 2))
    services.followups.set_done(done)
    out = io.BytesIO()
    assert services.exports.ics(out) == (1, 1)
    calendar = vobject.readOne(out.getvalue().decode())
    vevent = calendar.vevent
    assert vevent.summary.value == "Berlin meetup, spring"
    assert vevent.dtstart.value == datetime(2026, 5, 1, 17, tzinfo=UTC)
    assert str(vevent.dtstart.value.tzinfo).endswith("Berlin") or vevent.dtstart.params
    todo = calendar.vtodo
    assert todo.summary.value == "Ada Lovelace: Send the slides"
    assert todo.due.value == date(2026, 5, 4)
    assert todo.contents["related-to"][0].value == services.events.get(event).uid

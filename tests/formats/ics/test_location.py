"""An event's LOCATION comes in with no word lost (the street, postcode and country used to be
dropped: only the venue and the city were kept) and goes out and back in unchanged."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest

from netdesk.formats.ics.fields import joined_location
from netdesk.formats.ics.read import read_ics
from netdesk.formats.ics.write import write_ics
from netdesk.formats.records import EventRecord
from tests.growth import doubling_ratio


def escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def calendar(location: str, extra: str = "") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        f"SUMMARY:Talk\r\nDTSTART:20260301T180000Z\r\nLOCATION:{escaped(location)}\r\n{extra}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def one_event(data: bytes) -> EventRecord:
    items = list(read_ics(data, "test.ics"))
    assert len(items) == 1 and isinstance(items[0], EventRecord), items
    return items[0]


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,()]+", text) if w]


LOCATIONS = [
    # Meetup
    (
        "Fathom Creative, Inc. (1333 14th Street Northwest, Washington D.C., DC 20005, USA)",
        "Fathom Creative, Inc. (1333 14th Street Northwest, Washington D.C., DC 20005, USA)",
        "Washington D.C.",
    ),
    (
        "Impact Hub (Gneisenaustr. 2, München, de)",
        "Impact Hub (Gneisenaustr. 2, München, de)",
        "München",
    ),
    # Google
    (
        "Betahaus, Rudi-Dutschke-Straße 23, 10115 Berlin, Germany",
        "Betahaus, Rudi-Dutschke-Straße 23, 10115 Berlin, Germany",
        "Berlin",
    ),
    ("Lisboa Labs, Rua da Prata 80, Lisbon", "Lisboa Labs, Rua da Prata 80, Lisbon", "Lisbon"),
    ("Room 4B", "Room 4B", ""),
    (
        "https://meet.example.org/abc-defg-hij?lang=en,de,fr",
        "https://meet.example.org/abc-defg-hij?lang=en,de,fr",
        "",
    ),
    # Outlook and Apple write an address block
    (
        "Roadstar 16\n12764 Happyville\nDenmark",
        "Roadstar 16, 12764 Happyville, Denmark",
        "Happyville",
    ),
    ("Kulturhaus,\n  Hauptstraße 5,\n4020 Linz", "Kulturhaus, Hauptstraße 5, 4020 Linz", "Linz"),
]


@pytest.mark.parametrize(("location", "venue", "city"), LOCATIONS)
def test_every_word_of_the_location_is_kept(location: str, venue: str, city: str) -> None:
    event = one_event(calendar(location))

    assert (event.venue, event.city) == (venue, city)
    kept = words(event.venue) + words(event.city)
    assert [w for w in words(location) if w not in kept] == []
    # Shown once, not "…, 10115 Berlin, Germany, Berlin".
    assert joined_location(event.venue, event.city) == venue


@pytest.mark.parametrize(("location", "venue", "city"), LOCATIONS)
def test_exported_and_read_again_the_place_is_the_same(
    location: str, venue: str, city: str
) -> None:
    out = io.BytesIO()
    write_ics([one_event(calendar(location))], [], out)
    exported = out.getvalue()

    again = one_event(exported)
    assert (again.venue, again.city) == (venue, city)
    # Another program reads the place it wrote, not "…, Germany, Berlin".
    assert f"LOCATION:{escaped(venue)}".encode() in exported.replace(b"\r\n ", b"")
    # ... and one that drops netdesk's own properties changes nothing either.
    bare = re.sub(rb"X-NETDESK-[A-Z]+:[^\r]*\r\n( [^\r]*\r\n)*", b"", exported)
    assert b"X-NETDESK" not in bare
    stripped = one_event(bare)
    assert (stripped.venue, stripped.city) == (venue, city)


def test_a_venue_and_city_typed_apart_still_go_out_as_venue_comma_city() -> None:
    record = EventRecord(
        uid="typed",
        name="Typed",
        starts_at=datetime(2026, 3, 1, 18, tzinfo=UTC),
        venue="Fathom Creative, Inc.",
        city="Washington",
    )
    out = io.BytesIO()
    write_ics([record], [], out)

    assert b"LOCATION:Fathom Creative\\, Inc.\\, Washington\r\n" in out.getvalue()
    again = one_event(out.getvalue())
    assert (again.venue, again.city) == ("Fathom Creative, Inc.", "Washington")
    # "Hotel Paris" does not name its city: the city is still shown.
    assert joined_location("Hotel Paris", "Paris") == "Hotel Paris, Paris"
    assert joined_location("Betahaus, Berlin", "Berlin") == "Betahaus, Berlin"


def test_a_long_venue_is_joined_with_its_city_in_linear_time() -> None:
    # Matching Meetup's "venue (address)" tried every length of the venue before "(": a venue
    # of 10,000 spaces then "(" took a second, of 100,000 over a minute.
    def join(n: int) -> str:
        return joined_location("Base" + " " * n + "(" + "x" * n, "Berlin")

    assert doubling_ratio(join, 5_000) < 3  # the old match took four times as long
    venue = "Base" + " " * 1_000_000 + "(Berlin)"
    assert joined_location(venue, "Berlin") == venue
    assert joined_location("Base (Mitte, Berlin)", "Berlin") == "Base (Mitte, Berlin)"

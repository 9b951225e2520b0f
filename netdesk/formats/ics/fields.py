"""Text properties of an iCalendar event: SUMMARY-like text, ORGANIZER, CATEGORIES, LOCATION."""

from __future__ import annotations

import re
from typing import Any

_COUNTRIES = {
    "australia",
    "austria",
    "belgium",
    "brasil",
    "brazil",
    "canada",
    "danmark",
    "denmark",
    "deutschland",
    "england",
    "españa",
    "france",
    "germany",
    "india",
    "ireland",
    "italia",
    "italy",
    "japan",
    "nederland",
    "netherlands",
    "norway",
    "österreich",
    "poland",
    "polska",
    "portugal",
    "schweiz",
    "scotland",
    "spain",
    "suisse",
    "sweden",
    "sverige",
    "switzerland",
    "the netherlands",
    "united kingdom",
    "united states",
    "united states of america",
}


def first_value(value: Any) -> Any:
    """A property's value; the first one when the file repeats the property."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def text_of(component: Any, name: str) -> str:
    value = first_value(component.get(name))
    return "" if value is None else str(value).strip()


def organiser_of(component: Any) -> str:
    organizer = first_value(component.get("ORGANIZER"))
    if organizer is None:
        return ""
    params = getattr(organizer, "params", {})
    common_name = str(params.get("CN", "")).strip().strip('"').strip()
    if common_name:
        return common_name
    address = str(organizer).strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    return "" if address.lower().startswith("invalid:") else address.strip()


def categories_of(component: Any) -> list[str]:
    found = component.get("CATEGORIES")
    values = found if isinstance(found, list) else [found] if found is not None else []
    names: list[str] = []
    for value in values:
        # icalendar splits on unescaped commas only: "Meeting\, John" stays one category.
        names.extend(str(category).strip() for category in getattr(value, "cats", [value]))
    return list(dict.fromkeys(name for name in names if name))


# --- location ---------------------------------------------------------------------------------

# netdesk's export writes the venue and the city apart too: "venue, city" cannot be split back
# when the venue has a comma of its own ("Fathom Creative, Inc., Washington" gave the venue
# "Fathom Creative"). They are read only while LOCATION is still what they make.
VENUE_PROPERTY = "X-NETDESK-VENUE"
CITY_PROPERTY = "X-NETDESK-CITY"


def joined_location(venue: str, city: str) -> str:
    """The place as one text ("venue, city"), as netdesk shows it and writes it as LOCATION;
    just the venue when it already names the city, as an imported LOCATION does."""
    venue, city = venue.strip(), city.strip()
    if names_city(venue, city):
        return venue
    return ", ".join(part for part in (venue, city) if part)


def names_city(venue: str, city: str) -> bool:
    """Whether a part of the venue after its first is the city (its postcode aside), as
    split_location finds it: "Betahaus, Rudi-Dutschke-Straße 23, 10969 Berlin, Germany" names
    Berlin, "Hotel Paris" does not name Paris."""
    if not city.strip():
        return False
    wanted = city.strip().casefold()
    parts = _parts(venue)[1:]
    meetup = _MEETUP_LOCATION.match(venue.strip())
    if meetup:
        parts.extend(_parts(meetup["address"]))
    return any(_city(part).casefold() == wanted for part in parts)


def location_of(component: Any) -> tuple[str, str]:
    """(venue, city) of an event: as netdesk wrote them apart, else split from LOCATION."""
    location = text_of(component, "LOCATION")
    venue, city = text_of(component, VENUE_PROPERTY), text_of(component, CITY_PROPERTY)
    if (venue or city) and joined_location(venue, city) == location:
        return venue, city
    return split_location(location)


# Atomic up to the first "(": the address cannot match from a longer venue when it did not
# from the shortest, and trying each was quadratic on a long LOCATION.
_MEETUP_LOCATION = re.compile(r"^(?>(?P<venue>[^(]+?)\s*\()(?P<address>.+)\)\s*$", re.DOTALL)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def split_location(location: str) -> tuple[str, str]:
    """(venue, city) from a LOCATION text; see ics_read's docstring for the rule.

    The venue is the whole text on one line: the street, postcode and country have no column
    of their own, and the full address is what the user can find the place by."""
    venue = one_line_location(location)
    if _URL.match(venue):
        return venue, ""  # "https://meet.example/a,b,c" names no city
    meetup = _MEETUP_LOCATION.match(venue)
    if meetup:
        address = _parts(meetup["address"])
    else:
        address = _parts(venue)[1:]
        if len(address) < 2:
            return venue, ""
    for part in reversed(address):
        city = _city(part)
        if city:
            return venue, city
    return venue, ""


def place_name(location: str) -> str:
    """What a LOCATION calls the place: its first part ("Betahaus"), or Meetup's venue before
    the address in parentheses; an event without a title is named after it."""
    text = one_line_location(location)
    meetup = _MEETUP_LOCATION.match(text)
    if meetup:
        return meetup["venue"].strip()
    parts = _parts(text)
    return parts[0] if len(parts) >= 3 else text


def one_line_location(location: str) -> str:
    """A LOCATION's lines (an address block from Outlook or Apple) joined by commas."""
    lines = (" ".join(line.split()).strip(",").strip() for line in location.splitlines())
    return ", ".join(line for line in lines if line)


def _parts(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,\n]", text) if p.strip()]


def _city(part: str) -> str:
    """The city in an address part, or "" when the part is a country, postcode or state code."""
    if part.casefold() in _COUNTRIES:
        return ""
    words = [w for w in part.split() if not any(c.isdigit() for c in w)]
    if not words:
        return ""
    city = " ".join(words)
    if len(city) <= 3 and city.isalpha():  # "CA", "NY", "de", "USA", "UK"
        return ""
    return city

"""The CSV files other programs write, recognised by their headers, and how each row of them
becomes a ContactRecord.

Each layout has `prepare(headers)`, which looks the columns up once per file and returns a
function that turns the cells of one row into a record (without the formatted-name fallback and
the "names nobody" check, which formats.csv.read applies to every layout alike).
"""

from __future__ import annotations

from collections.abc import Sequence

from netdesk.formats.csv.layout_columns import (
    AddressColumns,
    Columns,
    Layout,
    RowConverter,
    normalise_header,
)
from netdesk.formats.csv.layouts_contacts import (
    google_legacy_matches,
    google_matches,
    linkedin_matches,
    outlook_matches,
    prepare_google,
    prepare_linkedin,
    prepare_outlook,
)
from netdesk.formats.csv.layouts_events import (
    eventbrite_matches,
    meetup_matches,
    meetup_profile,
    prepare_eventbrite,
    prepare_meetup,
    role_from_ticket,
)
from netdesk.formats.csv.layouts_netdesk import netdesk_matches, prepare_netdesk

__all__ = [
    "LAYOUTS",
    "LAYOUT_LABELS",
    "AddressColumns",
    "Columns",
    "Layout",
    "RowConverter",
    "detect_layout",
    "layout_named",
    "meetup_profile",
    "normalise_header",
    "role_from_ticket",
]


# --- Registry --------------------------------------------------------------------------------

# Tried in this order: the more specific headers first (Eventbrite and Google also have
# "First Name" and "Last Name"); netdesk's own export names all sixteen of its columns.
LAYOUTS: tuple[Layout, ...] = (
    Layout("netdesk", "netdesk export", "csv", netdesk_matches, prepare_netdesk),
    Layout(
        "eventbrite",
        "Eventbrite attendee report",
        "eventbrite",
        eventbrite_matches,
        prepare_eventbrite,
    ),
    Layout("meetup", "Meetup attendee list", "meetup", meetup_matches, prepare_meetup),
    Layout(
        "google-legacy",
        "Google Contacts (older format)",
        "google",
        google_legacy_matches,
        prepare_google,
    ),
    Layout("google", "Google Contacts", "google", google_matches, prepare_google),
    Layout("linkedin", "LinkedIn connections", "linkedin", linkedin_matches, prepare_linkedin),
    Layout("outlook", "Outlook contacts", "outlook", outlook_matches, prepare_outlook),
)
LAYOUT_LABELS: dict[str, str] = {layout.name: layout.label for layout in LAYOUTS}


def detect_layout(headers: Sequence[str]) -> Layout | None:
    """The known layout whose headers these are, or None."""
    columns = Columns(headers)
    for layout in LAYOUTS:
        if layout.matches(columns):
            return layout
    return None


def layout_named(name: str) -> Layout:
    for layout in LAYOUTS:
        if layout.name == name:
            return layout
    raise KeyError(name)

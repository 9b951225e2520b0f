"""What the command line says when the event or contact named is not there: the close names
("Did you mean 'EuroPython 2026'?"), or where to find the exact one. Such a mistake is in how
the command was typed: the commands exit with status 2 (USAGE)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netdesk.services.close_names import close_names, did_you_mean

if TYPE_CHECKING:
    from netdesk.services.service_set import Services

USAGE = 2


def close_event_names(services: Services, name: str) -> list[str]:
    """The names of the events close to `name`, closest first."""
    return close_names(name, [event.name for event in services.events.list()])


def unknown_event(services: Services, name: str, outcome: str = "Nothing was written.") -> str:
    """ "no event named 'X'. Did you mean 'Y'? OUTCOME", or where the names are listed."""
    names = [event.name for event in services.events.list()]
    if not names:
        return f"no event named {name!r}, nor any other event yet. {outcome}"
    close = close_names(name, names)
    if close:
        return f"no event named {name!r}. {did_you_mean(close)} {outcome}"
    return f"no event named {name!r} (`netdesk events` lists them). {outcome}"


def unknown_contact(services: Services, key: str, outcome: str = "Nothing was written.") -> str:
    close = close_names(key, services.cards.contact_emails())
    said = f"no contact with the email address or UID {key.strip()!r}."
    return f"{said} {did_you_mean(close)} {outcome}" if close else f"{said} {outcome}"

"""Field checks shared by every way data comes in."""

from __future__ import annotations

import locale
import re
from typing import TypeVar

import phonenumbers

from netdesk.formats.control_text import clean_fields, clean_text

T = TypeVar("T")


def typed_text(value: str) -> str:
    """Text typed or pasted by the user, without control characters (a NUL pasted from a
    terminal or a PDF): PostgreSQL refuses them and SQLite would keep them unseen. Removed
    silently, as imports remove them: the user sees the text as it was saved."""
    return clean_text(value)


def without_control_characters(data: T) -> T:
    """A copy of a form's dataclass (ContactInput, EventInput, a quick capture) with
    typed_text applied to each text and list of texts it holds."""
    return clean_fields(data)


# Deliberately permissive: one @, no spaces, a dot in the domain. Real validation is sending mail.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def email_problem(value: str) -> str | None:
    if not _EMAIL.match(value.strip()):
        return f"“{value}” is not an email address (like name@example.org)."
    return None


# The lookahead says first what the rest implies (no space anywhere): without it each "?" in
# a long address with a space tried its query part to the end, quadratic (100 KB: minutes).
_WEB_HOST = re.compile(r"^(?=\S*+\n?\Z)[^\s/:@]+\.[^\s/:@.]{2,}(:\d+)?([/?#]\S*)?$", re.IGNORECASE)


def web_address(value: str) -> str:
    """The address with its scheme ("example.org/x" gets https://), or ValueError for the user.

    Only http and https: a "javascript:" or "file:" link in a contact must never be opened.
    """
    text = value.strip()
    lowered = text.lower()
    for scheme in ("https://", "http://"):
        if lowered.startswith(scheme):
            if _WEB_HOST.match(text[len(scheme) :]):
                return text
            break
    else:
        if "://" not in text and ":" not in text.split("/", 1)[0] and _WEB_HOST.match(text):
            return f"https://{text}"
    raise ValueError(f"“{value}” is not a web address (like https://example.org).")


def default_region() -> str | None:
    """The user's country from the system locale (for numbers typed without +country code)."""
    for candidate in (locale.getlocale()[0], locale.setlocale(locale.LC_CTYPE, None)):
        if candidate and "_" in candidate:
            region = candidate.split("_", 1)[1][:2].upper()
            if region.isalpha() and len(region) == 2:
                return region
    return None


def phone_to_e164(value: str, region: str | None = None) -> str:
    """The E.164 form of a phone number, or ValueError with a message for the user."""
    text = value.strip()
    if not text:
        raise ValueError("The phone number is empty.")
    try:
        number = phonenumbers.parse(text, region or default_region())
    except phonenumbers.NumberParseException as exc:
        if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            raise ValueError(f"“{value}”: add the country code, like +44 20 7946 0958.") from exc
        raise ValueError(f"“{value}” is not a phone number.") from exc
    if not phonenumbers.is_possible_number(number):
        raise ValueError(f"“{value}” has too few or too many digits for a phone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

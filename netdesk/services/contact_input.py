"""A contact form's input checked and cleaned, then written onto a Contact row."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from netdesk.formats.phone_extension import split_extension, with_extension
from netdesk.models import Contact, ContactEmail, ContactPhone, ContactUrl
from netdesk.services.bulk import column_length
from netdesk.services.errors import ValidationError
from netdesk.services.records import ContactInput
from netdesk.services.tags import tags_for
from netdesk.services.validation import (
    email_problem,
    phone_to_e164,
    web_address,
    without_control_characters,
)
from netdesk.text import sort_key_for_name


def collapse_spaces(value: str) -> str:
    return " ".join(value.split())


def validate_contact(
    data: ContactInput, region: str | None = None
) -> tuple[ContactInput, list[str]]:
    """A cleaned copy of the input and the E.164 form of each phone; ValidationError if wrong."""
    errors: dict[str, str] = {}
    data = without_control_characters(data)
    clean = ContactInput(
        formatted_name=collapse_spaces(data.formatted_name),
        given_name=collapse_spaces(data.given_name),
        family_name=collapse_spaces(data.family_name),
        nickname=collapse_spaces(data.nickname),
        organization=collapse_spaces(data.organization),
        department=collapse_spaces(data.department),
        title=collapse_spaces(data.title),
        emails=[e.strip() for e in data.emails if e.strip()],
        phones=[p.strip() for p in data.phones if p.strip()],
        urls=[u.strip() for u in data.urls if u.strip()],
        birthday=data.birthday,
        note=data.note.strip(),
        tags=list(data.tags),
        is_me=data.is_me,
    )
    if not clean.formatted_name:
        clean.formatted_name = " ".join(p for p in (clean.given_name, clean.family_name) if p)
    if not clean.formatted_name:
        errors["name"] = "A contact needs a name."
    errors.update(_too_long(clean))
    # Every bad line at once, so that one round of corrections is enough.
    problems = [p for p in map(email_problem, clean.emails) if p]
    problems.extend(_long_values(clean.emails, ContactEmail, "email address"))
    if problems:
        errors["emails"] = "\n".join(problems)
    clean.emails = _unique(clean.emails, str.casefold)
    e164s: list[str] = []
    problems = []
    phones: list[str] = []
    seen: set[tuple[str, str]] = set()
    for phone in clean.phones:
        # "+1 418-656-9254 ext. 102" or "x102": the extension is kept apart (apply_contact).
        number, extension = split_extension(phone)
        try:
            e164 = phone_to_e164(number, region)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if (e164, extension) not in seen:  # the same number typed twice, perhaps differently
            seen.add((e164, extension))
            e164s.append(e164)
            phones.append(with_extension(number, extension))
    if problems:
        errors["phones"] = "\n".join(problems)
    clean.phones = phones
    urls: list[str] = []
    problems = []
    for url in clean.urls:
        try:
            urls.append(web_address(url))
        except ValueError as exc:
            problems.append(str(exc))
    problems.extend(_long_values(urls, ContactUrl, "web address"))
    if problems:
        errors["urls"] = "\n".join(problems)
    clean.urls = _unique(urls, str.casefold)
    if errors:
        raise ValidationError(errors)
    return clean, e164s


# Form fields and the contact columns they are saved in (the name parts share one error).
_TEXT_COLUMNS = {
    "formatted_name": "name",
    "given_name": "name_parts",
    "family_name": "name_parts",
    "nickname": "nickname",
    "organization": "organization",
    "department": "department",
    "title": "title",
}


def _too_long(data: ContactInput) -> dict[str, str]:
    """PostgreSQL refuses text longer than its column (SQLite would keep it): say so beside
    the field instead of failing the save."""
    errors: dict[str, str] = {}
    for attribute, field in _TEXT_COLUMNS.items():
        limit = column_length(Contact, attribute)
        if limit is not None and len(getattr(data, attribute)) > limit:
            errors[field] = f"Too long: at most {limit:,} characters."
    return errors


def _long_values(values: list[str], model: type, what: str) -> list[str]:
    limit = column_length(model, "value")
    if limit is None:
        return []
    return [
        f"A {what} of {len(v):,} characters is too long (at most {limit:,})."
        for v in values
        if len(v) > limit
    ]


def _unique(values: list[str], key: Callable[[str], str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for value in values:
        if key(value) not in seen:
            seen.add(key(value))
            unique.append(value)
    return unique


def apply_contact(session: Session, contact: Contact, data: ContactInput, e164s: list[str]) -> None:
    contact.formatted_name = data.formatted_name
    contact.given_name = data.given_name
    contact.family_name = data.family_name
    contact.nickname = data.nickname
    contact.organization = data.organization
    contact.department = data.department
    contact.title = data.title
    contact.birthday = data.birthday
    contact.note = data.note
    contact.sort_name = sort_key_for_name(data.family_name, data.given_name, data.formatted_name)
    contact.tags = tags_for(session, data.tags)
    # Keep rows whose value is unchanged so that their type, label and preference survive.
    old_emails = {e.value.casefold(): e for e in contact.emails}
    contact.emails = [
        old_emails.get(v.casefold()) or ContactEmail(value=v, kind="work" if i == 0 else "")
        for i, v in enumerate(data.emails)
    ]
    old_phones = {(p.value, p.extension): p for p in contact.phones}
    phones = []
    for text, e164 in zip(data.phones, e164s, strict=True):
        value, extension = split_extension(text)
        row = old_phones.get((value, extension)) or ContactPhone(
            value=value, kind="cell", extension=extension
        )
        row.e164 = e164
        phones.append(row)
    contact.phones = phones
    old_urls = {u.value: u for u in contact.urls}
    contact.urls = [old_urls.get(v) or ContactUrl(value=v) for v in data.urls]
    for group in (contact.emails, contact.phones, contact.urls):
        for position, child in enumerate(group):
            child.position = position  # type: ignore[attr-defined]
            # The form's first email and phone are the preferred ones; web addresses keep
            # what their card said (a phone's social profile is not made "pref" by an edit).
            if group is not contact.urls:
                child.preferred = position == 0  # type: ignore[attr-defined]

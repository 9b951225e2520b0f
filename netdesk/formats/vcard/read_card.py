"""One vCard's content lines to a ContactRecord: what netdesk maps and what it keeps verbatim.

Mapped: FN, N, NICKNAME, ORG, TITLE, UID, BDAY, NOTE, CATEGORIES, EMAIL, TEL, URL,
X-SOCIALPROFILE, ADR and PHOTO; Apple's grouped X-ABLabel becomes the label of its group's email,
phone, web or postal address. Everything else goes into `extra_lines` in the form the writer
writes back unchanged (formats.vcard.write_line_syntax.content_line), so that import, export and
import again give the same record. A property a card may hold only once (N, FN, UID, BDAY, KIND,
GENDER, ANNIVERSARY) is kept once, as the writer does. A card with no name of its own is named by
what it carries (an Android nickname, an IM handle, a web address, a postal label:
formats.vcard.handles), and a phone's extension is kept apart from its number (phone_extension).
Typed values (kinds, labels, birthday, fallback name) come from formats.vcard.card_values,
pictures from formats.vcard.card_photo.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from netdesk.formats.phone_extension import split_extension
from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard import delivery_label as delivery
from netdesk.formats.vcard.card_photo import (
    BAD_PHOTO,
    BASE64,
    BINARY_LIMIT,
    decode_photo,
    sniff_image,
    too_big,
)
from netdesk.formats.vcard.card_values import (
    apple_label,
    birthday_parts,
    fallback_name,
    postal_address,
    typed,
)
from netdesk.formats.vcard.handles import (
    IM_PROPERTIES,
    address_name,
    android_nickname,
    first_line,
    im_handle,
    web_name,
)
from netdesk.formats.vcard.read_line import Params, components, unescape
from netdesk.formats.vcard.write_extra import ENVELOPE, TEXT_BIRTHDAY_3, as_kept
from netdesk.formats.vcard.write_line_syntax import content_line

# Importable from here, as before the photo handling had a module of its own.
__all__ = ["BINARY_LIMIT", "CardReader", "Prop", "too_big"]

# A parsed content line: (line number, group, NAME in upper case, parameters or None,
# value (transfer encoding undone, vCard escapes still in), the line to keep verbatim).
Prop = tuple[int, str, str, Params | None, str, str]

_BAD_NAME = "line is not a vCard property (no valid name before ':'); it was skipped"
_NO_NAME = (
    "card has no name: no FN, N, nickname, organisation, email, phone, IM handle, "
    "web or postal address"
)
# Categories become tags, and each new tag is a row to write (about 0.6 ms): a megabyte line
# can name 150,000 of them. Real cards have a handful; more than this are left out.
CATEGORY_LIMIT = 1_000
_TOO_MANY_CATEGORIES = (
    f"card has more than {CATEGORY_LIMIT:,} categories; the first {CATEGORY_LIMIT:,} became "
    "tags, the others were left out"
)
# Properties that describe the file, not the person (formats.vcard.write_extra.ENVELOPE says which).
_DROPPED = ENVELOPE
# At most one per card (RFC 2426, RFC 6350): the writer keeps the first, and so does the reader.
_AT_MOST_ONE = frozenset({"N", "FN", "UID", "BDAY"})
_AT_MOST_ONE_EXTRA = frozenset({"KIND", "GENDER", "ANNIVERSARY"})
# Properties whose Apple X-ABLabel (same group) becomes Typed.label / PostalAddress.label.
_LABELLED = frozenset({"EMAIL", "TEL", "URL", "ADR", "X-SOCIALPROFILE"})
_VALID_NAME = re.compile(r"(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_/-]+").fullmatch
_IMPOSSIBLE_BIRTHDAY = (
    "the birthday is not a date of any calendar; it is not shown, and kept as written for export"
)


class CardReader:
    """Maps one card's content lines onto a ContactRecord."""

    def __init__(self, file: str, begin: int, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.record = ContactRecord(source="vcard", line=begin)
        self.kept: set[str] = set()  # properties kept once: mapped or in extra_lines
        self.notes: list[str] = []
        self.categories_seen: set[str] = set()
        self.categories_cut = False
        # What names a card that has no name of its own (formats.vcard.handles): the first IM
        # handle, Android nickname and postal label seen.
        self.handle = ""
        self.android_nickname = ""
        self.postal_label = ""
        # Delivery labels (LABEL, ADR;LABEL=): kept as extra lines, never as type names.
        self.delivery: list[delivery.Label] = []

    def read(self, props: list[Prop]) -> ContactRecord | None:
        labels: dict[str, str] = {}
        labelled: set[str] = set()
        if any(prop[1] for prop in props):
            for _, group, name, _, value, _ in props:
                if group:
                    if name == "X-ABLABEL":
                        labels.setdefault(group.lower(), apple_label(unescape(value)))
                    elif name in _LABELLED:
                        labelled.add(group.lower())
        for prop in props:
            group, name = prop[1], prop[2]
            handler = _HANDLERS.get(name)
            if handler is not None:
                handler(self, prop, labels.get(group.lower(), "") if group else "")
            elif name == "X-ABLABEL" and group and group.lower() in labelled:
                continue  # consumed as the label of its group's email, phone, URL or address
            elif name in _NAMING_EXTRAS:
                self.naming_extra(prop)
            elif name not in _DROPPED:
                self.extra(prop)
        record = self.record
        if self.delivery:
            record.extra_lines += delivery.ordered_lines(record.addresses, self.delivery)
        if self.notes:
            record.note = "\n\n".join(self.notes)
        if self.android_nickname and not record.nickname:
            record.nickname = self.android_nickname
        if not record.formatted_name:
            record.formatted_name = fallback_name(record) or self.handle_name()
            if not record.formatted_name:
                self.problems.append(Problem(self.file, record.line, _NO_NAME))
                return None
        return record

    def naming_extra(self, prop: Prop) -> None:
        """An IM address, Android property or 3.0 LABEL: kept (verbatim, or as a delivery
        label), and remembered in case the card has nothing else to be named by."""
        name = prop[2]
        value = unescape(prop[4])
        params = prop[3]
        found = None
        if name == delivery.NAME and (params is None or params.encoding not in BASE64):
            found = delivery.label(params.types if params else [], value)
        if found is not None:
            self.delivery.append(found)
        else:
            self.extra(prop)
        if name in IM_PROPERTIES:
            self.handle = self.handle or im_handle(value)
        elif name == "X-ANDROID-CUSTOM":
            self.android_nickname = self.android_nickname or android_nickname(prop[4])
        else:
            self.postal_label = self.postal_label or first_line(value)

    def handle_name(self) -> str:
        record = self.record
        return (
            self.handle
            or next((name for name in map(web_name, record.urls) if name), "")
            or self.postal_label
            or next((name for name in map(address_name, record.addresses) if name), "")
        )

    def extra(self, prop: Prop) -> None:
        number, group, name, params, value, text = prop
        if name in _AT_MOST_ONE_EXTRA:
            if name in self.kept:
                return
            self.kept.add(name)
        if not _VALID_NAME(f"{group}.{name}" if group else name):
            self.problems.append(Problem(self.file, number, _BAD_NAME))
            return
        if params is not None and params.encoding in BASE64 and text.endswith(value):
            # 2.1 base64 continues on indented lines: keep the data, not the indentation.
            compact = "".join(value.split())
            if compact != value:
                text = text[: len(text) - len(value)] + compact
        # In the form the writer writes back unchanged: 2.1 bare parameters get their TYPE=
        # or ENCODING=, "_" and "/" in names become "-", empty parameters go.
        line = content_line(text)
        if line is not None:
            self.record.extra_lines.append(as_kept(line, name))

    def first(self, prop: Prop) -> bool:
        """True for the first line of a property netdesk keeps once; later ones stay extra
        (or go, for properties a card may hold only once)."""
        name = prop[2]
        if name in self.kept:
            if name not in _AT_MOST_ONE:
                self.extra(prop)
            return False
        self.kept.add(name)
        return True

    def fn(self, prop: Prop, label: str) -> None:
        value = unescape(prop[4]).strip()
        if value and self.first(prop):
            self.record.formatted_name = value

    def n(self, prop: Prop, label: str) -> None:
        if not self.first(prop):
            return
        parts = [part.strip() for part in components(prop[4])]
        parts += [""] * (5 - len(parts))
        record = self.record
        record.family_name, record.given_name, record.middle_name, record.prefix = parts[:4]
        record.suffix = " ".join(part for part in parts[4:] if part)

    def nickname(self, prop: Prop, label: str) -> None:
        value = unescape(prop[4]).strip()
        if value and self.first(prop):
            self.record.nickname = value

    def org(self, prop: Prop, label: str) -> None:
        parts = [part.strip() for part in components(prop[4])]
        if any(parts) and self.first(prop):
            self.record.organization = parts[0]
            self.record.department = "; ".join(part for part in parts[1:] if part)

    def title(self, prop: Prop, label: str) -> None:
        value = unescape(prop[4]).strip()
        if value and self.first(prop):
            self.record.title = value

    def uid(self, prop: Prop, label: str) -> None:
        value = unescape(prop[4]).strip()
        if value and self.first(prop):
            self.record.uid = value

    def bday(self, prop: Prop, label: str) -> None:
        if not self.first(prop):
            return
        found = birthday_parts(prop[4], prop[3])
        if found:
            try:
                self.record.birthday = date(*found)
                return
            except ValueError:
                # A date no calendar has (1999-13-45): not shown, so said.
                self.problems.append(Problem(self.file, prop[0], _IMPOSSIBLE_BIRTHDAY, kept=True))
        # Year-less, text or odd dates: netdesk keeps no such date, the export writes it back.
        self.extra(prop)

    def text_birthday(self, prop: Prop, label: str) -> None:
        """A birthday that is not a date, as netdesk writes it in vCard 3.0 (which has none)."""
        number, group, _, params, value, text = prop
        head = text[: len(group) + 1] if group else ""
        tail = text[len(head) + len(TEXT_BIRTHDAY_3) :]
        self.bday((number, group, "BDAY", params, value, f"{head}BDAY{tail}"), label)

    def note(self, prop: Prop, label: str) -> None:
        value = unescape(prop[4]).strip()
        if value:
            self.notes.append(value)  # joined at the end: adding each to the text is quadratic

    def categories(self, prop: Prop, label: str) -> None:
        categories = self.record.categories
        seen = self.categories_seen  # a list lookup for each made 200,000 categories take minutes
        for item in components(prop[4], ","):
            item = item.strip()
            if item and item not in seen:
                if len(categories) >= CATEGORY_LIMIT:
                    if not self.categories_cut:  # said once for the card
                        self.categories_cut = True
                        self.problems.append(Problem(self.file, prop[0], _TOO_MANY_CATEGORIES))
                    return
                seen.add(item)
                categories.append(item)

    def email(self, prop: Prop, label: str) -> None:
        value = unescape(prop[4]).strip()
        if value[:7].lower() == "mailto:":
            value = value[7:]
        if value:
            self.record.emails.append(typed(value, prop[3], label))

    def tel(self, prop: Prop, label: str) -> None:
        value, extension = split_extension(unescape(prop[4]))
        if value:
            phone = typed(value, prop[3], label)
            phone.extension = extension
            self.record.phones.append(phone)

    def url(self, prop: Prop, label: str) -> None:
        value = unescape(prop[4]).strip()
        if value:
            self.record.urls.append(typed(value, prop[3], label))

    def adr(self, prop: Prop, label: str) -> None:
        parts = [part.strip() for part in components(prop[4])]
        parts += [""] * (7 - len(parts))
        params = prop[3]
        if params is not None and params.label:
            self.postal_label = self.postal_label or first_line(params.label)
            # RFC 6350's own example escapes its line breaks and commas as in a text value.
            found = delivery.label(params.types, unescape(params.label))
            if found is not None:
                self.delivery.append(found)
        if not any(parts) and not label:
            return
        self.record.addresses.append(postal_address(parts, params, label))

    def photo(self, prop: Prop, label: str) -> None:
        value = prop[4].strip()
        if not value:
            return
        if self.record.photo is not None:
            self.extra(prop)
            return
        decoded = decode_photo(value, prop[3])
        if decoded is None:
            self.extra(prop)
            return
        data, mime = decoded
        if data is None:
            self.problems.append(Problem(self.file, prop[0], BAD_PHOTO))
            return
        if len(data) > BINARY_LIMIT:
            self.problems.append(Problem(self.file, prop[0], too_big("photo", len(data))))
            return
        if data:
            self.record.photo = data
            self.record.photo_mime = sniff_image(data) or mime


# Kept verbatim, but they may name a card that has no name (see CardReader.naming_extra).
_NAMING_EXTRAS = IM_PROPERTIES | {"X-ANDROID-CUSTOM", "LABEL"}

_HANDLERS: dict[str, Callable[[CardReader, Prop, str], None]] = {
    "FN": CardReader.fn,
    "N": CardReader.n,
    "NICKNAME": CardReader.nickname,
    "ORG": CardReader.org,
    "TITLE": CardReader.title,
    "UID": CardReader.uid,
    "BDAY": CardReader.bday,
    TEXT_BIRTHDAY_3: CardReader.text_birthday,
    "NOTE": CardReader.note,
    "CATEGORIES": CardReader.categories,
    "EMAIL": CardReader.email,
    "TEL": CardReader.tel,
    "URL": CardReader.url,
    "X-SOCIALPROFILE": CardReader.url,
    "ADR": CardReader.adr,
    "PHOTO": CardReader.photo,
}

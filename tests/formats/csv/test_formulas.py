"""Every CSV export neutralises formula prefixes in every cell, and reads back as typed
(issue 5: "CSV exports neutralise formula prefixes")."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netdesk.formats.csv.read import CsvTable, load_csv, read_contacts
from netdesk.formats.csv.values import FORMULA_PREFIXES
from netdesk.formats.csv.write import write_contacts_csv
from netdesk.formats.records import (
    ADDRESS_PARTS,
    AttendeeInfo,
    ContactRecord,
    PostalAddress,
    Typed,
)
from netdesk.services.import_plan import OnDuplicate
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

PREFIXES = ("=", "+", "-", "@", "\t", "\r")
assert set(PREFIXES) <= set(FORMULA_PREFIXES)


def dangerous(prefix: str, what: str) -> str:
    return f"{prefix}{what}+1|cmd"


def record_with_every_field(prefix: str) -> ContactRecord:
    """Each column of the export starts with `prefix` (one value per column, so that the
    import splits nothing)."""
    d = lambda what: dangerous(prefix, what)  # noqa: E731
    return ContactRecord(
        formatted_name=d("full"),
        given_name=d("given"),
        family_name=d("family"),
        middle_name=d("middle"),
        prefix=d("prefix"),
        suffix=d("suffix"),
        nickname=d("nick"),
        organization=d("org"),
        department=d("dept"),
        title=d("title"),
        emails=[Typed(d("mail@example.org"))],
        phones=[Typed(d("30 1234"))],
        urls=[Typed(d("example.org"))],
        addresses=[
            PostalAddress(
                po_box=d(f"{kind} box"),
                extended=d(f"{kind} extended"),
                street=d(f"{kind} street"),
                locality=d(f"{kind} city"),
                region=d(f"{kind} region"),
                postal_code=d(f"{kind} code"),
                country=d(f"{kind} country"),
                kind=kind,
            )
            for kind in ("work", "home", "")
        ],
        note=d("note") + "\nsecond line",
        categories=[d("tag")],
        attendee=AttendeeInfo(role=d("role"), status=d("status")),
    )


def raw_cells(text: str) -> list[list[str]]:
    """The cells exactly as a spreadsheet gets them from the file."""
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def harmless_phone(cell: str) -> bool:
    """A cell no spreadsheet can run: one "+", then only digits, spaces, dots, dashes and
    parentheses, perhaps an extension "x102" or "ext. 102" at the end; several joined by "; ".
    (Written here apart from the exporter's own rule, to check it.)"""
    for number in cell.split("; "):
        number = re.sub(r"\s?(ext\.|x) ?[0-9]+$", "", number, flags=re.IGNORECASE)
        if not (number[:1] == "+" and number[1:2].isascii() and number[1:2].isdigit()):
            return False
        if set(number[1:]) - set("0123456789 .-()"):
            return False
    return True


def assert_no_cell_is_a_formula(text: str) -> int:
    rows = raw_cells(text)
    checked = 0
    for row in rows[1:]:
        for cell in row:
            if cell:
                checked += 1
                if harmless_phone(cell):
                    continue
                assert cell[0] not in FORMULA_PREFIXES, repr(cell)
                # Spreadsheets may skip leading spaces before they look for a formula.
                assert cell.lstrip(" ")[0] not in FORMULA_PREFIXES, repr(cell)
    return checked


@pytest.mark.parametrize("prefix", PREFIXES, ids=repr)
def test_every_cell_of_an_export_is_neutralised_and_reads_back(prefix: str) -> None:
    record = record_with_every_field(prefix)
    out = io.StringIO()
    write_contacts_csv([record], out, attendees=True)
    text = out.getvalue()

    # Every column but the second email and phone and the birthday holds a value.
    assert assert_no_cell_is_a_formula(text) == 38
    _header, row = raw_cells(text)
    assert all(cell.startswith("'" + prefix) for cell in row if cell), row

    table = load_csv(text.encode("utf-8"), "export.csv")
    assert isinstance(table, CsvTable)
    (back,) = read_contacts(table)
    assert isinstance(back, ContactRecord)

    # The import takes the guard away again: what comes back is what was exported (less the
    # leading tab or line break of a name, which netdesk never keeps: the services trim it).
    def same(got: str, sent: str) -> bool:
        return got == sent or (prefix in "\t\r" and got == sent.strip())

    for attribute in ("formatted_name", "given_name", "family_name", "organization"):
        assert same(getattr(back, attribute), getattr(record, attribute)), attribute
    for attribute in ("middle_name", "prefix", "suffix", "nickname"):
        assert same(getattr(back, attribute), getattr(record, attribute)), attribute
    for attribute in ("department", "title", "note"):
        assert same(getattr(back, attribute), getattr(record, attribute)), attribute
    for attribute in ("emails", "phones", "urls"):
        (got,), (sent,) = getattr(back, attribute), getattr(record, attribute)
        assert same(got.value, sent.value), attribute
    assert len(back.addresses) == 3
    for got_address, sent_address in zip(back.addresses, record.addresses, strict=True):
        assert got_address.kind == sent_address.kind
        for part in ADDRESS_PARTS:
            assert same(getattr(got_address, part), getattr(sent_address, part)), part
    assert len(back.categories) == 1 and same(back.categories[0], record.categories[0])
    # Role and status are choices: an unknown one reads back as the default, harmlessly.
    assert back.attendee is not None


def test_a_value_that_already_starts_with_a_quote_survives_the_round_trip() -> None:
    for value in ("'=1+1", "''=1", "'plain", "' =1"):
        out = io.StringIO()
        write_contacts_csv([ContactRecord(formatted_name="Ada", note=value)], out)
        table = load_csv(out.getvalue().encode("utf-8"), "export.csv")
        assert isinstance(table, CsvTable)
        (back,) = read_contacts(table)
        assert isinstance(back, ContactRecord)
        assert back.note == value


# -- through the services: the exports the GUI and the CLI write ---------------------------

FREE_TEXT = ("=", "+", "-", "@")  # the services trim tabs and line breaks off a name


def _contact(services: Services, prefix: str) -> int:
    d = lambda what: dangerous(prefix, what)  # noqa: E731
    return services.contacts.create(
        ContactInput(
            formatted_name=d("Ada"),
            given_name=d("given"),
            family_name=d("family"),
            organization=d("org"),
            department=d("dept"),
            title=d("title"),
            phones=["+44 20 7946 0958"],
            note=d("note"),
            tags=[d("tag")],
        )
    )


def test_the_exports_of_the_app_are_neutralised_and_import_back(
    services: Services, tmp_path: Path
) -> None:
    event = services.events.create(
        EventInput(name="=cmd|' /C calc'!A0", kind="meetup", starts_at=datetime.now(UTC))
    )
    ids = [_contact(services, prefix) for prefix in FREE_TEXT]
    for contact in ids:
        services.events.add_attendee(event, contact, role="speaker")
    for name, kwargs in (("all.csv", {}), ("attendees.csv", {"event_id": event})):
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as out:
            assert services.exports.csv(out, **kwargs) == len(ids)  # type: ignore[arg-type]
        text = path.read_text(encoding="utf-8")
        assert assert_no_cell_is_a_formula(text) >= 9 * len(ids)

    fields = ["formatted_name", "given_name", "family_name", "organization", "department"]
    fields += ["title", "note", "categories"]
    report = services.imports.import_file(tmp_path / "all.csv", on_duplicate=OnDuplicate.NEW)
    assert not report.problems
    assert services.contacts.count() == 2 * len(ids)
    originals = list(services.exports.records(ids, None))
    uids = {r.uid for r in originals}
    copies = [r for r in services.exports.records(None, None) if r.uid not in uids]
    assert len(originals) == len(copies) == len(ids)
    for original in originals:
        (copy,) = [c for c in copies if c.formatted_name == original.formatted_name]
        for attribute in fields:
            assert getattr(copy, attribute) == getattr(original, attribute), attribute
        assert [p.value for p in copy.phones] == [p.value for p in original.phones]


# -- phone numbers: written as they are, unless they could carry a formula (issue 11) -------

PHONES = (
    "+46 70 123 45 67",
    "+1 (555) 123",
    "+44.20.7946.0958",
    "+41-22-000-00-00",
    "+1 418-656-9254 ext. 102",
    "+1 555 0100 x102",
)
NOT_ONLY_PHONES = (
    "+1+cmd|' /C calc'!A0",  # DDE: runs calc in Excel
    "+SUM(1)",
    "-2+3",
    "+41 22 000 00 00\n=1",  # a second line holding a formula
    "+41 22 000 00 00\r=1",
    "+41 22 000 00 00\t=1",
    '+1 (555) 123 HYPERLINK("http://evil.example")',
    "+1 555 x102(1)",
    "+1 555 ext. 102 ext. 3",
    "+1 555 0100 x",
    "+ 46 70 123 45 67",
    "+1;=cmd|' /C calc'!A0",
    "+1; -2",
    "=+46 70 123 45 67",
    "@+46 70 123 45 67",
    "+４６ ７０",  # full-width digits
)


@pytest.mark.parametrize("phone", PHONES)
def test_a_cell_that_is_only_a_phone_number_is_written_as_it_is(phone: str) -> None:
    record = ContactRecord(
        formatted_name="Ada", phones=[Typed(phone), Typed("+49 30 1234"), Typed(phone)]
    )
    out = io.StringIO()
    write_contacts_csv([record], out)
    header, row = raw_cells(out.getvalue())
    cells = dict(zip(header, row, strict=True))
    # What Google Contacts or Outlook takes from the file is the number, no quote before it.
    assert cells["Phone"] == phone
    assert cells["Phone 2"] == f"+49 30 1234; {phone}"
    assert assert_no_cell_is_a_formula(out.getvalue()) == 3


@pytest.mark.parametrize("value", NOT_ONLY_PHONES, ids=repr)
def test_a_cell_that_only_starts_like_a_phone_number_keeps_the_guard(value: str) -> None:
    """The number goes through as it is, the look-alike beside it in the same row does not."""
    record = ContactRecord(
        formatted_name="Ada",
        phones=[Typed("+46 70 123 45 67", preferred=True), Typed(value)],
        note=value,
    )
    out = io.StringIO()
    write_contacts_csv([record], out)
    header, row = raw_cells(out.getvalue())
    cells = dict(zip(header, row, strict=True))
    assert cells["Phone"] == "+46 70 123 45 67"
    assert cells["Phone 2"] == cells["Note"] == "'" + value
    assert not harmless_phone(value)


def test_a_phone_number_exported_and_imported_again_is_the_same(
    services: Services, tmp_path: Path
) -> None:
    ada = services.contacts.create(
        ContactInput(
            formatted_name="Ada Lovelace",
            phones=["+46 70 123 45 67", "+1 418-656-9254 ext. 102", "+44 20 7946 0958"],
        )
    )
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        assert services.exports.csv(out) == 1
    header, row = raw_cells(path.read_text(encoding="utf-8"))
    cells = dict(zip(header, row, strict=True))
    assert cells["Phone"] == "+46 70 123 45 67"
    assert cells["Phone 2"] == "+1 418-656-9254 ext. 102; +44 20 7946 0958"

    report = services.imports.import_file(path, on_duplicate=OnDuplicate.NEW)
    assert not report.problems
    (original,) = services.exports.records([ada], None)
    (copy,) = [r for r in services.exports.records(None, None) if r.uid != original.uid]
    sent = [(p.value, p.extension) for p in original.phones]
    assert sent == [
        ("+46 70 123 45 67", ""),
        ("+1 418-656-9254", "102"),
        ("+44 20 7946 0958", ""),
    ]
    assert [(p.value, p.extension) for p in copy.phones] == sent

"""CSV export: columns, formula neutralisation, BOM and CRLF, and reading exports back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from netdesk.formats.csv.layouts import LAYOUT_LABELS
from netdesk.formats.csv.read import CsvTable, guess_mapping, load_csv, read_contacts
from netdesk.formats.csv.write import CONTACT_HEADERS, neutralise, write_contacts_csv
from netdesk.formats.records import AttendeeInfo, ContactRecord, PostalAddress, Problem, Typed

HEADER = [
    "Full name",
    "First name",
    "Last name",
    "Middle name",
    "Name prefix",
    "Name suffix",
    "Nickname",
    "Organisation",
    "Department",
    "Job title",
    "Email",
    "Email 2",
    "Phone",
    "Phone 2",
    "Web address",
    *(
        f"{block} {part}"
        for block in ("Work", "Home", "Other")
        for part in (
            "street",
            "extended address",
            "PO box",
            "city",
            "region",
            "postal code",
            "country",
        )
    ),
    "Birthday",
    "Tags",
    "Note",
]
NO_ADDRESS = {header: "" for header in HEADER if header.startswith(("Work ", "Home ", "Other "))}


def _ada(**changes: object) -> ContactRecord:
    record = ContactRecord(
        formatted_name="Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        organization="Analytical Engines",
        department="R&D",
        title="Countess",
        birthday=date(1815, 12, 10),
        emails=[
            Typed("ada@work.example", "work"),
            Typed("ada@home.example", "home", preferred=True),
        ],
        phones=[Typed("+44 20 7946 0000", "work")],
        urls=[Typed("https://ada.example"), Typed("https://www.linkedin.com/in/ada", "linkedin")],
        addresses=[PostalAddress(locality="London", country="United Kingdom")],
        note='Met at "PyCon", talked about\nengines, poetry',
        categories=["Math", "VIP"],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def _export(records: list[ContactRecord], **options: bool | None) -> tuple[int, list[list[str]]]:
    out = io.StringIO()
    count = write_contacts_csv(records, out, **options)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    return count, list(csv.reader(io.StringIO(text[1:], newline="")))


def _read_back(text: str) -> list[ContactRecord | Problem]:
    """An export as an import reads it: known as a netdesk export, lines and source aside."""
    table = load_csv(text.encode("utf-8"), "export.csv")
    assert isinstance(table, CsvTable) and table.layout == "netdesk"
    return [
        replace(r, line=0, source="") if isinstance(r, ContactRecord) else r
        for r in read_contacts(table)
    ]


def _first_row(records: list[ContactRecord]) -> dict[str, str]:
    """The exported file's first row of data, cell by header."""
    _count, rows = _export(records)
    return dict(zip(HEADER, rows[1], strict=True))


def test_header_and_one_row() -> None:
    count, rows = _export([_ada()])

    assert count == 1
    assert rows[0] == HEADER == list(CONTACT_HEADERS)
    assert dict(zip(HEADER, rows[1], strict=True)) == {
        "Full name": "Ada Lovelace",
        "First name": "Ada",
        "Last name": "Lovelace",
        "Middle name": "",
        "Name prefix": "",
        "Name suffix": "",
        "Nickname": "",
        "Organisation": "Analytical Engines",
        "Department": "R&D",
        "Job title": "Countess",
        "Email": "ada@home.example",  # the preferred one first
        "Email 2": "ada@work.example",
        "Phone": "+44 20 7946 0000",  # only a phone number: no formula guard
        "Phone 2": "",
        "Web address": "https://ada.example; https://www.linkedin.com/in/ada",
        **NO_ADDRESS,
        "Other city": "London",
        "Other country": "United Kingdom",
        "Birthday": "1815-12-10",
        "Tags": "Math, VIP",
        "Note": 'Met at "PyCon", talked about\nengines, poetry',
    }


def test_more_than_two_emails_are_kept_in_the_second_column() -> None:
    emails = [Typed("a@x.example"), Typed("b@x.example"), Typed("c@x.example")]
    _count, rows = _export([_ada(emails=emails)])

    email = HEADER.index("Email")
    assert rows[1][email : email + 2] == ["a@x.example", "b@x.example; c@x.example"]


def test_full_name_falls_back_to_the_name_parts() -> None:
    _count, rows = _export([ContactRecord(given_name="Grace", family_name="Hopper")])

    assert rows[1][:3] == ["Grace Hopper", "Grace", "Hopper"]


def test_role_and_status_columns_when_a_record_is_an_attendee() -> None:
    records = [_ada(attendee=AttendeeInfo("speaker", "checked in")), ContactRecord("", "Bob")]
    count, rows = _export(records)

    assert count == 2
    assert rows[0] == [*HEADER, "Role", "Status"]
    assert rows[1][-2:] == ["speaker", "checked in"]
    assert rows[2][-2:] == ["", ""]


def test_no_role_and_status_columns_without_attendees() -> None:
    _count, rows = _export([_ada()])

    assert len(rows[0]) == len(HEADER)


def test_attendee_columns_can_be_chosen_for_a_streamed_export() -> None:
    def people() -> Iterator[ContactRecord]:
        yield _ada(attendee=AttendeeInfo())
        yield ContactRecord(formatted_name="Bob")

    count, rows = _export(list(people()), attendees=False)
    assert (count, rows[0]) == (2, HEADER)

    out = io.StringIO()
    assert write_contacts_csv(people(), out, attendees=True) == 2
    assert out.getvalue().splitlines()[0].endswith("Note,Role,Status")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=HYPERLINK(\"http://evil.example\",\"Click\")", "'=HYPERLINK(\"http://evil.example\",\"Click\")"),
        ("+49 30 1234", "+49 30 1234"),  # only a phone number
        ("+49 30 1234+cmd|' /C calc'!A0", "'+49 30 1234+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("'=1+1", "''=1+1"),  # import takes one quote away: the user's own one must stay
        ("'quoted", "'quoted"),
        ("Ada = genius", "Ada = genius"),
        ("ada@example.org", "ada@example.org"),
        ("", ""),
    ],
)  # fmt: skip
def test_formula_like_cells_are_neutralised(value: str, written: str) -> None:
    assert neutralise(value) == written
    record = ContactRecord(
        formatted_name=value or "Somebody",
        organization=value,
        title=value,
        note=value,
        categories=[value] if value else [],
        phones=[Typed(value)] if value else [],
    )
    cells = _first_row([record])
    for column in ("Organisation", "Job title", "Note", "Tags", "Phone"):
        assert cells[column] == written, column
    assert cells["Full name"] == (written or "Somebody")


def test_file_has_a_bom_and_crlf_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_contacts_csv([_ada(note="one line"), ContactRecord(formatted_name="Zoë")], out)

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfFull name,First name,")
    assert data.endswith(("Zoë" + "," * (len(HEADER) - 1) + "\r\n").encode())
    assert data.count(b"\r\n") == 3
    assert data.count(b"\n") == 3


def test_a_utf8_sig_stream_does_not_get_two_boms(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        write_contacts_csv([_ada()], out)

    assert path.read_bytes().startswith(b"\xef\xbb\xbfFull name")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf\xef\xbb\xbf")


def test_an_export_reads_back_through_the_column_mapping() -> None:
    original = _ada(
        title="-CEO-",
        phones=[Typed("+44 20 7946 0000"), Typed("+44 20 7946 0001")],
        urls=[Typed("https://ada.example")],
    )
    out = io.StringIO()
    write_contacts_csv([original], out)
    table = load_csv(out.getvalue().encode("utf-8"), "export.csv")
    assert isinstance(table, CsvTable)

    (back,) = read_contacts(table, guess_mapping(table.headers))
    assert isinstance(back, ContactRecord)
    assert (back.formatted_name, back.given_name, back.family_name) == (
        "Ada Lovelace",
        "Ada",
        "Lovelace",
    )
    assert (back.organization, back.department, back.title) == (
        "Analytical Engines",
        "R&D",
        "-CEO-",
    )
    assert [e.value for e in back.emails] == ["ada@home.example", "ada@work.example"]
    assert [p.value for p in back.phones] == ["+44 20 7946 0000", "+44 20 7946 0001"]
    assert [u.value for u in back.urls] == ["https://ada.example"]
    assert back.addresses == [PostalAddress(locality="London", country="United Kingdom")]
    assert back.birthday == date(1815, 12, 10)
    assert back.categories == ["Math", "VIP"]
    assert back.note == original.note


DANGEROUS = ('=HYPERLINK("http://evil.example")', "+49 30 1234+1", "-", "@SUM(1+1)", "'=quoted")


def _what_csv_carries(dangerous: str) -> list[ContactRecord]:
    """Records holding only what the CSV columns carry, each field once with a formula-like
    value: the import must give back exactly these."""
    return [
        ContactRecord(
            formatted_name=f"{dangerous} Lovelace",
            given_name=dangerous,
            family_name="Lovelace",
            organization=dangerous,
            department=dangerous,
            title=dangerous,
            birthday=date(1815, 12, 10),
            emails=[Typed("ada@example.org"), Typed("ada@home.example"), Typed("ada@b.example")],
            phones=[Typed("+49 30 1234567"), Typed("+49 170 5555"), Typed("-12")],
            urls=[
                Typed("https://ada.example/a;b"),  # a ";" of its own: not a separator
                Typed("https://www.linkedin.com/in/ada", "linkedin"),
            ],
            addresses=[PostalAddress(locality=dangerous, country=dangerous)],
            note=f"{dangerous}\nsecond line, with a comma",
            categories=[dangerous, "VIP"],
            attendee=AttendeeInfo(role="speaker", status="checked in"),
        ),
        ContactRecord(formatted_name="Bo Lind", phones=[Typed("+4930999")]),
        ContactRecord(
            formatted_name="Cy Young",
            emails=[Typed("cy@example.org")],
            attendee=AttendeeInfo(role="organiser", status="cancelled"),
        ),
    ]


@pytest.mark.parametrize("dangerous", DANGEROUS)
def test_an_export_reads_back_as_the_same_records(dangerous: str) -> None:
    records = _what_csv_carries(dangerous)
    out = io.StringIO()
    write_contacts_csv(records, out)
    written = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert written[1][HEADER.index("Organisation")] == "'" + dangerous  # the file is guarded

    assert LAYOUT_LABELS["netdesk"] == "netdesk export"
    assert _read_back(out.getvalue()) == records


def _two_addresses(name: str) -> ContactRecord:
    return ContactRecord(
        formatted_name=f"{name} Lovelace",
        given_name=name,
        family_name="Lovelace",
        middle_name="Augusta",
        prefix="Countess",
        suffix="FRS",
        nickname="Enchantress",
        emails=[Typed(f"{name.lower()}@example.org")],
        addresses=[
            PostalAddress(
                po_box="PO Box 12",
                extended="Floor 3",
                street="1 Engine Street",
                locality="London",
                region="Greater London",
                postal_code="EC1A 1BB",
                country="United Kingdom",
                kind="work",
            ),
            PostalAddress(
                po_box="PO Box 34",
                extended="Flat 2",
                street="12 St James's Square",
                locality="Marylebone",
                region="Middlesex",
                postal_code="W1",
                country="England",
                kind="home",
            ),
        ],
    )


def test_every_part_of_a_work_and_a_home_address_has_its_column_and_reads_back() -> None:
    # Before: only the City and Country of the first address were written.
    records = [_two_addresses("Ada"), _two_addresses("Byron")]
    cells = _first_row(records)
    assert (cells["Work street"], cells["Work PO box"], cells["Home postal code"]) == (
        "1 Engine Street",
        "PO Box 12",
        "W1",
    )
    out = io.StringIO()
    write_contacts_csv(records, out)
    assert _read_back(out.getvalue()) == records


def test_addresses_beyond_the_three_blocks_are_kept_in_the_note() -> None:
    home = PostalAddress(street="1 Home Road", locality="Bath", kind="home")
    records = [
        _ada(
            note="",
            addresses=[
                home,
                replace(home, street="2 Home Road"),
                replace(home, street="3 Home Road"),
                replace(home, street="4 Home Road", kind="work"),
            ],
        )
    ]
    cells = _first_row(records)

    assert (cells["Home street"], cells["Other street"], cells["Work street"]) == (
        "1 Home Road",
        "2 Home Road",
        "4 Home Road",
    )
    assert cells["Note"] == "Address: 3 Home Road, Bath"


ODD_EMAILS = ["first@x.example", "semicolon;@points.example", "comma,@points.example"]


@pytest.mark.parametrize("by", ["layout", "columns"])
def test_an_address_with_a_semicolon_or_comma_of_its_own_reads_back_whole(by: str) -> None:
    """vobject's own test cards have "semicolon;@points.net": read back from our export it
    became two bogus addresses, "semicolon" and "@points.net"."""
    out = io.StringIO()
    write_contacts_csv([_ada(emails=[Typed(e) for e in ODD_EMAILS])], out)
    table = load_csv(out.getvalue().encode("utf-8"), "export.csv")
    assert isinstance(table, CsvTable)

    mapping = guess_mapping(table.headers) if by == "columns" else None
    (back,) = read_contacts(table, mapping)

    assert isinstance(back, ContactRecord)
    assert [e.value for e in back.emails] == ODD_EMAILS


def test_addresses_a_hand_edited_cell_separates_with_semicolons_or_commas_are_split() -> None:
    text = 'Name,Email\r\nAda,"a@x.example,b@x.example;c@x.example"\r\n'
    table = load_csv(text.encode("utf-8"), "hand.csv")
    assert isinstance(table, CsvTable)
    (back,) = read_contacts(table, guess_mapping(table.headers))
    assert isinstance(back, ContactRecord)
    assert [e.value for e in back.emails] == ["a@x.example", "b@x.example", "c@x.example"]

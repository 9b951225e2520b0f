"""Decoding, header and delimiter detection, row problems, column mappings, and the corpus."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from netdesk.formats.csv.read import (
    CONTACT_FIELDS,
    CsvTable,
    guess_mapping,
    load_csv,
    read_contacts,
)
from netdesk.formats.records import ContactRecord, PostalAddress, Problem, Typed
from tests.corpus import CORPUS_ROOT

CORPUS = CORPUS_ROOT / "csv"

PLAIN = "Vorname,Nachname,E-Mail,Firma\nJürgen,Müller,juergen@example.de,Société Générale\n"


def _table(data: bytes) -> CsvTable:
    table = load_csv(data, "people.csv")
    assert isinstance(table, CsvTable), table
    return table


def _mapped(table: CsvTable) -> list[ContactRecord | Problem]:
    return list(read_contacts(table, guess_mapping(table.headers)))


# --- Decoding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAIN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAIN.encode("utf-8"), "utf-8-sig"),
        (PLAIN.encode("utf-16"), "utf-16"),  # with the platform's BOM
        (codecs.BOM_UTF16_BE + PLAIN.encode("utf-16-be"), "utf-16"),
        (PLAIN.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (PLAIN.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    table = _table(data)

    assert table.encoding == encoding
    assert table.headers == ["Vorname", "Nachname", "E-Mail", "Firma"]
    (record,) = _mapped(table)
    assert isinstance(record, ContactRecord)
    assert record.formatted_name == "Jürgen Müller"
    assert record.organization == "Société Générale"


def test_bytes_undefined_in_windows_1252_still_decode() -> None:
    data = b"Name,Email\n" + b"Ren\x81 X,rene@example.org\n"
    table = _table(data)

    (record,) = _mapped(table)
    assert isinstance(record, ContactRecord)
    assert record.emails == [Typed("rene@example.org")]


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n", codecs.BOM_UTF8])
def test_empty_file_is_a_problem(data: bytes) -> None:
    result = load_csv(data, "empty.csv")

    assert isinstance(result, Problem)
    assert (result.file, result.line) == ("empty.csv", 0)


def test_bom_only_file_after_decoding_has_no_header() -> None:
    result = load_csv(b"\xef\xbb\xbf\r\n", "bom.csv")

    assert isinstance(result, Problem)


# --- Delimiters and headers ------------------------------------------------------------------


def test_semicolons_from_a_german_excel() -> None:
    data = (
        "Vorname;Nachname;E-Mail;Telefon;Notiz\n"
        'Anna;Schmidt;anna@example.de;+49 30 1234;"Kennt Bob; mag Kaffee"\n'
    ).encode("cp1252")
    table = _table(data)

    assert table.delimiter == ";"
    (anna,) = _mapped(table)
    assert isinstance(anna, ContactRecord)
    assert anna.formatted_name == "Anna Schmidt"
    assert anna.phones == [Typed("+49 30 1234")]
    assert anna.note == "Kennt Bob; mag Kaffee"


def test_tabs_in_utf16_from_excel_unicode_text() -> None:
    data = "Name\tE-mail\tMobile Phone\nAda Lovelace\tada@example.org\t+44 7700 900000\n"
    table = _table(data.encode("utf-16"))

    assert table.delimiter == "\t"
    (ada,) = _mapped(table)
    assert isinstance(ada, ContactRecord)
    assert ada.phones == [Typed("+44 7700 900000", kind="cell")]


def test_a_known_header_with_semicolons_is_recognised() -> None:
    data = (
        b"First Name;Last Name;Email Address;Company;Position;Connected On\nAda;L;;;;1 Jan 2024\n"
    )
    table = _table(data)

    assert (table.layout, table.delimiter) == ("linkedin", ";")


def test_notes_preamble_before_an_unknown_header_is_skipped() -> None:
    data = b'Notes:\n"Some text,\nwith commas"\n\nName,Email\nAda,ada@example.org\n'
    table = _table(data)

    assert table.layout is None
    assert table.headers == ["Name", "Email"]
    assert table.header_line == 5
    assert table.rows == [(6, ["Ada", "ada@example.org"])]


def test_trailing_delimiter_after_the_header_is_ignored() -> None:
    table = _table(b"Name,Email,\nAda,ada@example.org,\n")

    assert table.headers == ["Name", "Email"]
    (ada,) = _mapped(table)
    assert isinstance(ada, ContactRecord)


# --- Rows and problems -----------------------------------------------------------------------

ROWS = (
    "Name,Email,Phone,Note\r\n"  # line 1
    'Ada Lovelace,ada@example.org,,"First line\r\nsecond line\r\nthird line"\r\n'  # 2-4
    "Bob,bob@example.org\r\n"  # 5: too few cells (Outlook leaves trailing empty ones out)
    "\r\n"  # 6: blank
    ",,,\r\n"  # 7: blank cells
    ",,,Only a note\r\n"  # 8: nobody
    "Carol,carol@example.org,+1 555 0100,\r\n"  # 9
    "Dan,dan@example.org,,,,extra,,more\r\n"  # 10: more cells than the header
    ",erin@example.org,,\r\n"  # 11: named after her email
)


def test_short_rows_are_padded_and_long_rows_import_with_their_extra_cells_reported() -> None:
    table = _table(ROWS.encode())
    results = _mapped(table)

    records = [r for r in results if isinstance(r, ContactRecord)]
    problems = [r for r in results if isinstance(r, Problem)]
    assert [(r.formatted_name, r.line) for r in records] == [
        ("Ada Lovelace", 2),
        ("Bob", 5),
        ("Carol", 9),
        ("Dan", 10),
        ("erin@example.org", 11),
    ]
    assert records[0].note == "First line\nsecond line\nthird line"
    assert records[1].emails == [Typed("bob@example.org")]
    assert records[3].emails == [Typed("dan@example.org")]
    assert problems == [
        Problem("people.csv", 8, "row has no name, email or phone"),
        Problem("people.csv", 10, "2 cells beyond the header not imported: 'extra', 'more'"),
    ]


def test_an_outlook_export_whose_only_row_lacks_its_trailing_empty_cells_imports() -> None:
    # Outlook 2000 to 2016 end a row at its last non-empty cell.
    data = (
        "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
        "Business Street,Business City,E-mail Address,Business Phone,Notes,Categories\r\n"
        "Mrs.,Hedy,,Lamarr,,Frequency Hopping Inc,,Inventor,,,hedy@example.org\r\n"
    )
    (hedy,) = read_contacts(_table(data.encode("cp1252")))

    assert isinstance(hedy, ContactRecord)
    assert (hedy.formatted_name, hedy.prefix, hedy.title) == ("Hedy Lamarr", "Mrs.", "Inventor")
    assert hedy.emails == [Typed("hedy@example.org")]


def test_extra_empty_cells_at_the_end_of_a_row_are_tolerated() -> None:
    table = _table(b"Name,Email\nAda,ada@example.org,,\n")

    (ada,) = _mapped(table)
    assert isinstance(ada, ContactRecord)


def test_lone_cr_line_ends_count_as_lines() -> None:
    table = _table(b"Name,Email\rAda,ada@example.org\r\rBob,bob@example.org\r")

    assert [line for line, _cells in table.rows] == [2, 4]


def test_a_quote_left_open_does_not_raise() -> None:
    table = _table(b'Name,Note\nAda,"never closed\nBob,x\n')

    results = _mapped(table)
    # The open quote no longer swallows the rest of the file into one row.
    assert [getattr(item, "formatted_name", str(item)) for item in results] == [
        "Ada",
        "people.csv:2: a quote opened here is never closed; the rest of the file was read "
        "without it",
        "Bob",
    ]


def test_columns_without_a_name_or_email_and_no_mapping_are_one_problem() -> None:
    table = _table(b"Spalte A;Spalte B\nfoo;bar\n")

    assert list(read_contacts(table)) == [
        Problem(
            "people.csv", 1, "the columns of this file were not recognised: "
            "choose what each column holds"
        )
    ]  # fmt: skip


def test_a_mapping_overrides_a_known_layout_and_keeps_its_source() -> None:
    data = b"First Name,Last Name,Email Address,Company,Position,Connected On\nA,B,a@x.org,C,D,E\n"
    table = _table(data)

    (record,) = read_contacts(table, {0: "nickname", 2: "email"})
    assert isinstance(record, ContactRecord)
    assert (record.nickname, record.formatted_name, record.title) == ("A", "A", "")
    assert record.source == "linkedin"


def test_mapping_with_an_unknown_field_or_column_is_a_programming_error() -> None:
    table = _table(PLAIN.encode())

    with pytest.raises(ValueError, match="unknown contact field"):
        read_contacts(table, {0: "shoe_size"})
    with pytest.raises(ValueError, match="column 9"):
        read_contacts(table, {9: "email"})


def test_generic_mapping_fills_every_field() -> None:
    data = (
        "Anrede,Vorname,Nachname,Spitzname,Firma,Abteilung,Position,E-Mail,Mail privat,"
        "Telefon geschäftlich,Handy,Webseite,Straße,PLZ,Ort,Land,Geburtstag,Notizen,Kommentar,"
        "Tags\n"
        "Dr.,Anna,Schmidt,Anni,ACME,IT,CTO,anna@acme.example,anna@home.example,"
        "+49 30 1234,+49 170 1,https://www.linkedin.com/in/anna,Hauptstr. 1,10115,Berlin,"
        "Deutschland,15.01.1980,Kennt Bob,Mag Kaffee,VIP; Berlin ::: Tech\n"
    )
    table = _table(data.encode())
    mapping = guess_mapping(table.headers)

    assert [mapping.get(i) for i in range(len(table.headers))] == [
        "prefix",
        "given_name",
        "family_name",
        "nickname",
        "organization",
        "department",
        "title",
        "email",
        "email",
        "phone",
        "phone",
        "url",
        "street",
        "postal_code",
        "locality",
        "country",
        "birthday",
        "note",
        "note",
        "categories",
    ]
    (anna,) = read_contacts(table, mapping)
    assert isinstance(anna, ContactRecord)
    assert anna.prefix == "Dr."
    assert anna.formatted_name == "Anna Schmidt"
    assert anna.emails == [Typed("anna@acme.example"), Typed("anna@home.example", "home")]
    assert anna.phones == [Typed("+49 30 1234", "work"), Typed("+49 170 1", "cell")]
    assert anna.urls == [Typed("https://www.linkedin.com/in/anna", "linkedin")]
    assert anna.addresses == [
        PostalAddress(
            street="Hauptstr. 1", postal_code="10115", locality="Berlin", country="Deutschland"
        )
    ]
    assert anna.birthday is not None and anna.birthday.isoformat() == "1980-01-15"
    assert anna.note == "Kennt Bob\nMag Kaffee"
    assert anna.categories == ["VIP", "Berlin", "Tech"]
    assert anna.source == "csv"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("E-mail", "email"),
        ("Mail", "email"),
        ("Email Address", "email"),
        ("E-mail 2 Address", "email"),
        ("E-mail 1 - Value", "email"),
        ("Firma", "organization"),
        ("Company", "organization"),
        ("Phone number", "phone"),
        ("Business Fax", "phone"),
        ("Mobile Phone", "phone"),
        ("First Name", "given_name"),
        ("Last name", "family_name"),
        ("Full Name", "formatted_name"),
        ("Name", "formatted_name"),
        ("Job Title", "title"),
        ("Organization 1 - Title", "title"),
        ("Organization 1 - Name", "organization"),
        ("Zip Code", "postal_code"),
        ("Business City", "locality"),
        ("Web Page", "url"),
        ("Birth Date", "birthday"),
        ("Notes", "note"),
        ("Labels", "categories"),
    ],
)
def test_guess_mapping_of_one_header(header: str, key: str) -> None:
    assert guess_mapping([header]) == {0: key}
    assert key in CONTACT_FIELDS


@pytest.mark.parametrize(
    "header", ["E-mail 1 - Type", "E-mail 1 - Label", "User ID", "Order #", "Quantity", ""]
)
def test_guess_mapping_leaves_descriptive_columns_alone(header: str) -> None:
    assert guess_mapping([header]) == {}


def test_guess_mapping_gives_single_fields_once_and_repeatable_ones_always() -> None:
    headers = ["First Name", "Vorname", "Email", "Email 2", "Phone", "Other Phone", "City"]

    assert guess_mapping(headers) == {
        0: "given_name",
        2: "email",
        3: "email",
        4: "phone",
        5: "phone",
        6: "locality",
    }


def test_guess_mapping_gives_each_address_its_own_parts() -> None:
    headers = ["Business City", "Home City", "Work City", "Home Street", "Home Street 2"]

    assert guess_mapping(headers) == {0: "locality", 1: "locality", 3: "street", 4: "street"}


def test_contact_fields_in_dialog_order() -> None:
    assert list(CONTACT_FIELDS)[:3] == ["given_name", "family_name", "formatted_name"]
    assert CONTACT_FIELDS["organization"] == "Organisation"
    assert CONTACT_FIELDS["categories"] == "Tags"
    assert CONTACT_FIELDS["url"] == "Web address"


# --- The corpus of real exports --------------------------------------------------------------

EXPECTED_LAYOUTS = {"linkedin": "linkedin", "google": "google-legacy", "eventbrite": "eventbrite"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus of real files is not here")
@pytest.mark.parametrize(
    "path",
    sorted(CORPUS.glob("*/*.csv")) if CORPUS.is_dir() else [],
    ids=lambda path: path.name,
)
def test_every_corpus_file(path: Path) -> None:
    table = load_csv(path.read_bytes(), path.name)

    assert isinstance(table, CsvTable), table
    assert table.layout == EXPECTED_LAYOUTS[path.parent.name]
    results = list(read_contacts(table))
    # Every data row of these files names somebody, so all of them import.
    assert not [r for r in results if isinstance(r, Problem)]
    assert len(results) == len(table.rows)
    for record in results:
        assert isinstance(record, ContactRecord)
        assert record.formatted_name
        assert record.line > table.header_line
        assert record.source == ("google" if table.layout == "google-legacy" else table.layout)
        assert all("@" in email.value for email in record.emails)
        if table.layout == "eventbrite":
            assert record.attendee is not None
            assert record.attendee.note.startswith("Ticket: ")
        if table.layout == "linkedin":
            assert record.note.startswith("Connected on LinkedIn on ")
    if path.name.startswith("linkedin_connections_2025"):
        assert table.header_line == 4


def test_the_table_title_apple_numbers_writes_above_its_table_is_not_the_header() -> None:
    data = "Table 1\nFirst Name;Last Name;Email;Phone\nAda;Lovelace;ada@example.org;+44 1\n"
    table = _table(data.encode())

    assert (table.delimiter, table.header_line) == (";", 2)
    assert table.headers == ["First Name", "Last Name", "Email", "Phone"]
    (ada,) = read_contacts(table)
    assert isinstance(ada, ContactRecord)
    assert (ada.formatted_name, ada.emails) == ("Ada Lovelace", [Typed("ada@example.org")])


def test_a_file_of_one_column_keeps_its_header() -> None:
    table = _table(b"Email\nada@example.org\nbob@example.org\n")

    assert (table.headers, len(table.rows)) == (["Email"], 2)

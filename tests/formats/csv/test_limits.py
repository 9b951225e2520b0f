"""The CSV importer's limits: a cell over MAX_CELL_CHARS or a line over MAX_LINE_CHARS costs
its row (a Problem "FILE:LINE: ..."), the rows beside it still go in; a header wider than
MAX_COLUMNS refuses the file with a clear message. Big inputs are generated here."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from netdesk.formats.csv.read import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_LINE_CHARS,
    CsvTable,
    load_csv,
    read_contacts,
)
from netdesk.formats.records import ContactRecord, Problem
from netdesk.services.importing import ImportFileError
from netdesk.services.service_set import Services

HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"  # LinkedIn
MAPPING = {0: "given_name", 1: "family_name", 3: "email", 4: "organization", 5: "note"}


def row(given: str, *, company: bytes = b"Engines", note: bytes = b"Countess") -> bytes:
    return b"%s,Lovelace,,%s@example.org,%s,%s,15 Jan 2024\r\n" % (
        given.encode(),
        given.lower().encode(),
        company,
        note,
    )


def table_of(data: bytes) -> CsvTable:
    table = load_csv(data, "big.csv")
    assert isinstance(table, CsvTable), table
    return table


def outcome(items: list[ContactRecord | Problem]) -> list[str]:
    return [item.given_name if isinstance(item, ContactRecord) else str(item) for item in items]


def test_a_cell_over_a_megabyte_costs_its_row_only() -> None:
    data = HEADER + row("Ada") + row("Huge", note=b"x" * (MAX_CELL_CHARS + 1)) + row("Grace")
    table = table_of(data)
    expected = ["Ada", "big.csv:3: a cell is longer than 1,000,000 characters", "Grace"]
    assert outcome(list(read_contacts(table))) == expected
    assert outcome(list(read_contacts(table, MAPPING))) == expected


def test_a_quoted_cell_just_under_the_limit_is_read_whole() -> None:
    # Python's csv module alone stops the whole file at 128 KB.
    note = b"line\n" * (MAX_CELL_CHARS // 5)
    data = HEADER + row("Ada") + row("Long", note=b'"' + note + b'"') + row("Grace")
    items = list(read_contacts(table_of(data), MAPPING))
    assert outcome(items) == ["Ada", "Long", "Grace"]
    long = items[1]
    assert isinstance(long, ContactRecord) and len(long.note) == len(note.strip())
    assert items[2].line == 4 + note.count(b"\n")  # lines still counted right after it


def test_a_line_over_ten_megabytes_costs_its_row_and_memory_stays_bounded() -> None:
    huge = b"y" * (MAX_LINE_CHARS + 10)
    data = HEADER + row("Ada") + row("Huge", company=huge) + row("Grace")
    tracemalloc.start()
    try:
        table = table_of(data)
        items = list(read_contacts(table, MAPPING))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome(items) == [
        "Ada",
        "big.csv:3: the line is longer than 10,000,000 characters",
        "Grace",
    ]
    # The decoded text (4 bytes a character at worst for Python's str) and a copy of it with
    # the line cut: no cell or list of the line's size is ever built on top.
    assert peak < 6 * len(data), peak


def test_a_row_of_many_cells_over_ten_megabytes_is_rejected() -> None:
    # Each cell under the cell limit and each physical line short: only the row is too long.
    cell = b'"' + b"z\n" * (MAX_CELL_CHARS // 2 - 10) + b'"'
    data = HEADER + row("Ada") + b",".join([cell] * 11) + b"\r\n" + row("Grace")
    assert outcome(list(read_contacts(table_of(data), MAPPING)))[::2] == ["Ada", "Grace"]
    assert outcome(list(read_contacts(table_of(data), MAPPING)))[1] == (
        "big.csv:3: the row is longer than 10,000,000 characters"
    )


def test_a_row_wider_than_the_limit_is_rejected_and_the_others_kept() -> None:
    data = HEADER + row("Ada") + b"," * (MAX_COLUMNS + 5) + b"\r\n" + row("Grace")
    assert outcome(list(read_contacts(table_of(data), MAPPING))) == [
        "Ada",
        "big.csv:3: the row has 1,006 columns, more than the 1,000 netdesk reads",
        "Grace",
    ]


def test_a_header_of_more_than_a_thousand_columns_refuses_the_file() -> None:
    header = b",".join(b"Column %d" % n for n in range(MAX_COLUMNS + 1))
    problem = load_csv(header + b"\r\n" + b"a," * MAX_COLUMNS + b"b\r\n", "wide.csv")
    assert problem == Problem(
        "wide.csv",
        1,
        "the header row cannot be read: the row has 1,001 columns, more than the 1,000 "
        "netdesk reads",
    )


def test_a_header_of_exactly_a_thousand_columns_is_read() -> None:
    header = b"Name," + b",".join(b"Column %d" % n for n in range(MAX_COLUMNS - 1))
    table = table_of(header + b"\r\nAda" + b"," * (MAX_COLUMNS - 1) + b"\r\n")
    assert len(table.headers) == MAX_COLUMNS
    (record,) = read_contacts(table, {0: "formatted_name"})
    assert isinstance(record, ContactRecord) and record.formatted_name == "Ada"


def test_the_import_service_keeps_the_rows_beside_an_oversized_one(
    sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "linkedin.csv"
    path.write_bytes(
        HEADER + row("Ada") + row("Huge", note=b"n" * (MAX_CELL_CHARS + 1)) + row("Grace")
    )
    report = sqlite_services.imports.import_file(path)
    assert report.added == 2
    assert [str(p) for p in report.problems] == [
        f"{path}:3: a cell is longer than 1,000,000 characters"
    ]


def test_the_import_service_refuses_a_file_too_wide(
    sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(b",".join(b"c%d" % n for n in range(5000)) + b"\r\n1,2\r\n")
    with pytest.raises(ImportFileError, match="5,000 columns, more than the 1,000"):
        sqlite_services.imports.import_file(path)

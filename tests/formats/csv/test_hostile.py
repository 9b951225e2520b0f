"""Regressions from fuzzing the CSV importer (tests/reliability/test_fuzz_csv.py): each test
reproduces, inline, an input that lost a file, a row or time before its fix."""

from __future__ import annotations

import time

from netdesk.formats.csv.read import CsvTable, load_csv, read_contacts
from netdesk.formats.records import ContactRecord, Problem
from tests.growth import doubling_ratio

HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def items_of(data: bytes) -> list[ContactRecord | Problem]:
    table = load_csv(data, "f.csv")
    assert isinstance(table, CsvTable), table
    return list(read_contacts(table))


def test_a_cell_over_the_csv_modules_128_kb_no_longer_loses_the_whole_file() -> None:
    # Before: csv.Error "field larger than field limit (131072)" made the file unreadable.
    data = HEADER + b"Ada,L,,,Engines," + b"A" * 200_000 + b",\r\nGrace,H,,,,,\r\n"
    records = items_of(data)
    assert [r.given_name for r in records if isinstance(r, ContactRecord)] == ["Ada", "Grace"]
    assert isinstance(records[0], ContactRecord) and records[0].title == "A" * 200_000


def test_an_unclosed_quote_over_the_field_limit_costs_rows_not_the_file() -> None:
    # A quote opened and never closed swallows the rest of the file into one cell; over the
    # field limit the reader used to raise, now that row is reported and reading goes on.
    data = HEADER + b"Ada,L,,,,,\r\n" + b'Bad,"' + b"q," * 6_000_000 + b"\r\nGrace,H,,,,,\r\n"
    found = items_of(data)
    assert isinstance(found[0], ContactRecord) and found[0].given_name == "Ada"
    problems = [p for p in found if isinstance(p, Problem)]
    assert problems and all(p.line >= 3 and p.file == "f.csv" for p in problems)


def test_a_row_of_thousands_of_delimiters_is_reported_in_its_place() -> None:
    data = HEADER + b"Ada,L,,,,,\r\n" + b";" * 10 + b"," * 50_000 + b"\r\nGrace,H,,,,,\r\n"
    found = items_of(data)
    assert [type(item).__name__ for item in found] == ["ContactRecord", "Problem", "ContactRecord"]
    assert str(found[1]) == "f.csv:3: the row has 50,001 columns, more than the 1,000 netdesk reads"


def test_a_line_of_ten_megabytes_is_cut_before_the_csv_module_sees_it() -> None:
    # Before: a 20 MB line of commas became a list of 20 million cells.
    data = HEADER + b"Ada,L,,,,,\r\n" + b"," * 20_000_000 + b"\r\nGrace,H,,,,,\r\n"
    started = time.perf_counter()
    found = items_of(data)
    assert time.perf_counter() - started < 5
    assert [str(item) for item in found if isinstance(item, Problem)] == [
        "f.csv:3: the line is longer than 10,000,000 characters"
    ]
    assert len(found) == 3


def test_a_huge_single_line_file_is_refused_with_its_reason() -> None:
    assert load_csv(b"x" * 10_000_001, "f.csv") == Problem(
        "f.csv", 1, "the header row cannot be read: the line is longer than 10,000,000 characters"
    )


def test_an_unclosed_quote_is_named_where_it_opened_and_no_row_is_lost() -> None:
    # Before: the quote swallowed the rest of the file into one note, or, past a megabyte,
    # the row was refused as "a cell is longer than 1,000,000 characters".
    data = (
        b"Name,Email,Note\r\n"
        b"Ada,ada@example.org,fine\r\n"
        b'Bob,bob@example.org,"he said hi\r\n'
        b"Carol,carol@example.org,\r\n" + b"Dan,dan@example.org,filler\r\n" * 200_000
    )
    found = items_of(data)

    assert str(found[2]) == (
        "f.csv:3: a quote opened here is never closed; the rest of the file was read without it"
    )
    records = [item for item in found if isinstance(item, ContactRecord)]
    assert [(r.formatted_name, r.note, r.line) for r in records[:3]] == [
        ("Ada", "fine", 2),
        ("Bob", "he said hi", 3),
        ("Carol", "", 4),
    ]
    assert len(records) == 200_003 and len(found) == 200_004


def test_quotes_inside_cells_and_a_last_unclosed_one_are_told_apart() -> None:
    data = b'Name,Note\nAda,"ok ""q"" fine"\nBob,5" floppy\nCy,"open\nDan,x\n'
    found = items_of(data)

    assert [str(item) if isinstance(item, Problem) else item.note for item in found] == [
        'ok "q" fine',
        '5" floppy',
        "open",
        "f.csv:4: a quote opened here is never closed; the rest of the file was read without it",
        "x",
    ]


NETDESK_HEADER = (
    b"Full name,First name,Last name,Organisation,Department,Job title,Email,Email 2,"
    b"Phone,Phone 2,Web address,City,Country,Birthday,Tags,Note,Role,Status\r\n"
)


def netdesk_row(spaces: int) -> bytes:
    gap = b" " * spaces
    return NETDESK_HEADER + b"Ada,,,,,,,,1,2" + gap + b'3;4,,,,,"a' + gap + b'b, c",,,\r\n'


def generic_row(spaces: int) -> bytes:
    return b"Name,Categories\r\nAda,a" + b" " * spaces + b"b; c\r\n"


def test_a_cell_with_a_long_run_of_spaces_is_split_in_linear_time() -> None:
    # Splitting tags and phones at "\s*;\s*" tried every start in a run of spaces: a cell of
    # a million spaces (the reader's limit) took over ten minutes.
    # Twice the cell takes about twice the time (the old splits took four times).
    assert doubling_ratio(lambda n: items_of(netdesk_row(n)), 40_000) < 3
    assert doubling_ratio(lambda n: items_of(generic_row(n)), 20_000) < 3
    (ada,) = items_of(netdesk_row(900_000))
    assert isinstance(ada, ContactRecord)
    assert ada.categories == ["a" + " " * 900_000 + "b", "c"]
    assert [p.value for p in ada.phones] == ["1", "2" + " " * 900_000 + "3", "4"]
    (ada,) = items_of(generic_row(900_000))
    assert isinstance(ada, ContactRecord) and ada.categories == ["a" + " " * 900_000 + "b", "c"]

"""Reading contacts from CSV files: decoding, finding the header, recognising the layout, and
turning rows into ContactRecords (by the layout and each other column's header, or by a column
mapping the user chose).

Usage: `table = load_csv(data, name)`; `read_contacts(table)` yields records and Problems,
every column recognised by its header (formats.csv.plan). For the column-mapping dialog, pre-fill it
with `guess_mapping(table.headers)` (labels from CONTACT_FIELDS), then
`read_contacts(table, mapping)`.
"""

from __future__ import annotations

import codecs
import csv
import heapq
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from netdesk.formats.csv.layouts import RowConverter, detect_layout
from netdesk.formats.csv.mapping import CONTACT_FIELDS, IDENTIFYING_FIELDS, guess_mapping
from netdesk.formats.csv.plan import column_name, plan_columns
from netdesk.formats.csv.quotes import line_of, unclosed_quote
from netdesk.formats.csv.values import finish_record, strip_neutralising_quote
from netdesk.formats.records import ContactRecord, Problem

_DELIMITERS = (",", ";", "\t")

# Limits that turn a hostile or broken file into clear messages instead of exhausted memory.
# A cell over MAX_CELL_CHARS or a row over MAX_LINE_CHARS costs that row only (no contact
# field is that long: such a cell is a pasted document or a corrupt file); a header wider than
# MAX_COLUMNS costs the file (Outlook's export, the widest known, has under 100 columns).
MAX_CELL_CHARS = 1_000_000
MAX_LINE_CHARS = 10_000_000
MAX_COLUMNS = 1_000
# Python's csv module stops a whole file at a cell over 128 KB by default; cells up to a line
# are let through to be checked (and rejected one row at a time) by _checked. The setting is
# process-wide and only ever raised here, which no other reader of CSV can be hurt by.
csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_CHARS))
# Stands in for an over-long physical line; a private-use character no exporter writes.
_LONG_LINE = "\ue000netdesk: line too long\ue000"
# A line end and a run of more than MAX_LINE_CHARS other characters: a search that tries only
# after line ends stays linear (and three times faster than a lookbehind at every position).
_LONG_LINE_PATTERN = re.compile(rf"([\r\n])[^\r\n]{{{MAX_LINE_CHARS + 1},}}")
_UNCLOSED = "a quote opened here is never closed; the rest of the file was read without it"
_LAYOUT_SEARCH_ROWS = 30  # how far down a preamble may push a known header
_SNIFF_ROWS = 20


@dataclass(frozen=True)
class CsvTable:
    file: str
    encoding: str  # "utf-8-sig", "utf-8", "cp1252", "utf-16"...
    headers: list[str]
    header_line: int  # 1-based line of the header (after any preamble)
    rows: list[tuple[int, list[str]]]  # (1-based line where the row starts, cells); no blank rows
    layout: str | None  # "linkedin", "google", "google-legacy", "outlook", "eventbrite", "meetup"
    delimiter: str = ","
    # Rows over a limit (a huge cell or line, too many columns) and a quote never closed, in
    # line order.
    rejected: list[Problem] = field(default_factory=list)


# --- Decoding --------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: a BOM decides, then UTF-8, then Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    head = data[:400]
    # UTF-16 without a BOM (Excel's "Unicode text"): every other byte of ASCII text is NUL.
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    # Bytes Windows-1252 leaves undefined (0x81, 0x8D...): let charset-normalizer guess.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


# --- Rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    line: int  # the physical line the row starts on
    cells: list[str]  # [] for a blank row and for a rejected one
    rejected: str = ""  # why the row cannot be read, "" when it can
    width: int = 0  # how many cells the delimiter split the row into

    @property
    def blank(self) -> bool:
        return not self.rejected and _is_blank(self.cells)


def _cut_long_lines(text: str) -> str:
    """The text with every physical line over MAX_LINE_CHARS replaced by a marker (line ends
    kept, so line numbers stay right): the csv module would otherwise build a cell or a list
    of cells as big as the line before we could look at it."""
    if len(text) <= MAX_LINE_CHARS:
        return text
    first_end = re.search(r"[\r\n]", text)
    if (first_end.start() if first_end else len(text)) > MAX_LINE_CHARS:
        text = _LONG_LINE + (text[first_end.start() :] if first_end else "")
    return _LONG_LINE_PATTERN.sub(lambda match: match[1] + _LONG_LINE, text)


def _rows_with_lines(text: str, delimiter: str) -> Iterator[_Row]:
    """Every row (blank ones with no cells) with the physical line it starts on; a row that
    breaks a limit comes with the reason instead of its cells, and reading goes on after it.
    `text` has been through _cut_long_lines."""
    # newline="" keeps line ends inside quoted cells, so line_num counts physical lines.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # In practice a cell over the field size limit (a non-strict reader with
            # newline="" raises nothing else); the reader starts afresh on the next line.
            reason = (
                f"a cell is longer than {MAX_LINE_CHARS:,} characters"
                if "field limit" in str(exc)
                else f"the row cannot be read ({exc})"
            )
            yield _Row(last + 1, [], reason)
            last = reader.line_num
            continue
        yield _Row(last + 1, *_checked(cells), width=len(cells))
        last = reader.line_num


def _checked(cells: list[str]) -> tuple[list[str], str]:
    """(cells, "") for a row within the limits, else ([], the reason)."""
    if len(cells) > MAX_COLUMNS:
        return (
            [],
            f"the row has {len(cells):,} columns, more than the {MAX_COLUMNS:,} netdesk reads",
        )
    longest = max(map(len, cells), default=0)
    if longest > MAX_CELL_CHARS:
        if any(_LONG_LINE in value for value in cells):
            return [], f"the line is longer than {MAX_LINE_CHARS:,} characters"
        return [], f"a cell is longer than {MAX_CELL_CHARS:,} characters"
    if longest >= len(_LONG_LINE) and any(_LONG_LINE in value for value in cells):
        return [], f"the line is longer than {MAX_LINE_CHARS:,} characters"
    if sum(map(len, cells)) > MAX_LINE_CHARS:
        return [], f"the row is longer than {MAX_LINE_CHARS:,} characters"
    return cells, ""


def _is_blank(cells: Sequence[str]) -> bool:
    return not any(value.strip() for value in cells)


def _find_known_header(text: str) -> tuple[str, int] | None:
    """(delimiter, row number) of a known layout's header among the first rows."""
    for delimiter in _DELIMITERS:
        for number, row in enumerate(_rows_with_lines(text, delimiter)):
            if number >= _LAYOUT_SEARCH_ROWS:
                break
            if len(row.cells) > 1 and detect_layout(row.cells):
                return delimiter, number
    return None


def _plain_header(rows: Sequence[_Row]) -> int | None:
    """The row number of the header of an unknown CSV: the first non-blank row, after a
    "Notes:"-style preamble (a one-cell row ending in a colon, up to the next blank row) or a
    table's title (Apple Numbers writes "Table 1" above the table it exports)."""
    position = 0
    while position < len(rows) and rows[position].blank:
        position += 1
    if position < len(rows):
        first = rows[position].cells
        if len(first) == 1 and first[0].strip().endswith(":"):
            while position < len(rows) and not rows[position].blank:
                position += 1
            while position < len(rows) and rows[position].blank:
                position += 1
        elif _is_title(rows, position):
            position += 1
            while position < len(rows) and rows[position].blank:
                position += 1
    return position if position < len(rows) else None


def _is_title(rows: Sequence[_Row], position: int) -> bool:
    """A row of one short cell above a wider row: a title, not a header."""
    cells = rows[position].cells
    if len(cells) != 1 or len(cells[0]) > 100:
        return False
    following = (row for row in rows[position + 1 :] if not row.blank and not row.rejected)
    return len(next(following, rows[position]).cells) > 1


def _sniff_plain(text: str) -> str:
    """The delimiter that splits the header widest with rows that agree with it."""
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        rows = []
        for row in _rows_with_lines(text, delimiter):
            rows.append(row)
            if len(rows) >= _SNIFF_ROWS + _LAYOUT_SEARCH_ROWS:
                break
        header = _plain_header(rows)
        if header is None:
            continue
        width = rows[header].width  # also of a header too wide to be read
        body = [row.cells for row in rows[header + 1 :] if not row.blank and not row.rejected]
        agreeing = sum(1 for cells in body if len(cells) == width)
        score = width if not body or agreeing * 2 >= len(body) else 1
        if score > best_score:
            best, best_score = delimiter, score
    return best


def load_csv(data: bytes, file: str = "<data>") -> CsvTable | Problem:
    """Decodes a CSV file, skips any preamble, finds the delimiter (comma, semicolon or tab) and
    recognises the program that wrote it. Never raises on bad input.

    A row over a limit (MAX_CELL_CHARS, MAX_LINE_CHARS, MAX_COLUMNS) is left out of `rows` and
    reported in `rejected`; a header over one refuses the whole file."""
    if not data.strip(b" \t\r\n\x00"):
        return Problem(file, 0, "the file is empty")
    text, encoding = decode(data)
    text = _cut_long_lines(text.lstrip("\ufeff"))
    known = _find_known_header(text)
    delimiter = known[0] if known else _sniff_plain(text)
    unclosed: list[Problem] = []
    if (opening := unclosed_quote(text, delimiter)) is not None:
        # The rows before it are what they were; the rest is read as if the quote were not
        # there (it was most likely a literal one), so that none of it is lost.
        unclosed.append(Problem(file, line_of(text, opening), _UNCLOSED, kept=True))
        text = text[:opening] + text[opening + 1 :]
        known = _find_known_header(text)
        delimiter = known[0] if known else _sniff_plain(text)
    rows = list(_rows_with_lines(text, delimiter))
    header_index = known[1] if known else _plain_header(rows)
    if header_index is None:
        return Problem(file, 0, "the file has no header row")
    header_row = rows[header_index]
    if header_row.rejected:
        return Problem(
            file, header_row.line, f"the header row cannot be read: {header_row.rejected}"
        )
    headers = [header.replace("\ufeff", "").strip() for header in header_row.cells]
    while len(headers) > 1 and not headers[-1]:
        headers.pop()  # a trailing delimiter after the last header
    layout = detect_layout(headers)
    after = rows[header_index + 1 :]
    return CsvTable(
        file=file,
        encoding=encoding,
        headers=headers,
        header_line=header_row.line,
        rows=[(row.line, row.cells) for row in after if not row.blank and not row.rejected],
        layout=layout.name if layout else None,
        delimiter=delimiter,
        rejected=sorted(
            [Problem(file, row.line, row.rejected) for row in after if row.rejected] + unclosed,
            key=lambda problem: problem.line,
        ),
    )


# --- Records ---------------------------------------------------------------------------------


def _fit(cells: list[str], width: int) -> tuple[list[str], list[str]]:
    """The cells of a row with the header's width (a short row padded: Outlook leaves trailing
    empty cells out), and the non-empty cells beyond the header."""
    if len(cells) <= width:
        return cells + [""] * (width - len(cells)), []
    return cells[:width], [value for value in cells[width:] if value.strip()]


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return f"'{value[:60]}…'" if len(value) > 60 else f"'{value}'"


def read_contacts(
    table: CsvTable,
    mapping: dict[int, str] | None = None,
    overrides: dict[int, str] | None = None,
) -> Iterator[ContactRecord | Problem]:
    """The people in the table, one record per row, and a Problem for each row that cannot be
    read (the others are still yielded). `mapping` (column index -> a CONTACT_FIELDS key) comes
    from the column-mapping dialog or `--map`; None uses the recognised layout and recognises
    every other column by its header; `overrides` (the same, "" to leave a column out) corrects
    what netdesk recognised, column by column (`netdesk import --map`).

    Raises ValueError when `mapping` names a field or column that does not exist (a programming
    error, not bad input)."""
    chosen = [*(mapping or {}).items(), *((i, k) for i, k in (overrides or {}).items() if k)]
    for index, key in chosen:
        if key not in CONTACT_FIELDS:
            raise ValueError(f"unknown contact field {key!r}")
        if not 0 <= index < len(table.headers):
            raise ValueError(f"column {index} is not in the table")
    for index in overrides or {}:
        if not 0 <= index < len(table.headers):
            raise ValueError(f"column {index} is not in the table")
    return _read_contacts(table, mapping, overrides)


def recognised(table: CsvTable, overrides: dict[int, str] | None = None) -> bool:
    """Whether netdesk can tell, column by column, which one holds a name or an email."""
    plan = plan_columns(table.headers, table.rows, table.layout, None, overrides, find_unused=False)
    return plan.convert is not None


def _read_contacts(
    table: CsvTable, mapping: dict[int, str] | None, overrides: dict[int, str] | None
) -> Iterator[ContactRecord | Problem]:
    plan = plan_columns(table.headers, table.rows, table.layout, mapping, overrides)
    if plan.convert is None:
        yield Problem(
            table.file,
            table.header_line,
            "the columns of this file were not recognised: choose what each column holds",
        )
        return
    if plan.unused:
        names = ", ".join(column_name(table.headers, index) for index in plan.unused)
        yield Problem(table.file, table.header_line, f"columns not imported: {names}")
    # Rejected rows are reported where they are in the file, between the records around them.
    rejected: list[ContactRecord | Problem] = list(table.rejected)
    items = _row_items(table, plan.convert)
    yield from heapq.merge(items, rejected, key=lambda item: item.line)


def _row_items(table: CsvTable, convert: RowConverter) -> Iterator[ContactRecord | Problem]:
    width = len(table.headers)
    for line, raw in table.rows:
        cells, beyond = _fit(raw, width)
        cells = [_clean(value) for value in cells]
        record = convert(cells)
        record.line = line
        yield finish_record(record, table.file)
        if beyond:
            count = f"{len(beyond)} cell{'s' * (len(beyond) != 1)}"
            listed = ", ".join(_shown(value) for value in beyond)
            yield Problem(table.file, line, f"{count} beyond the header not imported: {listed}")


def _clean(value: str) -> str:
    """A cell as records hold it: our export's formula guard undone, line ends as "\n"."""
    value = strip_neutralising_quote(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


__all__ = [
    "CONTACT_FIELDS",
    "IDENTIFYING_FIELDS",
    "CsvTable",
    "decode",
    "guess_mapping",
    "load_csv",
    "read_contacts",
    "recognised",
]

"""CSV exports carry no control characters, even from a database filled before imports removed
them (SQLite kept a NUL as it came); a note's tabs and line breaks stay."""

from __future__ import annotations

import csv
import io

from netdesk.formats.csv.write import write_contacts_csv
from netdesk.formats.records import ContactRecord, Typed


def test_control_characters_stored_earlier_are_not_written() -> None:
    record = ContactRecord(
        formatted_name="Ada\x00 Lovelace",
        organization="Analytical\x1b Engines\x85",
        emails=[Typed("ada\x00@example.org")],
        note="first\x07 line\n\tsecond\ufeff line",
    )
    out = io.StringIO(newline="")

    write_contacts_csv([record], out, attendees=False)

    text = out.getvalue()
    assert not any(ch in text for ch in "\x00\x07\x1b\x85")
    assert text.count("\ufeff") == 1 and text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text[1:])))
    cells = dict(zip(header, row, strict=True))
    assert cells["Full name"] == "Ada Lovelace"
    assert cells["Organisation"] == "Analytical Engines"
    assert cells["Email"] == "ada@example.org"
    assert cells["Note"] == "first line\n\tsecond line"

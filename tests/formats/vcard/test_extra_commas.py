"""A comma an other program left unescaped in its own X- property (Evolution's file-as name,
Android's custom nickname) reaches a server that stores cards through vobject (Radicale) whole:
vobject took it for a list separator and kept only the text before it."""

from __future__ import annotations

import vobject

from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.read import read_vcards
from netdesk.formats.vcard.write import vcard_text

EVOLUTION = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nat Friedman\r\nN:Friedman;Nat;;;\r\n"
    "X-EVOLUTION-FILE-AS:Friedman, Nat\r\n"
    "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Jo,Ann;1;;\r\n"
    "X-ESCAPED:already\\, escaped\r\nEND:VCARD\r\n"
)


def _record(text: str) -> ContactRecord:
    (record,) = read_vcards(text.encode(), "card.vcf")
    assert isinstance(record, ContactRecord)
    return record


def test_a_server_storing_through_vobject_keeps_the_text_after_the_comma() -> None:
    for version in ("3.0", "4.0"):
        stored = vobject.readOne(vcard_text(_record(EVOLUTION), version)).serialize()
        assert "X-EVOLUTION-FILE-AS:Friedman\\, Nat" in stored
        assert "Jo\\,Ann" in stored
        assert "X-ESCAPED:already\\, escaped" in stored


def test_the_escaped_line_reads_back_the_same() -> None:
    record = _record(EVOLUTION)
    again = _record(vcard_text(record, "3.0"))
    assert again.extra_lines == record.extra_lines

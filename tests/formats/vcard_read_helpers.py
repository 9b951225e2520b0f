"""Small helpers shared by the vCard reader tests."""

from __future__ import annotations

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.read import read_vcards


def crlf(text: str) -> bytes:
    """A fixture written with "\\n" as the CRLF file a phone would write (UTF-8)."""
    return text.replace("\n", "\r\n").encode("utf-8")


def read_all(data: bytes | str) -> tuple[list[ContactRecord], list[Problem]]:
    raw = crlf(data) if isinstance(data, str) else data
    records: list[ContactRecord] = []
    problems: list[Problem] = []
    for item in read_vcards(raw, "test.vcf"):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            records.append(item)
    return records, problems


def read_one(data: bytes | str) -> ContactRecord:
    """The only card of `data`, which must read without any problem."""
    records, problems = read_all(data)
    assert problems == []
    assert len(records) == 1
    return records[0]


def card(*lines: str, version: str = "3.0") -> str:
    """A card around `lines`, with an FN unless the lines bring their own."""
    body = list(lines)
    if not any(line.upper().startswith(("FN:", "FN;")) for line in body):
        body.insert(0, "FN:Ada Lovelace")
    return "\n".join(["BEGIN:VCARD", f"VERSION:{version}", *body, "END:VCARD", ""])

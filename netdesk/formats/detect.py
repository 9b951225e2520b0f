"""Which of our formats a file holds, from its first bytes and then its name."""

from __future__ import annotations

from pathlib import Path

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _head_text(head: bytes) -> str:
    for bom, codec in zip(_BOMS, ("utf-8", "utf-16-le", "utf-16-be"), strict=True):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore")
    if head[:2].count(0) == 1:  # UTF-16 without a BOM: every other byte of ASCII is zero
        return head.decode("utf-16-le" if head[1:2] == b"\0" else "utf-16-be", "ignore")
    return head.decode("latin-1")


def detect_kind(path: Path, head: bytes) -> str | None:
    """ "vcard", "ics" or "csv" (or None) for a file whose first few kilobytes are `head`."""
    text = _head_text(head).lstrip().upper()[:8192]
    if text.startswith("BEGIN:VCALENDAR"):
        return "ics"
    if "BEGIN:VCARD" in text:  # also "home.begin:vcard", seen in the wild
        return "vcard"
    if "BEGIN:VCALENDAR" in text:
        return "ics"
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix in (".ics", ".ical", ".ifb", ".icalendar"):
        return "ics"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if not suffix and any(mark in text.partition("\n")[0] for mark in ",;\t"):
        return "csv"  # standard input (`netdesk import -`) or a file without an extension
    return None

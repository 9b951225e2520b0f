"""Delivery labels: the text printed on an envelope for a postal address.

vCard 3.0 writes one as a LABEL property (`LABEL;TYPE=work:Main St 1\\nQuebec`), vCard 4.0 as
the LABEL parameter of its ADR (`ADR;LABEL="Main St 1^nQuebec";TYPE=work:...`). It is not the
custom name of an address's type (Apple's `itemN.X-ABLabel`, PostalAddress.label): a label
taken for one became a bogus type name and lost its line breaks. So netdesk keeps a delivery
label, whichever version it came in, as one extra line in the 3.0 form with its types sorted;
a 3.0 export writes that line as it is, and a 4.0 export (which has no LABEL property) puts it
into the LABEL parameter of the first address of the same types, or of an address that holds
nothing else when no address has those types. Reading either export gives the same line back,
in the same place: after the other extra lines, in the order of the addresses they go with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, PostalAddress
from netdesk.formats.vcard.read_line import parse_params, split_line, unescape

NAME = "LABEL"
# A delivery label: (its types, sorted and joined by commas, as in PostalAddress.kind; its text).
Label = tuple[str, str]

_NOT_KINDS = frozenset({"pref", "internet", "voice"})
_KIND = re.compile(r"[a-z0-9-]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def label(kinds: Sequence[str], text: str) -> Label | None:
    """A delivery label from its TYPE list and its (unescaped) text; None when it is empty."""
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        return None
    chosen = {kind.strip().lower() for kind in kinds} - _NOT_KINDS
    return ",".join(sorted(kind for kind in chosen if _KIND.fullmatch(kind))), text


def from_line(line: str) -> Label | None:
    """The delivery label that a kept LABEL line holds, or None when it is no such line
    (or one in a transfer encoding, which stays an extra line as it is)."""
    parts = split_line(line)
    if parts is None or parts[1].upper() != NAME:
        return None
    params = parse_params(parts[2])
    if params.encoding:
        return None
    return label(params.types, unescape(parts[3]))


def as_line(found: Label) -> str:
    """The extra line netdesk keeps for a delivery label (and the 3.0 export writes)."""
    kinds, text = found
    value = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    value = value.replace("\n", "\\n")
    return f"{NAME};TYPE={kinds}:{value}" if kinds else f"{NAME}:{value}"


def as_param(text: str) -> str:
    """The 4.0 ADR parameter: always quoted, RFC 6868 escapes for caret, line break, quote."""
    value = text.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f';LABEL="{value}"'


def paired(
    addresses: Sequence[PostalAddress], labels: Sequence[Label]
) -> tuple[dict[int, Label], list[Label]]:
    """Each label with the first address not yet taken whose types are the label's (by the
    address's index), and the labels that have no such address, in their order."""
    taken: dict[int, Label] = {}
    alone: list[Label] = []
    # An address with no part is not written, so it cannot carry a label.
    kinds = [
        label(address.kind.split(","), "-")
        if any(getattr(address, n) for n in ADDRESS_PARTS)
        else None
        for address in addresses
    ]
    for found in labels:
        index = next(
            (
                i
                for i, kind in enumerate(kinds)
                if i not in taken and kind is not None and kind[0] == found[0]
            ),
            None,
        )
        if index is None:
            alone.append(found)
        else:
            taken[index] = found
    return taken, alone


def ordered_lines(addresses: Sequence[PostalAddress], labels: Sequence[Label]) -> list[str]:
    """The labels' extra lines in the order a 4.0 export gives them back."""
    taken, alone = paired(addresses, labels)
    return [as_line(taken[index]) for index in sorted(taken)] + [as_line(x) for x in alone]


def without_old_labels(record: ContactRecord) -> ContactRecord:
    """`record` with the delivery labels that netdesk once kept as addresses' type names (a
    4.0 ADR;LABEL=, with its line breaks as read or as a literal backslash and n) moved to
    where they belong; a type name has no line break."""
    if not any(_old(address.label) for address in record.addresses):
        return record
    lines = list(record.extra_lines)
    addresses = []
    for address in record.addresses:
        if _old(address.label):
            found = label(address.kind.split(","), address.label.replace("\\n", "\n"))
            if found is not None:
                lines.append(as_line(found))
            address = replace(address, label="")
        addresses.append(address)
    return replace(record, addresses=addresses, extra_lines=lines)


def _old(type_name: str) -> bool:
    return "\n" in type_name or "\\n" in type_name

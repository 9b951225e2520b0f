"""What every CSV layout shares: header lookup, the Layout type, and postal address columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netdesk.formats.csv_values import cell, join_nonempty
from netdesk.formats.records import ContactRecord, PostalAddress

RowConverter = Callable[[Sequence[str]], ContactRecord]


def normalise_header(header: str) -> str:
    """How headers are compared: case, surrounding space and stray BOMs do not matter."""
    return " ".join(header.replace("\ufeff", "").strip().strip('"').lower().split())


class Columns:
    """Finds a column by its (normalised) header; the first of equal headers wins."""

    def __init__(self, headers: Sequence[str]) -> None:
        self.names = [normalise_header(header) for header in headers]
        self.index: dict[str, int] = {}
        for position, name in enumerate(self.names):
            self.index.setdefault(name, position)

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def get(self, *names: str) -> int | None:
        """The index of the first of `names` present."""
        for name in names:
            if name in self.index:
                return self.index[name]
        return None


@dataclass(frozen=True)
class Layout:
    name: str  # "linkedin", "google", ...
    label: str  # what the import preview calls it: "LinkedIn connections"
    source: str  # ContactRecord.source of what it reads
    matches: Callable[[Columns], bool]
    prepare: Callable[[Sequence[str]], RowConverter]


@dataclass(frozen=True)
class AddressColumns:
    """Where one postal address is in a row (Outlook's "Business City", Eventbrite's "Home Zip")."""

    kind: str
    streets: tuple[int | None, ...]
    locality: int | None
    region: int | None
    postal_code: int | None
    country: int | None
    po_box: int | None = None

    def read(self, cells: Sequence[str]) -> PostalAddress | None:
        address = PostalAddress(
            po_box=cell(cells, self.po_box),
            street=join_nonempty([cell(cells, i) for i in self.streets], ", "),
            locality=cell(cells, self.locality),
            region=cell(cells, self.region),
            postal_code=cell(cells, self.postal_code),
            country=cell(cells, self.country),
            kind=self.kind,
        )
        parts = (address.po_box, address.street, address.locality, address.region)
        if any(parts) or address.postal_code or address.country:
            return address
        return None

"""What every CSV layout shares: header lookup, the Layout type, and postal address columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netdesk.formats.csv.columns import recognise
from netdesk.formats.csv.values import cell, join_nonempty
from netdesk.formats.records import ContactRecord, PostalAddress

RowConverter = Callable[[Sequence[str]], ContactRecord]


def normalise_header(header: str) -> str:
    """How headers are compared: case, surrounding space and stray BOMs do not matter."""
    return " ".join(header.replace("\ufeff", "").strip().strip('"').lower().split())


class Columns:
    """Finds a column by its (normalised) header; the first of equal headers wins. Remembers
    the columns a layout looked up (`used`): the others are recognised one by one."""

    def __init__(self, headers: Sequence[str]) -> None:
        self.headers = list(headers)
        self.names = [normalise_header(header) for header in headers]
        self.index: dict[str, int] = {}
        self.used: set[int] = set()
        for position, name in enumerate(self.names):
            self.index.setdefault(name, position)

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def get(self, *names: str) -> int | None:
        """The index of the first of `names` present (marked as used)."""
        for name in names:
            if name in self.index:
                self.used.add(self.index[name])
                return self.index[name]
        return None

    def use(self, index: int) -> int:
        """Marks a column the layout reads without looking it up by name."""
        self.used.add(index)
        return index

    def others(self) -> list[tuple[int, str]]:
        """The columns with a header that no lookup took and that the table of synonyms does
        not know: a layout that keeps such columns (in a note) takes them with this."""
        found = []
        for index, header in enumerate(self.headers):
            if index in self.used or not self.names[index]:
                continue
            if recognise(header, exact=True) is None:
                found.append((self.use(index), header))
        return found


@dataclass(frozen=True)
class Layout:
    name: str  # "linkedin", "google", ...
    label: str  # what the import preview calls it: "LinkedIn connections"
    source: str  # ContactRecord.source of what it reads
    matches: Callable[[Columns], bool]
    # Looks the columns it reads up in Columns (which marks them used) once per file, and
    # returns what turns the cells of a row into a record.
    prepare: Callable[[Columns], RowConverter]


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

"""Which column of a CSV goes where: a known layout reads the columns it knows (and sets the
source and attendee details), every other column is recognised by its own header, and the
columns nothing takes are named so that nothing is lost silently."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from netdesk.formats.csv.columns import describing, guess_mapping, holds_data
from netdesk.formats.csv.layout_columns import Columns, RowConverter, normalise_header
from netdesk.formats.csv.layouts import layout_named
from netdesk.formats.csv.mapping import CONTACT_FIELDS, IDENTIFYING_FIELDS, mapping_converter
from netdesk.formats.csv.values import add_note
from netdesk.formats.records import ContactRecord

# Fields a record holds once; a second value from another column goes into the note.
_SINGLE = (
    "formatted_name", "given_name", "middle_name", "family_name", "prefix", "suffix",
    "nickname", "organization", "department", "title",
)  # fmt: skip


@dataclass
class ColumnPlan:
    """How a table's rows become records. `convert` is None when no column holds a name or an
    email address (the user must say which)."""

    convert: RowConverter | None
    # Column index -> what it holds, as `netdesk import --columns` shows it: a CONTACT_FIELDS
    # key, or the known layout that reads it ("read as LinkedIn connections").
    shown: dict[int, str] = field(default_factory=dict)
    # Columns that hold something and that nothing recognised.
    unused: list[int] = field(default_factory=list)


def column_name(headers: Sequence[str], index: int) -> str:
    return headers[index] or f"column {index + 1}"


class UnknownColumn(KeyError):
    """`--map` names a header the file does not have."""

    def __init__(self, header: str, headers: Sequence[str]) -> None:
        super().__init__(header)
        self.header = header
        self.headers = list(headers)

    def __str__(self) -> str:
        listed = ", ".join(repr(header) for header in self.headers if header)
        return f"there is no column {self.header!r}; the columns are: {listed}"


def resolve_overrides(headers: Sequence[str], named: Sequence[tuple[str, str]]) -> dict[int, str]:
    """(header, field) pairs as column index -> field ("" leaves the column out); a header
    names every column of that name, whatever the case and spacing. Raises UnknownColumn."""
    keys = [normalise_header(header) for header in headers]
    found: dict[int, str] = {}
    for header, key in named:
        indexes = [i for i, name in enumerate(keys) if name == normalise_header(header)]
        if not indexes:
            raise UnknownColumn(header, headers)
        found.update(dict.fromkeys(indexes, key))
    return found


def plan_columns(
    headers: Sequence[str],
    rows: Sequence[tuple[int, Sequence[str]]],
    layout_name: str | None,
    mapping: dict[int, str] | None = None,
    overrides: dict[int, str] | None = None,
    *,
    find_unused: bool = True,
) -> ColumnPlan:
    """The plan for a table. `mapping` (column index -> CONTACT_FIELDS key, from the dialog)
    replaces what netdesk would recognise, keeping the layout's source; `overrides` (the
    same, "" for a column left out: `--map`) corrects only the columns it names."""
    layout = layout_named(layout_name) if layout_name else None
    source = layout.source if layout else "csv"
    silent = describing(headers)
    overrides = overrides or {}
    plan = ColumnPlan(convert=None)
    if mapping is not None:
        plan.convert = mapping_converter(mapping, headers, source)
        plan.shown = dict(mapping)
    elif layout is not None:
        columns = Columns(headers)
        read = _without(layout.prepare(columns), set(overrides))
        used = columns.used - set(overrides)
        rest = _corrected(guess_mapping(headers, skip=used | silent), overrides)
        plan.shown = {index: f"read as {layout.label}" for index in sorted(used)}
        plan.shown.update(rest)
        plan.convert = _joined(read, mapping_converter(rest, headers, source)) if rest else read
    else:
        guessed = _corrected(guess_mapping(headers, skip=silent - set(overrides)), overrides)
        plan.shown = guessed
        if not IDENTIFYING_FIELDS.isdisjoint(guessed.values()):
            plan.convert = mapping_converter(guessed, headers, source)
    silent -= set(overrides)
    if mapping is None and find_unused:  # columns the user left out are not reported
        plan.unused = [
            index
            for index in range(len(headers))
            if index not in plan.shown
            and index not in silent
            and index not in overrides
            and holds_data(rows, index)
        ]
    return plan


def _corrected(guessed: dict[int, str], overrides: dict[int, str]) -> dict[int, str]:
    mapping = {index: key for index, key in guessed.items() if index not in overrides}
    mapping.update({index: key for index, key in overrides.items() if key})
    return dict(sorted(mapping.items()))


def _without(convert: RowConverter, columns: set[int]) -> RowConverter:
    """A layout's converter that no longer sees the columns `--map` gave to something else."""
    if not columns:
        return convert

    def blanked(cells: Sequence[str]) -> ContactRecord:
        return convert(["" if i in columns else value for i, value in enumerate(cells)])

    return blanked


def _joined(first: RowConverter, second: RowConverter) -> RowConverter:
    """The layout's record, with what the other recognised columns hold added to it."""

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = first(cells)
        merge_record(record, second(cells))
        return record

    return convert


def merge_record(record: ContactRecord, extra: ContactRecord) -> None:
    """Adds `extra` to `record`: lists grow, empty fields are filled, and a second value for a
    field held once is kept in the note ("Organisation: ACME") rather than lost."""
    for key in _SINGLE:
        value = getattr(extra, key)
        if not value or value == getattr(record, key):
            continue
        if getattr(record, key):
            add_note(record, f"{CONTACT_FIELDS[key]}: {value}")
        else:
            setattr(record, key, value)
    for name in ("emails", "phones", "urls"):
        have = {typed.value for typed in getattr(record, name)}
        getattr(record, name).extend(t for t in getattr(extra, name) if t.value not in have)
    record.addresses.extend(a for a in extra.addresses if a not in record.addresses)
    if extra.birthday is not None and record.birthday is None:
        record.birthday = extra.birthday
    add_note(record, extra.note)
    record.categories += [tag for tag in extra.categories if tag not in record.categories]

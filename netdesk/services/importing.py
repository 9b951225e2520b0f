"""Importing vCard, CSV and iCalendar files: preview, then one transaction per file.

`preview` reads a whole file and says, person by person, what would happen; `apply` carries a
(possibly edited) plan out; `import_file` does both while streaming, for the command line and
big files. Cancelling, a dry run or any database error roll the whole file back.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.formats.detect import detect_kind
from netdesk.formats.records import ContactRecord, EventRecord, Problem
from netdesk.models import Contact, Event
from netdesk.services.bulk import chunks, collector_paused
from netdesk.services.contact_cleaning import cleaned
from netdesk.services.control_characters import without_control_characters
from netdesk.services.errors import ServiceError
from netdesk.services.event_import import event_named, import_events
from netdesk.services.import_plan import (
    Action,
    ImportCancelled,
    ImportPlan,
    ImportReport,
    OnDuplicate,
    PlanItem,
    Progress,
)
from netdesk.services.import_run import ImportRun, keys_of, run_plan
from netdesk.services.matching import Matcher
from netdesk.services.validation import default_region
from netdesk.store import Database, open_unless_database

if TYPE_CHECKING:
    from netdesk.formats.csv.plan import ColumnPlan
    from netdesk.formats.csv.read import CsvTable


class ImportFileError(ServiceError):
    """The file cannot be imported at all (missing, unreadable, empty, not a known format)."""


class NeedsMapping(ServiceError):
    """A CSV whose columns netdesk does not recognise: the user must say what each one holds."""

    def __init__(self, table: CsvTable) -> None:
        super().__init__("The columns of this file were not recognised.")
        self.table = table


class UnknownColumnError(ImportFileError):
    """`--map` names a column the file does not have."""


class _Stop(Exception):
    """Unwinds the transaction of a cancelled import or a dry run."""


# Readers hold a file in memory (a few times its size once decoded): a bigger one is refused
# before it is read, and a stream (standard input, a FIFO, /dev/zero) once it passes it. The
# biggest real exports seen, a phone's address book with photos, are tens of MB.
MAX_FILE_BYTES = 256 * 1024 * 1024
# Streams are read this much at a time: memory grows with what was read, never past the limit.
READ_CHUNK = 1024 * 1024
STDIN_NAME = "<stdin>"


def _size_text(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    if size >= 1024**2:
        return f"{size // 1024**2} MB"
    return f"{size // 1024} KB" if size >= 1024 else f"{size} bytes"


def _too_big(name: str, what: str, limit: int) -> ImportFileError:
    return ImportFileError(
        f"{name}: the file is {what}; netdesk imports files of up to {_size_text(limit)}. "
        "Split it into smaller files."
    )


def read_limited(stream: BinaryIO, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """All of `stream`, read in chunks; ImportFileError as soon as it passes `limit` bytes
    (so `/dev/zero` or an endless pipe costs `limit` bytes of memory at most). The empty
    check is the caller's."""
    buffer = io.BytesIO()
    try:
        while chunk := stream.read(min(READ_CHUNK, limit + 1 - buffer.tell())):
            buffer.write(chunk)
            if buffer.tell() > limit:
                raise _too_big(name, f"larger than {_size_text(limit)}", limit)
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    return buffer.getvalue()


def read_import_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path` (a file, a FIFO, a device), at most `limit` of them: a regular file
    that is bigger is refused by its size before a byte is read."""
    try:
        with open_unless_database(path) as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise _too_big(str(path), _size_text(info.st_size), limit)
            data = read_limited(fh, str(path), limit)
    except FileNotFoundError:
        raise ImportFileError(f"{path}: there is no such file.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path}: this is a folder, not a file.") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    return _not_empty(data, str(path))


def _not_empty(data: bytes, name: str) -> bytes:
    if not data.strip(b" \t\r\n\0\xef\xbb\xbf\xff\xfe"):
        raise ImportFileError(f"{name}: the file is empty.")
    return data


def _count(pattern: bytes, data: bytes) -> int:
    """How many lines start so (for the progress bar, and whether a backup is due first),
    without a copy of the whole file unless it is UTF-16 or UTF-32."""
    if b"\x00" in data[:4]:
        data = data.replace(b"\x00", b"")
    bom = rb"^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?"
    return sum(1 for _ in re.finditer(bom + pattern, data, re.MULTILINE | re.IGNORECASE))


def _overrides(table: CsvTable, columns: Sequence[tuple[str, str]]) -> dict[int, str]:
    from netdesk.formats.csv.plan import UnknownColumn, resolve_overrides

    try:
        return resolve_overrides(table.headers, columns)
    except UnknownColumn as exc:
        raise UnknownColumnError(f"{table.file}: {exc}") from None


def _guarded(items: Iterable[object], file: str) -> Iterator[object]:
    """A reader that fails unexpectedly stops its file with a report, not a traceback; what
    it read before still counts. Every record leaves here without control characters."""
    try:
        yield from without_control_characters(items, file)
    except Exception as exc:  # a bug in a reader must not lose the cards read before it
        yield Problem(file, 0, f"reading stopped here: {exc}")


class ImportService:
    def __init__(self, db: Database, max_file_bytes: int = MAX_FILE_BYTES) -> None:
        self.db = db
        self.max_file_bytes = max_file_bytes

    # --- reading -------------------------------------------------------------------------

    def read(self, path: Path) -> bytes:
        """What `path` holds, bounded by max_file_bytes (ImportFileError: too big, empty,
        missing). Read once, it can be given as `data` to kind_of and import_file: a FIFO
        or standard input cannot be read twice."""
        return read_import_file(path, self.max_file_bytes)

    def read_stream(self, stream: BinaryIO | None, name: str = STDIN_NAME) -> bytes:
        """Standard input (`netdesk import -`), bounded by max_file_bytes; None is a stream
        the process was started without (`<&-`)."""
        if stream is None:
            raise ImportFileError(f"{name}: standard input is closed.")
        return _not_empty(read_limited(stream, name, self.max_file_bytes), name)

    def kind_of(self, path: Path, data: bytes | None = None) -> str | None:
        if data is not None:
            return detect_kind(path, data[:8192])
        try:
            with open_unless_database(path) as fh:
                head = fh.read(8192)
        except OSError:
            return None
        return detect_kind(path, head)

    def csv_table(self, path: Path, data: bytes | None = None) -> CsvTable:
        from netdesk.formats.csv.read import load_csv

        table = load_csv(self.read(path) if data is None else data, str(path))
        if isinstance(table, Problem):
            raise ImportFileError(str(table))
        return table

    def column_plan(
        self, path: Path, columns: Sequence[tuple[str, str]] = (), data: bytes | None = None
    ) -> tuple[CsvTable, ColumnPlan]:
        """What each column of a CSV file would be imported as (`netdesk import --columns`),
        with the (header, field) corrections of `columns`; `data` as in import_file."""
        from netdesk.formats.csv.plan import plan_columns

        table = self.csv_table(path, data)
        overrides = _overrides(table, columns)
        return table, plan_columns(table.headers, table.rows, table.layout, None, overrides)

    def _items(
        self,
        path: Path,
        mapping: dict[int, str] | None,
        columns: Sequence[tuple[str, str]] = (),
        ask: bool = True,
        data: bytes | None = None,
    ) -> tuple[str, str, Iterable[object], int]:
        """(kind, layout name, the reader's records and problems, an estimate of their number).
        A CSV of no known layout raises NeedsMapping when `ask`, else only when no column
        holds a name or an email; `columns` corrects what a CSV's columns are taken for;
        `data` is the file's content when it was read before (see read)."""
        if data is None:
            data = self.read(path)
        file = str(path)
        kind = detect_kind(path, data[:8192])
        if kind == "vcard":
            from netdesk.formats.vcard.read import read_vcards

            total = _count(rb"begin:vcard", data)
            return kind, "vCard", read_vcards(data, file), total
        if kind == "ics":
            from netdesk.formats.ics.read import read_ics

            return kind, "iCalendar", read_ics(data, file), _count(rb"begin:vevent", data)
        if kind == "csv":
            from netdesk.formats.csv.layouts import LAYOUT_LABELS
            from netdesk.formats.csv.read import load_csv, read_contacts, recognised

            table = load_csv(data, file)
            if isinstance(table, Problem):
                raise ImportFileError(str(table))
            overrides = _overrides(table, columns)
            unknown = mapping is None and table.layout is None
            if unknown and (ask or not recognised(table, overrides)):
                raise NeedsMapping(table)
            layout = LAYOUT_LABELS.get(table.layout or "", "CSV")
            return kind, layout, read_contacts(table, mapping, overrides), len(table.rows)
        raise ImportFileError(
            f"{path}: not a vCard (.vcf), CSV or iCalendar (.ics) file netdesk can read."
        )

    # --- preview and apply ---------------------------------------------------------------

    def preview(self, path: Path, mapping: dict[int, str] | None = None) -> ImportPlan:
        kind, layout, items, _total = self._items(path, mapping)
        return self.preview_items(items, str(path), kind, layout)

    def preview_items(
        self, items: Iterable[object], file: str, kind: str = "vcard", layout: str = "vCard"
    ) -> ImportPlan:
        """The plan for records read elsewhere (a QR code's card), checked for duplicates like
        a file's."""
        plan = ImportPlan(file=file, kind=kind, layout=layout)
        with self.db.Session() as session:
            conn = session.connection()
            matcher = Matcher.from_database(conn) if kind != "ics" else Matcher()
            region = default_region()
            for item in _guarded(items, file):
                if isinstance(item, Problem):
                    plan.problems.append(item)
                elif isinstance(item, EventRecord):
                    plan.events.append(item)
                elif isinstance(item, ContactRecord):
                    record = cleaned(item)
                    keys = keys_of(record, region)
                    found = matcher.match(keys)
                    entry = PlanItem(record)
                    if found is not None:
                        # A possible duplicate is most likely a namesake: added unless the
                        # user says it is the same person.
                        entry.action = Action.ADD if found.possible else Action.MERGE
                        entry.possible = found.possible
                        entry.reason = found.reason
                        if found.target > 0:
                            entry.match_id = found.target
                        else:
                            entry.earlier = -found.target - 1
                    matcher.add(-(len(plan.items) + 1), keys)
                    plan.items.append(entry)
            ids = sorted({i.match_id for i in plan.items if i.match_id is not None})
            names: dict[int, str] = {}
            for chunk in chunks(ids):
                for contact_id, name in conn.execute(
                    select(Contact.id, Contact.formatted_name).where(Contact.id.in_(chunk))
                ):
                    names[contact_id] = name
        for entry in plan.items:
            if entry.match_id is not None:
                entry.match_name = names.get(entry.match_id, "")
            elif entry.earlier is not None:
                entry.match_name = plan.items[entry.earlier].record.formatted_name
        if kind == "ics":
            self._mark_event_updates(plan)
        return plan

    def _mark_event_updates(self, plan: ImportPlan) -> None:
        uids = [e.uid for e in plan.events if e.uid]
        with self.db.Session() as session:
            known = set(session.scalars(select(Event.uid).where(Event.uid.in_(uids))))
        plan.existing_event_uids = known

    def apply(
        self,
        plan: ImportPlan,
        event_id: int | None = None,
        progress: Progress | None = None,
        dry_run: bool = False,
    ) -> ImportReport:
        """Carry the plan out in one transaction; `dry_run` does it all and rolls it back, for
        a report of what it would do (`netdesk scan --dry-run`)."""
        total = len(plan.items) + len(plan.events)
        if not dry_run:
            self.db.backup_before("import", total)
        reports: list[ImportReport] = []

        def attempt(session: Session) -> ImportReport:
            reports.append(run_plan(session, plan, event_id, progress, dry_run))
            if dry_run:
                raise _Stop
            return reports[-1]

        try:
            with collector_paused():
                return self.db.retrying(attempt)
        except _Stop:
            return reports[-1]
        except ImportCancelled:
            return ImportReport(file=plan.file, cancelled=True)

    def import_file(
        self,
        path: Path,
        on_duplicate: OnDuplicate = OnDuplicate.MERGE,
        event_id: int | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
        mapping: dict[int, str] | None = None,
        columns: Sequence[tuple[str, str]] = (),
        data: bytes | None = None,
    ) -> ImportReport:
        """Imports a file in one go, or `data` read from it before (see read) under its name.
        A CSV's columns are recognised by their headers (a file with no column for a name or
        an email raises NeedsMapping); `columns` gives (header, CONTACT_FIELDS key or "") pairs
        that correct them."""
        if data is None:
            data = self.read(path)
        _kind, _layout, items, total = self._items(path, mapping, columns, ask=False, data=data)
        if not dry_run:
            self.db.backup_before("import", total)
        reports: list[ImportReport] = []

        def attempt(session: Session) -> ImportReport:
            # Read afresh each time: an attempt that lost a race is planned again from the
            # start, against what the other process wrote meanwhile.
            records = (
                self._items(path, mapping, columns, ask=False, data=data)[2] if reports else items
            )
            report = ImportReport(file=str(path), dry_run=dry_run)
            reports.append(report)
            run = ImportRun(session, event_id, report, progress, total)
            events: list[EventRecord] = []
            for item in _guarded(records, str(path)):
                if isinstance(item, Problem):
                    report.problems.append(item)
                elif isinstance(item, EventRecord):
                    events.append(item)
                elif isinstance(item, ContactRecord):
                    run.handle(cleaned(item), on_duplicate)
            run.finish()
            if events:
                import_events(session, events, report)
            if dry_run:
                raise _Stop
            return report

        try:
            with collector_paused():
                return self.db.retrying(attempt)
        except _Stop:
            return reports[-1]
        except ImportCancelled:
            return ImportReport(file=str(path), cancelled=True)

    def event_for_import(self, name: str) -> tuple[int, bool]:
        """The event of that name (accents and case ignored), created if there is none; and
        whether this call created it."""
        # Serialisable: two imports naming the same new event at once make it once.
        return self.db.retrying(lambda session: event_named(session, name))

"""Exporting people as vCard or CSV, and events with open follow-ups as iCalendar."""

from __future__ import annotations

import errno
import re
import unicodedata
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from sqlalchemy import select

from netdesk.formats.records import ContactRecord, TodoRecord
from netdesk.models import Attendance, Contact, Event, FollowUp
from netdesk.output_files import OutputRefused, write_atomically
from netdesk.services.contact_records import iter_records
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.event_record import event_record
from netdesk.store import Database

__all__ = ["ExportService", "file_error_text", "safe_file_name", "write_atomically"]

VCARD_VERSIONS = ("3.0", "4.0")
# What file systems (Windows above all) refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_MAX_NAME = 120
# File systems count bytes (255 at most): room for the suffix and a temporary file's extras.
_MAX_BYTES = 180
# Windows opens a device, not a file, for these names, whatever the extension ("NUL.txt").
_DEVICE = re.compile(r"con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9\u00b9\u00b2\u00b3]", re.I)


def safe_file_name(name: str, suffix: str, fallback: str) -> str:
    """`name` + `suffix` as a file name every system accepts ("Q&A: 2026/1" -> "Q&A- 2026-1").

    The one rule for every file name made from user data: never a path (no separators, not
    "." or ".."), never empty, never a Windows device ("CON", "nul.txt"), no control or
    invisible direction characters ("\u202egpj.exe"), and short enough in bytes too."""
    visible = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cf", "Cs"))
    cleaned = _UNSAFE.sub("-", " ".join(visible.split())).strip(" .-")[:_MAX_NAME]
    while len(cleaned.encode("utf-8")) > _MAX_BYTES:
        cleaned = cleaned[:-1]
    cleaned = cleaned.strip(" .")
    if _DEVICE.fullmatch(cleaned.split(".", 1)[0].rstrip(" ")):
        cleaned = "_" + cleaned
    return (cleaned or fallback) + suffix


_FILE_ERRORS = {
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "you do not have permission to write there",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EFBIG: "the file would be bigger than this system allows",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "a folder of that name is in the way",
    errno.ENAMETOOLONG: "the name is too long",
}


def file_error_text(exc: OSError) -> str:
    """Why a file could not be written, in words for the user ("the disk is full")."""
    if isinstance(exc, OutputRefused):
        return exc.strerror or "netdesk will not write there"
    code = errno.EISDIR if isinstance(exc, IsADirectoryError) else exc.errno
    if code in _FILE_ERRORS:
        return _FILE_ERRORS[code]
    return (exc.strerror or str(exc) or "the system refused").rstrip(".").lower()


class ExportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _ids(self, contact_ids: list[int] | None, event_id: int | None) -> list[int]:
        with self.db.Session() as session:
            if event_id is not None:
                if session.get(Event, event_id) is None:
                    raise NotFoundError("That event no longer exists.")
                stmt = (
                    select(Contact.id)
                    .join(Attendance, Attendance.contact_id == Contact.id)
                    .where(Attendance.event_id == event_id)
                )
                if contact_ids is not None:
                    stmt = stmt.where(Contact.id.in_(contact_ids))
            elif contact_ids is not None:
                stmt = select(Contact.id).where(Contact.id.in_(contact_ids))
            else:
                stmt = select(Contact.id)
            return list(session.scalars(stmt.order_by(Contact.sort_name, Contact.id)))

    def records(
        self, contact_ids: list[int] | None = None, event_id: int | None = None
    ) -> Iterator[ContactRecord]:
        """Everybody (no arguments), these people, or an event's attendees (with their role
        and status), sorted by name, read in batches."""
        ids = self._ids(contact_ids, event_id)
        with self.db.Session() as session:
            yield from iter_records(session.connection(), ids, event_id)

    def vcard(
        self,
        out: BinaryIO,
        contact_ids: list[int] | None = None,
        event_id: int | None = None,
        version: str = "3.0",
    ) -> int:
        from netdesk.formats.vcard.write import write_vcards

        if version not in VCARD_VERSIONS:
            raise ValidationError({"version": f"vCard {version} is not one netdesk writes."})
        return write_vcards(self.records(contact_ids, event_id), out, version)

    def vcard_bytes(self, contact_ids: list[int], version: str = "3.0") -> bytes:
        import io

        buffer = io.BytesIO()
        self.vcard(buffer, contact_ids, version=version)
        return buffer.getvalue()

    def csv(
        self, out: TextIO, contact_ids: list[int] | None = None, event_id: int | None = None
    ) -> int:
        from netdesk.formats.csv.write import write_contacts_csv

        return write_contacts_csv(
            self.records(contact_ids, event_id), out, attendees=event_id is not None
        )

    def ics(self, out: BinaryIO, event_id: int | None = None) -> tuple[int, int]:
        """Events (all, or one) and the open follow-ups (all, or that event's)."""
        from netdesk.formats.ics.write import write_ics

        with self.db.Session() as session:
            stmt = select(Event).order_by(Event.starts_at, Event.id)
            if event_id is not None:
                stmt = stmt.where(Event.id == event_id)
            events = list(session.scalars(stmt))
            if event_id is not None and not events:
                raise NotFoundError("That event no longer exists.")
            records = [event_record(e) for e in events]
            todo_stmt = (
                select(FollowUp, Contact.formatted_name, Event.uid, Event.name)
                .join(Contact, Contact.id == FollowUp.contact_id)
                .outerjoin(Event, Event.id == FollowUp.event_id)
                .where(FollowUp.done_at.is_(None))
                .order_by(FollowUp.due_date, FollowUp.id)
            )
            if event_id is not None:
                todo_stmt = todo_stmt.where(FollowUp.event_id == event_id)
            todos = [
                TodoRecord(
                    uid=f"followup-{f.id}@netdesk",
                    summary=f"{name}: {f.action}",
                    due=f.due_date,
                    description=f"Met at {event_name}" if event_name else "",
                    related_event_uid=event_uid or "",
                )
                for f, name, event_uid, event_name in session.execute(todo_stmt)
            ]
        write_ics(records, todos, out)
        return len(records), len(todos)

    def file_name(self, contact_ids: list[int], suffix: str = ".vcf") -> str:
        """ "Ada Lovelace.vcf" for one person, "3 people.vcf" for more: a name every file
        system accepts (see safe_file_name)."""
        if len(contact_ids) == 1:
            with self.db.Session() as session:
                name = session.scalar(
                    select(Contact.formatted_name).where(Contact.id == contact_ids[0])
                )
            if name:
                return safe_file_name(name, suffix, "contact")
        return f"{len(contact_ids)} people{suffix}"

"""Exporting people and events to files: ask where, write safely, say what was written.

Each `export_*` function asks for a file name, writes the file and returns the line to show in
the status bar ("Exported 12 people to contacts.vcf"), or None when the user cancelled or the
export failed (the failure has been shown, naming the file). The file appears under its name
only once it is complete: a full disk or a refused folder never leaves half a file behind, and
an older file of that name stays as it was.
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from netdesk.output_files import IN_BACKUPS, OutputRefused
from netdesk.services.errors import ServiceError
from netdesk.services.exporting import file_error_text, safe_file_name, write_atomically
from netdesk.services.service_set import Services
from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.plain_text import show_error

T = TypeVar("T")

# (parent, caption, suggested path, name filter) -> the path chosen, "" when cancelled.
AskPath = Callable[[QWidget | None, str, str, str], str]

# The CSV writer starts the file with the BOM Excel needs to see UTF-8 itself.
CSV_ENCODING = "utf-8"


@dataclass(frozen=True)
class FileKind:
    suffix: str
    name_filter: str
    caption: str


VCARD = FileKind(".vcf", "vCard files (*.vcf *.vcard);;All files (*)", "Export people as vCard")
CSV = FileKind(".csv", "CSV files (*.csv);;All files (*)", "Export people as CSV")
ICS = FileKind(".ics", "iCalendar files (*.ics);;All files (*)", "Export events as iCalendar")

_last_folder: Path | None = None


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, name_filter: str) -> str:
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, caption, suggested, name_filter)
    return path


def default_folder() -> Path:
    """Where the save dialog opens: the last folder exported to, else Documents, else home."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def with_suffix(chosen: str, suffix: str) -> Path:
    """The chosen path, with the kind's extension when the user typed a name without one."""
    path = Path(chosen)
    return path if path.suffix else path.with_name(path.name + suffix)


# The words for an OSError are the core's, shared with the command line.
os_error_text = file_error_text


def os_error_advice(exc: OSError) -> str:
    """What the user can do about it: advice that fits the cause (more space does not make a
    missing folder appear)."""
    if isinstance(exc, OutputRefused):
        # Any other name in the backups folder is refused as well.
        where = "folder" if exc.strerror == IN_BACKUPS else "name"
        return f"Choose another {where} and try again."
    advice = {
        errno.EACCES: "Choose a folder you can write to and try again.",
        errno.EPERM: "Choose a folder you can write to and try again.",
        errno.ENOSPC: "Free some space on that disk, or choose another one, and try again.",
        errno.EDQUOT: "Delete some of your files there, or choose another disk, and try again.",
        errno.EROFS: "Choose a folder on a disk that can be written to and try again.",
        errno.ENOENT: "Choose another folder and try again.",
        errno.EISDIR: "Choose another name and try again.",
        errno.ENAMETOOLONG: "Choose a shorter name and try again.",
    }
    return advice.get(_code(exc) or 0, "Choose another folder and try again.")


def export_failure_text(path: Path, exc: OSError) -> str:
    """ "Could not save “x.vcf” in /home/ada: the folder does not exist. ..." """
    return (
        f"Could not save “{path.name}” in {path.parent}: {os_error_text(exc)}.\n\n"
        f"Nothing was written. {os_error_advice(exc)}"
    )


def _code(exc: OSError) -> int | None:
    return errno.EISDIR if isinstance(exc, IsADirectoryError) else exc.errno


def _choose(
    parent: QWidget | None, kind: FileKind, name: str, ask: AskPath, folder: Path | None
) -> Path | None:
    suggested = (folder or default_folder()) / name
    chosen = ask(parent, kind.caption, str(suggested), kind.name_filter)
    return with_suffix(chosen, kind.suffix) if chosen else None


def _write(
    parent: QWidget | None, path: Path, write: Callable[[BinaryIO], T], summary: Callable[[T], str]
) -> str | None:
    global _last_folder
    try:
        with busy_cursor():
            result = write_atomically(path, write)
    except OSError as exc:
        show_error(parent, "Could not export", export_failure_text(path, exc))
        return None
    except ServiceError as exc:  # the event was deleted meanwhile, for instance
        show_error(parent, "Could not export", f"Could not export “{path.name}”: {exc}")
        return None
    _last_folder = path.parent
    return summary(result)


def _people_name(
    services: Services,
    contact_ids: list[int] | None,
    event_id: int | None,
    kind: FileKind,
    of_event: str = "",
) -> str:
    """ "Ada Lovelace.vcf", "3 people.csv", "Demo Day attendees.csv", "contacts.vcf"."""
    if contact_ids:
        return services.exports.file_name(contact_ids, kind.suffix)
    if event_id is not None:
        name = services.events.get(event_id).name + of_event
        return safe_file_name(name, kind.suffix, "contacts")
    return "contacts" + kind.suffix


def _nobody(services: Services, contact_ids: list[int] | None, event_id: int | None) -> str | None:
    """Why there is no one to export, or None when there is someone."""
    if contact_ids is not None:
        return None if contact_ids else "Select the people to export first."
    if event_id is not None:
        if services.events.attendees(event_id):
            return None
        return f"No one to export: “{services.events.get(event_id).name}” has no attendees yet."
    return None if services.contacts.count() else "No one to export: there are no people yet."


def _export_people(
    parent: QWidget | None,
    services: Services,
    contact_ids: list[int] | None,
    event_id: int | None,
    kind: FileKind,
    write: Callable[[BinaryIO], int],
    ask: AskPath,
    folder: Path | None,
    of_event: str = "",
) -> str | None:
    """Ask for a file of `kind` and `write` these people to it (an event's attendees, else
    everybody); `write` returns how many it wrote."""
    try:
        nobody = _nobody(services, contact_ids, event_id)
        name = _people_name(services, contact_ids, event_id, kind, of_event)
    except ServiceError as exc:
        show_error(parent, "Could not export", str(exc))
        return None
    if nobody:
        return nobody
    path = _choose(parent, kind, name, ask, folder)
    if path is None:
        return None
    return _write(
        parent, path, write, lambda n: f"Exported {plural(n, 'person', 'people')} to {path.name}"
    )


def export_vcard(
    parent: QWidget | None,
    services: Services,
    contact_ids: list[int] | None = None,
    event_id: int | None = None,
    version: str = "3.0",
    *,
    ask: AskPath = ask_save_path,
    folder: Path | None = None,
) -> str | None:
    """Ask for a .vcf file and write these people (an event's attendees, else everybody)."""
    exports = services.exports

    def write(out: BinaryIO) -> int:
        return exports.vcard(out, contact_ids, event_id, version)

    return _export_people(parent, services, contact_ids, event_id, VCARD, write, ask, folder)


def export_csv(
    parent: QWidget | None,
    services: Services,
    contact_ids: list[int] | None = None,
    event_id: int | None = None,
    *,
    ask: AskPath = ask_save_path,
    folder: Path | None = None,
) -> str | None:
    """Ask for a .csv file and write these people (an event's attendees, else everybody)."""
    exports = services.exports

    def write(out: BinaryIO) -> int:
        text = io.TextIOWrapper(out, encoding=CSV_ENCODING, newline="")
        try:
            return exports.csv(text, contact_ids, event_id)
        finally:
            text.flush()
            text.detach()  # `out` is closed by write_atomically, after the fsync

    return _export_people(
        parent, services, contact_ids, event_id, CSV, write, ask, folder, " attendees"
    )


def ics_summary(events: int, todos: int, file_name: str) -> str:
    what = plural(events, "event")
    if todos:
        what += f" and {plural(todos, 'open follow-up')}"
    return f"Exported {what} to {file_name}"


def export_ics(
    parent: QWidget | None,
    services: Services,
    event_id: int | None = None,
    *,
    ask: AskPath = ask_save_path,
    folder: Path | None = None,
) -> str | None:
    """Ask for a .ics file and write one event, or all events, with the open follow-ups."""
    name = "netdesk" + ICS.suffix
    if event_id is not None:
        try:
            name = safe_file_name(services.events.get(event_id).name, ICS.suffix, "Event")
        except ServiceError as exc:
            show_error(parent, "Could not export", str(exc))
            return None
    path = _choose(parent, ICS, name, ask, folder)
    if path is None:
        return None
    exports = services.exports
    return _write(
        parent,
        path,
        lambda out: exports.ics(out, event_id),
        lambda counts: ics_summary(counts[0], counts[1], path.name),
    )

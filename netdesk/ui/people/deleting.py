"""Deleting people and notes from the People view, each in one step Ctrl+Z undoes."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from netdesk.services.errors import ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.undo.commands import delete_undoably, remember_deleted
from netdesk.ui.widgets.plain_text import confirm, show_error

# The kind of ids a delete step carries for selecting the people again when it is undone.
CONTACTS = "contacts"


def confirm_delete_people(parent: QWidget, count: int) -> bool:
    """Only several people at once need a confirmation (Ctrl+Z undoes either)."""
    return count <= 1 or confirm(
        parent,
        "Delete people",
        f"Delete {count:,} people with their notes and follow-ups? You can undo this with Ctrl+Z.",
        f"Delete {count:,} people",
    )


def delete_people(
    parent: QWidget, services: Services, undo_stack: QUndoStack, contact_ids: list[int]
) -> bool:
    """Deletes the people with their notes and follow-ups; says why in a message box when it
    cannot."""
    contacts = services.contacts
    try:
        delete_undoably(undo_stack, lambda: contacts.delete(contact_ids), contacts.restore)
    except ServiceError as exc:
        show_error(parent, "Could not delete", str(exc))
        return False
    remember_deleted(undo_stack, CONTACTS, contact_ids)
    return True


def delete_note(parent: QWidget, services: Services, undo_stack: QUndoStack, note_id: int) -> bool:
    notes = services.notes
    try:
        delete_undoably(undo_stack, lambda: notes.delete(note_id), notes.restore)
    except ServiceError as exc:  # deleted elsewhere in the meantime, for instance
        show_error(parent, "Could not delete the note", str(exc))
        return False
    return True

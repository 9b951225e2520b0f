"""Whom People > Write email… writes to: what the page on screen has selected."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netdesk.ui.shell import EVENTS, FOLLOWUPS, PEOPLE, TODAY

if TYPE_CHECKING:
    from netdesk.ui.shell import Shell


def _about(row: Any) -> dict[str, Any]:
    """A follow-up: its person, itself and its event."""
    return {"contact_ids": [row.contact_id], "followup_id": row.id, "event_id": row.event_id}


def selection(shell: Shell) -> dict[str, Any] | None:
    """The arguments of MailActions.write for the current page's selection; None for none.
    The pages are seen through what they offer the window (no import of them: they sit above
    ui.mail in the layers)."""
    key = shell.current_key()
    view = shell.built_view(key)
    if view is None:
        return None
    if key == PEOPLE:
        ids = view.selected_contact_ids()
        return {"contact_ids": ids} if ids else None
    if key == FOLLOWUPS:
        rows = view.selected_rows()
        if len(rows) == 1:
            return _about(rows[0])
        ids = list(dict.fromkeys(r.contact_id for r in rows))
        return {"contact_ids": ids} if ids else None
    if key == EVENTS:
        page = view.page
        ids = [r.contact_id for r in page.selected_attendees()]
        return {"contact_ids": ids, "event_id": page.event_id()} if ids else None
    if key == TODAY:
        row = view.due_model.row_at(view.due_card.list_view.currentIndex().row())
        return _about(row) if row is not None else None
    return None

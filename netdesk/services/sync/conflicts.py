"""Sync > Conflicts: fields both sides changed differently, and the user's pick."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.formats.vcard.three_way import FIELD_LABELS, apply_choice
from netdesk.models import Contact, SyncAccount, SyncConflict
from netdesk.services.errors import NotFoundError
from netdesk.services.sync.report import ConflictInfo
from netdesk.services.sync.writing import load_contacts, local_records, write_into


def list_conflicts(session: Session, account: str | None) -> list[ConflictInfo]:
    stmt = (
        select(SyncConflict, Contact.formatted_name, SyncAccount.name)
        .join(Contact, Contact.id == SyncConflict.contact_id)
        .join(SyncAccount, SyncAccount.id == SyncConflict.account_id)
        .order_by(Contact.sort_name, Contact.id, SyncConflict.id)
    )
    if account is not None:
        stmt = stmt.where(SyncAccount.name == account)
    return [
        ConflictInfo(
            id=c.id,
            contact_id=c.contact_id,
            contact_name=name,
            account=account_name,
            field=c.field,
            label=FIELD_LABELS.get(c.field, c.field),
            local=c.local_value,
            remote=c.remote_value,
        )
        for c, name, account_name in session.execute(stmt)
    ]


def resolve_conflict(session: Session, conflict_id: int, keep: Literal["local", "remote"]) -> None:
    """ "local": the value here stays (the server has it already: the merge sent it).
    "remote": the server's value is written here, and the next sync sends it back."""
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise NotFoundError("That conflict was resolved already.")
    if keep == "remote":
        record = local_records(session, [conflict.contact_id]).get(conflict.contact_id)
        contact = load_contacts(session, [conflict.contact_id]).get(conflict.contact_id)
        if record is None or contact is None:
            raise NotFoundError("That contact no longer exists.")
        write_into(session, contact, apply_choice(record, conflict.field, conflict.remote_value))
    elif keep != "local":
        raise ValueError(f"keep must be 'local' or 'remote', not {keep!r}")
    session.delete(conflict)


def open_conflicts(session: Session, account_id: int) -> int:
    return len(
        list(session.scalars(select(SyncConflict.id).where(SyncConflict.account_id == account_id)))
    )

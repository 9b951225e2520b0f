"""Introductions the user made between two people ("introduced to X by me on DATE"), shown on
both people. One made by email counts once the email is marked sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, or_, select

from netdesk.models import Contact, EmailDraft, Introduction
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.store import Database
from netdesk.text import one_line


@dataclass(frozen=True)
class IntroductionRow:
    id: int
    other_id: int
    other_name: str
    introduced_on: date
    reason: str


def made() -> ColumnElement[bool]:
    """Introductions that were made: recorded by hand, or by an email marked sent. One
    written with Write email exists from then on (it keeps the reason) but is not made until
    the user says the email went out (or never, when the draft is discarded)."""
    return ~and_(
        exists().where(EmailDraft.introduction_id == Introduction.id),
        ~exists().where(
            EmailDraft.introduction_id == Introduction.id, EmailDraft.sent_at.is_not(None)
        ),
    )


class IntroductionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, first_id: int, second_id: int, on: date, reason: str = "") -> int:
        if first_id == second_id:
            raise ValidationError({"second": "Pick two different people to introduce."})
        with self.db.transaction() as session:
            for contact_id in (first_id, second_id):
                if session.get(Contact, contact_id) is None:
                    raise NotFoundError("That contact no longer exists.")
            row = Introduction(
                first_id=first_id, second_id=second_id, introduced_on=on, reason=reason.strip()
            )
            session.add(row)
            session.flush()
            return row.id

    def for_contact(self, contact_id: int) -> list[IntroductionRow]:
        """Whom this person was introduced to, newest first; an introduction whose email is
        still waiting to be marked sent is not one yet."""
        with self.db.Session() as session:
            rows = session.scalars(
                select(Introduction)
                .where(
                    or_(Introduction.first_id == contact_id, Introduction.second_id == contact_id)
                )
                .where(made())
                .order_by(Introduction.introduced_on.desc(), Introduction.id.desc())
            ).all()
            others = {r.second_id if r.first_id == contact_id else r.first_id for r in rows}
            names: dict[int, str] = {
                cid: name
                for cid, name in session.execute(
                    select(Contact.id, Contact.formatted_name).where(Contact.id.in_(others))
                )
            }
            return [
                IntroductionRow(
                    r.id,
                    other,
                    one_line(names.get(other, "")),
                    r.introduced_on,
                    r.reason,
                )
                for r in rows
                for other in [r.second_id if r.first_id == contact_id else r.first_id]
            ]

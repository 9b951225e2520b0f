"""Which emails netdesk composed, and which the user said were sent: an EmailDraft per person
stays pending until then; sending writes an "emailed" note on the person (with the event),
and an introduction's one email to two people records the Introduction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dates import local_day
from netdesk.models import Contact, EmailDraft, Event, FollowUp, Introduction, Note
from netdesk.models.note import NoteTopic
from netdesk.services.errors import NotFoundError
from netdesk.services.mail.draft_types import Draft, PendingDraft, SentResult
from netdesk.store import Database
from netdesk.text import one_line

SUBJECT_LENGTH = 500


def record(db: Database, drafts: Sequence[Draft]) -> list[int]:
    """A pending EmailDraft for each person of each draft; their ids, in order. An
    introduction's two people share one Introduction row (made now, dated when sent)."""
    ids: list[int] = []
    with db.transaction() as session:
        for draft in drafts:
            introduction_id: int | None = None
            if draft.introduction is not None:
                first_id, second_id, reason = draft.introduction
                introduction = Introduction(
                    first_id=first_id,
                    second_id=second_id,
                    introduced_on=clock.today(),
                    reason=reason,
                )
                session.add(introduction)
                session.flush()
                introduction_id = introduction.id
            for contact_id in draft.contact_ids:
                if session.get(Contact, contact_id) is None:
                    raise NotFoundError("That contact no longer exists.")
                row = EmailDraft(
                    contact_id=contact_id,
                    # Deleted since the draft was composed: the draft stands without them.
                    followup_id=_existing(session, FollowUp, draft.followup_id),
                    event_id=_existing(session, Event, draft.event_id),
                    introduction_id=introduction_id,
                    template_key=draft.template_key,
                    subject=one_line(draft.subject)[:SUBJECT_LENGTH],
                    created_at=clock.now(),
                )
                session.add(row)
                session.flush()
                ids.append(row.id)
    return ids


def _existing(
    session: Session, model: type[FollowUp] | type[Event], row_id: int | None
) -> int | None:
    return row_id if row_id is not None and session.get(model, row_id) is not None else None


def _with_siblings(session: Session, rows: list[EmailDraft]) -> list[EmailDraft]:
    """`rows` and the other drafts of the same introduction (one email to two people)."""
    intro_ids = {r.introduction_id for r in rows if r.introduction_id is not None}
    if not intro_ids:
        return rows
    seen = {r.id for r in rows}
    more = session.scalars(
        select(EmailDraft).where(EmailDraft.introduction_id.in_(intro_ids)).with_for_update()
    ).all()
    return rows + [r for r in more if r.id not in seen]


def mark_sent(db: Database, draft_ids: Sequence[int], at: datetime | None = None) -> SentResult:
    """The drafts were sent (at `at`, default now): an "Emailed: SUBJECT" note on each person,
    with the event. Drafts already marked sent, or gone, are left as they are."""
    moment = (at or clock.now()).astimezone(UTC)
    note_ids: list[int] = []
    introduction_ids: list[int] = []
    with db.transaction() as session:
        # Locked, so that a second window marking the same email sent waits for this one and
        # then finds it sent, rather than writing a second "Emailed" note.
        rows = list(
            session.scalars(
                select(EmailDraft).where(EmailDraft.id.in_(list(draft_ids))).with_for_update()
            ).all()
        )
        for row in sorted(_with_siblings(session, rows), key=lambda r: r.id):
            if row.sent_at is not None:
                continue
            note = Note(
                contact_id=row.contact_id,
                event_id=row.event_id,
                topic=NoteTopic.EMAILED.value,
                body=f"Emailed: {row.subject}" if row.subject else "Emailed",
                created_at=moment,
            )
            session.add(note)
            session.flush()
            row.sent_at, row.note_id = moment, note.id
            note_ids.append(note.id)
            if row.introduction_id is not None and row.introduction_id not in introduction_ids:
                introduction = session.get(Introduction, row.introduction_id)
                if introduction is not None:
                    introduction.introduced_on = local_day(moment)
                    introduction_ids.append(introduction.id)
    return SentResult(note_ids, introduction_ids)


def pending(db: Database, contact_id: int | None = None) -> list[PendingDraft]:
    """Drafts not yet marked sent, newest first (one person's, or everybody's)."""
    stmt = (
        select(EmailDraft, Contact.formatted_name)
        .join(Contact, Contact.id == EmailDraft.contact_id)
        .where(EmailDraft.sent_at.is_(None))
        .order_by(EmailDraft.created_at.desc(), EmailDraft.id.desc())
    )
    if contact_id is not None:
        stmt = stmt.where(EmailDraft.contact_id == contact_id)
    with db.Session() as session:
        return [
            PendingDraft(
                row.id,
                row.contact_id,
                one_line(name),
                row.subject,
                row.created_at,
                row.followup_id,
                row.event_id,
            )
            for row, name in session.execute(stmt).all()
        ]


def discard(db: Database, draft_id: int) -> None:
    """Forget a pending draft (not sent after all); an introduction's goes for both people,
    with the introduction it would have recorded."""
    with db.transaction() as session:
        row = session.get(EmailDraft, draft_id)
        if row is None:
            raise NotFoundError("That draft no longer exists.")
        if row.sent_at is not None:
            return  # sent: its note stays the record
        for sibling in _with_siblings(session, [row]):
            if sibling.sent_at is None:
                session.delete(sibling)
        if row.introduction_id is not None:
            introduction = session.get(Introduction, row.introduction_id)
            session.flush()
            left = session.scalar(
                select(EmailDraft.id).where(EmailDraft.introduction_id == row.introduction_id)
            )
            if introduction is not None and left is None:
                session.delete(introduction)

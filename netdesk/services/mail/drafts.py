"""Emails composed from templates for one or more people, or for an introduction of two, as
`mailto:` links and `.eml` drafts; and (draft_log) which of them the user said were sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.cards.share import CARD_DEFAULT_FIELDS, shared_record
from netdesk.formats.control_text import clean_text
from netdesk.formats.mail.eml import (
    Attachment,
    address,
    draft_message,
    message_bytes,
    one_line,
)
from netdesk.formats.mail.mailto import MailtoLink, mailto_link
from netdesk.formats.mail.template import TemplateError, render
from netdesk.formats.vcard.write import vcard_text
from netdesk.models import Contact, FollowUp
from netdesk.output_files import write_atomically
from netdesk.services.contact_records import records_for
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.exporting import safe_file_name
from netdesk.services.mail import context, draft_log
from netdesk.services.mail.draft_types import Draft, PendingDraft, SentResult
from netdesk.services.mail.templates import TemplateRecord, TemplateService
from netdesk.store import Database


def default_template(followup_id: int | None, event_id: int | None) -> str:
    if followup_id is not None:
        return "promised"
    return "nice-to-meet" if event_id is not None else "reconnect"


def _filled(template: TemplateRecord, values: Mapping[str, str]) -> tuple[str, str]:
    """(subject, body): the subject one line, the body's line ends "\n", no control
    characters from imported notes."""
    clean = {key: clean_text(value) for key, value in values.items()}
    try:
        subject, body = render(template.subject, clean), render(template.body, clean)
        if not subject.strip():
            # The optional-line rule is for the body: a subject whose placeholders all came
            # out empty ("What I promised: {promise}" without a follow-up) keeps its words.
            subject = render(template.subject, clean, optional_lines=False)
    except TemplateError as exc:
        raise ValidationError({"template": f"The template “{template.name}”: {exc}"}) from exc
    return one_line(subject), body.replace("\r\n", "\n").replace("\r", "\n")


def _recipient(contact: Contact) -> tuple[str, str] | None:
    """(name, email) to write to, None when the person has no usable address."""
    name, email = context.display_name(contact), context.first_email(contact)
    try:
        address(name, email)
    except ValueError:
        return None
    return name, email


class DraftService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.templates = TemplateService(db)

    # --- composing ---------------------------------------------------------------------

    def compose(
        self,
        template_key: str | None,
        contact_ids: Sequence[int],
        *,
        followup_id: int | None = None,
        event_id: int | None = None,
    ) -> list[Draft]:
        """One email per person, from the template (None: the one that fits: `promised` for a
        follow-up, `nice-to-meet` with an event, else `reconnect`). A follow-up's person is
        written to when no one is given; its event is the event when none is given."""
        ids = list(dict.fromkeys(contact_ids))
        with self.db.Session() as session:
            followup = self._followup(session, followup_id)
            if followup is not None:
                ids = ids or [followup.contact_id]
                event_id = event_id if event_id is not None else followup.event_id
            if not ids:
                raise ValidationError({"contacts": "Pick someone to write to."})
            if event_id is None and len(ids) == 1:
                # Written to from their page: about the event they were last met at.
                event_id = context.latest_event(session, ids[0])
            key = template_key or default_template(followup_id, event_id)
            template = self.templates.get(key)
            mine = context.my_values(session)
            sender, card, card_name = self._me(session, template.attach_my_card)
            drafts: list[Draft] = []
            for contact_id in ids:
                contact = context.load(session, contact_id)
                their_event = event_id
                values = {
                    **context.person_values(contact),
                    **context.event_values(session, contact_id, their_event),
                    **context.followup_values(followup),
                    **mine,
                }
                subject, body = _filled(template, values)
                recipient = _recipient(contact)
                drafts.append(
                    Draft(
                        contact_ids=(contact_id,),
                        to=[recipient] if recipient else [],
                        subject=subject,
                        body=body,
                        template_key=template.key,
                        followup_id=followup_id,
                        event_id=their_event,
                        attach_card=card,
                        card_filename=card_name,
                        missing_email=[] if recipient else [context.display_name(contact)],
                        sender=sender,
                    )
                )
            return drafts

    def introduce(
        self, first_id: int, second_id: int, reason: str, template_key: str = "introduction"
    ) -> Draft:
        """One email to both people (double opt-in: it asks each whether they'd like to talk)."""
        if first_id == second_id:
            raise ValidationError({"second": "Pick two different people to introduce."})
        template = self.templates.get(template_key)
        reason = reason.strip()
        with self.db.Session() as session:
            first = context.load(session, first_id)
            second = context.load(session, second_id)
            values: dict[str, str] = {**context.my_values(session), "reason": reason}
            for prefix, person in (("first_", first), ("second_", second)):
                theirs = context.person_values(person)
                values.update({prefix + key: theirs[key] for key in context.PAIR_FIELDS})
            subject, body = _filled(template, values)
            sender, card, card_name = self._me(session, template.attach_my_card)
            to: list[tuple[str, str]] = []
            missing: list[str] = []
            for person in (first, second):
                recipient = _recipient(person)
                if recipient is None:
                    missing.append(context.display_name(person))
                else:
                    to.append(recipient)
        return Draft(
            contact_ids=(first_id, second_id),
            to=to,
            subject=subject,
            body=body,
            template_key=template.key,
            attach_card=card,
            card_filename=card_name,
            missing_email=missing,
            introduction=(first_id, second_id, reason),
            sender=sender,
        )

    def preview(
        self,
        template: TemplateRecord,
        contact_id: int,
        event_id: int | None = None,
        followup_id: int | None = None,
    ) -> tuple[str, str]:
        """(subject, body) of `template` (saved or not) filled for one person, as compose
        would (the event they were last met at when none is given), for the live preview;
        ValidationError naming the template's problems."""
        with self.db.Session() as session:
            followup = self._followup(session, followup_id)
            if followup is not None and event_id is None:
                event_id = followup.event_id
            if event_id is None and followup is None:
                event_id = context.latest_event(session, contact_id)
            contact = context.load(session, contact_id)
            values = {
                **context.person_values(contact),
                **context.event_values(session, contact_id, event_id),
                **context.followup_values(followup),
                **context.my_values(session),
            }
        return _filled(template, values)

    # --- as a link, a message, a file ----------------------------------------------------

    def mailto(self, draft: Draft) -> MailtoLink:
        return mailto_link([email for _name, email in draft.to], draft.subject, draft.body)

    def message(self, draft: Draft, at: datetime | None = None) -> EmailMessage:
        attachments: list[Attachment] = []
        if draft.attach_card is not None:
            attachments.append(Attachment(draft.card_filename, "text/vcard", draft.attach_card))
        return draft_message(
            sender=draft.sender,
            to=draft.to,
            subject=draft.subject,
            body=draft.body,
            attachments=attachments,
            date=at,
        )

    def eml_bytes(self, draft: Draft) -> bytes:
        return message_bytes(self.message(draft))

    def save_eml(self, draft: Draft, path: Path) -> Path:
        """The draft as an .eml file at `path`, written whole or not at all; never over the
        open database (OutputRefused)."""
        data = self.eml_bytes(draft)
        write_atomically(path, lambda out: out.write(data))
        return path

    # --- the log: pending until the user says it was sent --------------------------------

    def record(self, drafts: Sequence[Draft]) -> list[int]:
        return draft_log.record(self.db, drafts)

    def mark_sent(self, draft_ids: Sequence[int], at: datetime | None = None) -> SentResult:
        return draft_log.mark_sent(self.db, draft_ids, at)

    def pending(self, contact_id: int | None = None) -> list[PendingDraft]:
        return draft_log.pending(self.db, contact_id)

    def discard(self, draft_id: int) -> None:
        draft_log.discard(self.db, draft_id)

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _followup(session: Session, followup_id: int | None) -> FollowUp | None:
        if followup_id is None:
            return None
        followup = session.get(FollowUp, followup_id)
        if followup is None:
            raise NotFoundError(f"No follow-up with id {followup_id}.")
        return followup

    @staticmethod
    def _me(session: Session, attach: bool) -> tuple[tuple[str, str] | None, bytes | None, str]:
        """(my name and email for From, my vCard when `attach`, its file name)."""
        me_id = session.scalar(select(Contact.id).where(Contact.is_me.is_(True)).limit(1))
        if me_id is None:
            return None, None, ""
        me = context.load(session, me_id)
        sender = _recipient(me)
        if not attach:
            return sender, None, ""
        records = records_for(session.connection(), [me_id])
        if not records:
            return sender, None, ""
        # What my QR card shares, nothing private (notes, tags, birthday, other lines).
        card = vcard_text(shared_record(records[0], CARD_DEFAULT_FIELDS), "3.0").encode("utf-8")
        stem = "-".join(p for p in (me.given_name.strip(), me.family_name.strip()) if p)
        return sender, card, safe_file_name(stem or context.display_name(me), ".vcf", "card")

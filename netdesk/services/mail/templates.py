"""Email templates: the built-in ones (in the code) merged with the user's saved rows; a row
with a built-in's key is the user's edit of it, and deleting that row resets it."""

from __future__ import annotations

import builtins
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from netdesk.formats.mail.defaults import BUILTIN_TEMPLATES
from netdesk.formats.mail.template import problems, summary
from netdesk.models import EmailTemplate
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.store import Database

KEY_LENGTH = 60
NAME_LENGTH = 120
SUBJECT_LENGTH = 500
BODY_LENGTH = 20_000
_KEY = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_BUILTIN_KEYS = tuple(t.key for t in BUILTIN_TEMPLATES)


@dataclass(frozen=True)
class TemplateRecord:
    key: str
    name: str
    subject: str
    body: str
    attach_my_card: bool = False
    builtin: bool = False
    edited: bool = False  # a built-in the user changed (Reset to default brings it back)


def _builtins() -> dict[str, TemplateRecord]:
    return {
        t.key: TemplateRecord(t.key, t.name, t.subject, t.body, t.attach_my_card, True, False)
        for t in BUILTIN_TEMPLATES
    }


def _record(row: EmailTemplate) -> TemplateRecord:
    builtin = row.key in _BUILTIN_KEYS
    return TemplateRecord(
        row.key, row.name, row.subject, row.body, row.attach_my_card, builtin, builtin
    )


def _same_text(one: TemplateRecord, other: TemplateRecord) -> bool:
    return (one.name, one.subject, one.body, one.attach_my_card) == (
        other.name,
        other.subject,
        other.body,
        other.attach_my_card,
    )


def check(record: TemplateRecord) -> dict[str, str]:
    """Field -> what is wrong with it ({} when the template can be saved)."""
    errors: dict[str, str] = {}
    if not _KEY.fullmatch(record.key) or len(record.key) > KEY_LENGTH:
        errors["key"] = (
            f"The key is lower-case letters, digits and dashes, at most {KEY_LENGTH} "
            "characters (like nice-to-meet)."
        )
    if not record.name.strip():
        errors["name"] = "The template needs a name."
    elif len(record.name) > NAME_LENGTH or any(ch in record.name for ch in "\r\n"):
        errors["name"] = f"The name is one line of at most {NAME_LENGTH} characters."
    for field, text, limit in (
        ("subject", record.subject, SUBJECT_LENGTH),
        ("body", record.body, BODY_LENGTH),
    ):
        if len(text) > limit:
            errors[field] = f"At most {limit:,} characters (this has {len(text):,})."
        elif field == "subject" and any(ch in text for ch in "\r\n"):
            errors[field] = "The subject is one line."
        elif found := problems(text):
            errors[field] = summary(found)
    return errors


class TemplateService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> builtins.list[TemplateRecord]:
        """The built-in templates (as the user edited them) in their order, then the user's
        own in the order they were made."""
        merged = _builtins()
        custom: builtins.list[TemplateRecord] = []
        with self.db.Session() as session:
            rows = session.scalars(
                select(EmailTemplate).order_by(EmailTemplate.position, EmailTemplate.id)
            ).all()
            for row in rows:
                if row.key in merged:
                    merged[row.key] = _record(row)
                else:
                    custom.append(_record(row))
        return [*merged.values(), *custom]

    def keys(self) -> builtins.list[str]:
        return [t.key for t in self.list()]

    def get(self, key: str) -> TemplateRecord:
        wanted = key.strip().lower()
        templates = self.list()
        for template in templates:
            # Compared as typed is compared when saving: a key written by another program
            # ("Odd Key") is found as --list-templates shows it.
            if template.key.strip().lower() == wanted:
                return template
        keys = ", ".join(t.key for t in templates)
        raise NotFoundError(f"No email template {key!r}; the templates are: {keys}.")

    def save(self, record: TemplateRecord) -> TemplateRecord:
        record = TemplateRecord(
            record.key.strip().lower(),
            record.name.strip(),
            record.subject.strip(),
            record.body,
            record.attach_my_card,
        )
        errors = check(record)
        if errors:
            raise ValidationError(errors)
        builtin = _builtins().get(record.key)
        if builtin is not None and _same_text(builtin, record):
            return self.reset(record.key)  # edited back to what netdesk comes with
        saved = record

        # Run again when another window saved the same template first (its unique key): the
        # second run finds that row and writes over it, as if it had come later.
        def work(session: Session) -> TemplateRecord:
            row = session.scalar(select(EmailTemplate).where(EmailTemplate.key == saved.key))
            if row is None:
                last = session.scalar(select(func.max(EmailTemplate.position))) or 0
                row = EmailTemplate(key=saved.key, position=last + 1)
                session.add(row)
            row.name, row.subject, row.body = saved.name, saved.subject, saved.body
            row.attach_my_card = saved.attach_my_card
            session.flush()
            return _record(row)

        return self.db.retrying(work, wait=self.db.quick_wait)

    def reset(self, key: str) -> TemplateRecord:
        """A built-in template back to what netdesk comes with."""
        if key not in _BUILTIN_KEYS:
            raise ValidationError({"key": f"{key!r} is not one of netdesk's own templates."})
        with self.db.transaction() as session:
            session.execute(delete(EmailTemplate).where(EmailTemplate.key == key))
        return _builtins()[key]

    def delete(self, key: str) -> None:
        """A template of the user's own (a built-in one can only be reset)."""
        if key in _BUILTIN_KEYS:
            raise ValidationError(
                {"key": "netdesk's own templates cannot be deleted; reset it instead."}
            )
        with self.db.transaction() as session:
            row = session.scalar(select(EmailTemplate).where(EmailTemplate.key == key))
            if row is None:
                raise NotFoundError(f"No email template {key!r}.")
            session.delete(row)

    def new_key(self, name: str) -> str:
        """A free key made from `name` ("Thanks, Ana!" -> "thanks-ana", then "thanks-ana-2")."""
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[: KEY_LENGTH - 4]
        base = base.strip("-") or "template"
        taken = set(self.keys())
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        return key

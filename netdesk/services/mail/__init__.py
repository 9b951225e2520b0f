"""Email from netdesk: templates, drafts composed from them (mailto links and .eml files), and
the log of what was sent."""

from netdesk.services.mail.draft_types import Draft, PendingDraft, SentResult
from netdesk.services.mail.drafts import DraftService
from netdesk.services.mail.templates import TemplateRecord, TemplateService

__all__ = [
    "Draft",
    "DraftService",
    "PendingDraft",
    "SentResult",
    "TemplateRecord",
    "TemplateService",
]

"""Every service over one database, built once and handed to the UI and the CLI."""

from __future__ import annotations

from netdesk.services.capture import CaptureService
from netdesk.services.card_images import CardImageService
from netdesk.services.cards import CardService
from netdesk.services.contacts import ContactService
from netdesk.services.duplicates import DuplicateService
from netdesk.services.event_review import EventReviewService
from netdesk.services.events import EventService
from netdesk.services.exporting import ExportService
from netdesk.services.followups import FollowUpService
from netdesk.services.goals import GoalService
from netdesk.services.importing import ImportService
from netdesk.services.introductions import IntroductionService
from netdesk.services.keep_in_touch import KeepInTouchService
from netdesk.services.mail import DraftService, TemplateService
from netdesk.services.notes import NoteService
from netdesk.services.photo_fetch import PhotoFetchService
from netdesk.services.reminders import ReminderService
from netdesk.services.scanning import ScanService
from netdesk.services.search import SearchService
from netdesk.services.sync.accounts import AccountService
from netdesk.services.sync.service import SyncService
from netdesk.services.tags import TagService
from netdesk.services.today import TodayService
from netdesk.store import Database


class Services:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.contacts = ContactService(db)
        self.events = EventService(db)
        self.notes = NoteService(db)
        self.followups = FollowUpService(db)
        self.tags = TagService(db)
        self.search = SearchService(db)
        self.today = TodayService(db)
        self.capture = CaptureService(db)
        self.imports = ImportService(db)
        self.exports = ExportService(db)
        self.duplicates = DuplicateService(db)
        self.cards = CardService(db)
        self.photos = PhotoFetchService(db)
        self.accounts = AccountService(db)
        self.sync = SyncService(db)
        self.review = EventReviewService(db)
        self.reminders = ReminderService(db)
        self.templates = TemplateService(db)
        self.drafts = DraftService(db)
        self.introductions = IntroductionService(db)
        self.goals = GoalService(db)
        self.keep_in_touch = KeepInTouchService(db)
        self.card_images = CardImageService(db)
        self.scanning = ScanService(db)

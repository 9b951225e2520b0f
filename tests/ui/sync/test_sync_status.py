"""The status bar's words for a sync: its progress, "Synced 14:02" with what waits, and
"Sync failed: words" naming the account when there are several."""

from __future__ import annotations

from datetime import UTC, datetime

from netdesk.dav.errors import AuthFailed
from netdesk.services.sync.report import SyncReport
from netdesk.ui.sync.sync_job import AccountOutcome
from netdesk.ui.sync.sync_status import details_lines, finished_text, progress_text

AT = datetime(2026, 12, 5, 14, 2, tzinfo=UTC)  # the tests' clock is UTC


def test_progress_in_words() -> None:
    assert progress_text("Work: contacts: receiving", 120, 400) == (
        "Syncing Work: receiving contacts 120 of 400…"
    )
    assert progress_text("Work: tasks: sending", 0, 0) == "Syncing Work: sending follow-ups…"


def test_a_good_run_says_when_and_what_waits() -> None:
    good = AccountOutcome("Work", report=SyncReport("Work", sent=2, received=5))
    assert finished_text([good], AT) == "Synced 14:02"
    waiting = AccountOutcome(
        "Home", report=SyncReport("Home", conflicts=2, failed=["/ada/x.vcf: not a vCard"])
    )
    assert finished_text([good, waiting], AT) == (
        "Synced 14:02 · 2 conflicts to look at · 1 item not synced"
    )
    assert details_lines([good, waiting]) == [
        "Work: sent 2, received 5, deleted 0, conflicts 0",
        "Home: sent 0, received 0, deleted 0, conflicts 2",
        "  /ada/x.vcf: not a vCard",
    ]


def test_a_failed_run_says_why_in_words() -> None:
    refused = AccountOutcome("Home", error=AuthFailed("https://dav.example.com/"))
    assert finished_text([refused], AT) == (
        "Sync failed: The server refused the user name or password for https://dav.example.com/."
    )
    good = AccountOutcome("Work", report=SyncReport("Work"))
    assert finished_text([good, refused], AT).startswith("Sync failed (Home): The server refused")

"""The sync's corner of the status bar: its progress while it runs, then "Synced 14:02" or
"Sync failed: words", with each account's summary in the tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from netdesk.ui.sync.sync_job import AccountOutcome
from netdesk.ui.widgets.plain_text import plain_label, tooltip_text

# What the sync service's stages ("contacts: receiving") are about, as the status bar says it.
STAGE_WORDS = {"contacts": "contacts", "tasks": "follow-ups", "events": "events"}


def stage_words(stage: str) -> str:
    """ "contacts: receiving" -> "receiving contacts"."""
    what, _, doing = stage.partition(": ")
    what = STAGE_WORDS.get(what.strip(), what.strip())
    return f"{doing.strip()} {what}" if doing.strip() else what


def progress_text(stage: str, done: int, total: int) -> str:
    """ "Syncing Work: receiving contacts 120 of 400…" from the stage "Work: contacts:
    receiving" (the account first); without figures while the total is unknown."""
    account, _, rest = stage.partition(": ")
    where = f"{account}: {stage_words(rest)}" if rest else stage_words(account)
    figures = f" {done:,} of {total:,}" if total > 0 else ""
    return f"Syncing {where}{figures}…"


def clock_text(moment: datetime) -> str:
    """The time on the user's clock: "14:02"."""
    return moment.astimezone().strftime("%H:%M")


def when_text(moment: datetime | None) -> str:
    """ "5 Dec 2026, 14:02" on the user's clock; "never" for no moment."""
    if moment is None:
        return "never"
    return moment.astimezone().strftime("%-d %b %Y, %H:%M")


def finished_text(outcomes: Sequence[AccountOutcome], moment: datetime) -> str:
    """The status bar's line after a run: "Synced 14:02", with what waits for the user, or
    "Sync failed: words" (naming the account when there are several)."""
    failed = [o for o in outcomes if o.error is not None]
    if failed:
        first = failed[0]
        where = f" ({first.account})" if len(outcomes) > 1 else ""
        more = f"; {len(failed) - 1} more failed" if len(failed) > 1 else ""
        return f"Sync failed{where}: {first.error}{more}"
    conflicts = sum(o.report.conflicts for o in outcomes if o.report is not None)
    failed_items = sum(len(o.report.failed) for o in outcomes if o.report is not None)
    text = f"Synced {clock_text(moment)}"
    if conflicts:
        text += f" · {conflicts} conflict{'s' if conflicts != 1 else ''} to look at"
    if failed_items:
        text += f" · {failed_items} item{'s' if failed_items != 1 else ''} not synced"
    return text


def details_lines(outcomes: Sequence[AccountOutcome]) -> list[str]:
    """One line per account: "Work: sent 2, received 5, deleted 0, conflicts 0"."""
    lines = []
    for o in outcomes:
        if o.report is not None:
            lines.append(f"{o.account}: {o.report.summary()}")
            lines.extend(f"  {item}" for item in o.report.failed)
        else:
            lines.append(f"{o.account}: {o.error}")
    return lines


class SyncStatus:
    """The label and the small progress bar, placed in the window's status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.label: QLabel = plain_label()
        self.label.setObjectName("sync_status")
        self.label.setContentsMargins(0, 0, 10, 0)  # apart from the database's name beside it
        self.bar = QProgressBar()
        self.bar.setObjectName("sync_progress")
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.bar.hide()
        bar.addPermanentWidget(self.bar)
        bar.addPermanentWidget(self.label)
        self.label.hide()

    def text(self) -> str:
        return self.label.text()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        self._say(progress_text(stage, done, total))
        self.bar.setRange(0, total if total > 0 else 0)  # 0..0: a busy bar until it knows
        if total > 0:
            self.bar.setValue(min(done, total))
        self.bar.show()

    def show_started(self) -> None:
        self._say("Syncing…")
        self.bar.setRange(0, 0)
        self.bar.show()

    def show_finished(self, outcomes: Sequence[AccountOutcome], moment: datetime) -> None:
        self.bar.hide()
        self._say(finished_text(outcomes, moment), details_lines(outcomes))

    def show_failed(self, message: str) -> None:
        self.bar.hide()
        self._say(f"Sync failed: {message}")

    def show_idle(self, text: str) -> None:
        self.bar.hide()
        self._say(text)

    def _say(self, text: str, tip: Sequence[str] = ()) -> None:
        self.label.setText(text)
        self.label.setToolTip(tooltip_text(*tip))
        self.label.setVisible(bool(text))

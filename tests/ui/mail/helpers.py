"""What the mail tests share: a stand-in mail program that records the mailto: links the
window opens (registered with Qt as the `mailto` handler), people to write to, and the answers
to the file dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from netdesk.formats.mail.mailto import parse_mailto
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.mail.sent_dialog import ChoiceDialog
from tests.ui.polling import poll


class MailProgram(QObject):
    """Receives every mailto: URL QDesktopServices.openUrl is given."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(bytes(url.toEncoded().data()).decode("ascii"))

    def emails(self) -> list[tuple[list[str], str, str]]:
        """Each link decoded back: (to, subject, body)."""
        return [parse_mailto(url) for url in self.urls]


def add_person(
    services: Services, name: str, email: str | None = None, organization: str = ""
) -> int:
    given, _, family = name.partition(" ")
    return services.contacts.create(
        ContactInput(
            formatted_name=name,
            given_name=given,
            family_name=family,
            organization=organization,
            emails=[email] if email else [],
        )
    )


def add_event(services: Services, name: str, day_offset: int = -1) -> int:
    from datetime import timedelta

    from netdesk import clock

    start = clock.now() + timedelta(days=day_offset)
    return services.events.create(EventInput(name=name, starts_at=start))


def choice(owner: QWidget | None = None) -> ChoiceDialog:
    """The Sent? or follow-up question on screen now."""
    found = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ChoiceDialog) and w.isVisible()
    ]
    assert len(found) == 1, found
    return found[0]


def answer_box(seen: list[str], answer: str) -> None:
    """Click `answer` in the next QMessageBox (exec'd) that offers it."""

    def click() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return False
        buttons = [b for b in box.buttons() if b.text().replace("&", "") == answer]
        if not buttons:
            return False
        seen.append(box.text())
        buttons[0].click()
        return True

    poll(click)


class SavePath:
    """Stands in for the save dialog: answers with `answer`, noting what it was offered."""

    def __init__(self, answer: Path | str) -> None:
        self.answer = str(answer)
        self.offered: list[str] = []

    def __call__(self, _parent: QWidget | None, _caption: str, suggested: str, *_rest: str) -> str:
        self.offered.append(suggested)
        return self.answer

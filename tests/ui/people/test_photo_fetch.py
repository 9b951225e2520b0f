"""The contact pane's "Fetch photo from <host>…": nothing is fetched until the user asks and
agrees; then the picture is saved, or the reason it was not is said in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from netdesk.services.import_plan import OnDuplicate
from netdesk.services.service_set import Services
from netdesk.ui.badges.logo_group import LogoGroup
from netdesk.ui.badges.settings import BadgeSettings
from netdesk.ui.main_window import EVENTS, PEOPLE, MainWindow
from tests.local_http_server import LocalServer, Reply, local_server  # noqa: F401 (a fixture)
from tests.services.test_photo_fetch import PNG, card
from tests.ui.main_window_helpers import open_window, settings_at
from tests.ui.polling import poll


@pytest.fixture
def contact(sqlite_services: Services, local_server: LocalServer, tmp_path: Path) -> int:  # noqa: F811
    path = tmp_path / "ada.vcf"
    path.write_bytes(card(local_server))
    report = sqlite_services.imports.import_file(path, on_duplicate=OnDuplicate.NEW)
    assert not report.problems
    found = sqlite_services.contacts.find_by_name("Ada Lovelace")
    assert found is not None
    return found


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path, contact: int) -> MainWindow:
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


class Answers:
    """Answers the message boxes that open, in turn: clicks the button named, noting what each
    box said and whether it was plain text."""

    def __init__(self, *buttons: str) -> None:
        self.buttons = list(buttons)
        self.seen: list[tuple[str, str, bool]] = []  # title, text, plain
        poll(self._answer)

    def _answer(self) -> bool:
        if not self.buttons:
            return True
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            plain = box.textFormat() == Qt.TextFormat.PlainText
            self.seen.append((box.windowTitle(), box.text(), plain))
            wanted = self.buttons.pop(0)
            [button] = [b for b in box.buttons() if b.text().replace("&", "") == wanted]
            button.click()
        return False


def click_fetch(qtbot: QtBot, window: MainWindow, contact: int, *answers: str) -> Answers:
    people = window.go_to(PEOPLE)
    assert people.show_contact(contact)
    button = people.detail.photo_button
    assert button.isVisibleTo(people.detail)
    driver = Answers(*answers)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not driver.buttons)
    return driver


def test_showing_an_imported_contact_fetches_nothing_and_offers_the_fetch(
    qtbot: QtBot,
    window: MainWindow,
    contact: int,
    local_server: LocalServer,  # noqa: F811
) -> None:
    local_server.routes["/photo.png"] = Reply(body=PNG, content_type="image/png")
    people = window.go_to(PEOPLE)
    assert people.show_contact(contact)
    qtbot.wait(50)
    button = people.detail.photo_button
    assert button.isVisibleTo(people.detail)
    assert button.text() == "Fetch photo from 127.0.0.1…"
    assert local_server.url("photo.png") in button.toolTip()
    window.go_to(EVENTS)
    window.go_to(PEOPLE)
    qtbot.wait(50)
    assert local_server.requests == []


def test_cancel_fetches_nothing(
    qtbot: QtBot,
    window: MainWindow,
    contact: int,
    sqlite_services: Services,
    local_server: LocalServer,  # noqa: F811
) -> None:
    local_server.routes["/photo.png"] = Reply(body=PNG, content_type="image/png")
    driver = click_fetch(qtbot, window, contact, "Cancel")
    [(title, text, plain)] = driver.seen
    assert title == "Fetch photo" and plain
    assert local_server.url("photo.png") in text and "127.0.0.1" in text
    qtbot.wait(50)
    assert local_server.requests == []
    assert sqlite_services.photos.photo(contact) is None


def test_agreeing_fetches_and_saves_the_photo(
    qtbot: QtBot,
    window: MainWindow,
    contact: int,
    sqlite_services: Services,
    local_server: LocalServer,  # noqa: F811
) -> None:
    local_server.routes["/photo.png"] = Reply(body=PNG, content_type="image/png")
    click_fetch(qtbot, window, contact, "Fetch photo")
    qtbot.waitUntil(lambda: sqlite_services.photos.photo(contact) is not None)
    assert local_server.requests == ["/photo.png"]
    assert sqlite_services.photos.photo(contact) == (PNG, "image/png")
    detail = window.view(PEOPLE).detail
    qtbot.waitUntil(lambda: not detail.photo_button.isVisibleTo(detail))
    assert window.statusBar().currentMessage() == "Saved the photo from 127.0.0.1."
    # And the pane shows it.
    assert detail.photo_label.isVisibleTo(detail)
    assert not detail.photo_label.pixmap().isNull()


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (Reply(404, b"gone", "text/plain"), "127.0.0.1 has no picture at that address"),
        (Reply(body=PNG + b"\0" * (11 << 20), content_type="image/png"), "more than the 10 MB"),
        (Reply(body=b"<b>hello</b>", content_type="text/html"), "is not a JPEG, PNG, GIF"),
    ],
    ids=["404", "too big", "not a picture"],
)
def test_a_failed_fetch_is_explained_and_saves_nothing(
    qtbot: QtBot,
    window: MainWindow,
    contact: int,
    sqlite_services: Services,
    local_server: LocalServer,  # noqa: F811
    reply: Reply,
    says: str,
) -> None:
    local_server.routes["/photo.png"] = reply
    driver = click_fetch(qtbot, window, contact, "Fetch photo", "OK")
    (_question, (title, text, plain)) = driver.seen
    assert title == "Could not fetch the photo" and plain
    assert says in text
    assert local_server.requests == ["/photo.png"]
    assert sqlite_services.photos.photo(contact) is None
    detail = window.view(PEOPLE).detail
    assert detail.photo_button.isVisibleTo(detail)  # the user may try again


def test_a_badge_logo_given_as_a_web_address_is_not_fetched(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    local_server: LocalServer,  # noqa: F811
) -> None:
    local_server.routes["/logo.png"] = Reply(body=PNG, content_type="image/png")
    settings = BadgeSettings(settings_at(tmp_path))
    group = LogoGroup(settings, 1)
    qtbot.addWidget(group)
    assert not group.set_logo_path(local_server.url("logo.png"))
    assert group.image() is None
    assert local_server.requests == []

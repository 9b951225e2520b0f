"""With a tray: the icon shows how many follow-ups are due, its menu leads to them, and the
notification of one falling due opens it when clicked. The offscreen platform has no tray, so
the window is told there is one (a real QSystemTrayIcon exists without a tray to show it in)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, tzinfo

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from netdesk.services.followups import Bucket
from netdesk.services.service_set import Services
from netdesk.ui.main_window import FOLLOWUPS, TODAY, MainWindow
from netdesk.ui.reminders.count_icon import BADGE
from tests.ui.reminders.conftest import SUNDAY_MIDNIGHT, Queue, at, fire

Opener = Callable[..., MainWindow]


def tray_of(window: MainWindow) -> QSystemTrayIcon:
    icon = window.reminders.icon
    assert isinstance(icon, QSystemTrayIcon)
    return icon


def badge_pixels(icon: QSystemTrayIcon, size: int = 64) -> int:
    """How many pixels of the lower right quarter are the badge's red."""
    image = icon.icon().pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    red = 0
    for x in range(size // 2, image.width()):
        for y in range(size // 2, image.height()):
            colour = QColor(image.pixel(x, y))
            red += abs(colour.red() - BADGE.red()) + abs(colour.green() - BADGE.green()) < 30
    return red


def selected_ids(window: MainWindow) -> list[int]:
    return sorted(r.id for r in window.view(FOLLOWUPS).selected_rows())


def test_the_icon_carries_the_number_due_and_says_it(
    qtbot: QtBot, queue: Queue, open_window: Opener, sqlite_services: Services
) -> None:
    window = open_window(tray=True)
    assert window.reminders.banner is None
    icon = tray_of(window)
    assert icon.isVisible()
    assert icon.toolTip() == "netdesk: 1 follow-up due"
    one = icon.icon().pixmap(64, 64).toImage()
    assert badge_pixels(icon) > 200
    at(SUNDAY_MIDNIGHT + timedelta(seconds=1))
    fire(window)
    assert icon.toolTip() == "netdesk: 3 follow-ups due"
    assert icon.icon().pixmap(64, 64).toImage() != one  # a 3 where the 1 was
    for followup_id in (queue.overdue, queue.ana, queue.ben):
        sqlite_services.followups.set_done(followup_id)
    qtbot.waitUntil(lambda: icon.toolTip() == "netdesk: No follow-ups due")
    assert badge_pixels(icon) == 0
    assert not window.reminders.act_due.isEnabled()


def test_the_menu_shows_the_window_and_the_follow_ups_due(
    qtbot: QtBot, queue: Queue, open_window: Opener
) -> None:
    window = open_window(tray=True)
    menu = tray_of(window).contextMenu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["&Show netdesk", "&Follow-ups due…", "", "&Quit"]
    window.go_to(TODAY)
    window.hide()
    show, due = menu.actions()[:2]
    show.trigger()
    assert window.isVisible()
    due.trigger()
    assert window.current_key() == FOLLOWUPS
    assert selected_ids(window) == [queue.overdue]
    # A click on the icon itself brings the hidden window back too.
    window.hide()
    tray_of(window).activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert window.isVisible()


def test_clicking_the_notification_opens_the_follow_up(
    qtbot: QtBot, queue: Queue, open_window: Opener, sqlite_services: Services
) -> None:
    window = open_window(tray=True)
    window.hide()  # in the tray
    at(SUNDAY_MIDNIGHT + timedelta(seconds=1))
    fire(window)
    assert window.reminders.notified == [queue.ana, queue.ben]
    # The user had folded the Today group away; the click still shows what fell due.
    view = window.view(FOLLOWUPS)
    view.reload()
    view.tree.collapse(view.model.group_index(Bucket.TODAY))
    assert not view.tree.isExpanded(view.model.group_index(Bucket.TODAY))
    tray_of(window).messageClicked.emit()
    assert window.isVisible()
    assert window.current_key() == FOLLOWUPS
    assert selected_ids(window) == sorted([queue.ana, queue.ben])
    today_group = view.model.group_index(Bucket.TODAY)
    assert view.tree.isExpanded(today_group)
    # Dealt with in the meantime: the one done is shown done, the deleted one is gone.
    sqlite_services.followups.set_done(queue.ana)
    sqlite_services.followups.delete(queue.ben)
    window.go_to(TODAY)
    tray_of(window).messageClicked.emit()
    assert selected_ids(window) == [queue.ana]
    assert view.model.bucket_of(view.tree.currentIndex().parent()) is Bucket.DONE
    sqlite_services.followups.delete(queue.ana)
    window.go_to(TODAY)
    tray_of(window).messageClicked.emit()
    assert selected_ids(window) == []
    assert window.statusBar().currentMessage() == "Those follow-ups were deleted."


def test_a_notification_names_the_follow_up(
    qtbot: QtBot, queue: Queue, open_window: Opener, sqlite_services: Services
) -> None:
    from netdesk.ui.reminders.texts import notification

    sqlite_services.followups.delete(queue.ben)
    rows = sqlite_services.reminders.newly_due(
        SUNDAY_MIDNIGHT - timedelta(seconds=1), SUNDAY_MIDNIGHT, window_zone()
    )
    assert notification(rows) == ("Follow-up due", "Ana Lima — send the slides (PyCon DE)")
    many = rows * 5
    title, text = notification(many)
    assert title == "5 follow-ups due"
    assert text.splitlines()[-1] == "and 2 more"


def window_zone() -> tzinfo:
    from netdesk.services.reminders import local_zone

    return local_zone()

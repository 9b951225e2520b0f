"""The screenshots of following through beyond email: the review of the people met at an event
that Today suggests, a follow-up falling due (the banner, and the tray where there is one), and
goals with their events' aims. Used by screenshots.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from screenshot_scenes import settle, side_by_side

from netdesk.services.service_set import Services
from netdesk.ui.main_window import MainWindow


def event_review(app: QApplication, window: MainWindow, services: Services, out: Path) -> None:
    """The review that Today's suggestion after an event opens, at its second person (the
    first one given a follow-up in 2 days); today.png shows the suggestion."""
    from netdesk.ui.main_window import TODAY

    today = window.go_to(TODAY)
    settle(app)
    banner = today.review_banner
    assert banner.isVisible(), "the demo has no event that ended lately"
    dialog = window.review.open_dialog(banner.lines[0][0].event_id)
    assert dialog is not None
    dialog.follow_up()
    settle(app)
    dialog.grab().save(str(out / "event-review.png"))
    dialog.back()  # the demo data as it was
    dialog.reject()
    settle(app)


def reminders(
    app: QApplication, window: MainWindow, services: Services, work: Path, out: Path
) -> None:
    """Follow-ups falling due: the banner of a desktop without a tray, and where there is one,
    its icon with the count, its menu and the Settings menu's Keep running."""
    from PySide6.QtCore import QPoint, QSettings

    from netdesk import clock
    from netdesk.ui.main_window import TODAY
    from netdesk.ui.widgets.menus import top_menu

    window.go_to(TODAY)
    report = services.reminders.due_report(clock.today())
    fell_due = [*report.overdue, *report.due][:3]  # as if these had just fallen due
    banner = window.reminders.banner
    if banner is not None and fell_due:
        banner.announce(fell_due)
        settle(app)
        window.grab(QRect(0, 0, window.width(), 240)).save(str(out / "reminder-banner.png"))
        banner.dismiss()

    settings = QSettings(str(work / "tray.ini"), QSettings.Format.IniFormat)
    with_tray = MainWindow(services, settings, tray_available=True)
    with_tray.show()
    settle(app)
    icon = with_tray.reminders.icon
    assert icon is not None
    picture = side_by_side(icon.icon().pixmap(64, 64), icon.icon().pixmap(22, 22))
    for menu in (with_tray.reminders.menu, top_menu(with_tray, "Settings")):
        assert menu is not None
        menu.popup(QPoint(40, 40))
        settle(app)
        picture = side_by_side(picture, menu.grab())
        menu.hide()
    picture.save(str(out / "reminder-tray.png"))
    with_tray.close()


def goals_scenes(app: QApplication, window: MainWindow, services: Services, out: Path) -> None:
    """The Goals page on the demo's two goals, and an event page with its aims."""
    from netdesk.ui.shell import GOALS

    goals = window.go_to(GOALS)
    rows = services.goals.list()
    if rows:
        goals.select_goal(rows[-1].id)
    settle(app)
    window.grab().save(str(out / "goals.png"))
    people = [i for g in rows for i in services.goals.detail(g.id).links if i.kind == "contact"]
    if people and people[0].contact_id is not None:
        window.show_contact(people[0].contact_id)
        settle(app)
        window.grab().save(str(out / "person-goals.png"))
    aims = [a for g in rows for a in services.goals.detail(g.id).aims]
    if aims:
        window.show_event(max(aims, key=lambda a: a.reached).event_id)
        settle(app)
        window.grab().save(str(out / "event-aims.png"))

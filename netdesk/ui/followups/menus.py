"""The Follow-ups view's menus: the Snooze button's and the right-click menu on the selection.

The view passes in what each entry does, so that this module needs nothing of the view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from netdesk.services.records import FollowUpRow
from netdesk.ui.widgets.plain_text import button_text

SNOOZE_CHOICES = ((1, "1 day"), (3, "3 days"), (7, "1 week"))


def bind(fn: Callable[[int], object], value: int) -> Callable[[], object]:
    """A slot with its argument fixed (and none of the `checked` Qt would pass along)."""
    return lambda *_: fn(value)


def snooze_menu(
    parent: QWidget, snooze: Callable[[int], object]
) -> tuple[QMenu, dict[int, QAction]]:
    """The Snooze button's menu, with its action for each number of days."""
    menu = QMenu(parent)
    actions: dict[int, QAction] = {}
    for days, label in SNOOZE_CHOICES:
        action = menu.addAction(f"Snooze {label}")
        action.triggered.connect(bind(snooze, days))
        actions[days] = action
    return menu, actions


@dataclass(frozen=True)
class MenuActions:
    """What the right-click menu's entries do."""

    new_item: Callable[[], object]
    set_done: Callable[[bool], object]
    snooze: Callable[[int], object]
    edit: Callable[[], object]
    open_contact: Callable[[int], object]
    delete: Callable[[], object]
    link_goal: Callable[[int], object] | None = None
    write: Callable[[int], object] = lambda _followup_id: None


def context_menu(parent: QWidget, rows: list[FollowUpRow], do: MenuActions) -> QMenu:
    """The menu for the selected follow-ups (New follow-up… alone when none is selected)."""
    menu = QMenu(parent)
    if not rows:
        menu.addAction("New follow-up…", do.new_item)
        return menu
    open_rows = [r for r in rows if r.done_at is None]
    if open_rows:
        menu.addAction("Mark done", lambda: do.set_done(True))
        snooze = menu.addMenu("Snooze")
        for days, label in SNOOZE_CHOICES:
            snooze.addAction(label, bind(do.snooze, days))
    if len(open_rows) < len(rows):
        menu.addAction("Mark not done", lambda: do.set_done(False))
    menu.addSeparator()
    if len(rows) == 1:
        menu.addAction("Edit…", do.edit)
        followup_id = rows[0].id
        menu.addAction("Write email…", lambda: do.write(followup_id))
        contact_id = rows[0].contact_id
        menu.addAction(
            button_text(f"Open {rows[0].contact_name}"),
            lambda: do.open_contact(contact_id),
        )
        if do.link_goal is not None:
            link_goal, followup_id = do.link_goal, rows[0].id
            menu.addAction("Link to goal…", lambda: link_goal(followup_id))
    menu.addAction("Delete", do.delete)
    return menu

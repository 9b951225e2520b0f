"""Bringing the window forward at the follow-ups a reminder was about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from netdesk.ui.shell import FOLLOWUPS

if TYPE_CHECKING:
    from netdesk.ui.followups.view import FollowUpsView
    from netdesk.ui.shell import Shell


def bring_forward(shell: Shell) -> None:
    """The window on screen and in front, from the tray or from behind other windows."""
    window = shell.widget()
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def open_followups(shell: Shell, followup_ids: Sequence[int]) -> FollowUpsView | None:
    """The Follow-ups page with these follow-ups selected (their groups opened); says so in the
    status bar when none of them is there any more. None before a database is open."""
    if getattr(shell, "services", None) is None or shell.damaged:
        return None
    bring_forward(shell)
    view: FollowUpsView = shell.go_to(FOLLOWUPS)
    view.reload()  # the reminder may be newer than the page (the day turned)
    found = [i for i in map(view.model.index_of, followup_ids) if i.isValid()]
    for index in found:
        view.tree.expand(index.parent())
    view.select_ids(list(followup_ids))
    if followup_ids and not found:
        shell.say(
            "That follow-up was deleted."
            if len(followup_ids) == 1
            else "Those follow-ups were deleted.",
            6000,
        )
    return view

"""The words of the reminders: one follow-up in a line, a notification, the banner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from netdesk.dates import plural
from netdesk.text import followup_line, one_line

if TYPE_CHECKING:
    from netdesk.services.records import FollowUpRow

# Lines a notification lists before "and N more": desktops cut longer messages anyway.
MOST_LINES = 3


def count_text(count: int) -> str:
    """The tray's tooltip: "3 follow-ups due", "No follow-ups due"."""
    if count == 0:
        return "No follow-ups due"
    return f"{plural(count, 'follow-up')} due"


def notification(rows: Sequence[FollowUpRow]) -> tuple[str, str]:
    """Title and text of the message when `rows` fell due."""
    title = "Follow-up due" if len(rows) == 1 else f"{plural(len(rows), 'follow-up')} due"
    lines = [followup_line(r.contact_name, r.action, r.event_name) for r in rows[:MOST_LINES]]
    if len(rows) > MOST_LINES:
        lines.append(f"and {len(rows) - MOST_LINES:,} more")
    return title, "\n".join(lines)


def banner_text(rows: Sequence[FollowUpRow]) -> str:
    """ "Due now: Ana Lima — send the slides (and 1 more)."""
    text = f"Due now: {one_line(rows[0].contact_name)} — {one_line(rows[0].action)}"
    return text + (f" (and {len(rows) - 1:,} more)." if len(rows) > 1 else ".")

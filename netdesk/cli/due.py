"""`netdesk due [--days N]`: the follow-ups overdue and due, for a shell login or a cron job.

Sections "Overdue", "Today" and "Next N days" (only those with something in them), one line a
follow-up: "Mon 7 Dec  Ana Lima — send the slides (PyCon DE)". "nothing due" when there is
nothing; exit 0 either way (a login script must not see a failure), 2 for usage.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netdesk.services.records import FollowUpRow
    from netdesk.store import Database

# Ten years ahead is every follow-up anyone plans; more would only overflow the date.
MOST_DAYS = 3660


def days_ahead(text: str) -> int:
    """A whole number of days from 0, as argparse `type=`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= MOST_DAYS:
        raise argparse.ArgumentTypeError(f"must be from 0 to {MOST_DAYS}")
    return value


def add_commands(commands: Any) -> None:
    due = commands.add_parser(
        "due",
        help="list the follow-ups overdue and due today (and in the next N days)",
        description="List the open follow-ups that are overdue or due today, and with --days "
        "those due in the next N days, one a line: due date, person, what to do, event. "
        'Prints "nothing due" when there are none.',
    )
    due.add_argument(
        "--days",
        type=days_ahead,
        default=0,
        metavar="N",
        help="also list those due in the next N days (default 0: only overdue and today)",
    )
    due.set_defaults(run=run_due)


def run_due(db: Database, args: argparse.Namespace) -> int:
    from netdesk import clock
    from netdesk.services.reminders import ReminderService

    today = clock.today()
    report = ReminderService(db).due_report(today, args.days)
    if report.is_empty():
        print("nothing due")
        return 0
    upcoming = [r for r in report.due if r.due_date != today]
    sections = [
        ("Overdue", report.overdue),
        ("Today", [r for r in report.due if r.due_date == today]),
        (next_days_title(args.days), upcoming),
    ]
    width = max(len(day_text(r.due_date, today)) for r in (*report.overdue, *report.due))
    first = True
    for title, rows in sections:
        if not rows:
            continue
        if not first:
            print()
        first = False
        print(title)
        for row in rows:
            print(line(row, today, width))
    return 0


def next_days_title(days: int) -> str:
    return "Tomorrow" if days == 1 else f"Next {days} days"


def day_text(day: date | None, today: date) -> str:
    """ "Mon 7 Dec", with the year when it is not this year's."""
    from netdesk.dates import DAYS, short_date

    return "" if day is None else f"{DAYS[day.weekday()]} {short_date(day, today)}"


def line(row: FollowUpRow, today: date, width: int) -> str:
    from netdesk.cli.search_output import one_line

    text = f"{one_line(row.contact_name)} — {one_line(row.action)}"
    if row.event_name.strip():
        text += f" ({one_line(row.event_name)})"
    return f"{day_text(row.due_date, today).ljust(width)}  {text}"

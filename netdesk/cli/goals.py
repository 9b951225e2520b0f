"""`netdesk goals`: the open goals with their progress and next step; `netdesk goals add TEXT
[--by DATE] [--tag T]...` and `netdesk goals done ID`.

Exit 0 done (also when there are no goals: "no open goals"), 1 when it could not be done, 2 for
usage (a goal that is not there, an empty text).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from netdesk.cli.args import day, positive

if TYPE_CHECKING:
    from netdesk.services.goal_progress import GoalRow
    from netdesk.store import Database


def add_commands(commands: Any) -> None:
    goals = commands.add_parser(
        "goals",
        help="list the open goals with their progress and next step; add one, mark one done",
        description="Without a subcommand: the open goals, each with its target date, "
        "progress and next step.",
    )
    goals.add_argument("--all", action="store_true", help="include the goals already done")
    goals.add_argument("--json", action="store_true", help="print a JSON list of objects")
    sub = goals.add_subparsers(dest="goals_command", metavar="[add | done]")
    add = sub.add_parser("add", help="add a goal")
    add.add_argument("text", metavar="TEXT", help='what you aim for: "a mentor in design"')
    add.add_argument("--by", type=day, metavar="DATE", help="target date, YYYY-MM-DD")
    add.add_argument(
        "--tag", action="append", default=[], metavar="T", help="a tag (repeat for more)"
    )
    done = sub.add_parser("done", help="mark a goal done")
    done.add_argument("id", type=positive, metavar="ID", help="the goal's number (netdesk goals)")
    goals.set_defaults(run=run_goals)


def run_goals(db: Database, args: argparse.Namespace) -> int:
    from netdesk.services.errors import NotFoundError, ValidationError
    from netdesk.services.goals import GoalService

    goals = GoalService(db)
    if args.goals_command == "add":
        try:
            goal_id = goals.create(args.text, args.by, args.tag)
        except ValidationError as exc:
            print(f"netdesk goals add: {'; '.join(exc.errors.values())}", file=sys.stderr)
            return 2
        print(f"Added goal {goal_id}: {_clean(goals.get(goal_id).text)}")
        return 0
    if args.goals_command == "done":
        try:
            goals.set_done(args.id, True)
        except NotFoundError:
            print(f"netdesk goals done: there is no goal {args.id}", file=sys.stderr)
            return 2
        print(f"Done: {_clean(goals.get(args.id).text)}")
        return 0
    rows = goals.list(include_done=args.all)
    if args.json:
        import json

        print(json.dumps([_as_json(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no goals" if args.all else "no open goals")
        return 0
    for row in rows:
        _print_row(row)
    return 0


def _clean(text: str) -> str:
    from netdesk.cli.search_output import one_line

    return one_line(text)


def _print_row(row: GoalRow) -> None:
    head = f"{row.id}. {_clean(row.text)}"
    if row.target_date is not None:
        head += f" (by {row.target_date.isoformat()})"
    if row.tags:
        head += " [" + ", ".join(_clean(t) for t in row.tags) + "]"
    if row.done_at is not None:
        head += " - done"
    print(head)
    fraction = row.progress.fraction
    percent = f"{round(fraction * 100)}% · " if fraction is not None else ""
    print(f"   {percent}{row.progress.text}")
    if row.next_step:
        print(f"   Next: {_clean(row.next_step)}")


def _as_json(row: GoalRow) -> dict[str, object]:
    p = row.progress
    return {
        "id": row.id,
        "text": row.text,
        "target_date": row.target_date.isoformat() if row.target_date else None,
        "tags": list(row.tags),
        "done": row.done_at is not None,
        "progress": p.fraction,
        "aims_reached": p.aims_reached,
        "aims": p.aims_total,
        "people": p.people,
        "events": p.events,
        "notes": p.notes,
        "followups_done": p.followups_done,
        "followups": p.followups_total,
        "days_left": p.days_left,
        "next_step": row.next_step,
    }

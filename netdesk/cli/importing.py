"""`netdesk import`: people from vCard and CSV files, events from iCalendar files.

One transaction per file, a summary line per file on stdout, every problem on stderr as
`FILE:LINE: reason` (`FILE:LINE: warning: reason` for what went in but should be checked); exit
1 when anything was left out or a file could not be read (warnings alone exit 0), 130 when
interrupted (the interrupted file leaves nothing behind).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from netdesk.cli.args import checked_columns
from netdesk.cli.exchange_args import INTERRUPTED

if TYPE_CHECKING:
    from netdesk.services.import_plan import ImportReport
    from netdesk.services.service_set import Services

_NO_IDENTITY = (
    "no column holds a name or an email address; say which one does with "
    '--map "HEADER=FIELD" (--columns shows what each column is taken for)'
)


def run_import(services: Services, args: argparse.Namespace) -> int:
    try:
        args.map = [checked_columns(args.map)]
    except ValueError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 2
    if args.columns:
        return _show_columns(services, args)
    if (refused := event_refusal(services, args)) is not None:
        print(f"netdesk: {refused}", file=sys.stderr)
        return 2
    with services.db.one_backup():
        return _import_files(services, args)


def _stdin() -> BinaryIO | None:
    """Standard input's bytes, or None when netdesk was started with it closed (`<&-`)."""
    return None if sys.stdin is None else sys.stdin.buffer


def _columns_of(args: argparse.Namespace) -> list[tuple[str, str]]:
    return [pair for pairs in args.map for pair in pairs]


def _show_columns(services: Services, args: argparse.Namespace) -> int:
    """`import --columns`: one line per column, "header -> field" or "(not imported)"."""
    from netdesk.formats.csv.columns import meaning_for
    from netdesk.formats.csv.layouts import LAYOUT_LABELS
    from netdesk.formats.csv.mapping import CONTACT_FIELDS
    from netdesk.formats.csv.plan import column_name
    from netdesk.services.importing import STDIN_NAME, ImportFileError, UnknownColumnError

    status = 0
    for path in args.files:
        data = None
        if str(path) == "-":
            path = Path(STDIN_NAME)
            try:
                data = services.imports.read_stream(_stdin())
            except ImportFileError as exc:
                print(f"{exc}", file=sys.stderr)
                status = max(status, 1)
                continue
        kind = services.imports.kind_of(path, data)
        if kind != "csv" and (kind is not None or data is not None or path.is_file()):
            print(
                f"{path}: not a CSV file; --columns shows the columns of CSV files", file=sys.stderr
            )
            status = max(status, 1)
            continue
        try:
            table, plan = services.imports.column_plan(path, _columns_of(args), data)
        except UnknownColumnError as exc:
            print(f"netdesk: {exc}", file=sys.stderr)
            status = 2
            continue
        except ImportFileError as exc:
            print(f"{exc}", file=sys.stderr)
            status = max(status, 1)
            continue
        if len(args.files) > 1:
            layout = LAYOUT_LABELS.get(table.layout or "", "no known layout")
            print(f"{path} ({layout}):")
        for index, header in enumerate(table.headers):
            shown = plan.shown.get(index)
            if shown in CONTACT_FIELDS:
                meaning = meaning_for(header, shown)
                detail = meaning.kind or meaning.label  # "phone (work)", "note (Anniversary)"
                shown = f"{shown} ({detail})" if detail else shown
            print(f"{column_name(table.headers, index)} -> {shown or '(not imported)'}")
        if plan.convert is None:
            print(f"{path}: {_NO_IDENTITY}", file=sys.stderr)
            status = max(status, 1)
    return status


def _import_files(services: Services, args: argparse.Namespace) -> int:
    from netdesk.services.import_plan import OnDuplicate
    from netdesk.services.importing import (
        STDIN_NAME,
        ImportFileError,
        NeedsMapping,
        UnknownColumnError,
    )

    usage_error = False
    on_duplicate = OnDuplicate(args.on_duplicate)
    event_id: int | None = None
    event_resolved = args.event is None
    failed = False
    for path in args.files:
        stdin = str(path) == "-"
        if stdin:
            path = Path(STDIN_NAME)
        shown = str(path)
        progress = _TerminalProgress(shown)
        try:
            # Read once, bounded: a FIFO or standard input cannot be read a second time.
            data = services.imports.read_stream(_stdin()) if stdin else services.imports.read(path)
            if not event_resolved and services.imports.kind_of(path, data) is not None:
                # Resolved only once a file looks importable, so that a typo in every file
                # name does not leave an empty event behind.
                event_id = _event_for(services, args.event, args.dry_run, shown)
                event_resolved = True
            report = services.imports.import_file(
                path,
                on_duplicate=on_duplicate,
                event_id=event_id,
                dry_run=args.dry_run,
                progress=progress,
                data=data,
                columns=_columns_of(args),
            )
            del data
        except KeyboardInterrupt:
            progress.end()
            print(f"interrupted: nothing from {shown} was imported", file=sys.stderr)
            return INTERRUPTED
        except NeedsMapping:
            progress.end()
            print(f"{shown}: {_NO_IDENTITY}", file=sys.stderr)
            failed = True
            continue
        except UnknownColumnError as exc:
            progress.end()
            print(f"netdesk: {exc}", file=sys.stderr)
            usage_error = True
            continue
        except ImportFileError as exc:
            progress.end()
            print(f"{exc}", file=sys.stderr)
            failed = True
            continue
        progress.end()
        print(report.summary())
        _print_possible(shown, report)
        _print_problems(shown, report)
        failed = failed or bool(report.rejected) or report.cancelled
    return 2 if usage_error else 1 if failed else 0


def event_refusal(services: Services, args: argparse.Namespace) -> str | None:
    """Why the import must not start: `--event` names no event but is close to one or more
    (a typo would create a misspelt event), unless `--new-event` says it is new."""
    from netdesk.cli.names import close_event_names
    from netdesk.formats.control_text import clean_text
    from netdesk.services.close_names import did_you_mean

    if args.event is None:
        return "--new-event goes with --event NAME" if args.new_event else None
    if not clean_text(args.event).strip():
        return "--event needs an event's name (`netdesk events` lists them). Nothing was imported."
    if args.new_event or services.events.find_by_name(args.event) is not None:
        return None
    close = close_event_names(services, args.event)
    if not close:
        return None
    name = " ".join(args.event.split())
    return (
        f"no event named {name!r}. {did_you_mean(close)} Add --new-event to create {name!r}. "
        "Nothing was imported."
    )


def _event_for(services: Services, name: str, dry_run: bool, shown: str) -> int | None:
    event_id = services.events.find_by_name(name)
    if dry_run:
        if event_id is None:
            print(f"The event {' '.join(name.split())!r} would be created.")
        return event_id
    if event_id is not None:
        return event_id
    # Said only when this run made it: another import may have made it since the look above.
    event_id, created = services.imports.event_for_import(name)
    if created:
        print(f"{shown}: created event {services.events.get(event_id).name!r}")
    return event_id


def _print_possible(shown: str, report: ImportReport) -> None:
    """Namesakes added as new people (not with --on-duplicate new, which adds everyone):
    perhaps some of them were the same person."""
    count = report.possible_added
    if not count or report.cancelled:
        return
    who = "1 person" if count == 1 else f"{count:,} people"
    verb = "would be added" if report.dry_run else "added"
    print(
        f"{shown}: {who} {verb} as new although their name matches someone (other emails, "
        "phones or UID, or a name that several people have): review them with "
        "`netdesk duplicates`, or import with --on-duplicate merge-likely to merge them"
    )


def _print_problems(shown: str, report: ImportReport) -> None:
    # Named by the path as typed, like a compiler message, so that editors can jump to it.
    for problem in report.problems:
        where = f"{shown}:{problem.line}" if problem.line else shown
        kind = "warning: " if problem.kept else ""  # as compilers mark theirs
        print(f"{where}: {kind}{problem.reason}", file=sys.stderr)


class _TerminalProgress:
    """A percentage on the terminal while a big file goes in; nothing when stderr is not one."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.drawn = False

    def __call__(self, done: int, total: int) -> bool:
        if sys.stderr.isatty():
            percent = f"{done * 100 // total}%" if total else f"{done:,}"
            print(f"\rImporting {self.shown}: {percent}", end="", file=sys.stderr, flush=True)
            self.drawn = True
        return True

    def end(self) -> None:
        if self.drawn:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
            self.drawn = False

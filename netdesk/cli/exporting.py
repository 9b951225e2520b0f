"""`netdesk export`: people to a vCard or CSV file, events and open follow-ups to an .ics file.

Writes a temporary file beside OUT and renames it only once everything is written and on disk,
so a failed or killed export leaves the previous file (output_files.py write_atomically, which
also refuses the open database: exit 2); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from netdesk.cli.exchange_args import INTERRUPTED

if TYPE_CHECKING:
    from netdesk.services.service_set import Services


def run_export(services: Services, args: argparse.Namespace) -> int:
    event_id: int | None = None
    if args.event is not None:
        event_id = services.events.find_by_name(args.event)
        if event_id is None:
            from netdesk.cli.names import USAGE, unknown_event

            print(f"netdesk: {unknown_event(services, args.event)}", file=sys.stderr)
            return USAGE
    version = args.vcard_version or "3.0"
    to_stdout = args.out == "-"

    def write(out: BinaryIO) -> str:
        if args.kind == "vcard":
            count = services.exports.vcard(out, event_id=event_id, version=version)
            return f"{_people(count)} (vCard {version})"
        if args.kind == "csv":
            # UTF-8 and the writer's own CRLF, whatever the console's encoding or the platform.
            text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
            try:
                return _people(services.exports.csv(text, event_id=event_id))
            finally:
                text.flush()
                text.detach()  # leaves `out` open for its owner to close
        events, todos = services.exports.ics(out, event_id=event_id)
        return f"{events} event{'s' * (events != 1)} and {todos} open follow-up{'s' * (todos != 1)}"

    from netdesk.output_files import OutputRefused
    from netdesk.services.exporting import file_error_text, write_atomically

    existed = not to_stdout and Path(args.out).is_file()
    try:
        what = _write_stdout(write) if to_stdout else write_atomically(Path(args.out), write)
    except OutputRefused as exc:  # the database itself: a mistake in the command (exit 2)
        print(f"netdesk: {exc}; nothing was written.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted" if to_stdout else "interrupted; nothing was written", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        raise  # the reader went away (`| head`): main ends the run quietly
    except OSError as exc:
        kept = f"; the {args.out} already there was left as it was" if existed else ""
        print(f"netdesk: cannot write {args.out}: {file_error_text(exc)}{kept}", file=sys.stderr)
        return 1
    print(
        f"Wrote {what} to {'standard output' if to_stdout else args.out}",
        file=sys.stderr if to_stdout or _is_stdout(args.out) else sys.stdout,
    )
    return 0


def _is_stdout(out: str) -> bool:
    """Whether OUT is where standard output goes (/dev/stdout): the line saying what was
    written must not land in the middle of the file."""
    try:
        written, stdout = os.stat(out), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # AttributeError: no stdout at all
        return False
    return (written.st_dev, written.st_ino) == (stdout.st_dev, stdout.st_ino)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"


def _write_stdout(write: Callable[[BinaryIO], str]) -> str:
    from netdesk.cli.pipes import WholeWrites
    from netdesk.output_files import refuse_database_stream

    if sys.stdout is None:  # started with standard output closed (`>&-`)
        raise OSError(errno.EBADF, "standard output is closed")
    # `netdesk export vcard - >> netdesk.sqlite` would append to the database.
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (captured by a test or a host program)
        fd = -1
    if fd >= 0:
        refuse_database_stream(fd, "standard output")
    sys.stdout.flush()
    out = sys.stdout.buffer
    if isinstance(out, io.RawIOBase):  # unbuffered (PYTHONUNBUFFERED, python -u): see WholeWrites
        out = cast(BinaryIO, WholeWrites(out.fileno()))
    what = write(out)
    out.flush()
    return what

"""`netdesk draft (--contact EMAIL_OR_UID | --followup ID) [--template KEY] [--event NAME]
OUT.eml` writes an email draft from a template (`-` for standard output), which mail programs
open as a new email to send; `netdesk draft --list-templates` lists the templates.

Exit 0 written, 1 failed (in words), 2 usage: an unknown template (the keys are listed), contact,
follow-up or event, or OUT being the open database. Nothing is logged as sent: that is the
window's "Sent?" question.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from netdesk.cli.args import positive

if TYPE_CHECKING:
    from netdesk.services.mail import Draft
    from netdesk.services.service_set import Services
    from netdesk.store import Database

USAGE = 2
INTRODUCTION_REFUSED = (
    "the introduction template is one email to two people: use People > Introduce… in the "
    "window. Nothing was written."
)


def add_commands(commands: Any) -> None:
    draft = commands.add_parser(
        "draft",
        help="write an email draft (.eml) from a template, to a person or for a follow-up",
        description="Write an email draft from a template: an .eml file that mail programs open "
        "as a new email to send. Logging it as sent is done in the window.",
    )
    who = draft.add_mutually_exclusive_group()
    who.add_argument("--contact", metavar="EMAIL_OR_UID", help="the person to write to")
    who.add_argument(
        "--followup", type=positive, metavar="ID", help="the follow-up the email is for"
    )
    who.add_argument(
        "--list-templates", action="store_true", help="list the templates and their keys"
    )
    draft.add_argument(
        "--template",
        metavar="KEY",
        help="which template (default: promised for a follow-up, nice-to-meet when there is an "
        "event, else reconnect)",
    )
    draft.add_argument("--event", metavar="NAME", help="the event the email is about")
    draft.add_argument("out", nargs="?", metavar="OUT.eml", help="the file to write; - for stdout")
    # main runs a command's own `run` (cli/main.py stays short), after opening the database.
    draft.set_defaults(run=run_draft, draft_parser=draft)


def usage_error(args: argparse.Namespace) -> str | None:
    """What is wrong with how `netdesk draft` was typed, or None."""
    if args.list_templates:
        given = (("--template", args.template), ("--event", args.event), ("OUT", args.out))
        extra = [name for name, value in given if value is not None]
        return f"--list-templates takes no {', '.join(extra)}" if extra else None
    if args.contact is None and args.followup is None:
        return "give --contact EMAIL_OR_UID or --followup ID (or --list-templates)"
    if not (args.out or "").strip():  # None, or "" from an empty shell variable
        return "give the file to write (OUT.eml, or - for standard output)"
    return None


def run_draft(db: Database, args: argparse.Namespace) -> int:
    from netdesk.services.service_set import Services

    if problem := usage_error(args):
        args.draft_parser.error(problem)  # exits with 2, the usage first

    services = Services(db)
    if args.list_templates:
        return _list(services)
    found = _resolve(services, args)
    if isinstance(found, int):
        return found
    contact_ids, event_id = found
    from netdesk.services.errors import NotFoundError, ValidationError

    try:
        drafts = services.drafts.compose(
            args.template, contact_ids, followup_id=args.followup, event_id=event_id
        )
    except NotFoundError as exc:
        print(f"netdesk: {exc} Nothing was written.", file=sys.stderr)
        return USAGE
    except ValidationError as exc:
        print(f"netdesk: {_sentences(exc.errors.values())} Nothing was written.", file=sys.stderr)
        return 1
    return _write(services, drafts[0], args.out)


def _list(services: Services) -> int:
    for template in services.templates.list():
        edited = " (edited)" if template.edited else ""
        print(f"{template.key}\t{template.name}{edited}")
    return 0


def _resolve(services: Services, args: argparse.Namespace) -> tuple[list[int], int | None] | int:
    """The people and the event named, or the exit status after saying what is not there."""
    from netdesk.cli.names import unknown_contact, unknown_event
    from netdesk.services.errors import NotFoundError, ValidationError

    if args.template is not None:
        try:
            key = services.templates.get(args.template).key
        except NotFoundError as exc:
            print(f"netdesk: {exc} Nothing was written.", file=sys.stderr)
            return USAGE
        if key == "introduction":  # one person's email would read "Introduction: and"
            print(f"netdesk: {INTRODUCTION_REFUSED}", file=sys.stderr)
            return USAGE
    event_id: int | None = None
    if args.event is not None:
        event_id = services.events.find_by_name(args.event)
        if event_id is None:
            print(f"netdesk: {unknown_event(services, args.event)}", file=sys.stderr)
            return USAGE
    if args.followup is not None:
        try:
            services.followups.get(args.followup)
        except NotFoundError:
            print(
                f"netdesk: no follow-up with the id {args.followup}. Nothing was written.",
                file=sys.stderr,
            )
            return USAGE
        return [], event_id
    try:
        return [services.cards.find_contact(args.contact)], event_id
    except NotFoundError:
        print(f"netdesk: {unknown_contact(services, args.contact)}", file=sys.stderr)
        return USAGE
    except ValidationError as exc:
        print(f"netdesk: {_sentences(exc.errors.values())} Nothing was written.", file=sys.stderr)
        return USAGE


def _write(services: Services, draft: Draft, out: str) -> int:
    from netdesk.cli.exporting import _is_stdout, _write_stdout
    from netdesk.output_files import OutputRefused, write_atomically
    from netdesk.services.exporting import file_error_text

    data = services.drafts.eml_bytes(draft)

    def write(stream: BinaryIO) -> str:
        stream.write(data)
        return "the draft"

    to_stdout = out == "-"
    try:
        if to_stdout:
            _write_stdout(write)
        else:
            write_atomically(Path(out), write)
    except OutputRefused as exc:
        print(f"netdesk: {exc}; nothing was written.", file=sys.stderr)
        return USAGE
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"netdesk: cannot write {out}: {file_error_text(exc)}", file=sys.stderr)
        return 1
    for name in draft.missing_email:
        print(f"netdesk: warning: {name} has no email address; fill in To.", file=sys.stderr)
    said = "standard output" if to_stdout else out
    who = ", ".join(name for name, _email in draft.to) or ", ".join(draft.missing_email)
    print(
        f"Wrote the draft to {who}, “{draft.subject}”, to {said}",
        file=sys.stderr if to_stdout or _is_stdout(out) else sys.stdout,
    )
    return 0


def _sentences(problems: Iterable[str]) -> str:
    """The service's problems as sentences (a template's problem names the placeholder and
    has no full stop of its own)."""
    said = (p.rstrip() for p in problems)
    return " ".join(p if p.endswith((".", "!", "?")) else f"{p}." for p in said)

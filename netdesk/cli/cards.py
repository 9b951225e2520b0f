"""`netdesk qr`, `netdesk badges` and `netdesk templates`: QR business cards and name badges
from the command line.

Kept light at import time (no Qt, no SQLAlchemy): the parser is built on every start, the
window's included. Exit codes as everywhere: 0 done, 1 failed with a message, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netdesk.cli.args import positive

if TYPE_CHECKING:
    from netdesk.cards.badge import Badge
    from netdesk.cards.templates import LabelTemplate
    from netdesk.services.service_set import Services

# netdesk.cards.share.SHARE_FIELDS, spelled out so that building the parser imports nothing.
FIELD_NAMES = ("name", "organization", "title", "email", "phone", "url", "address")
PAYLOAD_FORMATS = ("vcard", "mecard")
SELECTIONS = ("all", "not-printed", "checked-in")  # netdesk.services.cards.BadgeSelection
DEFAULT_TEMPLATE = "avery-5395"
IMAGE_SUFFIXES = (".png", ".svg")
# Kept alive for the rest of the run: Qt needs its application object while text is painted.
_gui_app: Any = None


def add_commands(commands: Any) -> None:
    """Register `qr`, `badges` and `templates` on the main parser's subcommands."""
    qr = commands.add_parser("qr", help="write a QR business card as a PNG or SVG picture")
    who = qr.add_mutually_exclusive_group(required=True)
    who.add_argument("--me", action="store_true", help="your own card (the contact marked Me)")
    who.add_argument("--contact", metavar="EMAIL_OR_UID", help="the card of this contact")
    qr.add_argument("out", metavar="OUT", type=Path, help="the picture to write: .png or .svg")
    qr.add_argument(
        "--format",
        choices=PAYLOAD_FORMATS,
        default="vcard",
        help="vcard (3.0, the default; what phone cameras save) or mecard (shorter)",
    )
    qr.add_argument(
        "--fields",
        type=_fields,
        default=None,
        metavar="LIST",
        help="comma-separated fields to share (default: name,organization,title,email,phone,"
        f"url); any of {','.join(FIELD_NAMES)}. The name always goes in.",
    )

    badges = commands.add_parser("badges", help="write an event's name badges to a PDF")
    badges.add_argument("--event", required=True, metavar="NAME", help="the event's name")
    badges.add_argument("out", metavar="OUT", type=Path, help="the PDF file to write")
    badges.add_argument(
        "--template",
        default=DEFAULT_TEMPLATE,
        metavar="ID",
        help=f"label template (default: {DEFAULT_TEMPLATE}; `netdesk templates` lists them)",
    )
    badges.add_argument(
        "--start-at",
        type=positive,
        default=1,
        metavar="N",
        help="the first free label on a partly used first sheet (default: 1)",
    )
    badges.add_argument(
        "--select",
        choices=SELECTIONS,
        default="all",
        help="whose badges: all registered (the default), not yet printed, or checked in; "
        "cancelled registrations are left out",
    )
    badges.add_argument(
        "--mark-printed", action="store_true", help="mark these badges printed once written"
    )

    commands.add_parser("templates", help="list the badge label templates: id, name, size")


def _fields(text: str) -> tuple[str, ...]:
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in wanted if name not in FIELD_NAMES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown field {unknown[0]!r}; choose from {', '.join(FIELD_NAMES)}"
        )
    return tuple(name for name in FIELD_NAMES if name in wanted)


def _fail(message: str) -> int:
    print(f"netdesk: {message}", file=sys.stderr)
    return 1


def _usage(command: str, message: str) -> int:
    """A mistake in how the command was typed: exit status 2, as argparse gives."""
    print(f"netdesk {command}: error: {message}", file=sys.stderr)
    return 2


def ensure_gui_application() -> None:
    """Painting text needs a QGuiApplication (for its fonts); on the command line there is no
    window, so one is made on the offscreen platform, whatever QT_QPA_PLATFORM says."""
    global _gui_app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _gui_app = QGuiApplication(["netdesk", "-platform", "offscreen"])


# ---- qr -------------------------------------------------------------------------------------


def run_qr(services: Services, args: argparse.Namespace) -> int:
    from netdesk.cards.payload import PayloadFormat
    from netdesk.cards.qr import PayloadTooLong
    from netdesk.cards.share import CARD_DEFAULT_FIELDS
    from netdesk.output_files import OutputRefused
    from netdesk.services.errors import NotFoundError, ValidationError

    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return _usage("qr", f"{out}: the file name must end in .png or .svg; nothing was written.")
    if args.me:
        contact_id = services.cards.me_id()
        if contact_id is None:
            return _fail(
                "you have no card of your own yet. Mark your own card as Me in the window, "
                "or use --contact."
            )
    else:
        try:
            contact_id = services.cards.find_contact(args.contact)
        except NotFoundError:
            from netdesk.cli.names import USAGE, unknown_contact

            print(f"netdesk: {unknown_contact(services, args.contact)}", file=sys.stderr)
            return USAGE
        except ValidationError as exc:
            return _fail(" ".join(exc.errors.values()))
    fields = CARD_DEFAULT_FIELDS if args.fields is None else args.fields
    fmt = PayloadFormat(args.format)
    try:
        card = services.cards.card(contact_id, fields, fmt)
    except PayloadTooLong as exc:
        return _fail(str(exc))
    try:
        _write_code(card.code, out)
    except OutputRefused as exc:
        return _usage("qr", f"{exc}; nothing was written.")
    except OSError as exc:
        return _fail(str(exc))
    if card.warning:
        print(f"netdesk: warning: {card.warning}", file=sys.stderr)
    kind = "vCard" if fmt == PayloadFormat.VCARD else "MECARD"
    size = card.code.size
    print(f"Wrote the card of {card.name} ({kind}, {size} x {size} modules) to {out}")
    return 0


def _write_code(code: Any, out: Path) -> None:
    from netdesk.cards.qr_image import save_png, save_svg

    if out.is_dir():
        raise IsADirectoryError(f"{out}: is a folder; give a file name.")
    if out.suffix.lower() == ".svg":
        save_svg(code, out)
    else:
        save_png(code, out)


# ---- badges ---------------------------------------------------------------------------------


def run_badges(services: Services, args: argparse.Namespace) -> int:
    from netdesk.cards.templates import TemplateNotFound, TemplateStore
    from netdesk.config import label_templates_path
    from netdesk.output_files import OutputRefused
    from netdesk.services.cards import BadgeSelection

    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        return _usage("badges", f"{out}: the file name must end in .pdf; nothing was written.")
    store = TemplateStore(label_templates_path())
    try:
        template = store.get(args.template)
    except TemplateNotFound as exc:
        return _fail(str(exc))
    if args.start_at > template.per_page:
        print(
            f"netdesk badges: error: --start-at {args.start_at} is beyond the last label: "
            f"{template.id} has {template.per_page} labels a sheet",
            file=sys.stderr,
        )
        return 2
    event_id = services.events.find_by_name(args.event)
    if event_id is None:
        from netdesk.cli.names import USAGE, unknown_event

        print(f"netdesk: {unknown_event(services, args.event)}", file=sys.stderr)
        return USAGE
    event_name = services.events.get(event_id).name
    badges = services.cards.badges(event_id, BadgeSelection(args.select))
    if not badges:
        why = {
            "all": f"nobody is registered for {event_name!r}",
            "not-printed": f"every badge for {event_name!r} is printed already",
            "checked-in": f"nobody has checked in at {event_name!r} yet",
        }
        return _fail(f"{why[args.select]}; nothing was written.")
    _warn_dense(badges, template)
    try:
        pages = _write_pdf(out, template, badges, event_name, args.start_at)
    except OutputRefused as exc:
        return _usage("badges", f"{exc}; nothing was written.")
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror}" if exc.strerror else str(exc))
    count = len(badges)
    print(f"Wrote {count} badge{'s' * (count != 1)} on {pages} page{'s' * (pages != 1)} to {out}")
    if args.mark_printed:
        services.cards.mark_printed(b.attendance_id for b in badges)
        print(f"Marked {count} badge{'s' * (count != 1)} printed.")
    return 0


def _warn_dense(badges: list[Badge], template: LabelTemplate) -> None:
    from netdesk.cards.badge_paint import qr_side_mm
    from netdesk.cards.qr import density_warning, qr_code

    side = qr_side_mm(template)
    advice = (
        "Share fewer fields for them (right-click them on the event page) "
        "or pick a template with bigger labels."
    )
    dense = [(b, w) for b in badges if (w := density_warning(qr_code(b.payload), side, advice))]
    if not dense:
        return
    first, warning = dense[0]
    others = f" and {len(dense) - 1} other badge{'s' * (len(dense) > 2)}" if len(dense) > 1 else ""
    print(
        f"netdesk: warning: the QR code of {first.full_name}{others} may be hard to scan on "
        f"{template.id}. {warning}",
        file=sys.stderr,
    )


def _write_pdf(
    out: Path, template: LabelTemplate, badges: list[Badge], event_name: str, start_at: int
) -> int:
    from netdesk.cards.badge_sheet import SheetOptions, write_pdf

    if out.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(out))
    if not out.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(out.parent))
    ensure_gui_application()
    options = SheetOptions(start_at=start_at, event_name=event_name)
    progress = _progress if sys.stderr.isatty() else None
    try:
        return write_pdf(out, template, badges, options, progress=progress)
    finally:
        if progress is not None:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _progress(done: int, total: int) -> None:
    print(f"\rWriting badges: {done * 100 // max(total, 1)}%", end="", file=sys.stderr, flush=True)


# ---- templates ------------------------------------------------------------------------------


def run_templates() -> int:
    from netdesk.cards.templates import TemplateStore
    from netdesk.config import label_templates_path

    store = TemplateStore(label_templates_path())
    for template in store.all():
        kind = "built-in" if template.builtin else "custom"
        fields = (template.id, template.name, template.describe(), kind)
        # A tab or line break inside a custom name would break the one-line, tab-separated format.
        print("\t".join(" ".join(f.split()) for f in fields))
    if store.problem:
        print(f"netdesk: warning: {store.problem}", file=sys.stderr)
    return 0

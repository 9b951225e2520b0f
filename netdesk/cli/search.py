"""`netdesk search QUERY [--format lines|mutt|aerc|json]`: the quick way first (an SQLite file
read straight through sqlite3, see netdesk.store.quick_search), else through the services, which
work for every database and find the same people."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from netdesk.cli.args import row_limit
from netdesk.cli.search_output import FORMATS, FoundPerson, write
from netdesk.formats.phone_extension import with_extension
from netdesk.store import quick_search

if TYPE_CHECKING:
    from netdesk.store import Database

_CHUNK = 900  # under SQLite's default limit of bound parameters

# More words than any search needs; a query of a thousand or more is too deep for SQLite to
# plan, which said "the database could not be read".
MOST_SEARCH_WORDS = 200


def add_commands(commands: Any) -> None:
    search = commands.add_parser(
        "search",
        help="print matching people: name, organisation, email (--format for mail clients)",
    )
    search.add_argument(
        "query", help="words each person matches in any field: name, email, notes, tags..."
    )
    search.add_argument("--limit", type=row_limit, default=50, metavar="N", help="default 50")
    add_format_argument(search)
    search.set_defaults(run=run_search)


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="lines",
        help="lines: name, organisation, email (the default); mutt: for query_command; "
        "aerc: for address-book-cmd; json: everything about each person, for scripts",
    )


def quick(url: str, args: argparse.Namespace) -> int | None:
    """The search's exit status when the quick way could answer, else None (nothing printed)."""
    path = quick_search.sqlite_file(url)
    if path is None:
        return None
    people = quick_search.search(path, args.query, args.limit)
    if people is None:
        return None
    return _print(people, args.format)


def run_search(db: Database, args: argparse.Namespace) -> int:
    return _print(people_found(db, args.query, args.limit), args.format)


def _print(people: list[FoundPerson], fmt: str) -> int:
    # A reader that went away (`| head -1`) raises BrokenPipeError: main() ends quietly.
    status = write(people, fmt, sys.stdout, sys.stderr)
    sys.stdout.flush()
    return status


def people_found(db: Database, query: str, limit: int) -> list[FoundPerson]:
    """SearchService.page's people, with all their email addresses and phone numbers."""
    from netdesk.services.search import SearchService

    ids = [row.id for row in SearchService(db).page(query, limit=limit)]
    found: dict[int, FoundPerson] = {}
    for start in range(0, len(ids), _CHUNK):
        found.update(_people_of(db, ids[start : start + _CHUNK]))
    return [found[cid] for cid in ids if cid in found]


def _people_of(db: Database, ids: list[int]) -> dict[int, FoundPerson]:
    from sqlalchemy import select

    from netdesk.models import Contact, ContactEmail, ContactPhone

    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    with db.Session() as session:
        for cid, value in session.execute(
            select(ContactEmail.contact_id, ContactEmail.value)
            .where(ContactEmail.contact_id.in_(ids))
            .order_by(ContactEmail.contact_id, ContactEmail.position, ContactEmail.id)
        ):
            emails[cid].append(value)
        for cid, value, extension in session.execute(
            select(ContactPhone.contact_id, ContactPhone.value, ContactPhone.extension)
            .where(ContactPhone.contact_id.in_(ids))
            .order_by(ContactPhone.contact_id, ContactPhone.position, ContactPhone.id)
        ):
            phones[cid].append(with_extension(value, extension))
        rows = session.execute(
            select(
                Contact.id,
                Contact.uid,
                Contact.formatted_name,
                Contact.organization,
                Contact.department,
                Contact.title,
            ).where(Contact.id.in_(ids))
        )
        return {
            cid: FoundPerson(cid, uid, name, org, dept, title, emails[cid], phones[cid])
            for cid, uid, name, org, dept, title in rows
        }

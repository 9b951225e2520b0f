"""`netdesk accounts add | list | remove`: the CardDAV/CalDAV accounts `netdesk sync` syncs with.

The password is read from NETDESK_PASSWORD, else asked on the terminal; it goes to the system
keyring, never into the database. Nothing here imports SQLAlchemy or httpx at start-up:
`netdesk --help` stays quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.services.sync.accounts import AccountInfo
    from netdesk.store import Database

PASSWORD_ENV_VAR = "NETDESK_PASSWORD"


def add_commands(commands: Any) -> None:
    accounts = commands.add_parser(
        "accounts",
        help="the CardDAV/CalDAV accounts (Nextcloud, Fastmail, iCloud, Radicale...) that "
        "`netdesk sync` syncs contacts and follow-ups with",
    )
    actions = accounts.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add an account: find the server's address books, task lists and calendars and "
        f"choose which to sync (the password from ${PASSWORD_ENV_VAR}, else asked)",
    )
    add.add_argument("url", metavar="URL", help="the server's address, or just its domain")
    add.add_argument("--user", required=True, metavar="NAME", help="the user name to sign in")
    add.add_argument(
        "--addressbook",
        metavar="NAME",
        help="the address book to sync contacts with, by name or URL (default: the first)",
    )
    add.add_argument(
        "--tasks",
        metavar="NAME",
        help="a task list to sync follow-ups with as tasks (default: none)",
    )
    add.add_argument(
        "--calendar", metavar="NAME", help="a calendar to put events in (default: none)"
    )
    add.add_argument(
        "--name", metavar="ACCOUNT", help="what to call the account (default: the server's host)"
    )
    add.add_argument(
        "--trust",
        metavar="FINGERPRINT",
        default="",
        help="accept the server's certificate although it does not verify (self-signed), if "
        "its SHA-256 fingerprint is this one",
    )
    actions.add_parser("list", help="list the accounts, their collections and last syncs")
    remove = actions.add_parser(
        "remove",
        help="remove an account and its password; the people it brought stay in netdesk",
    )
    remove.add_argument("account", metavar="ACCOUNT")


def run_accounts(db: Database, args: argparse.Namespace) -> int:
    from netdesk.services.service_set import Services

    services = Services(db)
    if args.accounts_command == "add":
        return _add(services, args)
    if args.accounts_command == "list":
        return _list(services)
    return _remove(services, args)


def _add(services: Services, args: argparse.Namespace) -> int:
    from netdesk.dav.errors import CertificateNotTrusted
    from netdesk.services.sync.choosing import CollectionNotFound
    from netdesk.services.sync.server_address import check_address

    try:
        check_address(args.url)  # a Google or plain-http address is refused before asking
    except Exception as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 1
    password = os.environ.get(PASSWORD_ENV_VAR) or ask_password(args.user, args.url)
    if not password:
        print(no_password_message(f"the account at {args.url}"), file=sys.stderr)
        return 1
    try:
        account = services.accounts.add(
            args.url,
            args.user,
            password,
            name=args.name,
            addressbook=args.addressbook,
            tasks=args.tasks,
            calendar=args.calendar,
            trusted_fingerprint=args.trust.strip(),
        )
    except CertificateNotTrusted as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        print(trust_hint(exc.fingerprint), file=sys.stderr)
        return 1
    except CollectionNotFound as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 2
    print(f"Added the account {account.name} ({account.username} at {account.server_url}).")
    for line in collection_lines(account):
        print(f"  {line}")
    if account.password_note:
        print(
            f"netdesk: {account.password_note}. `netdesk sync` reads it from "
            f"${PASSWORD_ENV_VAR}, or asks for it.",
            file=sys.stderr,
        )
    return 0


def _list(services: Services) -> int:
    from netdesk.services.validation import typed_text

    accounts = services.accounts.list()
    if not accounts:
        print(
            "No accounts yet; add one with: netdesk accounts add URL --user NAME",
            file=sys.stderr,
        )
        return 0
    for account in accounts:
        when = (
            account.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if account.last_sync_at is not None
            else "never"
        )
        chosen = "; ".join(collection_lines(account)) or "no collections"
        fields = [account.name, f"{account.username} at {account.server_url}", chosen]
        fields.append(f"last sync: {when}")
        if account.last_error:
            fields.append(f"last error: {account.last_error}")
        # One line of plain text per account, whatever a server named its collections or
        # said in its last error.
        print("\t".join(" ".join(typed_text(field).split()) for field in fields))
    return 0


def _remove(services: Services, args: argparse.Namespace) -> int:
    from netdesk.services.errors import NotFoundError

    try:
        name = services.accounts.get(args.account).name
        services.accounts.remove(name)
    except NotFoundError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 2
    print(f"Removed the account {name}; the people, follow-ups and events it brought stay.")
    return 0


def collection_lines(account: AccountInfo) -> list[str]:
    """ "address book: Contacts (URL)" for each collection the account syncs."""
    from netdesk.services.sync.choosing import KIND_WORDS

    return [
        f"{KIND_WORDS[c.kind][0]}: {c.display_name or c.url}"
        + (f" ({c.url})" if c.display_name else "")
        for c in account.collections
    ]


def ask_password(user: str, where: str) -> str:
    """The password typed on the terminal; "" when standard input is not one (a script)."""
    import getpass

    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        return ""
    try:
        return getpass.getpass(f"Password (an app password) for {user} at {where}: ")
    except EOFError:
        return ""


def no_password_message(what: str) -> str:
    return (
        f"netdesk: no password for {what}: set {PASSWORD_ENV_VAR}, or run the command in a "
        "terminal to type it."
    )


def trust_hint(fingerprint: str) -> str:
    return (
        "netdesk: if this is your server's own certificate (compare the fingerprint with the "
        f"one the server shows), re-run with --trust {fingerprint}"
    )

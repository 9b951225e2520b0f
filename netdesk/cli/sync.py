"""`netdesk sync [--account ACCOUNT] [--allow-mass-delete]`: contacts (and the chosen task
lists and calendars) both ways with every account's server, or one account's.

Prints one line per account, "ACCOUNT: sent N, received M, deleted K, conflicts C". Exit 0 when
everything synced, 1 when some items failed, conflicts wait for the user or a server could not
be synced, 2 for usage (an account that is not there). The password comes from
NETDESK_PASSWORD, else the system keyring, else the terminal.
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


def add_commands(commands: Any) -> None:
    sync = commands.add_parser(
        "sync",
        help="sync contacts (and chosen task lists and calendars) both ways with the accounts' "
        "servers (see `netdesk accounts`)",
    )
    sync.add_argument("--account", metavar="ACCOUNT", help="sync only this account")
    sync.add_argument(
        "--allow-mass-delete",
        action="store_true",
        help="go ahead when a sync would delete more than 20 items, or half of one side",
    )


def run_sync(db: Database, args: argparse.Namespace) -> int:
    from netdesk.services.errors import NotFoundError
    from netdesk.services.service_set import Services

    services = Services(db)
    try:
        accounts = (
            [services.accounts.get(args.account)]
            if args.account is not None
            else services.accounts.list()
        )
    except NotFoundError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 2
    if not accounts:
        print(
            "netdesk: there are no accounts to sync with; add one with: "
            "netdesk accounts add URL --user NAME",
            file=sys.stderr,
        )
        return 2
    status = 0
    for account in accounts:
        status = max(status, _sync_one(services, account, args.allow_mass_delete))
    return status


def _sync_one(services: Services, account: AccountInfo, allow_mass_delete: bool) -> int:
    from netdesk.dav.errors import CertificateNotTrusted
    from netdesk.errors import ServiceError

    password, why = password_for(services, account)
    if not password:
        print(no_password(account, why), file=sys.stderr)
        return 1
    try:
        report = services.sync.sync(
            account.name,
            password,
            allow_mass_delete=allow_mass_delete,
            progress=_progress_printer(account.name),
        )
    except CertificateNotTrusted as exc:
        _end_progress()
        print(
            f"netdesk: {account.name}: {exc} To trust it, remove the account and add it again "
            f"with --trust {exc.fingerprint}",
            file=sys.stderr,
        )
        return 1
    except ServiceError as exc:
        # A server refused or is away, a mass deletion waits for --allow-mass-delete (the
        # message says so), a side read empty: words.
        _end_progress()
        print(f"netdesk: {account.name}: {exc}", file=sys.stderr)
        return 1
    _end_progress()
    print(f"{account.name}: {report.summary()}")
    status = 0
    for failure in report.failed:
        print(f"netdesk: {account.name}: {failure}", file=sys.stderr)
        status = 1
    waiting = len(services.sync.conflicts(account.name))
    if waiting:
        print(
            f"netdesk: {account.name}: {waiting} conflicting "
            f"{'change waits' if waiting == 1 else 'changes wait'} for a choice "
            "(Sync > Conflicts in the window); netdesk's values are kept meanwhile.",
            file=sys.stderr,
        )
        status = 1
    return status


def password_for(services: Services, account: AccountInfo) -> tuple[str, str]:
    """NETDESK_PASSWORD, else the keyring's, else typed on the terminal; with "" the reason
    there is none."""
    from netdesk.cli.accounts import PASSWORD_ENV_VAR, ask_password
    from netdesk.services.sync.passwords import KeyringUnavailable

    from_env = os.environ.get(PASSWORD_ENV_VAR)
    if from_env:
        return from_env, ""
    try:
        kept = services.accounts.password(account.name)
        why = f"the system keyring keeps none for {account.username}"
    except KeyringUnavailable:
        kept = None
        why = "there is no system keyring to keep it"
    if kept:
        return kept, ""
    typed = ask_password(account.username, account.server_url)
    return (typed, "") if typed else ("", why)


def no_password(account: AccountInfo, why: str) -> str:
    from netdesk.cli.accounts import PASSWORD_ENV_VAR

    return (
        f"netdesk: {account.name}: no password: {why}; set {PASSWORD_ENV_VAR}, or run the "
        "command in a terminal to type it."
    )


_shown = [False]


def _progress_printer(name: str) -> Any:
    if not sys.stderr.isatty():
        return None

    def show(progress: Any) -> None:
        counted = f" {progress.done}/{progress.total}" if progress.total else ""
        print(f"\r{name}: {progress.stage}{counted}\033[K", end="", file=sys.stderr, flush=True)
        _shown[0] = True

    return show


def _end_progress() -> None:
    if _shown[0]:
        print(file=sys.stderr)
        _shown[0] = False

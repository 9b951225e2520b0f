"""CardDAV/CalDAV accounts: adding one (discovery, then the collections to sync), listing,
changing the collections and removing one.

The password is kept by the system keyring (passwords.py), never in the database. Removing an
account forgets what netdesk knew of its server (collections, per-item state, conflicts,
history) and its password; the people, follow-ups and events that came from it stay.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urljoin

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netdesk.models.sync import SyncAccount, SyncCollection
from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.services.sync import passwords
from netdesk.services.sync.choosing import KIND_WORDS, choose
from netdesk.services.sync.server_address import check_address, host_of
from netdesk.services.validation import typed_text
from netdesk.store import Database

if TYPE_CHECKING:
    from netdesk.dav.discovery import CollectionInfo, Discovery

NAME_LENGTH = 120  # SyncAccount.name
DISPLAY_NAME_LENGTH = 255  # SyncCollection.display_name
KINDS = tuple(KIND_WORDS)  # "contacts", "tasks", "events": the order collections are listed in


class CollectionChoice(NamedTuple):
    kind: str  # "contacts", "tasks" or "events"
    display_name: str
    url: str


@dataclass(frozen=True)
class AccountInfo:
    name: str
    server_url: str
    username: str
    collections: list[CollectionChoice]
    last_sync_at: datetime | None
    last_error: str
    server_kind: str = "generic"
    trusted_fingerprint: str = ""
    # After add(): why the password was not kept in the system keyring, one sentence without
    # its full stop ("" when it was kept).
    password_note: str = ""
    failures: int = 0
    retry_at: datetime | None = None
    principal_url: str = ""

    def collection(self, kind: str) -> CollectionChoice | None:
        return next((c for c in self.collections if c.kind == kind), None)


class AccountService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- discovery -------------------------------------------------------------------------

    def discover(
        self, url: str, username: str, password: str, trusted_fingerprint: str = ""
    ) -> Discovery:
        """What the server at `url` offers this user (netdesk.dav.discovery.discover), after
        the checks that need no request: a Google address, plain http:// to another machine."""
        from netdesk.dav.discovery import discover

        check_address(url)
        return discover(url, username, password, trusted_fingerprint=trusted_fingerprint)

    # -- adding ----------------------------------------------------------------------------

    def add(
        self,
        url: str,
        username: str,
        password: str,
        *,
        name: str | None = None,
        addressbook: str | None = None,
        tasks: str | None = None,
        calendar: str | None = None,
        trusted_fingerprint: str = "",
    ) -> AccountInfo:
        """Finds the server's collections and keeps the account with the chosen ones: by
        default the first address book, no task list and no calendar (addressbook="": none).
        A collection is named by its display name or URL. The password goes to the system
        keyring; when there is none, the account is still added and `password_note` says why
        it was not kept."""
        username = typed_text(username).strip()
        if not username:
            raise ServiceError("A user name is needed to sign in to the server.")
        if not password:
            raise ServiceError("A password (an app password from the provider) is needed.")
        check_address(url)
        trusted_fingerprint = _fingerprint(trusted_fingerprint)
        wanted_name = _clean_name(name) if name is not None else _clean_name(host_of(url))
        self._check_free(wanted_name)
        found = self.discover(url, username, password, trusted_fingerprint)
        book: CollectionInfo | None = None
        if addressbook:
            book = choose(addressbook, found.addressbooks, "contacts", found.server_url)
        elif addressbook is None and found.addressbooks:
            book = found.addressbooks[0]
        todo = choose(tasks, found.task_lists, "tasks", found.server_url) if tasks else None
        cal = choose(calendar, found.calendars, "events", found.server_url) if calendar else None
        chosen = _chosen(found.server_url, book, todo, cal)
        if not chosen:
            raise ServiceError(
                f"{found.server_url} offers no address book to sync contacts with; choose a "
                "task list or calendar, or check the address."
            )
        with self.db.transaction() as session:
            _check_free_in(session, wanted_name)
            account = SyncAccount(
                name=wanted_name,
                server_url=found.server_url,
                principal_url=found.principal_url or "",
                username=username,
                server_kind=found.server_kind or "generic",
                trusted_fingerprint=trusted_fingerprint,
            )
            account.collections = [
                _collection_row(kind, info, found.server_url) for kind, info in chosen
            ]
            session.add(account)
        note = ""
        try:
            passwords.store(wanted_name, username, password)
        except passwords.KeyringUnavailable as exc:
            note = str(exc).rstrip(".")
        return replace(self.get(wanted_name), password_note=note)

    def _check_free(self, name: str) -> None:
        with self.db.Session() as session:
            _check_free_in(session, name)

    # -- reading ---------------------------------------------------------------------------

    def names(self) -> list[str]:
        """The accounts' names, in order (declared before list(), which hides the builtin)."""
        with self.db.Session() as session:
            found = session.scalars(select(SyncAccount.name)).all()
        return sorted(found, key=str.casefold)

    def list(self) -> list[AccountInfo]:
        """Every account, by name."""
        with self.db.Session() as session:
            accounts = session.scalars(
                select(SyncAccount).options(selectinload(SyncAccount.collections))
            ).all()
            return sorted((_info(a) for a in accounts), key=lambda a: a.name.casefold())

    def get(self, name: str) -> AccountInfo:
        """The account called `name` (exactly, else ignoring case); NotFoundError listing the
        accounts there are."""
        with self.db.Session() as session:
            return _info(_account(session, name))

    def password(self, name: str) -> str | None:
        """The password the system keyring keeps for the account; None when it keeps none.
        KeyringUnavailable when there is no keyring to ask."""
        account = self.get(name)
        return passwords.lookup(account.name, account.username)

    # -- changing --------------------------------------------------------------------------

    def set_collections(
        self,
        name: str,
        addressbook: str | CollectionInfo | None,
        tasks: str | CollectionInfo | None,
        calendar: str | CollectionInfo | None,
        *,
        password: str | None = None,
    ) -> AccountInfo:
        """Syncs the account with these collections from now on (None: none of that kind). A
        collection from discover() is taken as it is; a display name or URL is looked up on
        the server (with `password`, else the one the keyring keeps). A collection kept keeps
        its sync state; one dropped loses it, while its people, tasks and events stay here."""
        account = self.get(name)
        wanted = {
            kind: None if isinstance(choice, str) and not choice.strip() else choice
            for kind, choice in (("contacts", addressbook), ("tasks", tasks), ("events", calendar))
        }
        if any(isinstance(choice, str) for choice in wanted.values()):
            secret = password or passwords.lookup(account.name, account.username)
            if not secret:
                raise ServiceError(
                    f"The password of {account.name} is needed to read its server's "
                    "collections, and the system keyring keeps none."
                )
            found = self.discover(
                account.server_url, account.username, secret, account.trusted_fingerprint
            )
            offered = {
                "contacts": found.addressbooks,
                "tasks": found.task_lists,
                "events": found.calendars,
            }
            for kind, choice in wanted.items():
                if isinstance(choice, str):
                    wanted[kind] = choose(choice, offered[kind], kind, found.server_url)
        infos: dict[str, CollectionInfo | None] = {
            kind: choice if not isinstance(choice, str) else None for kind, choice in wanted.items()
        }
        chosen = _chosen(account.server_url, infos["contacts"], infos["tasks"], infos["events"])
        with self.db.transaction() as session:
            row = _account(session, account.name)
            kept = {(c.kind, c.url): c for c in row.collections}
            rows = []
            for kind, info in chosen:
                url = urljoin(account.server_url, info.url)
                old = kept.get((kind, url))
                if old is not None:
                    old.display_name = _shown(info.display_name)
                    rows.append(old)
                else:
                    rows.append(_collection_row(kind, info, account.server_url))
            row.collections = rows  # delete-orphan drops the others and, by cascade, their items
        return self.get(account.name)

    def remove(self, name: str) -> None:
        """Forgets the account: its collections, per-item state, conflicts, history and its
        password in the keyring. The people, follow-ups and events it brought stay."""
        with self.db.transaction() as session:
            account = _account(session, name)
            account_name, username = account.name, account.username
            session.delete(account)
        try:
            passwords.forget(account_name, username)
        except passwords.KeyringUnavailable as exc:
            raise passwords.KeyringUnavailable(
                f"The account {account_name} was removed, but its password is still in the "
                f"system keyring: {exc}"
            ) from exc


def _fingerprint(text: str) -> str:
    """A certificate fingerprint as typed ("ab cd ..", "ABCD..") as "AB:CD:..."; an error
    for anything but the 32 bytes of a SHA-256 one."""
    from netdesk.dav.tls import normalize_fingerprint

    if not text.strip():
        return ""
    pin = normalize_fingerprint(text)
    if len(pin.replace(":", "")) != 64 or len(text.strip()) > 4 * 64:
        raise ServiceError(
            f"{text.strip()[:120]!r} is not a SHA-256 certificate fingerprint (32 pairs of "
            "hex digits, AB:CD:...: the one netdesk showed when it refused the certificate)."
        )
    return pin


def _clean_name(name: str) -> str:
    cleaned = " ".join(typed_text(name).split())
    if not cleaned:
        raise ServiceError("An account needs a name (for example the server's host).")
    if len(cleaned) > NAME_LENGTH:
        raise ServiceError(f"An account name has at most {NAME_LENGTH} characters.")
    return cleaned


def _check_free_in(session: Session, name: str) -> None:
    taken = _by_name(session, name, exact=False)
    if taken is not None:
        raise ServiceError(
            f"There is already an account named {taken.name} ({taken.username} at "
            f"{taken.server_url}); give this one another name (--name)."
        )


def _by_name(session: Session, name: str, *, exact: bool) -> SyncAccount | None:
    stmt = select(SyncAccount).options(selectinload(SyncAccount.collections))
    found = session.scalars(stmt.where(SyncAccount.name == name)).first()
    if found is not None or exact:
        return found
    folded = name.casefold()
    return next(
        (a for a in session.scalars(stmt) if a.name.casefold() == folded),
        None,
    )


def _account(session: Session, name: str) -> SyncAccount:
    found = _by_name(session, " ".join(name.split()), exact=False)
    if found is None:
        names = sorted(session.scalars(select(SyncAccount.name)).all(), key=str.casefold)
        there = f"the accounts are: {', '.join(names)}" if names else "there are no accounts yet"
        raise NotFoundError(f"There is no account named {name!r}; {there}.")
    return found


def _chosen(
    server_url: str,
    book: CollectionInfo | None,
    todo: CollectionInfo | None,
    cal: CollectionInfo | None,
) -> list[tuple[str, CollectionInfo]]:
    if todo is not None and cal is not None and _same(server_url, todo.url, cal.url):
        # Each side would take the other's items for ones to delete or to import.
        raise ServiceError(
            f"The task list and the calendar are one collection ({todo.url}); choose "
            "another calendar for events, or no calendar."
        )
    pairs = (("contacts", book), ("tasks", todo), ("events", cal))
    return [(kind, info) for kind, info in pairs if info is not None]


def _shown(display_name: str) -> str:
    """A server's name for a collection as one line of plain text that fits its column: a
    server may send anything (tabs, new lines, terminal escapes)."""
    return " ".join(typed_text(display_name).split())[:DISPLAY_NAME_LENGTH]


def _same(server_url: str, one: str, other: str) -> bool:
    return urljoin(server_url, one).rstrip("/") == urljoin(server_url, other).rstrip("/")


def _collection_row(kind: str, info: CollectionInfo, server_url: str) -> SyncCollection:
    return SyncCollection(
        kind=kind,
        url=urljoin(server_url, info.url),
        display_name=_shown(info.display_name),
        vcard_version=info.vcard_version if kind == "contacts" else "3.0",
    )


def _info(account: SyncAccount) -> AccountInfo:
    order = {kind: n for n, kind in enumerate(KINDS)}
    collections = sorted(account.collections, key=lambda c: (order.get(c.kind, 9), c.id))
    return AccountInfo(
        name=account.name,
        server_url=account.server_url,
        username=account.username,
        collections=[CollectionChoice(c.kind, c.display_name, c.url) for c in collections],
        last_sync_at=account.last_sync_at,
        last_error=account.last_error,
        server_kind=account.server_kind,
        trusted_fingerprint=account.trusted_fingerprint,
        failures=account.failures,
        retry_at=account.retry_at,
        principal_url=account.principal_url,
    )

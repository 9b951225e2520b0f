"""Sync accounts against real servers (Radicale and Xandikos from tests/sync): discovery from
the server's address, the collections chosen by name or URL, the password in the keyring only,
and words for everything that cannot be done."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from netdesk.dav.errors import AuthFailed, CertificateNotTrusted, InsecureUrl, NeedsOAuth
from netdesk.models.sync import SyncAccount, SyncCollection, SyncConflict, SyncItem, SyncRun
from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.services.sync import passwords
from netdesk.services.sync.choosing import CollectionNotFound
from tests.network_guard import no_network
from tests.sync.servers import DavTestServer, RadicaleServer

pytestmark = pytest.mark.usefixtures("file_keyring")


def _kinds(services: Services, name: str) -> dict[str, tuple[str, str]]:
    return {c.kind: (c.display_name, c.url) for c in services.accounts.get(name).collections}


def test_adding_by_the_servers_address_finds_its_first_address_book(
    sqlite_services: Services, dav_server: DavTestServer
) -> None:
    account = sqlite_services.accounts.add(dav_server.url, dav_server.user, dav_server.password)

    assert account.name == "127.0.0.1"  # the server's host, when no name is given
    assert account.username == "ada"
    assert account.server_url.startswith(dav_server.url.rstrip("/"))
    assert _kinds(sqlite_services, "127.0.0.1") == {
        "contacts": ("Contacts", dav_server.addressbook_url)
    }
    assert account.password_note == ""
    assert passwords.lookup("127.0.0.1", "ada") == dav_server.password
    assert [a.name for a in sqlite_services.accounts.list()] == ["127.0.0.1"]


def test_adding_by_the_principals_full_url_finds_the_same(
    sqlite_services: Services, dav_server: DavTestServer
) -> None:
    sqlite_services.accounts.add(
        dav_server.principal_url, dav_server.user, dav_server.password, name="Full"
    )

    assert _kinds(sqlite_services, "Full") == {"contacts": ("Contacts", dav_server.addressbook_url)}


def test_a_task_list_and_a_calendar_are_chosen_by_name_or_url(
    sqlite_services: Services, dav_server: DavTestServer
) -> None:
    sqlite_services.accounts.add(
        dav_server.url,
        dav_server.user,
        dav_server.password,
        name="Home",
        addressbook="contacts",  # case does not matter
        tasks="Tasks",
        calendar=dav_server.calendar_url,
    )

    assert _kinds(sqlite_services, "Home") == {
        "contacts": ("Contacts", dav_server.addressbook_url),
        "tasks": ("Tasks", dav_server.tasks_url),
        "events": ("Calendar", dav_server.calendar_url),
    }


def test_a_collection_name_that_is_not_there_lists_the_ones_that_are(
    sqlite_services: Services, dav_server: DavTestServer
) -> None:
    with pytest.raises(CollectionNotFound) as caught:
        sqlite_services.accounts.add(
            dav_server.url, dav_server.user, dav_server.password, tasks="Errands"
        )

    assert str(caught.value).startswith("There is no task list named 'Errands' on http://")
    assert str(caught.value).endswith("; the task lists there: 'Tasks'.")
    assert sqlite_services.accounts.list() == []
    assert passwords.lookup("127.0.0.1", "ada") is None


def test_a_wrong_password_is_refused_in_words(
    sqlite_services: Services, radicale_server: RadicaleServer
) -> None:
    with pytest.raises(AuthFailed, match="refused the user name or password"):
        sqlite_services.accounts.add(radicale_server.url, "ada", "not-the-password")

    assert sqlite_services.accounts.list() == []


def test_a_google_address_gets_the_oauth_message_without_any_request(
    services: Services,
) -> None:
    for url in ("https://www.googleapis.com/carddav/v1/principals/ada@gmail.com/", "gmail.com"):
        with no_network() as tried, pytest.raises(NeedsOAuth, match="File > Import"):
            services.accounts.add(url, "ada@gmail.com", "app-pw")
        assert tried == []
    assert services.accounts.list() == []


def test_plain_http_to_another_machine_is_refused_before_any_request(
    services: Services,
) -> None:
    with no_network() as tried, pytest.raises(InsecureUrl, match="only over https://"):
        services.accounts.add("http://dav.example.com/", "ada", "app-pw")

    assert tried == []


def test_account_names_are_unique_ignoring_case(
    sqlite_services: Services, radicale_server: RadicaleServer
) -> None:
    server = radicale_server
    sqlite_services.accounts.add(server.url, server.user, server.password, name="Work")

    with pytest.raises(ServiceError, match="already an account named Work"):
        sqlite_services.accounts.add(server.url, server.user, server.password, name="work")
    sqlite_services.accounts.add(server.url, server.user, server.password)  # "127.0.0.1"
    with pytest.raises(ServiceError, match=r"already an account named 127\.0\.0\.1 "):
        sqlite_services.accounts.add(server.url, server.user, server.password)

    assert sqlite_services.accounts.names() == ["127.0.0.1", "Work"]
    assert sqlite_services.accounts.get("WORK").name == "Work"


def test_the_password_is_nowhere_in_the_database_file(
    sqlite_services: Services, radicale_server: RadicaleServer, tmp_path: Path
) -> None:
    server = radicale_server
    sqlite_services.accounts.add(server.url, server.user, server.password, tasks="Tasks")
    sqlite_services.db.close()

    files = [p for p in tmp_path.iterdir() if p.name.startswith("netdesk.sqlite")]
    assert files
    for path in files:
        assert server.password.encode() not in path.read_bytes(), path
    assert server.user.encode() in (tmp_path / "netdesk.sqlite").read_bytes()  # the test reads
    # Nor in the settings, or anything else netdesk wrote in the home folder.
    home = Path(os.environ["HOME"])
    for path in (p for p in home.rglob("*") if p.is_file()):
        assert server.password.encode() not in path.read_bytes(), path


def test_without_a_keyring_the_account_is_added_and_says_why_the_password_is_not_kept(
    sqlite_services: Services, radicale_server: RadicaleServer
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # file_keyring puts the one before back
    server = radicale_server

    account = sqlite_services.accounts.add(server.url, server.user, server.password)

    assert account.password_note.startswith("No system keyring is available")
    assert account.password_note.endswith("so it is not saved")  # a sentence to go on from
    assert sqlite_services.accounts.get(account.name).password_note == ""


def _synced_state(services: Services, account: str) -> int:
    """A contact as a sync would leave it: linked to an item, with a conflict and a run."""
    contact = services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    with services.db.transaction() as session:
        row = session.scalars(select(SyncAccount).where(SyncAccount.name == account)).one()
        book = row.collections[0]
        session.add(
            SyncItem(collection_id=book.id, href=f"{book.url}grace.vcf", contact_id=contact)
        )
        session.add(SyncConflict(account_id=row.id, contact_id=contact, field="title"))
        session.add(SyncRun(account_id=row.id, outcome="ok", received=1))
    return contact


def test_removing_an_account_forgets_its_server_and_password_and_keeps_the_people(
    sqlite_services: Services, dav_server: DavTestServer
) -> None:
    server = dav_server
    sqlite_services.accounts.add(server.url, server.user, server.password, name="Work")
    sqlite_services.accounts.add(server.url, server.user, server.password, name="Home")
    grace = _synced_state(sqlite_services, "Work")

    sqlite_services.accounts.remove("work")

    assert sqlite_services.accounts.names() == ["Home"]
    assert sqlite_services.contacts.get(grace).formatted_name == "Grace Hopper"
    with sqlite_services.db.Session() as session:
        for model in (SyncItem, SyncConflict, SyncRun):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        assert session.scalar(select(func.count()).select_from(SyncCollection)) == 1
    assert passwords.lookup("Work", "ada") is None
    assert passwords.lookup("Home", "ada") == server.password


def test_an_account_that_is_not_there_is_named_with_the_ones_that_are(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no account named 'Work'; there are no accounts"):
        services.accounts.remove("Work")


def test_changing_the_collections_keeps_the_state_of_the_ones_kept(
    sqlite_services: Services, dav_server: DavTestServer
) -> None:
    server = dav_server
    sqlite_services.accounts.add(server.url, server.user, server.password, name="Work")
    _synced_state(sqlite_services, "Work")

    sqlite_services.accounts.set_collections("Work", "Contacts", "Tasks", None)

    assert _kinds(sqlite_services, "Work") == {
        "contacts": ("Contacts", server.addressbook_url),
        "tasks": ("Tasks", server.tasks_url),
    }
    with sqlite_services.db.Session() as session:
        assert session.scalar(select(func.count()).select_from(SyncItem)) == 1

    found = sqlite_services.accounts.discover(server.url, server.user, server.password)
    sqlite_services.accounts.set_collections("Work", None, None, found.calendars[0])

    assert _kinds(sqlite_services, "Work") == {"events": ("Calendar", server.calendar_url)}
    with sqlite_services.db.Session() as session:
        assert session.scalar(select(func.count()).select_from(SyncItem)) == 0
    assert sqlite_services.contacts.count() == 1


def test_one_collection_cannot_be_both_the_task_list_and_the_calendar(
    sqlite_services: Services, dav_server: DavTestServer
) -> None:
    server = dav_server
    sqlite_services.accounts.add(server.url, server.user, server.password, name="Work")
    found = sqlite_services.accounts.discover(server.url, server.user, server.password)
    both = found.task_lists[0]

    with pytest.raises(ServiceError, match="are one collection"):
        sqlite_services.accounts.set_collections("Work", None, both, both)


def test_a_self_signed_certificate_is_refused_until_its_fingerprint_is_trusted(
    sqlite_services: Services, tls_radicale_server: RadicaleServer
) -> None:
    server = tls_radicale_server
    with pytest.raises(CertificateNotTrusted) as caught:
        sqlite_services.accounts.add(server.url, server.user, server.password)
    assert caught.value.fingerprint == server.fingerprint
    assert sqlite_services.accounts.list() == []

    typed = server.fingerprint.replace(":", " ").lower()  # as read out from another screen
    account = sqlite_services.accounts.add(
        server.url, server.user, server.password, trusted_fingerprint=typed
    )

    assert account.trusted_fingerprint == server.fingerprint
    assert account.collection("contacts") is not None


def test_a_trusted_fingerprint_must_be_a_whole_sha256_one(
    services: Services,
) -> None:
    with no_network() as tried, pytest.raises(ServiceError, match="is not a SHA-256"):
        services.accounts.add(
            "https://127.0.0.1:1/", "ada", "app-pw", trusted_fingerprint="AB:CD:EF"
        )
    assert tried == []


def test_an_account_may_sync_tasks_only(
    sqlite_services: Services, radicale_server: RadicaleServer
) -> None:
    server = radicale_server
    sqlite_services.accounts.add(
        server.url, server.user, server.password, addressbook="", tasks=server.tasks_url
    )

    assert _kinds(sqlite_services, "127.0.0.1") == {"tasks": ("Tasks", server.tasks_url)}


def test_a_servers_collection_name_is_kept_as_one_line_that_fits(
    sqlite_services: Services, radicale_server: RadicaleServer
) -> None:
    server = radicale_server
    name = "Work\tpeople\n  and more " + "x" * 300
    body = (
        '<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/>'
        f"<C:addressbook/></D:resourcetype><D:displayname>{name}</D:displayname></D:prop>"
        "</D:set></D:mkcol>"
    )
    url = server.addressbook_home_url + "odd-name/"
    with server.client() as http:
        assert http.request("MKCOL", url, content=body.encode()).status_code == 201

    account = sqlite_services.accounts.add(
        server.url, server.user, server.password, addressbook=url
    )

    shown = account.collections[0].display_name
    assert shown.startswith("Work people and more xxx")
    assert len(shown) == 255

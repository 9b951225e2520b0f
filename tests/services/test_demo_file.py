"""The demo data in a file of its own, and how an empty database is recognised."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netdesk.config import demo_database_path, is_demo_database
from netdesk.services.demo.demo_file import demo_command, ensure_demo_file
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import open_database


def test_the_demo_file_is_made_once_beside_the_users_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path, made = ensure_demo_file()
    assert made and path == demo_database_path() == tmp_path / "netdesk" / "demo.sqlite"
    assert not path.with_name("demo.sqlite.part").exists()
    db = open_database(f"sqlite:///{path}")
    try:
        services = Services(db)
        assert services.contacts.count() == 150
        assert services.contacts.me() is not None
        assert len(services.events.list()) == 6
    finally:
        db.close()
    again, made_again = ensure_demo_file()
    assert again == path and not made_again
    assert is_demo_database(path)
    assert not is_demo_database(tmp_path / "netdesk" / "netdesk.sqlite")
    assert not is_demo_database(None)  # a PostgreSQL server is never the demo


def test_the_demo_opens_in_a_netdesk_process_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    assert demo_command(path) == [sys.executable, "-m", "netdesk", "--db", str(path)]


def test_a_database_is_empty_until_it_holds_people_or_events(services: Services) -> None:
    assert services.today.is_empty()
    contact_id = services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    assert not services.today.is_empty()
    services.contacts.delete([contact_id])
    assert services.today.is_empty()
    services.events.create(EventInput(name="PyCon", starts_at=datetime(2027, 5, 1, tzinfo=UTC)))
    assert not services.today.is_empty()

"""`netdesk demo` never mixes invented people into an address book unasked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import make_salon_database, run, services_at


def test_demo_fills_a_new_database_once_and_then_refuses(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "demo", "--people", "3", "--events", "1", "--seed", "1") == 0
    assert capsys.readouterr().out.startswith("Added 3 people")
    assert run(db_path, "demo", "--people", "3", "--events", "1") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"netdesk: {db_path} already holds 3 people;")
    with services_at(db_path) as services:
        assert services.contacts.count() == 3


def test_demo_refuses_a_database_that_holds_people(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_salon_database(db_path)
    assert run(db_path, "demo", "--people", "3", "--events", "1") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"netdesk: {db_path} already holds 1 person;")
    assert "--force" in err
    with services_at(db_path) as services:
        assert services.contacts.count() == 1
        assert len(services.events.list()) == 1


def test_demo_with_force_adds_to_it(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_salon_database(db_path)
    assert run(db_path, "demo", "--people", "3", "--events", "1", "--seed", "1", "--force") == 0
    assert capsys.readouterr().out.startswith("Added 3 people")
    with services_at(db_path) as services:
        assert services.contacts.count() == 4

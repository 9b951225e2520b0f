"""The command line as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netdesk import __version__
from netdesk.cli.main import main
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    db = open_database(f"sqlite:///{path}")
    services = Services(db)
    services.contacts.create(
        ContactInput(formatted_name="Anna Schröder", organization="ACME", emails=["anna@acme.org"])
    )
    services.contacts.create(ContactInput(formatted_name="Hannah Berg", organization="Initech"))
    services.contacts.create(ContactInput(formatted_name="Bob\tTab", organization="Line\nBreak"))
    db.close()
    return path


def test_version_as_a_separate_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"netdesk {__version__}"


def test_search_prints_name_organisation_email_tab_separated(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_file), "search", "ann"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Anna's name starts with the query, so she comes before Hannah.
    assert lines == ["Anna Schröder\tACME\tanna@acme.org", "Hannah Berg\tInitech\t"]


def test_search_folds_accents_and_honours_limit(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_file), "search", "schroder", "--limit", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Anna Schröder\tACME\tanna@acme.org"]


def test_search_keeps_one_line_per_person_when_values_hold_tabs(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_file), "search", "bob"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Bob Tab\tLine Break\t"]


def test_database_from_environment_variable(
    db_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETDESK_DB", str(db_file))
    assert main(["search", "hannah"]) == 0
    assert capsys.readouterr().out.startswith("Hannah Berg")


def test_usage_errors_exit_2(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_file), "search", "x", "--limit", "zero"])
    assert exit_info.value.code == 2
    assert "not a whole number" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_file), "frobnicate"])
    assert exit_info.value.code == 2


def test_a_file_that_is_not_a_database_gives_a_message_and_exit_1(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n")
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(notes), "search", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "is not a netdesk database" in done.stderr
    assert "Traceback" not in done.stderr
    assert notes.read_text() == "shopping list\n"


def test_demo_fills_the_database_and_search_finds_the_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["--db", str(path), "demo", "--people", "40", "--events", "3", "--seed", "5"]) == 0
    assert "Added 40 people, 3 events" in capsys.readouterr().out
    db = open_database(f"sqlite:///{path}")
    try:
        services = Services(db)
        assert services.search.count() == 40  # my own card among them
        assert len(services.events.list()) == 3
        me = services.contacts.me()
        assert me is not None
    finally:
        db.close()
    assert main(["--db", str(path), "search", me.formatted_name.split()[0]]) == 0
    assert me.formatted_name in capsys.readouterr().out


def test_where_hides_a_password(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql+psycopg://me:s3cret@db.example/nd", "where"]) == 0
    out = capsys.readouterr().out
    assert "s3cret" not in out and "db.example/nd" in out

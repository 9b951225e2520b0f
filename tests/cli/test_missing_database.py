"""A `--db` that names no database: the commands that only read (or change what is there)
say so and create nothing; import, demo, restore and the window make a new one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run, services_at, write_file

READING_COMMANDS = [
    ["search", "ada"],
    ["export", "vcard", "OUT/people.vcf"],
    ["export", "csv", "-"],
    ["export", "ics", "OUT/events.ics"],
    ["qr", "--contact", "ada@example.org", "OUT/card.png"],
    ["badges", "--event", "Salon", "OUT/badges.pdf"],
    ["duplicates"],
    ["duplicates", "--merge"],
    ["events"],
    ["backup"],
    ["backup", "--list"],
]


def _files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_a_missing_database_is_refused_and_nothing_is_created(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    db = tmp_path / "typo" / "netdesk.sqlite"
    argv = [part.replace("OUT", str(out)) for part in command]
    assert run(db, *argv) == 2
    assert capsys.readouterr() == ("", f"netdesk: no netdesk database at {db}\n")
    assert _files_under(tmp_path) == ["out"]  # no file, no folder, no -wal


def test_an_empty_file_is_no_database_until_import_fills_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert run(empty, "export", "csv", "-") == 2
    assert capsys.readouterr() == ("", f"netdesk: no netdesk database at {empty}\n")
    assert empty.stat().st_size == 0
    assert _files_under(tmp_path) == ["empty.sqlite"]
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    assert run(empty, "import", str(write_file(tmp_path, "a.vcf", card))) == 0
    assert run(empty, "search", "ada") == 0
    assert "Ada Lovelace" in capsys.readouterr().out


def test_the_default_database_is_not_created_by_a_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from netdesk.cli.main import main
    from netdesk.config import default_database_path

    monkeypatch.delenv("NETDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_database_path().is_relative_to(tmp_path)
    assert main(["search", "ada"]) == 2
    said = capsys.readouterr().err
    assert said == f"netdesk: no netdesk database at {default_database_path()}\n"
    assert _files_under(tmp_path) == []


def test_an_empty_database_is_a_database_and_a_missing_one_is_made_by_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new" / "netdesk.sqlite"
    assert run(db, "events") == 2
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    assert run(db, "import", str(write_file(tmp_path, "a.vcf", card))) == 0
    assert run(db, "events") == 0
    capsys.readouterr()
    empty = tmp_path / "netdesk.sqlite"
    with services_at(empty):
        pass
    assert run(empty, "export", "csv", str(tmp_path / "people.csv")) == 0
    assert "Wrote 0 people" in capsys.readouterr().out


def test_a_dry_run_or_columns_on_a_new_database_leave_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new" / "netdesk.sqlite"
    card = write_file(tmp_path, "a.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n")
    table = write_file(tmp_path, "a.csv", "Name,Email\r\nAda,ada@example.org\r\n")
    assert run(db, "import", str(card), "--dry-run", "--event", "Salon") == 0
    assert capsys.readouterr().out == (
        f"The event 'Salon' would be created.\n{card}: dry run, nothing written; would have: "
        "1 added\n"
    )
    assert run(db, "import", str(table), "--columns") == 0
    assert capsys.readouterr().out == "Name -> formatted_name\nEmail -> email\n"
    assert _files_under(tmp_path) == ["a.csv", "a.vcf"]


def test_the_refusal_is_quick_and_leaves_servers_and_memory_alone(tmp_path: Path) -> None:
    from netdesk.cli.main import missing_database

    gone = tmp_path / "a b.sqlite"
    assert missing_database(f"sqlite:///{tmp_path}/a%20b.sqlite?timeout=3") == str(gone)
    assert missing_database("postgresql+psycopg://netdesk@127.0.0.1/none") is None
    assert missing_database("sqlite://") is None
    # An SQLite URI names its file too; a database in memory is none.
    assert missing_database(f"sqlite:///file:{gone}?mode=ro&uri=true") == str(gone)
    assert missing_database("sqlite:///file:notes?mode=memory&uri=true") is None
    # Saying there is no database does not wait for SQLAlchemy to load (a quarter second).
    code = (
        "import sys; from netdesk.cli.main import main; "
        f"status = main(['--db', {str(gone)!r}, 'events']); "
        "print(status, 'sqlalchemy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.stdout == "2 False\n", done.stderr

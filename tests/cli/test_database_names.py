"""A `--db` path is the file it names: a percent sign or a question mark in the name, or a
loop of symbolic links, neither leads to another file nor to a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdesk.cli.main import main
from netdesk.config import database_url
from netdesk.store import sqlite_path
from tests.cli.helpers import make_salon_database, run, write_file

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("name", ["100%41 contacts.sqlite", "why?.sqlite", "a%25b%.sqlite"])
def test_a_database_whose_name_holds_a_percent_sign_or_question_mark_is_that_file(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_salon_database(tmp_path / name)
    assert sqlite_path(database_url(str(path))) == path
    assert run(path, "search", "ada") == 0
    assert capsys.readouterr().out.startswith("Ada Lovelace")
    assert run(path, "events") == 0
    assert capsys.readouterr().out.startswith("Salon\t")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_import_creates_the_file_named_not_its_percent_decoded_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = write_file(tmp_path, "one.vcf", CARD)
    path = tmp_path / "new%41.sqlite"
    assert run(path, "import", str(card)) == 0
    assert path.is_file() and not (tmp_path / "newA.sqlite").exists()
    capsys.readouterr()
    assert run(path, "search", "grace") == 0
    assert capsys.readouterr().out.startswith("Grace Hopper")


def test_a_loop_of_symbolic_links_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.sqlite"
    loop.symlink_to(loop.name)
    for command in (["search", "ada"], ["events"], ["import", str(tmp_path / "none.vcf")]):
        assert run(loop, *command) in (1, 2)
        err = capsys.readouterr().err
        assert err.startswith("netdesk: ") and "Traceback" not in err, err


def test_an_sqlite_uri_reads_the_file_it_names_and_leaves_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = make_salon_database(tmp_path / "netdesk.sqlite")
    for url in (
        f"sqlite:///file:{path}?mode=ro&uri=true",
        "sqlite:///file:netdesk.sqlite?mode=ro&uri=true",
        f"sqlite:///file://{path}?uri=true",
    ):
        assert main(["--db", url, "search", "ada"]) == 0, url
        assert capsys.readouterr().out.startswith("Ada Lovelace"), url
    # Not a URI to SQLite (no "file:"): the file of that name, "?mode=ro" and all, is missing.
    wrong = f"sqlite:///{path}?mode=ro&uri=true"
    assert main(["--db", wrong, "search", "ada"]) == 2
    assert capsys.readouterr().err == f"netdesk: no netdesk database at {path}?mode=ro\n"
    missing = f"sqlite:///file:{tmp_path / 'typo.sqlite'}?mode=ro&uri=true"
    assert main(["--db", missing, "events"]) == 2
    assert capsys.readouterr().err.startswith("netdesk: no netdesk database at ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["netdesk.sqlite"]  # no "file:" folder


def test_the_demo_file_is_made_where_its_folder_says_even_with_a_percent_sign(
    tmp_path: Path,
) -> None:
    from netdesk.services.demo.demo_file import ensure_demo_file

    wanted = tmp_path / "data%41" / "demo.sqlite"
    wanted.parent.mkdir()
    path, made = ensure_demo_file(wanted)
    assert made and path == wanted and wanted.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data%41"]


def test_an_sqlite_file_without_tables_is_no_database_until_import_fills_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reading command filled it with netdesk's tables and said "no match"."""
    import sqlite3

    path = tmp_path / "empty.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")  # writes the first page, no table
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for command in (["search", "ada"], ["events"], ["export", "csv", "-"]):
        assert run(path, *command) == 2
        assert capsys.readouterr().err == f"netdesk: no netdesk database at {path}\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]
    assert run(path, "import", str(write_file(tmp_path, "one.vcf", CARD))) == 0
    capsys.readouterr()
    assert run(path, "search", "grace") == 0
    assert capsys.readouterr().out.startswith("Grace Hopper")


def test_mode_ro_without_uri_true_is_refused_with_the_way_to_write_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLAlchemy warned (with a link) and opened the file for writing all the same."""
    path = make_salon_database(tmp_path / "netdesk.sqlite")
    before = path.read_bytes()
    assert main(["--db", f"sqlite:///{path}?mode=ro", "events"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("only in a URI, for example sqlite:///file:PATH?mode=ro&uri=true.\n")
    assert "sqlalche.me" not in err and path.read_bytes() == before

"""What a demanding user types: a search limit larger than any number a database takes, an
event name longer than the column holds, standard output closed before the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.cli.main import main
from tests.cli.helpers import make_salon_database, run, services_at, write_file

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("quick", [True, False], ids=["quick", "services"])
def test_a_huge_search_limit_means_everybody(
    tmp_path: Path, quick: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_salon_database(tmp_path / "netdesk.sqlite")
    # The quick way reads plain sqlite:/// URLs only: this one goes through the services.
    db = str(path) if quick else f"sqlite+pysqlite:///{path}"
    assert main(["--db", db, "search", "ada", "--limit", "99999999999999999999"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Ada Lovelace\t") and err == ""


def test_an_event_name_longer_than_the_column_finds_the_event_it_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "netdesk.sqlite"
    card = write_file(tmp_path, "one.vcf", CARD)
    name = "Long " * 2000
    assert run(path, "import", str(card), "--event", name) == 0
    assert "created event" in capsys.readouterr().out
    assert run(path, "import", str(card), "--event", name) == 0
    assert "created event" not in capsys.readouterr().out
    with services_at(path) as services:
        assert len(services.events.list()) == 1
    assert run(path, "export", "csv", "-", "--event", name) == 0
    assert "Grace Hopper" in capsys.readouterr().out


@pytest.mark.parametrize(
    "command",
    [["search", "ada"], ["events"], ["duplicates"], ["where"], ["templates"], ["backup", "--list"]],
    ids=" ".join,
)
def test_a_list_asked_for_with_standard_output_closed_is_an_error_not_a_silent_success(
    tmp_path: Path, command: list[str]
) -> None:
    """`netdesk search ada >&-`: like `grep ada file >&-`, it fails with a message."""
    path = make_salon_database(tmp_path / "netdesk.sqlite")
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(path), *command],
        stdout=None,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),  # the child starts with `>&-`
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == "netdesk: standard output is closed: nowhere to print to\n"


def test_what_another_program_stored_cannot_act_on_the_terminal_nor_turn_the_line_around(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An escape sequence or a right-to-left override in a name (written by another program
    or an older netdesk) is not printed: the override would show the email reversed."""
    import sqlite3

    path = make_salon_database(tmp_path / "netdesk.sqlite")
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE contacts SET formatted_name = ?, organization = ?",
        ("Ada \x1b[2J\u202eLovelace\x00", "Tab\tand\nline"),
    )
    conn.execute(
        "UPDATE events SET name = ?, venue = ?", ("Sal\x1b]0;owned\x07on", "The\u2067 Hall")
    )
    conn.commit()
    conn.close()
    for fmt, expected in (
        ("lines", "Ada [2JLovelace\tTab and line\tada@example.org\n"),
        ("mutt", "netdesk: 1 match\nada@example.org\tAda [2JLovelace\tTab and line\n"),
        ("aerc", "ada@example.org\tAda [2JLovelace\n"),
    ):
        assert run(path, "search", "ada", "--format", fmt) == 0
        assert capsys.readouterr().out == expected
    assert run(path, "events") == 0
    assert capsys.readouterr().out.startswith("Sal]0;ownedon\t2026-05-01\t2026-05-01\tThe Hall")


def test_control_characters_typed_in_an_event_name_are_not_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "netdesk.sqlite"
    card = write_file(tmp_path, "one.vcf", CARD)
    assert run(path, "import", str(card), "--event", "Sal\x1b[2Jon\x01") == 0
    assert capsys.readouterr().out.startswith(f"{card}: created event 'Sal[2Jon'\n")
    assert run(path, "import", str(card), "--event", "Sal[2Jon") == 0
    assert "created" not in capsys.readouterr().out
    with services_at(path) as services:
        assert [e.name for e in services.events.list()] == ["Sal[2Jon"]


def test_the_mail_client_lines_of_the_readme_take_a_query_that_starts_with_a_hyphen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re
    import shlex

    path = make_salon_database(tmp_path / "netdesk.sqlite")
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    mutt = re.search(r'set query_command = "netdesk (.*)"', readme)
    aerc = re.search(r"address-book-cmd = netdesk (.*)", readme)
    assert mutt and aerc
    for line in (mutt[1], aerc[1]):
        argv = [part.replace("%s", "-ada") for part in shlex.split(line)]
        assert main(["--db", str(path), *argv]) == 1, line  # no match, not a usage error
        capsys.readouterr()


def test_an_unbuffered_export_whose_reader_goes_away_does_not_say_it_wrote_everything(
    tmp_path: Path,
) -> None:
    """With PYTHONUNBUFFERED (python -u) standard output's write may write only a part of a
    large piece (an .ics is written in one): the rest was dropped and the export said
    'Wrote 1 event' with status 0."""
    from datetime import UTC, datetime

    from netdesk.services.records import EventInput

    path = tmp_path / "netdesk.sqlite"
    with services_at(path) as services:
        services.events.create(
            EventInput(
                name="Salon",
                starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC),
                description="A long evening. " * 60_000,  # 1 MB: more than a pipe holds
            )
        )
    reader, writer = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-m", "netdesk", "--db", str(path), "export", "ics", "-"],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    os.close(writer)
    assert os.read(reader, 1) == b"B"  # BEGIN:VCALENDAR
    os.close(reader)  # like `| head -c 1`
    _, err = child.communicate(timeout=120)
    assert (child.returncode, err) == (141, "")


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    "command",
    [["search", "ada"], ["events"], ["where"], ["templates"], ["export", "csv", "-"]],
    ids=" ".join,
)
def test_standard_output_on_a_full_disk_is_one_line_not_a_traceback(
    tmp_path: Path, command: list[str], unbuffered: str
) -> None:
    from tests.test_output_files import char_device

    path = make_salon_database(tmp_path / "netdesk.sqlite")
    full = char_device(tmp_path, "full", 7)  # the same device as /dev/full
    with full.open("w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "netdesk", "--db", str(path), *command],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": unbuffered},
            check=False,
            timeout=120,
        )
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "disk is full" in done.stderr or "No space left" in done.stderr, done.stderr


@pytest.mark.parametrize("name", ["", "   ", "\x01"])
def test_an_empty_event_name_is_a_usage_error_even_in_a_dry_run(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_salon_database(tmp_path / "netdesk.sqlite")
    card = write_file(tmp_path, "one.vcf", CARD)
    for dry_run in ([], ["--dry-run"]):
        assert run(path, "import", str(card), "--event", name, *dry_run) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err == (
            "netdesk: --event needs an event's name (`netdesk events` lists them). "
            "Nothing was imported.\n"
        )


def test_demo_refuses_a_database_of_events_without_people_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone who entered their conferences first: six invented events would join them."""
    from datetime import UTC, datetime

    from netdesk.services.records import EventInput

    path = tmp_path / "netdesk.sqlite"
    with services_at(path) as services:
        services.events.create(
            EventInput(name="Salon", starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC))
        )
    assert run(path, "demo", "--people", "3", "--events", "1") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"netdesk: {path} already holds 1 event; the sample ")
    with services_at(path) as services:
        assert services.contacts.count() == 0 and len(services.events.list()) == 1
    assert run(path, "demo", "--people", "3", "--events", "1", "--force") == 0


def test_a_search_of_thousands_of_words_is_a_usage_error_not_an_unreadable_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_salon_database(tmp_path / "netdesk.sqlite")
    with pytest.raises(SystemExit) as stopped:
        run(path, "search", "ab " * 1500)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith("error: a search takes at most 200 words\n")
    assert run(path, "search", "ada " + "lo " * 199) == 0  # 200 words: searched
    assert capsys.readouterr().out.startswith("Ada Lovelace")

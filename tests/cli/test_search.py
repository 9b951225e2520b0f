"""`netdesk search`: no match is exit 1 (grep's rule), and the formats mail clients complete
addresses with (mutt's query_command, aerc's address-book-cmd) and JSON for scripts.

Each case runs the quick way (an SQLite file, netdesk.store.quick_search) and through the services
(every database, PostgreSQL too when configured): both must print the same."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from netdesk.cli.main import build_parser, main
from netdesk.cli.search import run_search
from netdesk.cli.search_output import FoundPerson, write
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import Database, open_database

Search = Callable[..., int]


def _fill(services: Services) -> None:
    contacts = services.contacts
    contacts.create(
        ContactInput(
            "Ada Lovelace",
            organization="Analytical\tEngines",
            title="Countess",
            emails=["ada@example.org", "countess@example.org"],
            phones=["+44 20 7946 0000"],
            note="salon",
        )
    )
    contacts.create(ContactInput("Bob Nomail", organization="Salon Ltd"))
    contacts.create(ContactInput("Carl\nBreak", emails=["carl@example.org"], note="salon"))


@pytest.fixture(params=["quick", "services"])
def search(request: pytest.FixtureRequest, tmp_path: Path, db_url: str) -> Search:
    """`netdesk search ARGS...` over Ada, Bob and Carl, its exit status."""
    if request.param == "quick":
        if not db_url.startswith("sqlite"):
            pytest.skip("the quick way is for SQLite files")
        path = tmp_path / "quick.sqlite"
        db = open_database(f"sqlite:///{path}")
        _fill(Services(db))
        db.close()
        return lambda *args: main(["--db", str(path), "search", *args])
    db: Database = request.getfixturevalue("db")
    _fill(Services(db))

    def through_services(*args: str) -> int:
        return run_search(db, build_parser().parse_args(["search", *args]))

    return through_services


def test_mutt_gets_a_status_line_then_one_line_per_email(
    search: Search, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search("salon", "--format", "mutt") == 0
    said = capsys.readouterr()
    assert said.out.splitlines() == [
        "netdesk: 3 matches",
        "carl@example.org\tCarl Break\t",
        "ada@example.org\tAda Lovelace\tAnalytical Engines",
        "countess@example.org\tAda Lovelace\tAnalytical Engines",
    ]
    assert said.err == ""


def test_aerc_gets_email_and_name_only(search: Search, capsys: pytest.CaptureFixture[str]) -> None:
    assert search("salon", "--format", "aerc") == 0
    assert capsys.readouterr().out.splitlines() == [
        "carl@example.org\tCarl Break",
        "ada@example.org\tAda Lovelace",
        "countess@example.org\tAda Lovelace",
    ]


def test_json_gives_everything_a_script_needs(
    search: Search, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search("salon", "--format", "json") == 0
    people = json.loads(capsys.readouterr().out)
    # By family name, as the People table sorts them.
    assert [p["name"] for p in people] == ["Carl Break", "Ada Lovelace", "Bob Nomail"]
    ada = people[1]
    assert ada["organization"].split() == ["Analytical", "Engines"]
    assert ada["title"] == "Countess"
    assert ada["emails"] == ["ada@example.org", "countess@example.org"]
    assert ada["phones"] == ["+44 20 7946 0000"]
    assert isinstance(ada["id"], int) and ada["uid"]
    assert people[2]["emails"] == []


def test_the_default_lines_stay_as_they_were(
    search: Search, capsys: pytest.CaptureFixture[str]
) -> None:
    assert search("salon") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Carl Break\t\tcarl@example.org",
        "Ada Lovelace\tAnalytical Engines\tada@example.org",
        "Bob Nomail\tSalon Ltd\t",
    ]


@pytest.mark.parametrize("fmt", ["lines", "json", "aerc"])
def test_no_match_says_so_on_stderr_and_exits_1(
    search: Search, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert search("nobody-is-called-this", "--format", fmt) == 1
    said = capsys.readouterr()
    assert said.err == "netdesk: no match\n"
    assert said.out == ("[]\n" if fmt == "json" else "")


def test_no_match_for_mutt_is_its_status_line_and_exit_1(
    search: Search, capsys: pytest.CaptureFixture[str]
) -> None:
    """mutt shows the first line (as an error when the status is not 0) and does not read
    standard error, which would land on its screen."""
    assert search("nobody-is-called-this", "--format", "mutt") == 1
    assert capsys.readouterr() == ("netdesk: no match\n", "")
    assert search("bob", "--format", "mutt") == 1
    assert capsys.readouterr() == ("netdesk: no email address for the person found\n", "")
    assert search("bob", "--format", "aerc") == 1
    assert capsys.readouterr() == ("", "netdesk: no match\n")


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "ada", "--format", "vcard"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'vcard'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["lines", "mutt", "aerc"])
def test_tabs_and_line_breaks_inside_values_keep_one_line_per_address(fmt: str) -> None:
    """The services store names in one line, but a file written by an older netdesk or
    another program may hold anything."""
    person = FoundPerson(
        7, "u-7", "Ada\tLovelace\n", "Analytical\r\nEngines", "", "", ["ada@example.org\n"], []
    )
    out, err = io.StringIO(), io.StringIO()
    assert write([person], fmt, out, err) == 0
    lines = out.getvalue().splitlines()
    assert (
        lines[-1]
        == {
            "lines": "Ada Lovelace\tAnalytical Engines\tada@example.org",
            "mutt": "ada@example.org\tAda Lovelace\tAnalytical Engines",
            "aerc": "ada@example.org\tAda Lovelace",
        }[fmt]
    )
    assert len(lines) == (2 if fmt == "mutt" else 1)

"""`netdesk import FILE.csv` for any CSV with a name or an email column, `--columns` to see
what each column is taken for, and `--map` to correct it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord
from tests.cli.helpers import run, services_at, write_file
from tests.formats.csv_samples import THUNDERBIRD_HEADER

THUNDERBIRD = THUNDERBIRD_HEADER + (
    "Ada,Lovelace,Ada Lovelace,,ada@example.org,ada@home.example,,+44 20 7946 0001,,,,"
    "+44 7700 900001,,,London,,,UK,,,,,,,Countess,,Engines,https://ada.example,,1815,12,10,"
    "tea,,,,\r\n"
)


def people(db_path: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    with services_at(db_path) as services:
        found = {}
        for row in services.search.page("", limit=100):
            contact = services.contacts.get(row.id)
            found[row.name] = (contact.emails, tuple(p.value for p in contact.phones))
        return found


@pytest.mark.parametrize(
    "text",
    [
        THUNDERBIRD,
        "E-mail Address,E-mail 2 Address,E-mail 3 Address\r\nada@example.org,,\r\n",
        "Primary Email\r\nada@example.org\r\n",
        "Email\r\nada@example.org\r\n",
    ],
    ids=["thunderbird", "outlook-emails-only", "primary-email", "email"],
)
def test_a_csv_with_a_name_or_email_column_imports_from_the_command_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    # Before: "columns not recognised; import it from the app to map them", exit 1.
    path = write_file(tmp_path, "people.csv", text)
    status = run(db_path, "import", str(path))

    out, err = capsys.readouterr()
    assert "not recognised" not in err
    assert out.startswith(f"{path}: 1 added")
    found = people(db_path)
    assert len(found) == 1
    ((emails, _phones),) = found.values()
    assert emails[0] == "ada@example.org"
    if text is THUNDERBIRD:
        assert status == 1  # the column nothing takes is reported
        assert err.splitlines() == [f"{path}:1: columns not imported: Custom 1"]
        assert found["Ada Lovelace"] == (
            ("ada@example.org", "ada@home.example"),
            ("+44 20 7946 0001", "+44 7700 900001"),
        )
    else:
        assert (status, err) == (0, "")


LINKEDIN = "read as LinkedIn connections"


@pytest.mark.parametrize(
    ("name", "text", "columns"),
    [
        (
            "people.csv",
            "Name,E-Mail-Adresse,Telefon geschäftlich,Shoe size,Anniversary\r\n"
            "Ada,a@x.example,1,38,\r\n",
            [
                "Name -> formatted_name",
                "E-Mail-Adresse -> email",
                "Telefon geschäftlich -> phone (work)",
                "Shoe size -> (not imported)",
                "Anniversary -> note (Anniversary)",
            ],
        ),
        (
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On,Phone\r\n",
            [
                *(
                    f"{header} -> {LINKEDIN}"
                    for header in (
                        "First Name",
                        "Last Name",
                        "URL",
                        "Email Address",
                        "Company",
                        "Position",
                        "Connected On",
                    )
                ),
                "Phone -> phone",
            ],
        ),
    ],
    ids=["guessed", "known-layout-named"],
)
def test_columns_prints_the_mapping_and_imports_nothing(
    tmp_path: Path,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    columns: list[str],
) -> None:
    path = write_file(tmp_path, name, text)
    assert run(db_path, "import", str(path), "--columns") == 0

    out, err = capsys.readouterr()
    assert out.splitlines() == columns
    assert err == ""
    assert people(db_path) == {}


def test_map_corrects_some_columns_and_the_others_are_still_recognised(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(
        tmp_path,
        "people.csv",
        "Spalte A;Kontakt;Telefon;Kommentar\r\nAda Lovelace;ada@example.org;+44 1;egal\r\n",
    )
    assert run(db_path, "import", str(path)) == 1  # nothing names anyone
    assert "no column holds a name or an email address" in capsys.readouterr().err

    mapped = ("--map", "spalte a=Full name,Kontakt=email", "--map", "Kommentar=ignore")
    assert run(db_path, "import", str(path), *mapped, "--columns") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Spalte A -> formatted_name",
        "Kontakt -> email",
        "Telefon -> phone",
        "Kommentar -> (not imported)",
    ]
    assert run(db_path, "import", str(path), *mapped) == 0
    assert people(db_path) == {"Ada Lovelace": (("ada@example.org",), ("+44 1",))}


def test_map_with_an_unknown_field_is_a_usage_error_listing_the_fields(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(tmp_path, "people.csv", "Name,Mail\r\nAda,a@x.example\r\n")
    with pytest.raises(SystemExit) as exit_info:
        run(db_path, "import", str(path), "--map", "Mail=emial")

    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --map: unknown field 'emial'; the fields are: given_name, " in err
    assert "email, phone, url" in err and err.rstrip().endswith("or ignore")
    assert not db_path.exists()


def test_map_with_an_unknown_header_exits_2_and_imports_nothing_of_that_file(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(tmp_path, "people.csv", "Name,Mail\r\nAda,a@x.example\r\n")
    assert run(db_path, "import", str(path), "--map", "Email=email") == 2

    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"netdesk: {path}: there is no column 'Email'; the columns are: 'Name', 'Mail'"
    ]
    assert people(db_path) == {}


@pytest.mark.parametrize(
    "maps",
    [("--map", "Mail=note,Mail=email"), ("--map", "Mail=note", "--map", " mail =email")],
    ids=["one-option", "two-options"],
)
def test_a_column_mapped_twice_exits_2_naming_it_and_imports_nothing(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], maps: tuple[str, ...]
) -> None:
    # Before: the last one silently won, and the address went in as an email or a note.
    path = write_file(tmp_path, "people.csv", "Name,Mail\r\nAda,a@x.example\r\n")
    for extra in ((), ("--columns",)):
        assert run(db_path, "import", str(path), *maps, *extra) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith("netdesk: --map names the column ")
        assert "twice, as note and as email" in line
    assert people(db_path) == {}


def test_the_same_mapping_given_twice_is_no_conflict(tmp_path: Path, db_path: Path) -> None:
    path = write_file(tmp_path, "people.csv", "Name,Mail\r\nAda,a@x.example\r\n")
    maps = ("--map", "Mail=email", "--map", "Mail=email,Name=formatted_name")
    assert run(db_path, "import", str(path), *maps) == 0
    assert people(db_path) == {"Ada": (("a@x.example",), ())}


def test_two_columns_on_one_birthday_exit_2_and_on_one_name_are_joined(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(
        tmp_path,
        "people.csv",
        "Vorname,Nachname,Geboren,Getauft\r\nAda,Lovelace,1815-12-10,1816-06-13\r\n",
    )
    dates = "Geboren=birthday,Getauft=birthday"
    assert run(db_path, "import", str(path), "--map", f"Vorname=formatted_name,{dates}") == 2
    assert capsys.readouterr().err.splitlines() == [
        "netdesk: --map maps both 'Geboren' and 'Getauft' to birthday, and a person has one; "
        "map the other column to note"
    ]
    assert people(db_path) == {}

    # A name in two columns loses nothing: the parts are joined.
    names = "Vorname=formatted_name,Nachname=formatted_name,Getauft=note"
    assert run(db_path, "import", str(path), "--map", f"{names},Geboren=birthday") == 0
    assert list(people(db_path)) == ["Ada Lovelace"]


def _card(given: str, number: int) -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"N:Lovelace;{given};Augusta;Countess;FRS\r\nFN:{given} Lovelace\r\n"
        "NICKNAME:Enchantress\r\nORG:Analytical Engines;Research\r\nTITLE:Analyst\r\n"
        f"EMAIL:{given.lower()}@example.org\r\nEMAIL:{given.lower()}@home.example\r\n"
        f"TEL:+44 20 7946 000{number}\r\nURL:https://{given.lower()}.example\r\n"
        f"ADR;TYPE=WORK:PO Box {number};Floor 3;1 Engine Street;London;Greater London;"
        "EC1A 1BB;United Kingdom\r\n"
        f"ADR;TYPE=HOME:PO Box 3{number};Flat 2;12 St James's Square;Marylebone;Middlesex;"
        "W1;England\r\n"
        "BDAY:1815-12-10\r\nNOTE:Met at the museum\\, twice\r\nCATEGORIES:Math,VIP\r\n"
        "END:VCARD\r\n"
    )


def test_a_csv_export_imports_into_a_new_database_without_losing_a_field(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: the export had one City and one Country column; streets, regions, postcodes
    # and the second address were lost, and so were middle names, prefixes and nicknames.
    cards = write_file(tmp_path, "people.vcf", _card("Ada", 1) + _card("Byron", 2))
    assert run(db_path, "import", str(cards)) == 0
    exported = tmp_path / "people.csv"
    assert run(db_path, "export", "csv", str(exported)) == 0
    second = tmp_path / "second.sqlite"
    assert run(second, "import", str(exported)) == 0
    capsys.readouterr()

    def records(path: Path) -> list[ContactRecord]:
        with services_at(path) as services:
            return [
                replace(record, uid="", source="", line=0) for record in services.exports.records()
            ]

    before, after = records(db_path), records(second)
    assert len(before) == 2
    assert before[0].addresses[1].postal_code == "W1"
    assert after == before


def test_columns_of_a_missing_or_non_csv_file_says_why(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = write_file(tmp_path, "ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n")
    missing = tmp_path / "nope.csv"
    assert run(db_path, "import", str(card), str(missing), "--columns") == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{card}: not a CSV file; --columns shows the columns of CSV files",
        f"{missing}: there is no such file.",
    ]

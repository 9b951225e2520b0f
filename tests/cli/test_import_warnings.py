"""`netdesk import` tells what went in but should be checked (a warning) from what was left out,
in its summary, on stderr and in its exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run, services_at

REFUSED = "BEGIN:VCARD\r\nVERSION:3.0\r\nBDAY:1990-01-02\r\nEND:VCARD\r\n"  # names nobody
CUT_SHORT = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zofia Nowak\r\nEMAIL:zofia@example.org\r\n"
NO_NAME = (
    "card has no name: no FN, N, nickname, organisation, email, phone, IM handle, web or "
    "postal address"
)


def names_in(db_path: Path) -> list[str]:
    with services_at(db_path) as services:
        return [row.name for row in services.search.page("", limit=10)]


def test_a_card_kept_with_a_warning_and_a_refused_one_are_told_apart(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.vcf"
    path.write_text(REFUSED + CUT_SHORT, encoding="utf-8")
    assert run(db_path, "import", str(path)) == 1  # something was left out
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{path}: 1 added, 1 warning, 1 left out"]
    assert err.splitlines() == [
        f"{path}:1: {NO_NAME}",
        f"{path}:8: warning: the file ends before END:VCARD; the card was kept",
    ]
    assert names_in(db_path) == ["Zofia Nowak"]


def test_warnings_alone_do_not_fail_the_import(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cut.vcf"
    path.write_text(CUT_SHORT, encoding="utf-8")
    assert run(db_path, "import", str(path), "--dry-run") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: dry run, nothing written; would have: 1 added, 1 warning"
    ]
    assert run(db_path, "import", str(path)) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{path}: 1 added, 1 warning"]
    assert err.splitlines() == [
        f"{path}:4: warning: the file ends before END:VCARD; the card was kept"
    ]
    assert names_in(db_path) == ["Zofia Nowak"]


def test_a_csv_column_nothing_takes_is_left_out_unless_mapped_away(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text('Name,Email,Custom 1\n"Ada Lovelace,ada@example.org,x\n', encoding="utf-8")
    assert run(db_path, "import", str(path), "--dry-run") == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}: dry run, nothing written; would have: 1 added, 1 warning, 1 left out"
    ]
    assert err.splitlines() == [
        f"{path}:1: columns not imported: Custom 1",
        f"{path}:2: warning: a quote opened here is never closed; the rest of the file was "
        "read without it",
    ]
    assert run(db_path, "import", str(path), "--map", "Custom 1=ignore") == 0
    assert capsys.readouterr().out.splitlines() == [f"{path}: 1 added, 1 warning"]

"""`netdesk duplicates` and `netdesk duplicates --merge` as a user runs them, on a real file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.cli.main import main
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput
from tests.cli.helpers import run, services_at
from tests.namesakes import attendee_file


def add_people(db_path: Path) -> dict[str, int]:
    """Two people twice (once more complete), one three times, and two who are not duplicates."""
    with services_at(db_path) as services:
        c = services.contacts
        ids = {
            "ada": c.create(ContactInput("Ada Lovelace", emails=["ada@engines.example"])),
            "ada2": c.create(
                ContactInput(
                    "Ada Lovelace",
                    emails=["ada@engines.example"],
                    organization="Analytical Engines",
                    title="Mathematician",
                )
            ),
            "grace": c.create(ContactInput("Grace Hopper", phones=["+1 202 555 0101"])),
            "grace2": c.create(ContactInput("Grace Hopper", phones=["+1 202 555 0101"])),
            "grace3": c.create(
                ContactInput(
                    "Grace B. Hopper", emails=["grace@navy.example"], phones=["+1 202 555 0101"]
                )
            ),
            "alan": c.create(ContactInput("Alan Turing", emails=["alan@bletchley.example"])),
            "kate": c.create(ContactInput("Katherine Johnson", emails=["kj@nasa.example"])),
        }
        services.notes.add(ids["ada"], "Wants the slides of the engine talk.")
    return ids


def test_lists_each_group_as_a_paragraph_with_the_contact_to_keep_first(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = add_people(db_path)
    assert run(db_path, "duplicates") == 0
    out, err = capsys.readouterr()
    assert err == ""
    paragraphs = out.strip().split("\n\n")
    assert paragraphs[0].splitlines() == [
        "Ada Lovelace (same email ada@engines.example)",
        f"  keep  #{ids['ada2']}  Ada Lovelace",  # the more complete one
        f"  merge #{ids['ada']}  Ada Lovelace",
    ]
    grace = paragraphs[1].splitlines()
    assert grace[0].startswith("Grace B. Hopper (same phone")
    assert grace[1] == f"  keep  #{ids['grace3']}  Grace B. Hopper"
    assert sorted(grace[2:]) == sorted(
        [f"  merge #{ids['grace']}  Grace Hopper", f"  merge #{ids['grace2']}  Grace Hopper"]
    )
    assert paragraphs[2].startswith("2 groups (5 people) look like duplicates.")
    assert "netdesk duplicates --merge" in paragraphs[2]
    with services_at(db_path) as services:
        assert services.contacts.count() == 7  # listing changes nothing


def test_merge_folds_every_group_into_its_keeper(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = add_people(db_path)
    assert run(db_path, "duplicates", "--merge") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip().splitlines()[-1] == "Merged 2 groups: 5 people are now 2, 3 merged away."
    with services_at(db_path) as services:
        assert services.contacts.count() == 4
        ada = services.contacts.get(ids["ada2"])
        assert ada.organization == "Analytical Engines"
        # The note of the one merged away follows the person.
        assert [n.body for n in ada.notes] == ["Wants the slides of the engine talk."]
        grace = services.contacts.get(ids["grace3"])
        assert grace.emails == ("grace@navy.example",)
        assert services.duplicates.find() == []
    assert run(db_path, "duplicates", "--merge") == 0
    assert capsys.readouterr().out == "No duplicates found.\n"


def test_names_cannot_move_the_cursor_or_fake_lines(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path) as services:
        for _ in range(2):
            services.contacts.create(
                ContactInput("Eve liaM", organization="Evil\nCorp", emails=["eve@evil.example"])
            )
    # Typed names lose their control characters on saving; a database written before that
    # may still hold them.
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE contacts SET formatted_name = ?", ("Eve\x1b[2J\u202eliaM",))
    conn.close()
    assert run(db_path, "duplicates") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert out.splitlines()[0] == "Eve [2JliaM (same email eve@evil.example)"


def test_an_empty_database_has_no_duplicates(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path):
        pass  # a netdesk database with nobody in it
    assert run(db_path, "duplicates") == 0
    assert capsys.readouterr().out == "No duplicates found.\n"


def test_merge_groups_is_one_transaction_for_all_groups(db_path: Path) -> None:
    """A group that cannot be merged (its person was deleted meanwhile) leaves the groups
    before it unmerged too: all or nothing."""
    ids = add_people(db_path)
    with services_at(db_path) as services:
        groups = [g.contact_ids for g in services.duplicates.find()]
        services.contacts.delete([ids["grace2"]])
        with pytest.raises(NotFoundError, match="no longer exist"):
            services.duplicates.merge_groups(groups)
        assert services.contacts.count() == 6
        assert len(services.duplicates.find()) == 2
        with pytest.raises(ValidationError):
            services.duplicates.merge_groups([groups[0], groups[0]])
        assert services.duplicates.merge_groups([]) == 0


def test_runs_from_a_shell_without_a_traceback_when_the_file_is_not_a_database(
    tmp_path: Path,
) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("shopping list\n")
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(bogus), "duplicates", "--merge"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "not a netdesk database" in done.stderr
    assert bogus.read_text() == "shopping list\n"


# --- namesakes --------------------------------------------------------------------------------


def test_a_conference_of_namesakes_imported_from_the_command_line_stays_whole(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = attendee_file(tmp_path, 2_000)
    assert run(db_path, "import", str(path)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}: 2000 added"
    assert out[1].startswith(f"{path}: ")
    assert "people added as new although their name matches someone" in out[1]
    assert "netdesk duplicates" in out[1] and "--on-duplicate merge-likely" in out[1]
    with services_at(db_path) as services:
        assert services.contacts.count() == 2_000
    # Listed for review, and left alone by --merge.
    assert run(db_path, "duplicates", "--merge") == 0
    out = capsys.readouterr().out
    assert "Possible duplicates: the same name, but other details differ." in out
    assert (
        "same name and organisation, but different UIDs, email addresses and phone numbers" in out
    )
    assert "Merged" not in out and "to review" in out
    with services_at(db_path) as services:
        assert services.contacts.count() == 2_000


def test_namesakes_are_merged_with_merge_likely_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = tmp_path / "anns.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@acme.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann.lee@home.example\r\nEND:VCARD\r\n"
    )
    expected = {"merge": 2, "skip": 2, "new": 2, "merge-likely": 1}
    for choice, people in expected.items():
        db_path = tmp_path / f"{choice}.sqlite"
        assert run(db_path, "import", str(cards), "--on-duplicate", choice) == 0
        out = capsys.readouterr().out
        with services_at(db_path) as services:
            assert services.contacts.count() == people, choice
        warned = "1 person added as new although their name matches someone" in out
        assert warned == (choice in ("merge", "skip")), out
    assert run(tmp_path / "dry.sqlite", "import", str(cards), "--dry-run") == 0
    assert "1 person would be added as new although" in capsys.readouterr().out
    # What is found then, and why.
    assert run(tmp_path / "merge.sqlite", "duplicates") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Ann Lee (same name, but different email addresses)" in lines
    assert lines[-1].startswith("1 possible group (2 people) to review")


def test_merge_likely_is_explained_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["import", "--help"])
    assert done.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "{merge,merge-likely,skip,new}" in said
    assert "merge-likely also merges a same-name match whose emails, phones or UIDs" in said

"""`netdesk scan` reading real (rendered) business cards: saved with their pictures, checked for
duplicates, put on the event, --dry-run --json, both sides of a card, and the exit codes and
output of the command as a user's shell sees them. Each card read costs about a second of OCR,
so these tests read few."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.services.records import ContactInput
from tests.cli.helpers import make_salon_database, run, services_at
from tests.cli.scan_pictures import blank_jpeg
from tests.scan.rendered import FOLDER

KWAME = FOLDER / "001_en_table.jpg"  # Kwame Whitmore, Hollins Consulting Limited
FRONT, BACK = FOLDER / "002_de_front.jpg", FOLDER / "002_de_back.jpg"  # Niklas Brenninger
CARD_KEYS = {
    "name",
    "given",
    "family",
    "title",
    "organization",
    "department",
    "emails",
    "phones",
    "urls",
    "address",
    "unplaced",
}


def test_a_card_merges_into_the_person_it_names_and_a_blank_photo_is_said_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The card of someone already there (same email) merges into them, with the card's
    picture, onto the event; a photo beside it that shows no card is said on stderr and makes
    the exit status 1 (as `netdesk import` does for a bad file), the card is saved all the
    same."""
    db = make_salon_database(tmp_path / "netdesk.sqlite")
    with services_at(db) as services:
        kwame = services.contacts.create(
            ContactInput(formatted_name="Kwame Whitmore", emails=["whitmore@hollins.co.uk"])
        )
    blank = tmp_path / "table.jpg"
    blank.write_bytes(blank_jpeg())

    assert run(db, "scan", "--event", "salon", str(KWAME), str(blank)) == 1

    out, err = capsys.readouterr()
    assert err == f"{blank}: no business card found on this picture.\n"
    lines = out.splitlines()
    assert lines[0].startswith(f"{KWAME}: Kwame Whitmore, Hollins Consulting Limited — merged ")
    assert "into Kwame Whitmore (same email" in lines[0]
    assert lines[1] == "1 card read from 1 of 2 pictures: 1 merged, 1 put on the event 'Salon'"
    assert len(lines) == 2
    with services_at(db) as services:
        assert services.contacts.count() == 2  # Ada and Kwame: nobody added twice
        pictures = services.card_images.list_for(kwame)
        assert [(p.mime, p.source) for p in pictures] == [("image/jpeg", KWAME.name)]
        assert services.card_images.image(pictures[0].id).startswith(b"\xff\xd8")
        salon = services.events.find_by_name("Salon")
        assert salon is not None
        assert kwame in {a.contact_id for a in services.events.attendees(salon)}


def test_dry_run_json_from_standard_input_prints_only_json_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(KWAME.read_bytes()))
    monkeypatch.setattr("sys.stdin", stdin)
    db = tmp_path / "netdesk.sqlite"

    assert run(db, "scan", "--dry-run", "--json", "--event", "New Conf", "-") == 0

    out, err = capsys.readouterr()
    cards = json.loads(out)
    assert len(cards) == 1
    card = cards[0]
    assert set(card) == CARD_KEYS | {"file", "card", "action", "duplicate_of"}
    assert (card["name"], card["given"], card["family"]) == ("Kwame Whitmore", "Kwame", "Whitmore")
    assert card["emails"] == ["whitmore@hollins.co.uk"]
    assert all(set(phone) == {"number", "kind"} for phone in card["phones"])
    assert (card["file"], card["card"], card["action"]) == ("<stdin>", 0, "would add")
    assert card["duplicate_of"] is None
    assert "Traceback" not in err
    assert not db.exists()  # a dry run leaves no new database behind


def _netdesk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    env.pop("NETDESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def test_as_a_command_two_sides_make_one_person_and_the_exit_codes_say_how_it_went(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "netdesk.sqlite")

    done = _netdesk(
        "--db", db, "scan", "--json", "--two-sided", str(FRONT), str(BACK), cwd=tmp_path
    )

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [card] = json.loads(done.stdout)  # nothing but the JSON on stdout
    assert card["name"] == "Niklas Brenninger"
    assert (card["file"], card["back"], card["action"]) == (str(FRONT), str(BACK), "added")
    with services_at(Path(db)) as services:
        niklas = services.contacts.find_by_name("Niklas Brenninger")
        assert niklas is not None
        pictures = services.card_images.list_for(niklas)
        assert [p.source for p in pictures] == [FRONT.name, BACK.name]

    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really")
    done = _netdesk("--db", db, "scan", "--json", str(broken), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "[]\n")
    assert done.stderr.startswith(f"{broken}: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr

    done = _netdesk("--db", db, "scan", "--two-sided", str(broken), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert "--two-sided takes the photos in pairs" in done.stderr


def test_a_back_with_nothing_on_it_leaves_the_front_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "back.jpg"
    blank.write_bytes(blank_jpeg())
    db = tmp_path / "netdesk.sqlite"

    assert run(db, "scan", "--dry-run", "--two-sided", str(KWAME), str(blank)) == 0

    out, err = capsys.readouterr()
    assert err == (
        f"{blank}: nothing read on this back side; the card is read from its front alone.\n"
    )
    assert out.splitlines() == [
        f"{KWAME}: Kwame Whitmore, Hollins Consulting Limited — would add",
        "1 card read from 2 pictures: dry run, nothing saved; would have: 1 added",
    ]


def test_the_same_photo_scanned_again_keeps_one_card_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Running the same command again (after fixing another photo of the list, say) merges
    the card into the person and does not keep the very same picture a second time."""
    db = make_salon_database(tmp_path / "netdesk.sqlite")
    assert run(db, "scan", str(KWAME)) == 0
    assert run(db, "scan", str(KWAME)) == 0
    out = capsys.readouterr().out
    assert "— merged into Kwame Whitmore" in out
    with services_at(db) as services:
        kwame = services.contacts.find_by_name("Kwame Whitmore")
        assert kwame is not None and services.contacts.count() == 2
        assert [p.source for p in services.card_images.list_for(kwame)] == [KWAME.name]

"""`netdesk scan` refusing what it cannot read, without running the text recogniser: usage
errors (exit 2), the scanner not installed and pictures that cannot be read (exit 1, a line
naming each file), with no traceback and nothing saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netdesk.scan.images import MAX_FILE_BYTES, MAX_PIXELS
from tests.cli.helpers import make_salon_database, run, services_at
from tests.cli.scan_pictures import ANA, card_jpeg
from tests.pictures import png_of


def _usage(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        run(db, "scan", *args)
    assert stopped.value.code == 2
    return capsys.readouterr().err


def test_usage_errors_exit_2_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "netdesk.sqlite"
    assert "IMAGE" in _usage(capsys, db)
    err = _usage(capsys, db, "--two-sided", "a.jpg", "b.jpg", "c.jpg")
    assert "--two-sided takes the photos in pairs" in err and "3 photos" in err
    assert "standard input (-) can be read only once" in _usage(capsys, db, "-", "-")
    assert "--on-duplicate" in _usage(capsys, db, "--on-duplicate", "maybe", "a.jpg")
    assert not db.exists()


def test_a_close_event_name_is_refused_before_any_photo_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_salon_database(tmp_path / "netdesk.sqlite")
    assert run(db, "scan", "--event", "Salonn", str(tmp_path / "missing.jpg")) == 2
    err = capsys.readouterr().err
    assert "no event named 'Salonn'" in err and "Salon" in err
    assert "missing.jpg" not in err  # nothing read yet


def test_without_the_scanner_it_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETDESK_NO_SCANNER", "1")
    db = tmp_path / "netdesk.sqlite"
    photo = tmp_path / "card.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    assert run(db, "scan", str(photo)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("netdesk: The card scanner is not installed.")
    assert "pip install 'netdesk[scan]'" in err
    assert not db.exists()  # no empty database left behind


def test_each_unreadable_picture_gets_its_own_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_salon_database(tmp_path / "netdesk.sqlite")
    text = tmp_path / "notes.jpg"
    text.write_text("Ana Lima, ana@example.com\n", "utf-8")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(card_jpeg(*ANA)[:3000])
    huge = tmp_path / "huge.png"
    side = int(MAX_PIXELS**0.5) + 1000
    huge.write_bytes(png_of(side, side, 2, b""))  # the header says so, nothing more
    heavy = tmp_path / "heavy.jpg"
    with heavy.open("wb") as fh:  # sparse: no disk space used
        fh.truncate(MAX_FILE_BYTES + 1)
    folder = tmp_path / "photos"
    folder.mkdir()
    empty = tmp_path / "empty.jpg"
    empty.touch()
    files = [text, cut, huge, heavy, folder, tmp_path / "missing.jpg", empty]

    assert run(db, "scan", *map(str, files)) == 1

    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == len(files), err
    for path, line in zip(files, lines, strict=True):
        assert line.startswith(f"{path}: "), line
    said = dict(zip(files, lines, strict=True))
    assert "not a picture" in said[text]
    assert "megapixels" in said[huge]
    assert " MB" in said[heavy]
    assert "folder" in said[folder]
    assert "no such file" in said[tmp_path / "missing.jpg"]
    assert "empty" in said[empty]
    assert "Traceback" not in err
    with services_at(db) as services:
        assert services.contacts.count() == 1


def test_the_database_itself_is_refused_as_a_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_salon_database(tmp_path / "netdesk.sqlite")
    other = make_salon_database(tmp_path / "other.sqlite")
    assert run(db, "scan", str(db), str(other), f"{db}-wal") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{db}: this is netdesk's database (or a file of it), not a picture."
    assert err[1] == f"{other}: this is a database, not a picture."
    assert err[2].startswith(f"{db}-wal: this is netdesk's database")
    with services_at(db) as services:  # still whole, still usable
        assert services.contacts.count() == 1


def test_closed_standard_input_is_said_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", None)
    db = tmp_path / "netdesk.sqlite"
    assert run(db, "scan", "--dry-run", "-") == 1
    assert capsys.readouterr().err == "<stdin>: standard input is closed: no picture to read.\n"
    assert not db.exists()  # a dry run leaves no new database behind


@pytest.mark.skipif(os.name == "nt", reason="FIFOs")
def test_an_endless_stream_is_cut_at_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO fed more than a picture can be: read up to the limit, then refused."""
    import threading

    fifo = tmp_path / "stream.jpg"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with fifo.open("wb") as fh:
                for _ in range(MAX_FILE_BYTES // (1 << 20) + 4):
                    fh.write(bytes(1 << 20))
        except BrokenPipeError:
            pass  # the reader stopped at its limit

    feeder = threading.Thread(target=feed)
    feeder.start()
    try:
        assert run(tmp_path / "netdesk.sqlite", "scan", "--dry-run", str(fifo)) == 1
    finally:
        feeder.join(timeout=60)
    err = capsys.readouterr().err
    assert err.startswith(f"{fifo}: the file is over") and "MB" in err


def test_an_endless_standard_input_is_cut_at_the_limit_and_said_over_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cat /dev/zero | netdesk scan -`: read up to the limit, then one line that adds up."""
    import io

    endless = io.TextIOWrapper(io.BytesIO(bytes(MAX_FILE_BYTES + (4 << 20))))
    monkeypatch.setattr("sys.stdin", endless)
    assert run(tmp_path / "netdesk.sqlite", "scan", "--dry-run", "-") == 1
    assert capsys.readouterr().err == (
        "<stdin>: the file is over 50 MB; netdesk reads pictures of up to 50 MB.\n"
    )


def test_the_help_names_every_key_json_adds_to_the_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run(tmp_path / "netdesk.sqlite", "scan", "--help")
    said = " ".join(capsys.readouterr().out.split())
    assert "file, back (with --two-sided), card, action, duplicate_of" in said


def test_a_file_name_with_a_line_break_or_escape_keeps_its_message_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A photo named by another program (or an attacker) cannot split the message or send
    the terminal an escape sequence."""
    odd = tmp_path / "IMG_1\n\x1b[2Jcard.jpg"
    odd.touch()
    assert run(tmp_path / "netdesk.sqlite", "scan", "--dry-run", str(odd)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err
    assert err.endswith("card.jpg: the file is empty (0 bytes).\n")

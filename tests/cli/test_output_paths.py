"""Every command that writes a file refuses the open database (and its -wal, -shm and backups),
however the path is spelt, with one line and exit status 2; and writes into a FIFO or a device
rather than over it."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.cli.helpers import make_salon_database, run
from tests.test_output_files import char_device


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return make_salon_database(tmp_path / "X.sqlite")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "command",
    [
        ["export", "vcard"],
        ["export", "csv"],
        ["export", "ics"],
        ["export", "vcard", "--vcard-version", "4.0"],
    ],
)
def test_export_onto_the_database_is_refused_however_it_is_spelt(
    database: Path,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = database.parent
    (folder / "sub").mkdir()
    (folder / "link.vcf").symlink_to(database)
    os.link(database, folder / "hard.vcf")
    monkeypatch.chdir(folder / "sub")
    before = _digest(database)
    for out in ["../X.sqlite", str(database), "../link.vcf", "../hard.vcf", "../X.sqlite-wal"]:
        out_args = [*command[:2], out, *command[2:]]
        assert run(database, *out_args) == 2, out
        err = capsys.readouterr().err
        assert err == f"netdesk: refusing to write to {Path(out)}: it is the open database; " + (
            "nothing was written.\n"
        )
    assert run(database, *command[:2], "../X.sqlite.backups/contacts.vcf", *command[2:]) == 2
    assert "backups folder" in capsys.readouterr().err
    assert _digest(database) == before
    assert (folder / "link.vcf").is_symlink()


def test_qr_badges_and_backup_refuse_the_database_too(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = database.parent
    for name in ("card.png", "card.svg", "badges.pdf"):
        (folder / name).symlink_to(database)
    before = _digest(database)

    assert run(database, "qr", "--contact", "ada@example.org", str(folder / "card.png")) == 2
    assert "refusing to write to" in capsys.readouterr().err
    assert run(database, "qr", "--contact", "ada@example.org", str(folder / "card.svg")) == 2
    assert "it is the open database" in capsys.readouterr().err
    assert run(database, "badges", "--event", "Salon", str(folder / "badges.pdf")) == 2
    assert "it is the open database" in capsys.readouterr().err
    for out in (database, folder / "badges.pdf", folder / "X.sqlite.backups" / "mine.sqlite"):
        assert run(database, "backup", str(out)) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"netdesk: refusing to write to {out}: it is ")
    assert _digest(database) == before
    assert all((folder / n).is_symlink() for n in ("card.png", "card.svg", "badges.pdf"))


def test_export_through_a_symlink_keeps_the_link(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.vcf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    link = tmp_path / "contacts.vcf"
    link.symlink_to(target)

    assert run(database, "export", "vcard", str(link)) == 0

    assert link.is_symlink()
    assert b"FN:Ada Lovelace" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["vcard", "csv", "ics"])
def test_export_into_a_fifo_streams_into_it(database: Path, tmp_path: Path, kind: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()

    assert run(database, "export", kind, str(fifo)) == 0

    reader.join(timeout=10)
    assert len(received) == 1 and (b"Ada Lovelace" in received[0] or b"Salon" in received[0])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_to_a_full_device_says_the_disk_is_full(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    null = char_device(tmp_path, "null", 3)
    full = char_device(tmp_path, "full", 7)
    assert run(database, "export", "csv", str(null)) == 0
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    capsys.readouterr()
    for kind in ("vcard", "csv", "ics"):
        assert run(database, "export", kind, str(full)) == 1
        assert capsys.readouterr().err == f"netdesk: cannot write {full}: the disk is full\n"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_standard_output_sent_to_the_database_is_refused(database: Path) -> None:
    before = _digest(database)
    with database.open("ab") as appended:  # as the shell's `>> X.sqlite`
        done = subprocess.run(
            [sys.executable, "-m", "netdesk", "--db", str(database), "export", "vcard", "-"],
            stdout=appended,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "netdesk: refusing to write to standard output: it is the open database; "
        "nothing was written.\n",
    )
    assert _digest(database) == before


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
def test_dev_stdout_sent_to_a_file_is_added_to_not_replaced(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.vcf"
    out.write_bytes(b"kept\n")
    with out.open("ab") as appended:  # as the shell's `>> log.vcf`
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "netdesk",
                "--db",
                str(database),
                "export",
                "vcard",
                "/dev/stdout",
            ],
            stdout=appended,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert (done.returncode, done.stderr) == (0, "Wrote 1 person (vCard 3.0) to /dev/stdout\n")
    data = out.read_bytes()
    assert data.startswith(b"kept\nBEGIN:VCARD\r\n") and data.endswith(b"END:VCARD\r\n")


@pytest.mark.parametrize("kind", ["vcard", "csv", "ics"])
def test_export_to_a_closed_standard_output_says_so(
    database: Path, kind: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netdesk export csv - >&-`: Python starts with no sys.stdout at all. It printed
    "netdesk: AttributeError: 'NoneType' object has no attribute 'fileno'"."""
    monkeypatch.setattr(sys, "stdout", None)

    code = run(database, "export", kind, "-")

    assert (code, capsys.readouterr().err) == (
        1,
        "netdesk: cannot write -: standard output is closed\n",
    )

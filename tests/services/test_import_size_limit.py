"""A file far too big to import is refused by its size, before a byte of it is read."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netdesk.cli.main import main
from netdesk.services.importing import MAX_FILE_BYTES, ImportFileError, read_limited
from netdesk.services.service_set import Services


def _sparse(path: Path, size: int, head: bytes) -> Path:
    """A file of `size` bytes that takes no disk space: its head, then a hole."""
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


@pytest.mark.parametrize("name", ["huge.vcf", "huge.csv", "huge.ics"])
def test_a_file_of_several_gigabytes_is_refused_with_its_size(
    sqlite_services: Services, tmp_path: Path, name: str
) -> None:
    head = {
        "huge.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n",
        "huge.csv": b"First Name,Last Name,Email Address\r\nAda,Lovelace,ada@example.org\r\n",
        "huge.ics": b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
    }[name]
    path = _sparse(tmp_path / name, 3 * 1024**3, head)
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as info:
            sqlite_services.imports.import_file(path)
        with pytest.raises(ImportFileError):
            sqlite_services.imports.preview(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(info.value) == (
        f"{path}: the file is 3.0 GB; netdesk imports files of up to 256 MB. "
        "Split it into smaller files."
    )
    assert peak < 5 * 1024**2  # nothing of it was read into memory
    assert sqlite_services.contacts.count() == 0


def test_a_file_just_over_the_limit_is_refused(sqlite_services: Services, tmp_path: Path) -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    over = _sparse(tmp_path / "over.vcf", MAX_FILE_BYTES + 1, card)
    with pytest.raises(ImportFileError, match="the file is 256 MB"):
        sqlite_services.imports.import_file(over)


def test_the_command_line_says_so_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sparse(tmp_path / "huge.vcf", 5 * 1024**3, b"BEGIN:VCARD\r\n")
    code = main(["--db", str(tmp_path / "netdesk.sqlite"), "import", str(path)])
    assert code == 1
    err = capsys.readouterr().err
    assert "the file is 5.0 GB; netdesk imports files of up to 256 MB" in err
    assert "Traceback" not in err


# ---- streams: standard input, FIFOs, devices ------------------------------------------------

CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piped Person\r\nEMAIL:piped@example.org\r\nEND:VCARD\r\n"


class _Endless(io.RawIOBase):
    """A stream that never ends, as `yes BEGIN:VCARD |` or /dev/zero."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        view[:] = b"\0" * len(view)
        return len(view)


def test_a_stream_stops_at_the_limit_it_is_given() -> None:
    with pytest.raises(ImportFileError) as info:
        read_limited(io.BufferedReader(_Endless()), "endless", limit=100_000)
    assert str(info.value) == (
        "endless: the file is larger than 97 KB; netdesk imports files of up to 97 KB. "
        "Split it into smaller files."
    )
    assert read_limited(io.BytesIO(b"x" * 100_000), "exact", limit=100_000) == b"x" * 100_000


def _memory_capped(max_bytes: int) -> Callable[[], None]:
    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))

    return cap


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_at_the_limit_not_read_forever(tmp_path: Path) -> None:
    # In a process of its own with its memory capped: a reader without the bound would
    # otherwise take all the machine has (23.5 GB before the kernel stopped it).
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "netdesk",
            "--db",
            str(tmp_path / "x.sqlite"),
            "import",
            "/dev/zero",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=_memory_capped(2 * 1024**3),
    )
    elapsed = time.monotonic() - started
    assert (done.returncode, done.stderr) == (
        1,
        "/dev/zero: the file is larger than 256 MB; netdesk imports files of up to 256 MB. "
        "Split it into smaller files.\n",
    )
    assert elapsed < 10  # about a second: the start-up, and 256 MB of zeros


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_read_once_and_bounded(sqlite_services: Services, tmp_path: Path) -> None:
    fifo = tmp_path / "cards.vcf"
    os.mkfifo(fifo)

    def feed(data: bytes) -> threading.Thread:
        def write() -> None:
            with contextlib.suppress(BrokenPipeError), fifo.open("wb") as out:
                out.write(data)

        thread = threading.Thread(target=write, daemon=True)
        thread.start()
        return thread

    writer = feed(CARD)
    report = sqlite_services.imports.import_file(fifo)
    writer.join(timeout=10)
    assert report.added == 1

    sqlite_services.imports.max_file_bytes = 64 * 1024
    writer = feed(CARD * 10_000)
    with pytest.raises(ImportFileError, match=r"cards\.vcf: the file is larger than 64 KB"):
        sqlite_services.imports.import_file(fifo)
    writer.join(timeout=10)
    assert not writer.is_alive()
    assert sqlite_services.contacts.count() == 1


def _stdin(monkeypatch: pytest.MonkeyPatch, raw: io.RawIOBase | io.BytesIO) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw)))  # type: ignore[arg-type]


def test_dash_imports_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "netdesk.sqlite"
    _stdin(monkeypatch, io.BytesIO(CARD))
    assert main(["--db", str(db_path), "import", "--event", "Piped", "-"]) == 0
    assert capsys.readouterr().out == (
        "<stdin>: created event 'Piped'\n<stdin>: 1 added, 1 attached to the event\n"
    )
    # A CSV is told by its content: standard input has no file name.
    exported = tmp_path / "people.csv"
    assert main(["--db", str(db_path), "export", "csv", str(exported)]) == 0
    capsys.readouterr()
    _stdin(monkeypatch, io.BytesIO(exported.read_bytes()))
    assert main(["--db", str(db_path), "import", "--dry-run", "-"]) == 0
    assert capsys.readouterr().out == "<stdin>: dry run, nothing written; would have: 1 merged\n"


def test_endless_standard_input_stops_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, _Endless())
    assert main(["--db", str(tmp_path / "netdesk.sqlite"), "import", "-"]) == 1
    assert capsys.readouterr().err == (
        "<stdin>: the file is larger than 256 MB; netdesk imports files of up to 256 MB. "
        "Split it into smaller files.\n"
    )


def test_dash_with_standard_input_closed_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netdesk import - <&-`: Python starts with no sys.stdin at all. It printed
    "netdesk: AttributeError: 'NoneType' object has no attribute 'buffer'"."""
    monkeypatch.setattr(sys, "stdin", None)
    for extra in ([], ["--columns"]):
        assert main(["--db", str(tmp_path / "netdesk.sqlite"), "import", *extra, "-"]) == 1
        assert capsys.readouterr().err == "<stdin>: standard input is closed.\n"


def test_columns_of_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cat people.csv | netdesk import --columns -` said "-: there is no such file"."""
    _stdin(monkeypatch, io.BytesIO(b"Name,E-mail,Shoe size\r\nAda,ada@example.org,38\r\n"))
    assert main(["--db", str(tmp_path / "netdesk.sqlite"), "import", "--columns", "-"]) == 0
    assert capsys.readouterr().out == (
        "Name -> formatted_name\nE-mail -> email\nShoe size -> (not imported)\n"
    )
    _stdin(monkeypatch, io.BytesIO(CARD))
    assert main(["--db", str(tmp_path / "netdesk.sqlite"), "import", "--columns", "-"]) == 1
    assert capsys.readouterr().err == (
        "<stdin>: not a CSV file; --columns shows the columns of CSV files\n"
    )

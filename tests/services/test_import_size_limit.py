"""A file far too big to import is refused by its size, before a byte of it is read."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from netdesk.cli import main
from netdesk.services.importing import MAX_FILE_BYTES, ImportFileError
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

"""Broken and hostile pictures and payloads for "Add from QR picture": each is read, or
refused with a message that says why, before any memory is spent on it (limits MAX_PIXELS and
MAX_FILE_BYTES). Big inputs are generated here, and big files are sparse."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from netdesk.cards.qr import qr_code
from netdesk.cards.qr_image import save_png
from netdesk.cards.qr_read import (
    MAX_FILE_BYTES,
    MAX_PIXELS,
    QrReadError,
    contacts_from_image,
    contacts_from_text,
    load_image,
)
from tests.reliability.mutations import png_declaring

MECARD = "MECARD:N:Doe,Jane;EMAIL:jane@example.org;;"


@pytest.fixture
def code_png(tmp_path: Path) -> Path:
    path = tmp_path / "code.png"
    save_png(qr_code(MECARD), path, pixels_per_module=6)
    return path


def test_a_header_declaring_100000_by_100000_pixels_is_refused_before_decoding(
    code_png: Path, tmp_path: Path
) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(png_declaring(code_png.read_bytes(), 100_000, 100_000))
    started = time.perf_counter()
    with pytest.raises(QrReadError) as raised:
        load_image(path)
    assert time.perf_counter() - started < 1
    assert str(raised.value) == (
        f"{path}: the picture is 100,000 x 100,000 pixels; netdesk reads pictures of up to "
        "60 megapixels. Crop the picture to the code or make it smaller."
    )


def test_a_picture_just_over_the_pixel_limit_is_refused(code_png: Path, tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    path.write_bytes(png_declaring(code_png.read_bytes(), MAX_PIXELS // 1000 + 1, 1000))
    with pytest.raises(QrReadError, match="60,001 x 1,000 pixels"):
        load_image(path)


def test_a_file_over_50_mb_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    with path.open("wb") as sparse:  # no disk space used: a hole of 51 MB
        sparse.truncate(MAX_FILE_BYTES + 1024 * 1024)
    with pytest.raises(QrReadError) as raised:
        load_image(path)
    assert str(raised.value) == (
        f"{path}: the file is 51 MB; netdesk reads pictures of up to 50 MB. "
        "Crop the picture to the code."
    )


def test_a_png_with_the_wrong_extension_still_gives_its_contact(
    code_png: Path, tmp_path: Path
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(code_png.read_bytes())
    (record,) = contacts_from_image(load_image(path), "photo.jpg").records
    assert record.formatted_name == "Jane Doe"


@pytest.mark.parametrize("keep", [0, 8, 33, 100])
def test_a_cut_off_png_is_refused_with_a_reason(code_png: Path, tmp_path: Path, keep: int) -> None:
    path = tmp_path / "cut.png"
    path.write_bytes(code_png.read_bytes()[:keep])
    with pytest.raises(QrReadError, match=r"cut\.png: not a picture netdesk can open"):
        load_image(path)


def test_a_folder_or_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QrReadError, match="no such file"):
        load_image(tmp_path)
    with pytest.raises(QrReadError, match="no such file"):
        load_image(tmp_path / "missing.png")


def test_loading_leaves_qts_process_wide_allocation_limit_alone(code_png: Path) -> None:
    before = QImageReader.allocationLimit()
    load_image(code_png)
    assert QImageReader.allocationLimit() == before
    assert before * 1024 * 1024 > MAX_PIXELS * 4  # Qt refuses nothing we accept


@pytest.mark.parametrize(
    "text",
    [
        "MECARD:",
        "MECARD:N:",
        "MECARD:N:\\",
        "MECARD:N:,;;",
        "MECARD:N:" + "\\;" * 5000,
        "MECARD:ADR:" + "," * 10 + ";N:x;;",
        "BEGIN:VCARD\r\nEND:VCARD",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + "x" * 3000,
        "\ufeff\0\0BEGIN:VCARD",
    ],
)
def test_hostile_payloads_give_a_contact_or_a_reason(text: str) -> None:
    try:
        records = contacts_from_text(text, "code")
    except QrReadError as exc:
        assert str(exc).strip()
    else:
        assert records and all(r.formatted_name for r in records)

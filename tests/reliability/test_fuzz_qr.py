"""The QR picture decoder against broken and hostile pictures (real codes saved as PNG and
JPEG, then with flipped bytes, cut off, a header claiming a huge size, the wrong extension)
and against fuzzed payload text: every input ends as contacts and problems, or QrReadError
with a message. Nothing else may come out, hang or exhaust memory."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImageWriter

from netdesk.cards.qr import qr_code
from netdesk.cards.qr_image import save_png, scaled_image
from netdesk.cards.qr_read import QrReadError, contacts_from_image, contacts_from_text, load_image
from netdesk.formats.records import ContactRecord
from tests.reliability.mutations import (
    FUZZ_EXAMPLES,
    INPUT_SECONDS,
    LOOP_INPUTS,
    check_reader_items,
    mutate_picture,
)

PAYLOADS = (
    "MECARD:N:Doe,Jane;ORG:Acme;TEL:+1 555 0100;EMAIL:jane@example.org;;",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n"
    "EMAIL:ada@example.org\r\nEND:VCARD\r\n",
)
EXTENSIONS = (".png", ".jpg", ".gif", ".bmp", "")
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def real_pictures(folder: Path) -> list[bytes]:
    """Each payload's code as a PNG (the app's own writer) and as a JPEG."""
    pictures = []
    for number, text in enumerate(PAYLOADS):
        png = folder / f"code{number}.png"
        save_png(qr_code(text), png, pixels_per_module=4)
        pictures.append(png.read_bytes())
        jpeg = folder / f"code{number}.jpg"
        writer = QImageWriter(str(jpeg), QByteArray(b"jpeg"))
        assert writer.write(scaled_image(qr_code(text), 4)), writer.errorString()
        pictures.append(jpeg.read_bytes())
    return pictures


def decode_file(path: Path) -> None:
    """The property: records (and problems naming the picture), or QrReadError saying why."""
    started = time.perf_counter()
    try:
        found = contacts_from_image(load_image(path), path.name)
    except QrReadError as exc:
        assert str(exc).strip()
    else:
        assert found.records
        assert all(isinstance(r, ContactRecord) for r in found.records)
        for problem in found.problems:
            assert problem.file.startswith(path.name) and problem.line >= 0 and problem.reason
    assert time.perf_counter() - started < INPUT_SECONDS


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    return real_pictures(tmp_path_factory.mktemp("qr-seeds"))


def test_the_unbroken_pictures_give_their_contacts(pictures: list[bytes], tmp_path: Path) -> None:
    for number, data in enumerate(pictures):
        path = tmp_path / f"good{number}.png"
        path.write_bytes(data)
        assert contacts_from_image(load_image(path), "good").records


@pytest.mark.parametrize("batch", range(4))
def test_mutated_pictures_are_read_or_refused(
    pictures: list[bytes], tmp_path: Path, batch: int
) -> None:
    """The deterministic loop: LOOP_INPUTS broken pictures in four batches."""
    for number in range(batch, LOOP_INPUTS, 4):
        rng = random.Random(f"qr-{number}")
        data = mutate_picture(rng.choice(pictures), rng)
        path = tmp_path / f"broken{rng.choice(EXTENSIONS)}"
        path.write_bytes(data)
        try:
            decode_file(path)
        except BaseException as exc:
            exc.add_note(f"input qr-{number} ({len(data):,} bytes, {path.name})")
            raise


@given(
    seed=st.integers(0, 3), rng=st.randoms(use_true_random=False), ext=st.sampled_from(EXTENSIONS)
)
@settings(FUZZ, max_examples=max(10, FUZZ_EXAMPLES // 3))
def test_hypothesis_pictures_are_read_or_refused(
    pictures: list[bytes],
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    rng: random.Random,
    ext: str,
) -> None:
    path = tmp_path_factory.getbasetemp() / f"hypothesis{ext}"
    path.write_bytes(mutate_picture(pictures[seed], rng))
    decode_file(path)


def read_text(text: str) -> None:
    try:
        records = contacts_from_text(text, "code")
    except QrReadError as exc:
        assert str(exc).strip()
    else:
        check_reader_items(records, "code", (ContactRecord,))
        assert records and all(r.formatted_name for r in records)


@given(st.text(max_size=3000))
@FUZZ
def test_fuzzed_mecard_payloads(body: str) -> None:
    read_text("MECARD:N:" + body)


@given(st.lists(st.text(max_size=200), max_size=30), st.sampled_from(["\r\n", "\n", ";", ""]))
@FUZZ
def test_fuzzed_vcard_payloads(lines: list[str], end: str) -> None:
    read_text("BEGIN:VCARD\r\nVERSION:3.0\r\n" + end.join(lines) + end + "END:VCARD")


@given(st.text(max_size=3000))
@FUZZ
def test_fuzzed_payload_text(text: str) -> None:
    read_text(text)

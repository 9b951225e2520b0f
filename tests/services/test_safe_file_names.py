"""File names made from contact and event names stay plain names inside the chosen folder
(issue 5: "File names derived from contact names cannot escape the chosen folder")."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netdesk.services.exporting import safe_file_name
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

HOSTILE = [
    "../../etc/passwd",
    "..",
    ".",
    "/abs/path",
    "a\\b",
    "C:\\Windows\\win.ini",
    "CON",
    "con",
    "NUL.txt",
    "nul .txt",
    "COM1",
    "lpt9.doc",
    "AUX.",
    "name\0x",
    "x" * 300,
    "é" * 300,
    "😀" * 300,
    "",
    "...",
    ". . .",
    "   ",
    " .. / .. ",
    "\t\n\r",
    "a\u202egpj.exe",
    "zero\u200bwidth",
    "line\u2028break",
    "<b>bold</b>|?*\"':",
    "~",
    "-rf",
]
WINDOWS_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"{p}{n}" for p in ("COM", "LPT") for n in range(10)),
}


def assert_plain_name(result: str, suffix: str) -> None:
    assert result.endswith(suffix)
    stem = result[: len(result) - len(suffix)] if suffix else result
    assert stem and stem.strip(" .") == stem, repr(result)
    assert result not in (".", "..")
    assert "/" not in result and "\\" not in result and os.sep not in result
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in result), repr(result)
    assert "\u202e" not in result and "\u200b" not in result
    assert len(result.encode("utf-8")) <= 200
    assert result.split(".", 1)[0].rstrip(" ").upper() not in WINDOWS_DEVICES, result


def assert_stays_in(folder: Path, name: str) -> None:
    path = folder / name
    assert path.resolve().parent == folder.resolve()
    path.write_text("x")  # the file system takes it
    assert [p.name for p in folder.iterdir()] == [name]
    path.unlink()


def _qr_card_png(name: str) -> str:
    from netdesk.ui.cards.saving import file_stem

    return file_stem(name) + ".png"


BUILDERS: dict[str, tuple[Callable[[str], str], str]] = {
    "export": (lambda name: safe_file_name(name, ".vcf", "contacts"), ".vcf"),
    "event calendar": (lambda name: safe_file_name(name, ".ics", "Event"), ".ics"),
    "qr card": (_qr_card_png, ".png"),
    "badges pdf": (lambda name: safe_file_name(f"{name} badges", ".pdf", "badges"), ".pdf"),
    "no suffix": (lambda name: safe_file_name(name, "", "contact"), ""),
}


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("name", HOSTILE, ids=lambda n: repr(n[:24]))
def test_a_hostile_name_gives_a_plain_file_name_in_the_folder(
    name: str, builder: str, tmp_path: Path
) -> None:
    build, suffix = BUILDERS[builder]
    result = build(name)
    assert_plain_name(result, suffix)
    folder = tmp_path / "chosen"
    folder.mkdir()
    assert_stays_in(folder, result)


def test_ordinary_names_are_kept_as_they_are() -> None:
    assert safe_file_name("Ada Lovelace", ".vcf", "contact") == "Ada Lovelace.vcf"
    assert safe_file_name("Q&A: 2026/1", ".csv", "x") == "Q&A- 2026-1.csv"
    assert safe_file_name("Café Zürich", ".vcf", "x") == "Café Zürich.vcf"
    assert safe_file_name("CON QR card", "", "x") == "CON QR card"  # only the bare device
    assert safe_file_name("Console", ".vcf", "x") == "Console.vcf"


def test_empty_and_dots_fall_back_and_devices_are_renamed() -> None:
    for name in ("", "..", ".", "...", "   ", "/", "\\"):
        assert safe_file_name(name, ".vcf", "contact") == "contact.vcf"
    assert safe_file_name("CON", ".vcf", "x") == "_CON.vcf"
    assert safe_file_name("NUL.txt", "", "x") == "_NUL.txt"
    assert safe_file_name("../../etc/passwd", ".vcf", "x") == "etc-passwd.vcf"


def test_long_names_are_cut_to_whole_characters_within_the_byte_limit() -> None:
    for char in ("x", "é", "中", "😀"):
        result = safe_file_name(char * 300, ".vcf", "x")
        assert set(result.removesuffix(".vcf")) == {char}
        assert len(result.encode("utf-8")) <= 200


START = datetime(2026, 5, 4, 18, 0, tzinfo=UTC)
NAMES_A_CONTACT_CAN_HAVE = [n for n in HOSTILE if n.strip(" \t\r\n") and "\0" not in n]


def test_exports_of_people_named_like_paths_stay_in_the_folder(
    services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in NAMES_A_CONTACT_CAN_HAVE:
        contact = services.contacts.create(ContactInput(formatted_name=name[:255]))
        for suffix in (".vcf", ".csv"):
            result = services.exports.file_name([contact], suffix)
            assert_plain_name(result, suffix)
            assert_stays_in(folder, result)
        event = services.events.create(EventInput(name=name[:200], kind="meetup", starts_at=START))
        result = safe_file_name(services.events.get(event).name, ".ics", "Event")
        assert_plain_name(result, ".ics")
        assert_stays_in(folder, result)

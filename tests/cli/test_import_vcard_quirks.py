"""`netdesk import` of vCard files with the quirks of real exports, end to end: an iPhone's
CR CR LF line ends with a folded photo, and a file cut short before its last END:VCARD. What
goes in comes out again: through the database and an export, byte for byte."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.read import read_vcard_file
from netdesk.services.service_set import Services
from tests.cli.helpers import run, services_at
from tests.pictures import png_noise

PNG = png_noise(16)


def ios_file() -> bytes:
    """Two cards as an iPhone shares them (CR CR LF), the photo folded at 75 bytes; the file
    ends before the second card's END:VCARD, as a cut mail attachment does."""
    photo = b"PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(PNG)
    folds = [photo[:75]] + [b" " + photo[i : i + 74] for i in range(75, len(photo), 74)]
    lines = [
        b"BEGIN:VCARD",
        b"VERSION:3.0",
        b"N:Nowak;Zofia;;;",
        b"FN:Zofia Nowak",
        b"NOTE:Met at the Krakow meetup\\, wants the slides of the talk about async and",
        b"  the one about packaging.",
        b"EMAIL;type=INTERNET;type=HOME:zofia@example.org",
        *folds,
        b"END:VCARD",
        b"BEGIN:VCARD",
        b"VERSION:3.0",
        b"FN:Frank Dawson",
        b"EMAIL;type=INTERNET:frank@lotus.example",
    ]
    assert len(folds) > 5
    return b"\r\r\n".join(lines) + b"\r\r\n"


def _contact(services: Services, name: str) -> int:
    [row] = [row for row in services.search.page("", limit=100) if row.name == name]
    return row.id


def test_an_ios_file_cut_short_imports_both_cards_and_the_photo_byte_for_byte(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "shared.vcf"
    path.write_bytes(ios_file())
    assert run(db_path, "import", str(path)) == 0  # only a warning: nothing was left out
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{path}: 2 added, 1 warning"]
    lines = ios_file().count(b"\n")
    assert err.splitlines() == [
        f"{path}:{lines}: warning: the file ends before END:VCARD; the card was kept"
    ]
    with services_at(db_path) as services:
        zofia = services.contacts.get(_contact(services, "Zofia Nowak"))
        assert zofia.note == (
            "Met at the Krakow meetup, wants the slides of the talk about async and "
            "the one about packaging."
        )
        assert services.photos.photo(zofia.id) == (PNG, "image/png")
        frank = services.contacts.get(_contact(services, "Frank Dawson"))
        assert list(frank.emails) == ["frank@lotus.example"]
    out_path = tmp_path / "out.vcf"
    assert run(db_path, "export", "vcard", str(out_path)) == 0
    exported = {
        item.formatted_name: item
        for item in read_vcard_file(out_path)
        if isinstance(item, ContactRecord)
    }
    assert set(exported) == {"Zofia Nowak", "Frank Dawson"}
    assert exported["Zofia Nowak"].photo == PNG


def test_the_import_service_keeps_the_photo_on_both_databases(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "shared.vcf"
    path.write_bytes(ios_file())
    report = services.imports.import_file(path)
    assert (report.added, [p.reason for p in report.problems]) == (
        2,
        ["the file ends before END:VCARD; the card was kept"],
    )
    zofia = _contact(services, "Zofia Nowak")
    assert services.photos.photo(zofia) == (PNG, "image/png")
    [again] = [
        item
        for item in read_vcard_file_bytes(services.exports.vcard_bytes([zofia]), tmp_path)
        if isinstance(item, ContactRecord)
    ]
    assert again.photo == PNG


def read_vcard_file_bytes(data: bytes, folder: Path) -> list[object]:
    path = folder / "again.vcf"
    path.write_bytes(data)
    return list(read_vcard_file(path))

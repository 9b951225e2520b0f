"""Whatever a contact's kept extra lines hold (another program's properties, envelopes, broken
parameters, control characters, values of the wrong type), the card written around them is read
by vobject, ical.js and our strict parser. Generated from a fixed seed: 1,500 cards a run."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.write import write_vcards
from tests.formats.independent_vcard import parse_vcards
from tests.formats.three_parsers import parse_with_icaljs, parse_with_vobject

CARDS = 1_500
NAMES = [
    "X-SKYPE", "X-ABLabel", "item1.X-ABLabel", "TZ", "GEO", "BDAY", "ANNIVERSARY", "REV",
    "PRODID", "PROFILE", "NAME", "SOURCE", "VERSION", "BEGIN", "END", "FN", "N", "UID", "KEY",
    "PHOTO", "LOGO", "SOUND", "AGENT", "LABEL", "IMPP", "KIND", "GENDER", "LANG", "MEMBER",
    "RELATED", "CLIENTPIDMAP", "X-EVOLUTION-FILE-AS", "home.TEL", "X_BAD_NAME", "x-a/b",
    "CATEGORIES", "NOTE", "EMAIL", "ORG", "TITLE", "ROLE", "MAILER", "CLASS", "SORT-STRING",
    "NICKNAME", "X-", "-", "A.B.C", "",
]  # fmt: skip
PARAMS = [
    "", ";TYPE=work", ";HOME", ";ENCODING=b", ";ENCODING=BASE64", ";BASE64", ";VALUE=text",
    ";VALUE=date", ";VALUE=date-time", ";VALUE=uri", ";VALUE=utc-offset", ";VALUE=timestamp",
    ";CHARSET=utf-8", ";ENCODING=QUOTED-PRINTABLE", ';X-P="a:b;c"', ";X-P=a^b", ';X-Q="',
    ";=x", ";TYPE=", ";TYPE=a,,b", ";PREF=1", ";LANGUAGE=de", ";MEDIATYPE=image/png",
    ";LABEL=\"Street 1\\nTown\"", ";TYPE=\"x,y\"", ";X-EMPTY=\"\"",
]  # fmt: skip
VALUES = [
    "plain", "", "a\\", "a\\,b\\;c", "19960415", "--0203", "1953-10-15T23:10:00Z", "circa 1800",
    "Europe/Berlin", "-05:00", "-0500", "geo:1.5,2.5", "1.5;2.5", "AAA", "AAAA", "!!!",
    "iVBORw0KGgo=", "http://example.org/a?b=c", "BEGIN:VCARD", "END:VCARD", "x\x00y", "x\x1by",
    "tab\there", "\u2028sep", "\x85nel", "ü" * 40, "中文" * 30, "=E2=82=AC", "a:b:c", "a;b;c",
    '"quoted"', "^n^'", "x" * 200, ";;;;;;", ",,,", " leading", "trailing ",
]  # fmt: skip


def _line(rng: random.Random) -> str:
    name = rng.choice(NAMES)
    params = "".join(rng.choice(PARAMS) for _ in range(rng.randrange(3)))
    value = "".join(rng.choice(VALUES) for _ in range(rng.randrange(1, 3)))
    line = f"{name}{params}:{value}"
    if rng.random() < 0.1:
        cut = rng.randrange(len(line) + 1)
        line = (
            line[:cut] + rng.choice(["\r\n", "\n", ":", ";", '"', "\\", "\x00", " "]) + line[cut:]
        )
    return line


def _records() -> list[ContactRecord]:
    rng = random.Random(20261204)
    return [
        ContactRecord(
            uid=rng.choice(["", f"u-{n}", f"urn:uuid:{n}"]),
            formatted_name=f"Person {n}",
            given_name=rng.choice(["", "Ada"]),
            extra_lines=[_line(rng) for _ in range(rng.randrange(1, 6))],
        )
        for n in range(CARDS)
    ]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_any_kept_lines_leave_a_card_every_parser_reads(version: str, tmp_path: Path) -> None:
    records = _records()
    out = io.BytesIO()
    write_vcards(records, out, version)
    data = out.getvalue()

    cards = data.split(b"\r\nEND:VCARD\r\n")[:-1]
    assert len(cards) == CARDS
    for card in cards:
        text = card + b"\r\nEND:VCARD\r\n"
        try:
            parse_vcards(text)
            assert parse_with_vobject(text) == 1
        except Exception as exc:
            pytest.fail(f"{exc}\n{text.decode()}")
    path = tmp_path / f"fuzz-{version}.vcf"
    path.write_bytes(data)
    parse_with_icaljs(path)

"""Line breaks as real files write them: iOS's CR CR LF and other mixes of CR and LF, blank
lines inside cards, and vCard 2.1 values continued after a backslash."""

from __future__ import annotations

import base64
import tracemalloc

import pytest

from netdesk.formats.vcard.decode import CHUNK, logical_lines
from tests.formats.vcard_read_helpers import read_all, read_one
from tests.pictures import png_noise

# Line ends seen in real exports: CRLF (RFC), LF (Unix tools), CR (old Mac), CR CR LF (iOS
# share sheets and CRLF files copied in text mode), LF CR (reversed), and all of them mixed.
LINE_ENDS = {
    "crlf": [b"\r\n"],
    "lf": [b"\n"],
    "cr": [b"\r"],
    "cr-cr-lf": [b"\r\r\n"],
    "lf-cr": [b"\n\r"],
    "mixed": [b"\r\r\n", b"\n", b"\r\n", b"\r", b"\n\r", b"\r\r\r\n"],
}


NOTE = "Met at the Krakow meetup, wants the slides of the talk about async. "


def real_png() -> bytes:
    data = png_noise(16)
    assert 300 < len(data) < 2000, len(data)
    return data


def folded(line: bytes, width: int = 75) -> list[bytes]:
    """`line` folded as iOS folds it: `width` bytes, then continuation lines after a space."""
    parts = [line[:width]]
    parts += [b" " + line[start : start + width - 1] for start in range(width, len(line), 74)]
    return parts


def ios_card(png: bytes) -> list[bytes]:
    """The physical lines of an iPhone contact shared as a .vcf, without their line ends."""
    photo = b"PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(png)
    return [
        b"BEGIN:VCARD",
        b"VERSION:3.0",
        b"PRODID:-//Apple Inc.//iPhone OS 17.5//EN",
        b"N:Nowak;Zofia;;;",
        b"FN:Zofia Nowak",
        *folded(b"NOTE:" + NOTE.encode() * 2),
        b"TEL;type=CELL;type=VOICE;type=pref:+48 601 234 567",
        *folded(photo),
        b"END:VCARD",
    ]


def joined(lines: list[bytes], ends: list[bytes]) -> bytes:
    return b"".join(line + ends[index % len(ends)] for index, line in enumerate(lines))


@pytest.mark.parametrize("style", LINE_ENDS)
def test_any_line_end_keeps_a_folded_photo_byte_for_byte_and_a_folded_note_whole(
    style: str,
) -> None:
    png = real_png()
    lines = ios_card(png)
    assert sum(line.startswith(b" ") for line in lines) > 5  # the photo folds over lines
    record = read_one(joined(lines, LINE_ENDS[style]))
    assert record.photo == png
    assert record.photo_mime == "image/png"
    assert record.note == (NOTE * 2).strip()
    assert [phone.value for phone in record.phones] == ["+48 601 234 567"]


@pytest.mark.parametrize("style", LINE_ENDS)
def test_problems_name_the_line_an_editor_shows(style: str) -> None:
    # grep -n, less, vim and sed count CR CR LF (and LF CR) as one line end, an empty line
    # between two line ends as a line; a file with no LF at all ends its lines with CR.
    lines = [b"BEGIN:VCARD", b"VERSION:3.0", b"FN:Ada", b"NOTE:one", b" two", b"garbage here"]
    data = joined([*lines, b"END:VCARD"], LINE_ENDS[style])
    records, problems = read_all(data)
    assert records[0].note == "onetwo"
    assert [(p.line, p.reason) for p in problems] == [
        (6, "line has no ':' separating name and value")
    ]
    if style not in ("cr", "mixed"):
        assert data[: data.index(b"garbage")].count(b"\n") + 1 == 6


def test_empty_lines_count_as_lines_and_end_only_a_soft_line_break() -> None:
    data = (
        b"BEGIN:VCARD\r\n\r\nVERSION:2.1\r\nNOTE:folded\r\n\r\n after an empty line\r\n"
        b"ADR;QUOTED-PRINTABLE:;;Street;=\r\n\r\nTEL:1\r\nN;QUOTED-PRINTABLE:A=\r\r\nB\r\n"
        b"bad\r\nEND:VCARD\r\n"
    )
    assert [number for number, _ in logical_lines(data)] == [1, 3, 4, 7, 9, 10, 12, 13]
    records, problems = read_all(data)
    assert records[0].note == "foldedafter an empty line"  # it was "no ':'" before
    assert records[0].addresses[0].street == "Street"
    assert records[0].family_name == "AB"  # a soft break before CR CR LF still joins
    assert [p.line for p in problems] == [12]


def test_a_run_of_line_ends_across_the_chunk_seam_counts_once() -> None:
    head = b"BEGIN:VCARD\r\r\nFN:Ada\r\r\n"
    filler = b"X-PAD:" + b"p" * (CHUNK - len(head) - 7) + b"\r"  # CR, seam, CR LF
    data = head + filler + b"\r\nNOTE:one\r\r\n two\r\r\nEND:VCARD\r\r\n"
    assert data[CHUNK - 1 : CHUNK + 2] == b"\r\r\n"
    assert [number for number, _ in logical_lines(data)] == [1, 2, 3, 4, 6]
    assert read_one(data).note == "onetwo"


def test_a_line_longer_than_a_chunk_ends_at_its_run_of_line_ends() -> None:
    note = b"x" * (CHUNK + 10)
    data = b"BEGIN:VCARD\r\r\nFN:Ada\r\r\nNOTE:" + note + b"\r\r\n more\r\r\nbad\r\r\nEND:VCARD"
    records, problems = read_all(data)
    assert records[0].note == note.decode() + "more"
    assert [p.line for p in problems] == [5]


@pytest.mark.parametrize("run", [b"\n", b"\r", b"\r\r\n"], ids=["lf", "cr", "cr-cr-lf"])
def test_millions_of_line_ends_are_counted_not_listed(run: bytes) -> None:
    # A run of line ends longer than a chunk is counted a chunk at a time: its lines are
    # numbered exactly, and never all held in one list.
    card = b"BEGIN:VCARD" + run + b"FN:Ada" + run + b"END:VCARD"
    data = card + run * (3 * CHUNK) + card.replace(b"Ada", b"Grace") + run + b"bad" + run
    tracemalloc.start()
    try:
        records, problems = read_all(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(r.formatted_name, r.line) for r in records] == [
        ("Ada", 1),
        ("Grace", 3 * CHUNK + 3),
    ]
    assert [(p.line, p.reason.split(" (")[0]) for p in problems] == [
        (3 * CHUNK + 6, "text outside any vCard was ignored")
    ]
    assert peak < 8_000_000


# ---- vCard 2.1 values continued after a backslash ------------------------------------------


def test_an_address_continued_after_a_backslash_is_joined() -> None:
    # Palm Desktop and old Nokia PC Suite exports: the line break inside the street is
    # escaped with a backslash, and the address goes on on the next line.
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Nowak;Jan\r\n"
        b"ADR;HOME:;;ul. Dluga 5\\\r\nm. 12\\\r\nII pietro;Gdansk;;80-827;Poland\r\n"
        b"TEL;CELL:+48 601 234 567\r\nEND:VCARD\r\n"
    )
    records, problems = read_all(data)
    assert problems == []  # "no ':'" on lines 5 and 6 before
    [address] = records[0].addresses
    assert address.street == "ul. Dluga 5\nm. 12\nII pietro"
    assert (address.locality, address.postal_code, address.country) == (
        "Gdansk",
        "80-827",
        "Poland",
    )
    assert [phone.value for phone in records[0].phones] == ["+48 601 234 567"]


@pytest.mark.parametrize("end", [b"\r\n", b"\r\r\n", b"\n"], ids=["crlf", "cr-cr-lf", "lf"])
def test_an_escaped_backslash_at_the_end_of_a_value_continues_nothing(end: bytes) -> None:
    lines = [
        b"BEGIN:VCARD",
        b"VERSION:3.0",
        b"FN:Ada",
        b"NOTE:a share at \\\\\\\\server\\\\",  # \\server\ escaped: ends in "\\"
        b"not a property",
        b"X-PATH:C:\\",  # a lone backslash, but a property follows
        b"TEL:+1 555 0100",
        b"END:VCARD",
    ]
    records, problems = read_all(end.join(lines) + end)
    assert records[0].note == "a share at \\\\server\\"
    assert records[0].extra_lines == ["X-PATH:C:\\"]
    assert [phone.value for phone in records[0].phones] == ["+1 555 0100"]
    assert [(p.line, p.reason) for p in problems] == [
        (5, "line has no ':' separating name and value")
    ]

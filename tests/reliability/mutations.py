"""Hostile inputs for the importers: real files (the shared corpus, when there is one, and small
inline seeds that always exist) broken the ways files break in the field.

`mutate(data, rng)` applies one to three damages: flipped bytes, truncation, a huge line, deep
nesting (a BEGIN line repeated), a wrong encoding, NULs, lines lost, swapped or duplicated.
`fuzz_inputs(seeds)` is the Hypothesis strategy over them; `FUZZ_EXAMPLES` is how many each fuzz
test draws: a few hundred in CI, thousands with NETDESK_FUZZ=full (see CONTRIBUTING.md).
"""

from __future__ import annotations

import os
import random
import sys

from hypothesis import strategies as st

from tests.corpus import CORPUS_ROOT as CORPUS

FULL = os.environ.get("NETDESK_FUZZ", "") == "full"
# Per fuzz test; CI runs the small number, `NETDESK_FUZZ=full` the large one.
FUZZ_EXAMPLES = int(os.environ.get("NETDESK_FUZZ_EXAMPLES", "2500" if FULL else "150"))

INLINE_SEEDS: dict[str, list[bytes]] = {
    "vcf": [
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        b"item1.EMAIL;TYPE=INTERNET:ada@example.org\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
        b"TEL;TYPE=CELL:+44 20 7946 0000\r\nORG:Analytical;Engines\r\n"
        b"PHOTO;ENCODING=b;TYPE=JPEG:\r\n /9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
        b"ADR;TYPE=WORK:;;1 Main St;London;;N1;UK\r\nEND:VCARD\r\n",
        b"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89mile;Z=\n"
        b"ola\nTEL;CELL:0123\nEND:VCARD\nbegin:vcard\nfn:Grace\nversion:2.1\nend:vcard\n",
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Hedy\r\nTEL;VALUE=uri:tel:+1-555-0100\r\n"
        b"PHOTO:data:image/png;base64,iVBORw0KGgo=\r\nNOTE;X-P=a^nb^^:one\\, two\\nthree\r\n"
        b"BDAY:--0412\r\nURL:http\\://example.org\r\nEND:VCARD\r\n",
    ],
    "csv": [
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Countess,15 Jan 2024\r\n"
        b'"Grace","Hopper",,grace@example.org,"Navy, US",Admiral,01 Feb 2023\r\n',
        b"\xef\xbb\xbfFirst Name,Middle Name,Last Name,E-mail 1 - Label,E-mail 1 - Value\n"
        b"Alan,M,Turing,* Work,alan@example.org ::: a@example.org\n",
        b"Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee Status\n"
        b"1,2026-01-02,Lin,Chen,lin@example.org,1,General,Attending\n",
        "Name;Firma;E-Mail\nJürgen Groß;Müller & Söhne;j@example.de\n".encode("cp1252"),
    ],
    "ics": [
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meetup//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:e1@example.org\r\nSUMMARY:Python meetup\r\n"
        b"DTSTART;TZID=Europe/Berlin:20260102T190000\r\n"
        b"DTEND;TZID=Europe/Berlin:20260102T210000\r\nLOCATION:Base\\, Berlin\r\n"
        b"DESCRIPTION:Talks and\\n pizza\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        b"\xef\xbb\xbfBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:2\nSUMMARY:All day\n"
        b"DTSTART;VALUE=DATE:20260301\n"
        b"END:VEVENT\nBEGIN:VEVENT\nUID:3\nSUMMARY:Windows zone\n"
        b"DTSTART;TZID=W. Europe Standard Time:20260302T090000\nEND:VEVENT\nEND:VCALENDAR\n",
    ],
}


def corpus_seeds(kind: str) -> list[bytes]:
    """The corpus files under CORPUS/<kind> (vcf, csv, ics), largest last; none without one."""
    folder = CORPUS / kind
    if not folder.is_dir():
        return []
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    return [p.read_bytes() for p in files]


def seeds(kind: str) -> list[bytes]:
    """Inline seeds first (Hypothesis shrinks towards them), then the corpus files that are
    small enough to mutate thousands of times (a few big ones would dominate the run)."""
    return INLINE_SEEDS[kind] + [d for d in corpus_seeds(kind) if len(d) <= 64_000]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _huge_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines) + 1)
    filler = rng.choice([b"A", b"=", b"\\", b";", b",", b'"', b":", b"\xc3\xa9", b" "])
    size = rng.choice([10_000, 100_000, 1_000_000])
    prefix = rng.choice([b"NOTE:", b"PHOTO;ENCODING=b:", b"DESCRIPTION:", b"", b"X-A;B="])
    return b"".join([*lines[:at], prefix + filler * size + b"\r\n", *lines[at:]])


def _nesting(data: bytes, rng: random.Random) -> bytes:
    opener = rng.choice(
        [
            b"BEGIN:VCARD\r\n",
            b"BEGIN:VEVENT\r\n",
            b"BEGIN:VCALENDAR\r\n",
            b"BEGIN:VALARM\r\n",
            b"BEGIN:VTIMEZONE\r\n",
            b'"',
            b"item1.",
        ]
    )
    depth = rng.choice([100, 1_000, 20_000])
    lines = _lines(data)
    at = rng.randrange(len(lines) + 1)
    return b"".join([*lines[:at], opener * depth, *lines[at:]])


def _encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    codec = rng.choice(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1250", "shift_jis"])
    return text.encode(codec, errors="replace")


def _nuls(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\0" * rng.randint(1, 64) + data[at:]


def _shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    action = rng.randrange(3)
    i = rng.randrange(len(lines))
    if action == 0:
        del lines[i]
    elif action == 1:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i:i] = [lines[i]] * rng.randint(2, 50)
    return b"".join(lines)


def _line_ends(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\r\n", rng.choice([b"\n", b"\r", b"\n\r", b"\r\r\n", b""]))


MUTATIONS = (_flip, _truncate, _huge_line, _nesting, _encoding, _nuls, _shuffle_lines, _line_ends)


def mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(MUTATIONS)(data or b"\n", rng)
    return data


def fuzz_inputs(kind: str) -> st.SearchStrategy[bytes]:
    """A seed of that kind, mutated; or pure Hypothesis bytes now and then."""
    chosen = seeds(kind)
    mutated = st.builds(mutate, st.sampled_from(chosen), st.randoms(use_true_random=False))
    return st.one_of(mutated, st.binary(max_size=2_000), st.sampled_from(chosen))


# --- Deterministic mutation loops and the readers' property (appended for CSV/iCalendar/QR) ---


def _measured() -> bool:
    """True under a coverage measurement (or a debugger): a trace function or a
    sys.monitoring coverage tool is set."""
    monitoring = getattr(sys, "monitoring", None)
    tool = monitoring.get_tool(monitoring.COVERAGE_ID) if monitoring else None
    return sys.gettrace() is not None or tool is not None


# Inputs per importer of the deterministic loop: a few hundred in CI, thousands when full.
LOOP_INPUTS = int(os.environ.get("NETDESK_FUZZ_LOOP", "2500" if FULL else "240"))
# Per input: far above what any real file of a few MB takes, far below a hang. Measuring
# coverage (a tracer or sys.monitoring set, as under `coverage run` in CI) makes the readers
# several times slower without making a hang any less of one, so the limit grows with it.
INPUT_SECONDS = 20.0 * (3 if _measured() else 1)


def seeded_inputs(kind: str, seed_index: int, total: int = 0) -> list[tuple[str, bytes]]:
    """The deterministic share of seed `seed_index` in a loop of `total` (LOOP_INPUTS) inputs
    over all seeds of `kind`: (an id to reproduce it, the mutated bytes). The id names the
    seed and the round: random.Random(f"{kind}-{seed}-{round}") rebuilds the input."""
    chosen = seeds(kind)
    rounds = -(-(total or LOOP_INPUTS) // len(chosen))
    return [
        (
            f"{kind}-{seed_index}-{n}",
            mutate(chosen[seed_index], random.Random(f"{kind}-{seed_index}-{n}")),
        )
        for n in range(rounds)
    ]


def check_reader_items(items: object, file: str, record_types: tuple[type, ...]) -> list[object]:
    """The items of a reader, checked: each a record or a Problem naming `file`, with a line
    >= 0 and a reason, and none the importing service's "reading stopped here" (a reader that
    raised). Returns them; raising past here is what the fuzz tests catch."""
    from netdesk.formats.records import Problem

    found = list(items)  # type: ignore[call-overload]
    for item in found:
        if isinstance(item, Problem):
            assert item.file == file, item
            assert item.line >= 0, item
            assert item.reason.strip(), item
            assert "reading stopped here" not in item.reason, item
        else:
            assert isinstance(item, record_types), item
    return found


def png_declaring(data: bytes, width: int, height: int) -> bytes:
    """A PNG whose header (IHDR, with a correct checksum) claims another size."""
    import struct
    import zlib

    at = data.find(b"IHDR")
    if at < 4:
        return data
    body = struct.pack(">II", width, height) + data[at + 12 : at + 17]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + body))
    return data[:at] + b"IHDR" + body + crc + data[at + 21 :]


def mutate_picture(data: bytes, rng: random.Random) -> bytes:
    """A picture file broken the ways pictures break: flipped bytes, cut off, a header that
    claims a huge or zero size, the middle lost, or garbage appended."""
    for _ in range(rng.randint(1, 2)):
        action = rng.randrange(5)
        if action == 0:
            data = _flip(data, rng)
        elif action == 1:
            data = _truncate(data, rng)
        elif action == 2:
            side = rng.choice([0, 1, 65_535, 100_000, 2**31 - 1])
            data = png_declaring(data, side, rng.choice([side, 1, 40_000]))
        elif action == 3 and len(data) > 64:
            start = rng.randrange(16, len(data))
            data = data[:start] + data[start + rng.randint(1, 512) :]
        else:
            data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 256)))
    return data

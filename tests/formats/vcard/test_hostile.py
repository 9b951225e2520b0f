"""Regressions for what fuzzing and crafted cards found in the vCard reader: hangs (quadratic
work) and memory that grew with the file. Each test reproduces one, inline."""

from __future__ import annotations

import time
import tracemalloc

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.decode import CHUNK, sized_lines
from netdesk.formats.vcard.read import read_vcards
from tests.formats.vcard_read_helpers import read_all, read_one
from tests.growth import doubling_ratio


def timed_read(data: bytes) -> tuple[list[ContactRecord], list[Problem], float]:
    started = time.perf_counter()
    records, problems = read_all(data)
    return records, problems, time.perf_counter() - started


def legacy_note(letters: int) -> bytes:
    # A run of ASCII letters that no accented letter follows: the old regex for words with an
    # accent tried every start in the run and read on to its end each time (a run after the
    # accent, "éAAAA", was read once and was quick with the old regex too).
    return (
        b"BEGIN:VCARD\r\nFN:Ren\xe9e Dupr\xe9\r\nNOTE:\xe9 " + b"A" * letters + b"\r\nEND:VCARD\r\n"
    )


def test_a_long_run_of_letters_in_a_legacy_file_is_read_quickly() -> None:
    # Found by the fuzz loop: a flipped byte made a NOTE of "AAAA..." not UTF-8, and guessing
    # the code page backtracked over the run of letters (77 s for a 1 MB file).
    # Twice the letters take about twice as long (quadratic work takes four times as long). At
    # 8,000 letters the old regex spent 0.8 s and the rest of the reading 0.1 ms.
    assert doubling_ratio(lambda n: read_all(legacy_note(n)), 8_000) < 3
    records, problems = read_all(legacy_note(40_000))
    assert [p.reason.partition(" (")[0] for p in problems] == [
        "text that is neither UTF-8 nor in a character set the file names was read as windows-1252"
    ]
    assert records[0].formatted_name == "Renée Dupré"
    assert records[0].note == "é " + "A" * 40_000


def test_many_categories_are_read_quickly_and_the_first_1000_kept() -> None:
    # A list lookup for every category made 200,000 of them take nearly three minutes, and
    # each became a new tag (0.6 ms each, a minute and a half for one megabyte line).
    names = [f"tag{i}" for i in range(60_000)]
    data = b"BEGIN:VCARD\r\nFN:Ada\r\nCATEGORIES:tag1,%s\r\nCATEGORIES:more\r\nEND:VCARD\r\n" % (
        ",".join(names).encode()
    )
    records, problems, seconds = timed_read(data)
    assert [str(p) for p in problems] == [
        "test.vcf:3: card has more than 1,000 categories; the first 1,000 became tags, "
        "the others were left out"
    ]
    assert records[0].categories == ["tag1", "tag0", *names[2:1_000]]
    assert seconds < 1


def test_many_types_on_one_line_are_read_quickly() -> None:
    # The same for the TYPE list of a phone, email or address.
    types = ",".join(f"t{i}" for i in range(60_000))
    records, problems, seconds = timed_read(
        b"BEGIN:VCARD\r\nFN:Ada\r\nTEL;TYPE=%s,t1,pref:+1 555 0100\r\nEND:VCARD\r\n"
        % types.encode()
    )
    assert problems == []
    phone = records[0].phones[0]
    assert phone.kind == types
    assert phone.preferred
    assert seconds < 1


def test_many_notes_are_joined_in_linear_time() -> None:
    # Each NOTE was added to the text so far: a card of 2,000 notes copied 10 GB.
    notes = [f"note {i} " + "x" * 5_000 for i in range(2_000)]
    lines = "".join(f"NOTE:{note}\r\n" for note in notes)
    records, problems, seconds = timed_read(
        f"BEGIN:VCARD\r\nFN:Ada\r\n{lines}END:VCARD\r\n".encode()
    )
    assert problems == []
    assert records[0].note == "\n\n".join(notes)
    assert seconds < 1


def test_long_parameter_lists_are_not_kept_after_reading() -> None:
    # Parsed parameters are remembered for the next line; crafted long lists were remembered
    # too, 4,096 of them, with every type they named.
    cards = b"".join(
        b"BEGIN:VCARD\r\nFN:P%d\r\nTEL;TYPE=%s:1\r\nEND:VCARD\r\n"
        % (i, b",".join(b"k%d-%d" % (i, j) for j in range(5_000)))
        for i in range(40)
    )
    tracemalloc.start()
    try:
        count = sum(1 for item in read_vcards(cards, "test.vcf") if isinstance(item, ContactRecord))
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert count == 40
    assert kept < 2_000_000


def test_lines_are_split_without_a_second_copy_of_the_file() -> None:
    # data.splitlines() held every line of the file at once: twice its size, plus 33 bytes of
    # overhead for each of its lines (over 300 MB for a file of short lines).
    data = b"BEGIN:VCARD\r\nFN:Ada\r\n" + b"X-A:1\r\n" * 400_000 + b"END:VCARD\r\n"
    tracemalloc.start()
    try:
        lines = sum(1 for _ in sized_lines(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert lines == 400_003
    assert peak < 5_000_000  # the file is 2.8 MB; its split lines took 16 MB


def test_lines_split_across_chunks_keep_their_folds_and_numbers() -> None:
    # Lines are split a chunk at a time: a CRLF or a fold at the seam must not break a line.
    head = b"BEGIN:VCARD\r\nFN:Ada\r\n"
    filler = b"X-PAD:" + b"p" * (CHUNK - len(head) - 7) + b"\r"  # CR, seam, LF
    data = head + filler + b"\nNOTE:one\r\n two\r\nEND:VCARD\r\n" + b"\r\n"
    assert data[CHUNK - 1 : CHUNK + 1] == b"\r\n"
    assert [(number, line[:8]) for number, line, _ in sized_lines(data)] == [
        (1, b"BEGIN:VC"),
        (2, b"FN:Ada"),
        (3, b"X-PAD:pp"),
        (4, b"NOTE:one"),
        (6, b"END:VCAR"),
    ]
    record = read_all(data)[0][0]
    assert record.note == "onetwo"


def test_a_photo_link_stays_a_link() -> None:
    record = read_one(
        "BEGIN:VCARD\nFN:Ada\nPHOTO;VALUE=uri:https://example.org/ada.jpg\n"
        "LOGO;VALUE=uri:https://example.org/logo.png\nEND:VCARD\n"
    )
    assert record.photo is None
    assert record.extra_lines == [
        "PHOTO;VALUE=uri:https://example.org/ada.jpg",
        "LOGO;VALUE=uri:https://example.org/logo.png",
    ]


def test_a_nameless_card_with_a_broken_web_address_is_still_read() -> None:
    """A card without a name is named after its web address; one whose host opens an IPv6
    bracket and never closes it ("[") made urllib raise, and the card was lost."""
    card = read_one(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:\r\nURL:[\r\nEND:VCARD\r\n")
    assert card.formatted_name == "["
    assert [u.value for u in card.urls] == ["["]

"""Limits of the vCard reader: a line of 10 MB, a card of 100,000 properties and a photo of
100 MB are each reported in plain words and read in a few seconds with little memory (the
inputs are generated here), and a photo link is never fetched."""

from __future__ import annotations

import base64
import http.server
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.read import (
    LINE_LIMIT,
    PROBLEM_LIMIT,
    PROPERTY_LIMIT,
    read_vcards,
)
from netdesk.formats.vcard.read_card import BINARY_LIMIT
from netdesk.services.service_set import Services

MB = 1024 * 1024
FILE = "big.vcf"
BEFORE = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Before\r\nEND:VCARD\r\n"
AFTER = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:After\r\nEND:VCARD\r\n"


def measured(data: bytes) -> tuple[list[ContactRecord], list[Problem], float, int]:
    """(records, problems, seconds, peak bytes allocated while reading): timed on its own,
    since tracing every allocation makes reading ten times slower."""
    started = time.perf_counter()
    items = list(read_vcards(data, FILE))
    seconds = time.perf_counter() - started
    del items
    tracemalloc.start()
    try:
        items = list(read_vcards(data, FILE))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    records = [item for item in items if isinstance(item, ContactRecord)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems, seconds, peak


def card(*lines: bytes) -> bytes:
    return b"\r\n".join([b"BEGIN:VCARD", b"VERSION:3.0", *lines, b"END:VCARD", b""])


def folded(line: bytes) -> bytes:
    return b"\r\n ".join(line[i : i + 74] for i in range(0, len(line), 74))


@pytest.mark.parametrize("fold", [False, True], ids=["one-line", "folded"])
def test_a_line_of_10_mb_is_left_out_and_the_rest_of_the_card_goes_in(fold: bool) -> None:
    note = b"NOTE:" + b"a" * (10 * MB)
    data = BEFORE + card(
        b"FN:Ada Lovelace",
        folded(note) if fold else note,
        b"EMAIL:ada@example.org",
    )
    data += AFTER
    records, problems, seconds, peak = measured(data)
    assert [r.formatted_name for r in records] == ["Before", "Ada Lovelace", "After"]
    assert records[1].emails[0].value == "ada@example.org"
    assert records[1].note == ""
    assert [str(p) for p in problems] == [
        "big.vcf:8: this line is longer than 1 MB; the NOTE property was left out"
    ]
    assert seconds < 5
    assert peak < 32 * MB  # the line itself is 10 MB


def test_a_line_just_under_the_limit_goes_in() -> None:
    note = "é" * ((LINE_LIMIT - 6) // 2)
    records, problems, _, _ = measured(card(b"FN:Ada", f"NOTE:{note}".encode()))
    assert problems == []
    assert records[0].note == note


def test_other_long_properties_are_named_in_the_report() -> None:
    long_value = b"x" * (LINE_LIMIT + 1)
    records, problems, _, _ = measured(
        card(
            b"FN:Ada",
            b"item1.X-ABLabel:" + long_value,
            b'TEL;TYPE="a:b":' + long_value,
            long_value,
        )
    )
    assert records[0].formatted_name == "Ada"
    assert [p.reason for p in problems] == [
        "this line is longer than 1 MB; the X-ABLABEL property was left out",
        "this line is longer than 1 MB; the TEL property was left out",
        "this line is longer than 1 MB; the unnamed property was left out",
    ]


def test_a_card_of_100000_properties_is_refused_and_the_others_go_in() -> None:
    many = b"".join(b"EMAIL:person%d@example.org\r\n" % i for i in range(100_000))
    data = BEFORE + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Crowd\r\n" + many + b"END:VCARD\r\n"
    data += AFTER
    records, problems, seconds, peak = measured(data)
    assert [r.formatted_name for r in records] == ["Before", "After"]
    assert [str(p) for p in problems] == [
        "big.vcf:5: the card beginning on line 5 has more than 10,000 properties; "
        "it was not imported"
    ]
    assert seconds < 5
    assert peak < 16 * MB  # 100,000 parsed properties took 64 MB


def test_a_card_at_the_property_limit_goes_in() -> None:
    emails = [b"EMAIL:p%d@example.org" % i for i in range(PROPERTY_LIMIT - 2)]
    records, problems, _, _ = measured(card(b"FN:Busy", *emails))  # with VERSION: the limit
    assert problems == []
    assert len(records[0].emails) == PROPERTY_LIMIT - 2
    records, problems, _, _ = measured(card(b"FN:Busy", *emails, b"NOTE:one too many"))
    assert records == []
    assert len(problems) == 1


def test_a_card_too_big_that_never_ends_is_reported_once() -> None:
    data = BEFORE + b"BEGIN:VCARD\r\nFN:Crowd\r\n" + b"no colon here\r\n" * 20_000
    records, problems, _, _ = measured(data)
    assert [r.formatted_name for r in records] == ["Before"]
    assert [p.reason for p in problems] == [
        "the card beginning on line 5 has more than 10,000 properties; it was not imported",
        "card has no END:VCARD; read up to line 20006",
    ]


def _jpeg_base64(size: int) -> bytes:
    """The base64 text of `size` bytes of a JPEG (its magic, then zeros), built fast."""
    head = base64.b64encode(b"\xff\xd8\xff" + b"\0" * 57)
    return head + b"A" * (size * 4 // 3 - len(head))


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(lambda: b"PHOTO;ENCODING=b;TYPE=JPEG:" + _jpeg_base64(100 * MB), id="3.0"),
        pytest.param(
            lambda: b"PHOTO:data:image/jpeg;base64," + _jpeg_base64(100 * MB), id="4.0-data-uri"
        ),
        pytest.param(
            lambda: folded(b"PHOTO;ENCODING=b;TYPE=JPEG:" + _jpeg_base64(12 * MB)), id="folded"
        ),
    ],
)
def test_a_photo_over_10_mb_is_left_out_without_decoding_it(line: object) -> None:
    assert callable(line)
    photo = line()
    data = card(b"FN:Ada Lovelace", photo, b"EMAIL:ada@example.org") + AFTER
    size = 12 if len(photo) < 50 * MB else 100
    records, problems, seconds, peak = measured(data)
    del data, photo
    assert [r.formatted_name for r in records] == ["Ada Lovelace", "After"]
    assert records[0].photo is None
    assert records[0].emails[0].value == "ada@example.org"
    assert [str(p) for p in problems] == [
        f"big.vcf:4: the photo is about {size} MB, more than the 10 MB netdesk keeps; "
        "the contact was read without it"
    ]
    assert seconds < 5
    assert peak < 32 * MB  # decoding it would take 100 MB


def test_a_photo_under_10_mb_goes_in() -> None:
    encoded = _jpeg_base64(9 * MB)
    records, problems, _, _ = measured(card(b"FN:Ada", b"PHOTO;ENCODING=b:" + encoded))
    assert problems == []
    assert records[0].photo == base64.b64decode(encoded)
    assert records[0].photo_mime == "image/jpeg"
    assert len(records[0].photo) <= BINARY_LIMIT


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"PHOTO:data:image/png," + b"%00" * (12 * MB), "the photo is about 12 MB"),
        (b"PHOTO;TYPE=JPEG:" + b"A" * (16 * MB), "the photo is about 12 MB"),  # no ENCODING=b
        (b"PHOTO:data:image/png," + b"%00" * (6 * MB), "this line is longer than 15 MB"),
    ],
    ids=["data-uri", "bare-base64", "data-uri-too-long-to-hold"],
)
def test_photo_sizes_are_estimated_by_their_encoding(line: bytes, reason: str) -> None:
    records, problems, _, _ = measured(card(b"FN:Ada", line))
    assert records[0].photo is None
    assert [p.reason.partition(",")[0].partition(";")[0] for p in problems] == [reason]


def test_a_percent_encoded_photo_under_10_mb_goes_in() -> None:
    line = b"PHOTO:data:image/png," + b"%41" * (LINE_LIMIT // 2)  # 1.5 MB for 0.5 MB
    records, problems, _, _ = measured(card(b"FN:Ada", line))
    assert problems == []
    assert records[0].photo == b"A" * (LINE_LIMIT // 2)


@pytest.mark.parametrize(
    ("name", "what"), [(b"LOGO", "logo"), (b"SOUND", "sound"), (b"KEY", "key")]
)
def test_other_binary_values_over_10_mb_are_left_out(name: bytes, what: str) -> None:
    records, problems, _, _ = measured(
        card(b"FN:Ada", name + b";ENCODING=b:" + _jpeg_base64(12 * MB))
    )
    assert records[0].extra_lines == []
    assert [p.reason for p in problems] == [
        f"the {what} is about 12 MB, more than the 10 MB netdesk keeps; "
        "the contact was read without it"
    ]


def test_problems_past_the_limit_are_counted_not_listed() -> None:
    nameless = b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n" * (PROBLEM_LIMIT + 500)
    records, problems, _, _ = measured(nameless + AFTER)
    assert [r.formatted_name for r in records] == ["After"]
    assert len(problems) == PROBLEM_LIMIT + 1
    assert str(problems[-1]) == (
        f"big.vcf:{3 * PROBLEM_LIMIT + 1}: 500 more problems from here on were not listed "
        "(only the first 1,000 are)"
    )


@pytest.fixture
def photo_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server that counts what is asked of it: (its base URL, the paths asked)."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"\x89PNG\r\n\x1a\n")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_photo_and_logo_links_are_never_fetched(
    services: Services, tmp_path: Path, photo_server: tuple[str, list[str]]
) -> None:
    url, requests = photo_server
    path = tmp_path / "links.vcf"
    path.write_bytes(
        card(
            b"FN:Ada Lovelace",
            f"PHOTO;VALUE=uri:{url}/ada.png".encode(),
            f"LOGO;VALUE=uri:{url}/logo.png".encode(),
            f"PHOTO:{url}/second.png".encode(),
            f"item1.URL:{url}/home".encode(),
            f"SOUND;VALUE=uri:{url}/ada.ogg".encode(),
        )
    )
    report = services.imports.import_file(path)
    assert report.added == 1
    assert report.problems == []
    contact_id = services.search.page("Ada")[0].id
    exported = services.exports.vcard_bytes([contact_id]).decode().replace("\r\n ", "")
    assert "ENCODING=b" not in exported  # no picture was fetched and kept
    assert f"PHOTO;VALUE=uri:{url}/ada.png" in exported
    assert f"LOGO;VALUE=uri:{url}/logo.png" in exported
    # The server works: this is what a fetch would have looked like.
    import urllib.request

    with urllib.request.urlopen(f"{url}/check") as answer:
        assert answer.status == 200
    assert requests == ["/check"]

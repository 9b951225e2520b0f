"""The vCard importer against hostile and broken files: mutated real address books, generated
cards and Hypothesis bytes, read directly and through the import service into a real SQLite
file. Every input must end as contacts and reported problems; nothing may raise, hang or blow
up, and every contact read must survive our writer and be read back.

The deterministic loop counts its inputs: 300 in CI, 4,000 with NETDESK_FUZZ=full (one in
eight of them also goes through the import service), besides FUZZ_EXAMPLES Hypothesis inputs
per Hypothesis test.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.read import read_vcards
from netdesk.formats.vcard.write import vcard_text
from netdesk.services.importing import ImportFileError
from netdesk.services.service_set import Services
from tests.reliability.mutations import (
    FULL,
    FUZZ_EXAMPLES,
    INPUT_SECONDS,
    LOOP_INPUTS,
    check_reader_items,
    fuzz_inputs,
    seeded_inputs,
    seeds,
)

FILE = "hostile.vcf"
LOOP_TOTAL = max(LOOP_INPUTS, 4_000 if FULL else 300)
SERVICE_EVERY = 8  # one loop input in this many also goes through the import service
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read(data: bytes) -> list[object]:
    """The reader's property: records and well-formed problems, quickly; each record written
    as 3.0 and 4.0 reads back without exception."""
    started = time.perf_counter()
    items = check_reader_items(read_vcards(data, FILE), FILE, (ContactRecord,))
    for item in items:
        # The reader's own safety net for a card that raised: a bug all the same.
        assert not isinstance(item, Problem) or "could not read this card" not in item.reason
    for item in items:
        if isinstance(item, ContactRecord):
            for version in ("3.0", "4.0"):
                written = vcard_text(item, version).encode()
                check_reader_items(read_vcards(written, "back.vcf"), "back.vcf", (ContactRecord,))
    assert time.perf_counter() - started < INPUT_SECONDS
    return items


def import_through_service(fuzz_services: Services, folder: Path, data: bytes) -> None:
    """import_file refuses a whole file with ImportFileError or reports problems naming it."""
    path = folder / FILE
    path.write_bytes(data)
    try:
        report = fuzz_services.imports.import_file(path)
    except ImportFileError as exc:
        assert str(exc).strip()
        return
    check_reader_items(report.problems, str(path), ())


@given(data=fuzz_inputs("vcf"))
@FUZZ
def test_hypothesis_vcards_are_read_without_raising(data: bytes) -> None:
    read(data)


# Byte damage rarely makes lines that are valid yet odd: generated cards find what it misses.
_NAMES = ["FN", "N", "NICKNAME", "ORG", "TITLE", "UID", "BDAY", "NOTE", "CATEGORIES", "EMAIL",
          "TEL", "URL", "X-SOCIALPROFILE", "ADR", "PHOTO", "LOGO", "KEY", "SOUND", "KIND",
          "GENDER", "ANNIVERSARY", "X-ABLabel", "VERSION", "REV", "BEGIN", "END", "LABEL",
          "X-A_B/C", "", "1", "x-custom"]  # fmt: skip
_PARAMS = ["", ";TYPE=work", ";TYPE=\"a,b\"", ";type=pref,cell", ";PREF=1", ";PREF=x",
           ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=UTF-8", ";CHARSET=nonsense",
           ";CHARSET=utf-16", ";ENCODING=b", ";BASE64", ";VALUE=uri", ";VALUE=text",
           ";LABEL=\"a^nb^'\"", ";MEDIATYPE=image/png", ";X-P=\"unclosed", ";;", ";=",
           ";QUOTED-PRINTABLE", ";TYPE=^^^n"]  # fmt: skip
_ODD_VALUES = ["data:image/png;base64,iVBORw0KGgo=", "data:,%ff%00",
               "data:image/jpeg;base64\\,/9j/", "/9j/4AAQSkZJRg==", "=C3=A9=\r\n=41",
               "1604-04-12", "--0412", "20260229",
               "99999999", "mailto:", "tel:+1;ext=2", "_$!<Home>!$_", "\\", "\\n\\,\\;\\:",
               ";;;;;;;;", ",,,", "http://127.0.0.1:9/x.jpg", "VCARD", "=", "\x00\x01",
               "\ufeff"]  # fmt: skip
_VALUES = st.one_of(st.text(max_size=40), st.sampled_from(_ODD_VALUES))
_LINES = st.builds(
    lambda group, name, params, value: f"{group}{name}{''.join(params)}:{value}",
    st.sampled_from(["", "item1.", "ITEM1.", "a.b.", "."]),
    st.sampled_from(_NAMES),
    st.lists(st.sampled_from(_PARAMS), max_size=3),
    _VALUES,
)


@st.composite
def generated_vcards(draw: st.DrawFn) -> bytes:
    cards = []
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.lists(_LINES, max_size=12))
        version = draw(st.sampled_from(["2.1", "3.0", "4.0", "9"]))
        cards.append("\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]))
    text = "\r\n".join(cards) + "\r\n"
    codec = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
    return text.encode(codec, "replace")


@given(data=generated_vcards())
@FUZZ
def test_generated_vcards_are_read_without_raising(data: bytes) -> None:
    read(data)


# The corpus gives dozens of address books: the loop runs over groups of them so that each
# test stays short and a failure names a small group.
_GROUPS = 8


@pytest.mark.parametrize("group", range(_GROUPS))
def test_mutated_vcards_are_read_without_raising(
    group: int, fuzz_services: Services, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The deterministic loop: every seed times its share of LOOP_TOTAL mutations."""
    folder = tmp_path_factory.mktemp(f"loop{group}")
    count = 0
    for seed_index in range(group, len(seeds("vcf")), _GROUPS):
        for name, data in seeded_inputs("vcf", seed_index, LOOP_TOTAL):
            try:
                read(data)
                if count % SERVICE_EVERY == 0:
                    import_through_service(fuzz_services, folder, data)
            except BaseException as exc:
                exc.add_note(f"input {name} ({len(data):,} bytes)")
                raise
            count += 1
    rounds = -(-LOOP_TOTAL // len(seeds("vcf")))
    assert count == rounds * len(range(group, len(seeds("vcf")), _GROUPS))


@given(data=st.one_of(fuzz_inputs("vcf"), generated_vcards()))
@settings(FUZZ, max_examples=max(10, FUZZ_EXAMPLES // 5))
def test_hostile_vcards_through_the_import_service(
    fuzz_services: Services, tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    import_through_service(fuzz_services, tmp_path_factory.getbasetemp(), data)

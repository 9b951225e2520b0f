"""Phone extensions: read apart from the number in every form files use, written back apart."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable

import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from netdesk.cards.payload import PayloadFormat, card_payload
from netdesk.formats.csv.write import write_contacts_csv
from netdesk.formats.phone_extension import split_extension, tel_uri, with_extension
from netdesk.formats.records import ContactRecord, Typed
from netdesk.formats.vcard.write import vcard_text
from tests.formats.independent_vcard import parse_vcards
from tests.formats.vcard.test_write import check_with_vcard_package
from tests.formats.vcard_read_helpers import card, read_one
from tests.growth import doubling_ratio


@pytest.mark.parametrize(
    ("text", "number", "extension"),
    [
        ("tel:+1-418-656-9254;ext=102", "+1-418-656-9254", "102"),
        ("tel:+1-418-656-9254;EXT=102;isub=7", "+1-418-656-9254;isub=7", "102"),
        ("+1 418-656-9254 ext. 102", "+1 418-656-9254", "102"),
        ("+1 418-656-9254 Ext 102", "+1 418-656-9254", "102"),
        ("+1 418-656-9254 extension 102", "+1 418-656-9254", "102"),
        ("+1 418 656 9254x102", "+1 418 656 9254", "102"),
        ("+1 418 656 9254 x 102", "+1 418 656 9254", "102"),
        ("+1 418 656 9254;ext=102", "+1 418 656 9254", "102"),
        ("+1 418 656 9254,,102", "+1 418 656 9254", "102"),
        ("+1 418 656 9254 #102", "+1 418 656 9254", "102"),
        ("+44 20 7946 0958", "+44 20 7946 0958", ""),
        ("0800 FLOWERS", "0800 FLOWERS", ""),
        ("ext. 102", "ext. 102", ""),  # no number to be an extension of
        ("tel:7042;phone-context=example.com", "7042;phone-context=example.com", ""),
    ],
)
def test_split_extension(text: str, number: str, extension: str) -> None:
    assert split_extension(text) == (number, extension)


def seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


# Twice the input takes about twice the time: the old regexes took 8 times (split_extension)
# and 4 times (tel_uri) longer.
def test_a_long_run_of_spaces_is_split_in_linear_time() -> None:
    # Found by the fuzz loop: a line of 10,000 spaces folded onto a TEL line, then NULs; the
    # search with optional spaces and commas on both sides of the separator took 490 s.
    assert doubling_ratio(lambda n: split_extension("+44 20 7946 0000" + " " * n + "\0"), 300) < 3
    assert doubling_ratio(lambda n: split_extension("123" + " " * n + "a"), 300) < 3
    long = "+44 20 7946 0000" + " " * 1_000_000
    assert seconds(lambda: split_extension(long + "\0")) < 1
    assert split_extension(long + "x102") == ("+44 20 7946 0000", "102")
    assert split_extension(long + ",102") == ("+44 20 7946 0000", "102")


def test_a_long_number_gets_its_tel_uri_in_linear_time() -> None:
    assert doubling_ratio(lambda n: tel_uri("+" + "1" * n + "a", ""), 10_000) < 3
    assert tel_uri("+" + "1" * 1_000_000, "") == "tel:+" + "1" * 1_000_000


# The search split_extension made before it read from the end (cubic on long runs of spaces):
# on short values the two agree.
_OLD_SEARCH = re.compile(
    r"""(?:\s*;\s*ext\s*=\s*|\s*,*\s*(?:ext(?:ension|n)?\.?|x|\#)\s*[:.]?\s*|\s*,+\s*)
    (\d{1,20})\s*\#?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PIECES = [" ", "\t", "\u00a0", ",", ";", ":", ".", "#", "=", "x", "X", "ext", "Ext", "extn",
           "EXTENSION", "e", "n", "\u017f", "\u0131", "1", "42", "\u0663", "0" * 21, "+", "-", "a",
           "\n", "\0", ";ext="]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_split_extension_finds_what_the_old_search_found(text: str) -> None:
    value = text.strip()
    if value[:4].lower() == "tel:":
        return  # a tel: URI is split by its parameters, not searched
    found = _OLD_SEARCH.search(value)
    number = value[: found.start()].rstrip(" ,;") if found else ""
    if found and sum(ch.isdigit() for ch in number) >= 3:
        assert split_extension(text) == (number, found.group(1))
    else:
        assert split_extension(text) == (value, "")


def test_a_tel_uri_is_written_only_for_a_global_number() -> None:
    assert tel_uri("+1 (418) 656-9254", "102") == "tel:+1-418-656-9254;ext=102"
    assert tel_uri("0418 656 9254", "102") is None
    assert with_extension("+1 418-656-9254", "102") == "+1 418-656-9254 ext. 102"
    assert with_extension("+1 418-656-9254", "") == "+1 418-656-9254"


def test_the_reader_keeps_every_written_extension_apart() -> None:
    record = read_one(
        card(
            "TEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=102",
            "TEL;TYPE=work:+1 418 656 9254 x103",
            "TEL:+1 418 656 9254 ext. 104",
            "TEL:+1 418 656 9254\\;ext=105",
            "TEL:+1 418 656 9254\\,\\,106",
            "TEL:+1 418 656 9254",
        )
    )
    assert [(p.value, p.extension) for p in record.phones] == [
        ("+1-418-656-9254", "102"),
        ("+1 418 656 9254", "103"),
        ("+1 418 656 9254", "104"),
        ("+1 418 656 9254", "105"),
        ("+1 418 656 9254", "106"),
        ("+1 418 656 9254", ""),
    ]


RECORD = ContactRecord(
    formatted_name="Ada Lovelace",
    phones=[
        Typed("+1 418-656-9254", kind="work", preferred=True, extension="102"),
        Typed("0418 656 9254", kind="home", extension="7"),
        Typed("+44 20 7946 0958", kind="cell"),
    ],
)


def test_vcard_3_0_writes_the_extension_as_text_that_strict_readers_accept() -> None:
    data = vcard_text(RECORD, "3.0").encode()
    check_with_vcard_package(data)
    (parsed,) = parse_vcards(data)
    assert [p.raw for p in parsed.all("TEL")] == [
        "+1 418-656-9254 ext. 102",
        "0418 656 9254 ext. 7",
        "+44 20 7946 0958",
    ]
    tels = vobject.readOne(data.decode()).contents["tel"]
    assert tels[0].value == "+1 418-656-9254 ext. 102"


def test_vcard_4_0_writes_a_tel_uri_with_ext_as_rfc_6350_does() -> None:
    data = vcard_text(RECORD, "4.0").encode()
    (parsed,) = parse_vcards(data)
    first, local, plain = parsed.all("TEL")
    assert first.raw == "tel:+1-418-656-9254;ext=102"
    assert first.param("VALUE") == ["uri"]
    # A local number has no tel: URI without a phone-context: it stays text.
    assert (local.raw, local.param("VALUE")) == ("0418 656 9254 ext. 7", [])
    assert (plain.raw, plain.param("VALUE")) == ("+44 20 7946 0958", [])
    vobject.readOne(data.decode())


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_what_is_written_reads_back_apart(version: str) -> None:
    record = read_one(vcard_text(RECORD, version).encode())
    assert [(p.value, p.extension, p.kind) for p in record.phones] == [
        ("+1-418-656-9254" if version == "4.0" else "+1 418-656-9254", "102", "work"),
        ("0418 656 9254", "7", "home"),
        ("+44 20 7946 0958", "", "cell"),
    ]


def test_csv_and_qr_cards_write_the_extension_after_the_number() -> None:
    out = io.StringIO()
    write_contacts_csv([RECORD], out)
    assert "+1 418-656-9254 ext. 102" in out.getvalue()
    assert "TEL;TYPE=WORK:+1 418-656-9254 ext. 102\r\n" in card_payload(RECORD)
    assert "TEL:+1 418-656-9254 ext. 102;" in card_payload(RECORD, PayloadFormat.MECARD)

"""The vCard writer, read back by a second, independent parser (tests/formats/independent_vcard.py)
and, for vCard 3.0, by the `vcard` package's validator."""

from __future__ import annotations

import base64
import io
import itertools
import re
import warnings
from collections.abc import Iterator
from datetime import date

import pytest
from vcard.vcard_errors import VCardError
from vcard.vcard_validator import VCard

from netdesk.formats.records import ContactRecord, PostalAddress, Typed
from netdesk.formats.vcard.write import vcard_text, write_vcards
from netdesk.formats.vcard.write_line_syntax import content_line
from tests.formats.independent_vcard import Card, VCardSyntaxError, parse_vcards

VERSIONS = ("3.0", "4.0")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 3 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


def export(records: list[ContactRecord], version: str = "3.0") -> bytes:
    out = io.BytesIO()
    assert write_vcards(records, out, version) == len(records)
    return out.getvalue()


def read_back(record: ContactRecord, version: str) -> Card:
    data = export([record], version)
    assert data == vcard_text(record, version).encode("utf-8")
    (card,) = parse_vcards(data)
    assert card.version == version
    if version == "3.0":
        check_with_vcard_package(data)
    return card


def check_with_vcard_package(data: bytes) -> None:
    """Validate each 3.0 card with the `vcard` package (RFC 2426), within its known limits:

    - it takes a group as a prefix of the whole card (RFC 2426 section 4 has one per content
      line), so Apple-style `itemN.` prefixes are taken off the lines before it reads them;
    - it allows no parameter on URL and only ISO 8859-1 letters, so tests that need typed URLs
      or other scripts rely on the independent parser alone;
    - it measures folded lines in characters, so it warns "Short folded line" about lines full
      at 75 octets of UTF-8; every other warning fails the test.
    """
    text = data.decode("utf-8")
    for card in re.findall(r"BEGIN:VCARD\r\n.*?END:VCARD\r\n", text, flags=re.DOTALL):
        ungrouped = re.sub(r"(?mi)^item[0-9]+\.", "", card)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                VCard(ungrouped)
            except VCardError as exc:
                pytest.fail(f"the vcard package rejects the card: {exc}\n{card}")
        others = [str(w.message) for w in caught if "Short folded line" not in str(w.message)]
        assert others == [], card


def full_record() -> ContactRecord:
    return ContactRecord(
        uid="5f0c1a52-0d3b-4b7e-9f57-0c8f5e6a1b2c",
        formatted_name="Dr. Zoë Müller-Lüdenscheidt",
        given_name="Zoë",
        family_name="Müller-Lüdenscheidt",
        middle_name="Anne",
        prefix="Dr.",
        suffix="PhD",
        nickname="Zo",
        organization="Société Générale",
        department="R&D; Paris",
        title="Head of research, Europe",
        birthday=date(1984, 2, 29),
        emails=[
            Typed("zoe@example.org", kind="work", preferred=True),
            Typed("zoe@home.example", kind="home", label="Privé"),
        ],
        phones=[
            Typed("+33 1 23 45 67 89", kind="work,voice"),
            Typed("+33 6 12 34 56 78", kind="cell", preferred=True),
        ],
        urls=[Typed("https://example.org/zoe")],
        addresses=[
            PostalAddress(
                street="12 rue de la Paix\nBâtiment B",
                locality="Paris",
                postal_code="75002",
                country="France",
                kind="work",
            )
        ],
        photo=JPEG,
        photo_mime="image/jpeg",
        note="Met at PyCon; promised the slides, and an intro to Ada.\nCall in March.",
        categories=["PyCon 2024", "speakers, maybe"],
        extra_lines=["X-SKYPE:zoe.m", "X-EVOLUTION-FILE-AS:Müller\\, Zoë"],
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_every_field_reads_back(version: str) -> None:
    card = read_back(full_record(), version)

    assert card.one("PRODID").raw == "-//netdesk//netdesk//EN"
    assert card.one("FN").text() == "Dr. Zoë Müller-Lüdenscheidt"
    assert card.one("N").components() == ["Müller-Lüdenscheidt", "Zoë", "Anne", "Dr.", "PhD"]
    assert card.one("NICKNAME").text_list() == ["Zo"]
    assert card.one("ORG").components() == ["Société Générale", "R&D; Paris"]
    assert card.one("TITLE").text() == "Head of research, Europe"
    assert card.one("NOTE").text() == (
        "Met at PyCon; promised the slides, and an intro to Ada.\nCall in March."
    )
    assert card.one("CATEGORIES").text_list() == ["PyCon 2024", "speakers, maybe"]
    assert card.one("URL").raw == "https://example.org/zoe"
    (adr,) = card.all("ADR")
    assert adr.components() == [
        "",
        "",
        "12 rue de la Paix\nBâtiment B",
        "Paris",
        "",
        "75002",
        "France",
    ]
    assert adr.param("TYPE") == ["work"]
    work_email, home_email = card.all("EMAIL")
    assert work_email.text() == "zoe@example.org"
    assert home_email.text() == "zoe@home.example"
    assert home_email.group
    (label,) = [p for p in card.group(home_email.group) if p.name == "X-ABLABEL"]
    assert label.text() == "Privé"
    desk, mobile = card.all("TEL")
    assert [desk.text(), mobile.text()] == ["+33 1 23 45 67 89", "+33 6 12 34 56 78"]
    assert desk.param("TYPE") == ["work", "voice"]
    # The extra lines come back verbatim, at the end, before END.
    assert [f"{p.name}:{p.raw}" for p in card.props[-2:]] == [
        "X-SKYPE:zoe.m",
        "X-EVOLUTION-FILE-AS:Müller\\, Zoë",
    ]
    if version == "3.0":
        assert card.one("UID").text() == "5f0c1a52-0d3b-4b7e-9f57-0c8f5e6a1b2c"
        assert card.one("BDAY").raw == "1984-02-29"
        assert work_email.param("TYPE") == ["work", "pref"]
        assert mobile.param("TYPE") == ["cell", "pref"]
        photo = card.one("PHOTO")
        assert photo.params == {"ENCODING": ["b"], "TYPE": ["JPEG"]}
        assert base64.b64decode(photo.raw, validate=True) == JPEG
    else:
        uid = card.one("UID")
        assert uid.param("VALUE") == ["text"]
        assert uid.text() == "5f0c1a52-0d3b-4b7e-9f57-0c8f5e6a1b2c"
        assert card.one("BDAY").raw == "19840229"
        assert work_email.params == {"TYPE": ["work"], "PREF": ["1"]}
        assert mobile.params == {"TYPE": ["cell"], "PREF": ["1"]}
        photo = card.one("PHOTO")
        assert photo.params == {}
        prefix = "data:image/jpeg;base64,"
        assert photo.raw.startswith(prefix)
        assert base64.b64decode(photo.raw[len(prefix) :], validate=True) == JPEG


def test_a_simple_card_is_exactly_what_phones_take() -> None:
    record = ContactRecord(
        uid="42",
        formatted_name="Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        organization="Analytical Engines",
        emails=[Typed("ada@example.org", kind="work")],
        phones=[Typed("+44 20 7946 0000", kind="cell")],
    )

    assert vcard_text(record) == (
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "PRODID:-//netdesk//netdesk//EN\r\n"
        "UID:42\r\n"
        "FN:Ada Lovelace\r\n"
        "N:Lovelace;Ada;;;\r\n"
        "ORG:Analytical Engines\r\n"
        "EMAIL;TYPE=work:ada@example.org\r\n"
        "TEL;TYPE=cell:+44 20 7946 0000\r\n"
        "END:VCARD\r\n"
    )
    check_with_vcard_package(vcard_text(record).encode())


@pytest.mark.parametrize("version", VERSIONS)
def test_empty_fields_are_left_out_but_fn_and_n_are_always_there(version: str) -> None:
    record = ContactRecord(
        given_name="Grace",
        family_name="Hopper",
        emails=[Typed(""), Typed("grace@example.org")],
        phones=[Typed("", kind="cell")],
        addresses=[PostalAddress(kind="home")],
        categories=["", "navy"],
    )

    card = read_back(record, version)

    assert [p.name for p in card.props] == [
        "VERSION",
        "PRODID",
        "FN",
        "N",
        "EMAIL",
        "CATEGORIES",
    ]
    # No FN in the record: the card is named after the person's name parts.
    assert card.one("FN").text() == "Grace Hopper"
    assert card.one("CATEGORIES").text_list() == ["navy"]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_nameless_record_still_gets_fn_and_n(version: str) -> None:
    record = ContactRecord(emails=[Typed("someone@example.org")])

    card = read_back(record, version)

    assert card.one("FN").text() == "someone@example.org"
    assert card.one("N").components() == ["", "", "", "", ""]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    "char",
    ["é", "€", "中", "😀"],  # 2, 3, 3 and 4 octets in UTF-8
)
@pytest.mark.parametrize("lead", range(4))
def test_long_non_ascii_values_fold_at_75_octets_without_splitting_a_character(
    version: str, char: str, lead: int
) -> None:
    # `lead` ASCII letters shift where the 75-octet boundary falls inside the characters.
    note = "x" * lead + char * 120 + " end"
    name = "Ω" * 50 + "a" * lead + char * 40
    record = ContactRecord(formatted_name=name, note=note, title=char * 37)

    data = export([record], version)

    (card,) = parse_vcards(data)  # checks 75 octets and UTF-8 per physical line
    assert card.one("NOTE").text() == note
    assert card.one("FN").text() == name
    assert card.one("TITLE").text() == char * 37
    physical = data.split(b"\r\n")
    for line, following in itertools.pairwise(physical):
        if following.startswith(b" "):
            # A fold only comes early when the next character would not have fitted.
            next_char = following[1:].decode()[0].encode()
            assert len(line) + len(next_char) > 75, line
    if char == "é" and version == "3.0":
        # The vcard package knows ISO 8859-1 letters only: no omega there.
        latin = ContactRecord(formatted_name="a" * lead + char * 40, note=note)
        check_with_vcard_package(export([latin], version))


@pytest.mark.parametrize("version", VERSIONS)
def test_long_ascii_lines_fill_every_physical_line(version: str) -> None:
    note = "".join(str(i % 10) for i in range(500))
    data = export([ContactRecord(formatted_name="A", note=note)], version)

    lines = data.split(b"\r\n")
    note_lines = lines[next(i for i, line in enumerate(lines) if line.startswith(b"NOTE:")) :]
    assert len(note_lines[0]) == 75
    assert all(len(line) == 75 for line in note_lines[1:6])
    (card,) = parse_vcards(data)
    assert card.one("NOTE").text() == note


@pytest.mark.parametrize("version", VERSIONS)
def test_values_are_escaped(version: str) -> None:
    tricky = "back\\slash, comma; semicolon: colon\r\nCRLF\rCR\nLF"
    plain = "back\\slash, comma; semicolon: colon\nCRLF\nCR\nLF"
    record = ContactRecord(
        formatted_name=tricky,
        given_name="a;b",
        family_name="c,d",
        middle_name="e\\f",
        organization="Org; with, all\\",
        department="Dept\nTwo",
        title=tricky,
        nickname="Jim, Jimmie",
        emails=[Typed("odd;addr,@example.org", label="my, label; here")],
        addresses=[PostalAddress(street="1; Main, St", locality="A\\B", kind="home")],
        note=tricky,
        categories=["one, two", "three;four", "five\\six"],
    )

    data = export([record], version)
    (card,) = parse_vcards(data)

    assert card.one("FN").text() == plain
    assert card.one("TITLE").text() == plain
    assert card.one("NOTE").text() == plain
    assert card.one("N").components() == ["c,d", "a;b", "e\\f", "", ""]
    assert card.one("ORG").components() == ["Org; with, all\\", "Dept\nTwo"]
    assert card.one("NICKNAME").text_list() == ["Jim, Jimmie"]
    assert card.one("CATEGORIES").text_list() == ["one, two", "three;four", "five\\six"]
    email = card.one("EMAIL")
    assert email.text() == "odd;addr,@example.org"
    assert card.group(email.group)[1].text() == "my, label; here"
    assert card.one("ADR").components()[2:4] == ["1; Main, St", "A\\B"]
    # Colons are not escaped (RFC 2426 and 6350 define no \: escape).
    assert b"\\:" not in data
    if version == "3.0":
        ungrouped = ContactRecord(formatted_name=tricky, note=tricky, organization="O; P, Q")
        check_with_vcard_package(export([ungrouped], version))


@pytest.mark.parametrize("version", VERSIONS)
def test_control_characters_are_dropped_from_values(version: str) -> None:
    record = ContactRecord(formatted_name="Bell\x07 and\x00 null\x1b", note="tab\tkept")

    (card,) = parse_vcards(export([record], version))

    assert card.one("FN").text() == "Bell and null"
    assert card.one("NOTE").text() == "tab\tkept"


def test_parameter_values_that_need_quoting_in_3_0() -> None:
    record = ContactRecord(
        formatted_name="Q",
        phones=[Typed("1", kind="work,x-desk:2;b"), Typed("2", kind='say "hi"')],
    )

    data = export([record], "3.0")
    (card,) = parse_vcards(data)

    first, second = card.all("TEL")
    assert first.param("TYPE") == ["work", "x-desk:2;b"]
    assert b'TEL;TYPE=work,"x-desk:2;b":1' in data
    # 3.0 cannot write a double quote inside a parameter value at all.
    assert second.param("TYPE") == ["say 'hi'"]


def test_parameter_values_use_rfc_6868_escapes_in_4_0() -> None:
    record = ContactRecord(
        formatted_name="Q",
        phones=[
            Typed("1", kind='say "hi";now'),
            Typed("2", kind="line\nbreak:x"),
            Typed("3", kind="caret^n"),
        ],
    )

    data = export([record], "4.0")
    (card,) = parse_vcards(data)

    first, second, third = card.all("TEL")
    assert first.param("TYPE") == ['say "hi";now']
    assert second.param("TYPE") == ["line\nbreak:x"]
    assert third.param("TYPE") == ["caret^n"]
    assert b"TYPE=\"say ^'hi^';now\":1" in data
    assert b'TYPE="line^nbreak:x":2' in data
    assert b"TYPE=caret^^n:3" in data


@pytest.mark.parametrize("version", VERSIONS)
def test_photos_with_and_without_a_known_type(version: str) -> None:
    png = read_back(ContactRecord(formatted_name="P", photo=PNG, photo_mime="image/png"), version)
    raw = png.one("PHOTO").raw
    if version == "3.0":
        assert png.one("PHOTO").params == {"ENCODING": ["b"], "TYPE": ["PNG"]}
        assert base64.b64decode(raw) == PNG
    else:
        assert raw.startswith("data:image/png;base64,")
        assert base64.b64decode(raw.split(",", 1)[1]) == PNG

    # No type given: a JPEG is still recognised by its first bytes, so phones show it.
    sniffed = read_back(ContactRecord(formatted_name="P", photo=JPEG), version)
    if version == "3.0":
        assert sniffed.one("PHOTO").param("TYPE") == ["JPEG"]
    else:
        assert sniffed.one("PHOTO").raw.startswith("data:image/jpeg;base64,")


@pytest.mark.parametrize("version", VERSIONS)
def test_labels_use_item_groups_that_do_not_clash_with_extra_lines(version: str) -> None:
    record = ContactRecord(
        formatted_name="L",
        emails=[Typed("a@example.org", label="Old job"), Typed("b@example.org")],
        phones=[Typed("+1 555 0100", kind="cell", label="_$!<Mobile>!$_")],
        urls=[Typed("https://blog.example.org", label="Blog")],
        addresses=[PostalAddress(locality="Oslo", label="Cabin")],
        extra_lines=[
            "item1.X-ABDATE:2010-06-01",
            "item1.X-ABLabel:_$!<Anniversary>!$_",
            "ITEM3.X-ABRELATEDNAMES:Bob",
            "item3.X-ABLabel:_$!<Friend>!$_",
        ],
    )

    card = read_back(record, version)

    def labelled(name: str) -> tuple[str, str]:
        prop = next(p for p in card.all(name) if p.group)
        group = card.group(prop.group)
        assert [p.name for p in group] == [name, "X-ABLABEL"]
        return prop.group, group[1].text()

    groups = {
        name: labelled(name) for name in ("EMAIL", "TEL", "URL", "ADR")
    }  # fmt: skip
    assert groups == {
        "EMAIL": ("item2", "Old job"),
        "TEL": ("item4", "_$!<Mobile>!$_"),
        "URL": ("item5", "Blog"),
        "ADR": ("item6", "Cabin"),
    }
    assert [p.group for p in card.all("EMAIL")] == ["item2", ""]
    assert [p.text() for p in card.group("item1")] == ["2010-06-01", "_$!<Anniversary>!$_"]


@pytest.mark.parametrize("version", VERSIONS)
def test_social_profiles(version: str) -> None:
    record = ContactRecord(
        formatted_name="S",
        urls=[
            Typed("https://www.linkedin.com/in/someone", kind="linkedin"),
            Typed("https://example.org", kind="work", preferred=True),
        ],
    )

    (card,) = parse_vcards(export([record], version))

    social = card.one("X-SOCIALPROFILE")
    assert social.raw == "https://www.linkedin.com/in/someone"
    assert social.param("TYPE") == ["linkedin"]
    url = card.one("URL")
    assert url.raw == "https://example.org"
    assert url.params == (
        {"TYPE": ["work", "pref"]} if version == "3.0" else {"TYPE": ["work"], "PREF": ["1"]}
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_extra_lines_are_written_verbatim_and_folded(version: str) -> None:
    long_extra = "X-KADDRESSBOOK-X-IMADDRESS;X-SERVICE-TYPE=jabber:" + "ü" * 60
    record = ContactRecord(
        formatted_name="E",
        extra_lines=[
            long_extra,
            'X-SOMETHING;X-P="a:b":value, with\\, commas',
            "BEGIN:VCARD",  # never nest or end the card from an extra line
            "VERSION:2.1",
            "END:VCARD",
            "",
        ],
    )

    data = export([record], version)
    (card,) = parse_vcards(data)

    tail = card.props[-2:]
    assert [(p.name, p.raw) for p in tail] == [
        ("X-KADDRESSBOOK-X-IMADDRESS", "ü" * 60),
        ("X-SOMETHING", "value\\, with\\, commas"),  # as text: vobject lists a bare comma
    ]
    assert tail[0].params == {"X-SERVICE-TYPE": ["jabber"]}
    assert tail[1].params == {"X-P": ["a:b"]}
    assert data.count(b"VERSION:") == 1


@pytest.mark.parametrize("version", VERSIONS)
def test_the_prodid_is_always_ours(version: str) -> None:
    # The product that made the file is netdesk, whatever made the card before.
    record = ContactRecord(formatted_name="P", extra_lines=["PRODID:-//Apple Inc.//iOS 17//EN"])

    (card,) = parse_vcards(export([record], version))

    assert card.one("PRODID").raw == "-//netdesk//netdesk//EN"


def test_uids_in_4_0_keep_their_value() -> None:
    uri = read_back(ContactRecord(uid="urn:uuid:1234", formatted_name="U"), "4.0")
    assert uri.one("UID").raw == "urn:uuid:1234"
    assert uri.one("UID").params == {}
    text = read_back(ContactRecord(uid="pas-id-3E0B;7", formatted_name="U"), "4.0")
    assert text.one("UID").params == {"VALUE": ["text"]}
    assert text.one("UID").text() == "pas-id-3E0B;7"


@pytest.mark.parametrize("version", ["2.1", "3", "4", ""])
def test_other_versions_are_refused(version: str) -> None:
    with pytest.raises(ValueError, match=r"3\.0 or 4\.0"):
        vcard_text(ContactRecord(formatted_name="V"), version)
    with pytest.raises(ValueError, match=r"3\.0 or 4\.0"):
        write_vcards([], io.BytesIO(), version)


def test_write_vcards_streams_card_by_card() -> None:
    out = io.BytesIO()
    written_before: list[int] = []

    def records() -> Iterator[ContactRecord]:
        for i in range(5):
            written_before.append(out.tell())
            yield ContactRecord(formatted_name=f"Person {i}", given_name=f"P{i}")

    count = write_vcards(records(), out, "3.0")

    assert count == 5
    # Each card is in `out` before the next record is asked for.
    assert written_before[0] == 0
    assert all(b > a for a, b in itertools.pairwise(written_before))
    cards = parse_vcards(out.getvalue())
    assert [c.one("FN").text() for c in cards] == [f"Person {i}" for i in range(5)]
    check_with_vcard_package(out.getvalue())


def test_the_independent_parser_refuses_what_it_should() -> None:
    good = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nN:;;;;\r\nEND:VCARD\r\n"
    assert parse_vcards(good)
    bad = {
        "LF only": good.replace(b"\r\n", b"\n"),
        "long line": good.replace(b"FN:A", b"FN:" + b"a" * 73),
        "split character": good.replace(b"FN:A", b"FN:" + b"a" * 71 + b"\xc3\r\n \xa9"),
        "no N in 3.0": good.replace(b"N:;;;;\r\n", b""),
        "no FN": good.replace(b"FN:A\r\n", b""),
        "VERSION not second": good.replace(b"VERSION:3.0\r\nFN:A", b"FN:A\r\nVERSION:3.0"),
        "no END": good.replace(b"END:VCARD\r\n", b""),
        "quote in unquoted param": good.replace(b"FN:A", b'FN;X-A=b,c"d:A'),
        "param without value": good.replace(b"FN:A", b"FN;CELL:A"),
        "bad escape": good.replace(b"FN:A", b"FN:A\\:B"),
        "unescaped comma in text": good.replace(b"FN:A", b"FN:A,B"),
        "two N": good.replace(b"N:;;;;", b"N:;;;;\r\nN:;;;;"),
        "blank line": good.replace(b"FN:A\r\n", b"FN:A\r\n\r\n"),
    }
    for why, data in bad.items():
        with pytest.raises(VCardSyntaxError):
            for card in parse_vcards(data):
                card.one("FN").text()
            pytest.fail(f"accepted: {why}")


@pytest.mark.parametrize("version", VERSIONS)
def test_quoted_printable_extra_lines_are_written_as_text(version: str) -> None:
    # 3.0 and 4.0 have no quoted-printable (vobject decodes it and fails on a cut character):
    # such lines, kept by earlier versions, go out decoded.
    value = "=E6=B5=8B=E8=AF=95" * 12
    extras = [f"X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{'x' * n}{value}"
              for n in range(3)]  # fmt: skip
    data = export([ContactRecord(formatted_name="Q", extra_lines=extras)], version)

    (card,) = parse_vcards(data)
    assert [p.raw for p in card.all("X-ANDROID-CUSTOM")] == [
        f"{'x' * n}{'测试' * 12}" for n in range(3)
    ]
    assert all(p.params == {} for p in card.all("X-ANDROID-CUSTOM"))


LEGACY_LINES = {
    # vCard 2.1 bare parameters name only the value.
    "LABEL;HOME;PREF:Marktplatz 1\\nUlm": "LABEL;TYPE=HOME;TYPE=PREF:Marktplatz 1\\nUlm",
    "X-C;TYPE=VOICE;MSG,WORK:1": "X-C;TYPE=VOICE;TYPE=MSG,WORK:1",
    "PHOTO;BASE64;JPEG:/9j/": "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/",
    # Empty parameters go.
    "NOPARAM;:pas-id-1": "NOPARAM:pas-id-1",
    "MIDDLE;A=1;;B=2:x": "MIDDLE;A=1;B=2:x",
    # Names hold letters, digits and "-" only.
    "OPPO_RECENT_CALL:NULL": "OPPO-RECENT-CALL:NULL",
    "X-messaging/irc-All:ute": "X-messaging-irc-All:ute",
    # Parameter values holding ; : or , are quoted; values lose control characters.
    'X-A;X-B="a;b",c:d': 'X-A;X-B="a;b",c:d',
    "X-A;X-B=a:b,c:d": "X-A;X-B=a:b,c:d",
    "X-BELL:ding\x07dong": "X-BELL:dingdong",
    # Valid lines stay exactly as they are.
    "item1.X-ABLabel:_$!<Anniversary>!$_": "item1.X-ABLabel:_$!<Anniversary>!$_",
    "X-EVOLUTION-FILE-AS:Müller\\, Zoë": "X-EVOLUTION-FILE-AS:Müller\\, Zoë",
}


@pytest.mark.parametrize(("line", "expected"), LEGACY_LINES.items())
def test_content_line_makes_extra_lines_valid(line: str, expected: str) -> None:
    assert content_line(line) == expected
    assert content_line(expected) == expected  # a second pass changes nothing


def test_content_line_drops_what_is_not_a_property() -> None:
    assert content_line("no colon at all") is None
    assert content_line("_/:value") is None


@pytest.mark.parametrize("version", VERSIONS)
def test_extra_lines_in_legacy_syntax_are_written_valid(version: str) -> None:
    record = ContactRecord(formatted_name="Ute Ulm", extra_lines=list(LEGACY_LINES))

    data = export([record], version)

    (card,) = parse_vcards(data)
    assert len(card.props) == 4 + len(LEGACY_LINES)  # VERSION PRODID FN N, then the extras
    unfolded = data.decode().replace("\r\n ", "").split("\r\n")
    expected = list(LEGACY_LINES.values())
    if version == "4.0":
        # RFC 6350 has no LABEL property: a delivery label is the LABEL of an address.
        expected[0] = 'ADR;LABEL="Marktplatz 1^nUlm";TYPE=home:;;;;;;'
    # 2.1's ENCODING=BASE64 goes out as "b", the only one vobject (Radicale) takes.
    expected[2] = "PHOTO;TYPE=JPEG;ENCODING=b:/9j/"
    expected[8] = "X-A;X-B=a:b\\,c:d"  # an X- property's value is text: its comma escaped
    assert unfolded[5:-2] == expected


@pytest.mark.parametrize("version", VERSIONS)
def test_a_card_keeps_one_of_each_single_property(version: str) -> None:
    record = ContactRecord(
        uid="u-1",
        formatted_name="Ann",
        birthday=date(1990, 1, 2),
        extra_lines=[
            "N:Second;Name;;;",
            "UID:u-2",
            "BDAY:1953-10-15T23:10:00Z",
            "FN:Other name",
            "REV:2020-01-01T00:00:00Z",
            "REV:2021-01-01T00:00:00Z",
            "GENDER:F",
            "GENDER:M",
        ],
    )

    (card,) = parse_vcards(export([record], version))

    assert card.one("N").components() == ["", "", "", "", ""]
    assert card.one("UID").text() == "u-1"
    assert card.one("BDAY").raw in ("1990-01-02", "19900102")
    assert card.all("REV") == []  # another program's revision time is stale once netdesk writes
    assert card.one("GENDER").raw == "F"
    # 3.0 has exactly one FN; 4.0 allows more (other languages, other scripts).
    fns = [p.text() for p in card.all("FN")]
    assert fns == (["Ann"] if version == "3.0" else ["Ann", "Other name"])


def test_a_year_less_birthday_among_the_extra_lines_is_kept() -> None:
    record = ContactRecord(formatted_name="B", extra_lines=["BDAY:--0203"])

    (card,) = parse_vcards(export([record], "4.0"))

    assert card.one("BDAY").raw == "--0203"

"""The vCard reader: file structure, encodings, folding, quoted-printable and broken input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.read import read_vcard_file, read_vcards
from tests.formats.vcard_read_helpers import card, crlf, read_all, read_one


def test_reads_every_card_of_a_file_in_order_with_the_line_of_its_begin() -> None:
    data = card("FN:Ada") + card("FN:Grace") + "\n" + card("FN:Linus")
    records, problems = read_all(data)
    assert problems == []
    assert [r.formatted_name for r in records] == ["Ada", "Grace", "Linus"]
    assert [r.line for r in records] == [1, 5, 10]
    assert {r.source for r in records} == {"vcard"}


def test_yields_records_lazily_as_an_iterator() -> None:
    items = read_vcards(crlf(card("FN:Ada") + card("FN:Grace")))
    assert iter(items) is items
    first = next(items)
    assert isinstance(first, ContactRecord)
    assert first.formatted_name == "Ada"


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_reads_each_vcard_version(version: str) -> None:
    record = read_one(card("N:Lovelace;Ada;;;", "EMAIL:ada@example.org", version=version))
    assert (record.family_name, record.given_name) == ("Lovelace", "Ada")
    assert record.emails[0].value == "ada@example.org"


def test_version_may_come_last_and_names_may_be_lowercase() -> None:
    data = "begin:vcard\nfn:Ada Lovelace\nemail;type=work:ada@example.org\nversion:3.0\nend:vcard\n"
    record = read_one(data)
    assert record.formatted_name == "Ada Lovelace"
    assert record.emails[0].kind == "work"
    assert record.extra_lines == []


def test_a_group_prefix_on_begin_is_accepted() -> None:
    record = read_one("home.begin:vcard\nversion:3.0\nfn:Ada\nend:vcard\n")
    assert record.formatted_name == "Ada"


@pytest.mark.parametrize("eol", ["\r\n", "\n", "\r"])
def test_reads_any_line_ending(eol: str) -> None:
    data = card("N:Lovelace;Ada;;;", "NOTE:one\\ntwo").replace("\n", eol).encode()
    record = read_one(data)
    assert record.note == "one\ntwo"
    assert record.family_name == "Lovelace"


def test_reads_mixed_line_endings() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\nFN:Ada\r\nTEL:+44 20 7946 0000\nEND:VCARD\r\n"
    record = read_one(data)
    assert record.phones[0].value == "+44 20 7946 0000"


def test_utf8_with_and_without_bom() -> None:
    text = card("FN:Zoë Ångström")
    assert read_one(codecs.BOM_UTF8 + crlf(text)).formatted_name == "Zoë Ångström"
    assert read_one(crlf(text)).formatted_name == "Zoë Ångström"


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_utf16_with_or_without_bom(codec: str, bom: bytes) -> None:
    text = card("FN:Zoë Ångström", "NOTE:Привет").replace("\n", "\r\n")
    record = read_one(bom + text.encode(codec))
    assert record.formatted_name == "Zoë Ångström"
    assert record.note == "Привет"


def test_folded_lines_continue_after_a_space_or_a_tab() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Love\n lace\nNOTE:first \n\tsecond\nEND:VCARD\n"
    record = read_one(data)
    assert record.formatted_name == "Ada Lovelace"
    assert record.note == "first second"


def test_a_fold_may_split_a_utf8_character() -> None:
    name = "Ζωή Ελληνική".encode()
    split = name.index("ή".encode()) + 1  # between the two bytes of "ή"
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name[:split] + b"\r\n " + name[split:]
    record = read_one(data + b"\r\nEND:VCARD\r\n")
    assert record.formatted_name == "Ζωή Ελληνική"


def test_folds_inside_parameters_are_joined() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nTEL;TYPE=VOICE,W\n\tORK:+1 555 0100\nEND:VCARD\n"
    assert read_one(data).phones[0].kind == "work"


def test_quoted_printable_soft_line_breaks_continue_the_value() -> None:
    data = (
        "BEGIN:VCARD\nVERSION:2.1\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=\nBr=C3=BCning;=\nMichael\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=\nMichael Br=C3=BCning\n"
        "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=\n;=\n;=\nM=C3=BCnsterplatz 21;=\n"
        "Ulm;=\n;=\n89073;=\n\n"
        "TEL;CELL:+49 170 0000000\nEND:VCARD\n"
    )
    record = read_one(data)
    assert record.formatted_name == "Michael Brüning"
    assert (record.family_name, record.given_name) == ("Brüning", "Michael")
    address = record.addresses[0]
    assert (address.street, address.locality, address.postal_code) == (
        "Münsterplatz 21",
        "Ulm",
        "89073",
    )
    assert record.phones[0].value == "+49 170 0000000"


def test_quoted_printable_multibyte_characters_split_by_soft_breaks() -> None:
    data = (
        "BEGIN:VCARD\nVERSION:2.1\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=B5=8B=E8=AF=95=E6=B5=8B=E8=AF=\n"
        "=95=E6=B5=8B\n"
        "NOTE;QUOTED-PRINTABLE;CHARSET=UTF-8:line one=0D=0Aline two\n"
        "END:VCARD\n"
    )
    record = read_one(data)
    assert record.formatted_name == "测试测试测"
    assert record.note == "line one\nline two"


def test_base64_lines_ending_in_equals_are_not_soft_breaks() -> None:
    data = card("PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=", "TEL:+1 555 0100")
    record = read_one(data)
    assert record.photo == b"\x89PNG\r\n\x1a\n"
    assert record.phones[0].value == "+1 555 0100"


def test_a_soft_break_never_swallows_end_vcard() -> None:
    data = "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ada=\nEND:VCARD\n"
    assert read_one(data).formatted_name == "Ada"


def test_charset_parameter_names_a_legacy_encoding() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\r\n"
        b"FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\n"
        b"X-CUSTOM;CHARSET=ISO-8859-1:Gr\xfc\xdfe\r\nEND:VCARD\r\n"
    )
    record = read_one(data)
    assert record.formatted_name == "Jürgen Müller"
    assert record.family_name == "Müller"
    assert record.extra_lines == ["X-CUSTOM:Grüße"]


def _guessed(codec: str) -> str:
    return (
        f"text that is neither UTF-8 nor in a character set the file names was read as {codec}"
        " (here and in the rest of the file); check its accented letters"
    )


def test_windows_1250_without_any_charset_is_recognised_and_said_once() -> None:
    text = card("FN:Antonín Dvořák", "ORG:Národní divadlo", "ADR:;;Žižkova 12;Plzeň;;;")
    records, problems = read_all(text.replace("\n", "\r\n").encode("cp1250"))
    [record] = records
    assert record.formatted_name == "Antonín Dvořák"
    assert record.organization == "Národní divadlo"
    assert record.addresses[0].locality == "Plzeň"
    assert problems == [Problem("test.vcf", 3, _guessed("windows-1250"), kept=True)]


def test_windows_1252_without_any_charset_is_recognised_and_said_once() -> None:
    text = card("FN:Hélène Côté", "NOTE:Rencontrée à Genève") + card("FN:Zoë")
    records, problems = read_all(text.replace("\n", "\r\n").encode("cp1252"))
    assert records[0].formatted_name == "Hélène Côté"
    assert records[0].note == "Rencontrée à Genève"
    assert records[1].formatted_name == "Zoë"
    assert [str(p) for p in problems] == [f"test.vcf:3: {_guessed('windows-1252')}"]


def test_quoted_printable_without_charset_is_utf8_when_it_decodes_as_utf8() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;QUOTED-PRINTABLE:Iksi=C5=84ski;Jan\r\nEND:VCARD\r\n"
    record = read_one(data)  # no problem: nothing had to be guessed
    assert (record.family_name, record.formatted_name) == ("Iksiński", "Jan Iksiński")


def test_quoted_printable_without_charset_in_a_legacy_code_page_is_guessed_from_itself() -> None:
    # An old Polish phone: every accented letter is a QP escape of a Windows-1250 byte, so the
    # file has no raw 8-bit line to guess the code page from (it was read as Windows-1252).
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski;=A3ukasz\r\n"
        b"ADR;HOME;ENCODING=QUOTED-PRINTABLE:;;ul. =A3=F3dzka 5;Gda=F1sk;;80-001;Polska\r\n"
        b"END:VCARD\r\n"
    )
    records, problems = read_all(data)
    assert records[0].formatted_name == "Łukasz Iksiński"
    assert records[0].addresses[0].street == "ul. Łódzka 5"
    assert records[0].addresses[0].locality == "Gdańsk"
    assert problems == [Problem("test.vcf", 3, _guessed("windows-1250"), kept=True)]


def test_a_card_without_end_before_the_next_card_is_kept_with_a_warning() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:Lost\nBEGIN:VCARD\nVERSION:3.0\nFN:Found\nEND:VCARD\n"
    records, problems = read_all(data)
    assert [(r.formatted_name, r.line) for r in records] == [("Lost", 1), ("Found", 4)]
    assert [str(p) for p in problems] == [
        "test.vcf:4: the next BEGIN:VCARD comes before END:VCARD; the card was kept"
    ]


def test_a_card_cut_off_at_the_end_of_the_file_is_kept_with_a_warning() -> None:
    records, problems = read_all(card("FN:Ada") + "BEGIN:VCARD\nVERSION:4.0\nFN:Cut\n")
    assert [r.formatted_name for r in records] == ["Ada", "Cut"]
    assert [str(p) for p in problems] == [
        "test.vcf:7: the file ends before END:VCARD; the card was kept"
    ]


def test_a_line_without_colon_is_a_problem_and_the_card_is_still_read() -> None:
    records, problems = read_all(card("FN:Ada", "garbage here", "TEL:+1 555 0100"))
    assert records[0].phones[0].value == "+1 555 0100"
    assert problems == [Problem("test.vcf", 4, "line has no ':' separating name and value")]


def test_a_line_with_an_invalid_property_name_is_a_problem() -> None:
    records, problems = read_all(card("FN:Ada", "not a property: really"))
    assert records[0].extra_lines == []
    assert [p.line for p in problems] == [4]
    assert "not a vCard property" in problems[0].reason


def test_text_outside_cards_is_one_problem_and_blank_lines_are_ignored() -> None:
    data = "\n   \nFN:Stray\nEMAIL:stray@example.org\n\n" + card("FN:Ada") + "\n\n"
    records, problems = read_all(data)
    assert [r.formatted_name for r in records] == ["Ada"]
    assert len(problems) == 1
    assert problems[0].line == 3
    assert "outside any vCard" in problems[0].reason
    assert "lines 3-4" in problems[0].reason


def test_concatenated_files_with_byte_order_marks_and_end_of_file_marks() -> None:
    bom = codecs.BOM_UTF8
    data = bom + crlf(card("FN:Ada")) + bom + crlf(card("FN:Grace")) + b"\x1a\x00\r\n"
    records, problems = read_all(data)
    assert [r.formatted_name for r in records] == ["Ada", "Grace"]
    assert problems == []


def test_a_card_with_nothing_to_name_it_by_is_a_problem() -> None:
    data = card("FN:Ada") + "BEGIN:VCARD\nVERSION:2.1\nBDAY:1990-01-02\nEND:VCARD\n"
    records, problems = read_all(data)
    assert [r.formatted_name for r in records] == ["Ada"]
    assert [(p.line, p.reason) for p in problems] == [
        (
            5,
            "card has no name: no FN, N, nickname, organisation, email, phone, IM handle, "
            "web or postal address",
        )
    ]


def test_an_empty_file_is_a_problem() -> None:
    assert list(read_vcards(b"", "empty.vcf")) == [
        Problem("empty.vcf", 0, "the file is empty: there are no vCards in it")
    ]


def test_garbage_bytes_never_raise() -> None:
    data = bytes(range(256)) * 4 + b"\r\nBEGIN:VCARD\r\n\xff\xfe:\x00\r\nFN:Ada\r\nEND:VCARD"
    items = list(read_vcards(data))
    assert any(isinstance(item, ContactRecord) for item in items)


def test_read_vcard_file_names_the_file_in_problems(tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    path.write_bytes(crlf(card("FN:Ada") + "BEGIN:VCARD\nFN:Cut\n"))
    items = list(read_vcard_file(path))
    assert isinstance(items[0], ContactRecord)
    assert items[1].formatted_name == "Cut"  # type: ignore[union-attr]
    assert items[2] == Problem(
        str(path), 6, "the file ends before END:VCARD; the card was kept", kept=True
    )


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "missing.vcf"
    [problem] = list(read_vcard_file(path))
    assert isinstance(problem, Problem)
    assert problem.file == str(path)
    assert "could not read the file" in problem.reason

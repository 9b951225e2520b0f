"""The vCard reader: how each property lands in a ContactRecord, and what stays verbatim."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from netdesk.formats.records import PostalAddress, Typed
from tests.formats.vcard_read_helpers import card, read_all, read_one

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(40))


def test_names_organisation_title_note_and_uid() -> None:
    record = read_one(
        card(
            "FN:Dr. Ada King\\, Countess",
            "N:King;Ada;Augusta;Dr.;Countess",
            "NICKNAME:Ada",
            "ORG:Analytical Engines\\, Ltd.;Research;Mathematics",
            "TITLE:Lead\\; Programmer",
            "NOTE:Met at the Royal Society.\\nPromised notes\\, slides and a demo.",
            "UID:urn:uuid:1234",
        )
    )
    assert record.formatted_name == "Dr. Ada King, Countess"
    assert (record.family_name, record.given_name, record.middle_name) == ("King", "Ada", "Augusta")
    assert (record.prefix, record.suffix, record.nickname) == ("Dr.", "Countess", "Ada")
    assert record.organization == "Analytical Engines, Ltd."
    assert record.department == "Research; Mathematics"
    assert record.title == "Lead; Programmer"
    assert record.note == "Met at the Royal Society.\nPromised notes, slides and a demo."
    assert record.uid == "urn:uuid:1234"
    assert record.extra_lines == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["N:Lovelace;Ada;;Lady;"], "Lady Ada Lovelace"),
        (["NICKNAME:Countess"], "Countess"),
        (["ORG:Analytical Engines;Research"], "Analytical Engines"),
        (["EMAIL;TYPE=work:ada@example.org", "TEL:+1 555 0100"], "ada@example.org"),
        (["TEL:+1 555 0100"], "+1 555 0100"),
    ],
)
def test_a_card_without_fn_is_named_from_what_it_has(lines: list[str], expected: str) -> None:
    data = "\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", ""])
    assert read_one(data).formatted_name == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("BDAY:1815-12-10", date(1815, 12, 10)),
        ("BDAY:18151210", date(1815, 12, 10)),
        ("BDAY:1953-10-15T23:10:00Z", date(1953, 10, 15)),
        ("BDAY:19531015T231000Z", date(1953, 10, 15)),
        ("BDAY;VALUE=date:1987-09-27", date(1987, 9, 27)),
    ],
)
def test_full_birthdays_become_dates(value: str, expected: date) -> None:
    record = read_one(card(value))
    assert record.birthday == expected
    assert record.extra_lines == []


@pytest.mark.parametrize(
    "line",
    [
        "BDAY:--1210",
        "BDAY:--12-10",
        "BDAY:16041210",
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-10",
        "BDAY;VALUE=text:circa 1800",
        "BDAY:02-10",
    ],
)
def test_partial_or_text_birthdays_are_kept_verbatim(line: str) -> None:
    record = read_one(card(line))
    assert record.birthday is None
    assert record.extra_lines == [line]


@pytest.mark.parametrize("line", ["BDAY:1999-13-45", "BDAY:2001-02-30", "BDAY:20010230"])
def test_a_birthday_no_calendar_has_is_kept_and_said(line: str) -> None:
    records, problems = read_all(card(line))
    assert records[0].birthday is None
    assert records[0].extra_lines == [line]
    assert [(p.line, p.reason, p.kept) for p in problems] == [
        (
            4,
            "the birthday is not a date of any calendar; it is not shown, and kept as written "
            "for export",
            True,
        )
    ]


def test_bare_21_types_and_type_lists_become_kinds_without_pref_internet_voice() -> None:
    record = read_one(
        card(
            "TEL;CELL;PREF:+1 555 0100",
            "TEL;TYPE=work,voice:+1 555 0101",
            'TEL;TYPE="home,pref":+1 555 0102',
            "TEL;TYPE=WORK;TYPE=FAX:+1 555 0103",
            "TEL;PREF=1;TYPE=cell:+1 555 0104",
            "TEL;PREF=2;TYPE=cell:+1 555 0105",
            "EMAIL;INTERNET:plain@example.org",
            "EMAIL;TYPE=INTERNET;TYPE=HOME;TYPE=pref:home@example.org",
            version="2.1",
        )
    )
    assert record.phones == [
        Typed("+1 555 0100", kind="cell", preferred=True),
        Typed("+1 555 0101", kind="work"),
        Typed("+1 555 0102", kind="home", preferred=True),
        Typed("+1 555 0103", kind="work,fax"),
        Typed("+1 555 0104", kind="cell", preferred=True),
        Typed("+1 555 0105", kind="cell"),
    ]
    assert record.emails == [
        Typed("plain@example.org"),
        Typed("home@example.org", kind="home", preferred=True),
    ]


def test_vcard4_uri_phones_lose_their_tel_scheme() -> None:
    record = read_one(
        card(
            "TEL;VALUE=uri;TYPE=cell:tel:+1-555-555-0100",
            "TEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=102",
            "TEL;TYPE=cell;VALUE=URI:67545678",
            "EMAIL:mailto:ada@example.org",
            version="4.0",
        )
    )
    assert [(phone.value, phone.extension) for phone in record.phones] == [
        ("+1-555-555-0100", ""),
        ("+1-418-656-9254", "102"),
        ("67545678", ""),
    ]
    assert record.emails[0].value == "ada@example.org"


def test_apple_groups_give_labels_to_their_property() -> None:
    record = read_one(
        card(
            "item1.X-ABLabel:Work",
            "item1.EMAIL;type=INTERNET:ada@work.example",
            "item2.URL;type=pref:example.org",
            "item2.X-ABLabel:_$!<HomePage>!$_",
            "ITEM3.TEL:+1 555 0100",
            "item3.X-ABLABEL:Lab phone",
            "item4.ADR:;;1 Main St;Springfield;;;",
            "item4.X-ABLabel:Summer house",
            "item4.X-ABADR:us",
        )
    )
    assert record.emails == [Typed("ada@work.example", label="Work")]
    assert record.urls == [Typed("example.org", label="HomePage", preferred=True)]
    assert record.phones == [Typed("+1 555 0100", label="Lab phone")]
    assert record.addresses[0].label == "Summer house"
    assert record.extra_lines == ["item4.X-ABADR:us"]


def test_orphan_labels_stay_with_their_group_in_extra_lines() -> None:
    record = read_one(
        card(
            "item1.ORG:Test Inc",
            "item1.X-ABLabel:Work",
            "item2.X-ABDATE:2010-05-01",
            "item2.X-ABLabel:_$!<Anniversary>!$_",
            "X-ABLabel:no group",
        )
    )
    assert record.organization == "Test Inc"
    assert record.extra_lines == [
        "item1.X-ABLabel:Work",
        "item2.X-ABDATE:2010-05-01",
        "item2.X-ABLabel:_$!<Anniversary>!$_",
        "X-ABLabel:no group",
    ]


def test_rfc6868_parameter_escapes() -> None:
    record = read_one(
        card(
            "ADR;LABEL=\"Ada ^'the Countess^' King^n12 St James's Square\";TYPE=home:"
            ";;12 St James^'s Square;London;;SW1Y 4JH;UK",
            "TEL;TYPE=x-^^caret^'quoted^':+1 555 0100",
            version="4.0",
        )
    )
    # A delivery label, not a type name: kept as the line a 3.0 export writes.
    assert record.addresses[0].label == ""
    assert record.extra_lines == ['LABEL;TYPE=home:Ada "the Countess" King\\n12 St James\'s Square']
    assert record.addresses[0].street == "12 St James^'s Square"  # values are not RFC 6868
    assert record.phones[0].kind == 'x-^caret"quoted"'


def test_value_escapes_including_googles_escaped_colon() -> None:
    record = read_one(
        card(
            "item7.URL:http\\://www.example.org/a\\,b",
            "NOTE:back\\\\slash\\, comma\\; semicolon\\Nnew line \\x stays",
        )
    )
    assert record.urls[0].value == "http://www.example.org/a,b"
    assert record.note == "back\\slash, comma; semicolon\nnew line \\x stays"


def test_addresses_of_every_version() -> None:
    record = read_one(
        card(
            "ADR;TYPE=WORK,POSTAL,PARCEL:;;6544 Battleford Drive;Raleigh;NC;27613-3502;U.S.A.",
            "ADR;POSTAL;WORK:P.O. Box 101;;;Any Town;CA;91921-1234",
            "ADR;TYPE=home;PREF=1:;Suite 5;Haight Street 512\\;\\nEscape\\, Test;Novosibirsk;;;",
            "ADR;TYPE=home:;;;;;;",
        )
    )
    assert record.addresses == [
        PostalAddress(
            street="6544 Battleford Drive",
            locality="Raleigh",
            region="NC",
            postal_code="27613-3502",
            country="U.S.A.",
            kind="work,postal,parcel",
        ),
        PostalAddress(
            po_box="P.O. Box 101",
            locality="Any Town",
            region="CA",
            postal_code="91921-1234",
            kind="postal,work",
        ),
        PostalAddress(
            extended="Suite 5",
            street="Haight Street 512;\nEscape, Test",
            locality="Novosibirsk",
            kind="home",
            preferred=True,
        ),
    ]


def test_categories_are_a_comma_list_with_escaped_commas() -> None:
    record = read_one(card("CATEGORIES:Python,Events\\, Berlin", "CATEGORIES:python,Python"))
    assert record.categories == ["Python", "Events, Berlin", "python"]


def test_social_profiles_become_urls_with_their_network_as_kind() -> None:
    record = read_one(
        card(
            "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ada",
            "URL;TYPE=work:https://example.org",
        )
    )
    assert record.urls == [
        Typed("https://www.linkedin.com/in/ada", kind="linkedin"),
        Typed("https://example.org", kind="work"),
    ]


def test_unmapped_properties_stay_verbatim_in_order() -> None:
    record = read_one(
        card(
            "FN:Ada Lovelace",
            "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
            "item3.IMPP;X-SERVICE-TYPE=Skype;type=pref:skype:ada.lovelace",
            "REV:2024-01-01T00:00:00Z",
            "X-SKYPE:ada",
            "GEO:geo:51.5\\,-0.1",
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Ada;1;;;;;;;;;;;;;",
        )
    )
    assert record.formatted_name == "Ada Lovelace"
    assert record.extra_lines == [
        "item3.IMPP;X-SERVICE-TYPE=Skype;type=pref:skype:ada.lovelace",
        "X-SKYPE:ada",
        "GEO:geo:51.5\\,-0.1",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Ada;1;;;;;;;;;;;;;",
    ]


def test_unmapped_21_lines_are_kept_in_a_form_a_30_file_can_hold() -> None:
    record = read_one(
        card(
            "X-MSN;HOME:ada@example.com",
            "OPPO_RECENT_CALL:NULL",
            "X-messaging/irc-All:ada",
            "NOPARAM;:pas-id-1",
            "LOGO;ENCODING=BASE64;GIF:\n  R0lG\n  ODlh",
            version="2.1",
        )
    )
    assert record.extra_lines == [
        "X-MSN;TYPE=HOME:ada@example.com",
        "OPPO-RECENT-CALL:NULL",
        "X-messaging-irc-All:ada",
        "NOPARAM:pas-id-1",
        "LOGO;TYPE=GIF;ENCODING=b:R0lGODlh",
    ]


def test_properties_a_card_holds_once_are_kept_once_others_stay_extra() -> None:
    record = read_one(
        card(
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "UID:one",
            "BDAY:--1210",
            "KIND:individual",
            "FN:Second name",
            "N;ALTID=1:King;Ada;;;",
            "UID:two",
            "BDAY:1815-12-10",
            "KIND:org",
            "NICKNAME:Ada",
            "NICKNAME:Countess",
            "TITLE:Mathematician",
            "TITLE;LANGUAGE=fr:Mathématicienne",
        )
    )
    assert (record.formatted_name, record.family_name, record.uid) == (
        "Ada Lovelace",
        "Lovelace",
        "one",
    )
    assert record.birthday is None
    assert record.extra_lines == [
        "BDAY:--1210",
        "KIND:individual",
        "NICKNAME:Countess",
        "TITLE;LANGUAGE=fr:Mathématicienne",
    ]


def test_quoted_printable_and_charset_lines_are_kept_as_plain_30_lines() -> None:
    data = (
        "BEGIN:VCARD\nVERSION:2.1\nFN:Ada\n"
        "LABEL;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCnsterplatz 21=0D=0A=\n"
        "89073 Ulm\n"
        "item1.X-ANDROID-CUSTOM;CHARSET=UTF-8;QUOTED-PRINTABLE:nick;=E8=B4=9D;1\n"
        "X-NOTE;CHARSET=UTF-8:Grüße\n"
        "END:VCARD\n"
    )
    assert read_one(data).extra_lines == [
        "item1.X-ANDROID-CUSTOM:nick;贝;1",
        "X-NOTE:Grüße",
        "LABEL;TYPE=home:Münsterplatz 21\\n89073 Ulm",  # delivery labels come last
    ]


def test_base64_photo_with_type() -> None:
    encoded = base64.b64encode(JPEG).decode()
    record = read_one(card(f"PHOTO;ENCODING=b;TYPE=JPEG:{encoded[:20]}\n {encoded[20:]}"))
    assert record.photo == JPEG
    assert record.photo_mime == "image/jpeg"
    assert record.extra_lines == []


def test_21_photo_starting_on_an_indented_line_with_a_blank_line_before_end() -> None:
    encoded = base64.b64encode(PNG).decode()
    data = (
        "BEGIN:VCARD\nVERSION:2.1\nFN:Ada\nPHOTO;ENCODING=BASE64;PNG:\n"
        f"  {encoded[:30]}\n  {encoded[30:]}\n\nEND:VCARD\n"
    )
    record = read_one(data)
    assert record.photo == PNG
    assert record.photo_mime == "image/png"


def test_30_photo_with_bare_base64_parameter() -> None:
    encoded = base64.b64encode(JPEG).decode()
    record = read_one(card(f"PHOTO;BASE64:\n  {encoded}"))
    assert record.photo == JPEG


@pytest.mark.parametrize(
    ("line", "version"),
    [
        ("PHOTO:data:image/png;base64,{data}", "4.0"),
        ("PHOTO:data:image/png;base64\\,{data}", "4.0"),
        ("PHOTO;ENCODING=b;TYPE=png:data:image/png;base64,{data}", "3.0"),
        ("PHOTO;VALUE=uri:data:image/png;base64,{data}", "3.0"),
    ],
)
def test_data_uri_photos(line: str, version: str) -> None:
    data = base64.b64encode(PNG).decode()
    record = read_one(card(line.format(data=data), version=version))
    assert record.photo == PNG
    assert record.photo_mime == "image/png"


def test_photo_mime_comes_from_type_when_the_bytes_are_unknown() -> None:
    record = read_one(card("PHOTO;ENCODING=b;TYPE=image/heic:AAAAGGZ0eXBoZWlj"))
    assert record.photo_mime == "image/heic"


def test_a_bad_photo_is_a_problem_and_the_contact_is_still_read() -> None:
    records, problems = read_all(card("PHOTO;ENCODING=b;TYPE=JPEG:not*base64!", "TEL:+1 555"))
    assert len(records) == 1
    assert records[0].photo is None
    assert records[0].phones[0].value == "+1 555"
    assert [(p.line, p.reason) for p in problems] == [
        (4, "photo is not valid base64; the contact was read without it")
    ]


def test_photo_links_and_second_photos_stay_verbatim() -> None:
    encoded = base64.b64encode(PNG).decode()
    record = read_one(
        card(
            "PHOTO;VALUE=uri:http://www.example.com/pub/photos/ada.gif",
            f"PHOTO;ENCODING=b;TYPE=PNG:{encoded}",
            f"PHOTO;ENCODING=BASE64;TYPE=HOME:\n  {encoded[:20]}\n  {encoded[20:]}",
            "PHOTO:",
        )
    )
    assert record.photo == PNG
    assert record.extra_lines == [
        "PHOTO;VALUE=uri:http://www.example.com/pub/photos/ada.gif",
        f"PHOTO;TYPE=HOME;ENCODING=b:{encoded}",
    ]

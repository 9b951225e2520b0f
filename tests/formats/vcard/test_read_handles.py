"""Cards known only by a handle, a web address or a postal label are named by it, not refused."""

from __future__ import annotations

import base64

from tests.formats.vcard_read_helpers import read_all, read_one
from tests.pictures import png_1x1


def _card(*lines: str, version: str = "3.0") -> str:
    return "\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def test_an_android_nickname_names_the_card_and_is_kept() -> None:
    line = "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Bobby;1;;;;;;;;;;;;;"
    record = read_one(_card(line, version="2.1"))
    assert record.formatted_name == "Bobby"
    assert record.nickname == "Bobby"
    assert record.extra_lines == [line]


def test_a_quoted_printable_android_nickname_is_decoded() -> None:
    record = read_one(
        _card(
            "X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
            "vnd.android.cursor.item/nickname;=C3=89mile;1;;;;;;;;;;;;;",
            version="2.1",
        )
    )
    assert record.formatted_name == "Émile"


def test_a_nickname_property_alone_names_the_card() -> None:
    assert read_one(_card("NICKNAME:Bobby")).formatted_name == "Bobby"


def test_an_android_nickname_does_not_replace_the_nickname_property() -> None:
    record = read_one(
        _card(
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Bobby;1;;;;;;;;;;;;;",
            "NICKNAME:Rob",
        )
    )
    assert (record.formatted_name, record.nickname) == ("Rob", "Rob")


def test_other_android_properties_do_not_name_a_card() -> None:
    records, problems = read_all(
        _card("X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Alice;1;;;;;;;;;;;;;")
    )
    assert records == []
    assert len(problems) == 1


def test_im_addresses_name_the_card_by_their_handle() -> None:
    cases = {
        "IMPP:xmpp:alice@jabber.example": "alice@jabber.example",
        "IMPP;X-SERVICE-TYPE=Skype:skype:bob.smith?call": "bob.smith",
        "IMPP:aim:goim?screenname=carol": "carol",
        "IMPP:ymsgr:sendIM?dave": "dave",
        "item1.IMPP:msnim:chat?contact=erin@hotmail.example": "erin@hotmail.example",
        "X-JABBER;TYPE=HOME:frank@jabber.example": "frank@jabber.example",
        "X-GOOGLE-TALK:grace@gmail.example": "grace@gmail.example",
        "X-AIM:heidi": "heidi",
        "X-ICQ:123456789": "123456789",
        "X-MSN:ivan@live.example": "ivan@live.example",
        "X-YAHOO:judy": "judy",
        "X-SKYPE:mallory.m": "mallory.m",
        "X-SKYPE-USERNAME:niaj": "niaj",
        "X-TWITTER:@oscar": "@oscar",
    }
    for line, name in cases.items():
        record = read_one(_card(line))
        assert record.formatted_name == name, line
        assert record.extra_lines == [line]  # written back as it came


def test_a_web_address_alone_names_the_card_by_its_host_and_path() -> None:
    record = read_one(_card("URL:https://www.example.com/"))
    assert record.formatted_name == "example.com"
    assert record.urls[0].value == "https://www.example.com/"
    # With its path: two people's pages on one site are two names.
    assert read_one(_card("URL:http://example.com/~ada/")).formatted_name == "example.com/~ada"


def test_a_yahoo_quoted_printable_web_address_alone_is_imported() -> None:
    record = read_one(
        _card(
            "SOURCE:Yahoo Contacts (http://contacts.yahoo.com)",
            "URL;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:=",
            " http://www.example.org",
            version="2.1",
        ).replace("\n ", "\n")  # 2.1 soft line break: the next line continues the value
    )
    assert record.formatted_name == "example.org"


def test_a_social_profile_alone_names_the_card_by_its_user() -> None:
    record = read_one(_card("X-SOCIALPROFILE;TYPE=twitter:https://twitter.com/peggy"))
    assert record.formatted_name == "peggy"


def test_an_address_label_names_the_card_by_its_first_line() -> None:
    record = read_one(
        _card(
            'ADR;TYPE=work;LABEL="Acme Inc.\\n1 Main St\\nSpringfield":;;1 Main St;Springfield;;;',
            version="4.0",
        )
    )
    assert record.formatted_name == "Acme Inc."
    assert record.addresses[0].street == "1 Main St"


def test_a_label_property_names_the_card_and_is_kept() -> None:
    line = "LABEL;TYPE=home:Flat 2\\n10 High Street\\nLondon"
    record = read_one(_card(line))
    assert record.formatted_name == "Flat 2"
    assert record.extra_lines == ["LABEL;TYPE=home:Flat 2\\n10 High Street\\nLondon"]


def test_an_address_alone_names_the_card_by_street_and_town() -> None:
    record = read_one(_card("ADR;TYPE=home:;;10 High Street;London;;;UK"))
    assert record.formatted_name == "10 High Street, London, UK"


def test_a_real_name_wins_over_every_handle() -> None:
    record = read_one(_card("X-SKYPE:ada.l", "URL:https://example.com", "N:Lovelace;Ada;;;"))
    assert record.formatted_name == "Ada Lovelace"


def test_a_card_with_only_a_photo_or_a_birthday_is_still_refused() -> None:
    records, problems = read_all(
        _card("BDAY:1990-01-02")
        + _card("PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(png_1x1()).decode())
    )
    assert records == []
    assert [p.line for p in problems] == [1, 5]


def test_a_card_with_only_a_phone_is_named_by_the_number_with_its_extension() -> None:
    record = read_one(_card("TEL;VALUE=uri:tel:+1-418-656-9254;ext=102", version="4.0"))
    assert record.formatted_name == "+1-418-656-9254 ext. 102"
    assert (record.phones[0].value, record.phones[0].extension) == ("+1-418-656-9254", "102")

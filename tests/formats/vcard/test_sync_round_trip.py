"""Cards as phones and servers write them survive netdesk's sync: read, written back as vCard 3.0
or 4.0 and read again, they give the same contact, and the lines netdesk does not show (Apple's
item groups and labels, photos, social profiles, IM addresses, Android's own properties) come
back in the same meaning."""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

import pytest

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.read import read_vcards
from netdesk.formats.vcard.three_way import record_hash, three_way
from netdesk.formats.vcard.write import vcard_text

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 3
JPEG_B64 = base64.b64encode(JPEG).decode()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
PNG_B64 = base64.b64encode(PNG).decode()

# iPhone (iOS 17) as iCloud and other CardDAV servers receive it: vCard 3.0, item groups with
# X-ABLabel (custom and Apple's own), repeated type parameters, a photo, a social profile, IM.
IOS = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.2//EN",
        "N:Lovelace;Ada;;;",
        "FN:Ada Lovelace",
        "ORG:Analytical Engines;Research",
        "TITLE:Countess",
        "item1.EMAIL;type=INTERNET;type=pref:ada@example.com",
        "item1.X-ABLabel:Office",
        "EMAIL;type=INTERNET;type=HOME:ada@home.example",
        "TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0000",
        "item2.TEL:+44 20 7946 0001",
        "item2.X-ABLabel:_$!<Other>!$_",
        "item3.ADR;type=HOME;type=pref:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom",
        "item3.X-ABADR:gb",
        "item4.URL;type=pref:https://ada.example",
        "item4.X-ABLabel:_$!<HomePage>!$_",
        "X-SOCIALPROFILE;type=linkedin;x-user=adalovelace:https://www.linkedin.com/in/adalovelace",
        "IMPP;X-SERVICE-TYPE=Skype;type=HOME;type=pref:skype:ada.lovelace",
        "item5.X-ABDATE;type=pref:2010-06-01",
        "item5.X-ABLabel:_$!<Anniversary>!$_",
        "item6.X-ABRELATEDNAMES;type=pref:Lord Byron",
        "item6.X-ABLabel:_$!<Father>!$_",
        "BDAY;value=date:1815-12-10",
        "NOTE:Met at PyCon",
        "PHOTO;ENCODING=b;TYPE=JPEG:" + JPEG_B64,
        "CATEGORIES:VIP",
        "UID:4F3E2D1C-0B9A-4877-8665-544332211000",
        "X-ABUID:4F3E2D1C-0B9A-4877-8665-544332211000:ABPerson",
        "REV:2026-12-01T10:00:00Z",
        "END:VCARD",
        "",
    ]
)

# DAVx5 (ez-vcard) in vCard 3.0 and 4.0, and Nextcloud's own contacts app (sabre/vobject).
DAVX5_3 = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:+//IDN bitfire.at//DAVx5/4.4.3.2-ose ez-vcard/0.12.1",
        "UID:0b8c1f5e-7a6d-4e3c-9b2a-1f0e9d8c7b6a",
        "FN:Grace Hopper",
        "N:Hopper;Grace;Brewster;Rear Admiral;",
        "NICKNAME:Amazing Grace",
        "X-PHONETIC-FIRST-NAME:Greys",
        "ORG:US Navy;Computing",
        "TITLE:Computer scientist",
        "TEL;TYPE=cell:+1 555 0100",
        "TEL;TYPE=work:+1 555 0101 ext. 12",
        "item1.TEL:+1 555 0102",
        "item1.X-ABLabel:Conference desk",
        "EMAIL;TYPE=work;TYPE=pref:grace@navy.example",
        "EMAIL;TYPE=home:grace@example.org",
        "IMPP:xmpp:grace@jabber.example",
        "X-SIP;TYPE=work:sip:grace@voip.example",
        "ADR;TYPE=home:;;1 Navy Way;Arlington;VA;22202;USA",
        "URL;TYPE=x-blog:https://grace.example/blog",
        "item2.X-ABRELATEDNAMES:Vincent Hopper",
        "item2.X-ABLabel:_$!<Spouse>!$_",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1930-06-15;1;;;;;;;;;;;;;",
        "BDAY:1906-12-09",
        "CATEGORIES:Navy,Speakers",
        "NOTE:Keynote at the\\nconference; bring slides",
        "PHOTO;ENCODING=b;TYPE=PNG:" + PNG_B64,
        "REV:20261201T100000Z",
        "END:VCARD",
        "",
    ]
)
DAVX5_4 = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:+//IDN bitfire.at//DAVx5/4.4.3.2-ose ez-vcard/0.12.1",
        "UID:urn:uuid:3f2e1d0c-9b8a-4766-8554-433221100fed",
        "KIND:individual",
        "FN:Linus Torvalds",
        "N:Torvalds;Linus;;;",
        "GENDER:M",
        "ORG:Linux Foundation",
        "TEL;TYPE=cell;PREF=1:+1 555 0200",
        "TEL;VALUE=uri;TYPE=work:tel:+1-555-0201;ext=7",
        "EMAIL;TYPE=work:linus@example.org",
        "IMPP;PREF=1:xmpp:linus@jabber.example",
        'ADR;TYPE=work;LABEL="1 Main St\\nPortland":;;1 Main St;Portland;OR;97201;USA',
        "URL:https://kernel.example",
        "BDAY:19691228",
        "ANNIVERSARY:19971001",
        "RELATED;TYPE=spouse;VALUE=text:Tove",
        "PHOTO:data:image/PNG_B64;base64," + PNG_B64,
        "CATEGORIES:Kernel",
        "REV:20261201T100000Z",
        "END:VCARD",
        "",
    ]
)
NEXTCLOUD = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Sabre//Sabre VObject 4.5.4//EN",
        "UID:b1a2c3d4-e5f6-4789-a0b1-c2d3e4f5a6b7",
        "FN:Margaret Hamilton",
        "N:Hamilton;Margaret;;;",
        "ADR;TYPE=HOME:;;2 Apollo Rd;Boston;MA;02101;USA",
        "EMAIL;TYPE=HOME:margaret@example.org",
        'TEL;TYPE="HOME,VOICE":+1 555 0300',
        "X-SOCIALPROFILE;TYPE=twitter:margarethamilton",
        "CLOUD:margaret@cloud.example",
        "ORG:MIT",
        "TITLE:Director",
        "X-MANAGERSNAME:Dr. Draper",
        "PHOTO;ENCODING=b;TYPE=image/PNG_B64:" + PNG_B64,
        "CATEGORIES:Apollo,Speakers",
        "REV;VALUE=DATE-AND-OR-TIME:20261201T100000Z",
        "END:VCARD",
        "",
    ]
)

CARDS = {"ios": IOS, "davx5-3.0": DAVX5_3, "davx5-4.0": DAVX5_4, "nextcloud": NEXTCLOUD}


def read_one(text: str) -> ContactRecord:
    items = list(read_vcards(text.encode()))
    assert [item for item in items if isinstance(item, Problem)] == []
    (record,) = items
    assert isinstance(record, ContactRecord)
    return record


def comparable(record: ContactRecord) -> dict[str, Any]:
    fields = dataclasses.asdict(record)
    del fields["line"]
    return fields


def content_lines(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("name", list(CARDS))
def test_a_card_read_and_written_back_reads_the_same(name: str, version: str) -> None:
    record = read_one(CARDS[name])
    again = read_one(vcard_text(record, version))
    if name == "davx5-3.0" and version == "4.0":
        # vCard 4.0 writes a number with an extension as a tel: URI, whose separators are
        # hyphens: the same number, written differently (formats.phone_extension.tel_uri).
        assert again.phones[1].value == "+1-555-0101"
        again.phones[1].value = record.phones[1].value
    assert comparable(again) == comparable(record)
    assert again.extra_lines == record.extra_lines
    assert record_hash(again) == record_hash(record)


@pytest.mark.parametrize("name", list(CARDS))
def test_a_card_synced_back_unchanged_needs_no_sending(name: str) -> None:
    server = read_one(CARDS[name])
    here = read_one(vcard_text(server, "3.0"))
    merged = three_way(server, here, server)
    assert merged.conflicts == []
    assert not merged.remote_changed and not merged.local_changed


def test_ios_groups_keep_their_labels_beside_their_values() -> None:
    lines = content_lines(vcard_text(read_one(IOS), "3.0"))
    email = next(line for line in lines if "EMAIL" in line and "ada@example.com" in line)
    group = email.partition(".")[0]
    assert f"{group}.X-ABLabel:Office" in lines
    assert email == f"{group}.EMAIL;TYPE=pref:ada@example.com"
    # The groups only kept as lines keep their numbers, their labels and their values.
    for kept in (
        "item5.X-ABDATE;type=pref:2010-06-01",
        "item5.X-ABLabel:_$!<Anniversary>!$_",
        "item6.X-ABRELATEDNAMES;type=pref:Lord Byron",
        "item6.X-ABLabel:_$!<Father>!$_",
        "IMPP;X-SERVICE-TYPE=Skype;type=HOME;type=pref:skype:ada.lovelace",
        "X-ABUID:4F3E2D1C-0B9A-4877-8665-544332211000:ABPerson",
    ):
        assert kept in lines
    assert not any(line.startswith(("item5.EMAIL", "item5.TEL", "item6.EMAIL")) for line in lines)


def test_apples_own_labels_go_back_in_apples_form() -> None:
    lines = content_lines(vcard_text(read_one(IOS), "3.0"))
    tel = next(line for line in lines if line.endswith("TEL:+44 20 7946 0001"))
    url = next(line for line in lines if line.endswith("URL;TYPE=pref:https://ada.example"))
    # A phone in another language shows these in its own words; "Other" as typed would not.
    assert f"{tel.partition('.')[0]}.X-ABLabel:_$!<Other>!$_" in lines
    assert f"{url.partition('.')[0]}.X-ABLabel:_$!<HomePage>!$_" in lines


def test_an_ios_address_stays_in_the_group_of_its_country_format() -> None:
    lines = content_lines(vcard_text(read_one(IOS), "3.0"))
    assert "item3.X-ABADR:gb" in lines
    assert any(line.startswith("item3.ADR;") for line in lines)
    assert not any(line.startswith("ADR") for line in lines)


def test_an_ios_address_with_a_label_keeps_both_in_its_group() -> None:
    text = IOS.replace("item3.X-ABADR:gb", "item3.X-ABADR:gb\r\nitem3.X-ABLabel:Summer house")
    record = read_one(text)
    assert record.addresses[0].label == "Summer house"
    lines = content_lines(vcard_text(record, "3.0"))
    assert {"item3.X-ABADR:gb", "item3.X-ABLabel:Summer house"} <= set(lines)
    assert any(line.startswith("item3.ADR;") for line in lines)
    assert read_one(vcard_text(record, "3.0")).addresses == record.addresses


def test_address_groups_are_left_alone_when_addresses_were_removed() -> None:
    record = read_one(IOS)
    record.addresses = []
    lines = content_lines(vcard_text(record, "3.0"))
    assert "item3.X-ABADR:gb" in lines
    assert not any("ADR;" in line for line in lines)


def test_the_photo_social_profile_and_birthday_go_back_as_ios_wrote_them() -> None:
    record = read_one(IOS)
    assert (record.photo, record.photo_mime) == (JPEG, "image/jpeg")
    lines = content_lines(vcard_text(record, "3.0"))
    assert f"PHOTO;ENCODING=b;TYPE=JPEG:{JPEG_B64}" in lines
    assert "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/adalovelace" in lines
    assert "BDAY:1815-12-10" in lines


def test_davx5_and_android_lines_come_back() -> None:
    three = content_lines(vcard_text(read_one(DAVX5_3), "3.0"))
    for kept in (
        "X-PHONETIC-FIRST-NAME:Greys",
        "IMPP:xmpp:grace@jabber.example",
        "X-SIP;TYPE=work:sip:grace@voip.example",
        "item2.X-ABRELATEDNAMES:Vincent Hopper",
        "item2.X-ABLabel:_$!<Spouse>!$_",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1930-06-15;1;;;;;;;;;;;;;",
        "TEL;TYPE=work:+1 555 0101 ext. 12",
    ):
        assert kept in three
    four = content_lines(vcard_text(read_one(DAVX5_4), "4.0"))
    for kept in (
        "KIND:individual",
        "GENDER:M",
        "ANNIVERSARY:19971001",
        "RELATED;TYPE=spouse;VALUE=text:Tove",
        "IMPP;PREF=1:xmpp:linus@jabber.example",
        "TEL;VALUE=uri;TYPE=work:tel:+1-555-0201;ext=7",
        f"PHOTO:data:image/png;base64,{PNG_B64}",
    ):
        assert kept in four


def test_nextcloud_lines_come_back() -> None:
    lines = content_lines(vcard_text(read_one(NEXTCLOUD), "3.0"))
    for kept in (
        "CLOUD:margaret@cloud.example",
        "X-MANAGERSNAME:Dr. Draper",
        "X-SOCIALPROFILE;TYPE=twitter:margarethamilton",
        "TEL;TYPE=home:+1 555 0300",
        f"PHOTO;ENCODING=b;TYPE=PNG:{PNG_B64}",
    ):
        assert kept in lines

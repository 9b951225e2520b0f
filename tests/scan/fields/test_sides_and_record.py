"""Both sides of a card as one contact, and the contact record a card makes."""

from __future__ import annotations

from netdesk.formats.records import CardImage, PostalAddress, Typed
from netdesk.scan.card_fields import CardFields, CardPhone
from netdesk.scan.recognise import recognise
from netdesk.scan.record import postal_address, record_of
from netdesk.scan.sides import merge_sides
from tests.scan.fields.lines import card


def test_a_back_in_another_language_adds_and_never_repeats() -> None:
    front = recognise(
        card(
            ("王伟", 44),
            "销售经理",
            "北京华信科技有限公司",
            "电话 010 6552 8888",
            "wang.wei@huaxin.cn",
        )
    )
    back = recognise(
        card(
            ("Wei WANG", 40),
            "Sales Manager",
            "Huaxin Technology Co., Ltd.",
            "Tel +86 10 6552 8888",
            "Mobile +86 138 0013 8000",
            "E-mail: wang.wei@huaxin.cn",
            "linkedin.com/in/wei-wang",
        )
    )
    both = merge_sides(front, back)
    assert (both.name, both.title, both.organization) == (
        "王伟",
        "销售经理",
        "北京华信科技有限公司",
    )
    assert both.emails == ["wang.wei@huaxin.cn"]
    assert both.phones == [
        CardPhone("+86 10 6552 8888", "work"),
        CardPhone("+86 138 0013 8000", "mobile"),
    ]
    assert both.urls == ["https://www.linkedin.com/in/wei-wang"]


def test_a_logo_back_fills_only_what_the_front_lacks() -> None:
    front = CardFields(name="Ana Lima", emails=["ana@kestrel.co.uk"])
    back = CardFields(organization="Kestrel Ltd", urls=["https://www.kestrel.co.uk"])
    back.unplaced = ["Since 1987"]
    back.low_confidence = {"organization"}
    both = merge_sides(front, back)
    assert (both.name, both.organization, both.urls) == (
        "Ana Lima",
        "Kestrel Ltd",
        ["https://www.kestrel.co.uk"],
    )
    assert both.unplaced == ["Since 1987"]
    assert both.low_confidence == {"organization"}


def test_record_of_a_card() -> None:
    fields = recognise(
        card(
            ("Dr. Ana Lima", 40),
            "Head of Engineering",
            "Nordlicht Software GmbH",
            "Friedrichstraße 12",
            "10117 Berlin",
            "T +49 30 5550123 F +49 30 5550124 M +49 171 2345678",
            "ana.lima@nordlicht.de",
            "www.nordlicht.de",
            "linkedin.com/in/ana-lima",
            "USt-IdNr. DE123456789",
        )
    )
    image = CardImage(b"\xff\xd8jpeg", source="IMG_1.jpg")
    record = record_of(fields, [image])
    assert (record.formatted_name, record.prefix, record.given_name, record.family_name) == (
        "Dr. Ana Lima",
        "Dr.",
        "Ana",
        "Lima",
    )
    assert (record.organization, record.title, record.source) == (
        "Nordlicht Software GmbH",
        "Head of Engineering",
        "scan",
    )
    assert record.emails == [Typed("ana.lima@nordlicht.de", kind="work")]
    assert [(phone.value, phone.kind) for phone in record.phones] == [
        ("+49 30 5550123", "work"),
        ("+49 30 5550124", "work,fax"),
        ("+49 171 2345678", "cell"),
    ]
    assert [(url.value, url.kind) for url in record.urls] == [
        ("https://www.nordlicht.de", "work"),
        ("https://www.linkedin.com/in/ana-lima", "linkedin"),
    ]
    assert record.addresses == [
        PostalAddress(
            street="Friedrichstraße 12", postal_code="10117", locality="Berlin", kind="work"
        )
    ]
    assert record.card_images == [image]


def test_an_extension_is_kept_apart() -> None:
    record = record_of(CardFields(phones=[CardPhone("+49 30 5550123 ext. 12", "work")]), [])
    assert (record.phones[0].value, record.phones[0].extension) == ("+49 30 5550123", "12")


def test_addresses_split_into_parts_or_stay_whole() -> None:
    assert postal_address("12 rue de la Paix, 75002 Paris, France") == PostalAddress(
        street="12 rue de la Paix",
        postal_code="75002",
        locality="Paris",
        country="France",
        kind="work",
    )
    assert postal_address("12 Fifth Avenue, Suite 1200, New York, NY 10118") == PostalAddress(
        street="12 Fifth Avenue, Suite 1200",
        locality="New York",
        region="NY",
        postal_code="10118",
        kind="work",
    )
    assert postal_address("Leeds LS1 4HR") == PostalAddress(
        postal_code="LS1 4HR", locality="Leeds", kind="work"
    )
    whole = postal_address("北京市朝阳区建国路88号, 100022, 中国")
    assert (whole.street, whole.country, whole.label) == (
        "北京市朝阳区建国路88号, 100022",
        "中国",
        "北京市朝阳区建国路88号, 100022, 中国",
    )

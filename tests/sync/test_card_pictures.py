"""The pictures of a person's paper cards stay in netdesk: never sent to the phone, kept when the
phone edits the card, and a person whose card netdesk keeps is not deleted with the phone's."""

from __future__ import annotations

from netdesk.formats.records import CardImage, ContactRecord, Typed
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer

# Bytes that would show in a card's base64 if the picture were sent: "/9j/" starts a JPEG.
PICTURE = b"\xff\xd8\xff\xe0" + b"card picture" * 40 + b"\xff\xd9"


def _scan_ana(services: Services) -> int:
    record = ContactRecord(
        formatted_name="Ana Lima",
        given_name="Ana",
        family_name="Lima",
        emails=[Typed("ana@example.org", "work")],
        source="scan",
        card_images=[CardImage(PICTURE, source="IMG_1.jpg")],
    )
    services.scanning.save(services.scanning.plan([record], "IMG_1.jpg"), None)
    found = services.contacts.find_by_name("Ana Lima")
    assert found is not None
    return found


def test_card_pictures_are_not_sent_and_survive_the_phones_edit(
    services: Services, radicale_server: DavTestServer
) -> None:
    ana = _scan_ana(services)
    with Phone(radicale_server) as phone:
        add_account(services, radicale_server)
        assert sync(services, radicale_server).sent == 1
        ((href, text),) = phone.cards().items()
        assert "PHOTO" not in text and "/9j/" not in text and "card picture" not in text
        phone.edit_card(href, ios_card("Ana Lima", uid=_uid(text), title="CTO", photo=False))
        sync(services, radicale_server)
        assert services.contacts.get(ana).title == "CTO"
        (kept,) = services.card_images.list_for(ana)
        assert services.card_images.image(kept.id) == PICTURE


def test_a_person_whose_card_netdesk_keeps_stays_when_the_phone_deletes_them(
    services: Services, radicale_server: DavTestServer
) -> None:
    ana = _scan_ana(services)
    services.contacts.create(ContactInput(formatted_name="Bo Berg"))  # the phone is not emptied
    with Phone(radicale_server) as phone:
        add_account(services, radicale_server)
        sync(services, radicale_server)
        href = next(h for h, text in phone.cards().items() if "FN:Ana Lima" in text)
        phone.delete_card(href)
        report = sync(services, radicale_server)
        assert report.deleted == 0
        assert services.contacts.find_by_name("Ana Lima") == ana
        assert len(services.card_images.list_for(ana)) == 1


def _uid(text: str) -> str:
    return next(line[4:] for line in text.splitlines() if line.startswith("UID:"))

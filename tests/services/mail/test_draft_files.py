"""Drafts as .eml files from real people: hostile names keep the headers whole, my card is a
valid vCard 3.0 (checked by the `vcard` package, vobject and a strict reader of our own), and
the file never goes over the database."""

from __future__ import annotations

import email
import email.policy
import hashlib
import warnings
from email.message import EmailMessage
from pathlib import Path

import pytest
import vobject
from sqlalchemy import update
from vcard.vcard_errors import VCardError
from vcard.vcard_validator import VCard

from netdesk.models import Contact, ContactEmail
from netdesk.output_files import OutputRefused
from netdesk.services.service_set import Services
from netdesk.store import sqlite_path
from tests.formats.independent_vcard import parse_vcards
from tests.formats.three_parsers import check_with_vcard_package
from tests.services.mail.helpers import event, me, met, person


def _read(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage) and msg.defects == []
    return msg


def _card(msg: EmailMessage) -> bytes:
    [part] = msg.iter_attachments()
    assert part.get_content_type() == "text/vcard"
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def _rename(services: Services, contact_id: int, name: str, mail: str | None = None) -> None:
    """What an import or a sync may have stored, past the contact form's cleaning."""
    with services.db.transaction() as session:
        session.execute(update(Contact).where(Contact.id == contact_id).values(formatted_name=name))
        if mail is not None:
            session.execute(
                update(ContactEmail).where(ContactEmail.contact_id == contact_id).values(value=mail)
            )


@pytest.mark.parametrize(
    "name",
    ['Ana "The Hammer" <Lima>', "Ana\r\nBcc: evil@example.org", "Ana\nSubject: x", "Lima, Ana"],
)
def test_a_hostile_name_keeps_the_headers_whole(services: Services, name: str) -> None:
    ana = person(services)
    _rename(services, ana, name)
    pycon = event(services, "PyCon\r\nBcc: evil@example.org")
    [draft] = services.drafts.compose("nice-to-meet", [ana], event_id=pycon)
    msg = _read(services.drafts.eml_bytes(draft))
    [to] = msg["To"].addresses
    assert to.addr_spec == "ana@example.org"
    assert to.display_name == " ".join(name.split())
    assert msg["Subject"] == "Nice to meet you at PyCon Bcc: evil@example.org"
    assert msg["Bcc"] is None
    assert sorted(msg.keys()) == sorted(
        [
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "X-Unsent",
            "Content-Type",
            "Content-Transfer-Encoding",
            "MIME-Version",
        ]
    )


def test_an_address_with_a_line_break_is_no_address(services: Services) -> None:
    ana = person(services)
    _rename(services, ana, "Ana Lima", "ana@example.org\r\nBcc: evil@example.org")
    [draft] = services.drafts.compose("reconnect", [ana])
    assert draft.to == [] and draft.missing_email == ["Ana Lima"]
    assert _read(services.drafts.eml_bytes(draft))["To"] is None


def test_my_card_is_a_valid_vcard_3(services: Services) -> None:
    me(services, urls=["https://example.se/jonas"], note="private: do not share")
    ana, pycon = person(services), event(services)
    met(services, ana, pycon, "heat pumps")
    [draft] = services.drafts.compose(None, [ana])
    msg = _read(services.drafts.eml_bytes(draft))
    data = _card(msg)
    assert data == draft.attach_card
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            VCard(data.decode("utf-8"))
        except VCardError as exc:
            pytest.fail(f"the vcard package rejects my card: {exc}")
    assert [str(w.message) for w in caught] == []
    [card] = parse_vcards(data)
    assert card.version == "3.0"
    read = vobject.readOne(data.decode("utf-8"))
    assert read.fn.value == "Jonas Weiß"
    assert read.email.value == "jonas@example.se"
    assert read.org.value == ["Gröna AB"] and read.title.value == "Engineer"
    assert read.url.value == "https://example.se/jonas"
    assert b"private" not in data and b"UID" not in data  # what the QR card shares, no more


def test_my_card_with_names_beyond_latin_1(services: Services) -> None:
    # The `vcard` package reads RFC 2426's NON-ASCII (octets %x80-FF) as the characters
    # U+0080-U+00FF and refuses any other: "Łukasz" is an "invalid sub-value" to it. It checks
    # the card with those letters replaced; vobject and our strict reader check the real text.
    me(services, given_name="Łukasz", family_name="李", organization="株式会社 😀")
    _rename(services, services.cards.me_id() or 0, "Łukasz 李")
    [draft] = services.drafts.compose("nice-to-meet", [person(services)])
    data = _card(_read(services.drafts.eml_bytes(draft)))
    check_with_vcard_package(data)
    parse_vcards(data)
    read = vobject.readOne(data.decode("utf-8"))
    assert (read.fn.value, read.org.value) == ("Łukasz 李", ["株式会社 😀"])
    assert draft.card_filename == "Łukasz-李.vcf"


def test_no_card_without_me_and_none_when_the_template_says_so(services: Services) -> None:
    ana = person(services)
    [draft] = services.drafts.compose("nice-to-meet", [ana])
    assert list(_read(services.drafts.eml_bytes(draft)).iter_attachments()) == []
    me(services)
    [draft] = services.drafts.compose("reconnect", [ana])
    assert draft.attach_card is None and draft.sender is not None


def test_save_eml_writes_the_file(services: Services, tmp_path: Path) -> None:
    [draft] = services.drafts.compose("reconnect", [person(services)])
    out = services.drafts.save_eml(draft, tmp_path / "ana.eml")
    assert _read(out.read_bytes())["Subject"] == "It has been a while"


def test_save_eml_refuses_the_database_and_its_wal(
    sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    [draft] = services.drafts.compose("reconnect", [person(services)])
    database = sqlite_path(services.db.url)
    assert database is not None
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    for out in (
        database,
        Path(f"{database}-wal"),
        database.parent / ".." / database.parent.name / database.name,
    ):
        with pytest.raises(OutputRefused, match="it is the open database"):
            services.drafts.save_eml(draft, out)
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    assert services.contacts.count() == 1


def test_save_eml_into_a_missing_folder_fails_and_leaves_nothing(
    services: Services, tmp_path: Path
) -> None:
    [draft] = services.drafts.compose("reconnect", [person(services)])
    with pytest.raises(FileNotFoundError):
        services.drafts.save_eml(draft, tmp_path / "missing" / "a.eml")
    assert not (tmp_path / "missing").exists()

"""`.eml` drafts read back by Python's email package: headers stay whole whatever a name holds,
non-ASCII is RFC 2047 encoded, the body is UTF-8, attachments come back as written."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from netdesk.formats.mail.eml import Attachment, address, draft_message, message_bytes

AT = datetime(2025, 4, 24, 8, 30, tzinfo=UTC)


def _round_trip(msg: EmailMessage) -> tuple[bytes, EmailMessage]:
    data = message_bytes(msg)
    back = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(back, EmailMessage)
    assert back.defects == []
    return data, back


def _headers(data: bytes) -> list[bytes]:
    head = data.split(b"\r\n\r\n", 1)[0]
    return [line.split(b":", 1)[0] for line in head.split(b"\r\n") if not line[:1].isspace()]


@pytest.mark.parametrize(
    "name",
    [
        'Ana "The Hammer" <Lima>',
        "Ana\r\nBcc: evil@example.org",
        "Ana\nX-Injected: 1",
        "Ana\rSubject: spoofed",
        "Lima, Ana",
        "Ana (work) ; <x@y>",
        "Zoë\u2028Müller\x00\x1b[31m",
    ],
)
def test_a_name_never_breaks_the_headers(name: str) -> None:
    msg = draft_message(
        sender=(name, "me@example.org"),
        to=[(name, "ana@example.org"), ("Bo", "bo@example.org")],
        subject=name,
        body="Hi",
        date=AT,
    )
    data, back = _round_trip(msg)
    assert _headers(data) == [
        b"From",
        b"To",
        b"Subject",
        b"Date",
        b"Message-ID",
        b"X-Unsent",
        b"Content-Type",
        b"Content-Transfer-Encoding",
        b"MIME-Version",
    ]
    to = back["To"].addresses
    assert [a.addr_spec for a in to] == ["ana@example.org", "bo@example.org"]
    shown = " ".join(name.replace("\x00", " ").replace("\x1b", " ").replace("\u2028", " ").split())
    assert to[0].display_name == shown
    assert back["From"].addresses[0].addr_spec == "me@example.org"
    assert back["Subject"] == shown
    assert back["Bcc"] is None and back["X-Injected"] is None


def test_non_ascii_headers_are_encoded_words_and_the_body_utf8() -> None:
    msg = draft_message(
        sender=("Jonas Weiß", "jonas@example.se"),
        to=[("李小龍", "lee@example.org")],
        subject="Grüße aus Köln 😀 " + "sehr lang " * 20,
        body="Hällo 😀\n" + "ü" * 2000 + "\n",
        date=AT,
    )
    data, back = _round_trip(msg)
    head, _, _body = data.partition(b"\r\n\r\n")
    assert head.isascii() and b"=?utf-8?" in head
    assert all(len(line) <= 78 for line in data.split(b"\r\n"))  # folded, quoted-printable
    assert back["Subject"] == "Grüße aus Köln 😀 " + " ".join(["sehr lang"] * 20)
    assert str(back["To"]) == "李小龍 <lee@example.org>"
    assert back["Date"].datetime == AT
    assert back["X-Unsent"] == "1"
    body = back.get_body(("plain",))
    assert body is not None and body.get_content_charset() == "utf-8"
    text = body.get_content()
    assert text.replace("\r\n", "\n") == "Hällo 😀\n" + "ü" * 2000 + "\n"  # CRLF in the file


def test_without_sender_or_recipients_the_headers_are_left_out() -> None:
    _data, back = _round_trip(draft_message(sender=None, to=[], subject="", body="", date=AT))
    assert back["From"] is None and back["To"] is None
    assert back["Message-ID"].endswith("@netdesk.invalid>")


def test_attachments_come_back_byte_for_byte() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n".encode()
    msg = draft_message(
        sender=None,
        to=[("Ana", "ana@example.org")],
        subject="S",
        body="B",
        attachments=[Attachment("Zoë Müller.vcf", "text/vcard", card)],
        date=AT,
    )
    _data, back = _round_trip(msg)
    [part] = back.iter_attachments()
    assert part.get_content_type() == "text/vcard"
    assert part.get_filename() == "Zoë Müller.vcf"
    assert part.get_payload(decode=True) == card


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "ana",
        "@example.org",
        "ana@",
        "a@b@c.org",
        "ana @example.org",
        "a\r\nb@x.org",
        "a.@example.org",
        "zoë@example.org",  # RFC 6531: a 7-bit header cannot hold it
        # Imported as they are; Python's parser raised HeaderParseError, no ValueError.
        "ana@example..org",
        "<ana@example.org>",
    ],
)
def test_what_is_no_address_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        address("Ana", bad)


def test_a_domain_in_other_letters_is_written_in_its_ascii_form() -> None:
    msg = draft_message(
        sender=None, to=[("Zoë", "zoe@bücher.example")], subject="S", body="B", date=AT
    )
    _data, back = _round_trip(msg)
    assert back["To"].addresses[0].addr_spec == "zoe@xn--bcher-kva.example"

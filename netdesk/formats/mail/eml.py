"""Email drafts as `.eml` files (RFC 5322, MIME): what mail programs open as a new email.

Written with Python's `email` package (policy SMTP: CRLF line ends, non-ASCII headers as RFC
2047 encoded words, the body UTF-8). `X-Unsent: 1` makes Outlook and others open the file as
a draft to send, not as a received message. Names and subjects are single lines: a CR or LF
in a contact's name can never start a header of its own.
"""

from __future__ import annotations

import email.errors
import email.policy
import email.utils
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage

from netdesk import clock
from netdesk.text import one_line

# A domain of our own for Message-ID when the sender has none: make_msgid's default asks the
# network for this computer's name, which can take seconds.
_MESSAGE_ID_DOMAIN = "netdesk.invalid"


@dataclass(frozen=True)
class Attachment:
    filename: str
    mime: str  # "text/vcard"
    data: bytes


def whole_characters(text: str) -> str:
    """`text` with surrogate pairs joined into their characters and lone surrogates (from a
    file name decoded with surrogateescape, say) as U+FFFD: no UTF-8 form fails."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


_safe = whole_characters


def address(name: str, addr: str) -> Address:
    """The header address for `name` <`addr`>; ValueError when `addr` is no email address a
    7-bit header can hold. A domain in other letters is written in its ASCII form
    ("bücher.de" as "xn--bcher-kva.de"); letters before the "@" (RFC 6531) cannot be."""
    spec = one_line(_safe(addr))
    local, at, domain = spec.rpartition("@")
    if not (local and at and domain) or " " in spec or "@" in local:
        raise ValueError(f"{spec!r} is not an email address")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise ValueError(f"{spec!r} is not an email address") from exc
    if not local.isascii():
        raise ValueError(f"{spec!r} has letters before the @ an email file cannot hold")
    spec = f"{local}@{domain}"
    try:
        found = Address(display_name=one_line(_safe(name)), addr_spec=spec)
    except email.errors.HeaderParseError as exc:  # "a@b..org", "<a@b.org>": not a ValueError
        raise ValueError(f"{spec!r} is not an email address") from exc
    if found.addr_spec != spec:
        raise ValueError(f"{spec!r} is not an email address")
    return found


def draft_message(
    *,
    sender: tuple[str, str] | None,
    to: Sequence[tuple[str, str]],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    date: datetime | None = None,
) -> EmailMessage:
    """An unsent email: From `sender` (name, address) when given, To each (name, address)."""
    msg = EmailMessage(policy=email.policy.default)
    domain = _MESSAGE_ID_DOMAIN
    if sender is not None:
        from_address = address(*sender)
        msg["From"] = from_address
        domain = from_address.domain or domain
    if to:  # none: the mail program asks for the address
        msg["To"] = [address(name, addr) for name, addr in to]
    msg["Subject"] = one_line(_safe(subject))
    msg["Date"] = email.utils.format_datetime((date or clock.now()).astimezone())
    msg["Message-ID"] = email.utils.make_msgid(domain=domain)
    msg["X-Unsent"] = "1"
    text = _safe(body).replace("\r\n", "\n").replace("\r", "\n")
    # Quoted-printable keeps the file 7-bit and any line short, whatever the body holds.
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    for item in attachments:
        maintype, _, subtype = item.mime.partition("/")
        msg.add_attachment(
            item.data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=item.filename,
            params={"charset": "utf-8"} if maintype == "text" else {},
        )
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    """The message as the file holds it: CRLF line ends, headers folded at 78 columns."""
    return msg.as_bytes(policy=email.policy.SMTP)

"""Names for cards that have none: what a handle, a web address or a postal label says.

A card without FN, N, organisation, email or phone may still be somebody: an Android contact
known only by a nickname, a chat buddy known by an IM address, a web page's card. It is named
from what it carries rather than refused; the properties themselves stay as they were read.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from netdesk.formats.records import PostalAddress, Typed
from netdesk.formats.vcard.read_line import components
from netdesk.formats.vcard.write_properties import SOCIAL_KINDS

# Instant messaging addresses: RFC 4770/6350 IMPP and what address books wrote before it.
IM_PROPERTIES = frozenset(
    {
        "IMPP",
        "X-AIM",
        "X-GADUGADU",
        "X-GOOGLE-TALK",
        "X-GTALK",
        "X-GROUPWISE",
        "X-ICQ",
        "X-JABBER",
        "X-MATRIX",
        "X-MS-IMADDRESS",
        "X-MSN",
        "X-QQ",
        "X-SIP",
        "X-SKYPE",
        "X-SKYPE-USERNAME",
        "X-TELEGRAM",
        "X-TWITTER",
        "X-WECHAT",
        "X-YAHOO",
    }
)
# Android's own properties: `vnd.android.cursor.item/<kind>;data1;data2;...` (the exporter's
# data columns in order; for a nickname data1 is the nickname, data2 its type, data3 a label).
_ANDROID_NICKNAME = "vnd.android.cursor.item/nickname"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Query keys that carry the handle in old IM links (aim:goim?screenname=, msnim:chat?contact=).
_HANDLE_KEYS = ("screenname", "contact", "jid", "user", "id")


def android_nickname(value: str) -> str:
    parts = components(value)
    if len(parts) > 1 and parts[0].strip().lower() == _ANDROID_NICKNAME:
        return parts[1].strip()
    return ""


def im_handle(value: str) -> str:
    """ "alice@example.com" from xmpp:alice@example.com, "bob" from aim:goim?screenname=bob."""
    text = value.strip()
    found = _SCHEME.match(text)
    if found is None:
        return text
    rest = text[found.end() :].lstrip("/")
    path, _, query = rest.partition("?")
    if query:
        fields = parse_qs(query)
        for key in _HANDLE_KEYS:
            if fields.get(key):
                return fields[key][0].strip()
        if "=" not in query and path.lower() in ("", "sendim", "chat", "call", "add"):
            return unquote(query).strip()  # ymsgr:sendIM?bob
    return unquote(path).strip()


def web_name(url: Typed) -> str:
    """A social profile's user name, or a web address without scheme and "www."."""
    value = url.value.strip()
    try:
        parts = urlsplit(value if "://" in value else f"//{value}")
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # "[" opens an IPv6 host that never closes: no host to name it by
        return value
    if any(kind.strip() in SOCIAL_KINDS for kind in url.kind.split(",")):
        segments = [unquote(s) for s in parts.path.split("/") if s.strip()]
        if segments:
            return segments[-1].lstrip("@")
    # The path too: two cards named "example.com" would be taken for one person.
    path = unquote(parts.path).strip("/")
    return f"{host}/{path}" if host and path else host or value


def first_line(text: str) -> str:
    # RFC 6350's own LABEL example writes its line breaks as "\n" inside the parameter.
    text = text.replace("\\n", "\n").replace("\\N", "\n")
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def address_name(address: PostalAddress) -> str:
    """An address without a label is named by its street and town."""
    return ", ".join(
        part for part in (address.street, address.locality, address.country) if part.strip()
    )

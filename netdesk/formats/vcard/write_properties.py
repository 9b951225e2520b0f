"""Per-property writers for vCard 3.0 and 4.0: typed values, addresses, photos, names.

Apple's grouped `itemN.X-ABLabel` carries custom labels, because that is what phones and mail
clients read.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

from netdesk.formats.records import ContactRecord, PostalAddress, Typed
from netdesk.formats.vcard.write_escape import escaped_text, param_value

# Web addresses of these kinds go out as X-SOCIALPROFILE, as Apple Contacts writes them, so that
# phones show them as social profiles; readers map X-SOCIALPROFILE back to a URL of that kind.
SOCIAL_KINDS = frozenset(
    {
        "linkedin",
        "twitter",
        "x",
        "facebook",
        "instagram",
        "github",
        "mastodon",
        "xing",
        "flickr",
        "myspace",
        "sinaweibo",
        "tencentweibo",
        "yelp",
        "bluesky",
        "threads",
        "youtube",
        "tiktok",
    }
)

# Apple's own labels, which a phone shows in its user's language; written as Apple writes them
# (`_$!<HomePage>!$_`, read back as "HomePage" by formats.vcard.card_values.apple_label), not as a
# custom label of that text. DAVx5 (vcard4android) reads this form too.
APPLE_LABELS = frozenset(
    {"Home", "Work", "Other", "HomePage", "Mobile", "Main", "HomeFAX", "WorkFAX", "OtherFAX"}
    | {"Pager", "School"}
)

_GROUP = re.compile(r"([A-Za-z0-9-]+)\.([A-Za-z0-9-]+)[;:]")
# Apple keeps an address's format (its country code) beside it, in the address's item group.
_ADDRESS_COMPANIONS = frozenset({"X-ABADR"})
_PHOTO_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
)


def typed(
    name: str,
    item: Typed | PostalAddress,
    value: str,
    v4: bool,
    groups: GroupNumbers,
    params: str = "",
    group: str = "",
) -> Iterator[str]:
    """The property's line, in an item group of its own when it has a label (`group`: the one
    it must be in, when the card has lines of that group already)."""
    kinds = split_kinds(item.kind)
    if item.preferred and not v4:
        kinds.append("pref")
    if kinds:
        params += ";TYPE=" + ",".join(param_value(kind, v4) for kind in kinds)
    if item.preferred and v4:
        params += ";PREF=1"
    if item.label or group:
        group = group or groups.next()
        yield f"{group}.{name}{params}:{value}"
    if item.label:
        label = f"_$!<{item.label}>!$_" if item.label in APPLE_LABELS else item.label
        yield f"{group}.X-ABLabel:{escaped_text(label)}"
    elif not group:
        yield f"{name}{params}:{value}"


def split_kinds(kind: str) -> list[str]:
    return [part for part in (piece.strip() for piece in kind.split(",")) if part]


def address_value(address: PostalAddress) -> str:
    return ";".join(
        escaped_text(part)
        for part in (
            address.po_box,
            address.extended,
            address.street,
            address.locality,
            address.region,
            address.postal_code,
            address.country,
        )
    )


def photo_line(data: bytes, mime: str, v4: bool) -> str:
    mime = mime or _sniff_mime(data)
    encoded = base64.b64encode(data).decode("ascii")
    if v4:
        return f"PHOTO:data:{mime};base64,{encoded}"
    if not mime:
        return f"PHOTO;ENCODING=b:{encoded}"
    kind = mime[6:].upper() if mime.lower().startswith("image/") else mime
    return f"PHOTO;ENCODING=b;TYPE={param_value(kind, False)}:{encoded}"


def _sniff_mime(data: bytes) -> str:
    for magic, mime in _PHOTO_MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return ""


def looks_like_uri(value: str) -> bool:
    scheme, colon, rest = value.partition(":")
    return bool(colon and rest and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme))


def fallback_name(record: ContactRecord) -> str:
    """FN is required: when the record has none, name the card by what it does have."""
    parts = (record.prefix, record.given_name, record.middle_name, record.family_name)
    name = " ".join(part for part in parts if part)
    if record.suffix and name:
        name = f"{name}, {record.suffix}"
    return (
        name
        or record.nickname
        or record.organization
        or next((email.value for email in record.emails if email.value), "")
        or next((phone.value for phone in record.phones if phone.value), "")
    )


class GroupNumbers:
    """Hands out item1, item2, ... skipping the groups that the kept extra lines already use."""

    def __init__(self, extra_lines: list[str]) -> None:
        self._taken = set()
        # Group -> the property names of the kept lines in it, groups in the order they come.
        self._members: dict[str, set[str]] = {}
        for line in extra_lines:
            match = _GROUP.match(line)
            if match:
                self._taken.add(match.group(1).lower())
                names = self._members.setdefault(match.group(1), set())
                names.add(match.group(2).upper())
        self._number = 0

    def address_groups(self, count: int) -> list[str]:
        """The groups of kept Apple address lines (item3.X-ABADR:gb), one for each of the
        `count` addresses in order, so that each goes back beside its address; none when they
        do not pair up one to one."""
        found = [
            group
            for group, names in self._members.items()
            if names & _ADDRESS_COMPANIONS and names <= _ADDRESS_COMPANIONS | {"X-ABLABEL"}
        ]
        return found if len(found) == count else []

    def next(self) -> str:
        while True:
            self._number += 1
            group = f"item{self._number}"
            if group not in self._taken:
                return group

"""A vCard PHOTO value to picture bytes and their media type, and the size netdesk keeps.

Base64 (2.1 ENCODING=BASE64, 3.0 ENCODING=b), 4.0 data: URIs (base64 or percent-encoded) and
base64 that only lacks its ENCODING parameter become bytes; links and anything that is not a
picture are left to the reader to keep verbatim (formats.vcard.read_card.CardReader.photo).
"""

from __future__ import annotations

import binascii
from urllib.parse import unquote_to_bytes

from netdesk.formats.vcard.read_line import Params, unescape

BAD_PHOTO = "photo is not valid base64; the contact was read without it"
# The largest picture (or sound or key) a card may bring, decoded: a phone's full-resolution
# photo is 3-8 MB, a contact picture 10-200 KB. The reader refuses longer ones before decoding
# them, from the length of their text (formats.vcard.read); this checks what was decoded all the
# same.
BINARY_LIMIT = 10 * 1024 * 1024
BASE64 = frozenset({"B", "BASE64"})
_IMAGE_TYPES = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "pjpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
    "webp": "image/webp",
    "heic": "image/heic",
}


def too_big(what: str, size: int) -> str:
    """The report of a picture, sound or key over BINARY_LIMIT (`size` decoded, estimated)."""
    megabytes = size / (1024 * 1024)
    limit = BINARY_LIMIT // (1024 * 1024)
    return (
        f"the {what} is about {megabytes:,.0f} MB, more than the {limit} MB netdesk keeps; "
        "the contact was read without it"
    )


def decode_photo(value: str, params: Params | None) -> tuple[bytes | None, str] | None:
    """(data, media type) of a non-empty PHOTO value; data is None for broken base64.
    None when the value is a link or something netdesk cannot show (kept for the export)."""
    types = params.types if params else []
    mime = (params.mediatype if params else "") or image_mime(types)
    if "\\" in value:
        value = unescape(value)  # "data:image/png;base64\,..." (4.0 escapes the comma)
    if value[:5].lower() == "data:":
        head, _, payload = value.partition(",")
        mime = head[5:].partition(";")[0].strip().lower() or mime
        data = base64(payload) if ";base64" in head.lower() else unquote_to_bytes(payload)
    elif params is not None and params.encoding in BASE64:
        data = base64(value)
    else:
        # A link (VALUE=uri) or something netdesk cannot show: keep it for the export,
        # unless it is base64 image data that only lacks its ENCODING parameter.
        data = None if "://" in value else base64(value)
        if data is None or not sniff_image(data):
            return None
    return data, mime


def base64(value: str) -> bytes | None:
    compact = "".join(value.split()).rstrip("=")
    compact += "=" * (-len(compact) % 4)
    try:
        return binascii.a2b_base64(compact.encode("ascii"), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError):
        return None


def sniff_image(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"GIF8"):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"BM"):
        return "image/bmp"
    return ""


def image_mime(types: list[str]) -> str:
    for kind in types:
        if kind.startswith("image/"):
            return kind
        if kind in _IMAGE_TYPES:
            return _IMAGE_TYPES[kind]
    return ""

"""What netdesk accepts when it fetches a contact's photo from the web: http and https only, the
time and size limits, the picture types, and the error that says why not. Shared by the service
(photo_fetch) and the download itself (web_fetch)."""

from __future__ import annotations

from netdesk.services.errors import ServiceError

TIMEOUT_SECONDS = 10  # for each read
OVERALL_SECONDS = 30  # for the whole download, however the server paces it
MAX_BYTES = 10 * 1024 * 1024
WEB_SCHEMES = ("http", "https")


class PhotoFetchError(ServiceError):
    """The photo could not be fetched or is not a picture; the message says why, plainly."""


def image_type(data: bytes) -> str:
    """The MIME type of a JPEG, PNG, GIF or WebP picture, by its first bytes; "" otherwise."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return ""

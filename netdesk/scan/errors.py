"""The one error the card scanner raises: a picture it cannot read, said in words."""

from __future__ import annotations


class ScanError(ValueError):
    """A picture that cannot be scanned; the message names the file and the reason
    ("IMG_1.jpg: the file is cut off (truncated JPEG)") and stands on its own."""

"""From the bytes of a vCard file to unfolded content lines and their text.

The work is in two modules: `formats.vcard.lines` splits and unfolds lines (line ends, folds,
soft line breaks), `formats.vcard.charset` decodes their text (byte order marks, UTF-16/32,
CHARSET, legacy code pages). Their names are importable from here too.
"""

from __future__ import annotations

from netdesk.formats.vcard.charset import (
    TextDecoder,
    codec_for,
    guess_legacy_codec,
    to_ascii_compatible,
)
from netdesk.formats.vcard.lines import CHUNK, CUT_HEAD, logical_lines, sized_lines

__all__ = [
    "CHUNK",
    "CUT_HEAD",
    "TextDecoder",
    "codec_for",
    "guess_legacy_codec",
    "logical_lines",
    "sized_lines",
    "to_ascii_compatible",
]

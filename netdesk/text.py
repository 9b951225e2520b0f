"""Text folding shared by search and sorting."""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not split into base + accent.
_EXTRA_FOLDS = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Schröder" and "schroder" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def sort_key_for_name(family: str, given: str, formatted: str) -> str:
    parts = [p for p in (family, given) if p.strip()]
    return fold(" ".join(parts) if parts else formatted).strip()

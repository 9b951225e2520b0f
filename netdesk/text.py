"""Text folding shared by search and sorting, and text put on one line."""

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
    if text.isascii():  # most text; NFKD and the table change nothing there
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def sort_key_for_name(family: str, given: str, formatted: str) -> str:
    """Family name first. A name typed in one piece ("Ann Lee") is read as given names then
    a family name, so that it sorts among the others by "Lee"."""
    if not (family.strip() or given.strip()):
        *given_words, last = formatted.split() or [""]
        family, given = last, " ".join(given_words)
    # Folding can lengthen a name ("ß" -> "ss"): the column holds 255 characters.
    return fold(" ".join(p for p in (family, given) if p.strip())).strip()[:255]


def one_line(text: str) -> str:
    """`text` with line breaks, tabs and other control characters as single spaces."""
    cleaned = "".join(" " if ch < " " or "\x7f" <= ch <= "\x9f" else ch for ch in text)
    cleaned = cleaned.replace("\u2028", " ").replace("\u2029", " ")
    return " ".join(cleaned.split())


def followup_line(name: str, action: str, event: str = "") -> str:
    """ "Ana Lima — send the slides (PyCon DE)": a due follow-up in the tray's message, the
    banner and `netdesk due`."""
    text = f"{one_line(name)} — {one_line(action)}"
    return f"{text} ({one_line(event)})" if event.strip() else text

"""The lines of a card made ready for the field recogniser: tidied text, a label printed in a
column of its own ("Tel." left of the number) joined to the text it labels, reading order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from netdesk.scan.text_lines import TextLine

# Words that only label what follows them: alone on a line they name the next line's kind.
_LABEL_ONLY = re.compile(
    r"^(?:m|mob|mobile|mobil|handy|cell|celular|móvil|movil|tel|tél|t|phone|p|telefon|"
    r"telefone|teléfono|téléphone|fon|office|büro|f|fax|télécopie|e|email|e-mail|mail|"
    r"correo|courriel|w|web|www|internet|site|website|a|adresse|address|dirección|endereço|"
    r"adres|tel\.?\s*kom|kom|手机|手機|电话|電話|传真|傳真|邮箱|郵箱|携帯|tel|fax)"
    r"\s*[.:：]?$",
    re.IGNORECASE,
)
# What is left of a line once its email, number... were taken, that says nothing on its own.
NOISE = re.compile(
    r"^(?:[\W_]*|(?:(?:e-?mail|mail|e|w|web|www|internet|site|website|url|courriel|correo|"
    r"tel|t|m|f|fax|phone|mob|mobile|o|p|linkedin|twitter|x|github|mastodon|instagram|in|"
    r"邮箱|郵箱|网址|網址|电邮|メール|@)\W*)+)$",
    re.IGNORECASE,
)


@dataclass
class CardLine:
    """A line of the card while the recogniser works on it: `text` shrinks as fields take
    parts of it."""

    source: TextLine
    text: str
    used: bool = False

    @property
    def height(self) -> float:
        return self.source.height


def card_lines(lines: Sequence[TextLine]) -> list[CardLine]:
    """The card's lines in reading order, tidied, with lone labels joined to their text."""
    kept = [
        CardLine(line, tidy(line.text)) for line in lines if tidy(line.text) and line.height > 0
    ]
    variants = (
        _JAPANESE_FORMS if any(_JAPANESE.search(item.text) for item in kept) else _CHINESE_FORMS
    )
    for item in kept:
        item.text = item.text.translate(variants)
    kept.sort(key=lambda item: (item.source.top + item.source.height / 2, item.source.left))
    kept = _in_rows(kept)
    for item in kept:
        if item.used or not _LABEL_ONLY.match(item.text):
            continue
        partner = _right_neighbour(item, kept)
        if partner is not None and not _LABEL_ONLY.match(partner.text):
            partner.text = f"{item.text} {partner.text}"
            item.used = True
    return [item for item in kept if not item.used]


# The text reader mixes up the Chinese (simplified) and Japanese forms of a few characters:
# each card is written in its own script's forms.
_JAPANESE = re.compile(r"[\u3040-\u30ff〒]|株式会社|有限会社")
_JAPANESE_FORMS = str.maketrans("爱带惠强黃", "愛帯恵強黄")
_CHINESE_FORMS = str.maketrans("強黃愛帶", "强黄爱带")


def tidy(text: str) -> str:
    """One line of text with its spaces evened out and stray marks at the ends dropped."""
    text = text.replace("\u3000", " ").replace("\u00a0", " ")
    # Katakana read for the hiragana it looks like, inside a hiragana word ("ひかリ").
    text = re.sub(
        r"(?<=[\u3041-\u3096]{2})[リヘベペ]|(?<=[\u3041-\u3096])[リヘベペ](?![\u30a1-\u30fa])",
        _hiragana,
        text,
    )
    return " ".join(text.split()).strip(" |·•")


def _hiragana(match: re.Match[str]) -> str:
    return chr(ord(match.group(0)) - 0x60)


def _in_rows(items: list[CardLine]) -> list[CardLine]:
    """Reading order: lines whose middles sit within half a line of each other are one row,
    read left to right."""
    ordered: list[CardLine] = []
    row: list[CardLine] = []
    for item in items:
        middle = item.source.top + item.height / 2
        if row:
            first = row[0].source
            if abs(middle - (first.top + first.height / 2)) > min(item.height, first.height) / 2:
                ordered.extend(sorted(row, key=lambda line: line.source.left))
                row = []
        row.append(item)
    ordered.extend(sorted(row, key=lambda line: line.source.left))
    return ordered


def _right_neighbour(label: CardLine, items: list[CardLine]) -> CardLine | None:
    """The nearest line to the right of a label on the same row, if there is one."""
    source = label.source
    middle = source.top + source.height / 2
    best: CardLine | None = None
    for item in items:
        other = item.source
        if item is label or item.used or other.left < source.right - source.height:
            continue
        if abs(other.top + other.height / 2 - middle) > max(other.height, source.height) * 0.6:
            continue
        if other.left - source.right > 12 * source.height:
            continue
        if best is None or other.left < best.source.left:
            best = item
    return best

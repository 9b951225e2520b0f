"""Which line of a card is the name, the title, the phones... (placeholder until the field
recogniser lands: everything is unplaced)."""

from __future__ import annotations

from collections.abc import Sequence

from netdesk.scan.card_fields import CardFields
from netdesk.scan.text_lines import TextLine


def recognise(lines: Sequence[TextLine], region: str | None = None) -> CardFields:
    """The fields of one card from its lines of text; `region` is the user's own country
    (ISO 3166 alpha-2) for numbers printed without a country code."""
    return CardFields(unplaced=[line.text for line in lines])

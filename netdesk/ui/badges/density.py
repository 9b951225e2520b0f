"""The badge dialog's warning when a badge's QR code is too dense for its square."""

from __future__ import annotations

from collections.abc import Sequence

from netdesk.cards import badge_paint
from netdesk.cards.badge import Badge
from netdesk.cards.qr import PayloadTooLong, density_warning, qr_code
from netdesk.cards.templates import LabelTemplate


class DensityAdvice:
    """Remembers each advice given: making a code costs more than a redraw of the preview."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], str] = {}

    def warning(self, badges: Sequence[Badge], template: LabelTemplate) -> str:
        """About the longest code: if that one reads well, the shorter ones do too."""
        if not badges:
            return ""
        longest = max(badges, key=lambda b: len(b.payload))
        key = (longest.payload, template.id)
        if key not in self._cache:
            side = badge_paint.qr_side_mm(template)
            try:
                code = qr_code(longest.payload)
            except PayloadTooLong as exc:
                text = f"{longest.full_name}: {exc}"
            else:
                # The core's advice mentions MECARD, which badges do not offer: say it here.
                text = (
                    f"{longest.full_name}'s code is dense for its {side:.0f} mm square (about "
                    f"{code.min_print_mm():.0f} mm reads reliably): phones may struggle. Pick "
                    "a larger label, or share fewer of their details."
                    if density_warning(code, side)
                    else ""
                )
            self._cache[key] = text
        return self._cache[key]

"""How the user asked a sheet of badges to be printed: where on the first sheet to start, the
printer's offsets, cut guides, and the event's name and logo on every badge. Read by the sheet
(badge_sheet) and by each badge's painting (badge_paint)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QImage


@dataclass(frozen=True)
class SheetOptions:
    start_at: int = 1  # 1-based label on the first sheet (skip used labels)
    offset_x_mm: float = 0.0  # printer offsets: positive moves everything right / down
    offset_y_mm: float = 0.0
    cut_guides: bool = False
    event_name: str = ""
    logo: QImage | None = None  # optional event logo, drawn in the badge's top corner

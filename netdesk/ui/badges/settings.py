"""What the badge dialog remembers: offsets per printer, the logo per event, the last template."""

from __future__ import annotations

from urllib.parse import quote

from PySide6.QtCore import QSettings

PREFIX = "badges"
DEFAULT_PRINTER_KEY = "default"


def _key_part(text: str) -> str:
    # Printer names hold slashes and spaces, which QSettings would read as groups.
    return quote(text, safe="") or DEFAULT_PRINTER_KEY


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


class BadgeSettings:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def offsets(self, printer: str) -> tuple[float, float]:
        base = f"{PREFIX}/printers/{_key_part(printer)}"
        return (
            _float(self._settings.value(f"{base}/offset_x", 0.0)),
            _float(self._settings.value(f"{base}/offset_y", 0.0)),
        )

    def set_offsets(self, printer: str, x_mm: float, y_mm: float) -> None:
        base = f"{PREFIX}/printers/{_key_part(printer)}"
        self._settings.setValue(f"{base}/offset_x", x_mm)
        self._settings.setValue(f"{base}/offset_y", y_mm)

    def logo(self, event_id: int) -> str:
        return str(self._settings.value(f"{PREFIX}/events/{event_id}/logo", "") or "")

    def set_logo(self, event_id: int, path: str) -> None:
        key = f"{PREFIX}/events/{event_id}/logo"
        if path:
            self._settings.setValue(key, path)
        else:
            self._settings.remove(key)

    def text(self, name: str, default: str = "") -> str:
        return str(self._settings.value(f"{PREFIX}/{name}", default) or default)

    def flag(self, name: str, default: bool) -> bool:
        value = self._settings.value(f"{PREFIX}/{name}", default)
        if isinstance(value, str):  # INI files give back "true" and "false"
            return value.lower() == "true"
        return bool(value)

    def set_value(self, name: str, value: str | bool) -> None:
        self._settings.setValue(f"{PREFIX}/{name}", value)

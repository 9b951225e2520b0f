"""QR codes as plain module matrices, made once per payload and cached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# A phone reads a module of about 0.6 mm from arm's length: a version 7 vCard code (45 modules)
# then wants 27 mm plus its quiet zone, the "3 cm" printers of badges go by.
MIN_MODULE_MM = 0.6
QUIET_ZONE = 4  # modules of white around the code, as ISO 18004 asks
# Beyond this many modules a code on a phone screen held across a table gets hard to read.
MAX_EASY_MODULES = 77  # version 15


@dataclass(frozen=True)
class QrCode:
    payload: str
    version: int
    error_correction: str  # "L", "M", "Q" or "H"
    rows: tuple[bytes, ...]  # one byte per module, 1 = dark; no quiet zone

    @property
    def size(self) -> int:
        return len(self.rows)

    def min_print_mm(self) -> float:
        """The smallest printed side, quiet zone included, that phones still read well."""
        return (self.size + 2 * QUIET_ZONE) * MIN_MODULE_MM


def error_correction_for(payload: str) -> str:
    """pretix's rule: short codes afford the strongest correction, long ones the weakest."""
    length = len(payload.encode("utf-8"))
    if length <= 32:
        return "H"
    if length <= 128:
        return "M"
    return "L"


# The most a QR code holds in byte mode: version 40 at the lowest error correction (ISO 18004).
MAX_PAYLOAD_BYTES = 2953


def fits_in_a_code(payload: str) -> bool:
    """Whether the payload fits in a QR code at all, without making the code."""
    return len(payload.encode("utf-8")) <= MAX_PAYLOAD_BYTES


class PayloadTooLong(ValueError):
    """More data than the largest QR code holds."""


@lru_cache(maxsize=8192)
def qr_code(payload: str) -> QrCode:
    """The code for this payload. Cached: printing the same badges again costs nothing."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M
    from qrcode.exceptions import DataOverflowError

    level = error_correction_for(payload)
    constant = {"H": ERROR_CORRECT_H, "M": ERROR_CORRECT_M, "L": ERROR_CORRECT_L}[level]
    qr = qrcode.QRCode(error_correction=constant, border=0)
    # Bytes, so that accented names are UTF-8 in byte mode, which phones expect.
    qr.add_data(payload.encode("utf-8"))
    try:
        qr.make(fit=True)
    except (DataOverflowError, ValueError) as exc:
        raise PayloadTooLong(
            f"Too much to fit in a QR code ({len(payload.encode('utf-8')):,} bytes): "
            "share fewer fields."
        ) from exc
    rows = tuple(bytes(1 if cell else 0 for cell in row) for row in qr.get_matrix())
    return QrCode(payload=payload, version=qr.version or 0, error_correction=level, rows=rows)


FEWER_FIELDS = "Share fewer fields or use MECARD."


def density_warning(
    code: QrCode, printed_mm: float | None = None, advice: str = FEWER_FIELDS
) -> str:
    """Why this code may be hard to scan, or "" when it should read fine.

    With a printed size, the modules are checked against what a phone camera resolves; without
    one (a code on screen), the number of modules is."""
    if printed_mm is not None:
        need = code.min_print_mm()
        if printed_mm + 1e-6 < need:
            return (
                f"This code is dense for its size ({printed_mm:.0f} mm; about {need:.0f} mm "
                f"reads reliably). {advice}"
            )
        return ""
    if code.size > MAX_EASY_MODULES:
        return (
            f"This code is dense ({code.size} x {code.size} modules) and may be hard to scan. "
            f"{advice}"
        )
    return ""

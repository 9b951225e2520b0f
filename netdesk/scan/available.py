"""Whether the optional card scanner (`pip install 'netdesk[scan]'`) is installed, checked
without importing it (importing the OCR engine and OpenCV takes a second)."""

from __future__ import annotations

import importlib.util
import os

# The modules the scanner cannot work without (the import names of the `scan` extra).
REQUIRED_MODULES = ("rapidocr", "onnxruntime", "cv2", "numpy", "PIL")

NOT_INSTALLED = (
    "The card scanner is not installed. Install it with: pip install 'netdesk[scan]' "
    "(or run scripts/setup-debian again)"
)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing_scanner() -> str | None:
    """None when the scanner can run here; else the message telling the user how to get it.

    NETDESK_NO_SCANNER=1 makes netdesk behave as if the extra were missing (for packagers who
    leave it out, and for testing the message without uninstalling anything)."""
    if os.environ.get("NETDESK_NO_SCANNER", "").strip() not in ("", "0"):
        return NOT_INSTALLED
    if all(_installed(module) for module in REQUIRED_MODULES):
        return None
    return NOT_INSTALLED


def heic_supported() -> bool:
    """Whether HEIC photos (an iPhone's default) can be read: pillow-heif is installed."""
    return _installed("pillow_heif") and _installed("PIL")
